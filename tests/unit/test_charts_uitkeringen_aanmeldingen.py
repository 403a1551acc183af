"""Chart functions of the Uitkeringen and Aanmeldingen pages, on real-shaped and edge-case frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from ijmond_dash.analysis import reeksen as r
from ijmond_dash.charts import aanmeldingen as ca
from ijmond_dash.charts import common
from ijmond_dash.charts import uitkeringen as cu

D = dt.date
BRON = "Bron: 002_1ffd1c96ac75314c.txt (tabel) — peildatum 31-12-2015 t/m 30-06-2024"
NAMEN = {"GM0375": "Beverwijk", "GM0396": "Heemskerk", "GM0453": "Velsen", "IJMOND": "IJmond (3 gemeenten)"}


def uitk(rows):
    df = pd.DataFrame(rows, columns=["peildatum", "gebied", "definitie", "aantal"])
    return df.assign(naam=df["gebied"].map(NAMEN), bron="rv2025_tabel")


UITK = uitk(
    [
        (D(2015, 12, 31), "GM0375", r.CBS, 940),
        (D(2015, 12, 31), "IJMOND", r.CBS, 2970),
        (D(2021, 12, 31), "GM0375", r.CBS, 840),
        (D(2021, 12, 31), "IJMOND", r.CBS, 2840),
        (D(2022, 6, 30), "GM0375", r.CBS, 840),
        (D(2022, 6, 30), "IJMOND", r.CBS, 2800),
        (D(2024, 6, 30), "GM0375", r.PWET, 1041),
        (D(2024, 6, 30), "IJMOND", r.PWET, 3681),
    ]
)
INW = pd.DataFrame(
    {
        "peildatum": [D(2011, 1, 1), D(2024, 6, 30), D(2024, 6, 30)],
        "gebied": ["GM0375", "GM0375", "IJMOND"],
        "aantal": [39329, 41863, 150533],
    }
)


def _annotation_texts(fig: go.Figure) -> str:
    return "\n".join(a.text for a in fig.layout.annotations)


def _styled(fig: go.Figure, bron: str = BRON) -> None:
    assert fig.layout.separators == ",."
    titel, _, getoond_bron = common.kop(fig)
    assert titel
    if bron:
        assert getoond_bron == bron
    # the legend never eats the plot: horizontal, below it
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.yref == "container"
    assert fig.layout.legend.y == 0 and fig.layout.legend.yanchor == "bottom"


def test_reeks_never_joins_the_definitions_and_marks_the_break():
    fig = cu.reeks(UITK, cu.ABSOLUUT, BRON)
    _styled(fig)
    lines = [t for t in fig.data if "lines" in t.mode]
    assert lines and all(t.meta["definitie"] == r.CBS for t in lines)
    assert all("2024-06-30" not in t.x for t in lines)
    pwet = [t for t in fig.data if t.meta["definitie"] == r.PWET]
    assert {t.mode for t in pwet} == {"markers"}
    # one legend item per gemeente: the P-wet marker shares its gemeente's item
    assert all(t.showlegend is False and t.legendgroup == t.meta["gebied"] for t in pwet)
    assert all(t.legendgroup == t.meta["gebied"] and t.showlegend is not False for t in lines)
    assert all("GM" not in str(t.name) and "IJMOND" not in str(t.name) for t in fig.data)  # names, not codes
    assert sorted(y for t in pwet for y in t.y) == [1041, 3681]
    assert [s.name for s in fig.layout.shapes] == [cu.BREUK_NAAM]
    assert [a.text for a in fig.layout.annotations if a.name == cu.BREUK_NAAM] == [cu.BREUK_TEKST]
    assert "andere definitie" in common.kop(fig)[1]
    # a time axis of years that Plotly thins with the width, each label at its year's end
    xas = fig.layout.xaxis
    assert xas.type == "date" and xas.tickformat == "%Y" and xas.tickmode == "auto" and xas.ticklabelindex == -1
    assert xas.minor.dtick == "M12" and xas.minor.tick0.endswith("-12-31") and xas.tickvals is None


def test_reeks_values_are_the_stored_counts():
    fig = cu.reeks(UITK, cu.ABSOLUUT, BRON)
    bev = next(t for t in fig.data if t.meta == {"definitie": r.CBS, "gebied": "GM0375"})
    assert list(bev.y) == [940, 840, 840]
    assert "Aantal uitkeringen: 940" in bev.text[0]


def test_reeks_without_pwet_has_no_break():
    fig = cu.reeks(UITK[UITK["definitie"] == r.CBS], cu.ABSOLUUT, BRON)
    assert not fig.layout.shapes
    assert "Definitiebreuk" not in _annotation_texts(fig)


def test_reeks_one_gemeente_one_peildatum():
    fig = cu.reeks(UITK[(UITK["gebied"] == "GM0375") & (UITK["peildatum"] == D(2015, 12, 31))], cu.ABSOLUUT, BRON)
    assert len(fig.data) == 1 and list(fig.data[0].y) == [940]
    _styled(fig)


def test_reeks_per_1000_marks_estimates_open_and_says_how():
    data = r.per_1000(UITK, INW)
    fig = cu.reeks(data, cu.PER_1000, BRON)
    bev = next(t for t in fig.data if t.meta == {"definitie": r.CBS, "gebied": "GM0375"})
    assert list(bev.marker.symbol) == ["circle-open"] * 3  # all three CBS peildata are estimated
    assert "lineair geïnterpoleerd" in common.kop(fig)[1]
    pw = next(t for t in fig.data if t.meta == {"definitie": r.PWET, "gebied": "GM0375"})
    assert list(pw.marker.symbol) == ["diamond"]  # known inwoners: filled
    assert pw.y[0] == pytest.approx(1000 * 1041 / 41863)


def test_reeks_per_1000_with_missing_inwoners_says_so():
    data = r.per_1000(UITK, INW[INW["gebied"] == "GM0375"])  # no inwoners at all for IJmond
    fig = cu.reeks(data, cu.PER_1000, BRON)
    assert {t.meta["gebied"] for t in fig.data} == {"GM0375"}  # IJmond left out, not guessed
    assert "geen inwonertal bekend voor IJmond (3 gemeenten) op 4 peildata" in common.kop(fig)[1]
    data = r.per_1000(UITK[UITK["peildatum"] <= D(2021, 12, 31)], INW[INW["gebied"] == "GM0375"])
    fig = cu.reeks(data, cu.PER_1000, BRON)
    assert "IJmond (3 gemeenten) (31-12-2015, 31-12-2021)" in common.kop(fig)[1]


def test_reeks_per_1000_all_missing_and_empty_input():
    fig = cu.reeks(r.per_1000(UITK, INW.iloc[:0]), cu.PER_1000, BRON)
    assert not fig.data and "Geen inwonertal bekend" in _annotation_texts(fig)
    fig = cu.reeks(UITK.iloc[:0], cu.ABSOLUUT, BRON)
    assert not fig.data and "Geen gegevens" in _annotation_texts(fig)


SPLIT = pd.DataFrame(
    {
        "peildatum": [D(2024, 6, 30)] * 4,
        "gebied": ["GM0375", "GM0375", "GM0396", "GM0396"],
        "naam": ["Beverwijk", "Beverwijk", "Heemskerk", "Heemskerk"],
        "dimensie": ["leeftijd"] * 4,
        "categorie": ["22-26", "27-45"] * 2,
        "volgorde": [1, 2] * 2,
        "aantal": [67, 393, 500, 424],
        "bron": ["b"] * 4,
    }
)
TOT = pd.DataFrame({"peildatum": [D(2024, 6, 30)] * 2, "gebied": ["GM0375", "GM0396"], "aantal": [1041, 913]})


@pytest.mark.parametrize("modus", [cu.AANTAL, cu.PROCENT])
def test_uitsplitsing_shows_rest_and_overschot(modus):
    data = r.uitsplitsing_met_rest(SPLIT, TOT, "leeftijd")
    fig = cu.uitsplitsing(data, "leeftijd", modus, BRON)
    _styled(fig)
    rest = next(t for t in fig.data if t.name == r.NIET_UITGESPLITST)
    assert rest.marker.pattern.shape == "/"
    assert rest.x[1] is None  # Heemskerk: no rest bar
    assert rest.orientation == "h" and list(rest.y) == ["Beverwijk", "Heemskerk"]
    if modus == cu.AANTAL:
        assert rest.x[0] == 1041 - 67 - 393
        assert all(v is None or v >= 0 for t in fig.data for v in t.x)
    else:
        assert rest.x[0] == pytest.approx(100 * 581 / 1041)
    totaal = next(t for t in fig.data if t.name == "Totaal uitkeringen P-wet")
    assert list(totaal.x) == ([1041, 913] if modus == cu.AANTAL else [100, 100])
    # values only where they fit: a label that would have to shrink is left out, never turned
    assert fig.layout.uniformtext.mode == "hide"
    assert all(t.textangle == 0 for t in fig.data if t.type == "bar")
    assert "11 meer dan<br>het totaal" in _annotation_texts(fig)
    assert "11 groter dan het totaal 913" in common.kop(fig)[1]


def test_uitsplitsing_one_gemeente_and_empty():
    data = r.uitsplitsing_met_rest(SPLIT, TOT, "leeftijd")
    fig = cu.uitsplitsing(data[data["gebied"] == "GM0375"], "leeftijd", cu.AANTAL, BRON)
    assert all(len(t.x) == 1 for t in fig.data)
    assert "groter" not in _annotation_texts(fig)
    fig = cu.uitsplitsing(data.iloc[:0], "leeftijd", cu.AANTAL, BRON)
    assert not fig.data


def test_bereik_shows_document_percentages_next_to_budget():
    data = pd.DataFrame(
        {
            "peildatum": [D(2024, 6, 30)] * 2,
            "gebied": ["GM0453", "GM0375"],
            "naam": ["Velsen", "Beverwijk"],
            "percentage": [16.27, 23.63],
            "in_traject": [281, 246],
            "uitkeringen": [1727, 1041],
            "bron": ["b", "b"],
        }
    )
    fig = cu.bereik(data, 90, "Re-integratiebudget naar IJW: ongeveer 90%", BRON)
    _styled(fig)
    bars = fig.data[0]
    assert list(bars.y) == ["Beverwijk", "Velsen"]  # fixed gemeente order
    assert list(bars.x) == [23.63, 16.27] and list(bars.text) == ["23,63%", "16,27%"]
    budget = fig.data[1]
    assert set(budget.x) == {90.0} and "ongeveer 90%" in budget.name
    assert budget.showlegend is not False  # the legend names the line: no label to crowd the plot
    assert not fig.layout.annotations or all(a.text.startswith("Bron") for a in fig.layout.annotations)
    fig = cu.bereik(data, None, bron=BRON)
    assert len(fig.data) == 1


PART = r.jaarbasis(
    pd.DataFrame(
        {
            "peildatum": [D(2015, 12, 31), D(2016, 12, 31), D(2021, 12, 31), D(2022, 6, 30)],
            "aantal": [1972, 1291, 552, 173],
            "periode": ["jaar", "jaar", "jaar", "halfjaar"],
            "bron": ["rv2025_tabel"] * 4,
        }
    )
)
U_IJM = UITK[(UITK["gebied"] == "IJMOND") & (UITK["definitie"] == r.CBS)][["peildatum", "aantal"]]


def _by_periode(fig, periode):
    return [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("periode") == periode]


@pytest.mark.parametrize("jaarbasis", [False, True])
def test_panelen_half_year_is_marked_and_not_on_the_line(jaarbasis):
    fig = ca.panelen(PART, U_IJM, r.trend(PART), jaarbasis, BRON)
    _styled(fig)
    (jaar,) = _by_periode(fig, "jaar")
    assert "2022-06-30" not in jaar.x and list(jaar.y) == [1972, 1291, 552]
    (half,) = _by_periode(fig, "halfjaar")
    assert half.mode == "markers+text" and list(half.y) == [173] and list(half.text) == [ca.HALFJAAR]
    assert half.marker.symbol == "circle-open"
    schatting = _by_periode(fig, "schatting")
    if jaarbasis:
        assert list(schatting[0].y) == [346] and "schatting" in schatting[0].name
        assert "schatting" in common.kop(fig)[1]
    else:
        assert not schatting
    assert "half jaar (173 participanten)" in common.kop(fig)[1]
    # plain Dutch in the figure: the method is on the page, not in the chart
    assert "kleinste-kwadraten" not in common.kop(fig)[1] and "log-lineair" not in common.kop(fig)[1]
    assert fig.layout.xaxis2.type == "date" and fig.layout.xaxis2.tickformat == "%Y"
    (trend,) = _by_periode(fig, "trend")
    assert "per jaar" in trend.name and "2022-06-30" not in trend.x


def test_panelen_share_the_time_axis():
    fig = ca.panelen(PART, U_IJM, None, False, BRON)
    assert fig.layout.xaxis.matches == "x2" or fig.layout.xaxis2.matches == "x"
    uitk = next(t for t in fig.data if t.name == "Bijstandsuitkeringen IJmond")
    assert uitk.yaxis == "y2" and list(uitk.y) == [2970, 2840, 2800]


def test_geindexeerd_base_100_and_half_year_marked():
    fig = ca.geindexeerd(PART, U_IJM, 2015, True, BRON)
    (jaar,) = _by_periode(fig, "jaar")
    assert jaar.y[0] == 100 and jaar.y[-1] == pytest.approx(100 * 552 / 1972)
    (half,) = _by_periode(fig, "halfjaar")
    assert half.y[0] == pytest.approx(100 * 173 / 1972)
    (sch,) = _by_periode(fig, "schatting")
    assert sch.y[0] == pytest.approx(100 * 346 / 1972)
    uitk = next(t for t in fig.data if t.name == "Bijstandsuitkeringen IJmond")
    assert uitk.y[0] == 100


def test_geindexeerd_without_base_year():
    fig = ca.geindexeerd(PART, U_IJM, 2010, False, BRON)
    assert not fig.data and "index is niet te berekenen" in _annotation_texts(fig)


def test_ratio_and_one_peildatum():
    data = r.participanten_per_100(PART, UITK)
    fig = ca.ratio(data, False, BRON)
    (jaar,) = _by_periode(fig, "jaar")
    assert jaar.y[0] == pytest.approx(100 * 1972 / 2970)
    assert _by_periode(fig, "halfjaar")
    one = ca.ratio(data.iloc[[0]], False, BRON)
    assert len(one.data) == 1 and not _by_periode(one, "halfjaar")
    assert not ca.ratio(data.iloc[:0], False, BRON).data


def test_panelen_only_half_year_and_empty():
    fig = ca.panelen(PART.iloc[[3]], U_IJM.iloc[:0], None, False, BRON)
    assert not _by_periode(fig, "jaar") and _by_periode(fig, "halfjaar")
    fig = ca.panelen(PART.iloc[:0], U_IJM.iloc[:0], None, False, BRON)
    assert not fig.data
