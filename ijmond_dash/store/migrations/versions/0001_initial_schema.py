"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "datakwaliteit_berekend",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=100), nullable=False),
        sa.Column("regel", sa.Text(), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("verschil", sa.BigInteger(), nullable=True),
        sa.Column("bron", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_datakwaliteit_berekend")),
    )
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=100), nullable=False),
        sa.Column("bestandsnaam", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("gebruiker", sa.String(length=300), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rijen_toegevoegd", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rijen_gewijzigd", sa.Integer(), server_default="0", nullable=False),
        sa.Column("ongedaan_gemaakt_op", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    op.create_table(
        "store_meta",
        sa.Column("sleutel", sa.String(length=50), nullable=False),
        sa.Column("waarde", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_store_meta")),
    )
    op.create_table(
        "begroting_2011",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("onderdeel", sa.String(length=200), nullable=False, comment="kosten of financiering"),
        sa.Column("volgorde", sa.BigInteger(), nullable=False, comment="Volgorde"),
        sa.Column("post", sa.String(length=200), nullable=False, comment="Begrotingspost"),
        sa.Column("bedrag_per_jaar", sa.BigInteger(), nullable=False, comment="Bedrag per jaar"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_begroting_2011_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_begroting_2011")),
        sa.UniqueConstraint("onderdeel", "post", name="uq_begroting_2011_sleutel"),
        comment="Begroting samenwerking Werkplein IJmond 2011-2012",
    )
    op.create_table(
        "beschut_dienstverbanden",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="Peildatum"),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Gemeente of regio (CBS-code of regiocode)"),
        sa.Column("aantal", sa.BigInteger(), nullable=False, comment="Aantal dienstverbanden"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_beschut_dienstverbanden_import_batch_id_import_batch"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beschut_dienstverbanden")),
        sa.UniqueConstraint("peildatum", "gebied", name="uq_beschut_dienstverbanden_sleutel"),
        comment="Beschut Werk: dienstverbanden per gemeente",
    )
    op.create_table(
        "bronnen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False, comment="Code van de bron"),
        sa.Column("document", sa.String(length=200), nullable=False, comment="Bestandsnaam van het brondocument"),
        sa.Column("tabel", sa.Text(), nullable=False, comment="Tabel of paragraaf in het document"),
        sa.Column("toelichting", sa.Text(), nullable=True, comment="Toelichting"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_bronnen_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bronnen")),
        sa.UniqueConstraint("code", name="uq_bronnen_sleutel"),
        comment="Bronnen",
    )
    op.create_table(
        "datakwaliteit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=200), nullable=False, comment="Dataset waar de notitie bij hoort"),
        sa.Column("omschrijving", sa.Text(), nullable=False, comment="Notitie"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_datakwaliteit_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_datakwaliteit")),
        sa.UniqueConstraint("dataset", "omschrijving", name="uq_datakwaliteit_sleutel"),
        comment="Datakwaliteit: notities bij de bronnen",
    )
    op.create_table(
        "fasen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_begin", sa.Date(), nullable=False, comment="Begin van de verslagperiode"),
        sa.Column("periode_eind", sa.Date(), nullable=False, comment="Einde van de verslagperiode"),
        sa.Column("fase", sa.String(length=200), nullable=False, comment="Fase van het re-integratietraject"),
        sa.Column("stand_begin", sa.BigInteger(), nullable=False, comment="Stand aan het begin van de periode"),
        sa.Column("bij", sa.BigInteger(), nullable=False, comment="Instroom in de fase"),
        sa.Column("af", sa.BigInteger(), nullable=False, comment="Uitstroom uit de fase"),
        sa.Column("stand_eind", sa.BigInteger(), nullable=False, comment="Stand aan het einde van de periode"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_fasen_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fasen")),
        sa.UniqueConstraint("periode_begin", "periode_eind", "fase", name="uq_fasen_sleutel"),
        comment="Fasen re-integratie",
    )
    op.create_table(
        "fasen_uitstroom",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_begin", sa.Date(), nullable=False, comment="Begin van de verslagperiode"),
        sa.Column("periode_eind", sa.Date(), nullable=False, comment="Einde van de verslagperiode"),
        sa.Column("fase", sa.String(length=200), nullable=False, comment="Fase"),
        sa.Column("reden", sa.String(length=200), nullable=False, comment="Reden van uitstroom"),
        sa.Column("aantal", sa.BigInteger(), nullable=False, comment="Aantal"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_fasen_uitstroom_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fasen_uitstroom")),
        sa.UniqueConstraint("periode_begin", "periode_eind", "fase", "reden", name="uq_fasen_uitstroom_sleutel"),
        comment="Uitstroom uit de fasen naar reden",
    )
    op.create_table(
        "financien",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_begin", sa.Date(), nullable=False, comment="Begin van de verslagperiode"),
        sa.Column("periode_eind", sa.Date(), nullable=False, comment="Einde van de verslagperiode"),
        sa.Column("volgorde", sa.BigInteger(), nullable=False, comment="Volgorde in de tabel"),
        sa.Column("regel", sa.String(length=200), nullable=False, comment="Programma of regel"),
        sa.Column("soort", sa.String(length=200), nullable=False, comment="programma, saldo, reserve of resultaat"),
        sa.Column("baten", sa.BigInteger(), nullable=False, comment="Baten"),
        sa.Column("lasten", sa.BigInteger(), nullable=False, comment="Lasten"),
        sa.Column("saldo", sa.BigInteger(), nullable=False, comment="Saldo"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_financien_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_financien")),
        sa.UniqueConstraint("periode_begin", "periode_eind", "regel", name="uq_financien_sleutel"),
        comment="Financieel overzicht per programma",
    )
    op.create_table(
        "frictiekosten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario", sa.BigInteger(), nullable=False, comment="Scenarionummer"),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Gemeente of regio (CBS-code of regiocode)"),
        sa.Column("jaar", sa.BigInteger(), nullable=True, comment="Jaar (leeg: alle jaren samen)"),
        sa.Column("bedrag", sa.BigInteger(), nullable=False, comment="Bedrag"),
        sa.Column(
            "benadering", sa.String(length=200), nullable=False, comment="Hoe precies het document het bedrag noemt"
        ),
        sa.Column("omschrijving", sa.Text(), nullable=False, comment="Omschrijving"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_frictiekosten_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frictiekosten")),
        sa.UniqueConstraint("scenario", "gebied", "jaar", name="uq_frictiekosten_sleutel"),
        comment="Herontwerp: frictiekosten",
    )
    op.create_table(
        "gebied_leden",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regio", sa.String(length=200), nullable=False, comment="Regiocode"),
        sa.Column("gemeente", sa.String(length=200), nullable=False, comment="CBS-gemeentecode"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_gebied_leden_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gebied_leden")),
        sa.UniqueConstraint("regio", "gemeente", name="uq_gebied_leden_sleutel"),
        comment="Samenstelling regio's",
    )
    op.create_table(
        "gebieden",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False, comment="CBS-gemeentecode of regiocode"),
        sa.Column("naam", sa.String(length=200), nullable=False, comment="Naam"),
        sa.Column("soort", sa.String(length=200), nullable=False, comment="gemeente of regio"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_gebieden_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gebieden")),
        sa.UniqueConstraint("code", name="uq_gebieden_sleutel"),
        comment="Gemeenten en regio's",
    )
    op.create_table(
        "in_traject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="Peildatum"),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Gemeente of regio (CBS-code of regiocode)"),
        sa.Column("aantal", sa.BigInteger(), nullable=False, comment="Aantal in traject"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_in_traject_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_in_traject")),
        sa.UniqueConstraint("peildatum", "gebied", name="uq_in_traject_sleutel"),
        comment="In lopend traject bij IJmond Werkt!",
    )
    op.create_table(
        "inwoners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="Peildatum"),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Gemeente of regio (CBS-code of regiocode)"),
        sa.Column("aantal", sa.BigInteger(), nullable=False, comment="Aantal inwoners"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_inwoners_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inwoners")),
        sa.UniqueConstraint("peildatum", "gebied", name="uq_inwoners_sleutel"),
        comment="Inwoners",
    )
    op.create_table(
        "kengetallen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False, comment="Code"),
        sa.Column("omschrijving", sa.Text(), nullable=False, comment="Omschrijving"),
        sa.Column("waarde", sa.BigInteger(), nullable=False, comment="Waarde"),
        sa.Column("eenheid", sa.String(length=200), nullable=False, comment="Eenheid"),
        sa.Column(
            "periode",
            sa.String(length=200),
            nullable=False,
            comment="Periode of peildatum zoals het document die noemt",
        ),
        sa.Column(
            "benadering", sa.String(length=200), nullable=False, comment="Hoe precies het document het cijfer noemt"
        ),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("toelichting", sa.Text(), nullable=True, comment="Toelichting"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_kengetallen_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kengetallen")),
        sa.UniqueConstraint("code", name="uq_kengetallen_sleutel"),
        comment="Losse kengetallen",
    )
    op.create_table(
        "kostenverdeling_2011",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Gemeente of regio (CBS-code of regiocode)"),
        sa.Column("bedrag_per_jaar", sa.BigInteger(), nullable=False, comment="Bedrag per jaar"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_kostenverdeling_2011_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kostenverdeling_2011")),
        sa.UniqueConstraint("gebied", name="uq_kostenverdeling_2011_sleutel"),
        comment="Verdeling kosten 2011 naar inwoners",
    )
    op.create_table(
        "participanten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="Peildatum"),
        sa.Column("aantal", sa.BigInteger(), nullable=False, comment="Aantal participanten"),
        sa.Column("periode", sa.String(length=200), nullable=False, comment="jaar of halfjaar"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_participanten_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participanten")),
        sa.UniqueConstraint("peildatum", name="uq_participanten_sleutel"),
        comment="Participanten (aanmeldingen) bij IJmond Werkt!",
    )
    op.create_table(
        "percentages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="Peildatum"),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Gemeente of regio (CBS-code of regiocode)"),
        sa.Column("kengetal", sa.String(length=200), nullable=False, comment="Welk percentage"),
        sa.Column("percentage", sa.Numeric(precision=9, scale=2), nullable=False, comment="Percentage (2 decimalen)"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_percentages_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_percentages")),
        sa.UniqueConstraint("peildatum", "gebied", "kengetal", name="uq_percentages_sleutel"),
        comment="Percentages uit de documenten",
    )
    op.create_table(
        "samenwerking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente", sa.String(length=200), nullable=False, comment="CBS-gemeentecode"),
        sa.Column("samenwerking", sa.String(length=200), nullable=False, comment="Samenwerkingsverband"),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="Datum van het document dat de deelname noemt"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_samenwerking_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_samenwerking")),
        sa.UniqueConstraint("gemeente", "samenwerking", "peildatum", name="uq_samenwerking_sleutel"),
        comment="Deelname aan samenwerkingsverbanden",
    )
    op.create_table(
        "scenario_argumenten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario", sa.BigInteger(), nullable=False, comment="Scenarionummer"),
        sa.Column("soort", sa.String(length=200), nullable=False, comment="voordeel of nadeel"),
        sa.Column("volgorde", sa.BigInteger(), nullable=False, comment="Volgorde"),
        sa.Column("tekst", sa.Text(), nullable=False, comment="Tekst"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_scenario_argumenten_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenario_argumenten")),
        sa.UniqueConstraint("scenario", "soort", "volgorde", name="uq_scenario_argumenten_sleutel"),
        comment="Herontwerp: voor- en nadelen",
    )
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nr", sa.BigInteger(), nullable=False, comment="Scenarionummer"),
        sa.Column("naam", sa.String(length=200), nullable=False, comment="Naam"),
        sa.Column("beschrijving", sa.Text(), nullable=False, comment="Beschrijving"),
        sa.Column("ingangsdatum", sa.Date(), nullable=True, comment="Ingangsdatum volgens het raadsvoorstel"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_scenarios_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenarios")),
        sa.UniqueConstraint("nr", name="uq_scenarios_sleutel"),
        comment="Herontwerp: scenario's",
    )
    op.create_table(
        "trajectevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_pseudoniem", sa.String(length=64), nullable=False),
        sa.Column("gebied", sa.String(length=20), nullable=False),
        sa.Column("fase", sa.String(length=100), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("uitstroomreden", sa.String(length=100), nullable=True),
        sa.Column("synthetisch", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_trajectevent_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trajectevent")),
    )
    with op.batch_alter_table("trajectevent", schema=None) as batch_op:
        batch_op.create_index("ix_trajectevent_client_start", ["client_pseudoniem", "startdatum", "id"], unique=False)
        batch_op.create_index("ix_trajectevent_gebied_start", ["gebied", "startdatum"], unique=False)

    op.create_table(
        "uitkeringen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="Peildatum"),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Gemeente of regio (CBS-code of regiocode)"),
        sa.Column(
            "definitie",
            sa.String(length=200),
            nullable=False,
            comment="bijstand_excl_aow (CBS) of pwet_personen (medio 2024)",
        ),
        sa.Column("aantal", sa.BigInteger(), nullable=False, comment="Aantal uitkeringen"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_uitkeringen_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uitkeringen")),
        sa.UniqueConstraint("peildatum", "gebied", "definitie", name="uq_uitkeringen_sleutel"),
        comment="Uitkeringen per gemeente",
    )
    op.create_table(
        "uitsplitsing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="Peildatum"),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Gemeente of regio (CBS-code of regiocode)"),
        sa.Column("dimensie", sa.String(length=200), nullable=False, comment="leeftijd of duur"),
        sa.Column("categorie", sa.String(length=200), nullable=False, comment="Leeftijdsklasse of duurklasse"),
        sa.Column("volgorde", sa.BigInteger(), nullable=False, comment="Volgorde van de categorie"),
        sa.Column("aantal", sa.BigInteger(), nullable=False, comment="Aantal uitkeringen"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_uitsplitsing_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uitsplitsing")),
        sa.UniqueConstraint("peildatum", "gebied", "dimensie", "categorie", name="uq_uitsplitsing_sleutel"),
        comment="Uitkeringen naar leeftijd en duur",
    )
    op.create_table(
        "uitstroom",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_begin", sa.Date(), nullable=False, comment="Begin van de verslagperiode"),
        sa.Column("periode_eind", sa.Date(), nullable=False, comment="Einde van de verslagperiode"),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Gemeente of regio (CBS-code of regiocode)"),
        sa.Column("soort", sa.String(length=200), nullable=False, comment="Soort uitstroom"),
        sa.Column("aantal", sa.BigInteger(), nullable=False, comment="Aantal inwoners"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_uitstroom_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uitstroom")),
        sa.UniqueConstraint("periode_begin", "periode_eind", "gebied", "soort", name="uq_uitstroom_sleutel"),
        comment="Uitstroom uit re-integratie per gemeente",
    )
    op.create_table(
        "wsp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_begin", sa.Date(), nullable=False, comment="Begin van de verslagperiode"),
        sa.Column("periode_eind", sa.Date(), nullable=False, comment="Einde van de verslagperiode"),
        sa.Column("indicator", sa.String(length=200), nullable=False, comment="Indicator"),
        sa.Column("volgorde", sa.BigInteger(), nullable=False, comment="Volgorde"),
        sa.Column("realisatie", sa.BigInteger(), nullable=False, comment="Realisatie"),
        sa.Column("afspraak", sa.BigInteger(), nullable=False, comment="Afspraak"),
        sa.Column("percentage", sa.BigInteger(), nullable=False, comment="Realisatie als percentage van de afspraak"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_wsp_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wsp")),
        sa.UniqueConstraint("periode_begin", "periode_eind", "indicator", name="uq_wsp_sleutel"),
        comment="WerkgeversServicepunt: realisatie en afspraak",
    )
    op.create_table(
        "wsw_beschut",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="Peildatum"),
        sa.Column("gebied", sa.String(length=200), nullable=False, comment="Regio"),
        sa.Column("soort", sa.String(length=200), nullable=False, comment="wsw, beschut of totaal"),
        sa.Column("aantal", sa.BigInteger(), nullable=False, comment="Aantal"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_wsw_beschut_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wsw_beschut")),
        sa.UniqueConstraint("peildatum", "gebied", "soort", name="uq_wsw_beschut_sleutel"),
        comment="Wsw en Beschut Werk: IJmond en Zuid-Kennemerland",
    )
    op.create_table(
        "ziekteverzuim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_begin", sa.Date(), nullable=False, comment="Begin van de verslagperiode"),
        sa.Column("periode_eind", sa.Date(), nullable=False, comment="Einde van de verslagperiode"),
        sa.Column("groep", sa.String(length=200), nullable=False, comment="sw, beschut of ambtelijk"),
        sa.Column("realisatie", sa.Numeric(precision=9, scale=2), nullable=False, comment="Gerealiseerd verzuim"),
        sa.Column("target", sa.Numeric(precision=9, scale=2), nullable=False, comment="Target"),
        sa.Column("afwijking", sa.Numeric(precision=9, scale=2), nullable=False, comment="Afwijking t.o.v. target"),
        sa.Column("landelijk", sa.Numeric(precision=9, scale=2), nullable=True, comment="Landelijk cijfer"),
        sa.Column("bron", sa.String(length=200), nullable=False, comment="Bron: document en tabel (zie bronnen)"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_ziekteverzuim_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ziekteverzuim")),
        sa.UniqueConstraint("periode_begin", "periode_eind", "groep", name="uq_ziekteverzuim_sleutel"),
        comment="Ziekteverzuim",
    )


def downgrade() -> None:

    op.drop_table("ziekteverzuim")
    op.drop_table("wsw_beschut")
    op.drop_table("wsp")
    op.drop_table("uitstroom")
    op.drop_table("uitsplitsing")
    op.drop_table("uitkeringen")
    with op.batch_alter_table("trajectevent", schema=None) as batch_op:
        batch_op.drop_index("ix_trajectevent_gebied_start")
        batch_op.drop_index("ix_trajectevent_client_start")

    op.drop_table("trajectevent")
    op.drop_table("scenarios")
    op.drop_table("scenario_argumenten")
    op.drop_table("samenwerking")
    op.drop_table("percentages")
    op.drop_table("participanten")
    op.drop_table("kostenverdeling_2011")
    op.drop_table("kengetallen")
    op.drop_table("inwoners")
    op.drop_table("in_traject")
    op.drop_table("gebieden")
    op.drop_table("gebied_leden")
    op.drop_table("frictiekosten")
    op.drop_table("financien")
    op.drop_table("fasen_uitstroom")
    op.drop_table("fasen")
    op.drop_table("datakwaliteit")
    op.drop_table("bronnen")
    op.drop_table("beschut_dienstverbanden")
    op.drop_table("begroting_2011")
    op.drop_table("store_meta")
    op.drop_table("import_batch")
    op.drop_table("datakwaliteit_berekend")
