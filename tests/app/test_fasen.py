"""AppTest: the Fasen page shows the stored table, switches to the transition Sankey when events
exist, keeps small numbers hidden everywhere, and restores its state from the URL (both backends)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from ijmond_dash import formatting
from ijmond_dash.charts import fasen as charts
from ijmond_dash.imports import synthetic, trajecten
from ijmond_dash.store import catalog, db, queries

from . import helpers
from .helpers import APP, Downloads, bron, figures, leesbare_tekst, no_exception, titel

PAGE = "pages/fasen.py"
B, E = dt.date(2023, 1, 1), dt.date(2023, 6, 30)


def open_page(query_params: dict | None = None) -> AppTest:
    """Open the page with ``query_params`` in its URL, as a copied link does."""
    return helpers.open_page(PAGE, query_params)


def _sankey(at) -> dict:
    sankeys = [f for f in figures(at) if f["data"] and f["data"][0]["type"] == "sankey"]
    assert len(sankeys) == 1
    return sankeys[0]


def _cells(at) -> str:
    return "\n".join(str(v) for df in at.dataframe for v in df.value.to_numpy().ravel())


def test_default_dataset_shows_the_table_sankey(app_env):
    at = open_page()
    engine = db.create_engine(app_env)
    fasen = queries.fasen_periode(engine, "fasen", B, E)
    uitsplitsing = queries.fasen_periode(engine, "fasen_uitstroom", B, E)
    text = leesbare_tekst(at)
    assert "geen trajectgebeurtenissen" in text and "tabel uit de halfjaarrapportage" in text
    assert "451 inwoners een fase in en 433 een fase uit" in text and "853" in text
    assert not at.selectbox  # one period stored: no selector, no gemeente choice
    fig = _sankey(at)
    s = charts.tabel_stromen(fasen, uitsplitsing)
    assert fig["data"][0]["node"]["customdata"] == s.knoop_tekst
    assert fig["data"][0]["link"]["value"] == [float(v) for v in s.links["breedte"]]
    f = fasen.set_index("fase")
    link = fig["data"][0]["link"]
    for fase in catalog.FASEN:  # the stored table, link by link: instroom into the fase, af out of it
        i = s.labels.index(fase)
        into = {src: v for src, dst, v in zip(link["source"], link["target"], link["value"], strict=True) if dst == i}
        uit = {dst: v for src, dst, v in zip(link["source"], link["target"], link["value"], strict=True) if src == i}
        assert into == {0: float(f.at[fase, "bij"])}
        assert uit == {s.labels.index(charts.AF): float(f.at[fase, "af"])}
    # the counts are written on the chart, next to their nodes
    getekend = " ".join(a["text"] for a in fig["layout"]["annotations"])
    assert "in 227, uit 208" in getekend and "451" in getekend and "433" in getekend
    assert "Raadsinformatie en Halfjaarrapportage IJmond Werkt! 2023 — Fasen re-integratie" in bron(fig)
    assert ".txt" not in bron(fig)
    # the table as a table, the net change and the uitstroom per gemeente
    cells = _cells(at)
    for v in (835, 451, 433, 853, 227, 208):
        assert formatting.getal(v) in cells
    titels = [titel(x) for x in figures(at)]
    assert "Netto verandering per fase" in titels and "Uitstroom per gemeente" in titels
    assert "openbare totalen" in text and "(48; 89; 69)" in text  # the choice and the OCR note, stated


@pytest.fixture
def events_env(fresh_store_url, monkeypatch):
    """A store with imported events: Velsen 12 clients (K -> PO), Beverwijk 2 (uitstroom werk),
    Heemskerk 3 starting in the second half of 2023."""
    rows = ["client_pseudoniem,gemeente,fase,startdatum,einddatum,uitstroomreden"]
    rows += [f"v{i},Velsen,Kennismaking,2023-01-10,2023-03-01," for i in range(12)]
    rows += [f"v{i},Velsen,Persoonlijke ontwikkeling,2023-03-01,," for i in range(12)]
    rows += [f"b{i},GM0375,Kennismaking,2023-02-01,2023-04-01,werk" for i in range(2)]
    rows += [f"h{i},Heemskerk,Kennismaking,2023-08-01,," for i in range(3)]
    engine = db.create_engine(fresh_store_url)
    assert trajecten.importeer(engine, "events.csv", "\n".join(rows).encode(), "test") == 29
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", fresh_store_url)
    monkeypatch.chdir(APP.rsplit("/", 1)[0])
    return Downloads().install(monkeypatch)


def test_events_give_the_transition_sankey_with_small_numbers_hidden(events_env):
    at = open_page({"fasen_periode": "1e halfjaar 2023"})
    text = leesbare_tekst(at)
    assert "berekend uit de trajectgebeurtenissen" in text
    assert [s.label for s in at.selectbox] == ["Periode", "Gemeente"]
    fig = _sankey(at)
    assert titel(fig).startswith("Overgangen tussen fasen, IJmond (3 gemeenten), 1e halfjaar")
    hover = fig["data"][0]["link"]["customdata"]
    assert any(h.startswith("Instroom → Kennismaking") and h.endswith(": 14") for h in hover)
    assert any(h.startswith("Kennismaking → Persoonlijke ontwikkeling") and h.endswith(": 12") for h in hover)
    assert any(h.startswith("Kennismaking → Uitstroom: werk") and h.endswith(": < 5") for h in hover)
    assert 2.0 not in fig["data"][0]["link"]["value"]  # the 2 uitstroom is not in the figure's data
    cells = _cells(at)
    assert "< 5" in cells and "14" in cells
    # the downloads (real bytes, generated as a click does) hide the small numbers too
    csv = events_env.click(at, "fasen_dl_overgangen_csv").decode("utf-8-sig")
    assert "Soort stroom" in csv and "< 5" in csv and ";14" in csv
    assert ";2\r\n" not in csv and ";2\n" not in csv
    xlsx = openpyxl.load_workbook(io.BytesIO(events_env.click(at, "fasen_dl_overgangen_xlsx")))
    cellen = [c for row in xlsx.active.iter_rows(values_only=True) for c in row]
    assert "< 5" in cellen and 14 in cellen and 2 not in cellen
    # the half-year table of that period is still shown below
    assert any(titel(x) == "Netto verandering per fase" for x in figures(at))


def test_gemeente_from_url_and_widget(events_env):
    at = open_page({"fasen_periode": "1e halfjaar 2023", "fasen_gemeente": "Velsen"})
    fig = _sankey(at)
    assert "Velsen" in titel(fig)
    hover = fig["data"][0]["link"]["customdata"]
    assert sorted(h.rsplit(": ", 1)[1] for h in hover) == ["12", "12"]
    at.selectbox(key="fasen_gemeente").set_value("GM0375").run()
    no_exception(at)
    fig = _sankey(at)
    assert "Beverwijk" in titel(fig)
    assert all(h.endswith("< 5") for h in fig["data"][0]["link"]["customdata"])


def test_latest_period_is_the_default_and_has_no_table(events_env):
    at = open_page()
    assert at.selectbox(key="fasen_periode").value == (dt.date(2023, 7, 1), dt.date(2023, 12, 31))
    fig = _sankey(at)
    assert "2e halfjaar 2023" in titel(fig)
    assert [h for h in fig["data"][0]["link"]["customdata"]] == ["Instroom → Kennismaking (instroom): < 5"]
    assert "Netto verandering per fase" not in [titel(x) for x in figures(at)]


def test_synthetic_events_are_labelled(fresh_store_url, monkeypatch):
    engine = db.create_engine(fresh_store_url)
    synthetic.load(engine, 1_000, seed=3)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", fresh_store_url)
    at = open_page({"fasen_periode": "1e halfjaar 2023"})
    fig = _sankey(at)
    assert "(synthetisch)" in titel(fig)
    assert "synthetische trajectgebeurtenissen" in bron(fig)
    assert any("synthetisch" in w.value for w in at.warning)
    assert "(synthetisch)" in _cells(at)
    assert "(synthetisch)" in at.title[0].value
