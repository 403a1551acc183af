"""AppTest: the scenario page shows the documented numbers, reacts to its inputs, restores a
link, survives a hand-edited link and goes back to the documents, on both backends."""

from __future__ import annotations

from fractions import Fraction

import pytest
from streamlit.testing.v1 import AppTest

from ijmond_dash import db, formatting, queries
from ijmond_dash import scenario as m

from . import helpers
from .helpers import figures, markdown_text, no_exception, titel

PAGE = "pages/scenario.py"


def open_page(query_params: dict | None = None) -> AppTest:
    """Open the page with ``query_params`` in its URL, as a copied link does."""
    return helpers.open_page(PAGE, query_params)


@pytest.fixture
def model(app_env):
    """The model fed from the store the app uses: expected values are computed, not typed."""
    engine = db.create_engine(app_env)
    frictie = queries.frictiekosten(engine).to_dict("records")
    std = m.standaarden(queries.dataset(engine, "scenarios").to_dict("records"), frictie,
                        queries.dataset(engine, "kengetallen").to_dict("records"))
    aantallen = queries.verdeelsleutel_aantallen(engine).to_dict("records")
    ijmond = m.leden(queries.dataset(engine, "gebied_leden").to_dict("records"), "IJMOND")
    namen = queries.gebied_namen(engine)
    engine.dispose()

    def bereken(totaal=None, code="inwoners", jaren=None, eerste=None, dekking=None):
        sleutel = m.sleutel_uit_rijen(code, aantallen, ijmond)
        fase = m.fasering(std.ingangsdatum, jaren or std.fase_jaren,
                          std.eerste_jaar_pct if eerste is None else eerste)
        return m.bereken(std.totalen[std.scenario] if totaal is None else totaal, sleutel, fase, dekking or {})

    return {"std": std, "bereken": bereken, "frictie": frictie, "namen": namen, "ijmond": ijmond}


def metrics(at: AppTest) -> dict[str, str]:
    return {x.label: x.value for x in at.metric}


def verwacht(model, resultaat) -> dict[str, str]:
    return {model["namen"][g]: formatting.euro_kort(resultaat.netto(g)) for g in model["ijmond"]}


def test_defaults_show_the_documented_numbers(app_env, model):
    at = open_page()
    r = model["bereken"]()
    assert metrics(at) == verwacht(model, r)
    assert metrics(at)["Velsen"] == "€\xa01,06 mln"
    text = markdown_text(at)
    assert "bron: raadsvoorstel" in text
    # the document's "ongeveer € 1 miljoen" beside the computed share, honestly
    vergelijk = next(df.value for df in at.dataframe if "In de stukken" in df.value.columns)
    velsen = vergelijk[(vergelijk["Gebied"] == "Velsen") & (vergelijk["Jaar"] == "alle jaren")].iloc[0]
    doc = next(x for x in model["frictie"] if x["gebied"] == "GM0453" and x["jaar"] != x["jaar"])
    assert velsen["In de stukken"] == f"{doc['benadering']} {formatting.euro(doc['bedrag'])}" == "ongeveer €\xa01.000.000"
    assert velsen["Berekend"] == formatting.euro(r.aandeel["GM0453"])
    # inputs: scenario 2 documented, 1 and 3 empty, dekking empty
    assert at.number_input(key="sc_totaal_2").value == model["std"].totalen[2]
    assert at.number_input(key="sc_totaal_1").value is None and at.number_input(key="sc_totaal_3").value is None
    assert at.number_input(key="sc_reserve_velsen").value is None
    assert at.date_input(key="sc_ingang").value == model["std"].ingangsdatum
    # the inwoners total of the document does not add up; the page says so
    assert "150.533" in text and "150.643" in text
    # voordelen and nadelen of the chosen scenario beside the numbers
    assert "Couleur locale" in text
    figs = figures(at)
    assert len(figs) == 3
    stapel = next(f for f in figs if titel(f) == "Frictiekosten per scenario")
    assert any("niet gekwantificeerd" in a["text"] for a in stapel["layout"]["annotations"])
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download CSV" in labels and "Download Excel" in labels


def test_moving_a_slider_changes_the_gemeente_result(app_env, model):
    at = open_page()
    at.slider(key="sc_herstr_velsen").set_value(50).run()
    no_exception(at)
    r = model["bereken"](dekking={"GM0453": m.Dekking(herstructurering_pct=Fraction(50))})
    assert metrics(at) == verwacht(model, r)
    assert metrics(at)["Velsen"] != "€\xa01,06 mln"
    assert metrics(at)["Beverwijk"] == verwacht(model, model["bereken"]())["Beverwijk"]
    assert "Aanname" in markdown_text(at)

    at.slider(key="sc_eerste").set_value(70).run()
    jaar = next(f for f in figures(at) if "per jaar" in titel(f))
    velsen = next(t for t in jaar["data"] if t["name"] == "Velsen")
    r = model["bereken"](eerste=70, dekking={"GM0453": m.Dekking(herstructurering_pct=Fraction(50))})
    assert velsen["y"] == [x.netto for x in r.regels if x.gemeente == "GM0453"]


def test_choosing_another_key_changes_the_result(app_env, model):
    at = open_page()
    at.selectbox(key="sc_sleutel").set_value("uitkeringen").run()
    no_exception(at)
    assert metrics(at) == verwacht(model, model["bereken"](code="uitkeringen"))


def test_a_link_restores_every_input(app_env, model):
    at = open_page({"sc_sleutel": "In traject bij IJW", "sc_totaal_2": "3000000", "sc_jaren": "3",
                    "sc_eerste": "40", "sc_reserve_heemskerk": "100000", "sc_gemeente": "Heemskerk"})
    assert at.selectbox(key="sc_sleutel").value == "in_traject"
    assert at.number_input(key="sc_totaal_2").value == 3_000_000
    assert at.slider(key="sc_jaren").value == 3 and at.slider(key="sc_eerste").value == 40
    r = model["bereken"](totaal=3_000_000, code="in_traject", jaren=3, eerste=40,
                         dekking={"GM0396": m.Dekking(reserve=100_000)})
    assert metrics(at) == verwacht(model, r)
    text = markdown_text(at)
    assert "aanname" in text and "De link bevat ongeldige waarden" not in text
    assert any("Heemskerk" in titel(f) for f in figures(at))  # the tornado follows the link


def test_an_invalid_link_gets_a_dutch_message_and_the_defaults(app_env, model):
    at = open_page({"sc_totaal_1": "abc", "sc_totaal_2": "inf", "sc_herstr_velsen": "150",
                    "sc_sleutel": "Onzin", "sc_ingang": "2027-13-01"})
    assert metrics(at) == verwacht(model, model["bereken"]())
    waarschuwing = "\n".join(w.value for w in at.warning)
    assert "De link bevat ongeldige waarden" in waarschuwing
    for label in ("Frictiekosten scenario 1", "Frictiekosten scenario 2", "Compensatie herstructureringsmiddelen, Velsen",
                  "Verdeelsleutel", "Ingangsdatum"):
        assert label in waarschuwing
    # the message stays until the user changes something, then goes
    at.run()
    assert any("ongeldige waarden" in w.value for w in at.warning)
    at.slider(key="sc_jaren").set_value(3).run()
    assert not any("ongeldige waarden" in w.value for w in at.warning)


def test_terug_naar_de_stukken_resets_to_the_documents(app_env, model):
    at = open_page({"sc_totaal_2": "3000000", "sc_sleutel": "Eigen percentages", "sc_herstr_beverwijk": "30",
                    "sc_totaal_1": "5000000", "sc_ingang": "2028-01-01"})
    assert metrics(at) != verwacht(model, model["bereken"]())
    at.button(key="sc_terug").click().run()
    no_exception(at)
    assert metrics(at) == verwacht(model, model["bereken"]())
    assert at.number_input(key="sc_totaal_2").value == 2_300_000
    assert at.number_input(key="sc_totaal_1").value is None
    assert at.selectbox(key="sc_sleutel").value == "inwoners"
    assert at.slider(key="sc_herstr_beverwijk").value == 0
    assert "Alle invoer staat op de cijfers uit de stukken" in markdown_text(at)


def test_unquantified_scenario_is_empty_until_an_aanname(app_env, model):
    at = open_page({"sc_scenario": "Scenario 1"})
    assert metrics(at) == {}
    assert "niet gekwantificeerd in de stukken" in markdown_text(at)
    at.number_input(key="sc_totaal_1").set_value(4_000_000).run()
    no_exception(at)
    assert metrics(at) == verwacht(model, model["bereken"](totaal=4_000_000))
    text = markdown_text(at)
    assert "Scenario 1 (€\xa04,0 mln, aanname)" in text
    stapel = next(f for f in figures(at) if titel(f) == "Frictiekosten per scenario")
    assert any("aanname" in a["text"] for a in stapel["layout"]["annotations"])


def test_own_percentages_must_sum_to_100(app_env, model):
    at = open_page({"sc_sleutel": "Eigen percentages"})
    # the default own percentages are the inwoners shares, rounded to sum to 100
    assert metrics(at)
    at.slider(key="sc_pct_velsen").set_value(60.0).run()
    no_exception(at)
    assert metrics(at) == {}
    assert any("100%" in e.value and "geen uitkomst" in e.value for e in at.error)


def test_closed_sections_run_nothing_and_the_2011_check_opens_from_a_link(app_env, model):
    """The four sections under the charts are lazy: closed, their tables are not built. A link
    that opens the 2011 check shows the document's split next to this page's rule, exactly."""
    at = open_page()
    assert not [df for df in at.dataframe if "In het document" in df.value.columns]
    assert len(at.expander) >= 4

    at = open_page({"sc_open_2011": "true"})
    [t] = [df.value for df in at.dataframe if "In het document" in df.value.columns]
    engine = db.create_engine(app_env)
    doc = queries.dataset(engine, "kostenverdeling_2011")
    engine.dispose()
    verwacht_2011 = {model["namen"][g]: formatting.euro(b) for g, b in zip(doc["gebied"], doc["bedrag_per_jaar"],
                                                                          strict=True) if g.startswith("GM")}
    assert len(verwacht_2011) == 4 and "€\xa074.241" in verwacht_2011.values()
    assert dict(zip(t["Gemeente"], t["In het document"], strict=True)) == verwacht_2011
    assert list(t["Berekend"]) == list(t["In het document"])  # the rule reproduces 2011 to the euro
    assert set(t["Verschil"]) == {formatting.euro(0)}
    assert "sc_open_2011=true" in at.code[0].value
