"""documenten: the source documents by title, kind, organisation and date; bronnen.document refers to them

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

A person reads a document's title and date, never its file name; the file name stays the key
(provenance). A store that already holds data gets the five documents of the default dataset
(frozen here, as they were when this migration was written) and, for any other file name its
bronnen name, a row that says its title is not yet recorded, so every bron keeps a document.
It also gets what issue 14 added to the default dataset: three bronnen and six data-quality
notes (what a careful reader of the documents finds), and "OCR" in one note and one bron
rewritten in plain Dutch. An empty store gets all of it from data/ when the default dataset is
loaded.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DOCUMENTEN = [
    (
        "000_4860c6c2863b30ab.txt",
        "Collegebericht 15 van 2013: Uitvoering IJmond Werkt! 2013",
        "collegebericht aan de raad",
        "College van burgemeester en wethouders van Velsen",
        2013,
        dt.date(2013, 2, 12),
        "'Datum vergadering 12 februari 2013'",
    ),
    (
        "001_084ae08efa3da19d.txt",
        "Projectopdracht Realisatie samenwerking Werkplein IJmond",
        "projectopdracht",
        "Stuurgroep Werkplein IJmond",
        2011,
        dt.date(2011, 4, 1),
        "'Versie: Definitief 1 april 2011'",
    ),
    (
        "002_1ffd1c96ac75314c.txt",
        "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening",
        "raadsvoorstel",
        "College van burgemeester en wethouders van Velsen",
        2025,
        None,
        "Het voorstel noemt zelf geen datum. Het is van 2025: het noemt de beeldvormende sessie 'van 10 april 2025', "
        "de memo van MT en OR van IJW 'van 26 maart 2025' en een transitieplan 'in de 2e helft van 2025'.",
    ),
    (
        "003_195c51f6f0fedba1.txt",
        "Sessie over de Jaarstukken, de begroting van en de opdracht aan IJmond Werkt!",
        "verslag van een raadssessie",
        "Velsen Lokaal",
        2020,
        dt.date(2020, 6, 17),
        "'Vanavond 17 juni 2020 startte de sessie'",
    ),
    (
        "004_659572f695ff6db4.txt",
        "Raadsinformatie en Halfjaarrapportage IJmond Werkt! 2023",
        "raadsinformatie met de halfjaarrapportage als bijlage",
        "GR IJmond Werkt! (rapportage), aangeboden door het college",
        2023,
        None,
        "De raadsinformatie noemt zelf geen datum. Het dagelijks bestuur leverde de halfjaarrapportage 'op 10 augustus "
        "2023' aan de colleges; de raadsinformatie noemt een verbeterplan dat 'op 1 september jl.' met de gemeenten is "
        "gedeeld, en is dus van na 1 september 2023.",
    ),
]
KOLOMMEN = ("bestand", "titel", "soort", "organisatie", "jaar", "datum", "datering")

# Rows this migration adds to a store that already holds data (the same rows as in data/bronnen.csv
# and data/datakwaliteit.csv; tests/unit/test_documenten.py checks it).
NIEUWE_BRONNEN = [
    (
        "rv2025_probleemanalyse",
        "002_1ffd1c96ac75314c.txt",
        "Regionale probleemanalyse (tekst voor de tabellen)",
        "Het aantal uitkeringen en de aanmeldingen in woorden",
    ),
    (
        "hjr2023_primair_proces",
        "004_659572f695ff6db4.txt",
        "Halfjaarrapportage: Primair proces (Inkomensregelingen, Wsw, Statushouders, Re-integratie)",
        "Tabellen waarvan in de tekst alleen de kopjes staan",
    ),
    (
        "hjr2023_programma_totaal",
        "004_659572f695ff6db4.txt",
        "Halfjaarrapportage: Programma totaal en Bijlage 1 Resultaten per taakveld",
        "Tabellen waarvan in de tekst alleen de kopjes staan",
    ),
]
NIEUWE_NOTITIES = [
    (
        "uitkeringen",
        "Het raadsvoorstel schrijft dat het aantal inwoners met een uitkering 'vrij constant tussen de 2.800 "
        "en 2.900' is. De tabel in hetzelfde voorstel (bijstand excl. AOW, CBS) loopt van 2.710 (31-12-2019) "
        "tot 3.010 (31-12-2016); vier van de acht peildata liggen buiten die band (2.970, 3.010, 2.960 en "
        "2.710). Het dashboard toont de cijfers uit de tabel.",
        "rv2025_probleemanalyse",
    ),
    (
        "percentages",
        "Het raadsvoorstel schrijft dat 'slechts 16,27% van de inwoners van Velsen in traject zitten bij "
        "IJmond Werkt!' en dat '83,73% van de inwoners' in traject is bij de consulenten van de gemeente. De "
        "tabel deelt echter door het aantal uitkeringen P-wet, niet door het aantal inwoners: 281 van de "
        "1.727 inwoners met een uitkering is 16,27%; van alle 69.238 inwoners van Velsen is het 0,41%. Het "
        "dashboard noemt het percentage daarom 'van de uitkeringen P-wet'.",
        "rv2025_tekst",
    ),
    (
        "kengetallen",
        "Het verslag van de sessie van 17 juni 2020 noemt het bedrag twee keer, verschillend: eerst 'de 1,2 "
        "miljoen die terugvloeit vanuit IJmond Werkt', waarvan Velsen 'een groter deel terugkrijgt' (verdeeld"
        " over de gemeenten), later 'ruim 1,2 miljoen teruggevloeid naar de gemeente, die terugvloeit in de "
        "Algemene Reserve' (alsof het hele bedrag naar Velsen ging). Vastgelegd is de terugvloeiing naar de "
        "gemeenten samen, 'ruim € 1,2 mln'; welk deel Velsen kreeg, zegt het verslag niet.",
        "sessie2020",
    ),
    (
        "uitsplitsing",
        "De twee uitsplitsingen van dezelfde uitkeringen verschillen ook van elkaar: naar leeftijd tellen ze "
        "voor de IJmond op tot 3.247, naar duur tot 3.268 (Beverwijk 1.016 tegen 1.036, Heemskerk 924 tegen "
        "924, Velsen 1.307 tegen 1.308). De leeftijdstabel noemt geen klasse onder de 22 jaar. Het "
        "raadsvoorstel verklaart de verschillen niet.",
        "rv2025_duur",
    ),
    (
        "documenten",
        "Een aantal tabellen van de halfjaarrapportage 2023 is bij het omzetten van pdf naar tekst "
        "leeggelopen: van 'Inkomensregelingen' (aantal intakes en aantal maatregelen per gemeente), 'Wsw' "
        "(per gemeente, detacheringen en Begeleid Werk), 'Statushouders' (trajecten, werkaanvaardingen, "
        "parttimebaan) en de afspraken bij 'Re-integratie' staan alleen de kopjes in de tekst, niet de "
        "getallen. Die cijfers ontbreken daarom in het dashboard; de uitstroom per gemeente komt uit de tabel"
        " in de raadsinformatie.",
        "hjr2023_primair_proces",
    ),
    (
        "financien",
        "Van de tabel 'Programma totaal' (gemeentelijke bijdrage, baten en lasten met realisatie 2022 en de "
        "herziene begroting) en van de tabellen per taakveld in Bijlage 1 staan alleen de kopjes in de tekst;"
        " de getallen zijn bij het omzetten verloren gegaan. Het dashboard toont het 'Overzicht baten en "
        "lasten 1e halfjaar 2023', waarvan de getallen wel in de tekst staan.",
        "hjr2023_programma_totaal",
    ),
]
# Plain Dutch for "OCR" in a note and a bron of the default dataset: (table, key column, key, column, old, new).
HERSCHREVEN = [
    (
        "datakwaliteit",
        "dataset",
        "fasen_uitstroom",
        "omschrijving",
        "In de OCR is de kop van de eerste kolom verloren gegaan; de kolom is gelezen als uitstroom naar werk omdat het "
        "totaal (48) gelijk is aan het aantal werkaanvaardingen. 'Werk houden' heeft in die kolom geen waarde; de "
        "kolomtotalen (48; 89; 69) kloppen alleen met die lezing.",
        "Bij het omzetten van de pdf naar tekst is de kop van de eerste kolom verloren gegaan; de kolom is gelezen als "
        "uitstroom naar werk omdat het totaal (48) gelijk is aan het aantal werkaanvaardingen. 'Werk houden' heeft in "
        "die kolom geen waarde; de kolomtotalen (48; 89; 69) kloppen alleen met die lezing.",
    ),
    (
        "bronnen",
        "code",
        "hjr2023_fasen_uitstroom",
        "toelichting",
        "Kolomkoppen deels verloren in de OCR (zie datakwaliteit)",
        "Kolomkoppen deels verloren bij het omzetten naar tekst (zie datakwaliteit)",
    ),
]


def upgrade() -> None:
    op.create_table(
        "documenten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "bestand",
            sa.String(length=200),
            nullable=False,
            comment="Bestandsnaam van de tekst van het document (herkomst)",
        ),
        sa.Column("titel", sa.Text(), nullable=False, comment="Titel van het document"),
        sa.Column(
            "soort", sa.String(length=200), nullable=False, comment="Soort document (raadsvoorstel, rapportage, ...)"
        ),
        sa.Column("organisatie", sa.String(length=200), nullable=False, comment="Van wie het document is"),
        sa.Column("jaar", sa.BigInteger(), nullable=True, comment="Jaar van het document (leeg: onbekend)"),
        sa.Column(
            "datum",
            sa.Date(),
            nullable=True,
            comment="Datum van het document; leeg als het document er zelf geen noemt",
        ),
        sa.Column("datering", sa.Text(), nullable=True, comment="Waar de datum op berust: de woorden van het document"),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_documenten_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documenten")),
        sa.UniqueConstraint("bestand", name="uq_documenten_sleutel"),
        comment="Brondocumenten",
    )
    with op.batch_alter_table("bronnen", schema=None) as batch_op:
        batch_op.alter_column(
            "document",
            existing_type=sa.String(length=200),
            existing_nullable=False,
            comment="Het brondocument (zie brondocumenten)",
            existing_comment="Bestandsnaam van het brondocument",
        )
    with op.batch_alter_table("uitkeringen", schema=None) as batch_op:
        batch_op.alter_column(
            "definitie",
            existing_type=sa.String(length=200),
            existing_nullable=False,
            comment="Bijstand excl. AOW (CBS) of uitkeringen P-wet in personen (medio 2024)",
            existing_comment="bijstand_excl_aow (CBS) of pwet_personen (medio 2024)",
        )

    conn = op.get_bind()
    bronnen = sa.table("bronnen", sa.column("document", sa.String))
    in_gebruik = set(conn.execute(sa.select(bronnen.c.document).distinct()).scalars())
    if not in_gebruik:
        return  # an empty store: the default dataset brings data/documenten.csv
    documenten = sa.table("documenten", *[sa.column(k) for k in KOLOMMEN])
    rijen = [dict(zip(KOLOMMEN, r, strict=True)) for r in DOCUMENTEN]
    bekend = {r["bestand"] for r in rijen}
    rijen += [
        {
            "bestand": b,
            "titel": f"Document {b} (titel nog niet vastgelegd)",
            "soort": "onbekend",
            "organisatie": "onbekend",
            "jaar": None,
            "datum": None,
            "datering": None,
        }
        for b in sorted(in_gebruik - bekend)
    ]
    op.bulk_insert(documenten, rijen)

    # the notes a careful reader of the documents needs, and their sources; plain Dutch for "OCR"
    b = sa.table("bronnen", sa.column("code"), sa.column("document"), sa.column("tabel"), sa.column("toelichting"))
    codes = set(conn.execute(sa.select(b.c.code)).scalars())
    nieuw = [
        dict(zip(("code", "document", "tabel", "toelichting"), r, strict=True))
        for r in NIEUWE_BRONNEN
        if r[0] not in codes
    ]
    if nieuw:
        op.bulk_insert(b, nieuw)
    codes |= {r["code"] for r in nieuw}
    dq = sa.table("datakwaliteit", sa.column("dataset"), sa.column("omschrijving"), sa.column("bron"))
    bestaand = {tuple(r) for r in conn.execute(sa.select(dq.c.dataset, dq.c.omschrijving))}
    notities = [
        dict(zip(("dataset", "omschrijving", "bron"), r, strict=True))
        for r in NIEUWE_NOTITIES
        if (r[0], r[1]) not in bestaand and r[2] in codes
    ]
    if notities:
        op.bulk_insert(dq, notities)
    for tabel, sleutel, waarde, kolom, oud, nieuw_ in HERSCHREVEN:
        t = sa.table(tabel, sa.column(sleutel), sa.column(kolom))
        conn.execute(t.update().where(t.c[sleutel] == waarde, t.c[kolom] == oud).values({kolom: nieuw_}))
    # every cache keyed on the store version sees the new rows
    conn.execute(sa.text("UPDATE store_meta SET waarde = waarde + 1 WHERE sleutel = 'versie'"))


def downgrade() -> None:
    conn = op.get_bind()
    dq = sa.table("datakwaliteit", sa.column("dataset"), sa.column("omschrijving"))
    for dataset, omschrijving, _bron in NIEUWE_NOTITIES:
        conn.execute(dq.delete().where(dq.c.dataset == dataset, dq.c.omschrijving == omschrijving))
    b = sa.table("bronnen", sa.column("code"))
    conn.execute(b.delete().where(b.c.code.in_([r[0] for r in NIEUWE_BRONNEN])))
    for tabel, sleutel, waarde, kolom, oud, nieuw in HERSCHREVEN:
        t = sa.table(tabel, sa.column(sleutel), sa.column(kolom))
        conn.execute(t.update().where(t.c[sleutel] == waarde, t.c[kolom] == nieuw).values({kolom: oud}))
    with op.batch_alter_table("uitkeringen", schema=None) as batch_op:
        batch_op.alter_column(
            "definitie",
            existing_type=sa.String(length=200),
            existing_nullable=False,
            comment="bijstand_excl_aow (CBS) of pwet_personen (medio 2024)",
            existing_comment="Bijstand excl. AOW (CBS) of uitkeringen P-wet in personen (medio 2024)",
        )
    with op.batch_alter_table("bronnen", schema=None) as batch_op:
        batch_op.alter_column(
            "document",
            existing_type=sa.String(length=200),
            existing_nullable=False,
            comment="Bestandsnaam van het brondocument",
            existing_comment="Het brondocument (zie brondocumenten)",
        )
    op.drop_table("documenten")
