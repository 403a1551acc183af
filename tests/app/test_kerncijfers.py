"""One definition per kerncijfer: every page that shows one shows the same value, change and
peildatum; and the Overzicht headline follows the imported figures."""

from __future__ import annotations

import pytest

from ijmond_dash import formatting
from ijmond_dash.imports import importers
from ijmond_dash.store import db

from .helpers import markdown_text, no_exception, run_page

# The pages that show kerncijfers as metrics (the Overzicht and the page each one links to).
PAGINAS = (None, "pages/aanmeldingen.py")


def _bronregels(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("Bron")]


def test_each_kerncijfer_is_the_same_on_every_page_that_shows_it(app_env):
    pages = {p: run_page(p) for p in PAGINAS}
    for at in pages.values():
        no_exception(at)
    metrics = {p: {m.label: (m.value, m.proto.delta) for m in at.metric} for p, at in pages.items()}
    gedeeld = set.intersection(*(set(m) for m in metrics.values()))
    assert {"Bijstandsuitkeringen IJmond", "Participanten bij IJmond Werkt!"} <= gedeeld
    for label in gedeeld:
        assert len({m[label] for m in metrics.values()}) == 1, (label, {p: m[label] for p, m in metrics.items()})
    # the values and peildata as the raadsvoorstel's table gives them
    for p, m in metrics.items():
        assert m["Bijstandsuitkeringen IJmond"] == ("2.800", "-170 (-5,7%) sinds 31-12-2015"), p
        assert m["Participanten bij IJmond Werkt!"] == ("552", "-72,0% sinds 31-12-2015"), p
        regels = _bronregels(pages[p])
        tabel = (
            "Bron: Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening, 2025 — Tabel "
            "'Aanmeldingen bij IJmond Werkt! / Bijstand uitkering (excl. AOW)'"
        )
        assert formatting.md_escape(f"{tabel} — peildatum 30-06-2022") in regels, p  # bijstand: latest peildatum
        assert formatting.md_escape(f"{tabel} — peildatum 31-12-2021") in regels, p  # participanten: latest full year


def test_the_aanmeldingen_sentence_says_why_its_uitkeringen_differ(app_env):
    """The Aanmeldingen sentence compares the uitkeringen on the participanten's peildata (2.970 →
    2.840) and names them; the kerncijfer on the same page is the Overzicht's 2.800."""
    at = run_page("pages/aanmeldingen.py")
    no_exception(at)
    text = markdown_text(at)
    assert "Op dezelfde peildata (31-12-2015 en 31-12-2021)" in text and "van 2.970 naar 2.840 (-4,4%)" in text
    assert {m.label: m.value for m in at.metric}["Bijstandsuitkeringen IJmond"] == "2.800"


def _boodschap(at) -> str:
    [p] = [m.value for m in at.markdown if m.value.startswith("<p class='ijw-boodschap'>")]
    return p


def test_the_overzicht_headline_changes_when_imported_figures_change_direction(fresh_store_url, monkeypatch):
    """Import participanten that rise year on year: the headline no longer says fewer inwoners
    come in, and says by how much they rose; undo the import and the old headline is back."""
    from tests.conftest import ROOT

    monkeypatch.setenv("DATABASE_URL", fresh_store_url)
    monkeypatch.chdir(ROOT)
    at = run_page()
    no_exception(at)
    oud = _boodschap(at)
    assert "terwijl steeds minder inwoners bij IJmond Werkt! instroomden (-72,0%)" in oud

    stijgend = "peildatum,aantal,periode,bron\n" + "".join(
        f"{jaar}-12-31,{aantal},jaar,rv2025_tabel\n"
        for jaar, aantal in zip(range(2015, 2022), (500, 600, 700, 800, 900, 1000, 1100), strict=True)
    )
    engine = db.create_engine(fresh_store_url)
    voorbeeld = importers.voorbereiden(engine, "participanten", "participanten.csv", stijgend.encode())
    assert voorbeeld.geldig, voorbeeld.problemen
    batch = importers.importeren(engine, voorbeeld, stijgend.encode(), "beheerder@test")

    at = run_page()
    no_exception(at)
    nieuw = _boodschap(at)
    assert nieuw != oud
    assert (
        "Het aantal bijstandsuitkeringen bleef sinds 2015 vrijwel gelijk (-5,7%), terwijl steeds meer inwoners "
        "bij IJmond Werkt! instroomden (+120,0%)."
    ) in nieuw
    assert {m.label: m.value for m in at.metric}["Participanten bij IJmond Werkt!"] == "1.100"

    importers.ongedaan_maken(engine, batch, "beheerder@test")
    engine.dispose()
    assert _boodschap(run_page()) == oud


@pytest.mark.parametrize("scenario,verwacht", [("Scenario 2", "Velsen: €\xa01.057.000"), ("Scenario 1", None)])
def test_frictiekosten_card_follows_the_scenario_choice(app_env, scenario, verwacht):
    at = run_page(query_params={"overzicht_scenario": scenario})
    no_exception(at)
    [kaart] = [m for m in at.metric if m.label.startswith("Frictiekosten")]
    assert (kaart.proto.delta or None) == verwacht
