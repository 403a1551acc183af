"""AppTest: the Uitkeringen page shows the stored figures and reacts to its widgets (both backends)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ijmond_dash import formatting
from ijmond_dash.analysis import reeksen
from ijmond_dash.charts import uitkeringen as charts
from ijmond_dash.store import queries

from . import helpers
from .helpers import bron, figures, markdown_text, no_exception, ondertitel, titel

PAGE = "pages/uitkeringen.py"


TABELLEN_OPEN = {
    "uitk_reeks_open": "true",
    "uitk_split_open": "true",
    "uitk_bereik_open": "true",
}  # the table sections under the charts


def open_page(query_params: dict | None = None, tabellen: bool = True) -> AppTest:
    """Open the page with ``query_params`` in its URL, as a copied link does; with the table
    sections open (a closed section builds no table), unless ``tabellen`` is False."""
    return helpers.open_page(PAGE, {**(TABELLEN_OPEN if tabellen else {}), **(query_params or {})})


def _fig(at, titel_begin: str) -> dict:
    matches = [f for f in figures(at) if titel(f).startswith(titel_begin)]
    assert len(matches) == 1, [titel(f) for f in figures(at)]
    return matches[0]


def _traces(fig, definitie=None):
    return {
        (t["meta"]["gebied"], t["meta"]["definitie"]): t
        for t in fig["data"]
        if definitie is None or t["meta"]["definitie"] == definitie
    }


def test_series_equal_the_store_and_definitions_stay_apart(store):
    at = open_page()
    fig = _fig(at, "Bijstandsuitkeringen per gemeente")
    uitk = queries.uitkeringen(store)
    traces = _traces(fig)
    assert {g for g, _ in traces} == set(uitk["gebied"])
    for (gebied, definitie), t in traces.items():
        stored = uitk[(uitk["gebied"] == gebied) & (uitk["definitie"] == definitie)].sort_values("peildatum")
        assert t["y"] == stored["aantal"].tolist()
        assert t["x"] == [d.isoformat() for d in stored["peildatum"]]
        assert ("lines" in t["mode"]) == (definitie == reeksen.CBS)  # never a line into the P-wet figure
    assert [s["name"] for s in fig["layout"]["shapes"]] == ["definitiebreuk"]
    assert [a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "definitiebreuk"] == [
        charts.BREUK_TEKST
    ]
    notes = bron(fig)
    assert "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening, 2025 — " in notes
    assert "31-12-2015 t/m 30-06-2024" in notes and ".txt" not in notes
    # the message of the page comes from the store
    ijm = uitk[(uitk["gebied"] == "IJMOND") & (uitk["definitie"] == reeksen.CBS)]
    assert (
        f"tussen {formatting.getal(ijm['aantal'].min())} en {formatting.getal(ijm['aantal'].max())}"
        in markdown_text(at)
    )
    # the table shows exactly the plotted rows, offered for download
    tabel = at.dataframe[0].value
    assert len(tabel) == len(uitk)
    assert set(tabel["Aantal uitkeringen"]) == {formatting.getal(v) for v in uitk["aantal"]}
    assert len(at.get("download_button")) >= 2


def test_per_1000_toggle_uses_inwoners_and_marks_estimates(store):
    at = open_page()
    at.radio(key="uitk_maat").set_value("per_1000").run()
    no_exception(at)
    fig = _fig(at, "Bijstandsuitkeringen per 1.000 inwoners")
    traces = _traces(fig)
    inw = queries.inwoners(store)
    uitk = queries.uitkeringen(store)
    # medio 2024 is known: the figure is exactly aantal / inwoners from the store
    for g in ("GM0375", "GM0396", "GM0453", "IJMOND"):
        n = uitk[(uitk["gebied"] == g) & (uitk["definitie"] == reeksen.PWET)]["aantal"].iloc[0]
        i = inw[(inw["gebied"] == g) & (inw["peildatum"] == uitk["peildatum"].max())]["aantal"].iloc[0]
        assert traces[(g, reeksen.PWET)]["y"] == [pytest.approx(1000 * n / i)]
        assert traces[(g, reeksen.PWET)]["marker"]["symbol"] == ["diamond"]
    # the CBS years have no inwoners in the store: estimated, drawn open, and said so
    assert set(traces[("GM0453", reeksen.CBS)]["marker"]["symbol"]) == {"circle-open"}
    assert "inwonertal geschat" in ondertitel(fig)
    assert "geschat" in markdown_text(at)
    tabel = at.dataframe[0].value
    assert "Inwoners geschat" in tabel.columns and set(tabel["Inwoners geschat"]) == {"ja", "nee"}


def test_gemeente_and_period_filters_change_the_chart(app_env):
    at = open_page()
    at.multiselect(key="uitk_gemeenten").set_value(["GM0453"]).run()
    at.select_slider(key="uitk_periode").set_value((2017, 2019)).run()
    no_exception(at)
    fig = _fig(at, "Bijstandsuitkeringen per gemeente")
    assert {t["meta"]["gebied"] for t in fig["data"]} == {"GM0453"}
    (t,) = fig["data"]
    assert t["x"] == ["2017-12-31", "2018-12-31", "2019-12-31"]
    assert not fig["layout"].get("shapes")  # no P-wet figure in this period, so no break
    assert set(at.dataframe[0].value["Gemeente"]) == {"Velsen"}
    # the breakdown and bereik follow the gemeente choice too
    bereik = _fig(at, "Bereik IJmond Werkt!")
    assert bereik["data"][0]["y"] == ["Velsen"]


def test_url_restores_the_view(app_env):
    at = open_page(
        {
            "uitk_gemeenten": ["Velsen", "Heemskerk"],
            "uitk_maat": "Per 1.000 inwoners",
            "uitk_periode": ["2016", "2019"],
            "uitk_dimensie": "Duur uitkeringsfase",
            "uitk_weergave": "100%",
        }
    )
    assert sorted(at.multiselect(key="uitk_gemeenten").value) == ["GM0396", "GM0453"]
    assert at.radio(key="uitk_maat").value == "per_1000"
    assert at.select_slider(key="uitk_periode").value == (2016, 2019)
    assert at.radio(key="uitk_dimensie").value == "duur"
    assert at.radio(key="uitk_weergave").value == "procent"
    _fig(at, "Bijstandsuitkeringen per 1.000 inwoners")
    assert _fig(at, "Uitkeringen naar duur")["layout"]["xaxis"]["ticksuffix"] == "%"


def test_invalid_url_values_fall_back_to_defaults(app_env):
    at = open_page({"uitk_maat": "Per miljoen", "uitk_gemeenten": ["Atlantis"]})
    assert at.radio(key="uitk_maat").value == "absoluut"
    assert len(at.multiselect(key="uitk_gemeenten").value) == 4


def test_no_gemeente_chosen_gives_a_message(app_env):
    at = open_page()
    at.multiselect(key="uitk_gemeenten").set_value([]).run()
    no_exception(at)
    assert "Kies ten minste één gemeente" in markdown_text(at)
    assert not figures(at)


def test_breakdown_shows_rest_and_heemskerk_excess(store):
    at = open_page()
    fig = _fig(at, "Uitkeringen naar leeftijd")
    split = queries.uitsplitsing(store, "leeftijd")
    uitk = queries.uitkeringen(store, reeksen.PWET)
    rest = next(t for t in fig["data"] if t["name"] == reeksen.NIET_UITGESPLITST)
    namen = fig["data"][0]["y"]  # horizontal bars: the gemeenten read across
    for naam, y in zip(namen, rest["x"], strict=True):
        g = uitk[uitk["naam"] == naam]
        verschil = int(g["aantal"].iloc[0]) - int(split[split["gebied"] == g["gebied"].iloc[0]]["aantal"].sum())
        assert y == (verschil if verschil > 0 else None)
    heemskerk_som = int(split[split["gebied"] == "GM0396"]["aantal"].sum())
    heemskerk_tot = int(uitk[uitk["gebied"] == "GM0396"]["aantal"].iloc[0])
    assert heemskerk_som - heemskerk_tot == 11  # the document's own figures
    assert "11 groter dan het totaal 913" in ondertitel(fig)
    assert "11 meer dan<br>het totaal" in " ".join(a["text"] for a in fig["layout"]["annotations"])
    assert any("Heemskerk" in w.value and "11 meer" in w.value for w in at.warning)
    totaal = next(t for t in fig["data"] if t["name"] == "Totaal uitkeringen P-wet")
    assert totaal["x"] == [int(uitk[uitk["naam"] == n]["aantal"].iloc[0]) for n in namen]

    at.radio(key="uitk_weergave").set_value("procent").run()
    fig = _fig(at, "Uitkeringen naar leeftijd")
    totaal = next(t for t in fig["data"] if t["name"] == "Totaal uitkeringen P-wet")
    assert set(totaal["x"]) == {100}
    at.radio(key="uitk_dimensie").set_value("duur").run()
    fig = _fig(at, "Uitkeringen naar duur")
    assert [t["name"] for t in fig["data"]][:4] == queries.uitsplitsing(store, "duur").drop_duplicates("categorie")[
        "categorie"
    ].tolist()


def test_bereik_equals_document_percentages_and_budget(store):
    at = open_page()
    fig = _fig(at, "Bereik IJmond Werkt!")
    pct = queries.per_gebied(store, "percentages")
    pct = pct[pct["kengetal"] == "in_traject_per_uitkeringen"].set_index("naam")["percentage"]
    bars, budget = fig["data"]
    assert bars["x"] == [float(pct[n]) for n in bars["y"]]
    kengetal = queries.kengetal(store, "budget_aandeel_ijw").iloc[0]
    assert set(budget["x"]) == {float(kengetal["waarde"])}
    assert f"{kengetal['benadering']} {formatting.procent(kengetal['waarde'], 0)}" in budget["name"]
    assert "Volgens het raadsvoorstel" in markdown_text(at)
