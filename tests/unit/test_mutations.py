"""Tests written against deliberate bugs that survived the rest of the suite (issue 20), and
against mutants of the validator and the scenario model (tests/tools/mutation.py).

Pure functions only (no store), so mutation testing can run them for every mutant; the bugs
that need a store are caught in test_mutations_store.py. Each test names the bug it catches;
docs/TESTING.md lists them. Expectations are literal figures from the documents (data/ holds
the same numbers).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from ijmond_dash import formatting
from ijmond_dash.analysis import scenario as m
from ijmond_dash.store import loader
from ijmond_dash.store.validation import validate


@pytest.fixture
def frames():
    frames, problems = loader.read_default()
    assert not problems
    return {k: v.copy() for k, v in frames.items()}


def _set(frames, name, match: dict, col, value) -> int:
    df = frames[name]
    mask = True
    for k, v in match.items():
        mask = mask & (df[k] == v)
    assert mask.sum() == 1
    df.loc[mask, col] = value
    return int(df.loc[mask, "_rij"].iloc[0])


# ---------------------------------------------------------------- validation: identities both ways


@pytest.mark.parametrize("stand_eind", [125, 127, 0])
def test_stand_eind_too_low_or_too_high_is_refused(frames, stand_eind):
    """Bug: ``!=`` → ``<`` in the identity rule accepted a stand eind that is too low.
    Halfjaarrapportage 2023, Kennismaking: 107 + 227 − 208 = 126."""
    rij = _set(frames, "fasen", {"fase": "Kennismaking"}, "stand_eind", stand_eind)
    problems, _ = validate(frames)
    identiteit = [p for p in problems if p.regel == "Stand begin + bij − af = stand eind"]
    assert [(p.bestand, p.rij) for p in identiteit] == [("fasen.csv", rij)]
    assert identiteit[0].melding == f"stand_begin 107 + bij 227 − af 208 = 126, maar stand_eind is {stand_eind}"


@pytest.mark.parametrize("afwijking, getoond", [("2.8", "2,80"), ("3.0", "3"), ("-2.9", "-2,90")])
def test_ziekteverzuim_afwijking_must_be_realisatie_minus_target(frames, afwijking, getoond):
    """Sw, 1e halfjaar 2023: realisatie 15,4% − target 12,5% = afwijking 2,9%."""
    rij = _set(frames, "ziekteverzuim", {"groep": "sw"}, "afwijking", Decimal(afwijking))
    problems, _ = validate(frames)
    assert [(p.bestand, p.rij, p.regel) for p in problems] == [
        ("ziekteverzuim.csv", rij, "Realisatie − target = afwijking")
    ]
    assert problems[0].melding == f"realisatie 15,40 − target 12,50 = 2,90, maar afwijking is {getoond}"


def test_ziekteverzuim_as_documented_is_valid(frames):
    problems, _ = validate(frames)
    assert not [p for p in problems if p.regel == "Realisatie − target = afwijking"]


# ---------------------------------------------------------------- scenario money: largest remainder


def test_largest_remainder_tie_goes_to_the_larger_weight():
    """Bug: the tie rule reversed. Weights 1 and 3, € 2: quotas 0,5 and 1,5 — equal remainders."""
    assert m.verdeel(2, {"a": 1, "b": 3}) == {"a": 0, "b": 2}
    assert m.verdeel(2, {"b": 3, "a": 1}) == {"b": 2, "a": 0}
    # equal weights, equal remainders: input order decides
    assert m.verdeel(1, {"a": 1, "b": 1}) == {"a": 1, "b": 0}
    assert m.verdeel(1, {"b": 1, "a": 1}) == {"b": 1, "a": 0}
    # the larger remainder wins before any weight: 0,8 against 0,2 (weights 4 and 1, € 1)
    assert m.verdeel(1, {"a": 4, "b": 1}) == {"a": 1, "b": 0}
    assert m.verdeel(1, {"a": 1, "b": 4}) == {"a": 0, "b": 1}
    # three-way tie on the remainder (€ 2 over 1:1:1 → 0,67 each): the first two get a euro
    assert m.verdeel(2, {"x": 1, "y": 1, "z": 1}) == {"x": 1, "y": 1, "z": 0}
    # negative totals mirror the positive split
    assert m.verdeel(-2, {"a": 1, "b": 3}) == {"a": 0, "b": -2}


# ---------------------------------------------------------------- nl-NL money


@pytest.mark.parametrize(
    "value, text",
    [
        (1_000_000, "€\xa01,0 mln"),
        (999_999, "€\xa0999.999"),
        (1_000_001, "€\xa01,00 mln"),
        (2_300_000, "€\xa02,3 mln"),
        (1_057_118, "€\xa01,06 mln"),
        (None, "–"),
    ],
)
def test_euro_kort_boundary_at_one_million(value, text):
    """Bug: ``>=`` → ``>``: exactly € 1.000.000 was written out as € 1.000.000."""
    assert formatting.euro_kort(value) == text


# ---------------------------------------------------------------- scenario: the download's rows


def test_resultaat_rows_worked_out_by_hand():
    """€ 2.300.000 by inwoners medio 2024 (Velsen 69.238, Beverwijk 41.863, Heemskerk 39.542 of
    150.643), 50% in 2027 and 50% in 2028; Velsen covers € 100.000 from its reserve, 10% from
    herstructureringsmiddelen and has an impulsbudget of € 25.000 a year for three years.

    Shares: 1.057.117,82 / 639.159,47 / 603.722,71 → the two euros left go to the largest
    remainders (Velsen ,82 and Heemskerk ,71): 1.057.118 / 639.159 / 603.723. Per year half,
    an odd euro to 2027 (equal remainders: the earlier year). Velsen's herstructurering: 10% of
    1.057.118 = 105.711,8 → 105.712, half a year. 2029 only has the impulsbudget."""
    sleutel = m.Verdeelsleutel("inwoners", {"GM0453": 69_238, "GM0375": 41_863, "GM0396": 39_542})
    fase = m.fasering(dt.date(2027, 1, 1), 2, 50)
    dekking = {"GM0453": m.Dekking(reserve=100_000, impuls_per_jaar=25_000, impuls_jaren=3, herstructurering_pct=10)}
    r = m.bereken(2_300_000, sleutel, fase, dekking)
    namen = {"GM0453": "Velsen", "GM0375": "Beverwijk", "GM0396": "Heemskerk"}
    rijen = r.rijen(namen, afgerond=r.afgerond(1))
    kolommen = [
        "naam",
        "jaar",
        "frictiekosten",
        "reserve",
        "impulsbudget",
        "herstructureringsmiddelen",
        "netto",
        "saldo",
        "netto_afgerond",
    ]
    tekort, overschot, gedekt = "tekort (nog te dekken)", "overschot", "gedekt"
    assert [[x[k] for k in kolommen] for x in rijen] == [
        ["Velsen", "2027", 528_559, 50_000, 25_000, 52_856, 400_703, tekort, 400_703],
        ["Velsen", "2028", 528_559, 50_000, 25_000, 52_856, 400_703, tekort, 400_703],
        ["Velsen", "2029", 0, 0, 25_000, 0, -25_000, overschot, -25_000],
        ["Velsen", "totaal", 1_057_118, 100_000, 75_000, 105_712, 776_406, tekort, 776_406],
        ["Beverwijk", "2027", 319_580, 0, 0, 0, 319_580, tekort, 319_580],
        ["Beverwijk", "2028", 319_579, 0, 0, 0, 319_579, tekort, 319_579],
        ["Beverwijk", "2029", 0, 0, 0, 0, 0, gedekt, 0],
        ["Beverwijk", "totaal", 639_159, 0, 0, 0, 639_159, tekort, 639_159],
        ["Heemskerk", "2027", 301_862, 0, 0, 0, 301_862, tekort, 301_862],
        ["Heemskerk", "2028", 301_861, 0, 0, 0, 301_861, tekort, 301_861],
        ["Heemskerk", "2029", 0, 0, 0, 0, 0, gedekt, 0],
        ["Heemskerk", "totaal", 603_723, 0, 0, 0, 603_723, tekort, 603_723],
        ["IJmond", "2027", 1_150_001, 50_000, 25_000, 52_856, 1_022_145, tekort, 1_022_145],
        ["IJmond", "2028", 1_149_999, 50_000, 25_000, 52_856, 1_022_143, tekort, 1_022_143],
        ["IJmond", "2029", 0, 0, 25_000, 0, -25_000, overschot, -25_000],
        ["IJmond", "totaal", 2_300_000, 100_000, 75_000, 105_712, 2_019_288, tekort, 2_019_288],
    ]
    assert [x["gemeente"] for x in rijen] == ["GM0453"] * 4 + ["GM0375"] * 4 + ["GM0396"] * 4 + [""] * 4
    assert (r.kosten(), r.dekking(), r.netto()) == (2_300_000, 280_712, 2_019_288)
    assert (r.kosten("GM0453"), r.dekking("GM0453"), r.netto("GM0453")) == (1_057_118, 280_712, 776_406)
    assert (r.kosten_in("GM0375", 2027), r.netto_in("GM0453", 2029)) == (319_580, -25_000)
    assert r.gemeenten == ["GM0453", "GM0375", "GM0396"] and r.jaren == [2027, 2028, 2029]
    # without names: codes; without afgerond: no rounded column
    kaal = r.rijen()
    assert [x["naam"] for x in kaal] == ["GM0453"] * 4 + ["GM0375"] * 4 + ["GM0396"] * 4 + ["IJmond"] * 4
    assert "netto_afgerond" not in kaal[0]
    assert (r.dekking("GM0375"), r.netto("GM0375"), r.kosten("GM0396")) == (0, 639_159, 603_723)


# ---------------------------------------------------------------- scenario: the Dutch messages, word for word


def _fout(fn, *args, **kwargs) -> str:
    with pytest.raises(m.ScenarioFout) as exc:
        fn(*args, **kwargs)
    return str(exc.value)


def test_scenario_messages_are_exact():
    """What a raadslid reads when an input cannot be computed with."""
    sleutel = m.Verdeelsleutel("inwoners", {"GM0453": 69_238, "GM0375": 41_863, "GM0396": 39_542})
    fase = m.fasering(dt.date(2027, 1, 1), 2, 50)
    assert _fout(m.bereken, None, sleutel, fase) == (
        "Dit scenario is niet gekwantificeerd in de stukken: vul zelf een bedrag in (een aanname) om de "
        "gevolgen per gemeente te zien."
    )
    assert _fout(m.bereken, None, sleutel, fase, scenario_naam="Scenario 3").startswith(
        "Scenario 3 is niet gekwantificeerd in de stukken:"
    )
    assert (
        _fout(m.bereken, 2_300_000.5, sleutel, fase)
        == "Het totaal van de frictiekosten moet een bedrag in hele euro's zijn."
    )
    assert _fout(m.bereken, Decimal("2300000.50"), sleutel, fase) == (
        "Het totaal van de frictiekosten moet een bedrag in hele euro's zijn, zonder centen."
    )
    assert _fout(m.bereken, -1, sleutel, fase) == "De frictiekosten kunnen niet negatief zijn."
    assert _fout(m.bereken, 1_000, sleutel, fase, {"GM0001": m.Dekking(), "GM0002": m.Dekking()}) == (
        "Dekking opgegeven voor een gemeente buiten de verdeelsleutel: GM0001, GM0002."
    )
    assert _fout(m.verdeel, 10.5, {"a": 1}) == "Het bedrag moet een bedrag in hele euro's zijn."
    assert _fout(m.verdeel, True, {"a": 1}) == "Het bedrag moet een bedrag in hele euro's zijn."
    assert _fout(m.verdeel, 10, {}) == "Er is niets om over te verdelen: de verdeelsleutel heeft geen gemeenten."
    assert _fout(m.verdeel, 10, {"a": -1, "b": 2, "c": -3}) == (
        "Een verdeelsleutel kan geen negatief gewicht hebben (a, c)."
    )
    assert _fout(m.verdeel, 10, {"a": 0, "b": 0}) == "De verdeelsleutel is overal nul; er valt niets te verdelen."
    assert m.verdeel(0, {"a": 0, "b": 0}) == {"a": 0, "b": 0}
    assert _fout(m.verdeel, 10, {"a": True}) == "Een gewicht moet een getal zijn, geen ja/nee."
    assert _fout(m.verdeel, 10, {"a": "twee"}) == "'twee' is geen getal."
    assert _fout(m.verdeel, 10, {"a": float("inf")}) == "'inf' is geen eindig getal."


@pytest.mark.parametrize(
    "waarde, heel",
    [
        (Fraction(1, 2), 1),
        (Fraction(-1, 2), -1),
        (Fraction(3, 2), 2),
        (Fraction(-3, 2), -2),
        (Fraction(49, 100), 0),
        (Fraction(-49, 100), 0),
        (Fraction(51, 100), 1),
        (Fraction(7), 7),
        (Fraction(0), 0),
    ],
)
def test_afronden_half_away_from_zero(waarde, heel):
    assert m._afronden(waarde) == heel


@pytest.mark.parametrize(
    "waarde, euro",
    [
        (None, None),
        (float("nan"), None),
        (1234.5, 1235),
        (-1234.5, -1235),
        (1234.49, 1234),
        ("99.5", 100),
        (Decimal("2300000"), 2_300_000),
        (7, 7),
    ],
)
def test_euro_geheel(waarde, euro):
    assert m.euro_geheel(waarde) == euro


# ---------------------------------------------------------------- validation: rules on their own


def test_regio_som_checks_every_complete_regio_after_an_incomplete_one():
    """A regio whose gemeenten are not all in the file is skipped, not the end of the check:
    regio B after an incomplete regio A is still checked."""
    import pandas as pd

    from ijmond_dash.store import catalog, validation

    leden = pd.DataFrame({"regio": ["A", "A", "B", "B"], "gemeente": ["x", "y", "x", "z"]})
    df = pd.DataFrame({"gebied": ["A", "x", "B", "z"], "aantal": [5, 3, 10, 4]})
    rule = catalog.Rule(
        catalog.REGIO_SOM, "Het totaal is de som van de gemeenten", params={"value": "aantal", "group": ()}
    )
    found = validation._regio_som(None, df, rule, {"gebied_leden": leden})
    assert [(i, shown, som) for i, shown, som, _ in found] == [(2, 10, 7)]
    assert found[0][3] == "totaal B (10) is niet gelijk aan de som van de gemeenten (7), verschil 3"


def test_regio_som_names_regio_group_and_difference(frames):
    """Uitkeringen 31-12-2021 (CBS): Beverwijk 840 + Heemskerk 720 + Velsen 1.280 = 2.840."""
    rij = _set(
        frames,
        "uitkeringen",
        {"gebied": "IJMOND", "peildatum": dt.date(2021, 12, 31), "definitie": "bijstand_excl_aow"},
        "aantal",
        2_850,
    )
    problems, _ = validate(frames)
    assert [(p.bestand, p.rij, p.regel, p.melding) for p in problems] == [
        (
            "uitkeringen.csv",
            rij,
            "Het totaal IJmond is de som van de gemeenten",
            "totaal IJmond (3 gemeenten) (2.850) is niet gelijk aan de som van de gemeenten (2.840), verschil 10 "
            "bij peildatum 31-12-2021, definitie bijstand_excl_aow",
        )
    ]


def test_totaalrij_message_names_column_total_and_sum(frames):
    """Fasen 1e halfjaar 2023: the Totaal row's stand_eind is the sum of the fasen's."""
    df = frames["fasen"]
    totaal = df[df["fase"] == "Totaal"]
    assert len(totaal) == 1
    goed = int(totaal["stand_eind"].iloc[0])
    rij = _set(frames, "fasen", {"fase": "Totaal"}, "stand_eind", goed + 1)
    problems, _ = validate(frames)
    totaalrij = [p for p in problems if p.regel == "De totaalrij is de som van de fasen"]
    assert [(p.rij, p.melding) for p in totaalrij] == [
        (
            rij,
            f"'stand_eind' van de totaalrij ({formatting.getal(goed + 1)}) is niet gelijk aan de som van de "
            f"andere rijen ({formatting.getal(goed)})",
        )
    ]


def test_impulsbudget_runs_for_its_years_only():
    sleutel = m.Verdeelsleutel("inwoners", {"GM0453": 1, "GM0375": 1})
    fase = m.fasering(dt.date(2027, 1, 1), 2, 50)
    een_jaar = m.bereken(10_000, sleutel, fase, {"GM0453": m.Dekking(impuls_per_jaar=1_000, impuls_jaren=1)})
    assert [(r.jaar, r.impuls) for r in een_jaar.regels if r.gemeente == "GM0453"] == [(2027, 1_000), (2028, 0)]
    assert een_jaar.fasering == fase and een_jaar.sleutel == sleutel and een_jaar.totaal == 10_000
    # an impulsbudget of nothing adds no years, however many years it is given for
    leeg = m.bereken(10_000, sleutel, fase, {"GM0453": m.Dekking(impuls_per_jaar=0, impuls_jaren=5)})
    assert leeg.jaren == [2027, 2028] and leeg.dekking() == 0


def test_round_is_half_up_as_the_documents_round():
    from ijmond_dash.store import validation

    assert validation._round(Decimal("2.125"), 2) == Decimal("2.13")  # half-even would give 2,12
    assert validation._round(Decimal("2.135"), 2) == Decimal("2.14")
    assert validation._round(Decimal("12.5"), 0) == Decimal("13")
    assert validation._round(Decimal("-2.125"), 2) == Decimal("-2.13")


def test_ratio_checks_the_rows_after_one_without_a_denominator():
    """WSP: percentage = realisatie / afspraak, rounded as the document gives it; a row with
    afspraak 0 cannot be checked, the next one still is."""
    import pandas as pd

    from ijmond_dash.store import catalog, validation

    rule = next(r for r in catalog.dataset("wsp").rules if r.kind == "ratio")
    teller, noemer, target = (rule.params[k] for k in ("teller", "noemer", "target"))
    df = pd.DataFrame(
        {teller: [5, 50, 45], noemer: [0, 200, 180], target: [Decimal(0), Decimal(30), Decimal(25)]}, dtype=object
    )  # as the loader gives them: Python ints and Decimals
    found = validation._ratio(None, df, rule, {})
    assert [(i, shown, expected) for i, shown, expected, _ in found] == [(1, Decimal(30), Decimal(25))]
    assert found[0][3] == f"{target} 30 past niet bij 50 / 200 = 25%"


# ---------------------------------------------------------------- validate: notes, files, order


def test_notes_of_the_default_dataset_literally(frames):
    """What the documents' own arithmetic does not add up to (shown − expected), with its bron."""
    _, notes = validate(frames)
    assert sorted((n.dataset, n.verschil, n.bron) for n in notes) == sorted(
        [
            ("inwoners", -110, "rv2025_omvang"),  # 150.533 printed, 41.863 + 39.542 + 69.238 = 150.643
            ("inwoners", -16, "po2011_bijlage2"),  # 158.600 printed, the gemeenten add up to 158.616
            ("uitsplitsing", -5, "rv2025_duur"),
            ("uitsplitsing", 11, "rv2025_duur"),
            ("uitsplitsing", -413, "rv2025_duur"),
            ("uitsplitsing", -419, "rv2025_duur"),
            ("uitsplitsing", -25, "rv2025_leeftijd"),
            ("uitsplitsing", 11, "rv2025_leeftijd"),
            ("uitsplitsing", -434, "rv2025_leeftijd"),
            ("uitsplitsing", -420, "rv2025_leeftijd"),
        ]
    )
    inw = next(n for n in notes if n.verschil == -110)
    assert (inw.regel, inw.omschrijving) == (
        "Het totaal is de som van de gemeenten",
        "totaal IJmond (3 gemeenten) (150.533) is niet gelijk aan de som van de gemeenten (150.643), verschil -110 "
        "bij peildatum 30-06-2024",
    )


@pytest.mark.parametrize(
    "totaal, leden, verschil",
    [
        (2**63 - 1, (0, 0, 0), 2**63 - 1),  # the largest difference a BIGINT holds
        (1, (2**63 - 1, 2, 0), -(2**63)),  # the smallest
        (0, (2**63 - 1, 2**63 - 1, 0), None),  # beyond: the note's text gives it, the column stays empty
    ],
)
def test_note_difference_within_the_bigint_range(frames, totaal, leden, verschil):
    pd_ = dt.date(2024, 6, 30)
    _set(frames, "inwoners", {"gebied": "IJMOND", "peildatum": pd_}, "aantal", totaal)
    for gebied, n in zip(("GM0375", "GM0396", "GM0453"), leden, strict=True):
        _set(frames, "inwoners", {"gebied": gebied, "peildatum": pd_}, "aantal", n)
    _, notes = validate(frames)
    [note] = [n for n in notes if n.dataset == "inwoners" and "30-06-2024" in n.omschrijving]
    assert note.verschil == verschil


def test_a_frame_without_file_names_reports_the_csv_name(frames):
    """Frames read from the store carry no file name: the problem names the dataset's file."""
    from ijmond_dash.store import validation

    frames["fasen"] = frames["fasen"].drop(columns=[validation.FILE])
    _set(frames, "fasen", {"fase": "Kennismaking"}, "stand_eind", 127)
    problems, _ = validate(frames)
    assert {p.bestand for p in problems} == {"fasen.csv"}


def test_a_dataset_with_basic_problems_does_not_stop_the_others(frames):
    """Rows that are incomplete in the first dataset skip that dataset's rules, not the next ones'."""
    eerste = next(iter(frames))
    df = frames[eerste]
    kolom = next(
        c.name
        for c in __import__("ijmond_dash.store.catalog", fromlist=["x"]).dataset(eerste).columns
        if not c.nullable
    )
    df.loc[df.index[0], kolom] = None
    _set(frames, "fasen", {"fase": "Kennismaking"}, "stand_eind", 127)
    problems, _ = validate(frames)
    assert eerste != "fasen"
    assert {p.regel for p in problems} >= {"verplicht veld", "Stand begin + bij − af = stand eind"}


@pytest.mark.parametrize(
    "som, eenheid, voorkeur",
    [
        (1_500, 1_000, 1),
        (-1_500, 1_000, -1),
        (1, 2, 1),
        (-1, 2, -1),  # ties: away from zero
        (1_400, 1_000, -200),
        (1_600, 1_000, 200),
        (0, 1_000, -1_000),
        (-1_400, 1_000, 200),
    ],
)
def test_voorkeur_of_a_rounding(som, eenheid, voorkeur):
    assert m._voorkeur(som, eenheid) == voorkeur


def test_dekking_messages_are_exact():
    assert _fout(m.Dekking, reserve=-1) == "De onttrekking aan de reserve kan niet negatief zijn."
    assert _fout(m.Dekking, reserve=10.5) == "De onttrekking aan de reserve moet een bedrag in hele euro's zijn."
    assert _fout(m.Dekking, impuls_per_jaar=-5) == "Het impulsbudget per jaar kan niet negatief zijn."
    assert _fout(m.Dekking, impuls_per_jaar=Decimal("0.5")) == (
        "Het impulsbudget per jaar moet een bedrag in hele euro's zijn, zonder centen."
    )
    jaren = "Het aantal jaren impulsbudget moet een heel getal van 0 of meer zijn."
    assert _fout(m.Dekking, impuls_jaren=-1) == jaren
    assert _fout(m.Dekking, impuls_jaren=True) == jaren
    assert _fout(m.Dekking, impuls_jaren=1.5) == jaren
    pct = "De compensatie uit herstructureringsmiddelen moet tussen 0% en 100% liggen."
    assert _fout(m.Dekking, herstructurering_pct=101) == pct
    assert _fout(m.Dekking, herstructurering_pct=-1) == pct
    assert m.Dekking(herstructurering_pct=100).herstructurering_pct == 100
    assert m.Dekking(impuls_jaren=0).is_leeg and not m.Dekking(reserve=1).is_leeg


def test_afronden_tabel_unit_one_and_two_and_its_message():
    waarden = {("a", 1): 3, ("a", 2): 3, ("b", 1): 5, ("b", 2): 1}
    een = m.afronden_tabel(waarden, 1)
    assert (een.eenheid, een.cellen, een.rijen, een.kolommen, een.totaal) == (
        1,
        waarden,
        {"a": 6, "b": 6},
        {1: 8, 2: 4},
        12,
    )
    # to even euros: row a 6 stays 6 (3 + 3 → one cell up, one down: the earlier cell up), b 6 too,
    # column 1 8, column 2 4
    twee = m.afronden_tabel(waarden, 2)
    assert (twee.eenheid, twee.rijen, twee.kolommen, twee.totaal) == (2, {"a": 6, "b": 6}, {1: 8, 2: 4}, 12)
    assert all(v % 2 == 0 for v in twee.cellen.values())
    assert sum(twee.cellen.values()) == 12
    assert _fout(m.afronden_tabel, waarden, 0) == "De afrondingseenheid moet een positief aantal euro's zijn."


def test_column_checks_name_file_row_rule_and_message(frames):
    from ijmond_dash import limieten

    leeg = _set(frames, "fasen", {"fase": "Kennismaking"}, "bij", None)
    te_groot = _set(frames, "uitstroom", {"gebied": "GM0396", "soort": "werkaanvaarding"}, "aantal", 2**63)
    problems, _ = validate(frames)
    assert ("fasen.csv", leeg, "verplicht veld", "kolom 'bij' is leeg") in [
        (p.bestand, p.rij, p.regel, p.melding) for p in problems
    ]
    assert ("uitstroom.csv", te_groot, validation_grens(), limieten.kolom_probleem("int", "aantal", 2**63)) in [
        (p.bestand, p.rij, p.regel, p.melding) for p in problems
    ]
    # an empty cell does not end the column's check: a later empty one is reported too
    tweede = _set(frames, "fasen", {"fase": "Persoonlijke ontwikkeling"}, "bij", None)
    problems, _ = validate(frames)
    assert [(p.rij, p.regel) for p in problems if p.bestand == "fasen.csv"] == [
        (leeg, "verplicht veld"),
        (tweede, "verplicht veld"),
    ]


def validation_grens() -> str:
    from ijmond_dash.store import validation

    return validation.GRENS


def test_problem_and_validation_failed_texts():
    from ijmond_dash.store.validation import Problem, ValidationFailed

    a, b = Problem("f.csv", 3, "regel", "melding"), Problem("g.csv", None, "r", "m")
    assert (str(a), str(b)) == ("f.csv, rij 3 — regel: melding", "g.csv — r: m")
    fout = ValidationFailed([a, b])
    assert fout.problems == [a, b]
    assert str(fout) == "f.csv, rij 3 — regel: melding\ng.csv — r: m"


def test_row_number_missing_or_not_a_number():
    import pandas as pd

    from ijmond_dash.store import validation

    df = pd.DataFrame({validation.ROW: [4, None, float("nan")]}, dtype=object)
    assert [validation._row(df, i) for i in df.index] == [4, None, None]
    assert validation._row(pd.DataFrame({"x": [1]}), 0) is None
