"""Figures and texts of the Fasen page: DataFrames in, Plotly figures and Dutch sentences out.

Two Sankey diagrams with a fixed node order and fixed colours, whatever the period:

- from the half-year table (public aggregates): stand begin and instroom -> fase -> stand eind
  and af, split by reason where ``fasen_uitstroom`` gives it;
- from trajectory events: instroom and the fase a client leaves -> the fase entered or the
  uitstroom reason. Its input has already passed the small-number rule
  (``trajecten.onderdruk``): a count below the threshold arrives as the text '< 5', is drawn
  with a fixed width and is never given exactly, not even in the figure's data.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from .. import catalog
from ..formatting import getal
from ..trajecten import UITSTROOMREDEN_LABELS, UITSTROOMREDENEN
from .common import ACCENT, NEUTRAAL, style

# sequential (viridis-like): the order of the fasen is the order of the colours
FASE_KLEUREN: dict[str, str] = dict(zip(catalog.FASEN, (
    "#3B2A7A", "#3E5A9E", "#2A8A8C", "#2FA66B", "#7CBF3F", "#C9B020"), strict=True))
STAND_KLEUR = "#8C8C8C"
INSTROOM_KLEUR = "#0072B2"
REDEN_KLEUREN = {
    "werk": "#009E73",
    "passende_plek": "#56B4E9",
    "voortijdig_afgebroken": "#D55E00",
    "overig": "#BBBBBB",
    "overig_af": "#CFCFCF",
}
RICHTING_KLEUREN = {
    "instroom": "#0072B2",
    "vooruit": "#009E73",
    "overgeslagen": "#56B4E9",
    "terug": ACCENT,
    "herhaald": NEUTRAAL,
    "uitstroom": "#7F7F7F",
}
RICHTING_LABELS = {
    "instroom": "instroom",
    "vooruit": "naar de volgende fase",
    "overgeslagen": "fase(n) overgeslagen",
    "terug": "terug naar een eerdere fase",
    "herhaald": "zelfde fase opnieuw",
    "uitstroom": "uitstroom",
}
TABEL_REDENEN = ("werk", "passende_plek", "voortijdig_afgebroken")
OVERIG_AF = "Overig af / doorstroom (niet uitgesplitst)"


def _rgba(hex_kleur: str, alpha: float) -> str:
    h = hex_kleur.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _y_posities(waarden: list[float], gat: float = 0.05) -> list[float]:
    """Centre positions (0..1) for the nodes of one column, in the given order."""
    n = len(waarden)
    totaal = sum(waarden) or 1.0
    ruimte = max(0.2, 1.0 - gat * (n - 1))
    out, pos = [], 0.0
    for v in waarden:
        h = ruimte * v / totaal
        out.append(min(0.999, max(0.001, pos + h / 2)))
        pos += h + gat
    return out


@dataclass(frozen=True)
class Stromen:
    """A Sankey as data: nodes in fixed order, links as a frame (bron, doel: node indexes)."""

    labels: list[str]
    kleuren: list[str]
    x: list[float]
    y: list[float]
    knoop_tekst: list[str]  # what the hover of a node says
    links: pd.DataFrame  # bron, doel, breedte, tekst, kleur


# ------------------------------------------------------------------ table Sankey


def tabel_stromen(fasen: pd.DataFrame, fasen_uitstroom: pd.DataFrame) -> Stromen:
    """Nodes and links of the table Sankey of one period.

    Nodes, always in this order: Stand begin, Instroom (bij), the six fasen, Stand eind,
    uitstroom naar werk / passende plek / voortijdig afgebroken, overig af. A fase's af that
    ``fasen_uitstroom`` does not split by reason goes to 'overig af / doorstroom'."""
    f = fasen[fasen["fase"] != catalog.TOTAAL].set_index("fase")
    u = fasen_uitstroom[fasen_uitstroom["fase"] != catalog.TOTAAL]
    labels = ["Stand begin", "Instroom (bij)", *catalog.FASEN, "Stand eind",
              *(f"Uitstroom: {UITSTROOMREDEN_LABELS[r]}" for r in TABEL_REDENEN), OVERIG_AF]
    kleuren = [STAND_KLEUR, INSTROOM_KLEUR, *(FASE_KLEUREN[x] for x in catalog.FASEN), STAND_KLEUR,
               *(REDEN_KLEUREN[r] for r in TABEL_REDENEN), REDEN_KLEUREN["overig_af"]]
    i_fase = {x: 2 + i for i, x in enumerate(catalog.FASEN)}
    i_eind = 2 + len(catalog.FASEN)
    i_reden = {r: i_eind + 1 + i for i, r in enumerate(TABEL_REDENEN)}
    i_overig = i_eind + 1 + len(TABEL_REDENEN)
    links = []

    def link(bron: int, doel: int, waarde: int) -> None:
        if waarde > 0:
            links.append({"bron": bron, "doel": doel, "breedte": int(waarde),
                          "tekst": f"{labels[bron]} → {labels[doel]}: {getal(waarde)}",
                          "kleur": _rgba(kleuren[doel if bron < 2 else bron], 0.4)})

    for fase in catalog.FASEN:
        if fase not in f.index:
            continue
        rij = f.loc[fase]
        link(0, i_fase[fase], rij["stand_begin"])
        link(1, i_fase[fase], rij["bij"])
    for fase in catalog.FASEN:
        if fase not in f.index:
            continue
        rij = f.loc[fase]
        link(i_fase[fase], i_eind, rij["stand_eind"])
        per_reden = u[u["fase"] == fase].set_index("reden")["aantal"]
        for r in TABEL_REDENEN:
            if r in per_reden.index:
                link(i_fase[fase], i_reden[r], per_reden[r])
        link(i_fase[fase], i_overig, int(rij["af"]) - int(per_reden.sum()))
    links_df = pd.DataFrame(links, columns=["bron", "doel", "breedte", "tekst", "kleur"])
    totaal_in = links_df.groupby("doel")["breedte"].sum()
    totaal_uit = links_df.groupby("bron")["breedte"].sum()
    waarden = [float(max(totaal_in.get(i, 0), totaal_uit.get(i, 0))) for i in range(len(labels))]
    knoop_tekst = [f"{lab}: {getal(int(v))}" for lab, v in zip(labels, waarden, strict=True)]
    x = [0.001, 0.001, *([0.5] * len(catalog.FASEN)), *([0.999] * (2 + len(TABEL_REDENEN)))]
    y = (_y_posities(waarden[:2]) + _y_posities(waarden[2:i_eind]) + _y_posities(waarden[i_eind:]))
    return Stromen(labels, kleuren, x, y, knoop_tekst, links_df)


def _sankey(s: Stromen, titel: str, ondertitel: str, bron: str, hoogte: int = 720) -> go.Figure:
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        valueformat=",d",
        node=dict(label=s.labels, color=s.kleuren, x=s.x, y=s.y, pad=14, thickness=22,
                  customdata=s.knoop_tekst, hovertemplate="%{customdata}<extra></extra>",
                  line=dict(color="white", width=0.5)),
        link=dict(source=list(s.links["bron"]), target=list(s.links["doel"]),
                  value=[float(v) for v in s.links["breedte"]], color=list(s.links["kleur"]),
                  customdata=list(s.links["tekst"]), hovertemplate="%{customdata}<extra></extra>"),
    ))
    fig = style(fig, titel, ondertitel, bron, hoogte=hoogte)
    fig.update_layout(margin=dict(l=20, r=20, t=110, b=90))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def tabel_sankey(fasen: pd.DataFrame, fasen_uitstroom: pd.DataFrame, titel: str, ondertitel: str,
                 bron: str) -> go.Figure:
    return _sankey(tabel_stromen(fasen, fasen_uitstroom), titel, ondertitel, bron)


# ------------------------------------------------------------------ transition Sankey


def overgang_stromen(overgangen: pd.DataFrame, drempel: int) -> Stromen:
    """Nodes and links of the transition Sankey from already-suppressed counts.

    Nodes, always in this order: Instroom, the six fasen a client leaves (left), the six fasen
    a client enters (right), uitstroom per reason. A count that arrives as text ('< 5') gets the
    width of half the threshold and its text as hover; the figure never holds its exact value."""
    labels = ["Instroom", *catalog.FASEN, *catalog.FASEN,
              *(f"Uitstroom: {UITSTROOMREDEN_LABELS[r]}" for r in UITSTROOMREDENEN)]
    kleuren = [INSTROOM_KLEUR, *(FASE_KLEUREN[x] for x in catalog.FASEN), *(FASE_KLEUREN[x] for x in catalog.FASEN),
               *(REDEN_KLEUREN[r] for r in UITSTROOMREDENEN)]
    n = len(catalog.FASEN)
    i_van = {x: 1 + i for i, x in enumerate(catalog.FASEN)}
    i_naar = {x: 1 + n + i for i, x in enumerate(catalog.FASEN)}
    i_reden = {r: 1 + 2 * n + i for i, r in enumerate(UITSTROOMREDENEN)}
    links = []
    for r in overgangen.to_dict("records"):
        bron = 0 if r["richting"] == "instroom" else i_van[r["van"]]
        doel = i_reden[r["reden"]] if r["richting"] == "uitstroom" else i_naar[r["naar"]]
        klein = isinstance(r["aantal"], str)
        tekst_aantal = r["aantal"] if klein else getal(r["aantal"])
        links.append({
            "bron": bron, "doel": doel, "breedte": drempel / 2 if klein else int(r["aantal"]),
            "tekst": f"{labels[bron]} → {labels[doel]} ({RICHTING_LABELS[r['richting']]}): {tekst_aantal}",
            "kleur": _rgba(RICHTING_KLEUREN[r["richting"]], 0.45),
        })
    links_df = pd.DataFrame(links, columns=["bron", "doel", "breedte", "tekst", "kleur"])
    # node hover names the node only: totals would let a small flow be worked out by subtraction
    knoop_tekst = list(labels)
    waarden_in = links_df.groupby("doel")["breedte"].sum() if len(links_df) else pd.Series(dtype=float)
    waarden_uit = links_df.groupby("bron")["breedte"].sum() if len(links_df) else pd.Series(dtype=float)
    waarden = [float(max(waarden_in.get(i, 0), waarden_uit.get(i, 0), 0.001)) for i in range(len(labels))]
    x = [0.001] * (1 + n) + [0.999] * (n + len(UITSTROOMREDENEN))
    y = _y_posities(waarden[:1 + n]) + _y_posities(waarden[1 + n:])
    return Stromen(labels, kleuren, x, y, knoop_tekst, links_df)


def overgangen_sankey(overgangen: pd.DataFrame, drempel: int, titel: str, ondertitel: str,
                      bron: str) -> go.Figure:
    return _sankey(overgang_stromen(overgangen, drempel), titel, ondertitel, bron)


# ------------------------------------------------------------------ bars


def netto_verandering(fasen: pd.DataFrame, titel: str, ondertitel: str, bron: str) -> go.Figure:
    """Stand eind − stand begin per fase (= bij − af), in the fixed fase order."""
    f = fasen[fasen["fase"] != catalog.TOTAAL].set_index("fase").reindex(
        [x for x in catalog.FASEN if x in set(fasen["fase"])])
    netto = (f["stand_eind"] - f["stand_begin"]).astype(int)
    fig = go.Figure(go.Bar(
        x=list(netto.index), y=list(netto.values),
        marker_color=[ACCENT if v < 0 else FASE_KLEUREN[x] for x, v in netto.items()],
        text=[("+" if v > 0 else "") + getal(v) for v in netto.values], textposition="outside",
        customdata=[f"{x}: {getal(int(r['stand_begin']))} + {getal(int(r['bij']))} − {getal(int(r['af']))} "
                    f"= {getal(int(r['stand_eind']))}" for x, r in f.iterrows()],
        hovertemplate="%{customdata}<extra></extra>",
    ))
    fig = style(fig, titel, ondertitel, bron, hoogte=520)
    fig.update_yaxes(title_text="verandering in aantal personen", rangemode="normal")
    fig.update_xaxes(tickangle=-20)
    return fig


UITSTROOM_SOORTEN = {
    "werkaanvaarding": "Werkaanvaarding",
    "parttime_werk": "Parttime werk",
    "maximale_participatie": "Maximale participatie",
}
UITSTROOM_KLEUREN = {"werkaanvaarding": "#009E73", "parttime_werk": "#56B4E9", "maximale_participatie": "#E69F00"}


def uitstroom_gemeenten(uitstroom: pd.DataFrame, titel: str, ondertitel: str, bron: str) -> go.Figure:
    """Grouped bars: uitstroom per soort for each gemeente and the IJmond total.

    A soort the document gives only for the IJmond total has no bar at the gemeenten."""
    gebieden = list(dict.fromkeys(
        uitstroom.sort_values(["gebied_soort", "gebied"])[["gebied", "naam"]].itertuples(index=False, name=None)))
    fig = go.Figure()
    for soort, label in UITSTROOM_SOORTEN.items():
        deel = uitstroom[uitstroom["soort"] == soort].set_index("gebied")
        if deel.empty:
            continue
        fig.add_bar(
            name=label, x=[naam for code, naam in gebieden if code in deel.index],
            y=[int(deel.at[code, "aantal"]) for code, _ in gebieden if code in deel.index],
            marker_color=UITSTROOM_KLEUREN[soort],
            text=[getal(int(deel.at[code, "aantal"])) for code, _ in gebieden if code in deel.index],
            textposition="outside", hovertemplate=f"{label} %{{x}}: %{{y:,d}}<extra></extra>",
        )
    fig = style(fig, titel, ondertitel, bron, hoogte=520)
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text="aantal inwoners")
    return fig


# ------------------------------------------------------------------ tables and texts


def fasen_tabel(fasen: pd.DataFrame) -> pd.DataFrame:
    """The half-year table as shown and downloaded: fixed order, Totaal last, net change added."""
    order = {x: i for i, x in enumerate((*catalog.FASEN, catalog.TOTAAL))}
    f = fasen.sort_values("fase", key=lambda s: s.map(order)).reset_index(drop=True)
    out = pd.DataFrame({
        "Fase": f["fase"],
        "Stand begin": f["stand_begin"].astype(int),
        "Bij": f["bij"].astype(int),
        "Af": f["af"].astype(int),
        "Stand eind": f["stand_eind"].astype(int),
        "Netto verandering": (f["stand_eind"] - f["stand_begin"]).astype(int),
    })
    return out


def overgangen_tabel(overgangen: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    """Suppressed transition counts as shown and downloaded (Dutch column names)."""
    return pd.DataFrame({
        "Gemeente": gemeente,
        "Van": overgangen["van"],
        "Naar": [f"Uitstroom: {UITSTROOMREDEN_LABELS.get(r, r)}" if richting == "uitstroom" else naar
                 for naar, richting, r in zip(overgangen["naar"], overgangen["richting"], overgangen["reden"],
                                              strict=True)],
        "Soort stroom": [RICHTING_LABELS[r] for r in overgangen["richting"]],
        "Aantal personen": [a if isinstance(a, str) else int(a) for a in overgangen["aantal"]],
    })


def boodschap_tabel(fasen: pd.DataFrame, periode: str) -> str:
    """The page's one message for the table view, from the figures of the period."""
    f = fasen.set_index("fase")
    tot = f.loc[catalog.TOTAAL] if catalog.TOTAAL in f.index else f.sum(numeric_only=True)
    fasen_only = f.drop(index=catalog.TOTAAL, errors="ignore")
    drukste = fasen_only["bij"].astype(int).idxmax()
    verschil = int(tot["stand_eind"]) - int(tot["stand_begin"])
    richting = "groeide" if verschil > 0 else "kromp" if verschil < 0 else "bleef gelijk"
    delta = f" met {getal(abs(verschil))} tot {getal(int(tot['stand_eind']))}" if verschil else \
        f" op {getal(int(tot['stand_eind']))}"
    return (f"In het {periode} stroomden {getal(int(tot['bij']))} inwoners een fase in en "
            f"{getal(int(tot['af']))} een fase uit; het aantal in traject {richting}{delta}. "
            f"De meeste instroom was in {drukste} ({getal(int(fasen_only.at[drukste, 'bij']))}).")


def boodschap_overgangen(overgangen: pd.DataFrame, periode: str, gemeente: str) -> str:
    """The one message for the event view; counts below the threshold stay '< N'."""
    def som(mask) -> str:
        vals = overgangen.loc[mask, "aantal"]
        if vals.empty:
            return "0"
        if any(isinstance(v, str) for v in vals):
            exact = sum(int(v) for v in vals if not isinstance(v, str))
            return f"ten minste {getal(exact)}" if exact else "een klein aantal"
        return getal(int(vals.sum()))

    return (f"{gemeente}, {periode}: {som(overgangen['richting'] == 'vooruit')} keer een stap vooruit, "
            f"{som(overgangen['richting'] == 'terug')} keer terug naar een eerdere fase en "
            f"{som(overgangen['richting'] == 'uitstroom')} keer uitstroom.")
