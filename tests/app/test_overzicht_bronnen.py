"""AppTest: the home page and the Bronnen page show the stored figures, on both backends."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from ijmond_dash import formatting
from ijmond_dash.analysis import reeksen, woorden
from ijmond_dash.store import catalog, db, queries

from .helpers import als_afgerond, antwoord, bron, figures, markdown_text, no_exception, run_page, titel


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
    # sources by the document's title, year and table; never a file name
    assert (
        formatting.md_escape(
            "Bron: Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening, 2025 — Tabel 'Aanmeldingen bij "
            "IJmond Werkt! / Bijstand uitkering (excl. AOW)' — peildatum 30-06-2022"
        )
        in text
    )
    assert (
        formatting.md_escape(
            "Bron: Raadsinformatie en Halfjaarrapportage IJmond Werkt! 2023 — Re-integratie: "
            "tabel 1 'Regulier werk' en tekst — peildatum 1e halfjaar 2023"
        )
        in text
    )
    assert ".txt" not in text
    # the headline, from the data (both changes as the kerncijfers give them)
    assert (
        "Het aantal bijstandsuitkeringen bleef sinds 2015 vrijwel gelijk (-5,7%), terwijl steeds minder inwoners "
        "bij IJmond Werkt! instroomden (-72,0%)."
    ) in text


def test_overzicht_frictiekosten_computed_as_the_scenario_page_and_as_the_document_says(app_env):
    """Velsen's share: the scenario page's computation on its documented defaults, to the € 1.000
    (2.300.000 × 69.238 / 150.643 = 1.057.118), next to the raadsvoorstel's own 'ongeveer € 1 mln'."""
    at = run_page()
    no_exception(at)
    [friktie] = [m for m in at.metric if m.label == "Frictiekosten scenario 2"]
    assert friktie.proto.delta == "Velsen: €\xa01.057.000"
    text = markdown_text(at)
    assert (
        formatting.md_escape(
            "Velsen: berekend als op de scenariopagina, naar inwoners op 30-06-2024 (afgerond "
            "op €\xa01.000). Het raadsvoorstel zegt 'ongeveer €\xa01 mln', naar 'de huidige "
            "verdeelsleutel' zonder te zeggen welke."
        )
        in text
    )

    # the scenario page, on its defaults, shows the same rounded share in its answer table
    sc = run_page("pages/scenario.py")
    no_exception(sc)
    tabel = antwoord(sc)
    assert tabel is not None, "the scenario page shows no answer table"
    assert als_afgerond(tabel)["rijen"]["Velsen"] == 1_057_000


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
    engine = db.create_engine(app_env)
    notes = woorden.notities(queries.lezer(engine))
    assert f"**{len(notes)} notities.**" in text
    # the inwoners total that does not add up is shown, not hidden
    assert "150.533" in text and "150.643" in text
    # every stored note is on the page, in words (escaped for Markdown)
    for notitie in notes["Notitie"]:
        assert formatting.md_escape(notitie) in text
    # the documents by title and date, newest first
    docs = [m.value for m in at.markdown if m.value.startswith("**") and "·" in m.value]
    titel = formatting.md_escape("Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening")
    assert docs[0] == (
        f"**{titel}**  \n"
        + formatting.md_escape("2025 · raadsvoorstel · College van burgemeester en wethouders van Velsen")
    )
    assert any(formatting.md_escape("12-02-2013 · collegebericht aan de raad") in d for d in docs)


def test_bronnen_tells_what_a_careful_reader_finds(app_env):
    """The notes a reader of the documents needs, each with the document's own figures."""
    at = run_page("pages/bronnen.py")
    no_exception(at)
    text = re.sub(r"\\(.)", r"\1", markdown_text(at))  # as the browser shows it
    # the raadsvoorstel's words against its own table
    assert "'vrij constant tussen de 2.800 en 2.900'" in text and "loopt van 2.710 (31-12-2019) tot 3.010" in text
    # 16,27% is a share of the uitkeringen, not of the inwoners
    assert "281 van de 1.727 inwoners met een uitkering is 16,27%" in text and "is het 0,41%" in text
    # the 2020 note reads the € 1,2 mln two ways
    assert "'ruim 1,2 miljoen teruggevloeid naar de gemeente, die terugvloeit in de Algemene Reserve'" in text
    # the two breakdowns disagree with each other
    assert "naar leeftijd tellen ze voor de IJmond op tot 3.247, naar duur tot 3.268" in text
    # tables the text extraction emptied
    assert "'Inkomensregelingen' (aantal intakes en aantal maatregelen per gemeente)" in text
    assert "'Wsw' (per gemeente, detacheringen en Begeleid Werk)" in text
    # computed notes name gemeenten, not codes
    assert "De uitsplitsing naar duur voor Beverwijk telt op tot 1.036" in text


def test_bronnen_shows_a_chosen_dataset_and_the_link_remembers_it(app_env):
    """The overview lists every dataset with its row count; only the chosen dataset's table is
    built, in words and names, and the page's link opens exactly that dataset."""
    at = run_page("pages/bronnen.py")
    no_exception(at)
    engine = db.create_engine(app_env)
    counts = queries.row_counts(engine)
    [overzicht] = [df.value for df in at.dataframe]  # no dataset chosen: the overview only
    assert dict(zip(overzicht["Dataset"], overzicht["Rijen"], strict=True)) == {
        ds.title: formatting.getal(counts[ds.name]) for ds in catalog.DATASETS
    }

    titel = catalog.dataset("inwoners").title
    at = run_page("pages/bronnen.py", query_params={"dataset": titel})
    no_exception(at)
    assert at.selectbox(key="dataset").value == "inwoners"
    shown = at.dataframe[1].value
    want = woorden.dataset_tabel(queries.lezer(engine), "inwoners")
    assert list(shown.columns) == list(want.columns) and shown.values.tolist() == want.values.tolist()
    assert list(shown.columns) == ["Peildatum", "Gebied", "Aantal", "Bron", "Tabel of paragraaf in de bron"]
    assert len(shown) == counts["inwoners"] and "150.533" in set(shown["Aantal"])  # the total, as given
    rij = shown[(shown["Gebied"] == "Velsen") & (shown["Peildatum"] == "30-06-2024")].iloc[0].tolist()
    assert rij == [
        "30-06-2024",
        "Velsen",
        "69.238",
        "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening, 2025",
        "Data medio 2024: Omvang",
    ]
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
    assert any(
        t.get("y") == pytest.approx([100 * a / jaar["aantal"].iloc[0] for a in jaar["aantal"]]) for t in fig["data"]
    )
    assert "peildatum 31-12-2015 t/m 30-06-2022" in bron(fig)
