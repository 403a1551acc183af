"""Charts of the Aanmeldingen page: participanten next to uitkeringen, the index, the ratio.

The half-year value (periode "halfjaar") is never part of a line: it is a separate open
marker labelled "half jaar"; its conversion to a full year is another marker labelled
"schatting", shown only when asked for.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ijmond_dash.analysis import reeksen
from ijmond_dash.charts import common
from ijmond_dash.formatting import datum, getal, procent

PANELEN = "panelen"
INDEX = "index"

PART_KLEUR = common.ACCENT
UITK_KLEUR = common.GEMEENTE_KLEUREN["IJMOND"]
HALFJAAR = "half jaar"
SCHATTING = "jaarbasis (schatting)"


def _x(values) -> list[str]:
    return [pd.Timestamp(v).date().isoformat() for v in values]


def _leeg(titel: str, tekst: str, bron: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=tekst, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font=dict(size=20, color="#444")
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return common.style(fig, titel, "", bron)


def _participanten_traces(
    part: pd.DataFrame, kolom: str, toon_jaarbasis: bool, eenheid: str, jaarbasis_kolom: str | None = None
) -> list[go.Scatter]:
    """Full-year line, half-year marker(s), optional annualised marker(s) of one measure."""
    part = part.sort_values("peildatum")
    jaar = part[part["periode"] == "jaar"]
    half = part[part["periode"] == "halfjaar"]
    traces = []
    if len(jaar):
        traces.append(
            go.Scatter(
                x=_x(jaar["peildatum"]),
                y=jaar[kolom].astype(float).tolist(),
                mode="lines+markers",
                name="Participanten (heel jaar)",
                line=dict(color=PART_KLEUR, width=4),
                marker=dict(size=11),
                text=[
                    f"<b>{datum(r.peildatum)}</b> (heel jaar)<br>{eenheid}: {_fmt(getattr(r, kolom), kolom)}"
                    + (f"<br>Aantal participanten: {getal(r.aantal)}" if kolom != "aantal" else "")
                    for r in jaar.itertuples()
                ],
                hovertemplate="%{text}<extra></extra>",
                meta=dict(periode="jaar"),
            )
        )
    if len(half):
        traces.append(
            go.Scatter(
                x=_x(half["peildatum"]),
                y=half[kolom].astype(float).tolist(),
                mode="markers+text",
                name=f"Participanten ({HALFJAAR})",
                text=[HALFJAAR] * len(half),
                textposition="middle left",
                textfont=dict(color=PART_KLEUR, size=15),
                marker=dict(size=14, symbol="circle-open", color=PART_KLEUR, line=dict(width=3)),
                hovertext=[
                    f"<b>{datum(r.peildatum)}</b>: alleen het eerste {HALFJAAR}<br>{eenheid}: "
                    f"{_fmt(getattr(r, kolom), kolom)}<br>Niet te vergelijken met een heel jaar"
                    for r in half.itertuples()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                meta=dict(periode="halfjaar"),
            )
        )
        if toon_jaarbasis and jaarbasis_kolom:
            traces.append(
                go.Scatter(
                    x=_x(half["peildatum"]),
                    y=half[jaarbasis_kolom].astype(float).tolist(),
                    mode="markers+text",
                    name=f"Participanten, {SCHATTING}",
                    text=["schatting"] * len(half),
                    textposition="middle left",
                    textfont=dict(color=PART_KLEUR, size=15),
                    marker=dict(size=16, symbol="diamond-open", color=PART_KLEUR, line=dict(width=3)),
                    hovertext=[
                        f"<b>{datum(r.peildatum)}</b>: omgerekend naar een heel jaar<br>{eenheid}: "
                        f"{_fmt(getattr(r, jaarbasis_kolom), kolom)}<br>{reeksen.METHODE_JAARBASIS}"
                        for r in half.itertuples()
                    ],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta=dict(periode="schatting"),
                )
            )
    return traces


def _met_jaarbasis(part: pd.DataFrame) -> pd.DataFrame:
    return part if "jaarbasis" in part.columns else reeksen.jaarbasis(part)


def _fmt(value, kolom: str) -> str:
    if kolom in ("aantal", "jaarbasis"):
        return getal(round(float(value)))
    return getal(float(value), 1)


def _ondertitel_halfjaar(part: pd.DataFrame, toon_jaarbasis: bool) -> str:
    half = part[part["periode"] == "halfjaar"]
    if half.empty:
        return ""
    tekst = (
        f"Open cirkel: {datum(half['peildatum'].iloc[0])} betreft een {HALFJAAR} "
        f"({getal(half['aantal'].iloc[0])} participanten), niet verbonden met de jaarcijfers"
    )
    if toon_jaarbasis:
        tekst += "; ruit: omgerekend naar een heel jaar (× 2, schatting)"
    return tekst + "."


def panelen(
    part: pd.DataFrame,
    uitk: pd.DataFrame,
    trend: reeksen.Trend | None = None,
    toon_jaarbasis: bool = False,
    bron: str = "",
) -> go.Figure:
    """Two panels with a shared time axis: participanten (top) and bijstandsuitkeringen (bottom).

    ``part``: ``reeksen.jaarbasis(participanten)``; ``uitk``: one gebied's CBS series
    (peildatum, aantal).
    """
    titel = "Participanten bij IJmond Werkt! en bijstandsuitkeringen"
    if part.empty and uitk.empty:
        return _leeg(titel, "Geen gegevens.", bron)
    part = _met_jaarbasis(part)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    for tr in _participanten_traces(part, "aantal", toon_jaarbasis, "Participanten", "jaarbasis"):
        fig.add_trace(tr, row=1, col=1)
    if trend is not None:
        jaar = part[part["periode"] == "jaar"].sort_values("peildatum")
        fig.add_trace(
            go.Scatter(
                x=_x(jaar["peildatum"]),
                y=trend.waarde(jaar["peildatum"]).tolist(),
                mode="lines",
                name=f"Trend: gemiddeld {procent(trend.pct_per_jaar)} per jaar",
                line=dict(color=common.NEUTRAAL, width=3, dash="dot"),
                text=[
                    f"Trendwaarde {datum(d)}: {getal(round(v))}"
                    for d, v in zip(jaar["peildatum"], trend.waarde(jaar["peildatum"]), strict=True)
                ],
                hovertemplate="%{text}<extra></extra>",
                meta=dict(periode="trend"),
            ),
            row=1,
            col=1,
        )
    if len(uitk):
        u = uitk.sort_values("peildatum")
        fig.add_trace(
            go.Scatter(
                x=_x(u["peildatum"]),
                y=u["aantal"].astype(float).tolist(),
                mode="lines+markers",
                name="Bijstandsuitkeringen IJmond",
                line=dict(color=UITK_KLEUR, width=4),
                marker=dict(size=11),
                text=[
                    f"<b>{datum(r.peildatum)}</b><br>Bijstandsuitkeringen: {getal(r.aantal)}" for r in u.itertuples()
                ],
                hovertemplate="%{text}<extra></extra>",
            ),
            row=2,
            col=1,
        )
    fig.update_yaxes(title_text="Participanten IJW", tickformat=",.0f", row=1, col=1)
    fig.update_yaxes(title_text="Uitkeringen", tickformat=",.0f", row=2, col=1)
    regels = [_ondertitel_halfjaar(part, toon_jaarbasis)]
    if trend is not None:
        regels.append("Stippellijn: de gemiddelde verandering per jaar over de hele jaren.")
    regels = [r for r in regels if r]
    return common.style(fig, titel, "<br>".join(regels), bron, hoogte=640)


def geindexeerd(
    part: pd.DataFrame, uitk: pd.DataFrame, basisjaar: int = 2015, toon_jaarbasis: bool = False, bron: str = ""
) -> go.Figure:
    """Participanten and bijstandsuitkeringen both as an index, basisjaar = 100, on one axis."""
    titel = f"Participanten en bijstandsuitkeringen, index {basisjaar} = 100"
    part = _met_jaarbasis(part)
    # the annualised index has the same basis (a full-year value): jaarbasis / basis × 100
    part = part.assign(
        indexcijfer=reeksen.index(part, "aantal", basisjaar),
        indexcijfer_jaarbasis=reeksen.index(part.assign(_j=part["jaarbasis"]), "_j", basisjaar),
    )
    uitk = uitk.assign(indexcijfer=reeksen.index(uitk, "aantal", basisjaar))
    part, uitk = part[part["indexcijfer"].notna()], uitk[uitk["indexcijfer"].notna()]
    if part.empty and uitk.empty:
        return _leeg(titel, f"Geen waarde in {basisjaar}; een index is niet te berekenen.", bron)
    fig = go.Figure()
    for tr in _participanten_traces(
        part, "indexcijfer", toon_jaarbasis, f"Index ({basisjaar} = 100)", "indexcijfer_jaarbasis"
    ):
        fig.add_trace(tr)
    if len(uitk):
        u = uitk.sort_values("peildatum")
        fig.add_trace(
            go.Scatter(
                x=_x(u["peildatum"]),
                y=u["indexcijfer"].tolist(),
                mode="lines+markers",
                name="Bijstandsuitkeringen IJmond",
                line=dict(color=UITK_KLEUR, width=4),
                marker=dict(size=11),
                text=[
                    f"<b>{datum(r.peildatum)}</b><br>Index: {getal(r.indexcijfer, 1)}"
                    f"<br>Bijstandsuitkeringen: {getal(r.aantal)}"
                    for r in u.itertuples()
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig.add_hline(y=100, line=dict(color=common.NEUTRAAL, width=1))
    fig.update_yaxes(title_text=f"Index ({basisjaar} = 100)")
    return common.style(fig, titel, _ondertitel_halfjaar(part, toon_jaarbasis), bron, hoogte=520)


def ratio(data: pd.DataFrame, toon_jaarbasis: bool = False, bron: str = "") -> go.Figure:
    """Participanten per 100 bijstandsuitkeringen (``reeksen.participanten_per_100``)."""
    titel = "Participanten per 100 bijstandsuitkeringen"
    if data.empty:
        return _leeg(titel, "Geen peildata met zowel participanten als uitkeringen.", bron)
    fig = go.Figure()
    d = data.rename(columns={"participanten": "aantal"})
    for tr in _participanten_traces(d, "per_100", toon_jaarbasis, "Per 100 uitkeringen", "per_100_jaarbasis"):
        tr.name = tr.name.replace("Participanten", "Per 100 uitkeringen")
        fig.add_trace(tr)
    fig.update_yaxes(title_text="Per 100 uitkeringen")
    return common.style(fig, titel, _ondertitel_halfjaar(d, toon_jaarbasis), bron, hoogte=480)
