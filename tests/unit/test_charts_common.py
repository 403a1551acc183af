"""The house style of every chart (charts.common): the figure's words outside its SVG, the legend
below the plot, computed margins, year axes that thin with the width, labels that wrap, and
the presentation restyle. Pure figures, no Streamlit."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from ijmond_dash.charts import common

BRON = "Bron: Raadsvoorstel herontwerp IJmond Werkt!, 2025, tabel Data medio 2024; peildatum 30-06-2024"


def _plain():
    return go.Figure(go.Bar(x=["Beverwijk", "Velsen"], y=[3, 4], marker_color=common.kleur("GM0375")))


def _with_layout():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="IJmond"))
    fig.update_layout(
        barmode="stack",
        margin=dict(t=160),
        legend=dict(traceorder="reversed", title_text="x"),
        yaxis=dict(title_text="aantal", rangemode="normal"),
    )
    fig.add_annotation(text="half jaar", x=2, y=4, showarrow=False)
    fig.add_hline(y=3)
    return fig


def _subplots():
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True)
    fig.add_trace(go.Scatter(x=["2015-12-31", "2021-12-31"], y=[1, 2]), row=1, col=1)
    fig.add_trace(go.Bar(x=["2015-12-31", "2021-12-31"], y=[3, 4]), row=2, col=1)
    fig.update_yaxes(title_text="Uitkeringen", row=2, col=1)
    return fig


def _sankey():
    return go.Figure(go.Sankey(node=dict(label=["a", "b"]), link=dict(source=[0], target=[1], value=[5])))


MAKERS = [_plain, _with_layout, _subplots, _sankey, go.Figure]


def getekend(fig: go.Figure) -> dict:
    """The figure as ui.plotly sends it to the browser."""
    return json.loads(common.huisregels(go.Figure(fig)).to_json())


@pytest.mark.parametrize("maak", MAKERS)
def test_the_words_are_recorded_for_the_page_and_not_drawn(maak):
    fig = common.style(maak(), "Titel", "Ondertitel", BRON, hoogte=640)
    assert common.kop(fig) == ("Titel", "Ondertitel", BRON)
    spec = getekend(fig)
    assert common.kop(spec) == ("Titel", "Ondertitel", BRON)
    assert not spec["layout"].get("title", {}).get("text")
    assert not spec["layout"].get("title", {}).get("subtitle", {}).get("text")
    assert BRON not in json.dumps(spec["layout"].get("annotations", []))  # no source line in the SVG
    assert spec["layout"]["height"] == 640 and spec["layout"]["separators"] == ",."
    if maak is _with_layout:  # the chart's own annotations stay
        assert [a["text"] for a in spec["layout"]["annotations"]] == ["half jaar"]


@pytest.mark.parametrize("maak", MAKERS)
def test_legend_below_the_plot_and_margins_computed(maak):
    spec = getekend(common.style(maak(), "Titel", "", BRON))
    legend = spec["layout"]["legend"]
    assert (legend["orientation"], legend["yref"], legend["y"], legend["yanchor"]) == ("h", "container", 0, "bottom")
    assert spec["layout"]["margin"] == common.MARGE  # small: the axes take what they need
    for naam, as_ in spec["layout"].items():
        if naam.startswith(("xaxis", "yaxis")):
            assert as_["automargin"] is True, naam


def test_rules_hold_over_what_a_chart_function_changed_after_style():
    """A chart that moved its legend to the right and made room with guessed margins, and kept
    its source line as an annotation below the plot (as charts did before), is drawn by the
    house rules all the same."""
    fig = common.style(_plain(), "Titel", "", BRON)
    fig.update_layout(legend=dict(orientation="v", x=1.01, xanchor="left", y=1), margin=dict(r=340, b=160, t=100))
    for ann in fig.layout.annotations:
        ann.update(text=ann.text.replace("; ", "<br>"), y=0, yanchor="top", yshift=-75)
    spec = getekend(fig)
    assert spec["layout"]["legend"]["orientation"] == "h" and spec["layout"]["margin"] == common.MARGE
    assert not spec["layout"].get("annotations")
    assert common.kop(spec)[2] == BRON
    # an older figure with its title in layout.title only
    oud = go.Figure(go.Bar(x=["a"], y=[1]), layout=dict(title=dict(text="Oud", subtitle=dict(text="Sub"))))
    assert common.kop(getekend(oud))[:2] == ("Oud", "Sub")


def test_style_leaves_its_input_alone_and_keeps_the_traces():
    fig = _with_layout()
    before = fig.to_plotly_json()
    out = common.style(fig, "Titel")
    assert fig.to_plotly_json() == before and out is not fig
    assert [t.to_plotly_json() for t in out.data][0]["y"] == [3, 4]
    assert out.layout.yaxis.rangemode == "normal"  # what the chart set wins over the house default
    assert out.layout.yaxis.gridcolor == "#e5e5e5"  # the house default where the chart set nothing


def test_time_axis_labels_years_and_thins_with_the_width():
    """Peildata on the x-axis: year labels; Plotly chooses how many fit the width (auto ticks),
    each label on its year's 31 December (minor ticks, ticklabelindex −1)."""
    x = ["2015-12-31", "2018-12-31", "2021-12-31", "2022-06-30", "2024-06-30"]
    fig = common.style(go.Figure(go.Scatter(x=x, y=[1, 2, 3, 4, 5])), "T")
    xas = fig.layout.xaxis
    assert (xas.type, xas.tickformat, xas.tickmode, xas.ticklabelindex) == ("date", "%Y", "auto", -1)
    assert (xas.minor.tickmode, xas.minor.tick0, xas.minor.dtick) == ("linear", "2000-12-31", "M12")
    assert xas.tickvals is None and xas.tickangle == 0  # nothing fixed that could collide on a phone
    # a short span: the year ends one by one, at most a handful
    kort = common.tijdas(["2020-12-31", "2021-12-31", "2022-06-30"])
    assert kort["tickvals"] == ["2020-12-31", "2021-12-31"] and kort["ticktext"] == ["2020", "2021"]
    # one peildatum: that date, the Dutch way
    assert common.tijdas(["2024-06-30"])["ticktext"] == ["30-06-2024"]
    # both panels of a shared time axis
    sub = common.style(_subplots(), "T")
    assert sub.layout.xaxis.type == sub.layout.xaxis2.type == "date"
    # categories and numbers are no time axis
    assert common.style(_plain(), "T").layout.xaxis.type is None


def test_number_axes_get_few_ticks():
    fig = common.style(go.Figure(go.Bar(y=["a", "b"], x=[1200, 3400], orientation="h")), "T")
    assert fig.layout.xaxis.nticks == common.GETAL_AS_TICKS
    eigen = go.Figure(go.Bar(y=["a"], x=[1], orientation="h"))
    eigen.update_xaxes(nticks=7)
    assert common.style(eigen, "T").layout.xaxis.nticks == 7


def test_value_labels_never_turned_and_left_out_where_they_do_not_fit():
    fig = common.style(_plain(), "T")
    assert fig.data[0].textangle == 0 and fig.layout.uniformtext.mode == "hide"
    assert common.tekst_plek([10, 60, 95], 100) == ["outside", "inside", "inside"]


def test_labels_wrap_and_long_words_hyphenate_the_dutch_way():
    assert (
        common.afbreken("Ontwikkeling sollicitatievaardigheden", 14) == "Ontwikkeling<br>sollicitatie-<br>vaardigheden"
    )
    assert common.afbreken("Werk vinden", 14) == "Werk vinden"
    for tekens in (10, 14, 22):
        regels = common.afbreken("Re-integratie en participatievoorzieningen Participatiewet", tekens).split("<br>")
        assert all(len(r) <= tekens for r in regels), regels
    assert common.categorie_as(["Beverwijk", "IJmond (3 gemeenten)"], 14)["ticktext"] == [
        "Beverwijk",
        "IJmond (3<br>gemeenten)",
    ]


def test_page_text_is_escaped_but_keeps_its_line_breaks():
    assert common.tekst_html("Stromen < 5<br>regel & <b>vet</b>") == "Stromen &lt; 5<br>regel &amp; <b>vet</b>"
    assert common.tekst_html("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"


def test_presentation_is_larger_and_keeps_the_rules():
    fig = common.huisregels(common.style(_with_layout(), "Titel", "Ondertitel", BRON, hoogte=480))
    common.presentatie(fig)
    assert fig.layout.height == max(common.PRESENTATIE_HOOGTE, round(480 * common.PRESENTATIE_HOOGTE_SCHAAL))
    assert fig.layout.font.size >= 24 and fig.layout.xaxis.tickfont.size >= 22
    assert fig.layout.legend.orientation == "h" and fig.layout.margin.t == common.MARGE["t"]
    assert fig.data[0].line.width >= 5
    # a figure placed for its own height (the Sankey) scales as a whole, so its placement holds
    sankey = common.style(_sankey(), "T", hoogte=620)
    sankey.add_annotation(text="label", x=0.5, y=0.5, xshift=13, font=dict(size=14))
    sankey.update_layout(meta={**sankey.layout.meta, common.MEESCHALEN: True})
    sankey.data[0].node.pad = 20
    common.presentatie(sankey)
    schaal = sankey.layout.height / 620
    assert schaal > 1
    assert sankey.layout.annotations[0].font.size == round(14 * schaal)
    assert sankey.layout.annotations[0].xshift == pytest.approx(13 * schaal)
    assert sankey.data[0].node.pad == pytest.approx(20 * schaal)
