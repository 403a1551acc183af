"""nl-NL formatting of numbers, money, percentages and dates, via Babel.

Babel's currency format puts a non-breaking space after the euro sign (``€\xa01.234``);
callers and tests should expect it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import parse_pattern

from . import catalog

LOCALE = "nl_NL"
NBSP = "\xa0"
_LOCALE = Locale.parse(LOCALE)
# Babel's format_decimal/format_currency parse the locale and the pattern on every call (most
# of their cost); the locale is parsed once above and each pattern once here, then applied with
# exactly the arguments those functions pass (tests/unit/test_formatting_settings.py checks it).
_patroon = functools.cache(parse_pattern)  # a handful of fixed patterns

Number = int | float | Decimal


def _py(value):
    """numpy and pandas scalars -> plain Python numbers."""
    return value.item() if hasattr(value, "item") and not isinstance(value, (dt.date, str)) else value


def getal(value: Number | None, decimalen: int = 0) -> str:
    """``1234`` -> ``1.234``; ``23.6`` with 1 decimal -> ``23,6``."""
    value = _py(value)
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    return _patroon(pattern).apply(value, _LOCALE)  # = format_decimal(value, format=pattern, locale=LOCALE)


def procent(value: Number | None, decimalen: int = 1) -> str:
    """A percentage given in percent points: ``23.63`` -> ``23,6%`` (1 decimal)."""
    value = _py(value)
    if value is None:
        return "–"
    return f"{getal(value, decimalen)}%"


def euro(value: Number | None, decimalen: int = 0) -> str:
    """``1234567`` -> ``€ 1.234.567`` (with a non-breaking space)."""
    value = _py(value)
    if value is None:
        return "–"
    number = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    pattern = f"¤\xa0{number};¤\xa0-{number}"  # Dutch: € -500, not -€ 500
    # = format_currency(value, "EUR", format=pattern, locale=LOCALE, currency_digits=False)
    return _patroon(pattern).apply(value, _LOCALE, currency="EUR", currency_digits=False)


def euro_mln(value: Number | None, decimalen: int = 1) -> str:
    """``2300000`` -> ``€ 2,3 mln``."""
    value = _py(value)
    if value is None:
        return "–"
    return f"€{NBSP}{getal(Decimal(value) / Decimal(1_000_000), decimalen)} mln"


def euro_kort(value: Number | None) -> str:
    """Money in the shortest honest form: mln above a million, whole euros below."""
    value = _py(value)
    if value is None:
        return "–"
    if abs(value) >= 1_000_000:
        return euro_mln(value, 2 if Decimal(value) % 100_000 else 1)
    return euro(value)


def datum(value: dt.date | None) -> str:
    """``2021-12-31`` -> ``31-12-2021``."""
    if value is None:
        return "–"
    return format_date(value, format="dd-MM-yyyy", locale=LOCALE)


def periode(begin: dt.date, eind: dt.date) -> str:
    """A reporting period, e.g. ``1e halfjaar 2023`` or ``01-01-2023 t/m 30-06-2023``."""
    if begin.year == eind.year and (begin.month, begin.day) == (1, 1):
        if (eind.month, eind.day) == (6, 30):
            return f"1e halfjaar {begin.year}"
        if (eind.month, eind.day) == (12, 31):
            return str(begin.year)
    if begin.year == eind.year and (begin.month, begin.day, eind.month, eind.day) == (7, 1, 12, 31):
        return f"2e halfjaar {begin.year}"
    return f"{datum(begin)} t/m {datum(eind)}"


def waarde(value, unit: str | None = None) -> str:
    """One cell for display, by its unit (catalog units) or its Python type."""
    value = _py(value)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return datum(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float, Decimal)):
        if unit == "euro":
            return euro(value)
        if unit == "jaartal":
            return str(int(value))
        if unit == "euro_x1000":
            return getal(value)
        if unit == "procent":
            d = Decimal(str(value))
            return procent(value, 0 if d == d.to_integral_value() else 2 if abs(d.as_tuple().exponent) >= 2 else 1)
        if isinstance(value, int) or float(value).is_integer():
            return getal(value)
        return getal(value, 2)
    return str(value)


def tabel(df, units: dict[str, str | None] | None = None):
    """A copy of ``df`` with every cell formatted the Dutch way, for display only."""
    units = units or {}
    out = df.copy().astype(object)
    for col in out.columns:
        out[col] = [waarde(v, units.get(col)) for v in df[col]]
    return out


# ---------------------------------------------------------------- text from the store, shown literally

# What Streamlit's Markdown (CommonMark + GFM, plus its own :color[…], :icon: and $…$) would read
# in a one-line text. Escaped with a backslash: code, emphasis, links and images (brackets),
# strikethrough, LaTeX; '_' only where it could open or close emphasis (not inside a word such
# as pwet_personen); at the very start
# what would open a block (#, -, +, =, '1.'). '<', '>' and '&' become entities (also safe inside
# unsafe_allow_html HTML). Other punctuation, e.g. '(150.533)', stays as it is.
_ALTIJD = frozenset("\\`*[]~$")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_SHORTCODE = re.compile(r":(?=[\w/+-]+[:\[])")  # :material/home:, :smile:, :red[...]
_BLOKBEGIN = re.compile(r"^([#+=-]|\d+(?=[.)]))")
# GFM turns bare 'https://…', 'www.…' and 'naam@domein.nl' into links, and Streamlit reads
# ':red[…]' and ':material/home:', after escapes are resolved (a backslash does not stop them):
# an invisible WORD JOINER (U+2060) splits those patterns.
_AUTOLINK = re.compile(r"(?i)(?<![^\W_])(https?|ftp|mailto|xmpp|www)(?=[:.])|(?=@)")
WJ = "\u2060"
# Line breaks and runs of spaces become one space; a no-break space (as in '€\xa0123.000') stays.
_EEN_REGEL = re.compile(r"[^\S\xa0\u202f]+")


def md_escape(text: str) -> str:
    """``text`` escaped for st.markdown/st.caption/st.error and friends: it shows literally (no
    link, image, emphasis, heading, list, code, HTML or Streamlit directive), on one line. Bare
    web and e-mail addresses get an invisible word joiner, so they are not made into links."""
    text = _AUTOLINK.sub(lambda m: (m.group(1) or "") + WJ, _EEN_REGEL.sub(" ", str(text)).strip())
    text = _SHORTCODE.sub(":" + WJ, text)
    out = []
    for i, ch in enumerate(text):
        if ch in _HTML:
            out.append(_HTML[ch])
        elif ch in _ALTIJD:
            out.append("\\" + ch)
        elif ch == "_" and not (0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()):
            out.append("\\_")
        else:
            out.append(ch)
    uit = "".join(out)
    begin = _BLOKBEGIN.match(uit)
    if begin:  # '# kop', '- lijst', '1. lijst' at the start would open a block
        n = begin.end()
        uit = uit[:n] + "\\" + uit[n:] if begin.group(1)[0].isdigit() else "\\" + uit
    return uit


# ---------------------------------------------------------------- sources: title and date, never a file name


def document_label(titel: str, jaar=None, datum_: dt.date | None = None) -> str:
    """'Titel, 12-02-2013', or 'Titel, 2025' when the document gives no date (the year left out
    when the title already names it), or the title alone."""
    jaar = _py(jaar)
    if datum_ is not None and not (isinstance(datum_, float) or pd.isna(datum_)):
        return f"{titel}, {datum(datum_)}"
    if jaar is not None and not (isinstance(jaar, float) and jaar != jaar) and str(int(jaar)) not in titel:
        return f"{titel}, {int(jaar)}"
    return titel


def bronnen_index(lees) -> dict[str, tuple[str, str]]:
    """bron code -> (the document as a person reads it: title and date, the tabel), from
    ``queries.bronnen``."""
    df = lees("bronnen")
    return {r["code"]: (document_label(r["titel"], r["jaar"], r["datum"]), r["tabel"])
            for r in df.to_dict("records")}


def bronregel(index: dict[str, tuple[str, str]], codes: list[str] | str, peildatum: str | None = None) -> str:
    """A Dutch source line for one or more bron codes: per document its title and date and the
    tables, then the peildatum. Plain text (for charts too); ``md_escape`` it for Markdown."""
    codes = [codes] if isinstance(codes, str) else list(dict.fromkeys(codes))
    per_document: dict[str, list[str]] = {}
    for c in codes:
        if c in index:
            document, tabel_ = index[c]
            tabellen = per_document.setdefault(document, [])
            if tabel_ not in tabellen:
                tabellen.append(tabel_)
    text = "Bron: " + " · ".join(f"{d} — {'; '.join(t)}" for d, t in per_document.items())
    if peildatum:
        text += f" — peildatum {peildatum}"
    return text


def met_bron(df: pd.DataFrame, index: dict[str, tuple[str, str]], kolom: str = "bron",
             technisch: bool = False) -> pd.DataFrame:
    """``df`` with its bron codes (column ``kolom``) as a person reads them: 'Bron' (document
    title and date) and 'Tabel of paragraaf in de bron'; with ``technisch`` (downloads) the code
    follows as 'Bron (code)' in the last column."""
    codes = list(df[kolom])
    out = df.drop(columns=[kolom]).assign(**{
        "Bron": [index[c][0] if c in index else c for c in codes],
        "Tabel of paragraaf in de bron": [index[c][1] if c in index else "" for c in codes],
    })
    if technisch:
        out["Bron (code)"] = codes
    return out


def brondocumenten(lees) -> list[dict]:
    """Every source document, newest first: title, date as a person reads it, kind, organisation,
    the tables the dataset takes from it, and (for the detail) its file name and dating."""
    docs = lees("documenten")
    bronnen = lees("bronnen")
    uit = []
    for r in docs.to_dict("records"):
        tabellen = list(dict.fromkeys(bronnen.loc[bronnen["document"] == r["bestand"], "tabel"]))
        uit.append({
            "titel": r["titel"],
            "datum": datum(r["datum"]) if _aanwezig(r["datum"]) else (str(int(r["jaar"])) if _aanwezig(r["jaar"])
                                                                       else "datum onbekend"),
            "soort": r["soort"], "organisatie": r["organisatie"], "tabellen": tabellen,
            "bestand": r["bestand"], "datering": r["datering"] if _aanwezig(r["datering"]) else "",
            "_sorteer": (int(r["jaar"]) if _aanwezig(r["jaar"]) else 0, r["datum"] or dt.date(1, 1, 1)),
        })
    uit.sort(key=lambda d: d.pop("_sorteer"), reverse=True)
    return uit


def _aanwezig(value) -> bool:
    value = _py(value)
    return value is not None and not (isinstance(value, float) and value != value) and value is not pd.NaT


# ---------------------------------------------------------------- datasets for people: names, not codes

_CODE = re.compile(r"\b[A-Z]{2}\d{4}\b|\b[A-Z]{2,}\d*\b|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def zonder_codes(text: str, namen: dict[str, str]) -> str:
    """A text with gebied codes and coded values replaced by the words a person reads:
    'Beverwijk (GM0375)' -> 'Beverwijk', 'GM0453' -> 'Velsen', 'parttime_werk' -> 'parttime werk'.
    For texts written while loading (the computed data-quality notes)."""
    def vervang(m: re.Match) -> str:
        code = m.group(0)
        if code in namen:
            return namen[code]
        return catalog.WAARDE_LABELS.get(code, code)

    for code, naam in namen.items():
        text = text.replace(f"{naam} ({code})", naam)
    return _CODE.sub(vervang, text)


def dataset_leesbaar(lees, naam: str, technisch: bool = False) -> tuple[pd.DataFrame, dict[str, str | None]]:
    """Dataset ``naam`` as a person reads it: Dutch column headers, gebied names instead of
    codes, the source by document title, date and tabel, coded values in words; values keep
    their type (format with ``tabel``). With ``technisch`` the codes follow in extra columns
    '... (code)' and the file name as 'Bestand (herkomst)', for downloads.
    Returns the frame and the unit of each column (for ``tabel``)."""
    ds = catalog.dataset(naam)
    df = lees("dataset", naam)
    namen = lees("gebied_namen")
    bronnen = lees("bronnen").set_index("code") if any(c.ref == "bronnen" for c in ds.columns) else None
    docs = lees("documenten").set_index("bestand") if any(c.ref == "documenten" for c in ds.columns) else None
    out: dict[str, list] = {}
    units: dict[str, str | None] = {}
    tech: dict[str, list] = {}
    for c in ds.columns:
        waarden = list(df[c.name])
        if c.technisch:
            tech[c.kop] = waarden
            continue
        if c.ref == "gebieden":
            out[c.kop] = [namen.get(v, v) for v in waarden]
            tech[f"{c.kop} (code)"] = waarden
        elif c.ref == "bronnen":
            rijen = [bronnen.loc[v] if v in bronnen.index else None for v in waarden]
            out["Bron"] = [document_label(r["titel"], r["jaar"], r["datum"]) if r is not None else v
                           for r, v in zip(rijen, waarden, strict=True)]
            out["Tabel of paragraaf in de bron"] = [r["tabel"] if r is not None else "" for r in rijen]
            tech["Bron (code)"] = waarden
        elif c.ref == "documenten":
            rijen = [docs.loc[v] if v in docs.index else None for v in waarden]
            out[c.kop] = [document_label(r["titel"], r["jaar"], r["datum"]) if r is not None else v
                          for r, v in zip(rijen, waarden, strict=True)]
            tech["Bestand (herkomst)"] = waarden
        else:
            labels = [catalog.waarde_label(c, v) for v in waarden]
            out[c.kop] = labels
            units[c.kop] = c.unit
            if labels != waarden:
                tech[f"{c.kop} (code)"] = waarden
    frame = pd.DataFrame(out)
    if technisch:
        frame = pd.concat([frame, pd.DataFrame(tech)], axis=1)
    return frame, units


def dataset_tabel(lees, naam: str):
    """Dataset ``naam`` as a person reads it (``dataset_leesbaar``), every cell formatted by its
    catalog unit, for display."""
    frame, units = dataset_leesbaar(lees, naam)
    return tabel(frame, units)


def dataset_download(lees, naam: str) -> pd.DataFrame:
    """Dataset ``naam`` for a download: Dutch headers and words, the codes in technical columns."""
    return dataset_leesbaar(lees, naam, technisch=True)[0]


def datasets_overzicht(lees):
    """One row per dataset of the catalog: group, title, number of rows, description."""
    aantallen = lees("row_counts")
    return pd.DataFrame({
        "Groep": [ds.group for ds in catalog.DATASETS],
        "Dataset": [ds.title for ds in catalog.DATASETS],
        "Rijen": [getal(aantallen[ds.name]) for ds in catalog.DATASETS],
        "Omschrijving": [ds.description for ds in catalog.DATASETS],
    })


SOORT_NOTITIE = {"bronnotitie": "zo gelezen", "berekend bij laden": "verschil, berekend bij het inlezen"}


def _hoofdletter(text: str) -> str:
    return text[:1].upper() + text[1:]


def notities(lees) -> pd.DataFrame:
    """The data-quality notes as a person reads them: dataset title, kind, note (codes replaced
    by names), the difference and the source by title, date and tabel; codes in the last columns."""
    df = lees("datakwaliteit")
    namen = lees("gebied_namen")
    index = bronnen_index(lees)
    titels = {ds.name: ds.title for ds in catalog.DATASETS}
    return pd.DataFrame({
        "Dataset": [titels.get(d, d) for d in df["dataset"]],
        "Soort": [SOORT_NOTITIE.get(s, s) for s in df["soort"]],
        "Notitie": [_hoofdletter(zonder_codes(t, namen)) for t in df["omschrijving"]],
        "Verschil": list(df["verschil"]),
        "Bron": [index[b][0] if b in index else (b or "") for b in df["bron"]],
        "Tabel of paragraaf in de bron": [index[b][1] if b in index else "" for b in df["bron"]],
        "Dataset (code)": list(df["dataset"]),
        "Bron (code)": list(df["bron"]),
    })


def notities_markdown(lees) -> str:
    """The data-quality notes per dataset, as one Markdown text; all store text escaped."""
    df = notities(lees)
    return "\n\n".join(
        f"**{md_escape(titel)}**\n\n"
        + "\n".join(f"- {md_escape(r['Notitie'])} _({md_escape(r['Soort'])}; bron: {md_escape(r['Bron'])}"
                    + (f" — {md_escape(r['Tabel of paragraaf in de bron'])}" if r["Tabel of paragraaf in de bron"]
                       else "") + ")_"
                    for r in groep.to_dict("records"))
        for titel, groep in df.groupby("Dataset", sort=False))
