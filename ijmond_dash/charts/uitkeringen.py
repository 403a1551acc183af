"""Charts of the Uitkeringen page: the series per gemeente, the medio-2024 breakdowns, the bereik.

Pure: DataFrames in (from ``reeksen``), Plotly figures out, always through ``common.style``.
Hover texts are preformatted with ``formatting`` so they are Dutch whatever Plotly does.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ijmond_dash.analysis import reeksen
from ijmond_dash.charts import common
from ijmond_dash.formatting import datum, getal, procent

ABSOLUUT = "absoluut"
PER_1000 = "per_1000"
AANTAL = "aantal"
PROCENT = "procent"

BREUK_NAAM = "definitiebreuk"
BREUK_TEKST = "andere<br>definitie"  # short: next to the dashed line; the subtitle says the rest
PWET_LABEL = "P-wet medio 2024 (andere definitie)"

DIMENSIE_TITELS = {"leeftijd": "leeftijd", "duur": "duur van de uitkeringsfase"}
CATEGORIE_KLEUREN = ("#c6dbef", "#6baed6", "#2171b5", "#08306b", "#041a3d")


def _x(values) -> list[str]:
    return [pd.Timestamp(v).date().isoformat() for v in values]


def _volgorde(gebieden) -> list[str]:
    gebieden = list(dict.fromkeys(gebieden))
    bekend = [g for g in common.GEMEENTE_VOLGORDE if g in gebieden]
    return bekend + [g for g in gebieden if g not in bekend]


def _leeg(fig: go.Figure, tekst: str) -> go.Figure:
    fig.add_annotation(
        text=tekst, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font=dict(size=20, color="#444")
    )
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
            zonder_inwoners.append(
                f"{naam} ({', '.join(data_m)})" if len(data_m) <= 2 else f"{naam} op {len(data_m)} peildata"
            )
        data = data[data["per_1000"].notna()]
    if data.empty:
        fig = _leeg(fig, "Geen inwonertal bekend voor deze selectie; kies 'Absoluut'.")
        return common.style(fig, titel, "", bron)

    def hover(r) -> str:
        regels = [
            f"<b>{r.naam}</b>",
            datum(r.peildatum),
            reeksen.DEFINITIE_LABELS.get(r.definitie, r.definitie),
            f"Aantal uitkeringen: {getal(r.aantal)}",
        ]
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
                fig.add_trace(
                    go.Scatter(
                        x=_x(d["peildatum"]),
                        y=d[kolom].astype(float).tolist(),
                        mode="lines+markers",
                        name=naam,
                        legendgroup=gebied,
                        line=dict(color=common.kleur(gebied), width=4 if gebied == "IJMOND" else 3),
                        marker=dict(size=11, symbol=symbolen, line=dict(width=2, color=common.kleur(gebied))),
                        text=[hover(r) for r in d.itertuples()],
                        hovertemplate="%{text}<extra></extra>",
                        meta=dict(definitie=definitie, gebied=gebied),
                    )
                )
            else:
                symbolen = ["diamond-open" if g else "diamond" for g in geschat]
                fig.add_trace(
                    go.Scatter(
                        x=_x(d["peildatum"]),
                        y=d[kolom].astype(float).tolist(),
                        mode="markers",
                        name=f"{naam}, {PWET_LABEL}",
                        legendgroup=gebied,
                        showlegend=False,
                        marker=dict(
                            size=16,
                            symbol=symbolen,
                            color=common.kleur(gebied),
                            line=dict(width=2, color=common.kleur(gebied)),
                        ),
                        text=[hover(r) for r in d.itertuples()],
                        hovertemplate="%{text}<extra></extra>",
                        meta=dict(definitie=definitie, gebied=gebied),
                    )
                )

    cbs = data[data["definitie"] == reeksen.CBS]
    pwet = data[data["definitie"] == reeksen.PWET]
    if len(cbs) and len(pwet):
        laatste, eerste = pd.Timestamp(cbs["peildatum"].max()), pd.Timestamp(pwet["peildatum"].min())
        breuk = (laatste + (eerste - laatste) / 2).date().isoformat()
        fig.add_shape(
            type="line",
            x0=breuk,
            x1=breuk,
            xref="x",
            y0=0,
            y1=1,
            yref="paper",
            name=BREUK_NAAM,
            line=dict(color=common.NEUTRAAL, width=2, dash="dash"),
        )
        fig.add_annotation(
            x=breuk,
            y=0.02,
            xref="x",
            yref="paper",
            text=BREUK_TEKST,
            showarrow=False,
            xanchor="center",
            yanchor="bottom",
            font=dict(size=13, color="#444"),
            name=BREUK_NAAM,
            bgcolor="white",
        )

    regels = []
    delen = []
    if len(cbs):
        delen.append(
            f"Lijnen: bijstand excl. AOW (CBS), {datum(cbs['peildatum'].min())} t/m {datum(cbs['peildatum'].max())}"
        )
    if len(pwet):
        delen.append("ruiten: uitkeringen P-wet (personen) medio 2024, andere definitie en bron — niet vergelijkbaar")
    regels.append("; ".join(delen) + ".")
    if per_1000:
        geschat = data[data["geschat"]]
        delen = []
        if len(geschat):
            eigen = sorted({m.removeprefix("geschat: ") for m in geschat["methode"] if m.startswith("geschat: ")})
            som = any(m.startswith("som van") for m in geschat["methode"])
            delen.append(
                "Open punten: inwonertal geschat ("
                + "; ".join(eigen + (["regio: som van de gemeenten"] if som else []))
                + ")"
            )
        if zonder_inwoners:
            delen.append("geen inwonertal bekend voor " + ", ".join(zonder_inwoners))
        if delen:
            regels.append("; ".join(delen) + ".")

    fig.update_yaxes(
        title_text="Per 1.000 inwoners" if per_1000 else "Aantal uitkeringen",
        tickformat=",.0f" if not per_1000 else None,
    )
    return common.style(fig, titel, "<br>".join(regels), bron, hoogte=560)


def uitsplitsing(data: pd.DataFrame, dimensie: str, modus: str = AANTAL, bron: str = "") -> go.Figure:
    """Stacked (``aantal``) or share-of-total (``procent``) horizontal bars, one per gebied, from
    ``reeksen.uitsplitsing_met_rest``. "niet uitgesplitst" is a hatched grey part; where the
    breakdown exceeds the total, a marker shows the total and a note says by how much.
    A value is written in its part only where it fits."""
    fig = go.Figure()
    titel = f"Uitkeringen naar {DIMENSIE_TITELS.get(dimensie, dimensie)}, per gemeente"
    if data.empty:
        return common.style(_leeg(fig, "Geen uitsplitsing voor deze selectie."), titel, "", bron)
    procentueel = modus == PROCENT
    gebieden = _volgorde(data["gebied"])
    namen = {g: data.loc[data["gebied"] == g, "naam"].iloc[0] for g in gebieden}
    y = [namen[g] for g in gebieden]
    categorieen = data[["categorie", "volgorde"]].drop_duplicates().sort_values("volgorde")["categorie"].tolist()
    categorieen = [c for c in categorieen if c != reeksen.NIET_UITGESPLITST] + (
        [reeksen.NIET_UITGESPLITST] if (data["categorie"] == reeksen.NIET_UITGESPLITST).any() else []
    )
    for i, cat in enumerate(categorieen):
        rij = {g: data[(data["gebied"] == g) & (data["categorie"] == cat)] for g in gebieden}
        x, hover = [], []
        for g in gebieden:
            r = rij[g]
            if r.empty:
                x.append(None)
                hover.append("")
                continue
            r = r.iloc[0]
            x.append(float(r["aandeel"]) if procentueel else int(r["aantal"]))
            hover.append(
                f"<b>{namen[g]}</b><br>{cat}: {getal(r['aantal'])} "
                f"({procent(r['aandeel'])} van {getal(r['totaal'])} uitkeringen)"
            )
        rest = cat == reeksen.NIET_UITGESPLITST
        fig.add_trace(
            go.Bar(
                y=y,
                x=x,
                name=cat,
                orientation="h",
                text=[
                    procent(v, 0) if procentueel and v is not None else (getal(v) if v is not None else "") for v in x
                ],
                textposition="inside",
                insidetextanchor="middle",
                marker=dict(
                    color="#dddddd" if rest else CATEGORIE_KLEUREN[i % len(CATEGORIE_KLEUREN)],
                    pattern=dict(shape="/" if rest else "", fgcolor="#888"),
                ),
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    totalen = data.drop_duplicates("gebied").set_index("gebied")
    fig.add_trace(
        go.Scatter(
            y=y,
            x=[100.0 if procentueel else int(totalen.at[g, "totaal"]) for g in gebieden],
            mode="markers",
            name="Totaal uitkeringen P-wet",
            marker=dict(symbol="line-ns-open", size=44, color=common.ACCENT, line=dict(width=4, color=common.ACCENT)),
            hovertext=[
                f"<b>{namen[g]}</b><br>Totaal uitkeringen P-wet: {getal(totalen.at[g, 'totaal'])}" for g in gebieden
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    notities = []
    verste = 100.0 if procentueel else float(max(totalen["som"].max(), totalen["totaal"].max()))
    for g in gebieden:
        over = int(totalen.at[g, "overschot"])
        if over > 0:
            tekst = (
                f"Uitsplitsing {getal(totalen.at[g, 'som'])} is {getal(over)} groter dan het totaal "
                f"{getal(totalen.at[g, 'totaal'])}"
            )
            notities.append(f"{namen[g]}: {tekst.lower()}")
            eind = (100 * totalen.at[g, "som"] / totalen.at[g, "totaal"]) if procentueel else int(totalen.at[g, "som"])
            verste = max(verste, float(eind))
            fig.add_annotation(
                y=namen[g],
                x=eind,
                text=f"{getal(over)} meer dan<br>het totaal",
                showarrow=False,
                xanchor="left",
                xshift=8,
                align="left",
                font=dict(size=13, color=common.ACCENT),
                name="overschot",
            )
    regels = [
        ("In % van het aantal uitkeringen P-wet. " if procentueel else "")
        + "Gearceerd: niet uitgesplitst (totaal min de som van de categorieën); streep: totaal uitkeringen."
    ]
    if notities:
        regels.append("; ".join(notities) + ".")
    fig.update_layout(
        barmode="stack",
        bargap=0.35,
        uniformtext=dict(minsize=13, mode="hide"),
        legend_title_text=DIMENSIE_TITELS.get(dimensie, dimensie).capitalize(),
    )
    # the first gemeente on top; room on the right for a note past the longest bar
    fig.update_yaxes(autorange="reversed", showgrid=False, **common.categorie_as(y, 14))
    fig.update_xaxes(
        title_text="% van de uitkeringen" if procentueel else "Aantal uitkeringen",
        range=[0, verste * (1.3 if notities else 1.05)],
        showgrid=True,
        gridcolor="#e5e5e5",
    )
    if procentueel:
        fig.update_xaxes(ticksuffix="%")
    else:
        fig.update_xaxes(tickformat=",.0f")
    return common.style(fig, titel, "<br>".join(regels), bron, hoogte=130 + 90 * len(gebieden))


def bereik(data: pd.DataFrame, budget: float | None, budget_label: str = "", bron: str = "") -> go.Figure:
    """Share of the uitkeringen in lopend traject bij IJW per gebied (horizontal bars), next to
    the share of the re-integratie budget that goes to IJW (a dashed line, named in the legend)."""
    fig = go.Figure()
    titel = "Bereik IJmond Werkt!: deel van de uitkeringen in traject"
    if data.empty:
        return common.style(_leeg(fig, "Geen gegevens over het bereik."), titel, "", bron)
    gebieden = _volgorde(data["gebied"])
    d = data.set_index("gebied").loc[gebieden]
    y = d["naam"].tolist()
    fig.add_trace(
        go.Bar(
            y=y,
            x=d["percentage"].astype(float).tolist(),
            orientation="h",
            name="In lopend traject bij IJW (% van de uitkeringen P-wet)",
            showlegend=False,
            marker=dict(color=[common.kleur(g) for g in gebieden]),
            text=[procent(p, 2) for p in d["percentage"]],
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"<b>{r.naam}</b><br>In traject: {getal(r.in_traject)} van {getal(r.uitkeringen)} uitkeringen "
                f"({procent(r.percentage, 2)})"
                if pd.notna(r.in_traject) and pd.notna(r.uitkeringen)
                else f"<b>{r.naam}</b><br>{procent(r.percentage, 2)}"
                for r in d.itertuples()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    if budget is not None:
        label = budget_label or f"Aandeel re-integratiebudget naar IJW: {procent(budget, 0)}"
        # a line across the whole plot, drawn as a trace so that the legend names it
        fig.add_trace(
            go.Scatter(
                x=[float(budget)] * 2,
                y=[0, 1],
                yaxis="y2",
                mode="lines",
                name=label,
                line=dict(color=common.ACCENT, width=4, dash="dash"),
                hovertemplate=f"{label}<extra></extra>",
            )
        )
        fig.update_layout(yaxis2=dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True))
    fig.update_xaxes(
        title_text="% van de uitkeringen", ticksuffix="%", range=[0, 105], showgrid=True, gridcolor="#e5e5e5"
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, **common.categorie_as(y, 14))
    peil = datum(d["peildatum"].iloc[0])
    ondertitel = f"Balken: deel van de uitkeringen P-wet in lopend traject bij IJW op {peil}"
    if budget is not None:
        ondertitel += "; stippellijn: deel van de middelen voor re-integratie dat naar IJW gaat"
    return common.style(fig, titel, ondertitel + ".", bron, hoogte=160 + 70 * len(gebieden))
