"""Presentation mode, print view and chart downloads."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from ijmond_dash.charts import common

from .helpers import figures, no_exception, run_page


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (luminance(hex_colour) + 0.05)


def test_presentation_colours_keep_the_gemeente_and_reach_contrast():
    for gebied, kleur in common.GEMEENTE_KLEUREN.items():
        donker = common.PRESENTATIE_KLEUREN[kleur]
        assert contrast_on_white(donker) >= 3.0, gebied
    assert len(set(common.PRESENTATIE_KLEUREN[k] for k in common.GEMEENTE_KLEUREN.values())) == len(
        common.GEMEENTE_KLEUREN
    )


def sample_figure() -> go.Figure:
    fig = go.Figure(
        [
            go.Scatter(x=[2020, 2021], y=[1, 2], name="Heemskerk", line_color=common.kleur("GM0396")),
            go.Bar(x=[2020, 2021], y=[3, 4], name="Velsen", marker_color=common.kleur("GM0453")),
        ]
    )
    return common.style(fig, "Titel", "Ondertitel", "Bron: document.txt; peildatum 31-12-2021")


def test_presentatie_restyles_for_the_projector():
    fig = common.presentatie(common.huisregels(sample_figure()))
    assert fig.layout.height == max(common.PRESENTATIE_HOOGTE, round(560 * common.PRESENTATIE_HOOGTE_SCHAAL))
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
        1920,
        fig["layout"]["height"],
    )
    afdruk = figures(run_chart({"afdruk": "1"}))[0]
    # as wide as the paper-wide page (ui.CSS_AFDRUK), lower than on screen
    assert "width" not in afdruk["layout"] and afdruk["layout"]["height"] == round(560 * 0.7)


def css(at) -> str:
    return "\n".join(m.value for m in at.markdown if "<style>" in m.value)


def test_presentation_mode_in_the_app(app_env):
    at = run_page("pages/uitkeringen.py", query_params={"presentatie": "1"})
    no_exception(at)
    assert at.toggle(key="ijw_presentatie").value
    style = css(at)
    assert '[data-testid="stSidebar"]' in style and "display: none" in style
    assert '[data-testid="stSelectbox"]' in style and "stPopoverBody" in style  # controls hidden, but in 'Instellingen'
    assert "@media print" in style
    assert not at.code  # no link control on the projector
    figs = figures(at)
    assert figs and all(
        common.PRESENTATIE_HOOGTE <= f["layout"]["height"] <= common.PRESENTATIE_MAX_HOOGTE for f in figs
    )
    # every chart's source, shown below it as page text
    bronnen = [m.value for m in at.markdown if m.value.startswith("<p class='ijw-grafiek-bron'")]
    assert len(bronnen) == len(figs) and all(common.kop(f)[2].startswith("Bron") for f in figs)
    # the toggle switches it off again, and the URL follows
    at.toggle(key="ijw_presentatie").set_value(False).run()
    assert "presentatie" not in at.query_params
    assert "stPopoverBody" not in css(at)
    assert at.code  # the link control is back


def test_toggle_switches_presentation_on_and_into_the_url(app_env):
    at = run_page()
    assert "@media print" in css(at) and "stPopoverBody" not in css(at)
    at.toggle(key="ijw_presentatie").set_value(True).run()
    assert at.query_params.get("presentatie") == "1"
    assert "stPopoverBody" in css(at)
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


def instellingen(at):
    """The 'Instellingen' popovers of the page (the top bar has at most one)."""
    return [p for p in at.get("popover") if p.proto.popover.label == "Instellingen"]


def test_presenting_puts_every_input_behind_one_instellingen_control(app_env):
    scherm = run_page("pages/uitkeringen.py")
    assert not instellingen(scherm)
    at = run_page("pages/uitkeringen.py", query_params={"presentatie": "1", "uitk_maat": "Per 1.000 inwoners"})
    no_exception(at)
    [pop] = instellingen(at)
    binnen = {w.key for soort in ("multiselect", "select_slider", "radio") for w in pop.get(soort)}
    assert binnen == {"uitk_gemeenten", "uitk_periode", "uitk_maat", "uitk_dimensie", "uitk_weergave"}
    assert at.radio(key="uitk_maat").value == "per_1000"  # a link's setting still applies


def test_a_page_without_inputs_has_no_instellingen(app_env):
    at = run_page("pages/fasen.py", query_params={"presentatie": "1"})
    no_exception(at)
    assert not instellingen(at)


def test_print_view_writes_the_settings_as_one_line_of_words(app_env):
    at = run_page(
        "pages/uitkeringen.py",
        query_params={"afdruk": "1", "uitk_maat": "Per 1.000 inwoners", "uitk_gemeenten": ["Velsen", "Heemskerk"]},
    )
    no_exception(at)
    assert len(instellingen(at)) == 1  # the inputs behind it; the bar is not printed
    [regel] = [m.value for m in at.markdown if m.value.startswith("<p class='ijw-instellingen'")]
    assert regel.startswith("<p class='ijw-instellingen'>Instellingen: Gemeenten: ")
    assert "Velsen" in regel and "Heemskerk" in regel and "Beverwijk" not in regel
    assert "Maat: Per 1.000 inwoners" in regel and "Periode (lijngrafiek): 2015–2024" in regel
    assert "uitk_" not in regel and "per_1000" not in regel  # words, not keys or codes
    # on screen there is no such line
    scherm = run_page("pages/uitkeringen.py")
    assert not [m for m in scherm.markdown if m.value.startswith("<p class='ijw-instellingen'")]


def test_printed_scenario_settings_name_the_scenario_and_the_verdeelsleutel(app_env):
    at = run_page("pages/scenario.py", query_params={"afdruk": "1"})
    no_exception(at)
    [regel] = [m.value for m in at.markdown if m.value.startswith("<p class='ijw-instellingen'")]
    assert "Scenario: Scenario 2" in regel and "Verdeelsleutel: Inwoners" in regel
    assert "Frictiekosten scenario 2 (€): 2.300.000" in regel  # the raadsvoorstel's € 2,3 mln
    assert "Ingangsdatum: 01-01-2027" in regel
