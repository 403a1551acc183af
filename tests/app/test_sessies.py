"""Sessies: the page (beheerders compose, viewers only start), ?sessie=<naam> opens the first view,
Vorige/Volgende walk through the views (URL follows), the presenter's note never on the projector."""

from __future__ import annotations

from ijmond_dash.store import sessies
from ijmond_dash.ui import auth

from .helpers import markdown_text, no_exception, run_page
from .test_access import KIJKER, SECRETS

NOTITIE_1 = "Begin bij de zin bovenaan: die vat samen wat de cijfers nu laten zien."  # data/sessies.csv, stap 1
TITELS = [
    "IJmond Werkt! in één oogopslag",
    "Uitkeringen per gemeente",
    "Aanmeldingen-trend",
    "Fasen re-integratie",
    "Scenario's herontwerp",
]


def titel(at) -> str:
    return at.title[0].value


def stapregel(at) -> str:
    return "".join(m.value for m in at.markdown if "ijw-stap" in m.value and "<style>" not in m.value)


def klik(at, key: str):
    at.button(key=key).click().run()
    no_exception(at)
    return at


def veld(elementen, prefix: str):
    [el] = [e for e in elementen if (e.key or "").startswith(prefix)]
    return el


# ---------------------------------------------------------------- walking through a sessie


def test_a_sessie_link_opens_its_first_view_and_volgende_walks_through_the_views(app_env):
    at = run_page(query_params={"sessie": "standaard"})
    no_exception(at)
    assert titel(at) == TITELS[0]
    assert "Stap 1 van 5 — Overzicht" in stapregel(at)
    assert at.button(key="ijw_vorige").disabled and not at.button(key="ijw_volgende").disabled
    for n in range(2, 6):
        klik(at, "ijw_volgende")
        assert titel(at) == TITELS[n - 1]
        assert at.query_params["sessie"] == "standaard" and at.query_params["stap"] == str(n)
    assert "Stap 5 van 5 — Scenario 2 per gemeente" in stapregel(at)
    assert at.selectbox(key="sc_scenario").value == 2
    assert at.button(key="ijw_volgende").disabled
    klik(at, "ijw_vorige")
    assert titel(at) == "Fasen re-integratie" and at.query_params["stap"] == "4"


def test_a_sessie_link_on_another_page_opens_the_first_view(app_env):
    at = run_page("pages/bronnen.py", query_params={"sessie": "standaard"})
    no_exception(at)
    assert titel(at) == TITELS[0] and at.query_params["stap"] == "1"


def test_a_link_with_a_step_opens_that_view_with_its_settings(app_env):
    at = run_page(query_params={"sessie": "standaard", "stap": "5"})
    no_exception(at)
    assert titel(at) == "Scenario's herontwerp"
    assert at.selectbox(key="sc_scenario").value == 2
    assert at.query_params["stap"] == "5"


def test_the_step_sets_the_view_even_after_another_choice(app_env):
    at = run_page("pages/scenario.py", query_params={"sc_scenario": "Scenario 3"})
    assert at.selectbox(key="sc_scenario").value == 3
    at.switch_page("pages/fasen.py").run()
    at.query_params.clear()
    at.query_params.update({"sessie": "standaard", "stap": "4"})
    at.run()
    assert titel(at) == "Fasen re-integratie"
    klik(at, "ijw_volgende")
    assert titel(at) == "Scenario's herontwerp" and at.selectbox(key="sc_scenario").value == 2


def test_an_unknown_sessie_gives_a_dutch_notice(app_env):
    at = run_page(query_params={"sessie": "bestaat-niet"})
    no_exception(at)
    assert titel(at) == TITELS[0]
    assert any(
        "De sessie 'bestaat-niet' bestaat niet of heeft geen stappen" in w.value.replace("\\", "") for w in at.warning
    )
    assert not stapregel(at) and "sessie" not in at.query_params
    assert not any("ongeldige instellingen" in i.value for i in at.info)


def test_a_nonsense_step_number_opens_the_first_or_last_view(app_env):
    at = run_page(query_params={"sessie": "standaard", "stap": "99"})
    no_exception(at)
    assert titel(at) == "Scenario's herontwerp" and at.query_params["stap"] == "5"
    at = run_page(query_params={"sessie": "standaard", "stap": "twee"})
    assert titel(at) == TITELS[0] and at.query_params["stap"] == "1"


def test_without_a_sessie_volgende_goes_through_the_pages_in_navigation_order(app_env):
    at = run_page()
    assert at.button(key="ijw_vorige").disabled
    klik(at, "ijw_volgende")
    assert titel(at) == "Uitkeringen per gemeente" and "sessie" not in at.query_params
    klik(at, "ijw_volgende")
    assert titel(at) == "Aanmeldingen-trend"
    klik(at, "ijw_vorige")
    assert titel(at) == "Uitkeringen per gemeente"


def test_presentation_mode_keeps_the_buttons_and_never_shows_the_note(app_env):
    at = run_page(query_params={"sessie": "standaard", "presentatie": "1", "presentator": "1"})
    no_exception(at)
    assert at.button(key="ijw_volgende") and at.button(key="ijw_vorige")
    assert "Stap 1 van 5" in stapregel(at)
    assert NOTITIE_1 not in markdown_text(at) and "Notitie bij stap" not in markdown_text(at)
    klik(at, "ijw_volgende")
    assert at.query_params["presentatie"] == "1" and at.query_params["stap"] == "2"
    assert "Notitie bij stap" not in markdown_text(at)
    # the CSS keeps the navigation's buttons visible although presentation hides every other button
    css = "".join(m.value for m in at.markdown if "<style>" in m.value)
    assert '.st-key-ijw_navigatie [data-testid="stButton"] { display: flex !important; }' in css


def test_the_presenter_sees_the_note_and_what_comes_next(app_env):
    at = run_page(query_params={"sessie": "standaard", "presentator": "1"})
    no_exception(at)
    tekst = markdown_text(at).replace("\\", "")
    assert "Notitie bij stap 1:" in tekst and NOTITIE_1 in tekst
    assert "Hierna: Uitkeringen per gemeente" in tekst
    klik(at, "ijw_volgende")
    assert at.query_params["presentator"] == "1"
    assert "Notitie bij stap 2:" in markdown_text(at)
    at.toggle(key="ijw_notities").set_value(False).run()
    assert "Notitie bij stap" not in markdown_text(at) and "presentator" not in at.query_params


def test_closing_the_sessie(app_env):
    at = run_page(query_params={"sessie": "standaard", "stap": "2"})
    klik(at, "ijw_sessie_sluiten")
    assert "sessie" not in at.query_params and not stapregel(at)
    assert titel(at) == "Uitkeringen per gemeente"


def test_the_link_control_carries_the_sessie_and_step(app_env):
    at = run_page(query_params={"sessie": "standaard"})
    klik(at, "ijw_volgende")
    [code] = [c.value for c in at.code]
    assert "sessie=standaard" in code and "stap=2" in code


# ---------------------------------------------------------------- the Sessies page


def test_everyone_can_start_a_sessie_from_the_page(app_env):
    at = run_page("pages/sessies.py")
    no_exception(at)
    assert titel(at) == "Sessies"
    assert "Standaard rondgang" in [s.value for s in at.subheader]
    assert "5. **Scenario 2 per gemeente** — Scenario's herontwerp (Scenario 2)" in markdown_text(at)
    klik(at, "sessies_start_standaard")
    assert titel(at) == TITELS[0] and at.query_params["sessie"] == "standaard"


def test_a_viewer_sees_no_edit_controls(app_env):
    at = run_page("pages/sessies.py", secrets=SECRETS, user=KIJKER)
    no_exception(at)
    assert titel(at) == "Sessies" and "Standaard rondgang" in [s.value for s in at.subheader]
    assert not at.text_input and not at.text_area and not at.checkbox and not at.selectbox
    knoppen = {b.key for b in at.button}
    assert knoppen <= {"sessies_start_standaard", "ijw_vorige", "ijw_volgende", "ijw_uitloggen"}, knoppen
    assert "Sessies samenstellen" not in [h.value for h in at.header]
    assert "Wijzigingen" not in [h.value for h in at.header]


def test_a_beheerder_creates_fills_reorders_edits_and_deletes_a_sessie(fresh_app):
    at = run_page("pages/sessies.py")
    no_exception(at)
    at.text_input(key="sessies_nieuw_naam").set_value("raad")
    at.text_input(key="sessies_nieuw_titel").set_value("Raad, april")
    klik(at, "sessies_nieuw_knop")
    assert any("De sessie 'Raad, april' is aangemaakt." in s.value for s in at.success)
    assert at.selectbox(key="sessies_bewerk").value == "raad"

    # a step chosen with the fields, and one from a pasted link
    at.selectbox(key="sessies_nieuw_raad_pagina").set_value("fasen")
    at.text_area(key="sessies_nieuw_raad_notitie").set_value("Wijs op de uitstroom naar werk.")
    klik(at, "sessies_stap_toevoegen")
    at.text_input(key="sessies_nieuw_raad_link").set_value(
        "http://127.0.0.1:8501/scenario?sc_scenario=Scenario+3&presentatie=1"
    )
    at.run()
    assert "Uit de link: Scenario's herontwerp (Scenario 3)." in markdown_text(at)
    klik(at, "sessies_stap_toevoegen")
    assert [(s.pagina, s.parameters, s.notitie) for s in sessies.stappen(fresh_app, "raad")] == [
        ("fasen", {}, "Wijs op de uitstroom naar werk."),
        ("scenario", {"sc_scenario": "Scenario 3"}, ""),
    ]

    # reorder: the second step up
    assert at.button(key="sessies_op_1").disabled and at.button(key="sessies_neer_2").disabled
    klik(at, "sessies_op_2")
    assert [s.pagina for s in sessies.stappen(fresh_app, "raad")] == ["scenario", "fasen"]

    # edit step 2: another page, settings and note
    at.selectbox(key="sessies_stap_keuze").set_value(2).run()
    veld(at.selectbox, "sessies_stap_raad_2_").set_value("uitkeringen")
    [instellingen] = [
        t
        for t in at.text_input
        if (t.key or "").startswith("sessies_stap_raad_2_") and t.label == "Instellingen (zoals in de link)"
    ]
    instellingen.set_value("uitk_maat=per_1000")
    veld(at.text_area, "sessies_stap_raad_2_").set_value("Per 1.000 inwoners.")
    klik(at, "sessies_stap_opslaan")
    assert sessies.stappen(fresh_app, "raad")[1] == sessies.Stap(
        "uitkeringen", {"uitk_maat": "per_1000"}, "Per 1.000 inwoners.", "Fasen re-integratie"
    )

    # bad settings: a Dutch message, nothing changed
    at.selectbox(key="sessies_stap_keuze").set_value(1).run()
    [instellingen] = [
        t
        for t in at.text_input
        if (t.key or "").startswith("sessies_stap_raad_1_") and t.label == "Instellingen (zoals in de link)"
    ]
    instellingen.set_value("sessie=standaard")
    klik(at, "sessies_stap_opslaan")
    assert any("De instelling 'sessie' hoort niet bij een weergave" in e.value for e in at.error)
    assert sessies.stappen(fresh_app, "raad")[0].parameters == {"sc_scenario": "Scenario 3"}

    # delete a step: only after confirming
    at.selectbox(key="sessies_stap_keuze").set_value(1).run()
    assert at.button(key="sessies_stap_verwijderen").disabled
    at.checkbox(key="sessies_stap_zeker").check().run()
    klik(at, "sessies_stap_verwijderen")
    assert [s.pagina for s in sessies.stappen(fresh_app, "raad")] == ["uitkeringen"]

    # the audit log on the page names the user
    log = at.dataframe[-1].value
    assert list(log.columns) == ["Tijdstip", "Door", "Sessie", "Wat", "Omschrijving"]
    assert set(log["Door"]) == {auth.LOKAAL}
    assert list(log["Wat"])[:3] == ["stap verwijderd", "stap gewijzigd", "volgorde gewijzigd"]

    # delete the sessie: only after confirming
    assert at.button(key="sessies_verwijderen").disabled
    at.checkbox(key="sessies_zeker").check().run()
    klik(at, "sessies_verwijderen")
    assert sessies.sessie(fresh_app, "raad") is None
    assert any("De sessie 'Raad, april' is verwijderd." in s.value for s in at.success)
    assert at.selectbox(key="sessies_bewerk").value == "standaard"


def test_a_duplicate_name_gets_a_dutch_message(fresh_app):
    at = run_page("pages/sessies.py")
    at.text_input(key="sessies_nieuw_naam").set_value("standaard")
    at.text_input(key="sessies_nieuw_titel").set_value("Nog een")
    klik(at, "sessies_nieuw_knop")
    assert any("Er is al een sessie met de naam 'standaard'" in e.value for e in at.error)
    assert len(sessies.lijst(fresh_app)) == 1


def test_a_viewer_downloads_the_whole_sessie_as_a_handout(app_env, monkeypatch):
    """The Sessies page hands out the standaard sessie: one PDF page and one slide per view,
    each with its own headline (a viewer may, it changes nothing)."""
    import io

    from pptx import Presentation
    from pypdf import PdfReader

    from .helpers import Downloads

    downloads = Downloads().install(monkeypatch)
    at = run_page("pages/sessies.py", secrets=SECRETS, user=KIJKER)
    no_exception(at)
    pdf = PdfReader(io.BytesIO(downloads.click(at, "sessies_handout_standaard_pdf")))
    assert len(pdf.pages) == 5
    tekst = [p.extract_text() for p in pdf.pages]
    assert "UITKERINGEN PER GEMEENTE" in tekst[1] and "SCENARIO" in tekst[4].upper()
    prs = Presentation(io.BytesIO(downloads.click(at, "sessies_handout_standaard_pptx")))
    assert len(prs.slides) == 5
