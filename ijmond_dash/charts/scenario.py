"""Charts of the scenario page: frictiekosten per scenario, net cost per year, the tornado.

Pure: DataFrames in (built from ``ijmond_dash.scenario`` results), Plotly figures out,
always through ``common.style``. Hover texts are preformatted with ``formatting`` (Babel),
so amounts read the Dutch way whatever Plotly does.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..formatting import euro, euro_kort
from ..scenario import AANNAME, NIET_GEKWANTIFICEERD
from . import common

NIET_GEKWANTIFICEERD_KORT = "niet gekwantificeerd"
MIN_LABEL = "−20%"
PLUS_LABEL = "+20%"


def _volgorde(gemeenten) -> list[str]:
    gemeenten = list(dict.fromkeys(gemeenten))
    bekend = [g for g in common.GEMEENTE_VOLGORDE if g in gemeenten]
    return bekend + [g for g in gemeenten if g not in bekend]


def _euro_as(fig: go.Figure, as_: str = "y") -> None:
    """Money axis: Dutch separators come from the layout (``separators=',.'``)."""
    upd = dict(tickprefix="€ ", showtickprefix="all", tickformat=",.0f", automargin=True, title_text="")
    (fig.update_yaxes if as_ == "y" else fig.update_xaxes)(**upd)


def _regels(tekst: str, breedte: int = 95) -> str:
    """A long source line broken at '; ' into lines of at most about ``breedte`` characters."""
    regels: list[str] = []
    for deel in tekst.split("; "):
        if regels and len(regels[-1]) + len(deel) + 2 <= breedte:
            regels[-1] += "; " + deel
        else:
            regels.append(deel)
    return "<br>".join(regels)


def _afwerken(fig: go.Figure, bron: str, onder_px: int = 55, legenda: bool = True, breedte: int = 95) -> go.Figure:
    """After ``common.style``: the legend right of the plot (clear of the subtitle), the
    source line wrapped and a fixed distance below the plot area."""
    if legenda:
        fig.update_layout(legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top",
                                      font=dict(size=16)), margin=dict(r=160))
    else:
        fig.update_layout(showlegend=False)
    if bron:
        tekst = _regels(bron, breedte)
        for ann in fig.layout.annotations:
            if ann.text == bron:
                ann.update(text=tekst, y=0, yanchor="top", yshift=-onder_px, align="left")
        fig.update_layout(margin=dict(b=onder_px + 20 * (tekst.count("<br>") + 1) + 15))
    return fig


def frictiekosten_per_scenario(data: pd.DataFrame, bron: str = "") -> go.Figure:
    """Frictiekosten per scenario, stacked by gemeente.

    ``data``: rows of ``scenario.scenario_overzicht`` (scenario_label, status, totaal, gemeente,
    naam, bedrag). A scenario without an amount gets no bar but the words "niet
    gekwantificeerd" (never a 0); a bar the user typed is labelled "aanname".
    """
    fig = go.Figure()
    scenarios = list(dict.fromkeys(data["scenario_label"]))
    for g in _volgorde(data["gemeente"]):
        rij = data[data["gemeente"] == g].set_index("scenario_label").reindex(scenarios)
        bedragen = [None if pd.isna(b) else int(b) for b in rij["bedrag"]]
        fig.add_trace(go.Bar(
            x=scenarios, y=bedragen, name=rij["naam"].dropna().iloc[0] if rij["naam"].notna().any() else g,
            marker_color=common.kleur(g),
            customdata=[[euro(b) if b is not None else NIET_GEKWANTIFICEERD_KORT, s]
                        for b, s in zip(bedragen, rij["status"], strict=True)],
            hovertemplate="%{x}<br>%{fullData.name}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        ))
    totalen = data.drop_duplicates("scenario_label").set_index("scenario_label").reindex(scenarios)
    for label, r in totalen.iterrows():
        if pd.isna(r["totaal"]):
            fig.add_annotation(x=label, y=0, yref="y", text=NIET_GEKWANTIFICEERD_KORT + "<br>in de stukken",
                               showarrow=False, yanchor="bottom", yshift=8, font=dict(size=17, color="#444"))
        else:
            fig.add_annotation(x=label, y=int(r["totaal"]), text=f"{euro_kort(int(r['totaal']))}<br>{r['status']}",
                               showarrow=False, yanchor="bottom", yshift=6,
                               font=dict(size=17, color=common.ACCENT if r["status"] == AANNAME else "#222"))
    fig.update_layout(barmode="stack", bargap=0.35)
    ondertitel = "Totaal per scenario, verdeeld over de gemeenten met de gekozen verdeelsleutel"
    fig = common.style(fig, "Frictiekosten per scenario", ondertitel, bron)
    _euro_as(fig)
    hoogste = max([int(t) for t in totalen["totaal"].dropna()] or [0])
    fig.update_yaxes(range=[0, hoogste * 1.25 if hoogste else 1])
    fig.update_layout(legend_traceorder="reversed")
    return _afwerken(fig, bron)


def netto_per_jaar(data: pd.DataFrame, scenario_label: str, bron: str = "") -> go.Figure:
    """Net cost per gemeente per year (grouped bars); below zero is a surplus, shown as such.

    ``data``: the per-year rows of ``Resultaat.rijen`` (gemeente, naam, jaar, frictiekosten,
    reserve, impulsbudget, herstructureringsmiddelen, netto, saldo), without total rows.
    """
    fig = go.Figure()
    jaren = list(dict.fromkeys(data["jaar"]))
    weinig = len(jaren) <= 4
    for g in _volgorde(data["gemeente"]):
        rij = data[data["gemeente"] == g].set_index("jaar").reindex(jaren)
        netto = [int(v) for v in rij["netto"]]
        fig.add_trace(go.Bar(
            x=jaren, y=netto, name=rij["naam"].iloc[0], marker_color=common.kleur(g),
            text=[euro_kort(v) for v in netto] if weinig else None, textposition="outside",
            customdata=[[euro(k), euro(d), euro(n), s] for k, d, n, s in zip(
                rij["frictiekosten"], rij["reserve"] + rij["impulsbudget"] + rij["herstructureringsmiddelen"],
                netto, rij["saldo"], strict=True)],
            hovertemplate="%{fullData.name}, %{x}<br>frictiekosten %{customdata[0]}<br>dekking %{customdata[1]}"
                          "<br>netto %{customdata[2]} (%{customdata[3]})<extra></extra>",
            cliponaxis=False,
        ))
    fig.update_layout(barmode="group")
    fig = common.style(fig, f"Netto kosten per gemeente per jaar — {scenario_label}",
                       "Frictiekosten min dekking; onder de nul is een overschot, boven de nul nog te dekken", bron)
    _euro_as(fig)
    fig.update_yaxes(rangemode="normal")
    fig.update_xaxes(type="category", title_text="")
    return _afwerken(fig, bron)


def tornado(data: pd.DataFrame, gemeente_naam: str, bron: str = "") -> go.Figure:
    """The change in one gemeente's total net cost when each assumption moves ±20%.

    ``data``: rows of ``scenario.gevoeligheid`` (aanname, laag, hoog, basis), largest effect
    first; the largest ends up on top.
    """
    data = data.iloc[::-1]  # Plotly draws the first category at the bottom
    basis = int(data["basis"].iloc[0]) if len(data) else 0
    fig = go.Figure()
    for kolom, naam, kleur in (("laag", MIN_LABEL, "#0072B2"), ("hoog", PLUS_LABEL, common.ACCENT)):
        waarden = [int(v) for v in data[kolom]]
        fig.add_trace(go.Bar(
            y=list(data["aanname"]), x=[v - basis for v in waarden], base=[basis] * len(waarden),
            orientation="h", name=f"aanname {naam}", marker_color=kleur,
            customdata=[[euro(v), euro(v - basis)] for v in waarden],
            hovertemplate="%{y}, " + naam + "<br>netto %{customdata[0]} (verschil %{customdata[1]})<extra></extra>",
        ))
    fig.add_vline(x=basis, line_color="#222", line_width=2)
    fig.update_layout(barmode="overlay")
    fig = common.style(fig, f"Welke aanname weegt het zwaarst voor {gemeente_naam}?",
                       f"Netto kosten {gemeente_naam} (nu {euro_kort(basis)}) als een aanname 20% lager (blauw) "
                       "of hoger (oranje) is",
                       bron, hoogte=520)
    _euro_as(fig, "x")
    fig.update_xaxes(showgrid=True, gridcolor="#e5e5e5", nticks=5, tickangle=0)
    fig.update_yaxes(rangemode="normal", title_text="", automargin=True)
    return _afwerken(fig, bron, onder_px=45, legenda=False, breedte=70)


__all__ = ["frictiekosten_per_scenario", "netto_per_jaar", "tornado", "NIET_GEKWANTIFICEERD",
           "NIET_GEKWANTIFICEERD_KORT"]
