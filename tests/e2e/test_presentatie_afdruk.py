"""Presentation mode (1920×1080, ?presentatie=1) and the print view (?afdruk=1), in the browser.

Projector, every page: the first screen holds the page's main chart (a Plotly chart mostly
within the top 1080 px), metric values are drawn at least 1,5 times their label and nothing in
a metric is cut off, and the page's inputs are behind the one 'Instellingen' control of the top
bar: no other input widget is visible.

Paper, every page: printed the way Chromium prints it (print media, A4 landscape) the page is
at most three sheets, no input widget's label is printed (the labels are collected from the
page on screen first), and the chosen settings are printed as one line of words.

Screenshots: the first screen on the projector (``<page>-presentatie.png``) and the first
printed sheet (``<page>-afdruk.png``, from the PDF with poppler's pdftoppm when installed,
else the page with print media emulated) go to artifacts/screenshots/ (IJMOND_SCREENSHOTS=docs:
docs/screenshots/).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from ijmond_dash import ui

from .browser import exceptions, open_page, page_url, wait_idle
from .conftest import screenshot_dir, track_console

pytestmark = pytest.mark.e2e

PAGINAS = [s for s in ui.PAGES.values() if not s.beheer]
# The pages a presenter puts on the projector: not Sessies, where a sessie is put together (on the
# projector its views are shown, not the list); it is printed like every other page.
GETOOND = [s for s in PAGINAS if s.key != "sessies"]
PROJECTOR = {"width": 1920, "height": 1080}
MAX_VELLEN = 3
ZICHTBAAR_AANDEEL = 0.75  # "mostly within the first screen": this share of the chart's height
INVOER = ", ".join(
    f"[data-testid='{t}']"
    for t in (
        "stSelectbox",
        "stMultiSelect",
        "stRadio",
        "stSlider",
        "stNumberInput",
        "stTextInput",
        "stTextArea",
        "stDateInput",
        "stTimeInput",
        "stCheckbox",
        "stButtonGroup",
        "stColorPicker",
    )
)

ZICHTBAAR_JS = """const zichtbaar = el => {
    if (!el || !el.isConnected) return false;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };"""

# The input widgets of the page on screen (not the view-mode toggles of the top bar): their labels.
LABELS_JS = """(sel) => { ZICHTBAAR
  return [...document.querySelectorAll("[data-testid='stMain'] " + sel.split(', ').join(", [data-testid='stMain'] "))]
    .filter(e => !e.closest('.st-key-ijw_balk'))
    .map(e => (e.querySelector("[data-testid='stWidgetLabel']") || {innerText: e.getAttribute('aria-label') || ''})
      .innerText.replace(/\\s+/g, ' ').trim())
    .filter(t => t); }""".replace("ZICHTBAAR", ZICHTBAAR_JS)

EERSTE_SCHERM_JS = """(sel) => { ZICHTBAAR
  const H = window.innerHeight;
  const charts = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stPlotlyChart']")]
    .filter(zichtbaar).map(c => {
      const r = c.getBoundingClientRect();
      const zicht = Math.max(0, Math.min(r.bottom, H) - Math.max(r.top, 0));
      return {top: Math.round(r.top), hoogte: Math.round(r.height), aandeel: zicht / r.height};
    });
  const afgekapt = e => e.scrollWidth > e.clientWidth + 1;
  const metrics = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stMetric']")]
    .filter(zichtbaar).map(m => {
      const label = m.querySelector("[data-testid='stMetricLabel'] p")
        || m.querySelector("[data-testid='stMetricLabel']");
      const waarde = m.querySelector("[data-testid='stMetricValue']");
      const delen = [label, waarde,
        ...m.querySelectorAll("[data-testid='stMetricValue'] *, [data-testid='stMetricLabel'] *")];
      return {label: label.innerText.trim(), waarde: waarde.innerText.trim(),
              label_px: parseFloat(getComputedStyle(label).fontSize),
              waarde_px: parseFloat(getComputedStyle(waarde.querySelector('p') || waarde).fontSize),
              afgekapt: delen.filter(e => e && zichtbaar(e) && afgekapt(e)).map(e => e.innerText.slice(0, 40))};
    });
  const invoer = [...document.querySelectorAll(sel)].filter(zichtbaar)
    .filter(e => !e.closest('.st-key-ijw_balk') && !e.closest("[data-testid='stPopoverBody']"))
    .map(e => e.getAttribute('data-testid') + ': ' + e.innerText.replace(/\\s+/g, ' ').slice(0, 50));
  const instellingen = [...document.querySelectorAll(".st-key-ijw_balk [data-testid='stPopover'] button")]
    .filter(zichtbaar).map(b => b.innerText.trim()).filter(t => t.includes('Instellingen'));
  const h1 = document.querySelector("[data-testid='stMain'] h1");
  const boodschap = document.querySelector("[data-testid='stMain'] .ijw-boodschap");
  const scroll = document.querySelector("[data-testid='stMain']").scrollTop;
  return {charts, metrics, invoer, instellingen, scroll,
          h1: h1 ? h1.getBoundingClientRect().top : null,
          boodschap: boodschap && zichtbaar(boodschap) ? boodschap.getBoundingClientRect().bottom : null};
}""".replace("ZICHTBAAR", ZICHTBAAR_JS)


def _norm(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst).strip()


@pytest.fixture(scope="module")
def invoerlabels(sqlite_server, browser) -> dict[str, list[str]]:
    """Page key -> the labels of its input widgets, as the page shows them on a laptop screen."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    try:
        page = track_console(context.new_page())
        labels = {}
        for spec in PAGINAS:
            open_page(page, page_url(sqlite_server.base_url, spec.url_path))
            # the inputs in closed groups too (the scenario page's verdeelsleutel and dekking)
            dicht = page.locator("[data-testid='stMain'] [data-testid='stExpander'] details:not([open]) > summary")
            for _ in range(dicht.count()):
                dicht.first.click()
                wait_idle(page)
            labels[spec.key] = list(dict.fromkeys(page.evaluate(LABELS_JS, INVOER)))
        return labels
    finally:
        context.close()


def test_the_pages_have_the_inputs_this_test_expects(invoerlabels):
    """The checks below mean something: the scenario page has many inputs, the Overzicht one."""
    assert "Scenario" in invoerlabels["overzicht"]
    assert {"Gemeenten", "Maat"} <= set(invoerlabels["uitkeringen"])
    assert len(invoerlabels["scenario"]) >= 10 and "Verdeelsleutel" in invoerlabels["scenario"]
    assert "Dataset bekijken en downloaden" in invoerlabels["bronnen"]


def test_projector_first_screen_holds_message_and_main_chart(sqlite_server, browser, invoerlabels):
    context = browser.new_context(viewport=PROJECTOR, locale="nl-NL", timezone_id="Europe/Amsterdam")
    problemen: list[str] = []
    try:
        page = track_console(context.new_page())
        for spec in GETOOND:
            waar = f"{spec.key} (presentatie 1920×1080)"
            open_page(page, page_url(sqlite_server.base_url, spec.url_path, "presentatie=1"))
            page.wait_for_timeout(300)  # the charts' final size
            if exceptions(page):
                problemen.append(f"{waar}: Streamlit-fout {exceptions(page)}")
                continue
            page.screenshot(path=str(screenshot_dir() / f"{spec.key}-presentatie.png"))
            m = page.evaluate(EERSTE_SCHERM_JS, INVOER)
            if m["scroll"]:
                problemen.append(f"{waar}: de pagina opent niet bovenaan (scrollTop {m['scroll']})")
            if m["h1"] is None or m["h1"] > 150:
                problemen.append(f"{waar}: geen compacte titel bovenaan (h1 op {m['h1']} px)")
            if spec.key != "bronnen":  # Bronnen has no chart: its message and documents come first
                if m["boodschap"] is None:
                    problemen.append(f"{waar}: geen boodschap")
                if not any(c["aandeel"] >= ZICHTBAAR_AANDEEL for c in m["charts"]):
                    problemen.append(f"{waar}: geen grafiek op het eerste scherm: {m['charts'][:2]}")
                elif m["boodschap"] is not None and m["charts"][0]["top"] < m["boodschap"]:
                    problemen.append(f"{waar}: de grafiek staat boven de boodschap")
            for metric in m["metrics"]:
                if metric["waarde_px"] < 1.5 * metric["label_px"]:
                    problemen.append(
                        f"{waar}: kerncijfer '{metric['label']}': waarde {metric['waarde_px']:.0f} px, "
                        f"label {metric['label_px']:.0f} px (minder dan 1,5×)"
                    )
                if metric["afgekapt"]:
                    problemen.append(f"{waar}: kerncijfer '{metric['label']}' afgekapt: {metric['afgekapt']}")
            if m["invoer"]:
                problemen.append(f"{waar}: invoer zichtbaar naast 'Instellingen': {m['invoer']}")
            if invoerlabels[spec.key] and len(m["instellingen"]) != 1:
                problemen.append(
                    f"{waar}: de pagina heeft invoer maar geen (of meer dan één) 'Instellingen': {m['instellingen']}"
                )
            if not invoerlabels[spec.key] and m["instellingen"]:
                problemen.append(f"{waar}: 'Instellingen' zonder invoer")
    finally:
        context.close()
    assert not problemen, "\n".join(problemen)


def test_projector_settings_open_and_change_the_page(sqlite_server, page):
    """The inputs are reachable on the projector: 'Instellingen' opens them, a change applies."""
    open_page(page, page_url(sqlite_server.base_url, "uitkeringen", "presentatie=1"))
    page.locator(".st-key-ijw_balk [data-testid='stPopover'] button:visible").filter(has_text="Instellingen").click()
    body = page.locator("[data-testid='stPopoverBody']")
    body.locator("[data-testid='stMultiSelect']").wait_for(state="visible")
    body.locator("[data-testid='stRadio'] label").filter(has_text="Per 1.000 inwoners").click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('uitk_maat') !== null")
    assert "presentatie=1" in page.url


def _pdf_naar_png(pdf, png) -> bool:
    if not shutil.which("pdftoppm"):
        return False
    stam = png.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stam)],
        check=True,
        timeout=60,
    )
    return png.exists()


def test_print_is_at_most_three_sheets_of_results_with_the_settings_in_words(
    sqlite_server, page, invoerlabels, tmp_path
):
    from pypdf import PdfReader

    problemen: list[str] = []
    for spec in PAGINAS:
        waar = f"{spec.key} (afdruk, A4 liggend)"
        page.emulate_media(media="screen")
        open_page(page, page_url(sqlite_server.base_url, spec.url_path, "afdruk=1"))
        if exceptions(page):
            problemen.append(f"{waar}: Streamlit-fout {exceptions(page)}")
            continue
        regel_el = page.locator("[data-testid='stMain'] p.ijw-instellingen")
        regel = _norm(regel_el.inner_text()) if regel_el.count() else ""
        page.emulate_media(media="print")
        pdf = tmp_path / f"{spec.key}.pdf"
        page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
        png = screenshot_dir() / f"{spec.key}-afdruk.png"
        if not _pdf_naar_png(pdf, png):
            page.screenshot(path=str(png))
        lezer = PdfReader(str(pdf))
        vellen = [p.extract_text() or "" for p in lezer.pages]
        if len(vellen) > MAX_VELLEN:
            problemen.append(f"{waar}: {len(vellen)} vellen (hoogstens {MAX_VELLEN})")
        tekst = _norm(" ".join(vellen))
        regels = {_norm(r) for v in vellen for r in v.splitlines()}
        labels = invoerlabels[spec.key]
        if labels:
            if not regel.startswith("Instellingen: ") or re.search(r"\b[a-z]+_[a-z0-9_]+\b|\bNone\b", regel):
                problemen.append(f"{waar}: geen regel 'Instellingen: …' in woorden: {regel!r}")
            elif regel not in tekst:
                problemen.append(f"{waar}: de regel met instellingen staat niet op papier: {regel[:80]!r}")
        zonder_regel = tekst.replace(regel, " ") if regel else tekst
        for label in labels:
            if label in regels:
                problemen.append(f"{waar}: het label van een invoer staat op papier: {label!r}")
            elif len(label.split()) >= 2 and label in zonder_regel:
                problemen.append(
                    f"{waar}: het label van een invoer staat op papier (buiten de instellingen): {label!r}"
                )
        for woord in ("Download CSV", "Tabel: wat de grafiek toont", "Link kopiëren", "Afdrukweergave"):
            if woord in tekst:
                problemen.append(f"{waar}: '{woord}' staat op papier")
        if spec.key == "scenario":
            # the answer's last row, whole: the raadsvoorstel's € 2,3 mln in two equal years
            if not re.search(r"Samen € 1\.150\.000 € 1\.150\.000 € 2\.300\.000", tekst):
                problemen.append(f"{waar}: de tabel met het antwoord is niet heel afgedrukt")
            if re.search(r"€ \d+,\d+ mi\b", tekst):
                problemen.append(f"{waar}: een afgekapt bedrag: {re.search(r'€ [0-9,.]+ mi', tekst).group(0)}")
    assert not problemen, "\n".join(problemen)
