"""Helpers for AppTest: run a page, read what it shows."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run_page(
    page: str | None = None,
    query_params: dict | None = None,
    timeout: float = 60,
    secrets: dict | None = None,
    user: dict | None = None,
) -> AppTest:
    """Open ``page`` (the home page when None) with ``query_params`` in its URL, as a copied
    link does.

    The app runs once on the home page first, so that ``st.navigation`` has registered the
    pages (a switch before the first run would take Streamlit's pages/-folder fallback);
    the URL parameters are set after the switch, because Streamlit's frontend drops the
    query string on a page switch and the parameters belong to the page opened.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    if page:
        at.run()
        at.switch_page(page)
        at.query_params.clear()
    if query_params:
        at.query_params.update(query_params)
    at.run()
    return at


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def open_page(page: str, query_params: dict | None = None, timeout: float = 90) -> AppTest:
    """``run_page`` for one page, asserting that it rendered without an exception."""
    at = run_page(page, query_params, timeout=timeout)
    no_exception(at)
    return at


def figures(at: AppTest) -> list[dict]:
    """Every Plotly figure on the page as its JSON spec."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def markdown_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [h.value for h in at.header] + [s.value for s in at.subheader]
    parts += [i.value for i in at.info] + [w.value for w in at.warning] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)


def leesbare_tekst(at: AppTest) -> str:
    """``markdown_text`` as the browser shows it: store text reaches Markdown escaped
    (``formatting.md_escape``), and '\\(' shows as '('."""
    return re.sub(r"\\(.)", r"\1", markdown_text(at))


@dataclass
class Downloads:
    """The files behind the download buttons, generated exactly as a click does.

    ``ui.downloads`` passes callables to ``st.download_button``; Streamlit registers them
    with the MediaFileManager and runs them only on a click. This records the manager of
    each registration, so a test can run ``execute_deferred`` (the click's server side)
    and read the bytes the user would get. ``built`` counts the files generated.
    """

    registered: dict[str, MediaFileManager] = field(default_factory=dict)
    built: int = 0

    def install(self, monkeypatch) -> Downloads:
        real_add, real_execute = MediaFileManager.add_deferred, MediaFileManager.execute_deferred

        def add_deferred(mgr, *args, **kwargs):
            file_id = real_add(mgr, *args, **kwargs)
            self.registered[file_id] = mgr
            return file_id

        def execute_deferred(mgr, file_id):
            self.built += 1
            return real_execute(mgr, file_id)

        monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
        monkeypatch.setattr(MediaFileManager, "execute_deferred", execute_deferred)
        return self

    def button(self, at: AppTest, key: str):
        matches = [b for b in at.get("download_button") if b.proto.id.endswith(f"-{key}")]
        assert len(matches) == 1, [b.proto.id for b in at.get("download_button")]
        return matches[0]

    def click(self, at: AppTest, key: str) -> bytes:
        """The bytes the user downloads from the button with ``key`` in the last run."""
        proto = self.button(at, key).proto
        assert proto.deferred_file_id, f"{key}: not a deferred download"
        mgr = self.registered[proto.deferred_file_id]
        url = mgr.execute_deferred(proto.deferred_file_id)
        return mgr._storage.get_file(url.rsplit("/", 1)[-1]).content


def titel(fig: dict) -> str:
    """The title of a figure as sent to the browser: page text above the chart, recorded in
    ``layout.meta`` (charts.common.style; the SVG holds no title)."""
    return str(fig["layout"].get("meta", {}).get("titel") or "")


def ondertitel(fig: dict) -> str:
    return str(fig["layout"].get("meta", {}).get("ondertitel") or "")


def bron(fig: dict) -> str:
    """The source line shown below a chart (``layout.meta``; never drawn in the figure)."""
    return str(fig["layout"].get("meta", {}).get("bron") or "")


# ---------------------------------------------------------------- the scenario page's answer table


def bedrag(tekst: str) -> int:
    """'€ 1.057.000' -> 1057000 (and '€ -5.000' -> -5000)."""
    return int(re.sub(r"[^\d-]", "", tekst))


def antwoord(at: AppTest) -> pd.DataFrame | None:
    """The answer table: per gemeente per year, or None when the page shows no result."""
    tabellen = [
        t.value
        for t in at.table
        if t.value.columns[0] in ("Gemeente", "Jaar") and ("Totaal" in t.value.columns or "Samen" in t.value.columns)
    ]
    assert len(tabellen) <= 1
    return tabellen[0] if tabellen else None


def als_afgerond(t: pd.DataFrame) -> dict:
    """The answer table as {(gemeente naam, jaar): bedrag}, plus per gemeente, per jaar and total."""
    per_gemeente = t.columns[0] == "Gemeente"
    t = t.set_index(t.columns[0])
    if not per_gemeente:
        t = t.T
    t = t.map(bedrag)
    jaren = [c for c in t.columns if c != "Totaal"]
    gemeenten = [g for g in t.index if g != "Samen"]
    return {
        "orde": gemeenten,
        "cellen": {(g, int(j)): t.loc[g, j] for g in gemeenten for j in jaren},
        "rijen": {g: t.loc[g, "Totaal"] for g in gemeenten},
        "kolommen": {int(j): t.loc["Samen", j] for j in jaren},
        "totaal": t.loc["Samen", "Totaal"],
    }
