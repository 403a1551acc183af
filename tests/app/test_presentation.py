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
    fig = common.presentatie(sample_figure())
    assert fig.layout.height == common.PRESENTATIE_HOOGTE
    assert fig.layout.font.size >= 26 and fig.layout.title.font.size >= 36
    assert fig.data[0].line.color == "#B37C00" and fig.data[0].line.width >= 5
    assert fig.data[1].marker.color == "#00996F"
    [bron] = [a for a in fig.layout.annotations if a.text.startswith("Bron:")]
    assert bron.font.size >= 20  # the source line is kept, larger
    assert fig.layout.separators == ",."
    # the title hangs from the top edge (its subtitle cannot run into a legend above the plot)
    assert (fig.layout.title.yref, fig.layout.title.y, fig.layout.title.yanchor) == ("container", 1, "top")
    # black axis labels on the axes themselves (Streamlit's chart theme would grey them), room for long labels
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert axis.tickfont.color == "#000000" and axis.automargin is True
    # the source line: a fixed distance below the plot, inside the bottom margin
    assert (bron.y, bron.yanchor) == (0, "top") and -common.PRESENTATIE_MARGE_ONDER < bron.yshift < -100


def test_presentatie_wraps_a_long_source_line_and_keeps_a_moved_one_below_the_plot():
    lang = "Bron: " + "; ".join(f"document_{i}.txt (tabel {i})" for i in range(8)) + " — peildatum 31-12-2021"
    fig = common.style(go.Figure(go.Bar(x=[1], y=[2])), "Titel", "Ondertitel", lang)
    common.presentatie(fig)
    [bron] = fig.layout.annotations
    regels = bron.text.split("<br>")
    assert len(regels) > 1 and all(len(r) <= common.PRESENTATIE_BRON_TEKENS for r in regels)
    assert " ".join(regels) == lang  # wrapped, not cut
    # a page that placed the source line itself (y = 0, shifted down in pixels) is handled too
    fig = common.style(go.Figure(go.Bar(x=[1], y=[2])), "Titel", "", "Bron: kort")
    fig.layout.annotations[0].update(y=0, yanchor="top", yshift=-55)
    common.presentatie(fig)
    assert fig.layout.annotations[0].yshift < -100


def chart_app():
    import streamlit as st

    from ijmond_dash import ui
    from tests.app.test_presentation import sample_figure

    ui._modus_uit_url()
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
    assert fig["layout"]["height"] == common.PRESENTATIE_HOOGTE and fig["layout"]["font"]["size"] >= 26
    config = json.loads(run_chart({"presentatie": "1"}).get("plotly_chart")[0].proto.config)
    assert (config["toImageButtonOptions"]["width"], config["toImageButtonOptions"]["height"]) == (1920, 1080)
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
    assert figs and all(f["layout"]["height"] == common.PRESENTATIE_HOOGTE for f in figs)
    assert all(any(a["text"].startswith("Bron") for a in f["layout"].get("annotations", [])) for f in figs)
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
