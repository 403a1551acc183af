"""Charts of the scenario page: built from model output, house style, honest about gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from fractions import Fraction

import pandas as pd

from ijmond_dash import scenario as m
from ijmond_dash.charts import scenario as charts

VELSEN, BEVERWIJK, HEEMSKERK = "GM0453", "GM0375", "GM0396"
NAMEN = {BEVERWIJK: "Beverwijk", HEEMSKERK: "Heemskerk", VELSEN: "Velsen"}
SLEUTEL = m.Verdeelsleutel("inwoners", {BEVERWIJK: Fraction(41863), HEEMSKERK: Fraction(39542), VELSEN: Fraction(69238)})
STD = m.Standaarden({1: "Een", 2: "Twee", 3: "Drie"}, {1: None, 2: 2_300_000, 3: None}, {2: "rv"}, 2,
                    dt.date(2027, 1, 1), 2, 2, 50, VELSEN, 10, VELSEN)
BRON = "Bron: document.txt (Financiële consequenties); document.txt (Data medio 2024: Omvang) — peildatum 30-06-2024"


def _annotaties(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_per_scenario_stacks_gemeenten_and_never_draws_a_zero():
    data = pd.DataFrame(m.scenario_overzicht({1: None, 2: 2_300_000, 3: 1_000_000}, STD, SLEUTEL, NAMEN))
    fig = charts.frictiekosten_per_scenario(data, BRON)
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["Beverwijk", "Heemskerk", "Velsen"]
    for t in fig.data:
        assert t.x == ("Scenario 1", "Scenario 2", "Scenario 3")
        assert t.y[0] is None  # scenario 1: no bar, not a 0
    assert sum(t.y[1] for t in fig.data) == 2_300_000
    assert sum(t.y[2] for t in fig.data) == 1_000_000
    teksten = _annotaties(fig)
    assert any("niet gekwantificeerd" in a for a in teksten)
    assert any("bron: raadsvoorstel" in a for a in teksten)
    assert any("aanname" in a for a in teksten)  # scenario 3 was typed by the user
    assert fig.layout.separators == ",."
    assert any(a.startswith("Bron:") for a in teksten)
    assert "€\xa0" in fig.data[0].customdata[1][0]  # hover formatted the Dutch way


def test_per_scenario_all_unquantified():
    data = pd.DataFrame(m.scenario_overzicht({1: None, 2: None, 3: None}, STD, SLEUTEL, NAMEN))
    fig = charts.frictiekosten_per_scenario(data)
    assert sum("niet gekwantificeerd" in a for a in _annotaties(fig)) == 3
    assert all(all(v is None for v in t.y) for t in fig.data)


def test_netto_per_jaar_shows_surplus_below_zero():
    fase = m.fasering(dt.date(2027, 1, 1), 2, 50)
    r = m.bereken(2_300_000, SLEUTEL, fase, {VELSEN: m.Dekking(impuls_per_jaar=100_000, impuls_jaren=4)})
    per_jaar = pd.DataFrame([x for x in r.rijen(NAMEN) if x["jaar"] != "totaal" and x["gemeente"]])
    fig = charts.netto_per_jaar(per_jaar, "Scenario 2", BRON)
    velsen = next(t for t in fig.data if t.name == "Velsen")
    assert list(velsen.x) == ["2027", "2028", "2029", "2030"]
    assert list(velsen.y) == [x.netto for x in r.regels if x.gemeente == VELSEN]
    assert velsen.y[2] == -100_000  # a surplus stays visible
    assert fig.layout.barmode == "group"
    assert "Scenario 2" in fig.layout.title.text
    assert any("Bron:" in a for a in _annotaties(fig))
    assert velsen.marker.color != next(t for t in fig.data if t.name == "Beverwijk").marker.color


def test_tornado_bars_start_at_the_base_and_largest_is_on_top():
    fase = m.fasering(dt.date(2027, 1, 1), 2, 50)
    dekking = {VELSEN: m.Dekking(reserve=200_000, impuls_per_jaar=20_000, impuls_jaren=10)}
    rows = m.gevoeligheid(2_300_000, SLEUTEL, fase, dekking, VELSEN)
    fig = charts.tornado(pd.DataFrame([asdict(g) for g in rows]), "Velsen", BRON)
    laag, hoog = fig.data
    assert laag.orientation == "h" and set(laag.base) == {rows[0].basis}
    assert laag.y[-1] == rows[0].aanname  # Plotly draws the last category on top
    for t, kolom in ((laag, "laag"), (hoog, "hoog")):
        for label, delta in zip(t.y, t.x, strict=True):
            g = next(r for r in rows if r.aanname == label)
            assert delta == getattr(g, kolom) - g.basis
    assert "Velsen" in fig.layout.title.text
    assert fig.layout.xaxis.tickprefix == "€ "


def test_long_source_line_is_wrapped():
    data = pd.DataFrame(m.scenario_overzicht({1: None, 2: 2_300_000, 3: None}, STD, SLEUTEL, NAMEN))
    fig = charts.frictiekosten_per_scenario(data, BRON)
    bron = next(a for a in _annotaties(fig) if a.startswith("Bron:"))
    assert "<br>" in bron and bron.replace("<br>", "; ") == BRON
