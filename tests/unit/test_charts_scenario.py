"""Charts of the scenario page: built from model output, house style, honest about gaps, the
reader's gemeente first and marked, money axes that do not collide."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from fractions import Fraction

import pandas as pd
import pytest

from ijmond_dash import formatting
from ijmond_dash.analysis import scenario as m
from ijmond_dash.charts import scenario as charts

VELSEN, BEVERWIJK, HEEMSKERK = "GM0453", "GM0375", "GM0396"
NAMEN = {BEVERWIJK: "Beverwijk", HEEMSKERK: "Heemskerk", VELSEN: "Velsen"}
SLEUTEL = m.Verdeelsleutel(
    "inwoners", {BEVERWIJK: Fraction(41863), HEEMSKERK: Fraction(39542), VELSEN: Fraction(69238)}
)
STD = m.Standaarden(
    {1: "Een", 2: "Twee", 3: "Drie"},
    {1: None, 2: 2_300_000, 3: None},
    {2: "rv"},
    2,
    dt.date(2027, 1, 1),
    2,
    2,
    50,
    VELSEN,
    10,
    VELSEN,
)
FASE = m.fasering(dt.date(2027, 1, 1), 2, 50)
BRON = "Bron: document.txt (Financiële consequenties); document.txt (Data medio 2024: Omvang) — peildatum 30-06-2024"


def _annotaties(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def _bovenaan(fig) -> list[str]:
    """Trace names top to bottom within a group of horizontal bars, by where their bars are."""
    return [t.name for t in sorted(fig.data, key=lambda t: -max(t.y))]


def _per_jaar(r: m.Resultaat, eenheid: int = 1000) -> pd.DataFrame:
    a = r.afgerond(eenheid)
    return pd.DataFrame(
        [
            {
                "gemeente": g,
                "naam": NAMEN[g],
                "jaar": str(j),
                "netto": a.cellen[g, j],
                "exact": r.netto_in(g, j),
                "frictiekosten": r.kosten_in(g, j),
                "dekking": r.kosten_in(g, j) - r.netto_in(g, j),
                "saldo": m.saldo_tekst(r.netto_in(g, j)),
            }
            for g in r.gemeenten
            for j in r.jaren
        ]
    )


def test_scenarios_side_by_side_never_draw_a_zero_and_put_mijn_gemeente_first():
    data = pd.DataFrame(m.scenario_vergelijking({1: None, 2: 2_300_000, 3: 1_000_000}, STD, SLEUTEL, FASE, {}, NAMEN))
    fig = charts.scenario_vergelijking(data, BRON, HEEMSKERK)
    assert _bovenaan(fig) == ["Heemskerk (mijn gemeente)", "Beverwijk", "Velsen"]
    heemskerk, beverwijk = fig.data[-1], fig.data[-2]  # the last trace is drawn on top of each group
    for t in fig.data:
        assert t.orientation == "h" and list(t.y) == sorted(t.y, reverse=True)  # scenario 1 on top
        assert t.x[0] is None  # scenario 1: no bar, not a 0
    assert sum(t.x[1] for t in fig.data) == 2_300_000
    assert sum(t.x[2] for t in fig.data) == 1_000_000
    assert heemskerk.marker.line.width == 2 and beverwijk.marker.line.width == 0
    assert heemskerk.marker.opacity == 1 and beverwijk.marker.opacity < 1
    teksten = _annotaties(fig)
    # every bar carries its gemeente and amount (no legend to look up), mijn gemeente in bold
    assert "<b>Heemskerk: €\xa0604.000</b>" in teksten and "Beverwijk: €\xa0639.000" in teksten
    assert fig.layout.showlegend is False
    assert m.NIET_GEKWANTIFICEERD in teksten
    boven = [a for a in teksten if a.startswith("<b>Scenario")]  # the names above the bars, top to bottom
    assert len(boven) == 3 and "bron: raadsvoorstel" in boven[1] and "aanname" in boven[2]
    assert fig.layout.yaxis.showticklabels is False  # no margin for long names: the bars keep the width
    assert fig.layout.separators == ",."
    assert "€\xa0" in heemskerk.customdata[1][1]  # hover formatted the Dutch way


def test_scenarios_all_unquantified():
    data = pd.DataFrame(m.scenario_vergelijking({1: None, 2: None, 3: None}, STD, SLEUTEL, FASE, {}, NAMEN))
    fig = charts.scenario_vergelijking(data)
    assert _annotaties(fig).count(m.NIET_GEKWANTIFICEERD) == 3
    assert all(all(v is None for v in t.x) for t in fig.data)


def test_netto_per_jaar_labels_every_bar_and_shows_a_surplus_below_zero():
    r = m.bereken(2_300_000, SLEUTEL, FASE, {VELSEN: m.Dekking(impuls_per_jaar=100_000, impuls_jaren=4)})
    a = r.afgerond(1000)
    fig = charts.netto_per_jaar(_per_jaar(r), "Scenario 2", BRON, VELSEN)
    assert _bovenaan(fig) == ["Velsen (mijn gemeente)", "Beverwijk", "Heemskerk"]
    velsen = fig.data[-1]
    assert velsen.orientation == "h" and list(velsen.y) == sorted(velsen.y, reverse=True)  # 2027 on top
    assert list(velsen.x) == [a.cellen[VELSEN, j] for j in r.jaren]
    assert velsen.x[2] == -100_000  # a surplus stays visible
    teksten = _annotaties(fig)
    assert (
        "<b>Velsen: €\xa0-100.000</b>" in teksten
        and f"Beverwijk: {formatting.euro(a.cellen[BEVERWIJK, 2027])}" in teksten
    )
    assert [t for t in teksten if t.startswith("<b>20")] == ["<b>2027</b>", "<b>2028</b>", "<b>2029</b>", "<b>2030</b>"]
    assert "exact €\xa0428.559" in velsen.customdata[0][2]  # hover: the exact amount
    assert "Scenario 2" in fig.layout.title.subtitle.text
    assert fig.layout.showlegend is False


def test_netto_per_jaar_many_years_in_columns_with_a_legend():
    r = m.bereken(2_300_000, SLEUTEL, m.fasering(dt.date(2027, 1, 1), 6, 50))
    fig = charts.netto_per_jaar(_per_jaar(r), "Scenario 2", BRON, VELSEN)
    velsen = fig.data[0]
    assert velsen.name == "<b>Velsen</b>" and velsen.marker.line.width == 2  # mijn gemeente: bold, first, outlined
    assert list(velsen.x) == [str(j) for j in range(2027, 2033)]
    assert list(velsen.y) == [r.afgerond(1000).cellen[VELSEN, j] for j in r.jaren]
    assert fig.layout.barmode == "group"


def test_verdeelsleutels_show_the_difference_with_inwoners():
    sleutels = {
        "inwoners": SLEUTEL,
        "uitkeringen": m.Verdeelsleutel(
            "uitkeringen", {BEVERWIJK: Fraction(1), HEEMSKERK: Fraction(1), VELSEN: Fraction(1)}
        ),
    }
    rows = pd.DataFrame(m.sleutel_vergelijking(2_300_000, sleutels, FASE))
    fig = charts.verdeelsleutels(rows[rows["sleutel"] != "inwoners"], "Scenario 2", BRON, BEVERWIJK, NAMEN)
    assert _bovenaan(fig) == ["Beverwijk (mijn gemeente)", "Heemskerk", "Velsen"]
    verschil = {t.name: t.x[0] for t in fig.data}
    assert verschil["Beverwijk (mijn gemeente)"] == 767_000 - 639_000  # a third, rounded, minus the inwoners share
    assert sum(verschil.values()) == 0
    assert "<b>Beverwijk: €\xa0128.000\xa0meer</b>" in _annotaties(fig)
    assert "Velsen: €\xa0291.000\xa0minder" in _annotaties(fig)  # in words, not a sign to read
    assert "<b>Uitkeringen P-wet</b>" in _annotaties(fig)


def test_tornado_bars_start_at_the_base_and_largest_is_on_top():
    dekking = {VELSEN: m.Dekking(reserve=200_000, impuls_per_jaar=20_000, impuls_jaren=10)}
    rows = m.gevoeligheid(2_300_000, SLEUTEL, FASE, dekking, VELSEN)
    fig = charts.tornado(pd.DataFrame([asdict(g) for g in rows]), "Velsen", BRON)
    laag, hoog = fig.data
    assert laag.orientation == "h" and set(laag.base) == {rows[0].basis}
    assert laag.y[0] == len(rows) - 1  # the largest effect on top
    for t, kolom in ((laag, "laag"), (hoog, "hoog")):
        for (label, *_), delta in zip(t.customdata, t.x, strict=True):
            g = next(r for r in rows if r.aanname == label)
            assert delta == getattr(g, kolom) - g.basis
    assert [a for a in _annotaties(fig) if not a.startswith("Bron")][: len(rows)] == [r.aanname for r in rows]
    assert "nu" in _annotaties(fig) and laag.text[0] == charts.MIN_LABEL  # not by colour alone
    assert "Velsen" in fig.layout.title.text
    # few round ticks in one format: no "€ 900.000€1000…" run together on a narrow chart
    for dekking_nu in (dekking, {}):
        rows = m.gevoeligheid(2_300_000, SLEUTEL, FASE, dekking_nu, VELSEN)
        fig = charts.tornado(pd.DataFrame([asdict(g) for g in rows]), "Velsen", BRON)
        ticks = fig.layout.xaxis.ticktext
        assert 2 <= len(ticks) <= 3
        assert len({t.endswith(" mln") for t in ticks}) == 1
        bereik = fig.layout.xaxis.range
        assert all(bereik[0] <= v <= bereik[1] for v in fig.layout.xaxis.tickvals)
        assert bereik[0] <= min(r.laag for r in rows) and max(r.hoog for r in rows) <= bereik[1]


@pytest.mark.parametrize(
    "laag, hoog, verwacht",
    [
        (850_000, 1_270_000, ["€\xa00,9 mln", "€\xa01,0 mln", "€\xa01,1 mln", "€\xa01,2 mln"]),
        (0, 660_000, ["€\xa00", "€\xa0200.000", "€\xa0400.000", "€\xa0600.000"]),
        (-1_000_000, 500_000, ["€\xa0-1,0 mln", "€\xa0-0,5 mln", "€\xa00", "€\xa00,5 mln"]),
        (0, 2_900_000, ["€\xa00", "€\xa01 mln", "€\xa02 mln"]),
    ],
)
def test_euro_ticks_round_steps_one_format(laag, hoog, verwacht):
    waarden, teksten = charts.euro_ticks(laag, hoog)
    assert teksten == verwacht
    assert all(laag <= w <= hoog for w in waarden) and len(waarden) <= 5


def test_long_source_line_is_wrapped_when_drawn_in_the_figure():
    data = pd.DataFrame(m.scenario_vergelijking({1: None, 2: 2_300_000, 3: None}, STD, SLEUTEL, FASE, {}, NAMEN))
    fig = charts.scenario_vergelijking(data, BRON)
    bronnen = [a for a in _annotaties(fig) if a.startswith("Bron:")]
    if bronnen:  # the house style may put the source line around the figure instead
        assert "<br>" in bronnen[0] and bronnen[0].replace("<br>", "; ") == BRON


def test_every_bars_words_stand_on_their_own_line_above_it_from_the_left_edge():
    """Words right of a bar's end run out of a phone-wide chart ("Beverwijk: € 128.000 mee");
    above the bar, from the left edge, they fit at any width and touch no other bar."""
    sleutels = {
        "inwoners": SLEUTEL,
        "uitkeringen": m.Verdeelsleutel(
            "uitkeringen", {BEVERWIJK: Fraction(1), HEEMSKERK: Fraction(1), VELSEN: Fraction(1)}
        ),
    }
    rows = pd.DataFrame(m.sleutel_vergelijking(2_300_000, sleutels, FASE))
    fig = charts.verdeelsleutels(rows[rows["sleutel"] != "inwoners"], "Scenario 2", BRON, BEVERWIJK, NAMEN)
    hoogte = charts.groep_px(3)
    balken = sorted(((y, t.width) for t in fig.data for y in t.y), reverse=True)
    woorden = sorted(
        (a.y for a in fig.layout.annotations if "\xa0meer" in a.text or "\xa0minder" in a.text), reverse=True
    )
    assert len(woorden) == len(balken) == 3
    for (midden, breedte), boven in zip(balken, woorden, strict=True):
        assert breedte == charts.BALK_PX / hoogte
        # the words' line ends where the bar begins: between them exactly one line of text
        assert boven - (midden + breedte / 2) == pytest.approx(charts.REGEL_PX / hoogte)
    for a in fig.layout.annotations:
        if "\xa0meer" in a.text or "\xa0minder" in a.text:
            assert (a.xref, a.x, a.xanchor, a.yanchor) == ("paper", 0, "left", "top")
