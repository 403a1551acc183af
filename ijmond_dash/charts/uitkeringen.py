"""Charts of the Uitkeringen page: the series per gemeente, the medio-2024 breakdowns, the bereik.

Pure: DataFrames in (from ``reeksen``), Plotly figures out, always through ``common.style``.
Hover texts are preformatted with ``formatting`` so they are Dutch whatever Plotly does.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from .. import reeksen
from ..formatting import datum, getal, procent
from . import common

ABSOLUUT = "absoluut"
PER_1000 = "per_1000"
AANTAL = "aantal"
PROCENT = "procent"

BREUK_NAAM = "definitiebreuk"
BREUK_TEKST = "Definitiebreuk: hierna uitkeringen P-wet<br>(personen), andere bron — niet vergelijkbaar"
PWET_LABEL = "P-wet medio 2024 (andere definitie)"

DIMENSIE_TITELS = {"leeftijd": "leeftijd", "duur": "duur van de uitkeringsfase"}
CATEGORIE_KLEUREN = ("#c6dbef", "#6baed6", "#2171b5", "#08306b", "#041a3d")


def afwerken(fig: go.Figure, bron: str = "", ondertitel_regels: int = 1, legenda: bool = True,
             onder_px: int = 70) -> go.Figure:
    """Layout touches after ``common.style``: the legend to the right of the plot (so it never
    covers the subtitle), room for a subtitle of more lines, and the source line a fixed
    number of pixels below the plot area (clear of the tick labels, whatever the height)."""
    fig.update_layout(margin=dict(t=100 + 24 * (ondertitel_regels - 1), b=onder_px + 45))
    if legenda:
        fig.update_layout(legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top",
                                      font=dict(size=16), groupclick="toggleitem"),
                          margin=dict(r=340))
    else:
        fig.update_layout(showlegend=False)
    for ann in fig.layout.annotations:
        if bron and ann.text == bron:
            ann.update(y=0, yanchor="top", yshift=-onder_px)
    return fig


def ticktekst(iso: str) -> str:
    """A peildatum as a two-line tick label: ``31-12<br>2015``."""
    d = datum(dt.date.fromisoformat(iso))
    return f"{d[:5]}<br>{d[6:]}"


def _x(values) -> list[str]:
    return [pd.Timestamp(v).date().isoformat() for v in values]


def _volgorde(gebieden) -> list[str]:
    gebieden = list(dict.fromkeys(gebieden))
    bekend = [g for g in common.GEMEENTE_VOLGORDE if g in gebieden]
    return bekend + [g for g in gebieden if g not in bekend]


def _leeg(fig: go.Figure, tekst: str) -> go.Figure:
    fig.add_annotation(text=tekst, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       font=dict(size=20, color="#444"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def reeks(data: pd.DataFrame, maat: str = ABSOLUUT, bron: str = "") -> go.Figure:
    """Uitkeringen per gebied over the peildata.

    ``data``: rows of ``queries.uitkeringen`` (peildatum, gebied, naam, definitie, aantal);
    for ``maat=per_1000`` also per_1000, inwoners, geschat, methode (``reeksen.per_1000``).
    The CBS series is a line per gebied; the P-wet figure is a separate marker series per
    gebied, never joined to the line, with a dashed line and a note at the definition break.
    Estimated inwoners give an open marker.
    """
    fig = go.Figure()
    per_1000 = maat == PER_1000
    titel = "Bijstandsuitkeringen per 1.000 inwoners" if per_1000 else "Bijstandsuitkeringen per gemeente"
    if data.empty:
        return common.style(_leeg(fig, "Geen gegevens voor deze selectie."), titel, "", bron)

    data = data.sort_values("peildatum")
    kolom = "per_1000" if per_1000 else "aantal"
    zonder_inwoners = []
    if per_1000:
        missend = data[data["per_1000"].isna()]
        for naam, m in missend.sort_values("peildatum").groupby("naam", sort=True):
            data_m = list(dict.fromkeys(datum(p) for p in m["peildatum"]))
            zonder_inwoners.append(f"{naam} ({', '.join(data_m)})" if len(data_m) <= 2
                                   else f"{naam} op {len(data_m)} peildata")
        data = data[data["per_1000"].notna()]
    if data.empty:
        fig = _leeg(fig, "Geen inwonertal bekend voor deze selectie; kies 'Absoluut'.")
        return common.style(fig, titel, "", bron)

    def hover(r) -> str:
        regels = [f"<b>{r.naam}</b>", datum(r.peildatum), reeksen.DEFINITIE_LABELS.get(r.definitie, r.definitie),
                  f"Aantal uitkeringen: {getal(r.aantal)}"]
        if per_1000:
            regels.append(f"Per 1.000 inwoners: {getal(r.per_1000, 1)}")
            regels.append(f"Inwoners: {getal(round(r.inwoners))} ({r.methode})")
        return "<br>".join(regels)

    for gebied in _volgorde(data["gebied"]):
        for definitie in (reeksen.CBS, reeksen.PWET):
            d = data[(data["gebied"] == gebied) & (data["definitie"] == definitie)]
            if d.empty:
                continue
            naam = d["naam"].iloc[0]
            geschat = d["geschat"].tolist() if per_1000 else [False] * len(d)
            if definitie == reeksen.CBS:
                symbolen = ["circle-open" if g else "circle" for g in geschat]
                fig.add_trace(go.Scatter(
                    x=_x(d["peildatum"]), y=d[kolom].astype(float).tolist(), mode="lines+markers", name=naam,
                    legendgroup=reeksen.CBS, legendgrouptitle_text="Bijstand excl. AOW (CBS)",
                    line=dict(color=common.kleur(gebied), width=4 if gebied == "IJMOND" else 3),
                    marker=dict(size=11, symbol=symbolen, line=dict(width=2, color=common.kleur(gebied))),
                    text=[hover(r) for r in d.itertuples()], hovertemplate="%{text}<extra></extra>",
                    meta=dict(definitie=definitie, gebied=gebied),
                ))
            else:
                symbolen = ["diamond-open" if g else "diamond" for g in geschat]
                fig.add_trace(go.Scatter(
                    x=_x(d["peildatum"]), y=d[kolom].astype(float).tolist(), mode="markers",
                    name=naam, legendgroup=reeksen.PWET, legendgrouptitle_text=PWET_LABEL,
                    marker=dict(size=16, symbol=symbolen, color=common.kleur(gebied),
                                line=dict(width=2, color=common.kleur(gebied))),
                    text=[hover(r) for r in d.itertuples()], hovertemplate="%{text}<extra></extra>",
                    meta=dict(definitie=definitie, gebied=gebied),
                ))

    cbs = data[data["definitie"] == reeksen.CBS]
    pwet = data[data["definitie"] == reeksen.PWET]
    if len(cbs) and len(pwet):
        laatste, eerste = pd.Timestamp(cbs["peildatum"].max()), pd.Timestamp(pwet["peildatum"].min())
        breuk = (laatste + (eerste - laatste) / 2).date().isoformat()
        fig.add_shape(type="line", x0=breuk, x1=breuk, xref="x", y0=0, y1=1, yref="paper", name=BREUK_NAAM,
                      line=dict(color=common.NEUTRAAL, width=2, dash="dash"))
        fig.add_annotation(x=breuk, y=0.03, xref="x", yref="paper", text=BREUK_TEKST, showarrow=False,
                           xanchor="center", yanchor="bottom", font=dict(size=14, color="#444"), name=BREUK_NAAM,
                           bgcolor="rgba(255,255,255,0.85)")

    regels = []
    delen = []
    if len(cbs):
        delen.append(f"Lijnen: bijstand excl. AOW (CBS), {datum(cbs['peildatum'].min())} t/m "
                     f"{datum(cbs['peildatum'].max())}")
    if len(pwet):
        delen.append("ruiten: uitkeringen P-wet (personen) medio 2024, andere definitie en bron — niet vergelijkbaar")
    regels.append("; ".join(delen) + ".")
    if per_1000:
        geschat = data[data["geschat"]]
        delen = []
        if len(geschat):
            eigen = sorted({m.removeprefix("geschat: ") for m in geschat["methode"] if m.startswith("geschat: ")})
            som = any(m.startswith("som van") for m in geschat["methode"])
            delen.append("Open punten: inwonertal geschat (" + "; ".join(eigen + (["regio: som van de gemeenten"]
                                                                                  if som else [])) + ")")
        if zonder_inwoners:
            delen.append("geen inwonertal bekend voor " + ", ".join(zonder_inwoners))
        if delen:
            regels.append("; ".join(delen) + ".")

    ticks = sorted(set(_x(data["peildatum"])))
    fig.update_xaxes(tickvals=ticks, ticktext=[ticktekst(t) for t in ticks], tickangle=0)
    fig.update_yaxes(title_text="Per 1.000 inwoners" if per_1000 else "Aantal uitkeringen",
                     tickformat=",.0f" if not per_1000 else None)
    fig = common.style(fig, titel, "<br>".join(regels), bron, hoogte=640)
    return afwerken(fig, bron, len(regels), onder_px=75)


def uitsplitsing(data: pd.DataFrame, dimensie: str, modus: str = AANTAL, bron: str = "") -> go.Figure:
    """Stacked (``aantal``) or share-of-total (``procent``) bars per gebied, from
    ``reeksen.uitsplitsing_met_rest``. "niet uitgesplitst" is a hatched grey part; where the
    breakdown exceeds the total, a marker shows the total and a note says by how much."""
    fig = go.Figure()
    titel = f"Uitkeringen naar {DIMENSIE_TITELS.get(dimensie, dimensie)}, per gemeente"
    if data.empty:
        return common.style(_leeg(fig, "Geen uitsplitsing voor deze selectie."), titel, "", bron)
    procentueel = modus == PROCENT
    gebieden = _volgorde(data["gebied"])
    namen = {g: data.loc[data["gebied"] == g, "naam"].iloc[0] for g in gebieden}
    x = [namen[g] for g in gebieden]
    categorieen = data[["categorie", "volgorde"]].drop_duplicates().sort_values("volgorde")["categorie"].tolist()
    categorieen = [c for c in categorieen if c != reeksen.NIET_UITGESPLITST] + (
        [reeksen.NIET_UITGESPLITST] if (data["categorie"] == reeksen.NIET_UITGESPLITST).any() else [])
    for i, cat in enumerate(categorieen):
        rij = {g: data[(data["gebied"] == g) & (data["categorie"] == cat)] for g in gebieden}
        y, hover = [], []
        for g in gebieden:
            r = rij[g]
            if r.empty:
                y.append(None)
                hover.append("")
                continue
            r = r.iloc[0]
            y.append(float(r["aandeel"]) if procentueel else int(r["aantal"]))
            hover.append(f"<b>{namen[g]}</b><br>{cat}: {getal(r['aantal'])} "
                         f"({procent(r['aandeel'])} van {getal(r['totaal'])} uitkeringen)")
        rest = cat == reeksen.NIET_UITGESPLITST
        fig.add_trace(go.Bar(
            x=x, y=y, name=cat, text=[procent(v) if procentueel and v is not None else
                                      (getal(v) if v is not None else "") for v in y],
            textposition="inside", insidetextanchor="middle",
            marker=dict(color="#dddddd" if rest else CATEGORIE_KLEUREN[i % len(CATEGORIE_KLEUREN)],
                        pattern=dict(shape="/" if rest else "", fgcolor="#888")),
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ))
    totalen = data.drop_duplicates("gebied").set_index("gebied")
    fig.add_trace(go.Scatter(
        x=x, y=[100.0 if procentueel else int(totalen.at[g, "totaal"]) for g in gebieden], mode="markers",
        name="Totaal uitkeringen P-wet",
        marker=dict(symbol="line-ew-open", size=70, color=common.ACCENT, line=dict(width=4, color=common.ACCENT)),
        hovertext=[f"<b>{namen[g]}</b><br>Totaal uitkeringen P-wet: {getal(totalen.at[g, 'totaal'])}"
                   for g in gebieden],
        hovertemplate="%{hovertext}<extra></extra>",
    ))
    notities = []
    for g in gebieden:
        over = int(totalen.at[g, "overschot"])
        if over > 0:
            tekst = (f"Uitsplitsing {getal(totalen.at[g, 'som'])} is {getal(over)} groter dan het totaal "
                     f"{getal(totalen.at[g, 'totaal'])}")
            notities.append(f"{namen[g]}: {tekst.lower()}")
            fig.add_annotation(x=namen[g], y=(100 * totalen.at[g, "som"] / totalen.at[g, "totaal"]) if procentueel
                               else int(totalen.at[g, "som"]), text=tekst.replace(" is ", "<br>is ", 1),
                               showarrow=True, arrowhead=2, ay=-60, font=dict(size=14, color=common.ACCENT),
                               bgcolor="white", name="overschot")
    regels = [("In % van het aantal uitkeringen P-wet. " if procentueel else "") +
              "Gearceerd: niet uitgesplitst (totaal min de som van de categorieën); streep: totaal uitkeringen."]
    if notities:
        regels.append("; ".join(notities) + ".")
    fig.update_layout(barmode="stack", legend_traceorder="normal", uniformtext=dict(minsize=15, mode="hide"))
    fig.update_yaxes(title_text="% van de uitkeringen" if procentueel else "Aantal uitkeringen")
    if procentueel:
        fig.update_yaxes(ticksuffix="%")
    else:
        fig.update_yaxes(tickformat=",.0f")
    fig = common.style(fig, titel, "<br>".join(regels), bron, hoogte=640)
    fig = afwerken(fig, bron, len(regels), onder_px=50)
    fig.update_layout(legend_title_text=DIMENSIE_TITELS.get(dimensie, dimensie).capitalize())
    return fig


def bereik(data: pd.DataFrame, budget: float | None, budget_label: str = "", bron: str = "") -> go.Figure:
    """Share of the uitkeringen in lopend traject bij IJW per gebied (bars), next to the share of
    the re-integratie budget that goes to IJW (a dashed line)."""
    fig = go.Figure()
    titel = "Bereik IJmond Werkt!: deel van de uitkeringen in traject"
    if data.empty:
        return common.style(_leeg(fig, "Geen gegevens over het bereik."), titel, "", bron)
    gebieden = _volgorde(data["gebied"])
    d = data.set_index("gebied").loc[gebieden]
    x = d["naam"].tolist()
    fig.add_trace(go.Bar(
        x=x, y=d["percentage"].astype(float).tolist(), name="In lopend traject bij IJW (% van de uitkeringen P-wet)",
        marker=dict(color=[common.kleur(g) for g in gebieden]),
        text=[procent(p, 2) for p in d["percentage"]], textposition="outside",
        hovertext=[f"<b>{r.naam}</b><br>In traject: {getal(r.in_traject)} van {getal(r.uitkeringen)} uitkeringen "
                   f"({procent(r.percentage, 2)})" if pd.notna(r.in_traject) and pd.notna(r.uitkeringen)
                   else f"<b>{r.naam}</b><br>{procent(r.percentage, 2)}" for r in d.itertuples()],
        hovertemplate="%{hovertext}<extra></extra>",
    ))
    if budget is not None:
        label = budget_label or f"Aandeel re-integratiebudget naar IJW: {procent(budget, 0)}"
        fig.add_trace(go.Scatter(
            x=x, y=[float(budget)] * len(x), mode="lines", name=label,
            line=dict(color=common.ACCENT, width=4, dash="dash"), hovertemplate=f"{label}<extra></extra>",
        ))
        fig.add_annotation(x=x[-1], y=float(budget), text=label, showarrow=False, yanchor="bottom", xanchor="right",
                           font=dict(size=16, color=common.ACCENT))
    fig.update_yaxes(title_text="Procent", ticksuffix="%", range=[0, 105])
    peil = datum(d["peildatum"].iloc[0])
    ondertitel = f"Balken: deel van de uitkeringen P-wet in lopend traject bij IJW op {peil}"
    if budget is not None:
        ondertitel += "; stippellijn: deel van de middelen voor re-integratie dat naar IJW gaat"
    fig = common.style(fig, titel, ondertitel + ".", bron, hoogte=580)
    return afwerken(fig, bron, legenda=False, onder_px=50)
