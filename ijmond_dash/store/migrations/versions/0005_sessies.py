"""sessies: ordered views of the dashboard with a presenter's note, and their audit log

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

A sessie is a list of deep links (page + URL settings) walked through with Vorige/Volgende
(ijmond_dash/store/sessies.py). A store that already holds data gets the default dataset's sessie
'standaard' (frozen here as it was when this migration was written; tests/unit/test_sessies.py
checks it against data/sessies.csv); an empty store gets it from data/ with the default dataset.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

STANDAARD = ("standaard", "Standaard rondgang")
STAPPEN = [  # volgorde, pagina, parameters, titel, notitie
    (
        1,
        "overzicht",
        "",
        "Overzicht",
        "Begin bij de zin bovenaan: die vat samen wat de cijfers nu laten zien. Wijs daarna de kaarten aan (uitkeringen, in traject bij IJmond Werkt!, participanten, frictiekosten, uitstroom naar werk); onder elk cijfer staan het document en de peildatum. De grafiek onderaan zet uitkeringen en participanten als index naast elkaar.",
    ),
    (
        2,
        "uitkeringen",
        "",
        "Uitkeringen per gemeente",
        "Volg de lijnen per gemeente (bijstand volgens het CBS). Wijs op de breuk in de definitie: het cijfer van medio 2024 telt uitkeringen Participatiewet en staat als aparte reeks. Noem per 1.000 inwoners 'geschat' waar de inwoners geschat zijn, en laat onderaan het bereik van IJmond Werkt! zien.",
    ),
    (
        3,
        "aanmeldingen",
        "",
        "Aanmeldingen-trend",
        "Leg de participanten naast de uitkeringen; de zin boven de grafiek zegt in woorden hoe de trend loopt. Het halve jaar 2022 is gemarkeerd. Wie vraagt hoe de trend is berekend: onder 'Hoe berekend?'.",
    ),
    (
        4,
        "fasen",
        "",
        "Fasen re-integratie",
        "Het stroomdiagram toont per fase de stand aan het begin, wie erbij kwam en wie vertrok in het halve jaar. Wijs op de uitstroom naar werk en op de netto verandering per fase in de grafiek eronder.",
    ),
    (
        5,
        "scenario",
        "sc_scenario=Scenario+2",
        "Scenario 2 per gemeente",
        "Scenario 2: de tabel bovenaan geeft de netto frictiekosten per gemeente per jaar. Wijs de eigen gemeente aan (gemarkeerd) en zeg dat alleen bedragen uit de stukken zijn ingevuld; al het andere is een aanname en staat er zo bij.",
    ),
]


def upgrade() -> None:
    op.create_table(
        "sessies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=50), nullable=False, comment="Naam in de link (?sessie=<naam>)"),
        sa.Column("titel", sa.String(length=200), nullable=False, comment="Titel die mensen lezen"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessies")),
        sa.UniqueConstraint("naam", name="uq_sessies_naam"),
        comment="Sessies: rondgangen langs vaste weergaven",
    )
    op.create_table(
        "sessie_stappen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sessie_id", sa.Integer(), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False, comment="1, 2, 3, ... binnen de sessie"),
        sa.Column("pagina", sa.String(length=50), nullable=False, comment="Sleutel van de pagina (ui.PAGES)"),
        sa.Column(
            "parameters",
            sa.Text(),
            server_default="",
            nullable=False,
            comment="Instellingen van de weergave, zoals in de link (a=1&b=2)",
        ),
        sa.Column("titel", sa.String(length=200), nullable=False, comment="Titel van de stap"),
        sa.Column("notitie", sa.Text(), server_default="", nullable=False, comment="Notitie voor de presentator"),
        sa.ForeignKeyConstraint(
            ["sessie_id"], ["sessies.id"], name=op.f("fk_sessie_stappen_sessie_id_sessies"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessie_stappen")),
        comment="Stappen van een sessie",
    )
    op.create_index("ix_sessie_stappen_sessie", "sessie_stappen", ["sessie_id", "volgorde"], unique=False)
    op.create_table(
        "sessie_wijziging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sessie", sa.String(length=50), nullable=False),
        sa.Column("actie", sa.String(length=50), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("gebruiker", sa.String(length=300), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessie_wijziging")),
    )

    conn = op.get_bind()
    bronnen = sa.table("bronnen", sa.column("code"))
    if conn.execute(sa.select(sa.func.count()).select_from(bronnen)).scalar() == 0:
        return  # an empty store: the default dataset brings data/sessies.csv
    sessies = sa.table("sessies", sa.column("id"), sa.column("naam"), sa.column("titel"))
    sid = conn.execute(
        sessies.insert().values(naam=STANDAARD[0], titel=STANDAARD[1]).returning(sessies.c.id)
    ).scalar_one()
    stappen = sa.table(
        "sessie_stappen", *[sa.column(k) for k in ("sessie_id", "volgorde", "pagina", "parameters", "titel", "notitie")]
    )
    op.bulk_insert(
        stappen,
        [
            dict(zip(("volgorde", "pagina", "parameters", "titel", "notitie"), r, strict=True), sessie_id=sid)
            for r in STAPPEN
        ],
    )
    conn.execute(sa.text("UPDATE store_meta SET waarde = waarde + 1 WHERE sleutel = 'versie'"))


def downgrade() -> None:
    op.drop_table("sessie_wijziging")
    op.drop_index("ix_sessie_stappen_sessie", table_name="sessie_stappen")
    op.drop_table("sessie_stappen")
    op.drop_table("sessies")
