"""Deep links: URL -> controls, controls -> 'Link kopiëren', bad links -> defaults and a notice."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from ijmond_dash import ui

from .helpers import APP, no_exception, run_page

ROOT = Path(APP).parent
NOTICE = "De link bevatte onbekende of ongeldige instellingen"
SHELL_WIDGETS = {"ijw_presentatie", "ijw_afdruk"}


def notice(at) -> str:
    return "\n".join(i.value.replace("\\", "") for i in at.info if NOTICE in i.value)  # keys are Markdown-escaped


def link(at) -> str:
    [code] = [c.value for c in at.code]
    return code


def test_link_control_shows_the_full_link_of_the_view(app_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.context = {"url": "http://127.0.0.1:8501/"}
    at.query_params["overzicht_scenario"] = "Scenario 1"
    at.run()
    no_exception(at)
    assert {m.label for m in at.metric} >= {"Frictiekosten scenario 1"}
    url = urlsplit(link(at))
    assert (url.scheme, url.netloc) == ("http", "127.0.0.1:8501")
    assert parse_qs(url.query) == {"overzicht_scenario": ["Scenario 1"]}
    # a control changed in the page is in the link too
    at.selectbox(key="overzicht_scenario").set_value(3).run()
    assert parse_qs(urlsplit(link(at)).query) == {"overzicht_scenario": ["Scenario 3"]}
    # default values stay out of the link, like Streamlit keeps them out of the URL
    at.selectbox(key="overzicht_scenario").set_value(2).run()
    assert urlsplit(link(at)).query == ""


def test_invalid_value_opens_defaults_with_notice(app_env):
    at = run_page(query_params={"overzicht_scenario": "99"})
    no_exception(at)
    assert {m.label for m in at.metric} >= {"Frictiekosten scenario 2"}
    assert "overzicht_scenario" in notice(at)
    at.run()  # the notice is short-lived: gone on the next run
    assert not notice(at)


def test_unknown_parameter_gives_notice_and_never_raises(app_env):
    at = run_page(query_params={"onbekend": "x", "presentatie": "misschien"})
    no_exception(at)
    assert "onbekend" in notice(at) and "presentatie" in notice(at)
    assert not at.toggle(key="ijw_presentatie").value


def test_valid_link_gives_no_notice(app_env):
    for params in ({"overzicht_scenario": "Scenario 1"}, {"overzicht_scenario": "Scenario 2"}, {}):
        at = run_page(query_params=params)
        no_exception(at)
        assert not notice(at), params


def test_value_survives_switching_pages_and_back(app_env):
    at = run_page()
    at.selectbox(key="overzicht_scenario").set_value(1).run()
    at.switch_page("pages/bronnen.py").run()
    at.query_params.clear()  # Streamlit drops every query parameter on a page switch
    at.switch_page("pages/overzicht.py").run()
    no_exception(at)
    assert at.selectbox(key="overzicht_scenario").value == 1
    assert at.query_params.get("overzicht_scenario") == "Scenario 1"  # written back into the URL


def test_presentation_mode_survives_switching_pages(app_env):
    at = run_page(query_params={"presentatie": "1"})
    assert at.toggle(key="ijw_presentatie").value
    at.query_params.clear()
    at.switch_page("pages/bronnen.py").run()
    assert at.query_params.get("presentatie") == "1"
    assert at.toggle(key="ijw_presentatie").value


def test_every_control_on_every_page_is_bound_to_the_url(app_env):
    """Each widget of each page carries its URL parameter (except buttons, uploads, confirmations)."""
    kinds = (
        "selectbox",
        "multiselect",
        "radio",
        "slider",
        "select_slider",
        "number_input",
        "date_input",
        "toggle",
        "checkbox",
        "text_input",
        "segmented_control",
        "pills",
    )
    exempt = SHELL_WIDGETS | {"beheer_zeker"}
    formulier = ("sessies_nieuw_", "sessies_stap_", "sessies_naam_", "sessies_titel_", "sessies_zeker")  # edit fields
    unbound = []
    for page in sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")):
        at = run_page(page)
        no_exception(at)
        for kind in kinds:
            for w in at.get(kind):
                if w.key in exempt or (w.key or "").startswith(formulier):
                    continue
                if not getattr(w.proto, "query_param_key", ""):
                    unbound.append(f"{page}: {kind} {w.key or w.label}")
    assert unbound == []


def test_float_number_input_from_link_gives_no_notice(app_env):
    """A number input holds a float; Streamlit writes 3000000.0 as '3000000' in the URL, and a link
    with that value (or the same number written otherwise) is valid and applied."""
    for waarde in ("3000000", "3000000.0"):
        at = run_page("pages/scenario.py", {"sc_totaal_2": waarde})
        no_exception(at)
        assert at.number_input(key="sc_totaal_2").value == 3_000_000  # the default is the 2,3 mln of the stukken
        assert not notice(at), waarde
    at = run_page("pages/scenario.py", {"sc_totaal_2": "3000000", "onbekend": "x"})
    assert "onbekend" in notice(at) and "sc_totaal_2" not in notice(at)  # the check itself still runs


def test_number_values_compare_as_numbers_only_for_number_inputs():
    geaccepteerd = {"sc_totaal_2": ("3000000",), "keuze": ("1",)}
    url = {"sc_totaal_2": ("3000000.0",), "keuze": ("1.0",)}
    assert ui.onjuiste_parameters(url, geaccepteerd, {"sc_totaal_2"}) == ["keuze"]
    assert sorted(ui.onjuiste_parameters(url, geaccepteerd)) == ["keuze", "sc_totaal_2"]
    assert ui.onjuiste_parameters({"sc_totaal_2": ("abc",)}, geaccepteerd, {"sc_totaal_2"}) == ["sc_totaal_2"]
