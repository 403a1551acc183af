"""Tests written against deliberate bugs that survived the rest of the suite (issue 20).

Each test names the bug it catches; docs/TESTING.md lists them with the rest of the mutation
testing. Expectations are literal figures from the documents (data/ holds the same numbers).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from ijmond_dash import formatting, importers, loader, models, queries, trajecten
from ijmond_dash import scenario as m
from ijmond_dash.validation import ValidationFailed, validate

TRAJECT_HEADER = "client_pseudoniem,gemeente,fase,startdatum,einddatum,uitstroomreden"


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
    assert f"= 126, maar stand_eind is {stand_eind}" in identiteit[0].melding


@pytest.mark.parametrize("afwijking", ["2.8", "3.0", "-2.9"])
def test_ziekteverzuim_afwijking_must_be_realisatie_minus_target(frames, afwijking):
    """Sw, 1e halfjaar 2023: realisatie 15,4% − target 12,5% = afwijking 2,9%."""
    rij = _set(frames, "ziekteverzuim", {"groep": "sw"}, "afwijking", Decimal(afwijking))
    problems, _ = validate(frames)
    assert [(p.bestand, p.rij, p.regel) for p in problems] == [
        ("ziekteverzuim.csv", rij, "Realisatie − target = afwijking")]
    assert "realisatie 15,40 − target 12,50 = 2,90, maar afwijking is" in problems[0].melding


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


@pytest.mark.parametrize("value, text", [
    (1_000_000, "€\xa01,0 mln"),
    (999_999, "€\xa0999.999"),
    (1_000_001, "€\xa01,00 mln"),
    (2_300_000, "€\xa02,3 mln"),
    (1_057_118, "€\xa01,06 mln"),
    (None, "–"),
])
def test_euro_kort_boundary_at_one_million(value, text):
    """Bug: ``>=`` → ``>``: exactly € 1.000.000 was written out as € 1.000.000."""
    assert formatting.euro_kort(value) == text


# ---------------------------------------------------------------- BSN refusal


def test_bsn_beyond_the_header_width_refuses_the_file(engine):
    """Bug: only the cells under a header were scanned; a BSN in a 7th cell got through."""
    data = (TRAJECT_HEADER + "\n"
            "p-1,GM0453,Werk vinden,2023-01-01,,\n"
            "p-2,GM0453,Werk vinden,2023-01-01,,,123456782\n").encode()
    with pytest.raises(ValidationFailed) as exc:
        trajecten.importeer(engine, "f.csv", data, "test")
    msg = str(exc.value)
    assert "rij 3" in msg and "kolom 7" in msg and "BSN" in msg and "123456782" not in msg
    df, problems = trajecten.parse("f.csv", data, {"gm0453": "GM0453"})
    assert [(p.rij, p.regel) for p in problems] == [(3, "persoonsgegevens")]


# ---------------------------------------------------------------- atomic trajectory import


def _traject_state(engine):
    t, b = models.trajectevent, models.import_batch
    with engine.connect() as conn:
        events = conn.execute(sa.select(t.c.client_pseudoniem, t.c.fase, t.c.startdatum, t.c.volgende_fase,
                                        t.c.vorige_uit).order_by(t.c.id)).all()
        batches = conn.execute(sa.select(b.c.id, b.c.ongedaan_gemaakt_op).order_by(b.c.id)).all()
    return events, batches, loader.store_version(engine)


def test_trajectory_import_is_one_transaction_including_the_neighbours(fresh_engine, monkeypatch):
    """Bug: the neighbour update moved to a second transaction. A failure there must leave
    nothing of the import behind: not its events, not its batch, not a version bump."""
    data = (TRAJECT_HEADER + "\np-1,GM0453,Kennismaking,2023-01-05,2023-02-01,\n"
            "p-1,GM0453,Werk vinden,2023-02-01,,\n").encode()
    voor = _traject_state(fresh_engine)

    def stroomstoring(conn, synthetisch, clients):
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(trajecten, "buren_bijwerken", stroomstoring)
    with pytest.raises(RuntimeError):
        trajecten.importeer(fresh_engine, "a.csv", data, "test")
    v = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "a.csv", data)
    assert v.geldig, v.problemen
    with pytest.raises(Exception):  # noqa: B017 - whatever the wrapper makes of it
        importers.importeren(fresh_engine, v, data, "test")
    assert _traject_state(fresh_engine) == voor
    monkeypatch.undo()
    # and without the failure both events are written with their neighbour
    assert trajecten.importeer(fresh_engine, "a.csv", data, "test") == 2
    events = [e for e in _traject_state(fresh_engine)[0] if e.client_pseudoniem == "p-1"]
    assert [(e.fase, e.volgende_fase) for e in events] == [("Kennismaking", "Werk vinden"), ("Werk vinden", None)]


def test_trajectory_undo_is_one_transaction(fresh_engine, monkeypatch):
    data = (TRAJECT_HEADER + "\np-1,GM0453,Kennismaking,2023-01-05,2023-02-01,\n").encode()
    v = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "a.csv", data)
    batch = importers.importeren(fresh_engine, v, data, "test")
    voor = _traject_state(fresh_engine)
    monkeypatch.setattr(trajecten, "buren_bijwerken", lambda *a: (_ for _ in ()).throw(RuntimeError("x")))
    with pytest.raises(Exception):  # noqa: B017
        importers.ongedaan_maken(fresh_engine, batch, "test")
    assert _traject_state(fresh_engine) == voor


# ---------------------------------------------------------------- audit: the real user


def test_trajectory_import_and_undo_record_the_user(fresh_engine):
    """Bug: the user recorded as 'onbekend' (trajecten.importeer's default)."""
    data = (TRAJECT_HEADER + "\np-1,Velsen,Kennismaking,2025-01-06,,\n").encode()
    v = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "t.csv", data)
    batch = importers.importeren(fresh_engine, v, data, "a.de.vries@velsen.nl")
    importers.ongedaan_maken(fresh_engine, batch, "beheer@ijmondwerkt.nl")
    log = queries.import_log(fresh_engine)
    rij = log[log["id"] == batch].iloc[0]
    assert (rij["gebruiker"], rij["ongedaan_gemaakt_door"]) == ("a.de.vries@velsen.nl", "beheer@ijmondwerkt.nl")


def test_dataset_import_records_the_user(fresh_engine):
    data = ("peildatum,gebied,definitie,aantal,bron\n"
            "2024-12-31,GM0375,pwet_personen,1000,rv2025_omvang\n"
            "2024-12-31,GM0396,pwet_personen,900,rv2025_omvang\n"
            "2024-12-31,GM0453,pwet_personen,1700,rv2025_omvang\n"
            "2024-12-31,IJMOND,pwet_personen,3600,rv2025_omvang\n").encode()
    v = importers.voorbereiden(fresh_engine, "uitkeringen", "u.csv", data)
    batch = importers.importeren(fresh_engine, v, data, "a.de.vries@velsen.nl")
    log = queries.import_log(fresh_engine)
    assert log[log["id"] == batch]["gebruiker"].tolist() == ["a.de.vries@velsen.nl"]


# ---------------------------------------------------------------- undo refuses an invalid result


def test_undo_that_would_leave_citing_rows_without_their_bron_is_refused(fresh_engine):
    """Bug: validation inside undo disabled. Undoing the import of a bron code that later
    figures cite would leave those figures without a source; it must be refused, naming the
    import that depends on it, and change nothing."""
    e = fresh_engine
    doc = (b"bestand,titel,soort,organisatie,jaar,datum,datering\n"
           b"halfjaarrapportage_2024.pdf,Halfjaarrapportage IJmond Werkt! 2024,halfjaarrapportage,GR IJmond Werkt!,"
           b"2024,2024-08-15,\n")
    importers.importeren(e, importers.voorbereiden(e, "documenten", "documenten.csv", doc), doc, "b")
    bron = (b"code,document,tabel,toelichting\n"
            b"hjr2024,halfjaarrapportage_2024.pdf,Fasen re-integratie,Volgende rapportage\n")
    b_bron = importers.importeren(e, importers.voorbereiden(e, "bronnen", "bronnen.csv", bron), bron, "b")
    rij = ("peildatum,gebied,definitie,aantal,bron\n"
           + "".join(f"2023-12-31,{g},bijstand_excl_aow,{n},hjr2024\n"
                     for g, n in (("GM0375", 830), ("GM0396", 700), ("GM0453", 1250), ("IJMOND", 2780)))).encode()
    v = importers.voorbereiden(e, "uitkeringen", "u.csv", rij)
    assert v.geldig, v.problemen
    b_uitk = importers.importeren(e, v, rij, "b")
    voor = (queries.row_counts(e), loader.store_version(e), queries.import_log(e)["ongedaan_gemaakt_op"].isna().sum())
    with pytest.raises(importers.ImportFout) as exc:
        importers.ongedaan_maken(e, b_bron, "b")
    assert f"Import #{b_bron} kan niet ongedaan worden gemaakt" in str(exc.value)
    assert f"Maak eerst import #{b_uitk} ongedaan" in str(exc.value)
    assert (queries.row_counts(e), loader.store_version(e),
            queries.import_log(e)["ongedaan_gemaakt_op"].isna().sum()) == voor
    # in the right order both undo
    importers.ongedaan_maken(e, b_uitk, "b")
    importers.ongedaan_maken(e, b_bron, "b")
    assert "hjr2024" not in set(queries.dataset(e, "bronnen")["code"])


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
    dekking = {"GM0453": m.Dekking(reserve=100_000, impuls_per_jaar=25_000, impuls_jaren=3,
                                   herstructurering_pct=10)}
    r = m.bereken(2_300_000, sleutel, fase, dekking)
    namen = {"GM0453": "Velsen", "GM0375": "Beverwijk", "GM0396": "Heemskerk"}
    rijen = r.rijen(namen, afgerond=r.afgerond(1))
    kolommen = ["naam", "jaar", "frictiekosten", "reserve", "impulsbudget", "herstructureringsmiddelen", "netto",
                "saldo", "netto_afgerond"]
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
    assert kaal[0]["naam"] == "GM0453" and kaal[-1]["naam"] == "IJmond" and "netto_afgerond" not in kaal[0]
