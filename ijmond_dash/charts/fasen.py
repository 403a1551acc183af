"""Figures and texts of the Fasen page: DataFrames in, Plotly figures and Dutch sentences out.

Two Sankey diagrams with a fixed node order and fixed colours, whatever the period, each with
its count written next to every node and every shown flow (a projector has no hover):

- from the half-year table (public aggregates): instroom -> fase -> uit een fase -> the reason
  of leaving where ``fasen_uitstroom`` gives it. Only fans, so no two flows cross; each
  fase's own split by reason is in the table and the hover. The stand at the start and the
  end of the period is in the fase's label;
- from trajectory events: instroom and the fase a client leaves -> the fase entered or the
  uitstroom reason. Its input has already passed the small-number rule
  (``trajecten.onderdruk``): a count below the threshold arrives as the text '< 5', is drawn
  with a fixed width and is never given exactly, not even in the figure's data. Flows too
  thin to carry their number are grouped per fase into one flow to "kleine stromen".

Labels are placed by ``_indeling``, not by Plotly: every column's labels lie in their own
lane beside the nodes, wrapped to the lane's width on a phone, and the nodes are spaced so
that no two labels of a lane meet (Plotly's own node labels overlap the flows and each other).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ijmond_dash.charts.common import ACCENT, MARGE, MEESCHALEN, NEUTRAAL, afbreken, categorie_as, style
from ijmond_dash.formatting import getal
from ijmond_dash.imports.trajecten import UITSTROOMREDEN_LABELS, UITSTROOMREDENEN
from ijmond_dash.store import catalog

# sequential (viridis-like): the order of the fasen is the order of the colours
FASE_KLEUREN: dict[str, str] = dict(
    zip(catalog.FASEN, ("#3B2A7A", "#3E5A9E", "#2A8A8C", "#2FA66B", "#7CBF3F", "#C9B020"), strict=True)
)
STAND_KLEUR = "#8C8C8C"
INSTROOM_KLEUR = "#0072B2"
AF_KLEUR = "#6E6E6E"
KLEIN_KLEUR = "#BBBBBB"
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
INSTROOM = "Instroom in een fase"
AF = "Uit een fase"
OVERIG_AF = "Doorstroom of niet uitgesplitst"
KLEINE_STROMEN = "Kleine stromen"

SANKEY_HOOGTE = 620
LABEL_FONT = 14  # px: the node labels
REGEL_PX = 1.3 * LABEL_FONT  # one line of a label
LAAN_TEKENS = 14  # characters per line: a lane is about 100 px wide on a phone
RECHTS_TEKENS = 12  # the lane right of the last column is narrower
DIKTE = 18  # node thickness, px
TUSSENRUIMTE = 10  # px between two labels of one column
STROOM_PX = 1.3 * (LABEL_FONT - 1)  # one flow's number


def _rgba(hex_kleur: str, alpha: float) -> str:
    h = hex_kleur.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


@dataclass(frozen=True)
class Stromen:
    """A Sankey as data: nodes in fixed order, links as a frame (bron, doel: node indexes).

    ``kolom`` is each node's column (left to right), ``tekst`` what its label says (with its
    count), ``knoop_tekst`` what its hover says; ``links`` has bron, doel, breedte, tekst
    (hover), kleur and label (the count written on the flow, or '' when a node label says it)."""

    labels: list[str]
    kleuren: list[str]
    kolom: list[int]
    tekst: list[str]
    knoop_tekst: list[str]
    links: pd.DataFrame


@dataclass(frozen=True)
class Indeling:
    """Where ``_indeling`` put the nodes and their labels (fractions of the plot, y from the top)."""

    x: list[float]
    y: list[float]
    pad: float
    ky: float  # px per person
    hoogte: int  # figure height, px


def _waarden(s: Stromen) -> list[float]:
    """Plotly's node size: the larger of what flows in and what flows out."""
    uit = s.links.groupby("bron")["breedte"].sum() if len(s.links) else pd.Series(dtype=float)
    in_ = s.links.groupby("doel")["breedte"].sum() if len(s.links) else pd.Series(dtype=float)
    return [float(max(uit.get(i, 0), in_.get(i, 0))) for i in range(len(s.labels))]


def _regels(tekst: str) -> int:
    return str(tekst).count("<br>") + 1


def _plotly_ky(kolommen: list[list[int]], waarden: list[float], hoogte_px: float, pad: float) -> float:
    """The px per unit Plotly's Sankey (d3-sankey) gives with this node padding."""
    meeste = max(len(k) for k in kolommen)
    py = min(pad, hoogte_px / (meeste - 1)) if meeste > 1 else pad
    return min((hoogte_px - (len(k) - 1) * py) / (sum(waarden[i] for i in k) or 1) for k in kolommen)


def _indeling(
    s: Stromen, x_kolom: list[float], bovenband: tuple[int, ...] = (), hoogte: int = SANKEY_HOOGTE
) -> Indeling:
    """Node positions such that every node label has room beside its node.

    Each node gets a slot as high as the larger of its bar and its label; the slots of a
    column are stacked and centred. ``bovenband``: columns whose (single) label sits in a
    band across the top, above every column's nodes. The node
    padding is chosen so that Plotly draws the bars exactly as high as planned; when the
    labels need more room than ``hoogte`` gives, the figure grows."""
    waarden = _waarden(s)
    n_kol = max(s.kolom) + 1
    kolommen = [[i for i, k in enumerate(s.kolom) if k == c and waarden[i] > 0] for c in range(n_kol)]
    kolommen = [k for k in kolommen if k]
    # a node's slot holds its label and, beside the node, the number of each of its flows
    stroom_px = (
        s.links[s.links["label"] != ""].groupby("bron").size() * STROOM_PX if len(s.links) else pd.Series(dtype=float)
    )
    label_px = [max(_regels(t) * REGEL_PX, float(stroom_px.get(i, 0))) for i, t in enumerate(s.tekst)]
    band = max((label_px[i] for i in range(len(s.labels)) if s.kolom[i] in bovenband), default=0)
    band = band + TUSSENRUIMTE if band else 0
    while True:
        h = hoogte - MARGE["t"] - MARGE["b"]

        def past(pad: float, h: float = h) -> bool:  # this round's height
            ky = _plotly_ky(kolommen, waarden, h, pad)
            return all(
                band
                + sum(max(waarden[i] * ky, 0 if s.kolom[i] in bovenband else label_px[i]) for i in k)
                + TUSSENRUIMTE * (len(k) - 1)
                <= h
                for k in kolommen
            )

        meeste = max(len(k) for k in kolommen)
        hoogste_pad = h / (meeste - 1) if meeste > 1 else h
        if past(hoogste_pad):
            onder, boven = 0.0, hoogste_pad
            for _ in range(40):
                midden = (onder + boven) / 2
                onder, boven = (onder, midden) if past(midden) else (midden, boven)
            pad = boven
            break
        hoogte += 40
    ky = _plotly_ky(kolommen, waarden, h, pad)
    x = [0.5] * len(s.labels)
    y = [0.5] * len(s.labels)
    for k in kolommen:
        sloten = [max(waarden[i] * ky, 0 if s.kolom[i] in bovenband else label_px[i]) for i in k]
        gebruikt = sum(sloten) + TUSSENRUIMTE * (len(k) - 1)
        pos = band + (h - band - gebruikt) / 2
        for i, slot in zip(k, sloten, strict=True):
            x[i] = x_kolom[s.kolom[i]]
            y[i] = (pos + slot / 2) / h
            pos += slot + TUSSENRUIMTE
    return Indeling(x, y, pad, ky, hoogte)


def _spreiden(ideaal: list[float], afstand: float, boven: float, onder: float) -> list[float]:
    """Centres near ``ideaal`` (ascending), at least ``afstand`` apart, within [boven, onder]."""
    uit: list[float] = []
    for y in ideaal:
        uit.append(max(y, boven + afstand / 2, (uit[-1] + afstand) if uit else y))
    for i in range(len(uit) - 1, -1, -1):
        grens = onder - afstand / 2 if i == len(uit) - 1 else uit[i + 1] - afstand
        uit[i] = min(uit[i], grens)
    return uit


def _sankey(s: Stromen, titel: str, ondertitel: str, bron: str, x_kolom: list[float], kant: list[str]) -> go.Figure:
    """The Sankey with its labels. ``kant[c]``: where column c's labels go: 'links' or
    'rechts' of the node, or 'boven' (the band above the plot)."""
    ind = _indeling(s, x_kolom, tuple(c for c, k in enumerate(kant) if k == "boven"))
    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            valueformat=",d",
            node=dict(
                label=[""] * len(s.labels),
                color=s.kleuren,
                x=ind.x,
                y=ind.y,
                pad=ind.pad,
                thickness=DIKTE,
                customdata=s.knoop_tekst,
                hovertemplate="%{customdata}<extra></extra>",
                line=dict(color="white", width=0.5),
            ),
            link=dict(
                source=list(s.links["bron"]),
                target=list(s.links["doel"]),
                value=[float(v) for v in s.links["breedte"]],
                color=list(s.links["kleur"]),
                customdata=list(s.links["tekst"]),
                hovertemplate="%{customdata}<extra></extra>",
            ),
        )
    )
    h = ind.hoogte - MARGE["t"] - MARGE["b"]
    waarden = _waarden(s)
    achter = dict(
        bgcolor="rgba(255,255,255,0.85)",
        borderpad=1,
        showarrow=False,
        xref="paper",
        yref="paper",
        font=dict(size=LABEL_FONT, color="#1a1a1a"),
    )
    for i, tekst in enumerate(s.tekst):
        if waarden[i] <= 0:
            continue
        c = s.kolom[i]
        if kant[c] == "boven":
            fig.add_annotation(
                text=tekst,
                x=ind.x[i],
                xshift=-DIKTE / 2,
                xanchor="left",
                y=1,
                yanchor="top",
                align="left",
                name="knoop",
                **achter,
            )
        else:
            links = kant[c] == "links"
            fig.add_annotation(
                text=tekst,
                x=ind.x[i],
                xshift=(-1 if links else 1) * (DIKTE / 2 + 4),
                xanchor="right" if links else "left",
                align="right" if links else "left",
                y=1 - ind.y[i],
                yanchor="middle",
                name="knoop",
                **achter,
            )
    # a flow's own number, at the flow's start, where a node label does not already give it;
    # as close to its flow as the numbers of the node's other flows allow
    for bron_i, groep in s.links.groupby("bron", sort=False):
        groep = groep.assign(_doel_y=[ind.y[d] for d in groep["doel"]]).sort_values("_doel_y")
        boven = ind.y[bron_i] * h - waarden[bron_i] * ind.ky / 2
        midden = []
        for r in groep.itertuples():
            dikte = float(r.breedte) * ind.ky
            if r.label:
                midden.append((r.label, boven + dikte / 2))
            boven += dikte
        slot = max(waarden[bron_i] * ind.ky, len(midden) * STROOM_PX)
        for label, y in zip(
            (m[0] for m in midden),
            _spreiden([m[1] for m in midden], STROOM_PX, ind.y[bron_i] * h - slot / 2, ind.y[bron_i] * h + slot / 2),
            strict=True,
        ):
            fig.add_annotation(
                text=label,
                x=ind.x[bron_i],
                xshift=DIKTE / 2 + 4,
                xanchor="left",
                y=1 - y / h,
                yanchor="middle",
                name="stroom",
                **{**achter, "font": dict(size=LABEL_FONT - 1, color="#1a1a1a")},
            )
    fig = style(fig, titel, ondertitel, bron, hoogte=ind.hoogte)
    fig.update_layout(meta={**fig.layout.meta, MEESCHALEN: True})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


# ------------------------------------------------------------------ table Sankey


def _lab(tekst: str, tekens: int = LAAN_TEKENS) -> str:
    return afbreken(tekst, tekens)


def tabel_stromen(fasen: pd.DataFrame, fasen_uitstroom: pd.DataFrame) -> Stromen:
    """Nodes and links of the table Sankey of one period.

    Nodes, always in this order: instroom, the six fasen, uit een fase, then the reasons
    werk / passende plek / voortijdig afgebroken and doorstroom or niet uitgesplitst (a
    fase's af that ``fasen_uitstroom`` does not split by reason). Links: instroom -> fase
    (bij), fase -> uit een fase (af), uit een fase -> reason (the totals over the fasen)."""
    f = fasen[fasen["fase"] != catalog.TOTAAL].set_index("fase")
    u = fasen_uitstroom[fasen_uitstroom["fase"] != catalog.TOTAAL]
    reden_namen = [f"Uitstroom: {UITSTROOMREDEN_LABELS[r]}" for r in TABEL_REDENEN]
    labels = [INSTROOM, *catalog.FASEN, AF, *reden_namen, OVERIG_AF]
    kleuren = [
        INSTROOM_KLEUR,
        *(FASE_KLEUREN[x] for x in catalog.FASEN),
        AF_KLEUR,
        *(REDEN_KLEUREN[r] for r in TABEL_REDENEN),
        REDEN_KLEUREN["overig_af"],
    ]
    n = len(catalog.FASEN)
    kolom = [0, *([1] * n), 2, *([3] * (len(TABEL_REDENEN) + 1))]
    i_fase = {x: 1 + i for i, x in enumerate(catalog.FASEN)}
    i_af = 1 + n
    i_reden = {r: i_af + 1 + i for i, r in enumerate(TABEL_REDENEN)}
    i_overig = i_af + 1 + len(TABEL_REDENEN)
    links = []

    def link(bron: int, doel: int, waarde: int, tekst: str, kleur: str) -> None:
        if waarde > 0:
            links.append(
                {
                    "bron": bron,
                    "doel": doel,
                    "breedte": int(waarde),
                    "tekst": tekst,
                    "kleur": _rgba(kleur, 0.4),
                    "label": "",
                }
            )

    per_reden_totaal = dict.fromkeys(TABEL_REDENEN, 0)
    overig_totaal = 0
    fase_tekst = {}
    for fase in catalog.FASEN:
        if fase not in f.index:
            continue
        rij = f.loc[fase]
        per_reden = u[u["fase"] == fase].set_index("reden")["aantal"]
        delen = [
            f"{UITSTROOMREDEN_LABELS[r]} {getal(int(per_reden[r]))}" for r in TABEL_REDENEN if r in per_reden.index
        ]
        rest = int(rij["af"]) - int(per_reden.sum())
        for r in TABEL_REDENEN:
            per_reden_totaal[r] += int(per_reden.get(r, 0))
        overig_totaal += rest
        link(0, i_fase[fase], rij["bij"], f"{fase}: {getal(int(rij['bij']))} ingestroomd", FASE_KLEUREN[fase])
        link(
            i_fase[fase],
            i_af,
            rij["af"],
            f"{fase}: {getal(int(rij['af']))} uit de fase ("
            + ", ".join([*delen, f"doorstroom of niet uitgesplitst {getal(rest)}"])
            + ")",
            FASE_KLEUREN[fase],
        )
        fase_tekst[fase] = f"{_lab(fase)}<br>in {getal(int(rij['bij']))}, uit {getal(int(rij['af']))}"
    for r in TABEL_REDENEN:
        link(
            i_af,
            i_reden[r],
            per_reden_totaal[r],
            f"Uitstroom: {UITSTROOMREDEN_LABELS[r]}: {getal(per_reden_totaal[r])}",
            REDEN_KLEUREN[r],
        )
    link(i_af, i_overig, overig_totaal, f"{OVERIG_AF}: {getal(overig_totaal)}", REDEN_KLEUREN["overig_af"])
    links_df = pd.DataFrame(links, columns=["bron", "doel", "breedte", "tekst", "kleur", "label"])
    totaal_in = links_df.groupby("doel")["breedte"].sum()
    totaal_uit = links_df.groupby("bron")["breedte"].sum()
    waarden = [int(max(totaal_in.get(i, 0), totaal_uit.get(i, 0))) for i in range(len(labels))]
    knoop_tekst = [f"{lab}: {getal(v)}" for lab, v in zip(labels, waarden, strict=True)]
    tekst = [
        _lab(f"{INSTROOM}: {getal(waarden[0])}"),
        *(fase_tekst.get(x, _lab(x)) for x in catalog.FASEN),
        _lab(f"{AF}: {getal(waarden[i_af])}"),
        *(
            _lab(f"{UITSTROOMREDEN_LABELS[r].capitalize()}: {getal(waarden[i_reden[r]])}", RECHTS_TEKENS)
            for r in TABEL_REDENEN
        ),
        _lab(f"{OVERIG_AF}: {getal(waarden[i_overig])}", RECHTS_TEKENS),
    ]
    return Stromen(labels, kleuren, kolom, tekst, knoop_tekst, links_df)


def tabel_sankey(
    fasen: pd.DataFrame, fasen_uitstroom: pd.DataFrame, titel: str, ondertitel: str, bron: str
) -> go.Figure:
    """Instroom -> fasen -> uit een fase -> reasons, only fans (no two flows cross). The fasen
    are labelled in the lane left of them, the reasons right of them; instroom and uit een
    fase, one node each, in the band across the top."""
    return _sankey(
        tabel_stromen(fasen, fasen_uitstroom),
        titel,
        ondertitel,
        bron,
        x_kolom=[0.03, 0.40, 0.54, 0.67],
        kant=["boven", "links", "boven", "rechts"],
    )


# ------------------------------------------------------------------ transition Sankey


def _klein_tekst(waarden: list, drempel: int) -> str:
    """What a group of counts adds up to without giving away a suppressed one."""
    exact = sum(int(v) for v in waarden if not isinstance(v, str))
    if any(isinstance(v, str) for v in waarden):
        if exact:
            return f"ten minste {getal(exact)}"
        return f"< {getal(drempel)}" if len(waarden) == 1 else f"{getal(len(waarden))} stromen van < {getal(drempel)}"
    return getal(exact)


KLEIN_AANDEEL = 0.1  # a flow under this share of what leaves its fase is small
MAX_STROMEN = 4  # flows with their own band per fase; the rest are grouped


def overgang_stromen(overgangen: pd.DataFrame, drempel: int) -> Stromen:
    """Nodes and links of the transition Sankey from already-suppressed counts.

    Nodes, always in this order: Instroom, the six fasen a client leaves (left), the six fasen
    a client enters (right), uitstroom per reason, kleine stromen. A count that arrives as text
    ('< 5') gets the width of half the threshold and its text as hover; the figure never holds
    its exact value. Per starting node, flows under ``KLEIN_AANDEEL`` of what leaves it, and
    those beyond the ``MAX_STROMEN`` largest, are grouped into one flow to 'kleine stromen'
    (when there are two or more); node labels give what is exact ('ten minste')."""
    labels = [
        "Instroom",
        *catalog.FASEN,
        *catalog.FASEN,
        *(f"Uitstroom: {UITSTROOMREDEN_LABELS[r]}" for r in UITSTROOMREDENEN),
        KLEINE_STROMEN,
    ]
    kleuren = [
        INSTROOM_KLEUR,
        *(FASE_KLEUREN[x] for x in catalog.FASEN),
        *(FASE_KLEUREN[x] for x in catalog.FASEN),
        *(REDEN_KLEUREN[r] for r in UITSTROOMREDENEN),
        KLEIN_KLEUR,
    ]
    n = len(catalog.FASEN)
    kolom = [0] * (1 + n) + [1] * (n + len(UITSTROOMREDENEN) + 1)
    i_van = {x: 1 + i for i, x in enumerate(catalog.FASEN)}
    i_naar = {x: 1 + n + i for i, x in enumerate(catalog.FASEN)}
    i_reden = {r: 1 + 2 * n + i for i, r in enumerate(UITSTROOMREDENEN)}
    i_klein = len(labels) - 1
    ruw = []
    for r in overgangen.to_dict("records"):
        bron = 0 if r["richting"] == "instroom" else i_van[r["van"]]
        doel = i_reden[r["reden"]] if r["richting"] == "uitstroom" else i_naar[r["naar"]]
        klein = isinstance(r["aantal"], str)
        tekst_aantal = r["aantal"] if klein else getal(r["aantal"])
        ruw.append(
            {
                "bron": bron,
                "doel": doel,
                "breedte": drempel / 2 if klein else int(r["aantal"]),
                "tekst": f"{labels[bron]} → {labels[doel]} ({RICHTING_LABELS[r['richting']]}): {tekst_aantal}",
                "kleur": _rgba(RICHTING_KLEUREN[r["richting"]], 0.45),
                "label": tekst_aantal,
                "aantal": r["aantal"],
            }
        )
    links, per_node = [], {}
    for bron in dict.fromkeys(r["bron"] for r in ruw):
        eigen = [r for r in ruw if r["bron"] == bron]
        totaal = sum(r["breedte"] for r in eigen)
        volgorde = sorted(eigen, key=lambda r: -r["breedte"])
        groot = [r for n, r in enumerate(volgorde) if n < MAX_STROMEN and r["breedte"] >= KLEIN_AANDEEL * totaal]
        klein = [r for r in eigen if not any(r is g for g in groot)]
        groot = [r for r in eigen if any(r is g for g in groot)]
        if len(klein) > 1:
            tekst = _klein_tekst([r["aantal"] for r in klein], drempel)
            groot.append(
                {
                    "bron": bron,
                    "doel": i_klein,
                    "breedte": sum(r["breedte"] for r in klein),
                    "tekst": f"{labels[bron]}: {getal(len(klein))} kleine stromen, samen {tekst}<br>"
                    + "<br>".join(r["tekst"] for r in klein),
                    "kleur": _rgba(KLEIN_KLEUR, 0.5),
                    "label": tekst,
                    "aantallen": [r["aantal"] for r in klein],
                }
            )
        else:
            groot.extend({**r, "aantallen": [r["aantal"]]} for r in klein)
        for r in groot:
            if "aantallen" not in r:
                r["aantallen"] = [r["aantal"]]
            links.append(r)
            per_node.setdefault((r["bron"], "uit"), []).extend(r["aantallen"])
            per_node.setdefault((r["doel"], "in"), []).extend(r["aantallen"])
    links_df = pd.DataFrame(links, columns=["bron", "doel", "breedte", "tekst", "kleur", "label"])
    # node hover names the node only, and a node's label says "ten minste" where a suppressed
    # flow meets it: an exact total would let a small flow be worked out by subtraction
    knoop_tekst = list(labels)
    tekst = []
    for i, lab in enumerate(labels):
        aantallen = per_node.get((i, "uit" if kolom[i] == 0 else "in"))
        tekst.append(_lab(f"{lab}: {_klein_tekst(aantallen, drempel)}" if aantallen else lab))
    return Stromen(labels, kleuren, kolom, tekst, knoop_tekst, links_df)


def overgangen_sankey(overgangen: pd.DataFrame, drempel: int, titel: str, ondertitel: str, bron: str) -> go.Figure:
    """Two columns, the labels outside them; every flow's number at its start, flows too thin
    to carry a number grouped per fase."""
    return _sankey(
        overgang_stromen(overgangen, drempel), titel, ondertitel, bron, x_kolom=[0.34, 0.66], kant=["links", "rechts"]
    )


# ------------------------------------------------------------------ bars


def netto_verandering(fasen: pd.DataFrame, titel: str, ondertitel: str, bron: str) -> go.Figure:
    """Stand eind − stand begin per fase (= bij − af), as horizontal bars in the fixed fase
    order, first fase on top (long fase names read across, never rotated)."""
    f = (
        fasen[fasen["fase"] != catalog.TOTAAL]
        .set_index("fase")
        .reindex([x for x in catalog.FASEN if x in set(fasen["fase"])])
    )
    netto = (f["stand_eind"] - f["stand_begin"]).astype(int)
    grootste = max([abs(int(v)) for v in netto.values] or [1])
    fig = go.Figure(
        go.Bar(
            y=list(netto.index),
            x=list(netto.values),
            orientation="h",
            marker_color=[ACCENT if v < 0 else FASE_KLEUREN[x] for x, v in netto.items()],
            text=[("+" if v > 0 else "") + getal(v) for v in netto.values],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                f"{x}: {getal(int(r['stand_begin']))} + {getal(int(r['bij']))} − {getal(int(r['af']))} "
                f"= {getal(int(r['stand_eind']))}"
                for x, r in f.iterrows()
            ],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text="verandering (personen)",
        range=[-grootste * 1.3, grootste * 1.3],
        showgrid=True,
        gridcolor="#e5e5e5",
        zeroline=True,
        zerolinecolor="#444",
        zerolinewidth=2,
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, **categorie_as(netto.index, 22))
    return style(fig, titel, ondertitel, bron, hoogte=140 + 58 * len(netto))


UITSTROOM_SOORTEN = {
    "werkaanvaarding": "Werkaanvaarding",
    "parttime_werk": "Parttime werk",
    "maximale_participatie": "Maximale participatie",
}
UITSTROOM_KLEUREN = {"werkaanvaarding": "#009E73", "parttime_werk": "#56B4E9", "maximale_participatie": "#E69F00"}


def uitstroom_gemeenten(uitstroom: pd.DataFrame, titel: str, ondertitel: str, bron: str) -> go.Figure:
    """Grouped horizontal bars: uitstroom per soort for each gemeente and the IJmond total.

    A soort the document gives only for the IJmond total has no bar at the gemeenten."""
    gebieden = list(
        dict.fromkeys(
            uitstroom.sort_values(["gebied_soort", "gebied"])[["gebied", "naam"]].itertuples(index=False, name=None)
        )
    )
    fig = go.Figure()
    for soort, label in UITSTROOM_SOORTEN.items():
        deel = uitstroom[uitstroom["soort"] == soort].set_index("gebied")
        if deel.empty:
            continue
        fig.add_bar(
            name=label,
            orientation="h",
            y=[naam for code, naam in gebieden if code in deel.index],
            x=[int(deel.at[code, "aantal"]) for code, _ in gebieden if code in deel.index],
            marker_color=UITSTROOM_KLEUREN[soort],
            text=[getal(int(deel.at[code, "aantal"])) for code, _ in gebieden if code in deel.index],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"{label} %{{y}}: %{{x:,d}}<extra></extra>",
        )
    hoogste = max([int(a) for a in uitstroom["aantal"]] or [1])
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(title_text="aantal inwoners", range=[0, hoogste * 1.15], showgrid=True, gridcolor="#e5e5e5")
    fig.update_yaxes(
        autorange="reversed",
        showgrid=False,
        categoryorder="array",
        categoryarray=[naam for _, naam in gebieden],
        **categorie_as([n for _, n in gebieden], 14),
    )
    return style(fig, titel, ondertitel, bron, hoogte=160 + 95 * len(gebieden))


# ------------------------------------------------------------------ tables and texts


def fasen_tabel(fasen: pd.DataFrame) -> pd.DataFrame:
    """The half-year table as shown and downloaded: fixed order, Totaal last, net change added."""
    order = {x: i for i, x in enumerate((*catalog.FASEN, catalog.TOTAAL))}
    f = fasen.sort_values("fase", key=lambda s: s.map(order)).reset_index(drop=True)
    out = pd.DataFrame(
        {
            "Fase": f["fase"],
            "Stand begin": f["stand_begin"].astype(int),
            "Bij": f["bij"].astype(int),
            "Af": f["af"].astype(int),
            "Stand eind": f["stand_eind"].astype(int),
            "Netto verandering": (f["stand_eind"] - f["stand_begin"]).astype(int),
        }
    )
    return out


def overgangen_tabel(overgangen: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    """Suppressed transition counts as shown and downloaded (Dutch column names)."""
    return pd.DataFrame(
        {
            "Gemeente": gemeente,
            "Van": overgangen["van"],
            "Naar": [
                f"Uitstroom: {UITSTROOMREDEN_LABELS.get(r, r)}" if richting == "uitstroom" else naar
                for naar, richting, r in zip(
                    overgangen["naar"], overgangen["richting"], overgangen["reden"], strict=True
                )
            ],
            "Soort stroom": [RICHTING_LABELS[r] for r in overgangen["richting"]],
            "Aantal personen": [a if isinstance(a, str) else int(a) for a in overgangen["aantal"]],
        }
    )


def boodschap_tabel(fasen: pd.DataFrame, periode: str) -> str:
    """The page's one message for the table view, from the figures of the period."""
    f = fasen.set_index("fase")
    tot = f.loc[catalog.TOTAAL] if catalog.TOTAAL in f.index else f.sum(numeric_only=True)
    fasen_only = f.drop(index=catalog.TOTAAL, errors="ignore")
    drukste = fasen_only["bij"].astype(int).idxmax()
    verschil = int(tot["stand_eind"]) - int(tot["stand_begin"])
    richting = "groeide" if verschil > 0 else "kromp" if verschil < 0 else "bleef gelijk"
    delta = (
        f" met {getal(abs(verschil))} tot {getal(int(tot['stand_eind']))}"
        if verschil
        else f" op {getal(int(tot['stand_eind']))}"
    )
    return (
        f"In het {periode} stroomden {getal(int(tot['bij']))} inwoners een fase in en "
        f"{getal(int(tot['af']))} een fase uit; het aantal in traject {richting}{delta}. "
        f"De meeste instroom was in {drukste} ({getal(int(fasen_only.at[drukste, 'bij']))})."
    )


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

    return (
        f"{gemeente}, {periode}: {som(overgangen['richting'] == 'vooruit')} keer een stap vooruit, "
        f"{som(overgangen['richting'] == 'terug')} keer terug naar een eerdere fase en "
        f"{som(overgangen['richting'] == 'uitstroom')} keer uitstroom."
    )
