"""Presentation mode, print view and chart downloads."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from ijmond_dash.charts import common

from .helpers import figures, no_exception, run_page


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (luminance(hex_colour) + 0.05)


def test_presentation_colours_keep_the_gemeente_and_reach_contrast():
    for gebied, kleur in common.GEMEENTE_KLEUREN.items():
        donker = common.PRESENTATIE_KLEUREN[kleur]
        assert contrast_on_white(donker) >= 3.0, gebied
    assert len(set(common.PRESENTATIE_KLEUREN[k] for k in common.GEMEENTE_KLEUREN.values())) == len(
        common.GEMEENTE_KLEUREN)


def sample_figure() -> go.Figure:
    fig = go.Figure([go.Scatter(x=[2020, 2021], y=[1, 2], name="Heemskerk", line_color=common.kleur("GM0396")),
                     go.Bar(x=[2020, 2021], y=[3, 4], name="Velsen", marker_color=common.kleur("GM0453"))])
    return common.style(fig, "Titel", "Ondertitel", "Bron: document.txt; peildatum 31-12-2021")


def test_presentatie_restyles_for_the_projector():
    fig = common.presentatie(common.huisregels(sample_figure()))
    assert fig.layout.height == max(common.PRESENTATIE_HOOGTE, round(560 * common.PRESENTATIE_SCHAAL))
    assert fig.layout.font.size >= 24
    assert fig.data[0].line.color == "#B37C00" and fig.data[0].line.width >= 5
    assert fig.data[1].marker.color == "#00996F"
    assert fig.layout.separators == ",."
    # the words stay page text (ui.CSS_PRESENTATIE makes them large); none drawn in the figure
    assert not fig.layout.title.text and not fig.layout.annotations
    assert common.kop(fig) == ("Titel", "Ondertitel", "Bron: document.txt; peildatum 31-12-2021")
    # black axis labels on the axes themselves (Streamlit's chart theme would grey them), room for long labels
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert axis.tickfont.color == "#000000" and axis.tickfont.size >= 22 and axis.automargin is True
    # the legend stays below the plot, the margins computed
    assert fig.layout.legend.orientation == "h" and fig.layout.margin.t == common.MARGE["t"]


def test_title_subtitle_and_source_are_page_text_around_the_chart():
    """What ui.plotly shows: the title and subtitle above the chart and the source below it, as
    text that wraps (escaped), and a figure without them."""
    at = run_chart({})
    teksten = [m.value for m in at.markdown if "ijw-grafiek" in m.value and "<style>" not in m.value]
    assert len(teksten) == 2
    kop, bron = teksten
    assert "ijw-grafiek-titel'>Titel<" in kop and "ijw-grafiek-ondertitel'>Ondertitel<" in kop
    assert "ijw-grafiek-bron'>Bron: document.txt; peildatum 31-12-2021<" in bron
    fig = figures(at)[0]
    assert not fig["layout"].get("title", {}).get("text") and not fig["layout"].get("annotations")
    from ijmond_dash import ui

    assert "p.ijw-grafiek-titel" in ui.CSS and "overflow-wrap: break-word" in ui.CSS
    assert "p.ijw-grafiek-titel" in ui.CSS_PRESENTATIE


def chart_app():
    import streamlit as st

    from ijmond_dash import ui
    from tests.app.test_presentation import sample_figure

    ui.weergave._modus_uit_url()
    ui.plotly(sample_figure(), key="proef", naam="proefgrafiek")
    st.plotly_chart  # noqa: B018


def run_chart(params: dict) -> AppTest:
    at = AppTest.from_function(chart_app)
    at.query_params.update(params)
    at.run()
    no_exception(at)
    return at


def test_chart_has_png_download_in_its_toolbar():
    at = run_chart({})
    el = at.get("plotly_chart")[0]
    config = json.loads(el.proto.config)
    assert config["toImageButtonOptions"]["format"] == "png"
    assert config["toImageButtonOptions"]["filename"] == "proefgrafiek"
    assert config["displayModeBar"] is True and "toImage" not in config.get("modeBarButtonsToRemove", [])
    assert figures(at)[0]["layout"]["height"] == 560


def test_chart_in_presentation_and_print_view():
    fig = figures(run_chart({"presentatie": "1"}))[0]
    assert fig["layout"]["height"] >= common.PRESENTATIE_HOOGTE and fig["layout"]["font"]["size"] >= 24
    config = json.loads(run_chart({"presentatie": "1"}).get("plotly_chart")[0].proto.config)
    assert (config["toImageButtonOptions"]["width"], config["toImageButtonOptions"]["height"]) == (
        1920, fig["layout"]["height"])
    afdruk = figures(run_chart({"afdruk": "1"}))[0]
    assert afdruk["layout"]["width"] == 1000


def css(at) -> str:
    return "\n".join(m.value for m in at.markdown if "<style>" in m.value)


def test_presentation_mode_in_the_app(app_env):
    at = run_page("pages/uitkeringen.py", query_params={"presentatie": "1"})
    no_exception(at)
    assert at.toggle(key="ijw_presentatie").value
    style = css(at)
    assert '[data-testid="stSidebar"]' in style and "display: none" in style
    assert '[data-testid="stSelectbox"]' in style  # controls hidden
    assert "@media print" in style
    assert not at.code  # no link control on the projector
    figs = figures(at)
    assert figs and all(common.PRESENTATIE_HOOGTE <= f["layout"]["height"] <= common.PRESENTATIE_MAX_HOOGTE
                        for f in figs)
    # every chart's source, shown below it as page text
    bronnen = [m.value for m in at.markdown if m.value.startswith("<p class='ijw-grafiek-bron'")]
    assert len(bronnen) == len(figs) and all(common.kop(f)[2].startswith("Bron") for f in figs)
    # the toggle switches it off again, and the URL follows
    at.toggle(key="ijw_presentatie").set_value(False).run()
    assert "presentatie" not in at.query_params
    assert '[data-testid="stSelectbox"]' not in css(at)
    assert at.code  # the link control is back


def test_toggle_switches_presentation_on_and_into_the_url(app_env):
    at = run_page()
    assert "@media print" in css(at) and '[data-testid="stSelectbox"]' not in css(at)
    at.toggle(key="ijw_presentatie").set_value(True).run()
    assert at.query_params.get("presentatie") == "1"
    assert '[data-testid="stSelectbox"]' in css(at)
    at.toggle(key="ijw_afdruk").set_value(True).run()  # one mode at a time
    assert at.query_params.get("afdruk") == "1" and "presentatie" not in at.query_params


def test_shared_figures_are_not_restyled_by_a_view_mode(app_env):
    """Figures are shared between sessions for equal inputs (ui.grafiek); presenting or printing
    one session's page restyles a copy, never the figure the next session gets."""
    gewoon = figures(run_page("pages/scenario.py"))
    presentatie = figures(run_page("pages/scenario.py", query_params={"presentatie": "1"}))
    afdruk = figures(run_page("pages/scenario.py", query_params={"afdruk": "1"}))
    assert presentatie != gewoon and afdruk != gewoon
    assert figures(run_page("pages/scenario.py")) == gewoon
