"""Unit tests for the pure functions of 'IJmond Werkt! in cijfers' (periods, tables, figures)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ijmond_dash.charts import cijfers as ch
from ijmond_dash.store import loader

NBSP = "\xa0"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    frames, problems = loader.read_default()
    assert not problems
    return frames


def _met_gebied(frames, name: str) -> pd.DataFrame:
    g = frames["gebieden"].rename(columns={"code": "gebied", "soort": "gebied_soort"})
    return frames[name].merge(g, on="gebied", how="left")


def _tweede_periode(df: pd.DataFrame, **changes) -> pd.DataFrame:
    later = df.copy()
    later["periode_begin"] = dt.date(2023, 7, 1)
    later["periode_eind"] = dt.date(2023, 12, 31)
    for col, fn in changes.items():
        later[col] = later[col].map(fn)
    return pd.concat([later, df], ignore_index=True)  # newest first: order must come from the dates


# ---------------------------------------------------------------- periods


def test_perioden_from_periode_columns_sorted_and_labelled(frames):
    wsp = _tweede_periode(frames["wsp"])
    opties = ch.perioden(wsp)
    assert [p.label for p in opties] == ["1e halfjaar 2023", "2e halfjaar 2023"]
    assert opties[-1].peildatum == "31-12-2023"
    assert not ch.ongelijke_lengtes(opties)


def test_perioden_from_peildatum(frames):
    opties = ch.perioden(frames["beschut_dienstverbanden"])
    assert [p.label for p in opties] == ["30-06-2023"]
    assert opties[0].is_peildatum and opties[0].peildatum == "30-06-2023"


def test_perioden_empty_and_without_dates():
    assert ch.perioden(pd.DataFrame(columns=["peildatum"])) == []
    with pytest.raises(KeyError):
        ch.perioden(pd.DataFrame({"x": [1]}))


def test_kies_periode_falls_back_to_latest(frames):
    opties = ch.perioden(_tweede_periode(frames["wsp"]))
    assert ch.kies_periode(opties, "1e halfjaar 2023").label == "1e halfjaar 2023"
    assert ch.kies_periode(opties, "onzin").label == "2e halfjaar 2023"
    assert ch.kies_periode(opties, None).label == "2e halfjaar 2023"


def test_in_periode_filters_rows(frames):
    wsp = _tweede_periode(frames["wsp"], realisatie=lambda v: v + 1)
    opties = ch.perioden(wsp)
    eerste = ch.in_periode(wsp, opties[0])
    assert sorted(eerste["realisatie"]) == sorted(frames["wsp"]["realisatie"])
    assert len(ch.in_periode(wsp, opties[1])) == len(frames["wsp"])


def test_ongelijke_lengtes_detects_year_next_to_half_year(frames):
    jaar = frames["wsp"].copy()
    jaar["periode_begin"], jaar["periode_eind"] = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
    opties = ch.perioden(pd.concat([jaar, frames["wsp"]]))
    assert [p.label for p in opties] == ["2022", "1e halfjaar 2023"]
    assert ch.ongelijke_lengtes(opties)


@given(
    st.lists(st.tuples(st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)), st.integers(0, 800)), min_size=1, max_size=8)
)
def test_perioden_labels_unique_and_ordered(paren):
    df = pd.DataFrame(
        {"periode_begin": [b for b, _ in paren], "periode_eind": [b + dt.timedelta(days=n) for b, n in paren]}
    )
    opties = ch.perioden(df)
    assert len({p.label for p in opties}) == len(opties) == len({(p.begin, p.eind) for p in opties})
    assert [(p.eind, p.begin) for p in opties] == sorted((p.eind, p.begin) for p in opties)
    d = ch.met_periode(df)
    volgorde = [p.label for p in opties]
    assert list(dict.fromkeys(d["periode"])) == volgorde


# ---------------------------------------------------------------- small helpers


def test_nl_lijst():
    assert ch.nl_lijst([]) == ""
    assert ch.nl_lijst(["a"]) == "a"
    assert ch.nl_lijst(["a", "b", "c"]) == "a, b en c"


def test_small_counts_are_hidden_below_threshold():
    assert ch.aantal_tekst(3, 5) == "< 5"
    assert ch.aantal_tekst(5, 5) == "5"
    assert ch.aantal_tekst(0, 5) == "0"
    assert ch.aantal_tekst(1234, 5) == "1.234"
    df = pd.DataFrame({"n": [1, 16]})
    assert list(ch.onderdruk(df, "n", 5)["n"]) == ["< 5", 16]
    assert list(ch.onderdruk(df, "n", 1)["n"]) == [1, 16]


def test_benaderd_keeps_the_documents_words():
    assert ch.benaderd(1_200_000, "euro", "ruim") == f"ruim €{NBSP}1,2 mln"
    assert ch.benaderd(100_000, "euro", "ongeveer") == f"ongeveer €{NBSP}100.000"
    assert ch.benaderd(500_000, "euro", "exact") == f"€{NBSP}500.000"
    assert ch.benaderd(90, "procent", "ongeveer") == "ongeveer 90%"


def test_resultaat_tekst():
    assert ch.resultaat_tekst(123) == f"€{NBSP}123.000 overschot"
    assert ch.resultaat_tekst(-5) == f"€{NBSP}5.000 tekort"
    assert "sluitend" in ch.resultaat_tekst(0)


# ---------------------------------------------------------------- WSP


def test_wsp_status_message_and_figure(frames):
    wsp = frames["wsp"]
    periode = ch.perioden(wsp)[0]
    status = ch.wsp_status(wsp)
    assert list(status["gehaald"]) == [r >= a for r, a in zip(status["realisatie"], status["afspraak"], strict=True)]
    n = int(status["gehaald"].sum())
    assert ch.wsp_boodschap(wsp, periode).startswith(f"1e halfjaar 2023: {n} van de {len(wsp)} WSP-afspraken gehaald")
    fig = ch.wsp_figuur(wsp, periode, "Bron: x — peildatum 30-06-2023").to_dict()
    shown = {y: x for tr in fig["data"] for x, y in zip(tr["x"], tr["y"], strict=True)}
    assert shown == {i: int(p) for i, p in zip(wsp["indicator"], wsp["percentage"], strict=True)}
    gehaald = next(tr for tr in fig["data"] if tr["name"] == "Afspraak gehaald")
    assert set(gehaald["y"]) == set(status.loc[status["gehaald"], "indicator"])
    assert gehaald["marker"]["color"] == ch.BETER
    rij = wsp.iloc[0]
    alle_teksten = [t for tr in fig["data"] for t in tr["text"]]
    assert f"{rij['realisatie']} van {rij['afspraak']}" in alle_teksten
    # the value label goes inside a bar that would otherwise run past a narrow plot
    plek = {y: p for tr in fig["data"] for y, p in zip(tr["y"], tr["textposition"], strict=True)}
    hoogste = fig["layout"]["xaxis"]["range"][1]
    assert all((p == "inside") == (shown[y] >= hoogste / 2) for y, p in plek.items())
    # long names wrap on the axis, the data keep them whole
    assert "<br>" in "".join(fig["layout"]["yaxis"]["ticktext"]) and fig["layout"]["yaxis"]["tickvals"] == list(
        wsp.sort_values("volgorde")["indicator"].iloc[::-1]
    )
    assert any(a["text"].startswith("Bron: x") for a in fig["layout"]["annotations"])
    assert fig["layout"]["separators"] == ",."


def test_wsp_table_has_raw_values(frames):
    tabel, units = ch.wsp_tabel(frames["wsp"])
    assert list(tabel["Realisatie"]) == list(frames["wsp"].sort_values("volgorde")["realisatie"])
    assert units == {"Percentage van de afspraak": "procent"}


# ---------------------------------------------------------------- verzuim


def test_verzuim_lower_is_better_and_colours(frames):
    vz = frames["ziekteverzuim"]
    periode = ch.perioden(vz)[0]
    status = ch.verzuim_status(vz).set_index("groep")
    for _, r in vz.iterrows():
        assert status.at[r["groep"], "beter"] == (r["realisatie"] <= r["target"])
    fig = ch.verzuim_figuur(vz, periode, "Bron: x").to_dict()
    beter = next(tr for tr in fig["data"] if tr["name"].endswith("(beter)"))
    slechter = next(tr for tr in fig["data"] if tr["name"].endswith("(slechter)"))
    assert beter["marker"]["color"] == ch.BETER and slechter["marker"]["color"] == ch.SLECHTER
    assert sorted(beter["x"] + slechter["x"]) == sorted(float(v) for v in vz["realisatie"])
    target = next(tr for tr in fig["data"] if tr["name"] == "Target")
    assert sorted(target["x"]) == sorted(float(v) for v in vz["target"])
    landelijk = next(tr for tr in fig["data"] if tr["name"] == "Landelijk")
    assert sorted(landelijk["x"]) == sorted(float(v) for v in vz["landelijk"])
    assert "lager is beter" in fig["layout"]["xaxis"]["title"]["text"]
    assert "Lager is beter" in fig["layout"]["title"]["subtitle"]["text"]
    msg = ch.verzuim_boodschap(vz, periode)
    assert "(lager is beter)" in msg


def test_verzuim_equal_to_target_counts_as_better():
    df = pd.DataFrame(
        {
            "periode_begin": [dt.date(2024, 1, 1)],
            "periode_eind": [dt.date(2024, 6, 30)],
            "groep": ["sw"],
            "realisatie": [Decimal("12.5")],
            "target": [Decimal("12.5")],
            "afwijking": [Decimal("0")],
            "landelijk": [None],
            "bron": ["b"],
        }
    )
    assert bool(ch.verzuim_status(df)["beter"].iloc[0])
    fig = ch.verzuim_figuur(df, ch.perioden(df)[0], "").to_dict()
    assert "Landelijk" not in [tr.get("name") for tr in fig["data"]]


# ---------------------------------------------------------------- uitstroom, Wsw, Beschut


def test_uitstroom_table_and_figure(frames):
    us = _met_gebied(frames, "uitstroom")
    periode = ch.perioden(us)[0]
    totalen = ch.uitstroom_ijmond(us)
    ijmond = us[us["gebied"] == "IJMOND"]
    assert totalen == dict(zip(ijmond["soort"], ijmond["aantal"], strict=True))
    assert list(totalen) == [s for s in ch.UITSTROOM_LABELS if s in totalen]
    tabel = ch.uitstroom_tabel(us, 1)
    bev = tabel[tabel["Gebied"] == "Beverwijk"].iloc[0]
    opgeslagen = us[(us.gebied == "GM0375") & (us.soort == "werkaanvaarding")]["aantal"].iloc[0]
    assert bev["Werkaanvaarding"] == int(opgeslagen)
    fig = ch.uitstroom_figuur(us, periode, "Bron: x", 5).to_dict()
    names = {tr["name"] for tr in fig["data"]}
    assert names == set(us[us["gebied_soort"] == "gemeente"]["naam"])
    for tr in fig["data"]:
        assert tr["orientation"] == "h"  # long soort names read across
        for x, t in zip(tr["x"], tr["text"], strict=True):
            assert (t == "< 5") == (x == 0) or t == "0"


def test_small_count_bar_has_no_true_height(frames):
    bd = _met_gebied(frames, "beschut_dienstverbanden")
    fig = ch.beschut_figuur(bd, ch.perioden(bd)[0], "", 5).to_dict()
    bar = fig["data"][0]
    shown = dict(zip(bar["y"], zip(bar["x"], bar["text"], strict=True), strict=True))
    klein = bd[(bd["aantal"] < 5) & (bd["gebied_soort"] == "gemeente")]
    for naam in klein["naam"]:
        assert shown[naam] == (0, "< 5")
    tabel = ch.beschut_tabel(bd, 5)
    assert "< 5" in list(tabel.iloc[:, 1])


def test_wsw_table_and_message(frames):
    ws = _met_gebied(frames, "wsw_beschut")
    periode = ch.perioden(ws)[0]
    tabel = ch.wsw_tabel(ws)
    for _, r in ws.iterrows():
        assert tabel.set_index("Regio").at[r["naam"], ch.WSW_LABELS[r["soort"]]] == r["aantal"]
    tot = ws[ws["soort"] == "totaal"]
    msg = ch.wsw_boodschap(ws, periode)
    for a in tot["aantal"]:
        assert str(a) in msg


# ---------------------------------------------------------------- financien


def test_waterfall_uses_stored_saldi(frames):
    fin = frames["financien"]
    periode = ch.perioden(fin)[0]
    fig = ch.financien_waterval(fin, periode, "Bron: x").to_dict()
    wf = fig["data"][0]
    rijen = fin.sort_values("volgorde")
    assert wf["x"] == [int(v) for v in rijen["saldo"]]
    assert wf["measure"] == [ch.MEASURES[s] for s in rijen["soort"]]
    assert wf["measure"][-1] == "absolute"  # the resultaat is the document's figure, not a running sum
    res = int(rijen[rijen["soort"] == "resultaat"]["saldo"].iloc[0])
    assert ch.financien_resultaat(fin) == res
    assert ch.resultaat_tekst(res) in fig["layout"]["meta"]["ondertitel"]
    assert "× € 1.000" in fig["layout"]["meta"]["ondertitel"]
    # the lines read as words: no taakveld codes in front, the two equal names told apart
    assert not [y for y in wf["y"] if re.match(r"\d", y)], wf["y"]
    assert len(set(wf["y"])) == len(wf["y"])
    assert "Re-integratie en participatievoorzieningen Participatiewet (taakveld 6.4)" in wf["y"]


def test_financien_table_units(frames):
    tabel, units = ch.financien_tabel(frames["financien"])
    assert list(tabel["Regel"]) == list(frames["financien"].sort_values("volgorde")["regel"])
    assert set(units.values()) == {"euro_x1000"}


def test_trend_orders_periods_and_formats(frames):
    fin = _tweede_periode(frames["financien"], saldo=lambda v: v * 2)
    fig = ch.financien_trend(fin, "Bron: x").to_dict()
    assert fig["layout"]["xaxis"]["categoryarray"] == ["1e halfjaar 2023", "2e halfjaar 2023"]
    res = next(tr for tr in fig["data"] if tr["name"] == "Resultaat")
    r = ch.financien_resultaat(frames["financien"])
    assert res["y"] == [r, 2 * r]


def test_corona_and_kengetallen_tabel(frames):
    kg = frames["kengetallen"]
    corona = kg[kg["code"].str.startswith(ch.CORONA)]
    fig = ch.corona_figuur(corona, "Bron: x").to_dict()
    assert sorted(fig["data"][0]["x"]) == sorted(int(w) for w in corona["waarde"])
    # each amount is in its label, in the document's words: nothing to run out of a narrow chart
    for (_, r), label in zip(corona.iloc[::-1].iterrows(), fig["data"][0]["y"], strict=True):
        assert ch.benaderd(r["waarde"], r["eenheid"], r["benadering"]) in label
    tabel = ch.kengetallen_tabel(corona)
    for (_, r), tekst in zip(corona.iterrows(), tabel["Bedrag zoals het document het noemt"], strict=True):
        if r["benadering"] == "ongeveer":
            assert tekst.startswith("ongeveer ")
