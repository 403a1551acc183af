"""The tables of the store, built from the catalog plus a few operational tables.

Dataset tables have a surrogate ``id``, the catalog's columns, a unique constraint on the
catalog key and a nullable ``import_batch_id`` that says which import wrote the row (empty
for the default dataset). Alembic migrations in ``migrations/versions`` are the frozen
history of this schema; ``tests/unit/test_migrations.py`` fails when they drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.schema import SchemaItem

from ijmond_dash import limieten
from ijmond_dash.store import catalog

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

# Column types from the limits the preview checks (``limieten``): what it accepts fits.
_TYPES: dict[str, Callable[[], Any]] = {
    "str": lambda: sa.String(limieten.TEKST_MAX),
    "text": lambda: sa.Text(),
    "int": lambda: sa.BigInteger(),
    "date": lambda: sa.Date(),
    "decimal": lambda: sa.Numeric(limieten.DECIMAAL_CIJFERS, limieten.DECIMAAL_DECIMALEN),
    "bool": lambda: sa.Boolean(),
}

import_batch = sa.Table(
    "import_batch",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("dataset", sa.String(100), nullable=False),
    sa.Column("bestandsnaam", sa.String(300), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("gebruiker", sa.String(300), nullable=False),
    sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
    sa.Column("rijen_toegevoegd", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rijen_gewijzigd", sa.Integer, nullable=False, server_default="0"),
    sa.Column("ongedaan_gemaakt_op", sa.DateTime(timezone=True), nullable=True),
    sa.Column("ongedaan_gemaakt_door", sa.String(300), nullable=True),
)

# What an import did to each row, so the whole import can be undone: 'toegevoegd' rows are
# deleted again, 'gewijzigd' rows get their previous values (JSON) and import back.
import_wijziging = sa.Table(
    "import_wijziging",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("import_batch_id", sa.Integer, sa.ForeignKey("import_batch.id"), nullable=False),
    sa.Column("dataset", sa.String(100), nullable=False),
    sa.Column("rij_id", sa.Integer, nullable=False),
    sa.Column("soort", sa.String(20), nullable=False),
    sa.Column("oude_waarden", sa.Text, nullable=True),
    sa.Column("oude_import_batch_id", sa.Integer, nullable=True),
    sa.Index("ix_import_wijziging_batch", "import_batch_id"),
)


def _dataset_table(ds: catalog.Dataset) -> sa.Table:
    cols: list[SchemaItem] = [sa.Column("id", sa.Integer, primary_key=True)]
    for c in ds.columns:
        cols.append(sa.Column(c.name, _TYPES[c.kind](), nullable=c.nullable, comment=c.description))
    cols.append(sa.Column("import_batch_id", sa.Integer, sa.ForeignKey("import_batch.id"), nullable=True))
    cols.append(sa.UniqueConstraint(*ds.key, name=f"uq_{ds.name}_sleutel"))
    return sa.Table(ds.name, metadata, *cols, comment=ds.title)


DATASET_TABLES: dict[str, sa.Table] = {ds.name: _dataset_table(ds) for ds in catalog.DATASETS}

# Differences between a total and its parts found while loading (rules in mode 'notitie').
datakwaliteit_berekend = sa.Table(
    "datakwaliteit_berekend",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("dataset", sa.String(100), nullable=False),
    sa.Column("regel", sa.Text, nullable=False),
    sa.Column("omschrijving", sa.Text, nullable=False),
    sa.Column("verschil", sa.BigInteger, nullable=True),
    sa.Column("bron", sa.String(200), nullable=True),
)

# One row 'versie': bumped in every write transaction, so caches know the store changed.
store_meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("sleutel", sa.String(50), primary_key=True),
    sa.Column("waarde", sa.BigInteger, nullable=False),
)

# Pseudonymised trajectory events: one row per client per fase.
trajectevent = sa.Table(
    "trajectevent",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("client_pseudoniem", sa.String(limieten.PSEUDONIEM_MAX), nullable=False),
    sa.Column("gebied", sa.String(20), nullable=False),
    sa.Column("fase", sa.String(100), nullable=False),
    sa.Column("startdatum", sa.Date, nullable=False),
    sa.Column("einddatum", sa.Date, nullable=True),
    sa.Column("uitstroomreden", sa.String(100), nullable=True),
    sa.Column("synthetisch", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("import_batch_id", sa.Integer, sa.ForeignKey("import_batch.id"), nullable=True),
    # The neighbours of this event among the same client's events of the same kind (synthetisch),
    # in the order (startdatum, id); written by trajecten.buren_bijwerken whenever events are
    # added or removed, so queries.fase_overgangen is one GROUP BY without a window function.
    # vorige_uit: NULL = no earlier fase, 0 = the previous fase ended without uitstroomreden, 1 = with one
    sa.Column("vorige_uit", sa.SmallInteger, nullable=True),
    sa.Column("volgende_fase", sa.String(100), nullable=True),  # NULL = no later fase
    sa.Column("volgende_start", sa.Date, nullable=True),
    # (client, startdatum, id) is the window order of trajecten.buren_bijwerken (no sort needed),
    # and the importer looks up a file's clients by it
    sa.Index("ix_trajectevent_client_start", "client_pseudoniem", "startdatum", "id"),
    sa.Index("ix_trajectevent_gebied_start", "gebied", "startdatum"),
)

# Sessies: an ordered list of views (a page and its URL settings) with a note for the presenter
# (ijmond_dash/store/sessies.py). Not data from the documents: the dashboard's own configuration.
sessies = sa.Table(
    "sessies",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("naam", sa.String(50), nullable=False, comment="Naam in de link (?sessie=<naam>)"),
    sa.Column("titel", sa.String(200), nullable=False, comment="Titel die mensen lezen"),
    sa.UniqueConstraint("naam", name="uq_sessies_naam"),
    comment="Sessies: rondgangen langs vaste weergaven",
)

sessie_stappen = sa.Table(
    "sessie_stappen",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sessie_id", sa.Integer, sa.ForeignKey("sessies.id", ondelete="CASCADE"), nullable=False),
    sa.Column("volgorde", sa.Integer, nullable=False, comment="1, 2, 3, ... binnen de sessie"),
    sa.Column("pagina", sa.String(50), nullable=False, comment="Sleutel van de pagina (ui.PAGES)"),
    sa.Column(
        "parameters",
        sa.Text,
        nullable=False,
        server_default="",
        comment="Instellingen van de weergave, zoals in de link (a=1&b=2)",
    ),
    sa.Column("titel", sa.String(200), nullable=False, comment="Titel van de stap"),
    sa.Column("notitie", sa.Text, nullable=False, server_default="", comment="Notitie voor de presentator"),
    sa.Index("ix_sessie_stappen_sessie", "sessie_id", "volgorde"),
    comment="Stappen van een sessie",
)

# Who changed which sessie when (the sessies' audit log, as import_batch is the imports').
sessie_wijziging = sa.Table(
    "sessie_wijziging",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sessie", sa.String(50), nullable=False),
    sa.Column("actie", sa.String(50), nullable=False),
    sa.Column("omschrijving", sa.Text, nullable=False),
    sa.Column("gebruiker", sa.String(300), nullable=False),
    sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
)
