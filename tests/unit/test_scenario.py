"""The frictiekosten scenario model: the documented case, the 2011 check, rounding, keys,
fasering, dekking, sensitivity, URL checks and invalid input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ijmond_dash import formatting, queries
from ijmond_dash import scenario as m

VELSEN, BEVERWIJK, HEEMSKERK = "GM0453", "GM0375", "GM0396"
START = dt.date(2027, 1, 1)


# ---------------------------------------------------------------- from the store


@pytest.fixture
def store(engine):
    """Everything the model needs, read from the store (both backends)."""
    frictie = queries.frictiekosten(engine).to_dict("records")
    std = m.standaarden(queries.dataset(engine, "scenarios").to_dict("records"), frictie,
                        queries.dataset(engine, "kengetallen").to_dict("records"))
    leden = queries.dataset(engine, "gebied_leden").to_dict("records")
    aantallen = queries.verdeelsleutel_aantallen(engine).to_dict("records")
    return {"std": std, "frictie": frictie, "leden": leden, "aantallen": aantallen,
            "ijmond": m.leden(leden, "IJMOND")}


def test_defaults_come_from_the_store(store):
    std = store["std"]
    assert std.totalen == {1: None, 2: 2_300_000, 3: None}
    assert std.scenario == 2
    assert std.ingangsdatum == START
    assert (std.fase_jaren, std.eerste_jaar_pct) == (2, 50)  # € 500.000 in 2027 and in 2028
    assert std.impuls_jaren == 10
    assert std.gemeente == VELSEN


def test_documented_case_scenario_2_inwoners(store):
    std = store["std"]
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], store["ijmond"])
    assert sleutel.peildatum == dt.date(2024, 6, 30)
    fase = m.fasering(std.ingangsdatum, std.fase_jaren, std.eerste_jaar_pct)
    r = m.bereken(std.totalen[2], sleutel, fase)
    assert sum(r.aandeel.values()) == 2_300_000
    assert r.netto() == 2_300_000
    # the document: "ongeveer € 1 miljoen" for Velsen; the inwoners key gives € 1,06 mln
    assert formatting.euro_kort(r.aandeel[VELSEN]) == "€\xa01,06 mln"
    assert 1_050_000 < r.aandeel[VELSEN] < 1_065_000
    assert r.aandeel[VELSEN] == 1_057_118  # 2.300.000 x 69.238 / 150.643, largest remainder
    # per year the parts add up to the gemeente and the years to the total
    for g in r.gemeenten:
        assert r.kosten_in(g, 2027) + r.kosten_in(g, 2028) == r.aandeel[g]
    vergelijk = {(v["gebied"], v["jaar"]): v for v in m.vergelijking(r, store["frictie"], 2)}
    assert vergelijk[(VELSEN, "alle jaren")]["in_de_stukken"] == 1_000_000
    assert vergelijk[(VELSEN, "alle jaren")]["berekend"] == r.aandeel[VELSEN]
    assert vergelijk[(VELSEN, "alle jaren")]["benadering"] == "ongeveer"
    assert vergelijk[("IJMOND", "alle jaren")]["verschil"] == 0
    assert vergelijk[(VELSEN, "2027")]["in_de_stukken"] == 500_000


def test_allocation_uses_the_gemeenten_not_the_document_total(store):
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], store["ijmond"])
    assert sum(sleutel.gewichten.values()) == 150_643
    assert m.regio_verschil(store["aantallen"], "inwoners", "IJMOND", store["ijmond"], sleutel.peildatum) == (
        150_533, 150_643)


def test_same_code_reproduces_the_2011_split(engine, store):
    verdeling = queries.dataset(engine, "kostenverdeling_2011")
    doc = {r["gebied"]: int(r["bedrag_per_jaar"]) for r in verdeling.to_dict("records")}
    regio = next(g for g in doc if any(x["regio"] == g for x in store["leden"]))
    leden = m.leden(store["leden"], regio)
    assert len(leden) == 4
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], leden)
    assert sleutel.peildatum == dt.date(2011, 1, 1)
    berekend = m.verdeel(doc[regio], sleutel.gewichten)
    assert sum(berekend.values()) == doc[regio] == 175_000
    for g in leden:
        assert abs(berekend[g] - doc[g]) <= 10, (g, berekend[g], doc[g])


@pytest.mark.parametrize("code", ["uitkeringen", "in_traject"])
def test_other_keys_follow_their_counts(store, code):
    sleutel = m.sleutel_uit_rijen(code, store["aantallen"], store["ijmond"])
    rijen = {r["gebied"]: int(r["aantal"]) for r in store["aantallen"]
             if r["sleutel"] == code and r["gebied"] in store["ijmond"]}
    assert {g: int(w) for g, w in sleutel.gewichten.items()} == rijen
    delen = m.verdeel(2_300_000, sleutel.gewichten)
    assert sum(delen.values()) == 2_300_000
    for g, deel in delen.items():
        assert abs(deel - Fraction(2_300_000 * rijen[g], sum(rijen.values()))) < 1


# ---------------------------------------------------------------- verdeel


def test_largest_remainder_rounding():
    assert m.verdeel(100, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert m.verdeel(10, {"a": 1, "b": 2}) == {"a": 3, "b": 7}  # 3,33 and 6,67
    assert m.verdeel(5, {"a": 0, "b": 3}) == {"a": 0, "b": 5}
    assert m.verdeel(0, {"a": 1, "b": 1}) == {"a": 0, "b": 0}
    assert m.verdeel(-100, {"a": 1, "b": 1, "c": 1}) == {"a": -34, "b": -33, "c": -33}
    # ties go to the larger weight first
    assert m.verdeel(1, {"a": Decimal("0.5"), "b": Decimal("1.5")}) == {"a": 0, "b": 1}


def test_weights_are_exact_whatever_their_type():
    assert m.verdeel(1000, {"a": 0.1, "b": 0.2, "c": 0.7}) == {"a": 100, "b": 200, "c": 700}
    assert m.verdeel(1000, {"a": "33.3", "b": Decimal("33.3"), "c": Fraction(333, 10)}) == {"a": 334, "b": 333, "c": 333}


@pytest.mark.parametrize("totaal, gewichten, tekst", [
    (100, {}, "niets om over te verdelen"),
    (100, {"a": 0, "b": 0}, "overal nul"),
    (100, {"a": -1, "b": 2}, "negatief"),
    (100.5, {"a": 1}, "hele euro"),
    (Decimal("100.50"), {"a": 1}, "zonder centen"),
    (True, {"a": 1}, "hele euro"),
    (100, {"a": "abc"}, "geen getal"),
    (100, {"a": float("inf")}, "eindig"),
])
def test_verdeel_refuses_invalid_input(totaal, gewichten, tekst):
    with pytest.raises(m.ScenarioFout, match=tekst):
        m.verdeel(totaal, gewichten)


gewichten_st = st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 10**7), min_size=1, max_size=8).filter(
    lambda d: sum(d.values()) > 0)


@settings(max_examples=300, deadline=None)
@given(totaal=st.integers(0, 10**10), gewichten=gewichten_st)
def test_property_sums_exactly_and_is_never_negative(totaal, gewichten):
    delen = m.verdeel(totaal, gewichten)
    assert sum(delen.values()) == totaal
    assert all(d >= 0 for d in delen.values())
    som = sum(gewichten.values())
    for k, d in delen.items():
        assert abs(d - Fraction(totaal * gewichten[k], som)) < 1  # never a euro off its quota


@settings(max_examples=200, deadline=None)
@given(totaal=st.integers(0, 10**9),
       pct=st.lists(st.decimals(0, 100, places=2, allow_nan=False), min_size=1, max_size=6).filter(lambda p: sum(p) > 0))
def test_property_decimal_weights(totaal, pct):
    delen = m.verdeel(totaal, {i: p for i, p in enumerate(pct)})
    assert sum(delen.values()) == totaal and min(delen.values()) >= 0


@settings(max_examples=100, deadline=None)
@given(totaal=st.integers(0, 10**8), jaren=st.integers(1, 10), eerste=st.integers(0, 100),
       reserve=st.integers(0, 10**7), pct=st.integers(0, 100))
def test_property_bereken_adds_up(totaal, jaren, eerste, reserve, pct):
    sleutel = m.Verdeelsleutel("inwoners", {VELSEN: Fraction(69238), BEVERWIJK: Fraction(41863), HEEMSKERK: Fraction(39542)})
    r = m.bereken(totaal, sleutel, m.fasering(START, jaren, eerste), {VELSEN: m.Dekking(reserve, 0, 0, pct)})
    assert r.kosten() == totaal
    assert sum(x.reserve for x in r.regels) == reserve
    assert r.netto() == totaal - reserve - sum(x.herstructurering for x in r.regels)
    assert all(x.kosten >= 0 for x in r.regels)


# ---------------------------------------------------------------- keys


def test_eigen_sleutel_must_sum_to_100():
    s = m.eigen_sleutel({VELSEN: Decimal("46.0"), BEVERWIJK: Decimal("27.8"), HEEMSKERK: Decimal("26.2")})
    assert s.aanname and s.code == "eigen"
    assert m.verdeel(1000, s.gewichten) == {VELSEN: 460, BEVERWIJK: 278, HEEMSKERK: 262}
    with pytest.raises(m.ScenarioFout, match=r"104,0%.*100%"):
        m.eigen_sleutel({VELSEN: 50, BEVERWIJK: 27.8, HEEMSKERK: 26.2})
    with pytest.raises(m.ScenarioFout, match="tussen 0% en 100%"):
        m.eigen_sleutel({VELSEN: 120, BEVERWIJK: -20})
    with pytest.raises(m.ScenarioFout):
        m.eigen_sleutel({})


def test_percentages_van_sum_to_exactly_100():
    s = m.Verdeelsleutel("inwoners", {VELSEN: Fraction(69238), BEVERWIJK: Fraction(41863), HEEMSKERK: Fraction(39542)})
    pct = m.percentages_van(s)
    assert sum(pct.values()) == 100
    assert pct == {VELSEN: Decimal("46.0"), BEVERWIJK: Decimal("27.8"), HEEMSKERK: Decimal("26.2")}
    m.eigen_sleutel(pct)  # the page's default own percentages are a valid key


def test_sleutel_uit_rijen_refuses_missing_gemeente_and_unknown_key():
    rijen = [{"sleutel": "inwoners", "peildatum": START, "gebied": VELSEN, "aantal": 10, "bron": "x"}]
    with pytest.raises(m.ScenarioFout, match="ontbreekt"):
        m.sleutel_uit_rijen("inwoners", rijen, [VELSEN, BEVERWIJK])
    with pytest.raises(m.ScenarioFout, match="Onbekende"):
        m.sleutel_uit_rijen("eigen", rijen, [VELSEN])


# ---------------------------------------------------------------- fasering


def test_fasering_shares():
    assert m.fasering(START, 2, 50).gewichten == {2027: 50, 2028: 50}
    assert m.fasering(START, 1, 30).gewichten == {2027: 100}  # one year takes everything
    assert m.fasering(START, 3, 40).gewichten == {2027: 40, 2028: 30, 2029: 30}
    assert m.fasering(dt.date(2028, 7, 1), 2, 100).jaren == [2028, 2029]
    f = m.fasering(START, 3, 0)
    assert sum(f.aandelen) == 100


def test_fasering_moves_costs_between_years_not_the_total():
    s = m.Verdeelsleutel("x", {VELSEN: Fraction(1)})
    a = m.bereken(1_000_000, s, m.fasering(START, 2, 50))
    b = m.bereken(1_000_000, s, m.fasering(dt.date(2028, 1, 1), 3, 70))
    assert [x.kosten for x in a.regels] == [500_000, 500_000]
    assert [x.kosten for x in b.regels] == [700_000, 150_000, 150_000]
    assert a.jaren == [2027, 2028] and b.jaren == [2028, 2029, 2030]
    assert a.netto() == b.netto() == 1_000_000


@pytest.mark.parametrize("jaren, eerste", [(0, 50), (21, 50), (2, -1), (2, 101), (True, 50)])
def test_fasering_refuses_invalid_input(jaren, eerste):
    with pytest.raises(m.ScenarioFout):
        m.fasering(START, jaren, eerste)


# ---------------------------------------------------------------- dekking


SLEUTEL = m.Verdeelsleutel("x", {VELSEN: Fraction(1), BEVERWIJK: Fraction(1)})


def test_dekking_reserve_and_compensation():
    fase = m.fasering(START, 2, 50)
    r = m.bereken(1_000_000, SLEUTEL, fase, {VELSEN: m.Dekking(reserve=100_000, herstructurering_pct=Fraction(25))})
    assert r.aandeel == {VELSEN: 500_000, BEVERWIJK: 500_000}
    assert r.dekking(VELSEN) == 100_000 + 125_000
    assert r.netto(VELSEN) == 275_000
    assert r.netto(BEVERWIJK) == 500_000  # no dekking: the whole share is still to be covered
    assert [x.reserve for x in r.regels if x.gemeente == VELSEN] == [50_000, 50_000]


def test_impulsbudget_runs_on_after_the_costs_and_a_surplus_is_shown():
    fase = m.fasering(START, 2, 50)
    r = m.bereken(1_000_000, SLEUTEL, fase, {VELSEN: m.Dekking(impuls_per_jaar=100_000, impuls_jaren=10)})
    assert r.jaren == list(range(2027, 2037))
    velsen = {x.jaar: x.netto for x in r.regels if x.gemeente == VELSEN}
    assert velsen[2027] == 150_000 and velsen[2030] == -100_000  # never clipped to 0
    assert r.netto(VELSEN) == 500_000 - 1_000_000
    assert m.saldo_tekst(r.netto(VELSEN)) == "overschot"
    assert {x.jaar: x.netto for x in r.regels if x.gemeente == BEVERWIJK}[2030] == 0
    tabel = {(row["naam"], row["jaar"]): row for row in r.rijen({VELSEN: "Velsen"})}
    assert tabel[("Velsen", "totaal")]["netto"] == -500_000
    assert tabel[("Velsen", "totaal")]["saldo"] == "overschot"
    assert tabel[("IJmond", "totaal")]["netto"] == r.netto()


def test_reserve_larger_than_cost_gives_negative_net():
    r = m.bereken(100, SLEUTEL, m.fasering(START, 1, 100), {BEVERWIJK: m.Dekking(reserve=1_000)})
    assert r.netto(BEVERWIJK) == 50 - 1_000


@pytest.mark.parametrize("kwargs", [dict(reserve=-1), dict(impuls_per_jaar=-5), dict(impuls_jaren=-1),
                                    dict(herstructurering_pct=101), dict(reserve=10.5)])
def test_dekking_refuses_invalid_input(kwargs):
    with pytest.raises(m.ScenarioFout):
        m.Dekking(**kwargs)


def test_dekking_uit_widget_values():
    d = m.dekking_uit(None, 50_000.0, 10, 20)
    assert d == m.Dekking(0, 50_000, 10, Fraction(20))
    assert m.dekking_uit(None, None, 10, 0).is_leeg


def test_bereken_refuses_unquantified_and_invalid():
    fase = m.fasering(START, 2, 50)
    with pytest.raises(m.ScenarioFout, match="niet gekwantificeerd in de stukken"):
        m.bereken(None, SLEUTEL, fase, scenario_naam="Scenario 1")
    with pytest.raises(m.ScenarioFout, match="negatief"):
        m.bereken(-1, SLEUTEL, fase)
    with pytest.raises(m.ScenarioFout, match="buiten de verdeelsleutel"):
        m.bereken(100, SLEUTEL, fase, {HEEMSKERK: m.Dekking()})


def test_euro_geheel_rounds_half_up_without_float_drift():
    assert m.euro_geheel(2_300_000.0) == 2_300_000
    assert m.euro_geheel(0.5) == 1 and m.euro_geheel(2.675) == 3
    assert m.euro_geheel(None) is None and m.euro_geheel(float("nan")) is None


# ---------------------------------------------------------------- sensitivity


def test_gevoeligheid_per_assumption():
    fase = m.fasering(START, 2, 50)
    dekking = {VELSEN: m.Dekking(reserve=100_000, impuls_per_jaar=10_000, impuls_jaren=5,
                                 herstructurering_pct=Fraction(10))}
    rows = {g.aanname: g for g in m.gevoeligheid(1_000_000, SLEUTEL, fase, dekking, VELSEN)}
    basis = 500_000 - 100_000 - 50_000 - 50_000
    assert {g.basis for g in rows.values()} == {basis}
    # totaal ±20%: 400.000 / 600.000 for Velsen, 10% compensation moves along
    assert rows["Frictiekosten totaal"].laag == 400_000 - 100_000 - 50_000 - 40_000
    assert rows["Frictiekosten totaal"].hoog == 600_000 - 100_000 - 50_000 - 60_000
    assert rows["Uit de reserve"].laag == basis + 20_000 and rows["Uit de reserve"].hoog == basis - 20_000
    assert rows["Jaren impulsbudget"].laag == basis + 10_000  # 5 x 0,8 = 4 years
    assert rows["Impulsbudget per jaar"].hoog == basis - 10_000
    # weight 1 of 2 -> 0,8 / 1,8 and 1,2 / 2,2 of the total
    assert rows["Gewicht in de verdeelsleutel"].laag < basis < rows["Gewicht in de verdeelsleutel"].hoog
    bereik = [g.bereik for g in m.gevoeligheid(1_000_000, SLEUTEL, fase, dekking, VELSEN)]
    assert bereik == sorted(bereik, reverse=True)


def test_gevoeligheid_zero_assumptions_have_no_effect():
    rows = m.gevoeligheid(1_000_000, SLEUTEL, m.fasering(START, 2, 50), {}, VELSEN)
    geen = {g.aanname for g in rows if g.bereik == 0}
    assert geen == {"Uit de reserve", "Impulsbudget per jaar", "Jaren impulsbudget", "Compensatie herstructurering"}
    with pytest.raises(m.ScenarioFout):
        m.gevoeligheid(1_000_000, SLEUTEL, m.fasering(START, 2, 50), {}, HEEMSKERK)


# ---------------------------------------------------------------- labels, inputs and the URL


def test_status_labels(store):
    std = store["std"]
    assert m.status(2, 2_300_000, std) == m.BRON == "bron: raadsvoorstel"
    assert m.status(2, 2_000_000, std) == m.AANNAME
    assert m.status(1, None, std) == m.NIET_GEKWANTIFICEERD
    assert m.status(1, 2_300_000, std) == m.AANNAME  # a typed value is never the document's


def test_scenario_overzicht_keeps_unquantified_empty(store):
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], store["ijmond"])
    rows = m.scenario_overzicht({1: None, 2: 2_300_000, 3: 900_000}, store["std"], sleutel)
    per = {}
    for r in rows:
        per.setdefault(r["scenario"], []).append(r)
    assert all(r["bedrag"] is None for r in per[1]) and per[1][0]["status"] == m.NIET_GEKWANTIFICEERD
    assert sum(r["bedrag"] for r in per[2]) == 2_300_000 and per[2][0]["status"] == m.BRON
    assert sum(r["bedrag"] for r in per[3]) == 900_000 and per[3][0]["status"] == m.AANNAME


def _velden(store):
    gemeenten = {BEVERWIJK: "Beverwijk", HEEMSKERK: "Heemskerk", VELSEN: "Velsen"}
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], store["ijmond"])
    return m.velden(store["std"], gemeenten, m.percentages_van(sleutel))


def test_velden_defaults_never_invent_a_number(store):
    v = _velden(store)
    assert v["sc_totaal_2"].standaard == 2_300_000
    assert v["sc_totaal_1"].standaard is None and v["sc_totaal_3"].standaard is None
    assert v["sc_reserve_velsen"].standaard is None and v["sc_impuls_velsen"].standaard is None
    assert v["sc_herstr_velsen"].standaard == 0
    assert v["sc_ingang"].standaard == START and v["sc_impulsjaren"].standaard == 10
    assert v["sc_scenario"].labels[2] == "Scenario 2" and v["sc_gemeente"].standaard == VELSEN
    assert all(row["herkomst"] for row in m.herkomst(v))


@pytest.mark.parametrize("key, ruw, reden", [
    ("sc_totaal_1", "abc", "geen getal"),
    ("sc_totaal_1", "inf", "geen getal"),
    ("sc_totaal_2", "-5", "niet tussen"),
    ("sc_totaal_2", "", "leeg"),
    ("sc_herstr_velsen", "150", "niet tussen"),
    ("sc_sleutel", "Onzin", "geen van de keuzes"),
    ("sc_scenario", "4", "geen van de keuzes"),
    ("sc_ingang", "2027-13-01", "geen datum"),
    ("sc_ingang", "2099-01-01", "niet tussen"),
])
def test_invalid_url_values_are_named_in_dutch(store, key, ruw, reden):
    v = _velden(store)
    assert reden in v[key].controleer(ruw)
    (melding,) = m.ongeldige_parameters({key: ruw, "onbekend": "x"}, v)
    assert v[key].label in melding and "standaardwaarde" in melding


@pytest.mark.parametrize("key, ruw", [("sc_totaal_1", ""), ("sc_totaal_1", "1500000"), ("sc_herstr_velsen", "50"),
                                      ("sc_sleutel", "Uitkeringen P-wet"), ("sc_ingang", "2028-01-01"),
                                      ("sc_pct_velsen", "50.5"), ("sc_scenario", "Scenario 3")])
def test_valid_url_values_pass(store, key, ruw):
    assert _velden(store)[key].controleer(ruw) is None


def test_url_message_strips_markup(store):
    (melding,) = m.ongeldige_parameters({"sc_totaal_1": "<b>**x**</b>"}, _velden(store))
    assert "<" not in melding and "*" not in melding


def test_afwijkingen_are_the_aannames(store):
    v = _velden(store)
    assert m.afwijkingen({"sc_totaal_2": 2_300_000.0, "sc_totaal_1": None, "sc_herstr_velsen": 0}, v) == []
    assert m.afwijkingen({"sc_totaal_2": 2_000_000.0, "sc_totaal_1": 5.0, "sc_ingang": dt.date(2028, 1, 1)}, v) == [
        v["sc_totaal_1"].label, v["sc_totaal_2"].label, v["sc_ingang"].label]


def test_kernboodschap(store):
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], store["ijmond"])
    r = m.bereken(2_300_000, sleutel, m.fasering(START, 2, 50))
    tekst = m.kernboodschap("Scenario 2", r, m.BRON, {VELSEN: "Velsen", BEVERWIJK: "Beverwijk", HEEMSKERK: "Heemskerk"})
    assert tekst.startswith("Scenario 2 (€\xa02,3 mln, bron: raadsvoorstel) kost netto Velsen €\xa01,06 mln")
    assert "2027–2028" in tekst
    assert m.kernboodschap("Scenario 1", None, m.NIET_GEKWANTIFICEERD, {}, "fout") == "fout"
