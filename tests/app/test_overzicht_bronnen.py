"""AppTest: the home page and the Bronnen page show the stored figures, on both backends."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ijmond_dash import catalog, db, formatting, queries, reeksen

from .helpers import bron, figures, markdown_text, no_exception, run_page, titel


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
    [overzicht] = [df.value for df in at.dataframe if "Dataset" in df.value.columns]
    assert list(overzicht["Dataset"]) == [ds.title for ds in catalog.DATASETS]
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


def test_bronnen_shows_a_chosen_dataset_and_the_link_remembers_it(app_env):
    """The overview lists every dataset with its row count; only the chosen dataset's table is
    built, with every row formatted, and the page's link opens exactly that dataset."""
    at = run_page("pages/bronnen.py")
    no_exception(at)
    engine = db.create_engine(app_env)
    counts = queries.row_counts(engine)
    [overzicht] = [df.value for df in at.dataframe]  # no dataset chosen: the overview only
    assert dict(zip(overzicht["Dataset"], overzicht["Rijen"], strict=True)) == {
        ds.title: formatting.getal(counts[ds.name]) for ds in catalog.DATASETS}

    titel = catalog.dataset("inwoners").title
    at = run_page("pages/bronnen.py", query_params={"dataset": titel})
    no_exception(at)
    assert at.selectbox(key="dataset").value == "inwoners"
    shown = at.dataframe[1].value
    want = formatting.dataset_tabel(queries.lezer(engine), "inwoners")
    assert list(shown.columns) == list(want.columns) and shown.values.tolist() == want.values.tolist()
    assert len(shown) == counts["inwoners"] and "150.533" in set(shown["aantal"])  # the total, as given
    [link] = [c.value for c in at.code]
    assert parse_qs(urlsplit(link).query) == {"dataset": [titel]}
    assert not [i for i in at.info if "ongeldige instellingen" in i.value]


def test_overzicht_draws_its_message_as_an_index_chart(app_env):
    """The home page's message (uitkeringen about level, participanten falling) in one chart:
    both series as an index on the first year, values from the store."""
    at = run_page()
    no_exception(at)
    [fig] = figures(at)
    assert titel(fig) == "Participanten en bijstandsuitkeringen, index 2015 = 100"
    engine = db.create_engine(app_env)
    part = queries.participanten(engine)
    uitk = queries.uitkeringen(engine, reeksen.CBS)
    engine.dispose()
    ijm = uitk[uitk["gebied"] == "IJMOND"].sort_values("peildatum")
    u = next(t for t in fig["data"] if t["name"] == "Bijstandsuitkeringen IJmond")
    assert u["y"] == pytest.approx([100 * a / ijm["aantal"].iloc[0] for a in ijm["aantal"]])
    jaar = part[part["periode"] == "jaar"].sort_values("peildatum")
    assert any(t.get("y") == pytest.approx([100 * a / jaar["aantal"].iloc[0] for a in jaar["aantal"]])
               for t in fig["data"])
    assert "peildatum 31-12-2015 t/m 30-06-2022" in bron(fig)
