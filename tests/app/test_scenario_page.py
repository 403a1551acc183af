"""AppTest: the scenario page answers "what does this cost my gemeente, per year?" with the
documented numbers, rounded so that they add up; reacts to its inputs; puts "mijn gemeente"
first from a link; restores a link, survives a hand-edited one and goes back to the documents;
on both backends."""

from __future__ import annotations

import io
import re
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hst
from streamlit.testing.v1 import AppTest

from ijmond_dash import formatting
from ijmond_dash.analysis import scenario as m
from ijmond_dash.store import db, queries

from . import helpers
from .helpers import Downloads, als_afgerond, antwoord, bedrag, figures, markdown_text, no_exception, titel

PAGE = "pages/scenario.py"
VELSEN, BEVERWIJK, HEEMSKERK = "GM0453", "GM0375", "GM0396"
NAMEN = {VELSEN: "Velsen", BEVERWIJK: "Beverwijk", HEEMSKERK: "Heemskerk"}


def open_page(query_params: dict | None = None) -> AppTest:
    """Open the page with ``query_params`` in its URL, as a copied link does."""
    return helpers.open_page(PAGE, query_params)


@pytest.fixture
def model(app_env):
    """The model fed from the store the app uses (for inputs the documents do not give)."""
    engine = db.create_engine(app_env)
    frictie = queries.frictiekosten(engine).to_dict("records")
    std = m.standaarden(
        queries.dataset(engine, "scenarios").to_dict("records"),
        frictie,
        queries.dataset(engine, "kengetallen").to_dict("records"),
    )
    aantallen = queries.verdeelsleutel_aantallen(engine).to_dict("records")
    kosten_2011 = queries.dataset(engine, "kostenverdeling_2011").to_dict("records")
    ijmond = m.leden(queries.dataset(engine, "gebied_leden").to_dict("records"), "IJMOND")
    engine.dispose()

    def bereken(totaal=None, code="inwoners", jaren=None, eerste=None, dekking=None):
        sleutel = (
            m.sleutel_uit_kostenverdeling(kosten_2011, ijmond)
            if code == m.KOSTEN_2011
            else m.sleutel_uit_rijen(code, aantallen, ijmond)
        )
        fase = m.fasering(std.ingangsdatum, jaren or std.fase_jaren, std.eerste_jaar_pct if eerste is None else eerste)
        return m.bereken(std.totalen[std.scenario] if totaal is None else totaal, sleutel, fase, dekking or {})

    return {"std": std, "bereken": bereken, "ijmond": ijmond}


# ---------------------------------------------------------------- reading the page


def model_afgerond(r: m.Resultaat, dekking=None) -> dict:
    a = r.afgerond(m.afrondingseenheid(m.invoerbedragen(r.totaal, dekking)))
    return {
        "cellen": {(NAMEN[g], j): v for (g, j), v in a.cellen.items()},
        "rijen": {NAMEN[g]: v for g, v in a.rijen.items()},
        "kolommen": a.kolommen,
        "totaal": a.totaal,
    }


def kop(at: AppTest) -> str:
    """The page's one message under its title (markup stripped)."""
    teksten = [re.sub(r"<[^>]+>", "", x.value).strip() for x in at.markdown if "<style>" not in x.value]
    return next(
        t for t in teksten if t.startswith("Scenario ") and ("Frictiekosten" in t or "niet gekwantificeerd" in t)
    )


# ---------------------------------------------------------------- the documented case, as literal figures


def test_defaults_show_the_documented_numbers(app_env):
    """Scenario 2, € 2.300.000 by inwoners medio 2024 (41.863 / 39.542 / 69.238), 50% in 2027 and
    50% in 2028, rounded to € 1.000: figures typed from the documents, not recomputed."""
    at = open_page()
    t = antwoord(at)
    assert list(t.columns) == ["Gemeente", "2027", "2028", "Totaal"]
    assert t.values.tolist() == [
        ["Velsen", "€\xa0528.000", "€\xa0529.000", "€\xa01.057.000"],
        ["Beverwijk", "€\xa0320.000", "€\xa0319.000", "€\xa0639.000"],
        ["Heemskerk", "€\xa0302.000", "€\xa0302.000", "€\xa0604.000"],
        ["Samen", "€\xa01.150.000", "€\xa01.150.000", "€\xa02.300.000"],
    ]
    assert not at.metric  # no cards that truncate
    assert kop(at).startswith(
        "Scenario 2 kost Velsen netto €\xa0528.000 in 2027 en "
        "€\xa0529.000 in 2028. Beverwijk: €\xa0320.000 en €\xa0319.000; Heemskerk: "
        "€\xa0302.000 per jaar."
    )
    assert "over 2027" not in kop(at) and "mln" not in kop(at)  # per year, one format
    text = markdown_text(at)
    assert "Afgerond op €\xa01.000, zoals het raadsvoorstel de frictiekosten afrondt" in text
    assert "bron: raadsvoorstel" in text
    # the document's "ongeveer € 1 miljoen" beside the computed share, honestly
    assert (
        "De stukken noemen voor Velsen ongeveer €\xa01.000.000 (€\xa0500.000 per jaar in 2027 en 2028); "
        "deze pagina berekent €\xa01.057.000 frictiekosten naar aantal inwoners."
    ) in text
    # inputs: scenario 2 documented, 1 and 3 empty, dekking empty
    assert at.number_input(key="sc_totaal_2").value == 2_300_000
    assert at.number_input(key="sc_totaal_1").value is None and at.number_input(key="sc_totaal_3").value is None
    assert at.number_input(key="sc_reserve_velsen").value is None
    assert at.selectbox(key="sc_gemeente").value == VELSEN
    # the inwoners total of the document does not add up; the page says so
    assert "150.533" in text and "150.643" in text
    assert "Couleur locale" in text
    titels = [titel(f) for f in figures(at)]
    assert len(titels) == 4 and "De drie scenario's naast elkaar" in titels
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download CSV" in labels and "Download Excel" in labels


def test_the_download_has_the_exact_computation(app_env, monkeypatch):
    downloads = Downloads().install(monkeypatch)
    at = open_page()
    csv = pd.read_csv(io.BytesIO(downloads.click(at, "sc_download_csv")), sep=";", encoding="utf-8-sig")
    velsen = csv[(csv["Gemeente"] == "Velsen") & (csv["Jaar"] == "totaal")].iloc[0]
    assert str(velsen["Netto kosten (exact)"]).replace(".", "") == "1057118"
    assert str(velsen["Netto kosten (afgerond, zoals getoond)"]).replace(".", "") == "1057000"
    rij_2027 = csv[(csv["Gemeente"] == "Velsen") & (csv["Jaar"].astype(str) == "2027")].iloc[0]
    assert str(rij_2027["Netto kosten (exact)"]).replace(".", "") == "528559"


def test_hoe_berekend_shows_the_exact_steps(app_env):
    at = open_page({"sc_open_berekening": "true"})
    text = markdown_text(at)
    assert "**1. Verdeling**" in text and "**5. Afronding**" in text
    verdeling = next(t.value for t in at.table if "Exact" in t.value.columns)
    velsen = verdeling[verdeling["Gemeente"] == "Velsen"].iloc[0]
    assert (velsen["Gewicht"], velsen["Exact"], velsen["Toegewezen"]) == (
        "69.238",
        "€\xa01.057.117,82",
        "€\xa01.057.118",
    )


# ---------------------------------------------------------------- the table is the model, for any input


# Shares of € 2.300.000 (raadsvoorstel, scenario 2) worked out by hand from the documents' counts:
# inwoners medio 2024 Velsen 69.238, Beverwijk 41.863, Heemskerk 39.542 (of 150.643); P-wet
# uitkeringen 1.727 / 1.041 / 913 (of 3.681); 2011 cost split 74.241 / 43.391 / 43.241 (of
# 160.873). Each year's part rounded to € 1.000 so that rows and columns add up (the remainders
# that lose least go up), or to the euro when an amount typed is not whole thousands.
PER_JAAR = {
    "documenten": (
        {},
        {"Velsen": [528_000, 529_000], "Beverwijk": [320_000, 319_000], "Heemskerk": [302_000, 302_000]},
    ),
    # 40% in 2027, 30% in 2028 and 2029: Velsen 1.057.118 → 422.847 / 317.135 / 317.135
    "drie jaar, 40% eerst": (
        {"sc_jaren": "3", "sc_eerste": "40"},
        {
            "Velsen": [423_000, 317_000, 317_000],
            "Beverwijk": [255_000, 192_000, 192_000],
            "Heemskerk": [242_000, 181_000, 181_000],
        },
    ),
    # € 3.000.000 by uitkeringen: Velsen 1.407.498, Beverwijk 848.411, Heemskerk 744.091
    "uitkeringen, € 3 mln": (
        {"sc_sleutel": "Uitkeringen P-wet", "sc_totaal_2": "3000000"},
        {"Velsen": [704_000, 704_000], "Beverwijk": [424_000, 424_000], "Heemskerk": [372_000, 372_000]},
    ),
    # the 2011 split: Velsen 1.061.434, Beverwijk 620.357, Heemskerk 618.212
    "kostenverdeling 2011": (
        {"sc_sleutel": "Kostenverdeling 2011"},
        {"Velsen": [531_000, 531_000], "Beverwijk": [310_000, 310_000], "Heemskerk": [309_000, 309_000]},
    ),
    # € 2.345.678 over five years (50%, then 12,5% each): Velsen 1.078.112 → 539.056 and 134.764
    "tot op de euro, vijf jaar": (
        {"sc_totaal_2": "2345678", "sc_jaren": "5"},
        {
            "Velsen": [539_056, 134_764, 134_764, 134_764, 134_764],
            "Beverwijk": [325_926, 81_482, 81_482, 81_482, 81_481],
            "Heemskerk": [307_857, 76_964, 76_964, 76_964, 76_964],
        },
    ),
}


@pytest.mark.parametrize("geval", list(PER_JAAR))
def test_per_year_table_has_the_worked_out_figures(app_env, geval):
    params, verwacht = PER_JAAR[geval]
    at = open_page(params)
    getoond = als_afgerond(antwoord(at))
    jaren = sorted({j for _, j in getoond["cellen"]})
    assert jaren == list(range(2027, 2027 + len(verwacht["Velsen"])))
    assert {g: [int(getoond["cellen"][g, j]) for j in jaren] for g in verwacht} == verwacht
    assert getoond["totaal"] == int(params.get("sc_totaal_2", 2_300_000))
    if "sc_jaren" in params and int(params["sc_jaren"]) > m.JAREN_IN_KOLOMMEN:
        assert antwoord(at).columns[0] == "Jaar"  # a long fasering: a row per year, the table stays narrow


def test_an_amount_typed_to_the_euro_is_shown_to_the_euro(app_env):
    at = open_page({"sc_totaal_2": "2345678"})
    g = als_afgerond(antwoord(at))
    assert g["totaal"] == 2_345_678 and g["rijen"]["Velsen"] == 1_078_112  # 2.345.678 × 69.238 / 150.643
    assert "In hele euro's, want een ingevuld bedrag eindigt niet op duizenden" in markdown_text(at)
    at = open_page({"sc_totaal_2": "2345000"})
    assert als_afgerond(antwoord(at))["rijen"]["Velsen"] == 1_078_000
    assert "Afgerond op €\xa01.000, want de ingevulde bedragen zijn hele duizenden" in markdown_text(at)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    totaal=hst.one_of(hst.integers(1, 5_000).map(lambda x: x * 1000), hst.integers(1, 5_000_000)),
    jaren=hst.integers(1, 6),
    eerste=hst.sampled_from(range(0, 101, 5)),
    reserve=hst.one_of(hst.none(), hst.integers(1, 500).map(lambda x: x * 1000)),
    herstr=hst.integers(0, 100),
    sleutel=hst.sampled_from(["Inwoners", "Uitkeringen P-wet", "Kostenverdeling 2011"]),
)
def test_property_shown_figures_add_up_to_the_rounded_total(
    app_env, model, totaal, jaren, eerste, reserve, herstr, sleutel
):
    params = {
        "sc_totaal_2": str(totaal),
        "sc_jaren": str(jaren),
        "sc_eerste": str(eerste),
        "sc_herstr_heemskerk": str(herstr),
        "sc_sleutel": sleutel,
    }
    if reserve is not None:
        params["sc_reserve_beverwijk"] = str(reserve)
    at = open_page(params)
    g = als_afgerond(antwoord(at))
    for naam in g["orde"]:
        assert sum(v for (x, _), v in g["cellen"].items() if x == naam) == g["rijen"][naam]
    for j, som in g["kolommen"].items():
        assert sum(v for (_, y), v in g["cellen"].items() if y == j) == som
    assert sum(g["rijen"].values()) == sum(g["kolommen"].values()) == g["totaal"]
    dekking = {HEEMSKERK: m.Dekking(herstructurering_pct=Fraction(herstr)), BEVERWIJK: m.Dekking(reserve=reserve or 0)}
    code = {"Inwoners": "inwoners", "Uitkeringen P-wet": "uitkeringen", "Kostenverdeling 2011": m.KOSTEN_2011}[sleutel]
    r = model["bereken"](totaal=totaal, code=code, jaren=jaren, eerste=eerste, dekking=dekking)
    eenheid = 1000 if totaal % 1000 == 0 else 1
    assert g["totaal"] == m._afronden(Fraction(r.netto(), eenheid)) * eenheid  # the exact total, rounded
    assert {k: g[k] for k in ("cellen", "rijen", "kolommen", "totaal")} == model_afgerond(r, dekking)


# ---------------------------------------------------------------- inputs move the answer


def test_moving_the_fasering_changes_the_answer(app_env, model):
    at = open_page()
    voor = antwoord(at)
    at.slider(key="sc_eerste").set_value(70).run()
    no_exception(at)
    assert not antwoord(at).equals(voor)
    # 70% in 2027: Velsen 740.000 + 317.000, Beverwijk 447.000 + 192.000, Heemskerk 423.000 + 181.000
    assert als_afgerond(antwoord(at))["cellen"] == {
        ("Velsen", 2027): 740_000,
        ("Velsen", 2028): 317_000,
        ("Beverwijk", 2027): 447_000,
        ("Beverwijk", 2028): 192_000,
        ("Heemskerk", 2027): 423_000,
        ("Heemskerk", 2028): 181_000,
    }
    # the reader's gemeente per year, right under the sliders
    assert "Velsen: **€\xa0740.000 in 2027 en €\xa0317.000 in 2028**" in markdown_text(at)
    assert "Aanname" in markdown_text(at)
    at.slider(key="sc_jaren").set_value(3).run()
    assert list(antwoord(at).columns) == ["Gemeente", "2027", "2028", "2029", "Totaal"]


def test_dekking_changes_the_answer_beside_it(app_env, model):
    at = open_page()
    at.slider(key="sc_herstr_velsen").set_value(50).run()
    no_exception(at)
    r = model["bereken"](dekking={VELSEN: m.Dekking(herstructurering_pct=Fraction(50))})
    assert als_afgerond(antwoord(at))["rijen"] == model_afgerond(r)["rijen"]
    # half of € 1.057.118 is € 528.559, yet € 528.000: with Beverwijk € 639.000 and Heemskerk € 604.000 the
    # parts must add up to € 1.771.000 (the exact € 1.771.441 rounded), and Velsen's remainder is the smallest
    # loss (largest remainder over the table)
    assert als_afgerond(antwoord(at))["rijen"] == {"Velsen": 528_000, "Beverwijk": 639_000, "Heemskerk": 604_000}
    assert "Netto Velsen: **€\xa0264.000 per jaar in 2027 en 2028** (samen €\xa0528.000)" in markdown_text(at)


def test_choosing_another_key_changes_the_answer_and_the_comparison_shows_all(app_env, model):
    at = open_page()
    vergelijk = next(t.value for t in at.table if t.value.columns[0] == "Verdeelsleutel").set_index("Verdeelsleutel")
    assert list(vergelijk.index) == [
        "Inwoners (raadsvoorstel)",
        "Uitkeringen P\u2011wet",
        "In traject bij IJW",
        "Kostenverdeling 2011",
    ]
    assert list(vergelijk.columns) == ["Velsen", "Beverwijk", "Heemskerk"]  # mijn gemeente first
    assert vergelijk.loc["Inwoners (raadsvoorstel)", "Velsen"] == "€\xa01.057.000"
    # the 2011 split (74.241 : 43.391 : 43.241 of the three) against inwoners, rounded as the page rounds
    assert vergelijk.loc["Kostenverdeling 2011"].tolist() == [
        "€\xa01.062.000 (+\u2060€\xa05.000)",
        "€\xa0620.000 (−\u2060€\xa019.000)",
        "€\xa0618.000 (+\u2060€\xa014.000)",
    ]
    at.selectbox(key="sc_sleutel").set_value("uitkeringen").run()
    no_exception(at)
    # € 2.300.000 × 1.727 / 3.681 = 1.079.082 (Velsen), × 1.041 = 650.448, × 913 = 570.470
    assert als_afgerond(antwoord(at))["rijen"] == {"Velsen": 1_079_000, "Beverwijk": 650_000, "Heemskerk": 571_000}


# ---------------------------------------------------------------- mijn gemeente


def test_mijn_gemeente_round_trips_through_the_url_and_comes_first(app_env):
    at = open_page({"sc_gemeente": "Heemskerk"})
    assert at.selectbox(key="sc_gemeente").value == HEEMSKERK
    assert als_afgerond(antwoord(at))["orde"] == ["Heemskerk", "Beverwijk", "Velsen"]
    assert kop(at).startswith("Scenario 2 kost Heemskerk netto €\xa0302.000 per jaar in 2027 en 2028.")
    for fig in figures(at):
        namen = [t["name"] for t in fig["data"]]
        if all(t.get("orientation") == "h" for t in fig["data"]):
            namen.reverse()  # horizontal bars: Plotly draws a group's first trace lowest
        if "Velsen" in " ".join(namen):  # the charts per gemeente
            assert namen[0] in ("Heemskerk (mijn gemeente)", "<b>Heemskerk</b>")
        else:  # the tornado is about mijn gemeente
            assert "Heemskerk" in titel(fig)
    assert "Gevoeligheid voor Heemskerk" in markdown_text(at)
    assert "sc_gemeente=Heemskerk" in at.code[0].value  # "Link kopiëren" shares it

    at.selectbox(key="sc_gemeente").set_value(BEVERWIJK).run()
    assert "sc_gemeente=Beverwijk" in at.code[0].value
    assert als_afgerond(antwoord(at))["orde"][0] == "Beverwijk"
    # not an assumption: no aanname notice, and "Terug naar de stukken" keeps it
    assert not [i for i in at.info if "Aanname" in i.value]
    at.button(key="sc_terug").click().run()
    assert at.selectbox(key="sc_gemeente").value == BEVERWIJK


def test_an_invalid_mijn_gemeente_gets_a_dutch_message(app_env):
    at = open_page({"sc_gemeente": "Uitgeest"})
    assert at.selectbox(key="sc_gemeente").value == VELSEN
    waarschuwing = "\n".join(w.value for w in at.warning)
    assert "Mijn gemeente: de waarde 'Uitgeest' in de link is ongeldig (geen van de keuzes)" in waarschuwing


# ---------------------------------------------------------------- the three scenarios


def test_unquantified_scenarios_show_niet_gekwantificeerd_until_an_aanname(app_env, model):
    at = open_page()
    text = markdown_text(at)
    assert text.count(f"*{m.NIET_GEKWANTIFICEERD}*") == 2  # scenario 1 and 3 beside scenario 2
    at = open_page({"sc_scenario": "Scenario 1"})
    assert antwoord(at) is None
    assert any("Vul bij 'Frictiekosten scenario 1 (€)'" in i.value and "aanname" in i.value for i in at.info)
    assert kop(at) == f"Scenario 1 is {m.NIET_GEKWANTIFICEERD}: er is nog geen bedrag per gemeente of per jaar."
    assert at.number_input(key="sc_totaal_1").value is None
    at.number_input(key="sc_totaal_1").set_value(4_000_000).run()
    no_exception(at)
    assert als_afgerond(antwoord(at))["totaal"] == 4_000_000
    assert als_afgerond(antwoord(at)) | {"orde": None} == model_afgerond(model["bereken"](totaal=4_000_000)) | {
        "orde": None
    }
    assert "Frictiekosten €\xa04.000.000 (aanname)" in kop(at)
    assert markdown_text(at).count(f"*{m.NIET_GEKWANTIFICEERD}*") == 1  # scenario 3 still
    naast = next(f for f in figures(at) if titel(f) == "De drie scenario's naast elkaar")
    assert any("Scenario 1" in a["text"] and "aanname" in a["text"] for a in naast["layout"]["annotations"])
    assert sum(t["x"][0] for t in naast["data"]) == 4_000_000


def test_an_aanname_for_a_scenario_beside_the_chosen_one(app_env):
    at = open_page({"sc_totaal_3": "1500000"})
    kaart = [t.value for t in at.table if list(t.value.columns) == ["Gemeente", "Netto, alle jaren"]]
    assert len(kaart) == 2  # scenario 2 and 3
    assert sum(bedrag(x) for x in kaart[1]["Netto, alle jaren"]) == 1_500_000


# ---------------------------------------------------------------- links and the documents


def test_a_link_restores_every_input(app_env, model):
    at = open_page(
        {
            "sc_sleutel": "In traject bij IJW",
            "sc_totaal_2": "3000000",
            "sc_jaren": "3",
            "sc_eerste": "40",
            "sc_reserve_heemskerk": "100000",
            "sc_gemeente": "Heemskerk",
        }
    )
    assert at.selectbox(key="sc_sleutel").value == "in_traject"
    assert at.number_input(key="sc_totaal_2").value == 3_000_000
    assert at.slider(key="sc_jaren").value == 3 and at.slider(key="sc_eerste").value == 40
    dekking = {HEEMSKERK: m.Dekking(reserve=100_000)}
    r = model["bereken"](totaal=3_000_000, code="in_traject", jaren=3, eerste=40, dekking=dekking)
    assert {k: v for k, v in als_afgerond(antwoord(at)).items() if k != "orde"} == model_afgerond(r, dekking)
    text = markdown_text(at)
    assert "Aanname" in text and "De link bevat ongeldige waarden" not in text


def test_an_invalid_link_gets_a_dutch_message_and_the_defaults(app_env):
    at = open_page(
        {
            "sc_totaal_1": "abc",
            "sc_totaal_2": "inf",
            "sc_herstr_velsen": "150",
            "sc_sleutel": "Onzin",
            "sc_ingang": "2027-13-01",
        }
    )
    assert als_afgerond(antwoord(at))["rijen"] == {"Velsen": 1_057_000, "Beverwijk": 639_000, "Heemskerk": 604_000}
    waarschuwing = "\n".join(w.value for w in at.warning)
    assert "De link bevat ongeldige waarden" in waarschuwing
    for label in (
        "Frictiekosten scenario 1",
        "Frictiekosten scenario 2",
        "Compensatie herstructureringsmiddelen, Velsen",
        "Verdeelsleutel",
        "Ingangsdatum",
    ):
        assert label in waarschuwing
    # the message stays until the user changes something, then goes
    at.run()
    assert any("ongeldige waarden" in w.value for w in at.warning)
    at.slider(key="sc_jaren").set_value(3).run()
    assert not any("ongeldige waarden" in w.value for w in at.warning)


def test_terug_naar_de_stukken_resets_to_the_documents(app_env):
    at = open_page(
        {
            "sc_totaal_2": "3000000",
            "sc_sleutel": "Eigen percentages",
            "sc_herstr_beverwijk": "30",
            "sc_totaal_1": "5000000",
            "sc_ingang": "2028-01-01",
        }
    )
    assert als_afgerond(antwoord(at))["totaal"] != 2_300_000
    at.button(key="sc_terug").click().run()
    no_exception(at)
    assert als_afgerond(antwoord(at))["rijen"] == {"Velsen": 1_057_000, "Beverwijk": 639_000, "Heemskerk": 604_000}
    assert at.number_input(key="sc_totaal_2").value == 2_300_000
    assert at.number_input(key="sc_totaal_1").value is None
    assert at.selectbox(key="sc_sleutel").value == "inwoners"
    assert at.slider(key="sc_herstr_beverwijk").value == 0
    assert not [i for i in at.info if "Aanname" in i.value]


def test_own_percentages_must_sum_to_100(app_env):
    at = open_page({"sc_sleutel": "Eigen percentages"})
    # the default own percentages are the inwoners shares, rounded to sum to 100
    assert als_afgerond(antwoord(at))["totaal"] == 2_300_000
    at.slider(key="sc_pct_velsen").set_value(60.0).run()
    no_exception(at)
    assert antwoord(at) is None
    assert any("100%" in e.value and "geen uitkomst" in e.value for e in at.error)


def test_presentation_hides_the_input_panel_and_its_captions(app_env):
    at = open_page({"presentatie": "1", "sc_totaal_3": "1500000"})
    # the panel of assumptions, whole, behind the one 'Instellingen' popover of the top bar
    [instellingen] = [p for p in at.get("popover") if p.proto.popover.label == "Instellingen"]
    assert instellingen.number_input(key="sc_totaal_3").value == 1_500_000
    text = markdown_text(at)
    assert "Vul een bedrag in als aanname" not in text and "leeg tot u een aanname" not in text
    assert antwoord(at) is not None  # the answer is there, full width


def test_closed_sections_run_nothing_and_the_2011_check_opens_from_a_link(app_env):
    """The sections under the charts are lazy: closed, their tables are not built. A link
    that opens the 2011 check shows the document's split next to this page's rule, exactly."""
    at = open_page()
    assert not [df for df in at.dataframe if "In het document" in df.value.columns]
    assert not [t for t in at.table if "Exact" in t.value.columns]
    assert len(at.expander) >= 6  # 2 input groups, Hoe berekend?, voor- en nadelen, herkomst, 2011

    at = open_page({"sc_open_2011": "true"})
    [t] = [df.value for df in at.dataframe if "In het document" in df.value.columns]
    engine = db.create_engine(app_env)
    doc = queries.dataset(engine, "kostenverdeling_2011")
    engine.dispose()
    namen = {"GM0453": "Velsen", "GM0375": "Beverwijk", "GM0396": "Heemskerk", "GM0450": "Uitgeest"}
    verwacht_2011 = {
        namen[g]: formatting.euro(b)
        for g, b in zip(doc["gebied"], doc["bedrag_per_jaar"], strict=True)
        if g.startswith("GM")
    }
    assert verwacht_2011 == {
        "Velsen": "€\xa074.241",
        "Beverwijk": "€\xa043.391",
        "Heemskerk": "€\xa043.241",
        "Uitgeest": "€\xa014.127",
    }
    assert dict(zip(t["Gemeente"], t["In het document"], strict=True)) == verwacht_2011
    assert list(t["Berekend"]) == list(t["In het document"])  # the rule reproduces 2011 to the euro
    assert set(t["Verschil"]) == {formatting.euro(0)}
    assert "sc_open_2011=true" in at.code[0].value
