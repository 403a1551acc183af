"""The catalog: every dataset of the store, declared once as data.

A dataset is a CSV file in ``data/`` and a table in the store with the same name. Its
columns carry a type, a unit (count, euro, percentage, ...) and a description; its key
says what makes a row unique; its rules say what the source document implies (totals,
identities, percentages). ``models`` builds the SQLAlchemy tables from this, ``loader``
reads and validates CSV files with it, and the Bronnen page documents it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["str", "text", "int", "date", "decimal", "bool"]
Unit = Literal["aantal", "euro", "euro_x1000", "procent", "jaar", "jaartal", None]

FASEN: tuple[str, ...] = (
    "Kennismaking",
    "Persoonlijke ontwikkeling",
    "Ontwikkeling door werkervaring",
    "Ontwikkeling sollicitatievaardigheden",
    "Werk vinden",
    "Werk houden",
)
TOTAAL = "Totaal"

UNIT_LABELS = {
    "aantal": "aantal",
    "euro": "euro",
    "euro_x1000": "euro × 1.000",
    "procent": "procent",
    "jaar": "jaren",
    "jaartal": "jaartal",
    None: "",
}


@dataclass(frozen=True)
class Col:
    name: str
    kind: Kind
    description: str
    unit: Unit = None
    nullable: bool = False
    ref: str | None = None  # dataset whose first key column this refers to
    values: tuple[str, ...] | None = None  # allowed values
    label: str | None = None  # the column header a person reads; default: the name in words
    technisch: bool = False  # a code for machines (a key, a file name): in downloads only, never on screen

    @property
    def kop(self) -> str:
        """The Dutch column header for people: ``label``, or the name with spaces."""
        return self.label or self.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Rule:
    """A consistency rule the source implies; implemented in ``validation``.

    kind:
      ``regio_som``   rows of a regio equal the sum of its member gemeenten, per group
      ``totaalrij``   rows whose ``col`` is 'Totaal' equal the sum of the other rows
      ``identiteit``  sum(sign * column) == target column, per row
      ``ratio``       percentage column equals round(100 * teller / noemer)
      ``extern``      a named cross-dataset check in ``validation.EXTERNAL_RULES``
    mode: ``weigeren`` refuses the data; ``notitie`` stores it and records a note.
    """

    kind: str
    description: str
    mode: Literal["weigeren", "notitie"] = "weigeren"
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    columns: tuple[Col, ...]
    key: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    importable: bool = True  # can a beheerder bring in a new version of it
    group: str = "Cijfers"

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Col:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _bron() -> Col:
    return Col("bron", "str", "Bron: document en tabel (zie bronnen)", ref="bronnen")


def _gebied(description: str = "Gemeente of regio (CBS-code of regiocode)") -> Col:
    return Col("gebied", "str", description, ref="gebieden", label="Gebied")


def _peildatum() -> Col:
    return Col("peildatum", "date", "Peildatum")


def _periode() -> tuple[Col, Col]:
    return (
        Col("periode_begin", "date", "Begin van de verslagperiode"),
        Col("periode_eind", "date", "Einde van de verslagperiode"),
    )


REGIO_SOM = "regio_som"

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "documenten",
        "Brondocumenten",
        "De documenten waaruit de cijfers komen: titel, soort, van wie en van wanneer. De bestandsnaam "
        "legt de herkomst vast; een lezer ziet de titel en de datum.",
        (
            Col(
                "bestand",
                "str",
                "Bestandsnaam van de tekst van het document (herkomst)",
                technisch=True,
                label="Bestand (herkomst)",
            ),
            Col("titel", "text", "Titel van het document"),
            Col("soort", "str", "Soort document (raadsvoorstel, rapportage, ...)"),
            Col("organisatie", "str", "Van wie het document is"),
            Col("jaar", "int", "Jaar van het document (leeg: onbekend)", unit="jaartal", nullable=True),
            Col("datum", "date", "Datum van het document; leeg als het document er zelf geen noemt", nullable=True),
            Col("datering", "text", "Waar de datum op berust: de woorden van het document", nullable=True),
        ),
        key=("bestand",),
        importable=True,  # a new rapportage is a new document
        group="Referentie",
    ),
    Dataset(
        "bronnen",
        "Bronnen",
        "De brondocumenten en de tabel of paragraaf waaruit een cijfer komt.",
        (
            Col("code", "str", "Code van de bron", technisch=True, label="Bron (code)"),
            Col("document", "str", "Het brondocument (zie brondocumenten)", ref="documenten"),
            Col("tabel", "text", "Tabel of paragraaf in het document", label="Tabel of paragraaf"),
            Col("toelichting", "text", "Toelichting", nullable=True),
        ),
        key=("code",),
        importable=True,  # a new rapportage brings a new bron code for its rows
        group="Referentie",
    ),
    Dataset(
        "gebieden",
        "Gemeenten en regio's",
        "Gemeenten (met CBS-code) en de regio's waarvoor de documenten totalen geven.",
        (
            Col("code", "str", "CBS-gemeentecode of regiocode", technisch=True, label="Gebied (code)"),
            Col("naam", "str", "Naam"),
            Col("soort", "str", "gemeente of regio", values=("gemeente", "regio")),
        ),
        key=("code",),
        importable=False,
        group="Referentie",
    ),
    Dataset(
        "gebied_leden",
        "Samenstelling regio's",
        "Welke gemeenten samen een regio vormen waarvan het document een totaal geeft.",
        (
            Col("regio", "str", "Regiocode", ref="gebieden", label="Regio"),
            Col("gemeente", "str", "CBS-gemeentecode", ref="gebieden", label="Gemeente"),
        ),
        key=("regio", "gemeente"),
        importable=False,
        group="Referentie",
    ),
    Dataset(
        "samenwerking",
        "Deelname aan samenwerkingsverbanden",
        "Welke gemeenten volgens welk document deelnemen aan welke samenwerking.",
        (
            Col("gemeente", "str", "CBS-gemeentecode", ref="gebieden", label="Gemeente"),
            Col("samenwerking", "str", "Samenwerkingsverband"),
            Col("peildatum", "date", "Datum van het document dat de deelname noemt"),
            _bron(),
        ),
        key=("gemeente", "samenwerking", "peildatum"),
        importable=False,
        group="Referentie",
    ),
    Dataset(
        "uitkeringen",
        "Uitkeringen per gemeente",
        "Bijstandsuitkeringen excl. AOW (CBS, 2015-2022) en uitkeringen P-wet in personen "
        "(medio 2024): twee definities, nooit als één reeks te lezen.",
        (
            _peildatum(),
            _gebied(),
            Col(
                "definitie",
                "str",
                "Bijstand excl. AOW (CBS) of uitkeringen P-wet in personen (medio 2024)",
                values=("bijstand_excl_aow", "pwet_personen"),
            ),
            Col("aantal", "int", "Aantal uitkeringen", unit="aantal"),
            _bron(),
        ),
        key=("peildatum", "gebied", "definitie"),
        rules=(
            Rule(
                REGIO_SOM,
                "Het totaal IJmond is de som van de gemeenten",
                params={"value": "aantal", "group": ("peildatum", "definitie")},
            ),
        ),
    ),
    Dataset(
        "participanten",
        "Participanten (aanmeldingen) bij IJmond Werkt!",
        "Participanten bij IJmond Werkt! per peildatum; 30-06-2022 is een half jaar.",
        (
            _peildatum(),
            Col("aantal", "int", "Aantal participanten", unit="aantal"),
            Col("periode", "str", "jaar of halfjaar", values=("jaar", "halfjaar")),
            _bron(),
        ),
        key=("peildatum",),
    ),
    Dataset(
        "inwoners",
        "Inwoners",
        "Inwoners per gemeente op 1-1-2011 en medio 2024, met het totaal dat het document noemt.",
        (_peildatum(), _gebied(), Col("aantal", "int", "Aantal inwoners", unit="aantal"), _bron()),
        key=("peildatum", "gebied"),
        rules=(
            Rule(
                REGIO_SOM,
                "Het totaal is de som van de gemeenten",
                mode="notitie",
                params={"value": "aantal", "group": ("peildatum",)},
            ),
        ),
    ),
    Dataset(
        "in_traject",
        "In lopend traject bij IJmond Werkt!",
        "Aantal inwoners met een uitkering in lopend traject bij IJmond Werkt! (medio 2024).",
        (_peildatum(), _gebied(), Col("aantal", "int", "Aantal in traject", unit="aantal"), _bron()),
        key=("peildatum", "gebied"),
        rules=(
            Rule(
                REGIO_SOM,
                "Het totaal IJmond is de som van de gemeenten",
                params={"value": "aantal", "group": ("peildatum",)},
            ),
        ),
    ),
    Dataset(
        "percentages",
        "Percentages uit de documenten",
        "Percentages zoals het document ze geeft; gecontroleerd tegen de aantallen.",
        (
            _peildatum(),
            _gebied(),
            Col(
                "kengetal",
                "str",
                "Welk percentage",
                values=(
                    "uitkeringen_per_inwoners",
                    "in_traject_per_uitkeringen",
                    "niet_in_traject_per_uitkeringen",
                ),
            ),
            Col("percentage", "decimal", "Percentage (2 decimalen)", unit="procent"),
            _bron(),
        ),
        key=("peildatum", "gebied", "kengetal"),
        rules=(Rule("extern", "Percentages horen bij de aantallen", params={"check": "percentages"}),),
    ),
    Dataset(
        "uitsplitsing",
        "Uitkeringen naar leeftijd en duur",
        "Uitsplitsing van de uitkeringen medio 2024 naar leeftijd en naar duur van de "
        "uitkeringsfase. Telt niet op tot het totaal aantal uitkeringen (zie datakwaliteit).",
        (
            _peildatum(),
            _gebied(),
            Col("dimensie", "str", "leeftijd of duur", values=("leeftijd", "duur")),
            Col("categorie", "str", "Leeftijdsklasse of duurklasse"),
            Col("volgorde", "int", "Volgorde van de categorie"),
            Col("aantal", "int", "Aantal uitkeringen", unit="aantal"),
            _bron(),
        ),
        key=("peildatum", "gebied", "dimensie", "categorie"),
        rules=(
            Rule(
                REGIO_SOM,
                "Het totaal IJmond is de som van de gemeenten",
                params={"value": "aantal", "group": ("peildatum", "dimensie", "categorie")},
            ),
            Rule(
                "extern",
                "De uitsplitsing telt op tot het aantal uitkeringen",
                mode="notitie",
                params={"check": "uitsplitsing_dekking"},
            ),
        ),
    ),
    Dataset(
        "wsw_beschut",
        "Wsw en Beschut Werk: IJmond en Zuid-Kennemerland",
        "Aantallen Wsw en Beschut Werk medio 2024 in de IJmond en Zuid-Kennemerland.",
        (
            _peildatum(),
            _gebied("Regio"),
            Col("soort", "str", "wsw, beschut of totaal", values=("wsw", "beschut", "totaal")),
            Col("aantal", "int", "Aantal", unit="aantal"),
            _bron(),
        ),
        key=("peildatum", "gebied", "soort"),
        rules=(
            Rule(
                "totaalrij",
                "Totaal is Wsw plus Beschut",
                params={"col": "soort", "total": "totaal", "values": ("aantal",), "group": ("peildatum", "gebied")},
            ),
        ),
    ),
    Dataset(
        "fasen",
        "Fasen re-integratie",
        "Stand aan het begin, instroom (bij), uitstroom (af) en stand aan het einde per fase.",
        (
            *_periode(),
            Col("fase", "str", "Fase van het re-integratietraject", values=(*FASEN, TOTAAL)),
            Col("stand_begin", "int", "Stand aan het begin van de periode", unit="aantal"),
            Col("bij", "int", "Instroom in de fase", unit="aantal"),
            Col("af", "int", "Uitstroom uit de fase", unit="aantal"),
            Col("stand_eind", "int", "Stand aan het einde van de periode", unit="aantal"),
            _bron(),
        ),
        key=("periode_begin", "periode_eind", "fase"),
        rules=(
            Rule(
                "identiteit",
                "Stand begin + bij − af = stand eind",
                params={"terms": (("stand_begin", 1), ("bij", 1), ("af", -1)), "target": "stand_eind"},
            ),
            Rule(
                "totaalrij",
                "De totaalrij is de som van de fasen",
                params={
                    "col": "fase",
                    "total": TOTAAL,
                    "values": ("stand_begin", "bij", "af", "stand_eind"),
                    "group": ("periode_begin", "periode_eind"),
                },
            ),
        ),
    ),
    Dataset(
        "fasen_uitstroom",
        "Uitstroom uit de fasen naar reden",
        "Uitstroom uit het re-integratietraject per fase: naar werk, passende plek of voortijdig afgebroken.",
        (
            *_periode(),
            Col("fase", "str", "Fase", values=(*FASEN, TOTAAL)),
            Col("reden", "str", "Reden van uitstroom", values=("werk", "passende_plek", "voortijdig_afgebroken")),
            Col("aantal", "int", "Aantal", unit="aantal"),
            _bron(),
        ),
        key=("periode_begin", "periode_eind", "fase", "reden"),
        rules=(
            Rule(
                "totaalrij",
                "De totaalrij is de som van de fasen",
                params={
                    "col": "fase",
                    "total": TOTAAL,
                    "values": ("aantal",),
                    "group": ("periode_begin", "periode_eind", "reden"),
                },
            ),
            Rule(
                "extern",
                "Uitstroom naar reden is niet groter dan 'af' van de fase",
                params={"check": "fasen_uitstroom_binnen_af"},
            ),
        ),
    ),
    Dataset(
        "uitstroom",
        "Uitstroom uit re-integratie per gemeente",
        "Werkaanvaarding, parttime werk en maximale participatie per gemeente.",
        (
            *_periode(),
            _gebied(),
            Col(
                "soort", "str", "Soort uitstroom", values=("werkaanvaarding", "parttime_werk", "maximale_participatie")
            ),
            Col("aantal", "int", "Aantal inwoners", unit="aantal"),
            _bron(),
        ),
        key=("periode_begin", "periode_eind", "gebied", "soort"),
        rules=(
            Rule(
                REGIO_SOM,
                "Het totaal IJmond is de som van de gemeenten",
                params={"value": "aantal", "group": ("periode_begin", "periode_eind", "soort")},
            ),
        ),
    ),
    Dataset(
        "beschut_dienstverbanden",
        "Beschut Werk: dienstverbanden per gemeente",
        "Dienstverbanden Beschut Werk bij IJmond Werkt! per gemeente, inclusief Uitgeest.",
        (_peildatum(), _gebied(), Col("aantal", "int", "Aantal dienstverbanden", unit="aantal"), _bron()),
        key=("peildatum", "gebied"),
        rules=(
            Rule(
                REGIO_SOM, "Het totaal is de som van de gemeenten", params={"value": "aantal", "group": ("peildatum",)}
            ),
        ),
    ),
    Dataset(
        "ziekteverzuim",
        "Ziekteverzuim",
        "Ziekteverzuim per groep: realisatie, target, afwijking en het landelijk cijfer. Lager is beter.",
        (
            *_periode(),
            Col("groep", "str", "sw, beschut of ambtelijk", values=("sw", "beschut", "ambtelijk")),
            Col("realisatie", "decimal", "Gerealiseerd verzuim", unit="procent"),
            Col("target", "decimal", "Target", unit="procent"),
            Col("afwijking", "decimal", "Afwijking t.o.v. target", unit="procent"),
            Col("landelijk", "decimal", "Landelijk cijfer", unit="procent", nullable=True),
            _bron(),
        ),
        key=("periode_begin", "periode_eind", "groep"),
        rules=(
            Rule(
                "identiteit",
                "Realisatie − target = afwijking",
                params={"terms": (("realisatie", 1), ("target", -1)), "target": "afwijking"},
            ),
        ),
    ),
    Dataset(
        "wsp",
        "WerkgeversServicepunt: realisatie en afspraak",
        "Resultaten van het WSP tegen de afspraak.",
        (
            *_periode(),
            Col("indicator", "str", "Indicator"),
            Col("volgorde", "int", "Volgorde"),
            Col("realisatie", "int", "Realisatie", unit="aantal"),
            Col("afspraak", "int", "Afspraak", unit="aantal"),
            Col("percentage", "int", "Realisatie als percentage van de afspraak", unit="procent"),
            _bron(),
        ),
        key=("periode_begin", "periode_eind", "indicator"),
        rules=(
            Rule(
                "ratio",
                "Percentage = realisatie / afspraak",
                params={"teller": "realisatie", "noemer": "afspraak", "target": "percentage", "decimals": 0},
            ),
        ),
    ),
    Dataset(
        "financien",
        "Financieel overzicht per programma",
        "Baten, lasten en saldo per programma, bedragen × € 1.000 zoals in de rapportage.",
        (
            *_periode(),
            Col("volgorde", "int", "Volgorde in de tabel"),
            Col("regel", "str", "Programma of regel"),
            Col(
                "soort",
                "str",
                "programma, saldo, reserve of resultaat",
                values=("programma", "saldo", "reserve", "resultaat"),
            ),
            Col("baten", "int", "Baten", unit="euro_x1000"),
            Col("lasten", "int", "Lasten", unit="euro_x1000"),
            Col("saldo", "int", "Saldo", unit="euro_x1000"),
            _bron(),
        ),
        key=("periode_begin", "periode_eind", "regel"),
        rules=(
            Rule(
                "identiteit",
                "Baten − lasten = saldo",
                params={"terms": (("baten", 1), ("lasten", -1)), "target": "saldo"},
            ),
            Rule(
                "extern",
                "Saldo is de som van de programma's; resultaat is saldo plus reserves",
                params={"check": "financien_totalen"},
            ),
        ),
    ),
    Dataset(
        "begroting_2011",
        "Begroting samenwerking Werkplein IJmond 2011-2012",
        "Tweejarige begroting per jaar en de financiering (50% De Meergroep, 50% gemeenten).",
        (
            Col("onderdeel", "str", "kosten of financiering", values=("kosten", "financiering")),
            Col("volgorde", "int", "Volgorde"),
            Col("post", "str", "Begrotingspost"),
            Col("bedrag_per_jaar", "int", "Bedrag per jaar", unit="euro"),
            _bron(),
        ),
        key=("onderdeel", "post"),
        rules=(Rule("extern", "De posten tellen op tot het totaal", params={"check": "begroting_2011"}),),
    ),
    Dataset(
        "kostenverdeling_2011",
        "Verdeling kosten 2011 naar inwoners",
        "Aandeel van de gemeenten in de kosten, naar rato van het aantal inwoners op 1-1-2011.",
        (_gebied(), Col("bedrag_per_jaar", "int", "Bedrag per jaar", unit="euro"), _bron()),
        key=("gebied",),
        rules=(
            Rule(REGIO_SOM, "Het totaal is de som van de gemeenten", params={"value": "bedrag_per_jaar", "group": ()}),
        ),
    ),
    Dataset(
        "scenarios",
        "Herontwerp: scenario's",
        "De drie scenario's van het herontwerp van de re-integratiedienstverlening.",
        (
            Col("nr", "int", "Scenarionummer"),
            Col("naam", "str", "Naam"),
            Col("beschrijving", "text", "Beschrijving"),
            Col("ingangsdatum", "date", "Ingangsdatum volgens het raadsvoorstel", nullable=True),
            _bron(),
        ),
        key=("nr",),
        importable=False,
        group="Herontwerp",
    ),
    Dataset(
        "scenario_argumenten",
        "Herontwerp: voor- en nadelen",
        "Voor- en nadelen per scenario uit het raadsvoorstel.",
        (
            Col("scenario", "int", "Scenarionummer", ref="scenarios"),
            Col("soort", "str", "voordeel of nadeel", values=("voordeel", "nadeel")),
            Col("volgorde", "int", "Volgorde"),
            Col("tekst", "text", "Tekst"),
            _bron(),
        ),
        key=("scenario", "soort", "volgorde"),
        importable=False,
        group="Herontwerp",
    ),
    Dataset(
        "frictiekosten",
        "Herontwerp: frictiekosten",
        "Frictiekosten zoals het raadsvoorstel ze noemt. Alleen scenario 2 is gekwantificeerd.",
        (
            Col("scenario", "int", "Scenarionummer", ref="scenarios"),
            _gebied(),
            Col("jaar", "int", "Jaar (leeg: alle jaren samen)", unit="jaartal", nullable=True),
            Col("bedrag", "int", "Bedrag", unit="euro"),
            Col(
                "benadering",
                "str",
                "Hoe precies het document het bedrag noemt",
                values=("exact", "afgerond", "ongeveer", "vooralsnog", "ruim"),
            ),
            Col("omschrijving", "text", "Omschrijving"),
            _bron(),
        ),
        key=("scenario", "gebied", "jaar"),
        importable=False,
        group="Herontwerp",
    ),
    Dataset(
        "kengetallen",
        "Losse kengetallen",
        "Losse cijfers uit de tekst van de documenten.",
        (
            Col("code", "str", "Code", technisch=True, label="Kengetal (code)"),
            Col("omschrijving", "text", "Omschrijving"),
            Col("waarde", "int", "Waarde"),
            Col("eenheid", "str", "Eenheid", values=("aantal", "euro", "procent", "jaar")),
            Col("periode", "str", "Periode of peildatum zoals het document die noemt"),
            Col(
                "benadering",
                "str",
                "Hoe precies het document het cijfer noemt",
                values=("exact", "afgerond", "ongeveer", "vooralsnog", "ruim"),
            ),
            _bron(),
            Col("toelichting", "text", "Toelichting", nullable=True),
        ),
        key=("code",),
        importable=False,
    ),
    Dataset(
        "datakwaliteit",
        "Datakwaliteit: notities bij de bronnen",
        "Onduidelijkheden en tegenstrijdigheden in de bronnen, en hoe die zijn gelezen.",
        (
            Col("dataset", "str", "Dataset waar de notitie bij hoort"),
            Col("omschrijving", "text", "Notitie"),
            _bron(),
        ),
        key=("dataset", "omschrijving"),
        importable=False,
        group="Referentie",
    ),
)

BY_NAME: dict[str, Dataset] = {d.name: d for d in DATASETS}

# Dutch words for the coded values of the catalog's columns (``Col.values``), for everything a
# person reads: tables, downloads, notes. The codes stay in the store and in the downloads'
# technical columns.
WAARDE_LABELS: dict[str, str] = {
    "bijstand_excl_aow": "bijstand excl. AOW (CBS)",
    "pwet_personen": "uitkeringen P-wet, personen (medio 2024)",
    "uitkeringen_per_inwoners": "uitkeringen P-wet per inwoner",
    "in_traject_per_uitkeringen": "in lopend traject bij IJmond Werkt! per uitkering",
    "niet_in_traject_per_uitkeringen": "niet in traject bij IJmond Werkt! per uitkering",
    "duur": "duur uitkeringsfase",
    "wsw": "Wsw",
    "beschut": "Beschut Werk",
    "passende_plek": "passende plek",
    "voortijdig_afgebroken": "voortijdig afgebroken",
    "parttime_werk": "parttime werk",
    "maximale_participatie": "maximale participatie",
    "sw": "sw-medewerkers",
    "ambtelijk": "ambtelijk personeel",
}

# Values whose words depend on their column ("jaar" is a whole year as a periode, but a unit elsewhere).
KOLOM_WAARDE_LABELS: dict[tuple[str, str], str] = {
    ("periode", "jaar"): "heel jaar",
    ("periode", "halfjaar"): "half jaar",
}


def waarde_label(col: Col, value):
    """What a person reads for ``value`` in column ``col``: the Dutch words for a coded value,
    the dataset's title for a dataset name (the notes' ``dataset``); anything else as it is."""
    if not isinstance(value, str):
        return value
    if col.name == "dataset":
        return BY_NAME[value].title if value in BY_NAME else value
    if col.values is not None:
        return KOLOM_WAARDE_LABELS.get((col.name, value), WAARDE_LABELS.get(value, value))
    return value


def dataset(name: str) -> Dataset:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"Onbekende dataset: {name}") from None
