"""IJmond Werkt! in cijfers: periods, tables, messages and figures of the rapportage (pure).

Everything here takes query results (DataFrames) and returns plain values, DataFrames or
Plotly figures; nothing reads the store or Streamlit. The periods a page can choose from
are derived from the rows themselves (``periode_begin``/``periode_eind`` or ``peildatum``),
so a later rapportage in the store adds a period and a trend without code changes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from ijmond_dash import formatting as fmt
from ijmond_dash.charts.common import ACCENT, afbreken, categorie_as, kleur, style, tekst_plek

BETER = "#009E73"  # bluish green: better than target / afspraak gehaald
SLECHTER = ACCENT  # vermillion: worse than target / onder de afspraak
TOTAAL_KLEUR = "#444444"
VERZUIM_LANDELIJK = "#555555"

GROEP_LABELS = {"sw": "SW-medewerkers", "beschut": "Beschut Werk", "ambtelijk": "Ambtelijk (incl. payroll)"}
UITSTROOM_LABELS = {
    "werkaanvaarding": "Werkaanvaarding",
    "parttime_werk": "Parttime werk",
    "maximale_participatie": "Maximale participatie",
}
WSW_LABELS = {"wsw": "Wsw", "beschut": "Beschut Werk", "totaal": "Totaal"}
BENADERING_WOORDEN = {"ruim": "ruim", "ongeveer": "ongeveer", "vooralsnog": "vooralsnog", "afgerond": "afgerond"}
TERUGVLOEIING = "terugvloeiing_"  # kengetallen code prefixes the page shows
CORONA = "corona_"
TREND_LEEG = "De trend verschijnt zodra er meer dan één periode in de gegevens staat."


# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class Periode:
    """One reporting period (or peildatum: begin == eind) found in the data."""

    begin: dt.date
    eind: dt.date
    label: str
    is_peildatum: bool = False

    @property
    def peildatum(self) -> str:
        return fmt.datum(self.eind)

    @property
    def maanden(self) -> int:
        return (self.eind.year - self.begin.year) * 12 + self.eind.month - self.begin.month + 1


def _datum(value) -> dt.date:
    return pd.Timestamp(value).date()


def perioden(df: pd.DataFrame) -> list[Periode]:
    """The distinct periods of a dataset, oldest first, labelled the Dutch way."""
    if df.empty:
        return []
    if {"periode_begin", "periode_eind"} <= set(df.columns):
        paren = sorted(
            {(_datum(b), _datum(e)) for b, e in zip(df["periode_begin"], df["periode_eind"], strict=True)},
            key=lambda p: (p[1], p[0]),
        )
        return [Periode(b, e, fmt.periode(b, e)) for b, e in paren]
    if "peildatum" in df.columns:
        return [Periode(d, d, fmt.datum(d), True) for d in sorted({_datum(v) for v in df["peildatum"]})]
    raise KeyError("Dataset heeft geen periode of peildatum")


def kies_periode(opties: list[Periode], label: str | None) -> Periode:
    """The period with this label; the latest one when the label is unknown or empty."""
    for p in opties:
        if p.label == label:
            return p
    return opties[-1]


def in_periode(df: pd.DataFrame, periode: Periode) -> pd.DataFrame:
    if periode.is_peildatum:
        mask = df["peildatum"].map(_datum) == periode.eind
    else:
        mask = (df["periode_begin"].map(_datum) == periode.begin) & (df["periode_eind"].map(_datum) == periode.eind)
    return df[mask].reset_index(drop=True)


def met_periode(df: pd.DataFrame) -> pd.DataFrame:
    """The rows with a ``periode`` label column, oldest period first (for trends)."""
    opties = perioden(df)
    volgorde = {p.label: i for i, p in enumerate(opties)}
    out = df.copy()
    if opties and opties[0].is_peildatum:
        out["periode"] = [fmt.datum(_datum(d)) for d in df["peildatum"]]
    else:
        out["periode"] = [
            fmt.periode(_datum(b), _datum(e)) for b, e in zip(df["periode_begin"], df["periode_eind"], strict=True)
        ]
    out["_volgorde"] = out["periode"].map(volgorde)
    return out.sort_values("_volgorde", kind="stable").drop(columns="_volgorde").reset_index(drop=True)


def ongelijke_lengtes(opties: list[Periode]) -> bool:
    """True when the periods differ in length (a trend of counts would mislead)."""
    return len({p.maanden for p in opties if not p.is_peildatum}) > 1


# ---------------------------------------------------------------- small helpers


def nl_lijst(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def aantal_tekst(n, drempel: int) -> str:
    """A count of people, with counts from 1 to ``drempel`` − 1 shown as ``< drempel`` (privacy)."""
    n = fmt._py(n)
    if n is None:
        return "–"
    if 0 < n < drempel:
        return f"< {fmt.getal(drempel)}"
    return fmt.getal(n)


def is_klein(n, drempel: int) -> bool:
    n = fmt._py(n)
    return n is not None and 0 < n < drempel


def onderdruk(df: pd.DataFrame, kolom: str, drempel: int) -> pd.DataFrame:
    """A copy with small counts in ``kolom`` replaced by ``< drempel`` (for tables and downloads)."""
    out = df.copy()
    out[kolom] = pd.Series(
        [aantal_tekst(v, drempel) if is_klein(v, drempel) else int(v) for v in df[kolom]], index=df.index, dtype=object
    )
    return out


def benaderd(waarde, eenheid: str, benadering: str | None) -> str:
    """A kengetal the way the document says it: ``ruim € 1,2 mln``, ``ongeveer € 100.000``."""
    if eenheid == "euro":
        tekst = fmt.euro_kort(waarde)
    elif eenheid == "procent":
        tekst = fmt.procent(waarde, 0)
    elif eenheid == "jaar":
        tekst = f"{fmt.getal(waarde)} jaar"
    else:
        tekst = fmt.getal(waarde)
    woord = BENADERING_WOORDEN.get(benadering or "")
    return f"{woord} {tekst}" if woord else tekst


def resultaat_tekst(saldo_x1000) -> str:
    """The resultaat of the finance table (× € 1.000) in euros: ``€ 123.000 overschot``."""
    bedrag = int(fmt._py(saldo_x1000)) * 1000
    if bedrag > 0:
        return f"{fmt.euro(bedrag)} overschot"
    if bedrag < 0:
        return f"{fmt.euro(-bedrag)} tekort"
    return "€\xa00 (sluitend)"


def _wrap(text: str, breedte: int = 22) -> str:
    return afbreken(str(text), breedte)


def _dec(value) -> Decimal:
    return Decimal(str(fmt._py(value)))


# ---------------------------------------------------------------- WSP


def wsp_status(df: pd.DataFrame) -> pd.DataFrame:
    """WSP rows in table order with ``gehaald`` (realisatie ≥ afspraak)."""
    out = df.sort_values("volgorde").reset_index(drop=True).copy()
    out["gehaald"] = [int(r) >= int(a) for r, a in zip(out["realisatie"], out["afspraak"], strict=True)]
    return out


def wsp_tabel(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    s = wsp_status(df)
    tabel = pd.DataFrame(
        {
            "Indicator": s["indicator"],
            "Realisatie": s["realisatie"].astype(int),
            "Afspraak": s["afspraak"].astype(int),
            "Percentage van de afspraak": s["percentage"].astype(int),
            "Afspraak gehaald": s["gehaald"].map({True: "ja", False: "nee"}),
        }
    )
    return tabel, {"Percentage van de afspraak": "procent"}


def wsp_boodschap(df: pd.DataFrame, periode: Periode) -> str:
    s = wsp_status(df)
    gehaald = list(s.loc[s["gehaald"], "indicator"])
    tekst = f"{periode.label}: {fmt.getal(len(gehaald))} van de {fmt.getal(len(s))} WSP-afspraken gehaald"
    return tekst + (f" ({nl_lijst(gehaald)})." if gehaald else ".")


def wsp_figuur(df: pd.DataFrame, periode: Periode, bron: str) -> go.Figure:
    """Realisatie as a percentage of the afspraak per indicator, with the afspraak at 100%."""
    s = wsp_status(df).iloc[::-1]  # first indicator on top
    fig = go.Figure()
    hoogste = max([100, *[int(p) for p in s["percentage"]]]) * 1.25
    for gehaald, naam, kl in ((True, "Afspraak gehaald", BETER), (False, "Onder de afspraak", SLECHTER)):
        d = s[s["gehaald"] == gehaald]
        fig.add_bar(
            x=[int(p) for p in d["percentage"]],
            y=list(d["indicator"]),
            orientation="h",
            name=naam,
            marker_color=kl,
            customdata=list(d["indicator"]),
            text=[f"{fmt.getal(r)} van {fmt.getal(a)}" for r, a in zip(d["realisatie"], d["afspraak"], strict=True)],
            textposition=tekst_plek(d["percentage"], hoogste),
            cliponaxis=False,
            hovertemplate="%{customdata}<br>%{text} (%{x}%)<extra></extra>",
        )
    fig.add_vline(x=100, line_dash="dash", line_color="#222")
    fig.update_xaxes(
        title_text="% van de afspraak", ticksuffix="%", range=[0, hoogste], showgrid=True, gridcolor="#e5e5e5"
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=list(s["indicator"]), showgrid=False, **categorie_as(s["indicator"], 22)
    )
    fig.update_layout(barmode="overlay")
    return style(
        fig,
        f"WerkgeversServicepunt: realisatie tegen afspraak, {periode.label}",
        "Balk: gerealiseerd aantal als percentage van de afspraak; streeplijn: de afspraak (100%).",
        bron,
        hoogte=160 + 80 * len(s),
    )


def wsp_trend(df: pd.DataFrame, bron: str) -> go.Figure:
    d = met_periode(df)
    punten = pd.DataFrame({"periode": d["periode"], "reeks": d["indicator"], "waarde": d["percentage"].astype(int)})
    fig = trend(
        punten,
        "WSP: realisatie als % van de afspraak per periode",
        "Boven de streeplijn (100%) is de afspraak gehaald.",
        bron,
        "% van de afspraak",
        procent=True,
    )
    fig.add_hline(y=100, line_dash="dash", line_color="#222")
    return fig


# ---------------------------------------------------------------- uitstroom


def uitstroom_ijmond(df: pd.DataFrame) -> dict[str, int]:
    """IJmond totals per soort (the regio rows the document gives)."""
    d = df[df["gebied"] == "IJMOND"]
    waarden = {s: int(a) for s, a in zip(d["soort"], d["aantal"], strict=True)}
    volgorde = [*UITSTROOM_LABELS, *sorted(set(waarden) - set(UITSTROOM_LABELS))]
    return {s: waarden[s] for s in volgorde if s in waarden}


def uitstroom_boodschap(df: pd.DataFrame, periode: Periode) -> str:
    t = uitstroom_ijmond(df)
    delen = []
    if "werkaanvaarding" in t:
        delen.append(f"{fmt.getal(t['werkaanvaarding'])} inwoners uitgestroomd naar werk")
    if "parttime_werk" in t:
        delen.append(f"{fmt.getal(t['parttime_werk'])} naar parttime werk")
    if "maximale_participatie" in t:
        delen.append(f"{fmt.getal(t['maximale_participatie'])} met maximale participatie")
    return f"{periode.label}: " + (nl_lijst(delen) if delen else "geen uitstroom voor de IJmond als geheel") + "."


def _gemeenten(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["gebied_soort"] == "gemeente"]


def uitstroom_tabel(df: pd.DataFrame, drempel: int) -> pd.DataFrame:
    """One row per gebied, one column per soort; small counts as ``< drempel``."""
    d = df
    volgorde = {c: i for i, c in enumerate(("GM0375", "GM0396", "GM0453", "GM0450", "IJMOND", "IJMOND4"))}
    rijen = []
    for _gebied, part in sorted(d.groupby("gebied"), key=lambda kv: volgorde.get(kv[0], 99)):
        rij = {"Gebied": part["naam"].iloc[0]}
        for soort, label in UITSTROOM_LABELS.items():
            waarden = part.loc[part["soort"] == soort, "aantal"]
            if len(waarden):
                n = int(waarden.iloc[0])
                rij[label] = aantal_tekst(n, drempel) if is_klein(n, drempel) else n
            else:
                rij[label] = None
        rijen.append(rij)
    tabel = pd.DataFrame(rijen)
    leeg = [c for c in tabel.columns if c != "Gebied" and tabel[c].isna().all()]
    return tabel.drop(columns=leeg).astype(object)


def uitstroom_figuur(df: pd.DataFrame, periode: Periode, bron: str, drempel: int) -> go.Figure:
    """Werkaanvaarding and parttime werk per gemeente (the regio total is in the subtitle)."""
    g = _gemeenten(df)
    soorten = [s for s in UITSTROOM_LABELS if s in set(g["soort"])]
    fig = go.Figure()
    hoogste = max([int(a) for a in g["aantal"]] or [1])
    for code, part in sorted(g.groupby("gebied"), key=lambda kv: kv[0]):
        waarden = [part.loc[part["soort"] == s, "aantal"] for s in soorten]
        aantallen = [int(w.iloc[0]) if len(w) else None for w in waarden]
        fig.add_bar(
            y=[UITSTROOM_LABELS[s] for s in soorten],
            orientation="h",
            x=[0 if n is not None and is_klein(n, drempel) else n for n in aantallen],
            name=part["naam"].iloc[0],
            marker_color=kleur(code),
            text=[aantal_tekst(n, drempel) if n is not None else "" for n in aantallen],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"{part['naam'].iloc[0]}<br>%{{y}}: %{{text}}<extra></extra>",
        )
    t = uitstroom_ijmond(df)
    totaal = "; ".join(f"{UITSTROOM_LABELS[s].lower()} {fmt.getal(n)}" for s, n in t.items())
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(
        title_text="aantal inwoners", tickformat=",d", range=[0, hoogste * 1.15], showgrid=True, gridcolor="#e5e5e5"
    )
    fig.update_yaxes(autorange="reversed", showgrid=False)
    return style(
        fig,
        f"Uitstroom uit re-integratie per gemeente, {periode.label}",
        f"IJmond totaal: {totaal}." if totaal else "",
        bron,
        hoogte=200 + 110 * len(soorten),
    )


def uitstroom_trend(df: pd.DataFrame, bron: str) -> go.Figure:
    d = met_periode(df[df["gebied"] == "IJMOND"])
    punten = pd.DataFrame(
        {
            "periode": d["periode"],
            "reeks": d["soort"].map(lambda s: UITSTROOM_LABELS.get(s, s)),
            "waarde": d["aantal"].astype(int),
        }
    )
    return trend(
        punten,
        "Uitstroom IJmond per periode",
        "Aantal inwoners per soort uitstroom, IJmond totaal.",
        bron,
        "aantal inwoners",
    )


# ---------------------------------------------------------------- ziekteverzuim


def verzuim_status(df: pd.DataFrame) -> pd.DataFrame:
    """Verzuim rows with ``beter`` (realisatie ≤ target: lower is better) in a fixed group order."""
    volgorde = {g: i for i, g in enumerate(GROEP_LABELS)}
    out = df.copy()
    out["_v"] = out["groep"].map(lambda g: volgorde.get(g, 99))
    out = out.sort_values("_v").drop(columns="_v").reset_index(drop=True)
    out["beter"] = [_dec(r) <= _dec(t) for r, t in zip(out["realisatie"], out["target"], strict=True)]
    out["label"] = out["groep"].map(lambda g: GROEP_LABELS.get(g, g))
    return out


def verzuim_boodschap(df: pd.DataFrame, periode: Periode) -> str:
    s = verzuim_status(df)
    hoger = list(s.loc[~s["beter"], "label"])
    lager = list(s.loc[s["beter"], "label"])
    delen = []
    if hoger:
        delen.append(f"verzuim boven het target bij {nl_lijst(hoger)}")
    if lager:
        delen.append(f"{'op of onder' if hoger else 'verzuim op of onder'} het target bij {nl_lijst(lager)}")
    return f"{periode.label}: {'; '.join(delen)} (lager is beter)."


def verzuim_tabel(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    s = verzuim_status(df)
    tabel = pd.DataFrame(
        {
            "Groep": s["label"],
            "Realisatie": s["realisatie"].map(float),
            "Target": s["target"].map(float),
            "Afwijking t.o.v. target": s["afwijking"].map(float),
            "Landelijk": s["landelijk"].map(lambda v: None if v is None or pd.isna(v) else float(v)),
            "Beoordeling (lager is beter)": s["beter"].map(
                {True: "beter dan of gelijk aan target", False: "slechter dan target"}
            ),
        }
    )
    units = {c: "procent" for c in ("Realisatie", "Target", "Afwijking t.o.v. target", "Landelijk")}
    return tabel, units


def _verzuim_as(rij) -> str:
    """Axis label of a groep with its target and national figure, so the chart needs no floating labels."""
    delen = [f"target {fmt.procent(rij['target'])}"]
    if rij["landelijk"] is not None and not pd.isna(rij["landelijk"]):
        delen.append(f"landelijk {fmt.procent(rij['landelijk'])}")
    return "<br>".join([f"<b>{_wrap(rij['label'], 18)}</b>", *delen])


def verzuim_weergave(tabel: pd.DataFrame, units: dict[str, str]) -> pd.DataFrame:
    """The verzuim table for display: percentages with one decimal, as the rapportage gives them."""
    out = fmt.tabel(tabel, units)
    for col in units:
        out[col] = [fmt.procent(v, 1) if v is not None and not pd.isna(v) else "" for v in tabel[col]]
    return out


def verzuim_figuur(df: pd.DataFrame, periode: Periode, bron: str) -> go.Figure:
    """Realisatie per groep coloured by better/worse than target, with target and national markers."""
    s = verzuim_status(df)
    s["as"] = [_verzuim_as(r) for _, r in s.iterrows()]
    fig = go.Figure()
    for beter, naam, kl in (
        (True, "Realisatie op of onder target (beter)", BETER),
        (False, "Realisatie boven target (slechter)", SLECHTER),
    ):
        d = s[s["beter"] == beter]
        fig.add_bar(
            y=list(d["as"]),
            x=[float(v) for v in d["realisatie"]],
            name=naam,
            marker_color=kl,
            orientation="h",
            text=[fmt.procent(v) for v in d["realisatie"]],
            textposition="inside",
            insidetextanchor="start",
            textfont=dict(color="white", size=18),
            customdata=list(d["label"]),
            hovertemplate="%{customdata}<br>realisatie %{text}<extra></extra>",
        )
    fig.add_scatter(
        y=list(s["as"]),
        x=[float(v) for v in s["target"]],
        mode="markers",
        name="Target",
        marker=dict(symbol="line-ns", size=44, line=dict(width=5, color="#222")),
        customdata=[fmt.procent(v) for v in s["target"]],
        hovertemplate="target %{customdata}<extra></extra>",
    )
    land = s[s["landelijk"].map(lambda v: v is not None and not pd.isna(v))]
    if len(land):
        fig.add_scatter(
            y=list(land["as"]),
            x=[float(v) for v in land["landelijk"]],
            mode="markers",
            name="Landelijk",
            marker=dict(symbol="diamond", size=18, color=VERZUIM_LANDELIJK, line=dict(width=2, color="white")),
            customdata=[fmt.procent(v) for v in land["landelijk"]],
            hovertemplate="landelijk %{customdata}<extra></extra>",
        )
    fig.update_layout(barmode="overlay", bargap=0.35)
    fig.update_yaxes(categoryorder="array", categoryarray=list(s["as"]), autorange="reversed", showgrid=False)
    fig.update_xaxes(title_text="verzuim (%), lager is beter", ticksuffix="%", showgrid=True, gridcolor="#e5e5e5")
    return style(
        fig,
        f"Ziekteverzuim tegen target en landelijk, {periode.label}",
        "Lager is beter. Groen: op of onder het target; oranjerood: boven het target.",
        bron,
        hoogte=180 + 110 * len(s),
    )


def verzuim_trend(df: pd.DataFrame, bron: str) -> go.Figure:
    d = met_periode(verzuim_status(df))
    punten = pd.DataFrame({"periode": d["periode"], "reeks": d["label"], "waarde": d["realisatie"].map(float)})
    return trend(
        punten,
        "Ziekteverzuim per periode",
        "Realisatie per groep; lager is beter.",
        bron,
        "ziekteverzuim (%)",
        procent=True,
    )


# ---------------------------------------------------------------- Wsw en Beschut Werk


def wsw_boodschap(df: pd.DataFrame, periode: Periode) -> str:
    tot = df[df["soort"] == "totaal"]
    delen = [f"{naam} {fmt.getal(a)}" for naam, a in zip(tot["naam"], tot["aantal"], strict=True)]
    return f"Wsw en Beschut Werk samen op {periode.label}: {nl_lijst(delen)}."


def wsw_tabel(df: pd.DataFrame) -> pd.DataFrame:
    rijen = []
    for _code, part in df.groupby("gebied", sort=False):
        rij = {"Regio": part["naam"].iloc[0]}
        for soort, label in WSW_LABELS.items():
            w = part.loc[part["soort"] == soort, "aantal"]
            rij[label] = int(w.iloc[0]) if len(w) else None
        rijen.append(rij)
    return pd.DataFrame(rijen).astype(object)


def wsw_figuur(df: pd.DataFrame, periode: Periode, bron: str) -> go.Figure:
    """Wsw and Beschut Werk per regio (the totaal row is in the table and the subtitle)."""
    fig = go.Figure()
    soorten = [s for s in ("wsw", "beschut") if s in set(df["soort"])]
    for code, part in df.groupby("gebied", sort=False):
        waarden = [part.loc[part["soort"] == s, "aantal"] for s in soorten]
        y = [int(w.iloc[0]) if len(w) else None for w in waarden]
        fig.add_bar(
            x=[WSW_LABELS[s] for s in soorten],
            y=y,
            name=part["naam"].iloc[0],
            marker_color=kleur(code),
            text=[fmt.getal(v) for v in y],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"{part['naam'].iloc[0]}<br>%{{x}}: %{{text}}<extra></extra>",
        )
    tot = df[df["soort"] == "totaal"]
    sub = "; ".join(f"{n} totaal {fmt.getal(a)}" for n, a in zip(tot["naam"], tot["aantal"], strict=True))
    fig.update_layout(barmode="group")
    hoogste = max([int(a) for a in df.loc[df["soort"] != "totaal", "aantal"]] or [1])
    fig.update_yaxes(title_text="aantal", tickformat=",d", range=[0, hoogste * 1.15])
    return style(fig, f"Wsw en Beschut Werk: IJmond en Zuid-Kennemerland, {periode.label}", sub, bron)


def wsw_trend(df: pd.DataFrame, bron: str) -> go.Figure:
    d = met_periode(df[df["soort"] != "totaal"])
    punten = pd.DataFrame(
        {
            "periode": d["periode"],
            "reeks": [f"{n} – {WSW_LABELS.get(s, s)}" for n, s in zip(d["naam"], d["soort"], strict=True)],
            "waarde": d["aantal"].astype(int),
        }
    )
    return trend(punten, "Wsw en Beschut Werk per peildatum", "Aantal per regio en soort.", bron, "aantal")


def beschut_totaal(df: pd.DataFrame) -> tuple[str, int] | None:
    regio = df[df["gebied_soort"] == "regio"]
    if regio.empty:
        return None
    return str(regio["naam"].iloc[0]), int(regio["aantal"].iloc[0])


def beschut_tabel(df: pd.DataFrame, drempel: int) -> pd.DataFrame:
    d = df.copy()
    d["_regio"] = d["gebied_soort"] == "regio"
    d = d.sort_values(["_regio", "naam"]).reset_index(drop=True)
    tabel = pd.DataFrame({"Gemeente": d["naam"], "Dienstverbanden Beschut Werk": d["aantal"].astype(int)})
    return onderdruk(tabel, "Dienstverbanden Beschut Werk", drempel)


def beschut_figuur(df: pd.DataFrame, periode: Periode, bron: str, drempel: int) -> go.Figure:
    g = _gemeenten(df).sort_values("naam")
    aantallen = [int(a) for a in g["aantal"]]
    fig = go.Figure(
        go.Bar(
            y=list(g["naam"]),
            x=[0 if is_klein(n, drempel) else n for n in aantallen],
            orientation="h",
            marker_color=[kleur(c) for c in g["gebied"]],
            text=[aantal_tekst(n, drempel) for n in aantallen],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    tot = beschut_totaal(df)
    sub = f"Totaal {tot[0]}: {fmt.getal(tot[1])}." if tot else ""
    fig.update_xaxes(
        title_text="aantal dienstverbanden",
        tickformat=",d",
        range=[0, max(aantallen or [1]) * 1.15],
        showgrid=True,
        gridcolor="#e5e5e5",
    )
    fig.update_yaxes(autorange="reversed", showgrid=False)
    return style(
        fig,
        f"Beschut Werk: dienstverbanden per gemeente, {periode.label}",
        sub
        + (
            " Uitgeest neemt geen deel aan de GR maar heeft wel dienstverbanden."
            if "GM0450" in set(g["gebied"])
            else ""
        ),
        bron,
        hoogte=160 + 60 * len(g),
    )


def beschut_trend(df: pd.DataFrame, bron: str) -> go.Figure:
    d = met_periode(df)
    punten = pd.DataFrame({"periode": d["periode"], "reeks": d["naam"], "waarde": d["aantal"].astype(int)})
    kleuren = dict(zip(d["naam"], [kleur(c) for c in d["gebied"]], strict=False))
    return trend(
        punten,
        "Beschut Werk: dienstverbanden per peildatum",
        "Per gemeente en totaal.",
        bron,
        "aantal dienstverbanden",
        kleuren=kleuren,
    )


# ---------------------------------------------------------------- financien


MEASURES = {"programma": "relative", "reserve": "relative", "saldo": "absolute", "resultaat": "absolute"}


def financien_rijen(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("volgorde").reset_index(drop=True)


def financien_resultaat(df: pd.DataFrame) -> int | None:
    r = df[df["soort"] == "resultaat"]
    return int(r["saldo"].iloc[0]) if len(r) else None


def financien_boodschap(df: pd.DataFrame, periode: Periode) -> str:
    res = financien_resultaat(df)
    if res is None:
        return f"{periode.label}: geen resultaat in de gegevens."
    return f"{periode.label}: resultaat {resultaat_tekst(res)}."


def financien_tabel(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    d = financien_rijen(df)
    tabel = pd.DataFrame(
        {
            "Regel": d["regel"],
            "Baten (× € 1.000)": d["baten"].astype(int),
            "Lasten (× € 1.000)": d["lasten"].astype(int),
            "Saldo (× € 1.000)": d["saldo"].astype(int),
        }
    )
    return tabel, {c: "euro_x1000" for c in tabel.columns if c != "Regel"}


def regel_label(regel: str, alle: list[str] | None = None) -> str:
    """A finance line as words: "6.4 623 Re-integratie …" -> "Re-integratie …". The taakveld
    number stays, as words, only where two lines would otherwise read the same."""
    m = re.match(r"^(\d+(?:\.\d+)?)\s+(\d+)\s+(.+)$", str(regel))
    if not m:
        return str(regel)
    naam = m.group(3)
    gelijk = [r for r in (alle or []) if re.sub(r"^\d+(?:\.\d+)?\s+\d+\s+", "", str(r)) == naam]
    return f"{naam} (taakveld {m.group(1)})" if len(gelijk) > 1 else naam


def financien_waterval(df: pd.DataFrame, periode: Periode, bron: str) -> go.Figure:
    """From the programme saldi through the reserves to the resultaat (× € 1.000).

    Saldo and resultaat are drawn as the stored values (measure 'absolute'), not as Plotly's
    running sum, so the chart shows what the document says."""
    d = financien_rijen(df)
    grens = 0.3 * max([abs(int(v)) for v in d["saldo"]] or [0]) or 1
    regels = list(d["regel"])
    fig = go.Figure(
        go.Waterfall(
            orientation="h",
            y=[regel_label(r, regels) for r in regels],
            x=[int(v) for v in d["saldo"]],
            measure=[MEASURES.get(s, "relative") for s in d["soort"]],
            text=[fmt.getal(v) for v in d["saldo"]],
            cliponaxis=False,
            textposition=["inside" if abs(int(v)) >= grens else "outside" for v in d["saldo"]],
            increasing=dict(marker=dict(color=BETER)),
            decreasing=dict(marker=dict(color=SLECHTER)),
            totals=dict(marker=dict(color=TOTAAL_KLEUR)),
            connector=dict(line=dict(color="#999", dash="dot")),
            hovertemplate="%{y}<br>%{text} × € 1.000<extra></extra>",
            showlegend=False,
        )
    )
    res = financien_resultaat(df)
    fig.update_xaxes(
        title_text="× € 1.000", tickformat=",d", showgrid=True, gridcolor="#e5e5e5", zeroline=True, zerolinecolor="#888"
    )
    fig.update_yaxes(
        autorange="reversed",
        tickfont=dict(size=14),
        showgrid=False,
        **categorie_as([regel_label(r, regels) for r in regels], 30),
    )
    return style(
        fig,
        f"Van saldo per programma naar resultaat, {periode.label}",
        "Bedragen × € 1.000 zoals in de rapportage; donkergrijs: saldo en resultaat."
        + (f" Resultaat: {resultaat_tekst(res)}." if res is not None else ""),
        bron,
        hoogte=140 + 72 * len(d),
    )


def financien_trend(df: pd.DataFrame, bron: str) -> go.Figure:
    d = met_periode(df[df["soort"].isin(["saldo", "resultaat"])])
    punten = pd.DataFrame({"periode": d["periode"], "reeks": d["regel"], "waarde": d["saldo"].astype(int)})
    return trend(punten, "Saldo en resultaat per periode", "Bedragen × € 1.000.", bron, "× € 1.000")


def kengetallen_tabel(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Omschrijving": df["omschrijving"],
            "Bedrag zoals het document het noemt": [
                benaderd(w, e, b) for w, e, b in zip(df["waarde"], df["eenheid"], df["benadering"], strict=True)
            ],
            "Waarde": df["waarde"].astype(int),
            "Eenheid": df["eenheid"],
            "Benadering": df["benadering"],
            "Periode": df["periode"],
        }
    )


def corona_figuur(df: pd.DataFrame, bron: str) -> go.Figure:
    """The corona effects on the herziene begroting 2020, with the document's approximation words."""
    d = df.iloc[::-1]
    # the amount in the label, the document's words with it: it never runs out of a narrow chart
    bedragen = [benaderd(w, e, b) for w, e, b in zip(d["waarde"], d["eenheid"], d["benadering"], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=[int(w) for w in d["waarde"]],
            y=[f"{_wrap(o, 26)}<br><b>{b}</b>" for o, b in zip(d["omschrijving"], bedragen, strict=True)],
            orientation="h",
            marker_color=SLECHTER,
            text=bedragen,
            textposition="none",
            showlegend=False,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    # the amounts are in the labels: no tick labels to crowd a narrow chart
    fig.update_xaxes(showticklabels=False, ticks="", showgrid=True, gridcolor="#e5e5e5", range=[0, None])
    fig.update_yaxes(showgrid=False)
    periode = ", ".join(dict.fromkeys(df["periode"]))
    return style(
        fig,
        f"Corona-effecten, {periode}",
        "Nadelig effect op het resultaat, zoals genoemd in de "
        "sessie van juni 2020; woorden als 'ongeveer' zijn die van het document.",
        bron,
        hoogte=160 + 90 * len(d),
    )


# ---------------------------------------------------------------- trend (shared)


def trend(
    punten: pd.DataFrame,
    titel: str,
    ondertitel: str,
    bron: str,
    y_titel: str,
    procent: bool = False,
    kleuren: dict[str, str] | None = None,
) -> go.Figure:
    """Lines per ``reeks`` over ``periode`` (category axis in the given order)."""
    fig = go.Figure()
    palet = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#222222", "#999999")
    for i, (reeks, part) in enumerate(punten.groupby("reeks", sort=False)):
        kl = (kleuren or {}).get(reeks, palet[i % len(palet)])
        fig.add_scatter(
            x=list(part["periode"]),
            y=list(part["waarde"]),
            mode="lines+markers",
            name=str(reeks),
            line=dict(color=kl, width=3),
            marker=dict(size=10, color=kl),
            text=[fmt.procent(v) if procent else fmt.getal(v) for v in part["waarde"]],
            hovertemplate=f"{reeks}<br>%{{x}}: %{{text}}<extra></extra>",
        )
    perioden = list(dict.fromkeys(punten["periode"]))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=perioden, **categorie_as(perioden, 12))
    waarden = [float(v) for v in punten["waarde"]]
    onder, boven = min([0.0, *waarden]), max([0.0, *waarden])
    fig.update_yaxes(
        title_text=y_titel,
        ticksuffix="%" if procent else "",
        tickformat=",~r" if procent else ",d",
        range=[onder * 1.2, boven * 1.2 or 1],
    )
    return style(fig, titel, ondertitel, bron)
