"""AppTest: the home page and the Bronnen page show the stored figures, on both backends."""

from __future__ import annotations

from ijmond_dash import catalog, db, formatting, queries

from .helpers import markdown_text, no_exception, run_page


def test_overzicht_shows_kerncijfers_from_store(app_env):
    at = run_page()
    no_exception(at)
    engine = db.create_engine(app_env)
    uitk = queries.uitkeringen(engine)
    ijmond = uitk[(uitk.gebied == "IJMOND") & (uitk.definitie == "bijstand_excl_aow")].sort_values("peildatum")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Bijstandsuitkeringen IJmond"] == formatting.getal(int(ijmond.iloc[-1]["aantal"])) == "2.800"
    assert metrics["Uitkeringen P-wet (personen)"] == "3.681"
    assert metrics["In lopend traject bij IJmond Werkt!"] == "738"
    assert metrics["Participanten bij IJmond Werkt!"] == "552"
    assert metrics["Frictiekosten scenario 2"] == "€\xa02,3 mln"
    assert metrics["Uitstroom naar werk"] == "48"
    text = markdown_text(at)
    assert "002_1ffd1c96ac75314c.txt" in text
    assert "peildatum 30-06-2022" in text


def test_overzicht_unquantified_scenario_says_so(app_env):
    at = run_page(query_params={"overzicht_scenario": "Scenario 1"})
    no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Frictiekosten scenario 1"] == "niet gekwantificeerd"


def test_overzicht_invalid_query_param_falls_back(app_env):
    at = run_page(query_params={"overzicht_scenario": "99"})
    no_exception(at)
    assert {m.label for m in at.metric} >= {"Frictiekosten scenario 2"}


def test_bronnen_lists_every_dataset_and_note(app_env):
    at = run_page("pages/bronnen.py")
    no_exception(at)
    labels = [e.label for e in at.expander]
    for ds in catalog.DATASETS:
        assert any(label.startswith(ds.title) for label in labels), ds.title
    text = markdown_text(at)
    assert "notities" in text
    engine = db.create_engine(app_env)
    notes = queries.datakwaliteit(engine)
    assert f"**{len(notes)} notities.**" in text
    # the inwoners total that does not add up is shown, not hidden
    assert "150.533" in text and "150.643" in text
    # every stored note is on the page
    for omschrijving in notes["omschrijving"]:
        assert omschrijving in text
