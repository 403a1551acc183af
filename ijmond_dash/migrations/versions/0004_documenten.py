"""documenten: the source documents by title, kind, organisation and date; bronnen.document refers to them

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

A person reads a document's title and date, never its file name; the file name stays the key
(provenance). A store that already holds data gets the five documents of the default dataset
(frozen here, as they were when this migration was written) and, for any other file name its
bronnen name, a row that says its title is not yet recorded, so every bron keeps a document.
An empty store gets its documents from data/documenten.csv when the default dataset is loaded.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

DOCUMENTEN = [
    ("000_4860c6c2863b30ab.txt", "Collegebericht 15 van 2013: Uitvoering IJmond Werkt! 2013",
     "collegebericht aan de raad", "College van burgemeester en wethouders van Velsen", 2013, dt.date(2013, 2, 12),
     "'Datum vergadering 12 februari 2013'"),
    ("001_084ae08efa3da19d.txt", "Projectopdracht Realisatie samenwerking Werkplein IJmond", "projectopdracht",
     "Stuurgroep Werkplein IJmond", 2011, dt.date(2011, 4, 1), "'Versie: Definitief 1 april 2011'"),
    ("002_1ffd1c96ac75314c.txt", "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening",
     "raadsvoorstel", "College van burgemeester en wethouders van Velsen", 2025, None,
     "Het voorstel noemt zelf geen datum. Het is van 2025: het noemt de beeldvormende sessie 'van 10 april 2025', "
     "de memo van MT en OR van IJW 'van 26 maart 2025' en een transitieplan 'in de 2e helft van 2025'."),
    ("003_195c51f6f0fedba1.txt", "Sessie over de Jaarstukken, de begroting van en de opdracht aan IJmond Werkt!",
     "verslag van een raadssessie", "Velsen Lokaal", 2020, dt.date(2020, 6, 17),
     "'Vanavond 17 juni 2020 startte de sessie'"),
    ("004_659572f695ff6db4.txt", "Raadsinformatie en Halfjaarrapportage IJmond Werkt! 2023",
     "raadsinformatie met de halfjaarrapportage als bijlage",
     "GR IJmond Werkt! (rapportage), aangeboden door het college", 2023, None,
     "De raadsinformatie noemt zelf geen datum. Het dagelijks bestuur leverde de halfjaarrapportage 'op 10 augustus "
     "2023' aan de colleges; de raadsinformatie noemt een verbeterplan dat 'op 1 september jl.' met de gemeenten is "
     "gedeeld, en is dus van na 1 september 2023."),
]
KOLOMMEN = ("bestand", "titel", "soort", "organisatie", "jaar", "datum", "datering")


def upgrade() -> None:
    op.create_table('documenten',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bestand', sa.String(length=200), nullable=False,
              comment='Bestandsnaam van de tekst van het document (herkomst)'),
    sa.Column('titel', sa.Text(), nullable=False, comment='Titel van het document'),
    sa.Column('soort', sa.String(length=200), nullable=False, comment='Soort document (raadsvoorstel, rapportage, ...)'),
    sa.Column('organisatie', sa.String(length=200), nullable=False, comment='Van wie het document is'),
    sa.Column('jaar', sa.BigInteger(), nullable=True, comment='Jaar van het document (leeg: onbekend)'),
    sa.Column('datum', sa.Date(), nullable=True,
              comment='Datum van het document; leeg als het document er zelf geen noemt'),
    sa.Column('datering', sa.Text(), nullable=True, comment='Waar de datum op berust: de woorden van het document'),
    sa.Column('import_batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batch.id'],
                            name=op.f('fk_documenten_import_batch_id_import_batch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documenten')),
    sa.UniqueConstraint('bestand', name='uq_documenten_sleutel'),
    comment='Brondocumenten'
    )
    with op.batch_alter_table('bronnen', schema=None) as batch_op:
        batch_op.alter_column('document', existing_type=sa.String(length=200), existing_nullable=False,
                              comment='Het brondocument (zie brondocumenten)',
                              existing_comment='Bestandsnaam van het brondocument')
    with op.batch_alter_table('uitkeringen', schema=None) as batch_op:
        batch_op.alter_column('definitie', existing_type=sa.String(length=200), existing_nullable=False,
                              comment='Bijstand excl. AOW (CBS) of uitkeringen P-wet in personen (medio 2024)',
                              existing_comment='bijstand_excl_aow (CBS) of pwet_personen (medio 2024)')

    conn = op.get_bind()
    bronnen = sa.table('bronnen', sa.column('document', sa.String))
    in_gebruik = set(conn.execute(sa.select(bronnen.c.document).distinct()).scalars())
    if not in_gebruik:
        return  # an empty store: the default dataset brings data/documenten.csv
    documenten = sa.table('documenten', *[sa.column(k) for k in KOLOMMEN])
    rijen = [dict(zip(KOLOMMEN, r, strict=True)) for r in DOCUMENTEN]
    bekend = {r["bestand"] for r in rijen}
    rijen += [{"bestand": b, "titel": f"Document {b} (titel nog niet vastgelegd)", "soort": "onbekend",
               "organisatie": "onbekend", "jaar": None, "datum": None, "datering": None}
              for b in sorted(in_gebruik - bekend)]
    op.bulk_insert(documenten, rijen)
    # every cache keyed on the store version sees the new table
    conn.execute(sa.text("UPDATE store_meta SET waarde = waarde + 1 WHERE sleutel = 'versie'"))


def downgrade() -> None:
    with op.batch_alter_table('uitkeringen', schema=None) as batch_op:
        batch_op.alter_column('definitie', existing_type=sa.String(length=200), existing_nullable=False,
                              comment='bijstand_excl_aow (CBS) of pwet_personen (medio 2024)',
                              existing_comment='Bijstand excl. AOW (CBS) of uitkeringen P-wet in personen (medio 2024)')
    with op.batch_alter_table('bronnen', schema=None) as batch_op:
        batch_op.alter_column('document', existing_type=sa.String(length=200), existing_nullable=False,
                              comment='Bestandsnaam van het brondocument',
                              existing_comment='Het brondocument (zie brondocumenten)')
    op.drop_table('documenten')
