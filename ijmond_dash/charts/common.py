"""Shared chart style: gemeente colours, Dutch separators, titles with source and peildatum.

Colours are the Okabe-Ito palette (colour-blind safe) and fixed per gemeente, so Velsen is
the same green on every page and in presentation mode.
"""

from __future__ import annotations

import plotly.graph_objects as go

GEMEENTE_KLEUREN: dict[str, str] = {
    "GM0375": "#0072B2",  # Beverwijk, blue
    "GM0396": "#E69F00",  # Heemskerk, orange
    "GM0453": "#009E73",  # Velsen, green
    "GM0450": "#CC79A7",  # Uitgeest, reddish purple
    "IJMOND": "#222222",  # IJmond total, near black
    "IJMOND4": "#555555",
    "ZKL": "#56B4E9",  # Zuid-Kennemerland, sky blue
}
GEMEENTE_VOLGORDE = ("GM0375", "GM0396", "GM0453", "GM0450", "IJMOND", "IJMOND4", "ZKL")
ACCENT = "#D55E00"  # vermillion: the one thing a chart wants you to see
NEUTRAAL = "#999999"
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=18, color="#1a1a1a")


def kleur(gebied: str) -> str:
    return GEMEENTE_KLEUREN.get(gebied, NEUTRAAL)


def bronregel(document: str | None, tabel: str | None, peildatum: str | None) -> str:
    parts = []
    if document:
        parts.append(f"Bron: {document}" + (f", {tabel}" if tabel else ""))
    if peildatum:
        parts.append(f"peildatum {peildatum}")
    return "; ".join(parts)


def style(fig: go.Figure, titel: str, ondertitel: str = "", bron: str = "", hoogte: int = 560) -> go.Figure:
    """Apply the house style: Dutch separators, large type, title, subtitle and source line."""
    fig.update_layout(
        separators=",.",  # Dutch decimal comma and thousands dot
        font=FONT,
        title=dict(text=titel, subtitle=dict(text=ondertitel, font=dict(size=16, color="#444")),
                   x=0, xanchor="left", font=dict(size=24)),
        height=hoogte,
        margin=dict(l=70, r=30, t=100, b=110 if bron else 60),
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel=dict(font_size=16),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text=""),
    )
    fig.update_xaxes(showgrid=False, linecolor="#888", ticks="outside")
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=True, zerolinecolor="#888", rangemode="tozero")
    if bron:
        fig.add_annotation(text=bron, xref="paper", yref="paper", x=0, y=-0.2, showarrow=False,
                           xanchor="left", yanchor="top", font=dict(size=13, color="#555"))
    return fig
