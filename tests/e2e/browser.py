"""What the browser tests read from a rendered Streamlit page (Playwright, sync API)."""

from __future__ import annotations

import base64
import math
from urllib.parse import urljoin, urlsplit

import numpy as np

from .conftest import IDLE

# Every chart drawn: no lazy-loading skeleton left, and every Plotly chart has its SVG.
CHARTS_DRAWN_JS = """(n) => {
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  if (charts.length < n) return false;
  return charts.every(c => c.querySelector('.js-plotly-plot .main-svg'));
}"""

PLOT_DATA_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const arr = v => (v == null ? null : ArrayBuffer.isView(v) ? Array.from(v) : Array.isArray(v) ? v.map(
      e => ArrayBuffer.isView(e) ? Array.from(e) : e) : v);
  // the title is page text above the chart (ui.plotly); the figure keeps it in layout.meta
  const title = gd.layout && gd.layout.meta ? (gd.layout.meta.titel ?? null) : null;
  return {title, traces: (gd.data || []).map(t => ({type: t.type || 'scatter', name: t.name ?? null,
      x: arr(t.x), y: arr(t.y), values: arr(t.values), labels: arr(t.labels)}))};
})"""

METRICS_JS = """() => [...document.querySelectorAll("[data-testid='stMetric']")].map(m => [
  (m.querySelector("[data-testid='stMetricLabel']") || {innerText: ''}).innerText.trim(),
  (m.querySelector("[data-testid='stMetricValue']") || {innerText: ''}).innerText.trim()])"""


RESULT_JS = f"""() => JSON.stringify([({METRICS_JS})(), ({PLOT_DATA_JS})().map(c => c.traces)])"""


def result_snapshot(page) -> str:
    """What a page computes, as one string: its metrics and the numbers in its charts."""
    return page.evaluate(RESULT_JS)


def wait_result_change(page, before: str, timeout: float = 30_000) -> bool:
    """Wait until the page's metrics or chart numbers differ from ``before``; False on timeout."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"(b) => ({RESULT_JS})() !== b", arg=before, timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


def wait_idle(page, charts: int = 0, timeout: float = 60_000) -> None:
    """Wait until the script has run, the page has its title and all charts are drawn."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN_JS, arg=charts, timeout=timeout)
    # A rerun may have started in between (a bound widget writing the URL): settle again.
    page.wait_for_selector(IDLE, timeout=timeout)


def open_page(page, url: str, charts: int = 0) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_idle(page, charts)


def nav_links(page) -> list[str]:
    """URL paths of every page in the sidebar navigation ('' is the home page)."""
    more = page.locator("[data-testid='stSidebarNavViewButton']")
    if more.count() and "more" in more.inner_text().lower():
        more.click()
    hrefs = page.eval_on_selector_all("[data-testid='stSidebarNav'] a[href]", "els => els.map(e => e.href)")
    return list(dict.fromkeys(urlsplit(h).path.strip("/") for h in hrefs))


def exceptions(page) -> list[str]:
    return page.eval_on_selector_all("[data-testid='stException']", "els => els.map(e => e.innerText)")


def metrics(page) -> list[tuple[str, str]]:
    return [tuple(m) for m in page.evaluate(METRICS_JS)]


def plot_data(page) -> list[dict]:
    return page.evaluate(PLOT_DATA_JS)


def page_url(base: str, path: str, query: str = "") -> str:
    url = urljoin(base + "/", path)
    return f"{url}?{query}" if query else url


# ---------------------------------------------------------------- comparing with AppTest

_DTYPES = {
    "f8": "<f8",
    "f4": "<f4",
    "i1": "<i1",
    "i2": "<i2",
    "i4": "<i4",
    "i8": "<i8",
    "u1": "<u1",
    "u2": "<u2",
    "u4": "<u4",
    "u8": "<u8",
}


def decode(value):
    """A Plotly JSON array (plain list or {dtype, bdata, shape}) as a plain Python list."""
    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=_DTYPES[value["dtype"]])
        if value.get("shape"):
            arr = arr.reshape([int(s) for s in str(value["shape"]).split(",")])
        return arr.tolist()
    return value


def _norm(values):
    """Numbers rounded (float noise), the rest as text, so browser and server compare."""
    values = decode(values)
    if values is None:
        return None
    if not isinstance(values, list):
        values = [values]
    out = []
    for v in values:
        if isinstance(v, list):
            out.append(_norm(v))
        elif isinstance(v, bool) or v is None:
            out.append(v)
        elif isinstance(v, (int, float)):
            out.append(None if isinstance(v, float) and math.isnan(v) else round(float(v), 6))
        else:
            out.append(str(v))
    return out


def figure_summary(fig: dict) -> list[dict]:
    """The numbers of a figure spec (AppTest) in the same shape as ``plot_data`` gives."""
    return [{k: _norm(t.get(k)) for k in ("x", "y", "values", "labels")} for t in fig.get("data", [])]


def browser_summary(chart: dict) -> list[dict]:
    return [{k: _norm(t.get(k)) for k in ("x", "y", "values", "labels")} for t in chart["traces"]]
