"""Every screen reads at a glance: every page of the app, at a laptop (1366×768), on a projector
(1920×1080 with ?presentatie=1) and on a phone (390×844), measured in the rendered page.

- no two chart texts overlap (tick labels, legend items, annotations, the Sankey's labels, bar
  values: the SVG text boxes, with a small tolerance);
- no text is cut off: no ellipsis or overflow in metrics, widget labels, headings, captions and
  the charts' titles, subtitles and source lines; no SVG text runs out of its chart;
- no code where a person expects words: no source file name (``002_1ffd1c96ac75314c.txt``), no
  gemeente code (``GM0375``, ``IJMOND``), no snake_case identifier in the visible text of the
  page, its sidebar and its charts;
- in presentation mode every metric value is drawn larger than its label;
- on the laptop every chart's plot area is at least 55% of the chart's width.

Pages with tabs are checked tab by tab. Every failure names the page, the viewport and the
offending text. One screenshot per page and viewport, the page's whole height, goes to
artifacts/screenshots/ (``IJMOND_SCREENSHOTS=docs``: docs/screenshots/), named
``<page>-<viewport>.png``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from ijmond_dash import ui

from .browser import exceptions, open_page, page_url, wait_idle
from .conftest import screenshot_dir, track_console

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Viewport:
    naam: str
    width: int
    height: int
    query: str = ""


VIEWPORTS = (
    Viewport("laptop", 1366, 768),
    Viewport("presentatie", 1920, 1080, "presentatie=1"),
    Viewport("telefoon", 390, 844),
)
OVERLAP_PX = 2  # boxes may touch by this much (anti-aliasing, rounding)
PLOT_AANDEEL = 0.55  # laptop: plot area at least this share of the chart's width
MAX_SCREENSHOT_PX = 16_000

# Codes a person should never have to read.
CODES = (
    ("bestandsnaam", re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")),
    ("gemeentecode", re.compile(r"\bGM\d{4}\b")),
    ("regiocode", re.compile(r"\bIJMOND\d?\b")),
    ("snake_case", re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")),
)

# Everything measured in one pass over the page, in the browser (getBoundingClientRect).
MEET_JS = r"""() => {
  const zichtbaar = el => {
    if (!el || !el.isConnected) return false;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const tekst = el => (el.textContent || '').replace(/\s+/g, ' ').trim();
  const rect = el => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const out = {charts: [], afgekapt: [], zichtbaar: '', metrics: []};

  // charts: every SVG text that is drawn, per chart
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")].filter(zichtbaar);
  charts.forEach((c, n) => {
    const gd = c.querySelector('.js-plotly-plot');
    if (!gd) return;
    const blok = c.closest("[class*='st-key-ijw_grafiek_']");
    const titelEl = blok ? blok.querySelector('.ijw-grafiek-titel') : null;
    const titel = titelEl ? tekst(titelEl) : ('grafiek ' + (n + 1));
    const svg = gd.querySelector('.main-svg');
    const svgRect = svg ? rect(svg) : rect(gd);
    const teksten = [...gd.querySelectorAll('svg text')]
      .filter(t => !t.closest('.hoverlayer') && !t.closest('.modebar') && tekst(t) && zichtbaar(t))
      .map(t => {
        const soort = t.closest('.xtick') ? 'x-as' : t.closest('.ytick') ? 'y-as'
          : t.closest('.legend') ? 'legenda' : t.closest('.annotation') ? 'annotatie'
          : t.closest('.g-xtitle, .g-ytitle') ? 'astitel' : t.closest('.gtitle') ? 'titel'
          : t.classList.contains('bartext') || t.closest('.bartext') ? 'waarde' : 'tekst';
        return {tekst: tekst(t), soort, ...rect(t)};
      });
    const plots = [...gd.querySelectorAll('.draglayer .nsewdrag')].filter(zichtbaar).map(rect);
    out.charts.push({titel, svg: svgRect, teksten, plots, breedte: rect(c).w});
  });

  // text that is cut off: an ellipsis or an overflowing box
  const roots = [...document.querySelectorAll("[data-testid='stMain'], [data-testid='stSidebar']")];
  const soorten = [
    ["metric-label", "[data-testid='stMetricLabel']"], ["metric-waarde", "[data-testid='stMetricValue']"],
    ["label", "[data-testid='stWidgetLabel']"], ["kop", "h1, h2, h3, h4, h5, h6"],
    ["bijschrift", "[data-testid='stCaptionContainer']"], ["grafiektitel", ".ijw-grafiek-kop, .ijw-grafiek-bron"],
    ["tab", "[role='tab']"],
  ];
  for (const [soort, sel] of soorten) {
    for (const root of roots) {
      for (const el of root.querySelectorAll(sel)) {
        if (!zichtbaar(el)) continue;
        for (const e of [el, ...el.querySelectorAll('*')]) {
          if (!zichtbaar(e) || !tekst(e)) continue;
          const s = getComputedStyle(e);
          const knipt = s.textOverflow === 'ellipsis' || ['hidden', 'clip'].includes(s.overflowX)
            || ['hidden', 'clip'].includes(s.overflow);
          if (knipt && e.scrollWidth > e.clientWidth + 1) {
            out.afgekapt.push({soort, tekst: tekst(e), breed: e.scrollWidth, ruimte: e.clientWidth});
            break;
          }
        }
      }
    }
  }
  // visible words: the page, its sidebar, the open tables, and the charts' SVG text
  // (not the names of Material icons: their ligature text is drawn as a symbol)
  const woorden = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const gezien = new Map();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || el.closest("svg, [data-testid='stIconMaterial'], script, style")) continue;
      if (!gezien.has(el)) gezien.set(el, zichtbaar(el) && !/Material/.test(getComputedStyle(el).fontFamily));
      if (gezien.get(el)) woorden.push(n.textContent);
    }
  }
  out.zichtbaar = woorden.join('\n') + '\n' + out.charts.map(c => c.teksten.map(t => t.tekst).join('\n')).join('\n');

  // metrics: the size the value's and the label's text is drawn at (the element that holds
  // the text itself, not a container whose font size its children may override)
  const getekend = el => {
    let px = 0;
    for (const e of [el, ...el.querySelectorAll('*')]) {
      const eigen = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (eigen && zichtbaar(e)) px = Math.max(px, parseFloat(getComputedStyle(e).fontSize));
    }
    return px;
  };
  for (const m of document.querySelectorAll("[data-testid='stMetric']")) {
    if (!zichtbaar(m)) continue;
    const l = m.querySelector("[data-testid='stMetricLabel']");
    const v = m.querySelector("[data-testid='stMetricValue']");
    if (!l || !v) continue;
    out.metrics.push({label: tekst(l), waarde: tekst(v), label_px: getekend(l), waarde_px: getekend(v)});
  }
  return out;
}"""


def _overlap(a: dict, b: dict) -> bool:
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return dx > OVERLAP_PX and dy > OVERLAP_PX


def _buiten(t: dict, svg: dict) -> bool:
    return (
        t["x"] < svg["x"] - 1
        or t["y"] < svg["y"] - 1
        or t["x"] + t["w"] > svg["x"] + svg["w"] + 1
        or t["y"] + t["h"] > svg["y"] + svg["h"] + 1
    )


def beoordeel(meting: dict, waar: str, viewport: Viewport) -> list[str]:
    """The problems of one measured page (or tab), each naming where and what."""
    problemen = []
    for chart in meting["charts"]:
        plek = f"{waar}: grafiek '{chart['titel']}'"
        teksten = chart["teksten"]
        for i, a in enumerate(teksten):
            for b in teksten[i + 1 :]:
                if _overlap(a, b):
                    problemen.append(
                        f"{plek}: teksten overlappen: {a['soort']} '{a['tekst']}' en {b['soort']} '{b['tekst']}'"
                    )
            if _buiten(a, chart["svg"]):
                problemen.append(f"{plek}: tekst loopt buiten de grafiek: {a['soort']} '{a['tekst']}'")
        if viewport.naam == "laptop":
            for p in chart["plots"]:
                if p["w"] < PLOT_AANDEEL * chart["breedte"]:
                    problemen.append(
                        f"{plek}: tekengebied {p['w']:.0f} px is "
                        f"{p['w'] / chart['breedte']:.0%} van de grafiekbreedte "
                        f"{chart['breedte']:.0f} px (minstens {PLOT_AANDEEL:.0%})"
                    )
    for a in meting["afgekapt"]:
        problemen.append(f"{waar}: tekst afgekapt ({a['soort']}, {a['breed']} px in {a['ruimte']} px): '{a['tekst']}'")
    for naam, patroon in CODES:
        for gevonden in sorted(set(patroon.findall(meting["zichtbaar"]))):
            problemen.append(f"{waar}: {naam} zichtbaar: '{gevonden}'")
    if viewport.naam == "presentatie":
        for m in meting["metrics"]:
            if not m["waarde_px"] > m["label_px"]:
                problemen.append(
                    f"{waar}: kerncijfer '{m['label']}': waarde '{m['waarde']}' "
                    f"({m['waarde_px']:.0f} px) niet groter dan het label ({m['label_px']:.0f} px)"
                )
    return problemen


def _screenshot(page, naam: str) -> None:
    """The page's whole content: the viewport as high as what stMain scrolls."""
    vp = page.viewport_size
    hoogte = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": vp["width"], "height": min(max(hoogte, vp["height"]), MAX_SCREENSHOT_PX)})
    wait_idle(page)
    page.screenshot(path=str(screenshot_dir() / f"{naam}.png"))
    page.set_viewport_size(vp)
    wait_idle(page)


def _meet_per_tab(page, waar: str, viewport: Viewport) -> list[str]:
    tabs = page.locator("[data-testid='stMain'] [role='tab']:visible")  # not those in a closed section
    if not tabs.count():
        return beoordeel(page.evaluate(MEET_JS), waar, viewport)
    problemen = []
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        naam = tab.inner_text().strip()
        tab.click()
        wait_idle(page)
        page.wait_for_timeout(300)  # the tab's charts are drawn on showing
        wait_idle(page)
        problemen += beoordeel(page.evaluate(MEET_JS), f"{waar}, tab '{naam}'", viewport)
    tabs.first.click()
    wait_idle(page)
    return problemen


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[v.naam for v in VIEWPORTS])
def test_every_page_reads_at_a_glance(sqlite_server, browser, viewport):
    context = browser.new_context(
        viewport={"width": viewport.width, "height": viewport.height}, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    problemen: list[str] = []
    try:
        page = track_console(context.new_page())
        for spec in ui.PAGES.values():
            waar = f"{spec.key} ({viewport.naam} {viewport.width}×{viewport.height})"
            open_page(page, page_url(sqlite_server.base_url, spec.url_path, viewport.query))
            fout = exceptions(page)
            if fout:
                problemen.append(f"{waar}: Streamlit-fout: {fout}")
                continue
            _screenshot(page, f"{spec.key}-{viewport.naam}")
            problemen += _meet_per_tab(page, waar, viewport)
    finally:
        context.close()
    assert not problemen, f"{len(problemen)} leesbaarheidsproblemen:\n" + "\n".join(problemen)
