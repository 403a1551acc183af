"""The frictiekosten scenario model: the documented case, the 2011 check, rounding, keys,
fasering, dekking, sensitivity, URL checks and invalid input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ijmond_dash import formatting
from ijmond_dash.analysis import scenario as m
from ijmond_dash.store import queries

VELSEN, BEVERWIJK, HEEMSKERK = "GM0453", "GM0375", "GM0396"
START = dt.date(2027, 1, 1)


# ---------------------------------------------------------------- from the store


@pytest.fixture
def store(engine):
    """Everything the model needs, read from the store (both backends)."""
    frictie = queries.frictiekosten(engine).to_dict("records")
    std = m.standaarden(
        queries.dataset(engine, "scenarios").to_dict("records"),
        frictie,
        queries.dataset(engine, "kengetallen").to_dict("records"),
    )
    leden = queries.dataset(engine, "gebied_leden").to_dict("records")
    aantallen = queries.verdeelsleutel_aantallen(engine).to_dict("records")
    return {"std": std, "frictie": frictie, "leden": leden, "aantallen": aantallen, "ijmond": m.leden(leden, "IJMOND")}


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
        150_533,
        150_643,
    )


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
    rijen = {
        r["gebied"]: int(r["aantal"])
        for r in store["aantallen"]
        if r["sleutel"] == code and r["gebied"] in store["ijmond"]
    }
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
    assert m.verdeel(1000, {"a": "33.3", "b": Decimal("33.3"), "c": Fraction(333, 10)}) == {
        "a": 334,
        "b": 333,
        "c": 333,
    }


@pytest.mark.parametrize(
    "totaal, gewichten, tekst",
    [
        (100, {}, "niets om over te verdelen"),
        (100, {"a": 0, "b": 0}, "overal nul"),
        (100, {"a": -1, "b": 2}, "negatief"),
        (100.5, {"a": 1}, "hele euro"),
        (Decimal("100.50"), {"a": 1}, "zonder centen"),
        (True, {"a": 1}, "hele euro"),
        (100, {"a": "abc"}, "geen getal"),
        (100, {"a": float("inf")}, "eindig"),
    ],
)
def test_verdeel_refuses_invalid_input(totaal, gewichten, tekst):
    with pytest.raises(m.ScenarioFout, match=tekst):
        m.verdeel(totaal, gewichten)


gewichten_st = st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 10**7), min_size=1, max_size=8).filter(
    lambda d: sum(d.values()) > 0
)


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
@given(
    totaal=st.integers(0, 10**9),
    pct=st.lists(st.decimals(0, 100, places=2, allow_nan=False), min_size=1, max_size=6).filter(lambda p: sum(p) > 0),
)
def test_property_decimal_weights(totaal, pct):
    delen = m.verdeel(totaal, {i: p for i, p in enumerate(pct)})
    assert sum(delen.values()) == totaal and min(delen.values()) >= 0


@settings(max_examples=100, deadline=None)
@given(
    totaal=st.integers(0, 10**8),
    jaren=st.integers(1, 10),
    eerste=st.integers(0, 100),
    reserve=st.integers(0, 10**7),
    pct=st.integers(0, 100),
)
def test_property_bereken_adds_up(totaal, jaren, eerste, reserve, pct):
    sleutel = m.Verdeelsleutel(
        "inwoners", {VELSEN: Fraction(69238), BEVERWIJK: Fraction(41863), HEEMSKERK: Fraction(39542)}
    )
    r = m.bereken(totaal, sleutel, m.fasering(START, jaren, eerste), {VELSEN: m.Dekking(reserve, 0, 0, pct)})
    assert r.kosten() == totaal
    assert sum(x.reserve for x in r.regels) == reserve
    assert r.netto() == totaal - reserve - sum(x.herstructurering for x in r.regels)
    assert all(x.kosten >= 0 for x in r.regels)


def test_doorrekenen_gives_the_answer_rounded_or_the_reason():
    sleutel = m.Verdeelsleutel(
        "inwoners", {VELSEN: Fraction(69238), BEVERWIJK: Fraction(41863), HEEMSKERK: Fraction(39542)}
    )
    fase = m.fasering(START, 2, 50)
    r, afgerond, fout = m.doorrekenen(2_300_000, sleutel, fase, {}, "Scenario 2")
    assert (
        fout is None and afgerond.totaal == 2_300_000 and afgerond.rijen[VELSEN] == 1_057_000
    )  # the raadsvoorstel's precision
    assert m.doorrekenen(2_300_000, None, fase, {}, "Scenario 2", "De percentages kloppen niet.") == (
        None,
        None,
        "De percentages kloppen niet.",
    )
    geen, _, reden = m.doorrekenen(None, sleutel, fase, {}, "Scenario 1")
    assert geen is None and reden.startswith("Scenario 1 is niet gekwantificeerd")
    rijen = m.netto_per_jaar_rijen(r, afgerond, {VELSEN: "Velsen", BEVERWIJK: "Beverwijk", HEEMSKERK: "Heemskerk"})
    assert [(x["naam"], x["jaar"], x["netto"]) for x in rijen if x["gemeente"] == VELSEN] == [
        ("Velsen", "2027", 528_000),
        ("Velsen", "2028", 529_000),
    ]
    assert sum(x["netto"] for x in rijen) == 2_300_000


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


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(reserve=-1),
        dict(impuls_per_jaar=-5),
        dict(impuls_jaren=-1),
        dict(herstructurering_pct=101),
        dict(reserve=10.5),
    ],
)
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
    dekking = {
        VELSEN: m.Dekking(reserve=100_000, impuls_per_jaar=10_000, impuls_jaren=5, herstructurering_pct=Fraction(10))
    }
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


def test_scenario_vergelijking_keeps_unquantified_empty(store):
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], store["ijmond"])
    fase = m.fasering(START, 2, 50)
    rows = m.scenario_vergelijking({1: None, 2: 2_300_000, 3: 900_000}, store["std"], sleutel, fase)
    per = {}
    for r in rows:
        per.setdefault(r["scenario"], {})[r["gemeente"]] = r
    assert all(r["netto"] is None for r in per[1].values()) and per[1][VELSEN]["status"] == m.NIET_GEKWANTIFICEERD
    # literal: € 2.300.000 by inwoners medio 2024, rounded to € 1.000 (the document's total is rounded)
    assert {g: r["netto"] for g, r in per[2].items()} == {BEVERWIJK: 639_000, HEEMSKERK: 604_000, VELSEN: 1_057_000}
    assert per[2][VELSEN]["status"] == m.BRON and per[2][VELSEN]["eenheid"] == 1000
    assert sum(r["netto"] for r in per[3].values()) == 900_000 and per[3][VELSEN]["status"] == m.AANNAME
    # an amount typed to the euro is shown to the euro
    rows = m.scenario_vergelijking({1: 1_234_567, 2: None, 3: None}, store["std"], sleutel, fase)
    assert sum(r["netto"] for r in rows if r["scenario"] == 1) == 1_234_567
    assert {r["eenheid"] for r in rows if r["scenario"] == 1} == {1}


def test_kostenverdeling_2011_as_a_key(engine, store):
    rijen = queries.dataset(engine, "kostenverdeling_2011").to_dict("records")
    sleutel = m.sleutel_uit_kostenverdeling(rijen, store["ijmond"])
    assert sleutel.code == m.KOSTEN_2011 and sleutel.bron == "po2011_bijlage2"
    # the three gemeenten's amounts of 2011 (Uitgeest left out): 43.391, 43.241, 74.241
    assert {g: int(w) for g, w in sleutel.gewichten.items()} == {BEVERWIJK: 43_391, HEEMSKERK: 43_241, VELSEN: 74_241}
    assert m.verdeel(2_300_000, sleutel.gewichten) == {BEVERWIJK: 620_361, HEEMSKERK: 618_216, VELSEN: 1_061_423}
    with pytest.raises(m.ScenarioFout, match="2011"):
        m.sleutel_uit_kostenverdeling(rijen[:1], store["ijmond"])


def test_sleutel_vergelijking_against_inwoners(engine, store):
    sleutels = {c: m.sleutel_uit_rijen(c, store["aantallen"], store["ijmond"]) for c in ("inwoners", "uitkeringen")}
    sleutels[m.KOSTEN_2011] = m.sleutel_uit_kostenverdeling(
        queries.dataset(engine, "kostenverdeling_2011").to_dict("records"), store["ijmond"]
    )
    rows = m.sleutel_vergelijking(2_300_000, sleutels, m.fasering(START, 2, 50))
    per = {(r["sleutel"], r["gemeente"]): r for r in rows}
    assert per[("inwoners", VELSEN)]["netto"] == 1_057_000 and per[("inwoners", VELSEN)]["verschil"] == 0
    # 1.061.423 rounds up: the three rounded parts must add up to € 2.300.000 (largest remainder)
    assert {g: per[(m.KOSTEN_2011, g)]["netto"] for g in store["ijmond"]} == {
        BEVERWIJK: 620_000,
        HEEMSKERK: 618_000,
        VELSEN: 1_062_000,
    }
    assert per[(m.KOSTEN_2011, VELSEN)]["verschil"] == 5_000
    for code in sleutels:
        assert sum(per[(code, g)]["netto"] for g in store["ijmond"]) == 2_300_000
        assert sum(per[(code, g)]["verschil"] for g in store["ijmond"]) == 0
    with pytest.raises(m.ScenarioFout):
        m.sleutel_vergelijking(2_300_000, {"uitkeringen": sleutels["uitkeringen"]}, m.fasering(START, 2, 50))


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


@pytest.mark.parametrize(
    "key, ruw, reden",
    [
        ("sc_totaal_1", "abc", "geen getal"),
        ("sc_totaal_1", "inf", "geen getal"),
        ("sc_totaal_2", "-5", "niet tussen"),
        ("sc_totaal_2", "", "leeg"),
        ("sc_herstr_velsen", "150", "niet tussen"),
        ("sc_sleutel", "Onzin", "geen van de keuzes"),
        ("sc_scenario", "4", "geen van de keuzes"),
        ("sc_ingang", "2027-13-01", "geen datum"),
        ("sc_ingang", "2099-01-01", "niet tussen"),
    ],
)
def test_invalid_url_values_are_named_in_dutch(store, key, ruw, reden):
    v = _velden(store)
    assert reden in v[key].controleer(ruw)
    (melding,) = m.ongeldige_parameters({key: ruw, "onbekend": "x"}, v)
    assert v[key].label in melding and "standaardwaarde" in melding


@pytest.mark.parametrize(
    "key, ruw",
    [
        ("sc_totaal_1", ""),
        ("sc_totaal_1", "1500000"),
        ("sc_herstr_velsen", "50"),
        ("sc_sleutel", "Uitkeringen P-wet"),
        ("sc_ingang", "2028-01-01"),
        ("sc_pct_velsen", "50.5"),
        ("sc_scenario", "Scenario 3"),
    ],
)
def test_valid_url_values_pass(store, key, ruw):
    assert _velden(store)[key].controleer(ruw) is None


def test_url_message_strips_markup(store):
    (melding,) = m.ongeldige_parameters({"sc_totaal_1": "<b>**x**</b>"}, _velden(store))
    assert "<" not in melding and "*" not in melding


def test_afwijkingen_are_the_aannames(store):
    v = _velden(store)
    assert m.afwijkingen({"sc_totaal_2": 2_300_000.0, "sc_totaal_1": None, "sc_herstr_velsen": 0}, v) == []
    assert m.afwijkingen({"sc_totaal_2": 2_000_000.0, "sc_totaal_1": 5.0, "sc_ingang": dt.date(2028, 1, 1)}, v) == [
        v["sc_totaal_1"].label,
        v["sc_totaal_2"].label,
        v["sc_ingang"].label,
    ]


def test_kernboodschap_per_year_with_mijn_gemeente_first(store):
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], store["ijmond"])
    r = m.bereken(2_300_000, sleutel, m.fasering(START, 2, 50))
    namen = {VELSEN: "Velsen", BEVERWIJK: "Beverwijk", HEEMSKERK: "Heemskerk"}
    a = r.afgerond(1000)
    tekst = m.kernboodschap("Scenario 2", r, a, m.BRON, namen, HEEMSKERK)
    assert tekst.startswith(
        "Scenario 2 kost Heemskerk netto €\xa0302.000 per jaar in 2027 en 2028. "
        "Beverwijk: €\xa0320.000 en €\xa0319.000; Velsen: €\xa0528.000 en €\xa0529.000."
    )
    assert "Frictiekosten €\xa02.300.000 (bron: raadsvoorstel), naar aantal inwoners." in tekst
    assert "over" not in tekst  # per year, not a total over the period
    assert m.kernboodschap("Scenario 2", r, a, m.BRON, namen, VELSEN).startswith(
        "Scenario 2 kost Velsen netto €\xa0528.000 in 2027 en €\xa0529.000 in 2028."
    )
    assert m.kernboodschap("Scenario 1", None, None, m.NIET_GEKWANTIFICEERD, {}, fout="fout") == (
        "Scenario 1 is niet gekwantificeerd in de stukken: er is nog geen bedrag per gemeente of per jaar."
    )
    assert m.kernboodschap("Scenario 2", None, None, m.BRON, {}, fout="fout") == "fout"


def test_per_jaar_tekst():
    assert m.per_jaar_tekst([5, 5], [2027, 2028]) == "€\xa05 per jaar in 2027 en 2028"
    assert m.per_jaar_tekst([5], [2027]) == "€\xa05 in 2027"
    assert m.per_jaar_tekst([5, 5, 5], [2027, 2028, 2029], met_jaren=False) == "€\xa05 per jaar"
    assert m.per_jaar_tekst([7, 5], [2027, 2028]) == "€\xa07 in 2027 en €\xa05 in 2028"
    assert m.per_jaar_tekst([1, 2, 3, 4], [2027, 2028, 2029, 2030]) == "€\xa01 tot €\xa04 per jaar in 2027–2030"


# ---------------------------------------------------------------- rounding for display


DOCUMENT_NETTO = {
    (VELSEN, 2027): 528_559,
    (VELSEN, 2028): 528_559,
    (BEVERWIJK, 2027): 319_580,
    (BEVERWIJK, 2028): 319_579,
    (HEEMSKERK, 2027): 301_862,
    (HEEMSKERK, 2028): 301_861,
}


def test_documented_case_rounded_per_year(store):
    """Scenario 2, € 2.300.000 by inwoners medio 2024 over 2027 and 2028, as literal figures."""
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], store["ijmond"])
    r = m.bereken(2_300_000, sleutel, m.fasering(START, 2, 50))
    assert {(g, j): r.netto_in(g, j) for g in r.gemeenten for j in r.jaren} == DOCUMENT_NETTO
    assert m.afrondingseenheid(m.invoerbedragen(r.totaal, {})) == 1000
    a = r.afgerond(1000)
    assert a.rijen == {BEVERWIJK: 639_000, HEEMSKERK: 604_000, VELSEN: 1_057_000}
    assert a.kolommen == {2027: 1_150_000, 2028: 1_150_000} and a.totaal == 2_300_000
    assert a.cellen == {
        (VELSEN, 2027): 528_000,
        (VELSEN, 2028): 529_000,
        (BEVERWIJK, 2027): 320_000,
        (BEVERWIJK, 2028): 319_000,
        (HEEMSKERK, 2027): 302_000,
        (HEEMSKERK, 2028): 302_000,
    }
    assert m.jaartabel(a, [HEEMSKERK, VELSEN, BEVERWIJK]) == [
        {"gemeente": HEEMSKERK, 2027: 302_000, 2028: 302_000, "totaal": 604_000},
        {"gemeente": VELSEN, 2027: 528_000, 2028: 529_000, "totaal": 1_057_000},
        {"gemeente": BEVERWIJK, 2027: 320_000, 2028: 319_000, "totaal": 639_000},
        {"gemeente": "samen", 2027: 1_150_000, 2028: 1_150_000, "totaal": 2_300_000},
    ]


def test_rounding_unit_follows_the_inputs():
    assert m.afrondingseenheid([2_300_000]) == 1000
    assert m.afrondingseenheid([2_300_000, None, 0, 15_000]) == 1000
    assert m.afrondingseenheid([2_300_000, 12_345]) == 1
    assert m.afrondingseenheid([2_345_678]) == 1
    d = {VELSEN: m.Dekking(reserve=12_500)}
    assert m.afrondingseenheid(m.invoerbedragen(2_300_000, d)) == 1
    assert "€\xa01.000" in m.afrondingsregel(1000, True) and "raadsvoorstel" in m.afrondingsregel(1000, True)
    assert "hele euro's" in m.afrondingsregel(1, False)


def test_rounding_to_the_euro_is_exact():
    a = m.afronden_tabel(DOCUMENT_NETTO, 1)
    assert a.cellen == DOCUMENT_NETTO and a.totaal == 2_300_000 and a.rijen[VELSEN] == 1_057_118


def test_many_years_turn_the_table():
    waarden = {(g, j): 100_400 for g in (VELSEN, BEVERWIJK) for j in range(2027, 2031)}
    a = m.afronden_tabel(waarden, 1000)
    rijen = m.jaartabel(a, [BEVERWIJK, VELSEN])
    assert [r["jaar"] for r in rijen] == [2027, 2028, 2029, 2030, "totaal"]
    # 401.600 each, 803.200 together: one goes up, one down; on a tie the first row of the table goes up
    assert rijen[-1] == {"jaar": "totaal", BEVERWIJK: 401_000, VELSEN: 402_000, "samen": 803_000}
    for r in rijen:
        assert r[BEVERWIJK] + r[VELSEN] == r["samen"]


def test_afronden_lijst_is_largest_remainder():
    assert m.afronden_lijst({"a": 1_057_118, "b": 639_159, "c": 603_723}, 1000) == {
        "a": 1_057_000,
        "b": 639_000,
        "c": 604_000,
    }
    assert m.afronden_lijst({"a": 500, "b": 500, "c": 500}, 1000) == {"a": 1000, "b": 1000, "c": 0}
    assert m.afronden_lijst({"a": -1_500, "b": 400}, 1000) == {"a": -1000, "b": 0}  # total -1.100: -1.000
    with pytest.raises(m.ScenarioFout):
        m.afronden_tabel({("a", 1): 5}, 0)


tabellen = st.integers(1, 4).flatmap(
    lambda n: st.integers(1, 12).flatmap(
        lambda k: st.dictionaries(
            st.tuples(st.integers(0, n - 1), st.integers(2027, 2027 + k - 1)),
            st.integers(-2 * 10**6, 10**7),
            min_size=1,
            max_size=n * k,
        )
    )
)


@settings(max_examples=400, deadline=None)
@given(waarden=tabellen, eenheid=st.sampled_from([1, 10, 1000, 5000]))
def test_property_rounded_table_adds_up(waarden, eenheid):
    a = m.afronden_tabel(waarden, eenheid)
    rijen = list(dict.fromkeys(r for r, _ in waarden))
    kolommen = list(dict.fromkeys(k for _, k in waarden))
    exact = sum(waarden.values())
    # the rounded total is the nearest multiple (half away from zero) of the exact total
    assert a.totaal % eenheid == 0 and abs(a.totaal - exact) * 2 <= eenheid
    assert abs(a.totaal - exact) * 2 < eenheid or abs(a.totaal) > abs(exact)
    for c in a.cellen:
        assert a.cellen[c] % eenheid == 0 and abs(a.cellen[c] - waarden.get(c, 0)) < eenheid
    for r in rijen:
        assert sum(a.cellen[r, k] for k in kolommen) == a.rijen[r]
        assert abs(a.rijen[r] - sum(waarden.get((r, k), 0) for k in kolommen)) < eenheid
    for k in kolommen:
        assert sum(a.cellen[r, k] for r in rijen) == a.kolommen[k]
        assert abs(a.kolommen[k] - sum(waarden.get((r, k), 0) for r in rijen)) < eenheid
    assert sum(a.rijen.values()) == sum(a.kolommen.values()) == a.totaal


@settings(max_examples=150, deadline=None)
@given(
    totaal=st.integers(0, 10**8).map(lambda x: x - x % 1000),
    jaren=st.integers(1, 10),
    eerste=st.integers(0, 100),
    reserve=st.integers(0, 10**4).map(lambda x: x * 1000),
    pct=st.integers(0, 100),
)
def test_property_page_figures_add_up_to_the_rounded_total(totaal, jaren, eerste, reserve, pct):
    """Whatever the inputs, the figures the page shows add up per gemeente, per year and in
    total, and the total is the exact net cost rounded to the nearest € 1.000."""
    sleutel = m.Verdeelsleutel(
        "inwoners", {VELSEN: Fraction(69238), BEVERWIJK: Fraction(41863), HEEMSKERK: Fraction(39542)}
    )
    dekking = {VELSEN: m.Dekking(reserve, 0, 0, pct)}
    r = m.bereken(totaal, sleutel, m.fasering(START, jaren, eerste), dekking)
    eenheid = m.afrondingseenheid(m.invoerbedragen(totaal, dekking))
    assert eenheid == 1000
    a = r.afgerond(eenheid)
    assert a.totaal == m._afronden(Fraction(r.netto(), 1000)) * 1000
    tabel = m.jaartabel(a, [HEEMSKERK, VELSEN, BEVERWIJK])
    eerste_kolom = "gemeente" if "gemeente" in tabel[0] else "jaar"
    *delen, som = tabel
    for kolom in tabel[0]:
        if kolom != eerste_kolom:
            assert sum(rij[kolom] for rij in delen) == som[kolom]
    for rij in tabel:
        assert sum(v for k, v in rij.items() if k not in (eerste_kolom, "totaal", "samen")) == rij.get(
            "totaal", rij.get("samen")
        )


def test_verdeling_uitleg_and_stukken_tekst(store):
    sleutel = m.sleutel_uit_rijen("inwoners", store["aantallen"], store["ijmond"])
    r = m.bereken(2_300_000, sleutel, m.fasering(START, 2, 50))
    uitleg = {u["gemeente"]: u for u in m.verdeling_uitleg(r)}
    assert uitleg[VELSEN]["exact"] == Decimal("1057117.82") and uitleg[VELSEN]["bedrag"] == 1_057_118
    assert uitleg[VELSEN]["aandeel_pct"] == Decimal("45.96")
    namen = {VELSEN: "Velsen", BEVERWIJK: "Beverwijk", HEEMSKERK: "Heemskerk"}
    tekst = m.stukken_tekst(m.vergelijking(r, store["frictie"], 2), r, 1000, namen)
    assert tekst == (
        "De stukken noemen voor Velsen ongeveer €\xa01.000.000 (€\xa0500.000 per jaar in 2027 en 2028); "
        "deze pagina berekent €\xa01.057.000 frictiekosten naar aantal inwoners."
    )
    assert m.stukken_tekst([], r, 1000, namen) is None


def test_differences_in_words_and_short():
    assert m.verschil_tekst(22_000) == "€\xa022.000\xa0meer" and m.verschil_tekst(-19_000) == "€\xa019.000\xa0minder"
    assert m.verschil_tekst(0) == "gelijk"
    assert m.verschil_kort(22_000) == "+\u2060€\xa022.000" and m.verschil_kort(-19_000) == "−\u2060€\xa019.000"
    assert m.verschil_kort(0) == "€\xa00"


def test_volgorde_puts_mijn_gemeente_first():
    assert m.volgorde([BEVERWIJK, HEEMSKERK, VELSEN], HEEMSKERK) == [HEEMSKERK, BEVERWIJK, VELSEN]
    assert m.volgorde([BEVERWIJK, HEEMSKERK], "onbekend") == [BEVERWIJK, HEEMSKERK]
