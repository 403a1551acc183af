"""charts.common.style builds the house style in one go; it must give exactly what applying
the style with Plotly's own update calls gives (the reference below), on every kind of figure."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from ijmond_dash.charts import common


def reference_style(fig: go.Figure, titel: str, ondertitel: str = "", bron: str = "", hoogte: int = 560):
    """The house style applied property by property (slow, but plainly Plotly's semantics)."""
    fig = go.Figure(fig)
    fig.update_layout(
        separators=",.", font=common.FONT,
        title=dict(text=titel, subtitle=dict(text=ondertitel, font=dict(size=16, color="#444")),
                   x=0, xanchor="left", font=dict(size=24)),
        height=hoogte, margin=dict(l=70, r=30, t=100, b=110 if bron else 60),
        plot_bgcolor="white", paper_bgcolor="white", hoverlabel=dict(font_size=16),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text=""),
    )
    fig.update_xaxes(showgrid=False, linecolor="#888", ticks="outside")
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=True, zerolinecolor="#888", rangemode="tozero")
    if bron:
        fig.add_annotation(text=bron, xref="paper", yref="paper", x=0, y=-0.2, showarrow=False,
                           xanchor="left", yanchor="top", font=dict(size=13, color="#555"))
    return fig


def _plain():
    return go.Figure(go.Bar(x=["Beverwijk", "Velsen"], y=[3, 4], marker_color=common.kleur("GM0375")))


def _with_layout():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="IJmond"))
    fig.update_layout(barmode="stack", margin=dict(t=160), legend=dict(traceorder="reversed", title_text="x"),
                      yaxis=dict(title_text="aantal", rangemode="normal"))
    fig.add_annotation(text="half jaar", x=2, y=4, showarrow=False)
    fig.add_hline(y=3)
    return fig


def _subplots():
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True)
    fig.add_trace(go.Scatter(x=[2015, 2016], y=[1, 2]), row=1, col=1)
    fig.add_trace(go.Bar(x=[2015, 2016], y=[3, 4]), row=2, col=1)
    fig.update_yaxes(title_text="Uitkeringen", row=2, col=1)
    return fig


def _sankey():
    return go.Figure(go.Sankey(node=dict(label=["a", "b"]), link=dict(source=[0], target=[1], value=[5])))


@pytest.mark.parametrize("maak", [_plain, _with_layout, _subplots, _sankey, go.Figure])
@pytest.mark.parametrize("bron", ["", "Bron: document.txt; peildatum 31-12-2021"])
def test_style_equals_plotlys_own_updates(maak, bron):
    got = common.style(maak(), "Titel", "Ondertitel", bron, hoogte=640)
    want = reference_style(maak(), "Titel", "Ondertitel", bron, hoogte=640)
    assert got.to_plotly_json() == want.to_plotly_json()


def test_style_leaves_its_input_alone_and_keeps_the_traces():
    fig = _with_layout()
    before = fig.to_plotly_json()
    out = common.style(fig, "Titel")
    assert fig.to_plotly_json() == before and out is not fig
    assert [t.to_plotly_json() for t in out.data] == [t.to_plotly_json() for t in fig.data]
