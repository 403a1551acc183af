"""The source documents as data: a title and date for people, the file name as provenance.

bronnen.document refers to documenten.bestand (a catalog reference, checked like every other
reference on load, import and undo); migration 0004 gives an existing store its documents.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util

import pytest
import sqlalchemy as sa
from alembic import command

from ijmond_dash.analysis import woorden
from ijmond_dash.imports import importers
from ijmond_dash.store import db, models, queries
from tests.conftest import ROOT

DOC = (
    b"bestand,titel,soort,organisatie,jaar,datum,datering\n"
    b"hjr2024.pdf,Halfjaarrapportage IJmond Werkt! 2024,halfjaarrapportage,GR IJmond Werkt!,2024,2024-08-15,\n"
)
BRON = b"code,document,tabel,toelichting\nhjr2024_fasen,hjr2024.pdf,Fasen re-integratie,\n"


def _migratie_0004():
    pad = ROOT / "ijmond_dash" / "store" / "migrations" / "versions" / "0004_documenten.py"
    spec = importlib.util.spec_from_file_location("migratie_0004", pad)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_default_documents_are_the_migrations_and_every_bron_has_one():
    with open(ROOT / "data" / "documenten.csv", encoding="utf-8") as f:
        rijen = list(csv.DictReader(f))
    m = _migratie_0004()
    verwacht = [dict(zip(m.KOLOMMEN, r, strict=True)) for r in m.DOCUMENTEN]
    assert [
        {
            **r,
            "jaar": int(r["jaar"]),
            "datum": dt.date.fromisoformat(r["datum"]) if r["datum"] else None,
            "datering": r["datering"] or None,
        }
        for r in rijen
    ] == verwacht
    with open(ROOT / "data" / "bronnen.csv", encoding="utf-8") as f:
        bronnen = list(csv.DictReader(f))
    assert {r["document"] for r in bronnen} <= {r["bestand"] for r in rijen}
    # what the migration adds to an existing store is what a fresh store loads from data/
    assert {tuple(r.values()) for r in bronnen} >= set(m.NIEUWE_BRONNEN)
    with open(ROOT / "data" / "datakwaliteit.csv", encoding="utf-8") as f:
        notities = {tuple(r.values()) for r in csv.DictReader(f)}
    assert notities >= set(m.NIEUWE_NOTITIES)
    assert all(
        nieuw in {n[1] for n in notities} | {r["toelichting"] for r in bronnen} for *_, oud, nieuw in m.HERSCHREVEN
    )


def test_every_bron_reads_as_title_date_and_table(engine):
    index = woorden.bronnen_index(queries.lezer(engine))
    assert index["rv2025_omvang"] == (
        "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening, 2025",
        "Data medio 2024: Omvang",
    )
    assert index["hjr2023_fasen"][0] == "Raadsinformatie en Halfjaarrapportage IJmond Werkt! 2023"  # year in title
    assert index["po2011_begroting"][0] == "Projectopdracht Realisatie samenwerking Werkplein IJmond, 01-04-2011"
    assert index["cb2013"][0] == "Collegebericht 15 van 2013: Uitvoering IJmond Werkt! 2013, 12-02-2013"
    assert index["sessie2020"][0] == (
        "Sessie over de Jaarstukken, de begroting van en de opdracht aan IJmond Werkt!, 17-06-2020"
    )
    assert not [d for d, _ in index.values() if ".txt" in d]
    # one document with two tables is named once
    assert woorden.bronregel(index, ["rv2025_tabel", "rv2025_omvang", "rv2025_tabel"], "medio 2024") == (
        "Bron: Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening, 2025 — Tabel 'Aanmeldingen bij "
        "IJmond Werkt! / Bijstand uitkering (excl. AOW)'; Data medio 2024: Omvang — peildatum medio 2024"
    )


def test_a_bron_for_an_unknown_document_is_refused(fresh_engine):
    v = importers.voorbereiden(fresh_engine, "bronnen", "bronnen.csv", BRON)
    assert [(p.regel, p.melding) for p in v.problemen] == [
        ("onbekende document", "'hjr2024.pdf' in kolom 'document' is geen bekende document")
    ]


def test_a_new_document_then_its_bron_and_undo_in_order(fresh_engine):
    """A beheerder imports a new document and a bron that names it; the document cannot be
    undone while the bron still cites it; undone in order, the store is as before."""
    voor = queries.row_counts(fresh_engine)
    doc = importers.voorbereiden(fresh_engine, "documenten", "documenten.csv", DOC)
    assert doc.geldig, doc.problemen
    doc_id = importers.importeren(fresh_engine, doc, DOC, "beheerder@test")
    bron = importers.voorbereiden(fresh_engine, "bronnen", "bronnen.csv", BRON)
    assert bron.geldig, bron.problemen
    bron_id = importers.importeren(fresh_engine, bron, BRON, "beheerder@test")
    lees = queries.lezer(fresh_engine)
    assert woorden.bronnen_index(lees)["hjr2024_fasen"] == (
        "Halfjaarrapportage IJmond Werkt! 2024, 15-08-2024",
        "Fasen re-integratie",
    )

    with pytest.raises(importers.ImportFout, match="onbekende document"):
        importers.ongedaan_maken(fresh_engine, doc_id, "beheerder@test")
    assert queries.row_counts(fresh_engine)["documenten"] == voor["documenten"] + 1
    importers.ongedaan_maken(fresh_engine, bron_id, "beheerder@test")
    importers.ongedaan_maken(fresh_engine, doc_id, "beheerder@test")
    assert queries.row_counts(fresh_engine) == voor


def test_migration_0004_gives_an_existing_store_its_documents(stores):
    """A store with data at 0003 gets the five documents and, for a file its bronnen name that
    is not one of them, a row that says so; downgrading removes the table and keeps the bronnen."""
    engine = db.create_engine(stores.empty_url())
    command.upgrade(db.alembic_config(engine), "0003")
    m = _migratie_0004()
    bronnen = sa.table("bronnen", *[sa.column(c) for c in ("code", "document", "tabel", "toelichting")])
    dq = sa.table("datakwaliteit", *[sa.column(c) for c in ("dataset", "omschrijving", "bron")])
    [ocr_notitie, ocr_bron] = m.HERSCHREVEN
    with engine.begin() as conn:
        conn.execute(
            sa.insert(bronnen),
            [
                {"toelichting": None, **r}
                for r in (
                    {
                        "code": "rv2025_omvang",
                        "document": "002_1ffd1c96ac75314c.txt",
                        "tabel": "Data medio 2024: Omvang",
                    },
                    {
                        "code": "hjr2023_fasen_uitstroom",
                        "document": "004_659572f695ff6db4.txt",
                        "tabel": "Fasen",
                        "toelichting": ocr_bron[4],
                    },
                    {"code": "eigen", "document": "eigen_notitie.pdf", "tabel": "Tabel 1"},
                    *(
                        {"code": c, "document": d, "tabel": "t"}
                        for c, d in (
                            ("rv2025_tekst", "002_1ffd1c96ac75314c.txt"),
                            ("rv2025_duur", "002_1ffd1c96ac75314c.txt"),
                            ("sessie2020", "003_195c51f6f0fedba1.txt"),
                        )
                    ),
                )
            ],
        )
        conn.execute(
            sa.insert(dq),
            [{"dataset": "fasen_uitstroom", "omschrijving": ocr_notitie[4], "bron": "hjr2023_fasen_uitstroom"}],
        )
    db.upgrade(engine)
    # the notes of issue 14 and their bronnen; "OCR" in plain Dutch
    notities = queries.dataset(engine, "datakwaliteit")
    assert set(notities["omschrijving"]) == {ocr_notitie[5], *(n[1] for n in m.NIEUWE_NOTITIES)}
    assert queries.bronnen(engine).set_index("code").at["hjr2023_fasen_uitstroom", "toelichting"] == ocr_bron[5]
    docs = queries.documenten(engine).set_index("bestand")
    assert len(docs) == 6
    assert docs.at["002_1ffd1c96ac75314c.txt", "titel"] == (
        "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening"
    )
    assert docs.at["001_084ae08efa3da19d.txt", "datum"] == dt.date(2011, 4, 1)
    assert docs.at["eigen_notitie.pdf", "titel"] == "Document eigen_notitie.pdf (titel nog niet vastgelegd)"
    assert set(queries.bronnen(engine)["code"]) == {  # every bron keeps a document
        "rv2025_omvang",
        "hjr2023_fasen_uitstroom",
        "eigen",
        "rv2025_tekst",
        "rv2025_duur",
        "sessie2020",
        *(b[0] for b in m.NIEUWE_BRONNEN),
    }
    command.downgrade(db.alembic_config(engine), "0003")
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("documenten")
        assert conn.execute(sa.select(sa.func.count()).select_from(bronnen)).scalar_one() == 6
        assert list(conn.execute(sa.select(dq.c.omschrijving)).scalars()) == [ocr_notitie[4]]
    engine.dispose()


def test_an_empty_store_gets_its_documents_from_the_data_folder(stores):
    engine = db.create_engine(stores.loaded_url())
    assert len(queries.documenten(engine)) == 5
    with engine.connect() as conn:
        assert (
            conn.execute(
                sa.select(sa.func.count())
                .select_from(models.DATASET_TABLES["documenten"])
                .where(models.DATASET_TABLES["documenten"].c.import_batch_id.is_(None))
            ).scalar_one()
            == 5
        )
    engine.dispose()
