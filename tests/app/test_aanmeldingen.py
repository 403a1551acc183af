"""AppTest: the Aanmeldingen page shows the stored figures, marks the half year, reacts to its widgets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ijmond_dash import formatting
from ijmond_dash.analysis import reeksen
from ijmond_dash.store import queries

from . import helpers
from .helpers import bron, figures, markdown_text, no_exception, ondertitel, titel

PAGE = "pages/aanmeldingen.py"


TABELLEN_OPEN = {"aanm_tabel_open": "true"}  # the table sections under the charts


def open_page(query_params: dict | None = None, tabellen: bool = True) -> AppTest:
    """Open the page with ``query_params`` in its URL, as a copied link does; with the table
    sections open (a closed section builds no table), unless ``tabellen`` is False."""
    return helpers.open_page(PAGE, {**(TABELLEN_OPEN if tabellen else {}), **(query_params or {})})


def _by_periode(fig, periode):
    return [t for t in fig["data"] if isinstance(t.get("meta"), dict) and t["meta"].get("periode") == periode]


def test_panels_equal_the_store_and_mark_the_half_year(store):
    at = open_page()
    part = queries.participanten(store)
    uitk = queries.uitkeringen(store, reeksen.CBS)
    fig = figures(at)[0]
    (jaar,) = _by_periode(fig, "jaar")
    heel = part[part["periode"] == "jaar"]
    assert jaar["y"] == heel["aantal"].tolist()
    assert jaar["x"] == [d.isoformat() for d in heel["peildatum"]]
    (half,) = _by_periode(fig, "halfjaar")
    halfjaar = part[part["periode"] == "halfjaar"]
    assert half["y"] == halfjaar["aantal"].tolist() == [173]
    assert half["x"] == ["2022-06-30"] and half["mode"] == "markers+text" and half["text"] == ["half jaar"]
    assert "2022-06-30" not in jaar["x"]  # never drawn as a full year
    assert not _by_periode(fig, "schatting")
    assert "half jaar" in ondertitel(fig)
    ijm = uitk[uitk["gebied"] == "IJMOND"]
    u = next(t for t in fig["data"] if t["name"] == "Bijstandsuitkeringen IJmond")
    assert u["y"] == ijm["aantal"].tolist() and u["yaxis"] == "y2"
    notes = bron(fig)
    # the source by the document's title, year and table, never its file name
    assert (
        "Bron: Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening, 2025 — Tabel 'Aanmeldingen "
        "bij IJmond Werkt! / Bijstand uitkering (excl. AOW)' — peildatum 31-12-2015 t/m 30-06-2022"
    ) in notes
    assert ".txt" not in notes
    assert any("alleen het eerste half jaar" in i.value for i in at.info)


def test_trend_and_sentence_follow_the_store(store):
    at = open_page()
    part = queries.participanten(store)
    t = reeksen.trend(part)
    text = markdown_text(at)
    heel = part[part["periode"] == "jaar"]
    eerste, laatste = heel.iloc[0], heel.iloc[-1]
    assert (
        f"Sinds {eerste['peildatum'].year} daalde het aantal participanten bij IJmond Werkt! van "
        f"{formatting.getal(eerste['aantal'])} naar {formatting.getal(laatste['aantal'])}"
    ) in text
    assert f"gemiddeld {formatting.procent(abs(t.pct_per_jaar))} minder per jaar" in text
    # the uitkeringen are compared on the participanten's own peildata, and the sentence says so
    # (the figures as the raadsvoorstel's table gives them)
    assert (
        "Op dezelfde peildata (31-12-2015 en 31-12-2021) bleef het aantal bijstandsuitkeringen in de IJmond "
        "vrijwel gelijk: van 2.970 naar 2.840 (-4,4%)."
    ) in text
    # plain Dutch on the main path; the method only behind "Hoe berekend?"
    assert "De trendlijn gaat zo dicht mogelijk langs de jaarcijfers" in text
    assert "kleinste-kwadraten" not in text and "e^b" not in text
    assert [e.label for e in at.expander if e.label == "Hoe berekend?"]
    methode = markdown_text(open_page({"aanm_methode_open": "true"}))
    assert "log-lineaire kleinste-kwadratenfit (ln aantal = a + b·jaar)" in methode
    (trend,) = _by_periode(figures(at)[0], "trend")
    assert formatting.procent(t.pct_per_jaar) in trend["name"]
    assert len(trend["x"]) == len(heel)


def test_annualised_toggle_adds_a_labelled_estimate(store):
    at = open_page()
    at.toggle(key="aanm_jaarbasis").set_value(True).run()
    no_exception(at)
    fig = figures(at)[0]
    (sch,) = _by_periode(fig, "schatting")
    half = queries.participanten(store).query("periode == 'halfjaar'")["aantal"].iloc[0]
    assert sch["y"] == [2 * half] and "schatting" in sch["name"]
    assert "schatting" in ondertitel(fig)
    assert any("schatting" in i.value and formatting.getal(2 * half) in i.value for i in at.info)
    assert "Jaarbasis (schatting)" in at.dataframe[0].value.columns
    (_half,) = _by_periode(fig, "halfjaar")  # the half year itself stays marked


def test_index_view(store):
    at = open_page()
    at.radio(key="aanm_weergave").set_value("index").run()
    no_exception(at)
    fig = figures(at)[0]
    assert titel(fig) == "Participanten en bijstandsuitkeringen, index 2015 = 100"
    (jaar,) = _by_periode(fig, "jaar")
    heel = queries.participanten(store).query("periode == 'jaar'")
    assert jaar["y"] == pytest.approx([100 * a / heel["aantal"].iloc[0] for a in heel["aantal"]])
    u = next(t for t in fig["data"] if t["name"] == "Bijstandsuitkeringen IJmond")
    assert u["y"][0] == 100
    assert _by_periode(fig, "halfjaar")
    assert "Index participanten" in at.dataframe[0].value.columns


def test_ratio_per_100(store):
    at = open_page()
    fig = next(f for f in figures(at) if titel(f) == "Participanten per 100 bijstandsuitkeringen")
    part = queries.participanten(store).set_index("peildatum")["aantal"]
    uitk = queries.uitkeringen(store, reeksen.CBS).query("gebied == 'IJMOND'").set_index("peildatum")["aantal"]
    (jaar,) = _by_periode(fig, "jaar")
    from datetime import date

    assert jaar["y"] == pytest.approx(
        [100 * part[date.fromisoformat(x)] / uitk[date.fromisoformat(x)] for x in jaar["x"]]
    )
    (half,) = _by_periode(fig, "halfjaar")
    assert half["x"] == ["2022-06-30"]
    tabel = at.dataframe[0].value
    assert len(tabel) == len(part) and len(at.get("download_button")) >= 2


def test_brede_intakes_with_the_velsen_caveat(store):
    at = open_page()
    k = queries.kengetal(store, "brede_intakes").iloc[0]
    # store text is escaped for Markdown: it shows literally in the browser
    metric = next(m for m in at.metric if m.label == formatting.md_escape(f"{k['omschrijving']} (1e halfjaar 2023)"))
    assert metric.value == formatting.getal(k["waarde"]) == "171"
    assert any("Velsen" in w.value and formatting.md_escape(k["toelichting"]) in w.value for w in at.warning)
    assert "1e halfjaar 2023" in markdown_text(at)


def test_url_restores_the_view(app_env):
    at = open_page({"aanm_weergave": "Index 2015 = 100", "aanm_jaarbasis": "true"})
    assert at.radio(key="aanm_weergave").value == "index"
    assert at.toggle(key="aanm_jaarbasis").value is True
    fig = figures(at)[0]
    assert "index" in titel(fig) and _by_periode(fig, "schatting")
