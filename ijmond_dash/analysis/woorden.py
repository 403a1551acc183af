"""The store's data in words for a person: sources as document title and date (never a file
name), datasets with Dutch headers and names instead of codes, data-quality notes as sentences.

Pure functions over a query reader ``lees`` (``queries.lezer(engine)`` in tests, the cached
reader in the UI); no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ijmond_dash.formatting import _py, datum, getal, md_escape, tabel
from ijmond_dash.store import catalog

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
    return {r["code"]: (document_label(r["titel"], r["jaar"], r["datum"]), r["tabel"]) for r in df.to_dict("records")}


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


def met_bron(
    df: pd.DataFrame, index: dict[str, tuple[str, str]], kolom: str = "bron", technisch: bool = False
) -> pd.DataFrame:
    """``df`` with its bron codes (column ``kolom``) as a person reads them: 'Bron' (document
    title and date) and 'Tabel of paragraaf in de bron'; with ``technisch`` (downloads) the code
    follows as 'Bron (code)' in the last column."""
    codes = list(df[kolom])
    out = df.drop(columns=[kolom]).assign(
        **{
            "Bron": [index[c][0] if c in index else c for c in codes],
            "Tabel of paragraaf in de bron": [index[c][1] if c in index else "" for c in codes],
        }
    )
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
        uit.append(
            {
                "titel": r["titel"],
                "datum": datum(r["datum"])
                if _aanwezig(r["datum"])
                else (str(int(r["jaar"])) if _aanwezig(r["jaar"]) else "datum onbekend"),
                "soort": r["soort"],
                "organisatie": r["organisatie"],
                "tabellen": tabellen,
                "bestand": r["bestand"],
                "datering": r["datering"] if _aanwezig(r["datering"]) else "",
                "_sorteer": (int(r["jaar"]) if _aanwezig(r["jaar"]) else 0, r["datum"] or dt.date(1, 1, 1)),
            }
        )
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


def dataset_leesbaar(
    lees, naam: str, technisch: bool = False, rijen: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, dict[str, str | None]]:
    """Dataset ``naam`` as a person reads it: Dutch column headers, gebied names instead of
    codes, the source by document title, date and tabel, coded values in words; values keep
    their type (format with ``tabel``). With ``technisch`` the codes follow in extra columns
    '... (code)' and the file name as 'Bestand (herkomst)', for downloads. ``rijen``: rows of
    the dataset that are not stored (yet), e.g. an import's preview; default the stored rows.
    Returns the frame and the unit of each column (for ``tabel``)."""
    ds = catalog.dataset(naam)
    df = lees("dataset", naam) if rijen is None else rijen
    namen = lees("gebied_namen")
    refs = {c.ref for c in ds.columns}
    bronnen = lees("bronnen").set_index("code") if "bronnen" in refs else pd.DataFrame()
    docs = lees("documenten").set_index("bestand") if "documenten" in refs else pd.DataFrame()
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
            out["Bron"] = [
                document_label(r["titel"], r["jaar"], r["datum"]) if r is not None else v
                for r, v in zip(rijen, waarden, strict=True)
            ]
            out["Tabel of paragraaf in de bron"] = [r["tabel"] if r is not None else "" for r in rijen]
            tech["Bron (code)"] = waarden
        elif c.ref == "documenten":
            rijen = [docs.loc[v] if v in docs.index else None for v in waarden]
            out[c.kop] = [
                document_label(r["titel"], r["jaar"], r["datum"]) if r is not None else v
                for r, v in zip(rijen, waarden, strict=True)
            ]
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
    return pd.DataFrame(
        {
            "Groep": [ds.group for ds in catalog.DATASETS],
            "Dataset": [ds.title for ds in catalog.DATASETS],
            "Rijen": [getal(aantallen[ds.name]) for ds in catalog.DATASETS],
            "Omschrijving": [ds.description for ds in catalog.DATASETS],
        }
    )


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
    return pd.DataFrame(
        {
            "Dataset": [titels.get(d, d) for d in df["dataset"]],
            "Soort": [SOORT_NOTITIE.get(s, s) for s in df["soort"]],
            "Notitie": [_hoofdletter(zonder_codes(t, namen)) for t in df["omschrijving"]],
            "Verschil": list(df["verschil"]),
            "Bron": [index[b][0] if b in index else (b or "") for b in df["bron"]],
            "Tabel of paragraaf in de bron": [index[b][1] if b in index else "" for b in df["bron"]],
            "Dataset (code)": list(df["dataset"]),
            "Bron (code)": list(df["bron"]),
        }
    )


def notities_markdown(lees) -> str:
    """The data-quality notes per dataset, as one Markdown text; all store text escaped."""
    df = notities(lees)
    return "\n\n".join(
        f"**{md_escape(titel)}**\n\n"
        + "\n".join(
            f"- {md_escape(r['Notitie'])} _({md_escape(r['Soort'])}; bron: {md_escape(r['Bron'])}"
            + (f" — {md_escape(r['Tabel of paragraaf in de bron'])}" if r["Tabel of paragraaf in de bron"] else "")
            + ")_"
            for r in groep.to_dict("records")
        )
        for titel, groep in df.groupby("Dataset", sort=False)
    )
