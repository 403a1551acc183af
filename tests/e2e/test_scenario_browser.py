"""The scenario page in a real browser, as a wethouder opens it.

On a laptop (1366×768) the first screen, without scrolling, holds the answer (net cost per
gemeente per year) with no text cut off or broken mid-word, and the fasering sliders beside it:
moving one changes a figure in that first screen. On a phone (390×844) the first screen shows
a result before any input. A link with "mijn gemeente" opens on that gemeente. The charts'
axis labels do not run into each other at laptop or phone width. In presentation mode the
inputs and their words are gone, no column is left empty. (Screenshots of the page at the three
sizes are written by test_leesbaarheid.py.)
"""

from __future__ import annotations

import json

import pytest

from .browser import exceptions, open_page, page_url, wait_idle

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 768}
TELEFOON = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
ANTWOORD = ".st-key-sc_antwoord [data-testid='stTable'] table"
CHARTS = 4  # per jaar, the three scenarios, the verdeelsleutels, the tornado

# Text in the first screen (or, with ``heel``, anywhere on the page) that is cut off: an element that clips its overflowing text (an
# ellipsis, overflow hidden), an input whose value or placeholder is wider than its box, or a
# word broken over two lines ("Verdeelsleut/el").
AFGEKAPT_JS = """(heel) => {
  const vw = window.innerWidth, vh = heel ? Infinity : window.innerHeight, uit = [];
  const main = document.querySelector("[data-testid='stMain']");
  const zichtbaar = el => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < vh && r.right > 0 && r.left < vw; };
  const canvas = document.createElement('canvas').getContext('2d');
  for (const el of main.querySelectorAll('*')) {
    if (!zichtbaar(el) || el.closest('.js-plotly-plot')) continue;
    const cs = getComputedStyle(el);
    if (el.tagName === 'INPUT' && el.type !== 'range' && el.type !== 'checkbox') {
      const tekst = el.value || el.placeholder || '';
      canvas.font = cs.font;
      const ruimte = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (tekst && canvas.measureText(tekst).width > ruimte + 1) uit.push('input: ' + tekst);
      continue;
    }
    const tekstknopen = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
    if (!tekstknopen.length) continue;
    const knipt = cs.textOverflow === 'ellipsis' || ['hidden', 'clip'].includes(cs.overflowX);
    if (knipt && el.scrollWidth > el.clientWidth + 1) uit.push('afgekapt: ' + el.textContent.trim().slice(0, 60));
    for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
      const as = getComputedStyle(a);
      if (['hidden', 'clip'].includes(as.overflowX) || as.textOverflow === 'ellipsis') {
        const r = el.getBoundingClientRect(), ar = a.getBoundingClientRect();
        if (r.right > ar.right + 1 || r.left < ar.left - 1) uit.push('buiten zijn vak: ' + el.textContent.trim().slice(0, 60));
        break;
      }
    }
    for (const knoop of tekstknopen) {
      const re = /[^\\s\\-]+/g; let m;  // a break after a hyphen ("re-/integratie") is no broken word
      while ((m = re.exec(knoop.textContent))) {
        const range = document.createRange();
        range.setStart(knoop, m.index); range.setEnd(knoop, m.index + m[0].length);
        const rs = [...range.getClientRects()].filter(r => r.width > 0);
        // on two lines: one part starts below where another ends (not a glyph of another font)
        if (rs.some(a => rs.some(b => b.top >= a.bottom - 2))) uit.push('woord gebroken: ' + m[0]);
      }
    }
  }
  return [...new Set(uit)];
}"""

# Pairs of x-axis tick labels of one chart whose boxes overlap ("€ 900.000€1000…").
TICKS_OVERLAP_JS = """() => {
  const uit = [];
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const titel = gd.layout && gd.layout.title ? (gd.layout.title.text || '') : '';
    for (const as of ['xtick', 'ytick']) {
      const r = [...gd.querySelectorAll('g.' + as + ' text')].map(t => [t.textContent, t.getBoundingClientRect()])
        .filter(([, b]) => b.width > 0);
      for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) {
        const [a, b] = [r[i][1], r[j][1]];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          uit.push(titel + ': ' + r[i][0] + ' / ' + r[j][0]);
      }
    }
  }
  return uit;
}"""


def _pagina(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-NL", timezone_id="Europe/Amsterdam")
    return context, context.new_page()


def _open(pg, server, query: str = "") -> None:
    open_page(pg, page_url(server.base_url, "scenario", query), charts=CHARTS)
    assert not exceptions(pg)


def _kader(pg, selector: str) -> dict:
    box = pg.locator(selector).first.bounding_box()
    assert box, f"{selector} is not on the page"
    return box


def _in_eerste_scherm(box: dict, viewport: dict) -> bool:
    return (
        box["y"] >= 0
        and box["y"] + box["height"] <= viewport["height"]
        and box["x"] + box["width"] <= viewport["width"]
    )


def _antwoord(pg) -> list[list[str]]:
    return pg.eval_on_selector(ANTWOORD, "t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))")


def test_laptop_first_screen_answers_and_the_fasering_moves_it(sqlite_server, browser):
    context, pg = _pagina(browser, LAPTOP)
    try:
        _open(pg, sqlite_server)
        assert pg.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollTop") == 0
        # the answer: every gemeente, every year, the totals, whole in the first screen
        assert _in_eerste_scherm(_kader(pg, ANTWOORD), LAPTOP)
        rijen = _antwoord(pg)
        assert rijen[0] == ["Gemeente", "2027", "2028", "Totaal"]
        assert [r[0] for r in rijen[1:]] == ["Velsen", "Beverwijk", "Heemskerk", "Samen"]
        assert rijen[1][1:] == ["€\xa0528.000", "€\xa0529.000", "€\xa01.057.000"]
        assert not pg.evaluate(AFGEKAPT_JS, False), pg.evaluate(AFGEKAPT_JS, False)
        # the fasering sliders stand beside the answer, in the same first screen
        jaren = pg.locator(".st-key-sc_fasering [data-testid='stSlider'] input[type='range']").nth(0)
        eerste = pg.locator(".st-key-sc_fasering [data-testid='stSlider'] input[type='range']").nth(1)
        for schuif in (jaren, eerste):
            assert _in_eerste_scherm(schuif.bounding_box(), LAPTOP)

        voor = json.dumps(pg.eval_on_selector(ANTWOORD, "t => [...t.rows].map(r => r.innerText)"))
        eerste.focus()
        eerste.press("ArrowRight")  # 50% -> 55% in 2027
        pg.wait_for_function(
            "([s, v]) => JSON.stringify([...document.querySelector(s).rows].map(r => r.innerText)) !== v",
            arg=[ANTWOORD, voor],
        )
        wait_idle(pg, CHARTS)
        rijen = _antwoord(pg)
        assert rijen[1][1:] == ["€\xa0581.000", "€\xa0476.000", "€\xa01.057.000"]  # 55% and 45% of € 1.057.118
        assert _in_eerste_scherm(_kader(pg, ANTWOORD), LAPTOP)
        assert pg.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollTop") == 0

        jaren.focus()
        jaren.press("ArrowRight")  # 2 -> 3 years
        pg.wait_for_function("s => document.querySelector(s).rows[0].cells.length === 5", arg=ANTWOORD)
        wait_idle(pg, CHARTS)
        assert _antwoord(pg)[0] == ["Gemeente", "2027", "2028", "2029", "Totaal"]
        assert _in_eerste_scherm(_kader(pg, ANTWOORD), LAPTOP)
        assert not pg.evaluate(AFGEKAPT_JS, False), pg.evaluate(AFGEKAPT_JS, False)
        assert "sc_jaren=3" in pg.url and "sc_eerste=55" in pg.url
        assert not pg.evaluate(TICKS_OVERLAP_JS), pg.evaluate(TICKS_OVERLAP_JS)
        assert not exceptions(pg)

        _open(pg, sqlite_server)
        assert not pg.evaluate(AFGEKAPT_JS, True), pg.evaluate(AFGEKAPT_JS, True)  # nor further down
    finally:
        context.close()


def test_phone_first_screen_shows_a_result_before_any_input(sqlite_server, browser):
    context, pg = _pagina(browser, TELEFOON)
    try:
        _open(pg, sqlite_server)
        tabel = _kader(pg, ANTWOORD)
        # the answer begins in the first screen: its header and the first gemeente at least
        eerste_rij = pg.locator(ANTWOORD + " tbody tr").first.bounding_box()
        assert eerste_rij["y"] + eerste_rij["height"] <= TELEFOON["height"], (tabel, eerste_rij)
        invoer = pg.evaluate("""() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stSelectbox'],"
            + "[data-testid='stMain'] [data-testid='stSlider'], [data-testid='stMain'] [data-testid='stNumberInput'],"
            + "[data-testid='stMain'] [data-testid='stDateInput']")].map(e => e.getBoundingClientRect())
            .filter(r => r.height > 0).map(r => r.top)""")  # those in a closed section have no box
        assert invoer and min(invoer) > tabel["y"] + tabel["height"], "an input comes before the answer"
        # the table fits the phone: no column hidden to the right
        assert tabel["x"] + tabel["width"] <= TELEFOON["width"]
        assert not pg.evaluate(AFGEKAPT_JS, True), pg.evaluate(AFGEKAPT_JS, True)
        pg.locator("[data-testid='stPlotlyChart']").last.scroll_into_view_if_needed()
        wait_idle(pg, CHARTS)
        assert not pg.evaluate(TICKS_OVERLAP_JS), pg.evaluate(TICKS_OVERLAP_JS)
    finally:
        context.close()


def test_a_link_opens_on_mijn_gemeente(sqlite_server, browser):
    context, pg = _pagina(browser, LAPTOP)
    try:
        _open(pg, sqlite_server, "sc_gemeente=Heemskerk")
        rijen = _antwoord(pg)
        assert rijen[1][0] == "Heemskerk" and [r[0] for r in rijen[2:]] == ["Beverwijk", "Velsen", "Samen"]
        gewicht = pg.eval_on_selector(ANTWOORD + " tbody tr td", "td => getComputedStyle(td).fontWeight")
        assert int(gewicht) >= 700  # marked, not by colour alone
        assert (
            pg.locator("[data-testid='stMain'] .ijw-boodschap, [data-testid='stMain'] p")
            .filter(has_text="Scenario 2 kost Heemskerk")
            .count()
            >= 1
        )
    finally:
        context.close()


def test_presentation_shows_results_without_inputs_or_empty_columns(sqlite_server, browser):
    context, pg = _pagina(browser, PROJECTOR)
    try:
        _open(pg, sqlite_server, "presentatie=1")
        assert not pg.locator(".st-key-sc_invoer").is_visible()
        assert pg.locator(ANTWOORD).is_visible()
        leeg = pg.evaluate("""() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stColumn']")]
            .filter(c => c.getBoundingClientRect().width > 0)
            .filter(c => ![...c.querySelectorAll('p, td, svg, h1, h2, h3')].some(e => {
                const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }))
            .map(c => c.innerText.slice(0, 40))""")
        assert not leeg, f"columns without anything to see on the projector: {leeg}"
    finally:
        context.close()
