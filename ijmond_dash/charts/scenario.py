"""Charts of the scenario page: net cost per year, the three scenarios, the verdeelsleutels,
the tornado.

Pure: DataFrames in (built from ``ijmond_dash.analysis.scenario`` results), Plotly figures out,
always through ``common.style``. The reader's own gemeente (``mijn``) comes first and is
marked (full colour, a dark outline, "mijn gemeente" in the legend); the others are drawn
lighter. Bars carry the rounded figures of the page's tables; hover texts give the exact
amounts, preformatted with ``formatting`` (Babel), so amounts read the Dutch way whatever
Plotly does.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ijmond_dash.analysis.scenario import AANNAME, NIET_GEKWANTIFICEERD, verschil_tekst
from ijmond_dash.charts import common
from ijmond_dash.formatting import euro, getal

MIN_LABEL = "−20%"
PLUS_LABEL = "+20%"
MIJN = "mijn gemeente"
ANDER_DEKKING = 0.55  # opacity of the other gemeenten's bars
TEKST = "#1a1a1a"


def _volgorde(gemeenten, mijn: str | None = None) -> list[str]:
    gemeenten = list(dict.fromkeys(gemeenten))
    bekend = [g for g in common.GEMEENTE_VOLGORDE if g in gemeenten]
    orde = bekend + [g for g in gemeenten if g not in bekend]
    return ([mijn] if mijn in orde else []) + [g for g in orde if g != mijn]


def _naam(naam: str, gemeente: str, mijn: str | None) -> str:
    return f"{naam} ({MIJN})" if gemeente == mijn else naam


def _markering(gemeente: str, mijn: str | None) -> dict:
    """Bar style: the reader's gemeente in full colour with an outline, the others lighter."""
    eigen = mijn is None or gemeente == mijn
    return dict(
        marker=dict(
            color=common.kleur(gemeente),
            opacity=1 if eigen else ANDER_DEKKING,
            line=dict(color=TEKST, width=2 if gemeente == mijn else 0),
        )
    )


def _label(gemeente: str, mijn: str | None) -> bool:
    """Value labels only on the reader's gemeente: three labels side by side collide on a
    narrow screen, and the table beside each chart has every figure."""
    return mijn is None or gemeente == mijn


def _ticks(laag: float, hoog: float, stap: float) -> list[float]:
    eerste = math.ceil(laag / stap - 1e-9) * stap
    aantal = math.floor((hoog - eerste) / stap + 1e-9) + 1
    return [round(eerste + i * stap, 6) for i in range(max(aantal, 0))]


def euro_ticks(laag: float, hoog: float, hoogstens: int = 5) -> tuple[list[float], list[str]]:
    """Tick values and Dutch labels for a money axis from ``laag`` to ``hoog``: the finest
    round step (1, 2, 2,5 or 5 × 10^k) that gives at most ``hoogstens`` ticks, so labels do
    not collide on a phone; one format for all labels (in mln when the axis passes a million)."""
    if hoog <= laag:
        hoog = laag + 1
    macht = max(1, 10 ** math.floor(math.log10((hoog - laag) / max(hoogstens, 2))))
    stap = next(
        f * m
        for m in (macht, macht * 10, macht * 100)
        for f in (1, 2, 2.5, 5)
        if len(_ticks(laag, hoog, f * m)) <= hoogstens
    )
    waarden = _ticks(laag, hoog, stap)
    if max(abs(laag), abs(hoog)) >= 1_000_000:
        decimalen = next(d for d in range(7) if abs(round(stap / 1_000_000, d) - stap / 1_000_000) < 1e-9)
        teksten = [euro(0) if w == 0 else f"€\xa0{getal(w / 1_000_000, decimalen)} mln" for w in waarden]
    else:
        teksten = [euro(w) for w in waarden]
    return waarden, teksten


def _euro_as(fig: go.Figure, waarden: list[float], as_: str = "y", hoogstens: int = 5) -> None:
    """Money axis with our own ticks (Plotly's own collide on a narrow chart)."""
    laag, hoog = min([0, *waarden]), max([0, *waarden])
    vals, teksten = euro_ticks(laag, hoog, hoogstens)
    upd = dict(tickvals=vals, ticktext=teksten, automargin=True, title_text="")
    (fig.update_yaxes if as_ == "y" else fig.update_xaxes)(**upd)


def _bron_onder(fig: go.Figure, bron: str, onder_px: int = 55) -> go.Figure:
    """After ``common.style``: room for a one-row legend under a title and subtitle drawn in
    the figure, and a long source line wrapped at '; ', a fixed distance below the plot area
    (each only when the house style draws them inside the figure). The bars and their words
    are placed in pixels for the figure's height: a print keeps it (``common.VASTE_HOOGTE``)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, common.VASTE_HOOGTE: True})
    if fig.layout.title.text and fig.layout.showlegend is not False and len(fig.data) > 1:
        fig.update_layout(margin=dict(t=max(fig.layout.margin.t or 0, 145)))
    if not bron:
        return fig
    regels: list[str] = []
    for deel in bron.split("; "):
        if regels and len(regels[-1]) + len(deel) + 2 <= 95:
            regels[-1] += "; " + deel
        else:
            regels.append(deel)
    tekst = "<br>".join(regels)
    for ann in fig.layout.annotations:
        if ann.text == bron:
            ann.update(text=tekst, y=0, yanchor="top", yshift=-onder_px, align="left")
            fig.update_layout(margin=dict(b=onder_px + 20 * len(regels) + 15))
    return fig


BALK_TUSSENRUIMTE = 0.5  # of a category's slot: the room above each group for its name


def _namen_boven(fig: go.Figure, labels: list[str], hoogte_per_rij: int, kop: int) -> None:
    """Category names above their bars, left-aligned across the whole width, instead of tick
    labels beside them: long names need no margin, so on a phone the bars keep the width.
    ``labels`` top to bottom; a white background keeps a name readable over a line."""
    n = len(labels)
    for i, tekst in enumerate(labels):
        fig.add_annotation(
            x=0,
            xref="paper",
            xanchor="left",
            xshift=10,
            y=n - 1 - i + (1 - BALK_TUSSENRUIMTE) / 2,
            yref="y",
            yanchor="bottom",
            text=tekst,
            showarrow=False,
            align="left",
            bgcolor="white",
            font=dict(size=16, color=TEKST),
        )
    fig.update_yaxes(
        showticklabels=False,
        ticks="",
        showgrid=False,
        zeroline=False,
        rangemode="normal",
        range=[-0.5, n - 0.5 + 0.1],
        tickvals=list(range(n)),
    )
    fig.update_layout(height=kop + hoogte_per_rij * n, bargap=BALK_TUSSENRUIMTE, margin=dict(l=20))


def _euro_x(fig: go.Figure, laag: float, hoog: float) -> None:
    vals, teksten = euro_ticks(laag, hoog, hoogstens=3)  # a horizontal axis: few labels
    fig.update_xaxes(
        tickvals=vals,
        ticktext=teksten,
        range=[laag, hoog],
        showgrid=True,
        gridcolor="#e5e5e5",
        zeroline=True,
        zerolinecolor="#222",
        zerolinewidth=2,
        tickangle=0,
        automargin=True,
        title_text="",
    )


GROEP_KOP_PX = 34  # a group's name, above its bars
REGEL_PX = 20  # a bar's words ("Velsen: € 22.000 meer"), on a line of their own above the bar
BALK_PX = 18
LUCHT_PX = 18  # below each bar: a bar's words sit clearly nearer to it than to the bar above
GROEP_MARGE_PX = 70  # the house margins above and below the plot, with the x axis's labels


def groep_px(n: int) -> int:
    """The height in px of one group of ``n`` labelled bars, its name included."""
    return GROEP_KOP_PX + n * (REGEL_PX + BALK_PX + LUCHT_PX)


def _groepen(
    fig: go.Figure,
    categorieen: list[str],
    orde: list[str],
    waarden: dict[tuple[str, str], int | None],
    namen: dict[str, str],
    mijn: str | None,
    hover: dict[tuple[str, str], list[str]],
    verschil: bool = False,
) -> tuple[float, float]:
    """Horizontal bars in groups, the first category on top and, within each group, the gemeenten
    of ``orde`` top to bottom. Each bar has its words (gemeente and amount) on a line of their
    own above it, from the left edge: they never run out of the chart, whatever its width, and
    no legend is needed. ``_groep_namen`` puts the groups' names above them and sets the
    height. Returns the x range to use."""
    n = len(orde)
    hoogte = groep_px(n)
    bedragen = [v for v in waarden.values() if v is not None]
    grootste = max([abs(v) for v in bedragen] + [1])
    for k, g in reversed(list(enumerate(orde))):  # mijn gemeente's trace last: drawn on top
        xs = [waarden[c, g] for c in categorieen]
        boven = [
            len(categorieen) - 1 - i + 0.5 - (GROEP_KOP_PX + k * (REGEL_PX + BALK_PX + LUCHT_PX)) / hoogte
            for i in range(len(categorieen))
        ]
        fig.add_trace(
            go.Bar(
                y=[b - (REGEL_PX + BALK_PX / 2) / hoogte for b in boven],
                x=xs,
                width=BALK_PX / hoogte,
                orientation="h",
                name=_naam(namen.get(g, g), g, mijn),
                **_markering(g, mijn),
                customdata=[hover[c, g] for c in categorieen],
                hovertemplate="%{customdata[0]}<br>%{fullData.name}: %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
            )
        )
        for x, y in zip(xs, boven, strict=True):
            if x is None:
                continue
            tekst = f"{namen.get(g, g)}: {verschil_tekst(x) if verschil else euro(x)}"
            fig.add_annotation(
                x=0,
                xref="paper",
                xanchor="left",
                xshift=10,
                y=y,
                yref="y",
                yanchor="top",
                showarrow=False,
                text=f"<b>{tekst}</b>" if g == mijn else tekst,
                bgcolor="white",
                font=dict(size=14, color=TEKST),
            )  # legible over the zero line
    fig.update_layout(barmode="overlay", showlegend=False)
    laagste, hoogste = min([0, *bedragen]), max([0, *bedragen])  # no negative amounts: the axis starts at € 0
    return laagste - grootste * 0.05 if laagste < 0 else 0, hoogste + grootste * 0.05


def _groep_namen(fig: go.Figure, labels: list[str], n: int, kop: int) -> None:
    """The groups' names (top to bottom) above their bars, left-aligned across the whole width;
    the y axis without labels and the height from ``groep_px``."""
    for i, tekst in enumerate(labels):
        fig.add_annotation(
            x=0,
            xref="paper",
            xanchor="left",
            xshift=10,
            y=len(labels) - 0.5 - i,
            yref="y",
            yanchor="top",
            text=tekst,
            showarrow=False,
            align="left",
            bgcolor="white",
            font=dict(size=16, color=TEKST),
        )
    fig.update_yaxes(
        showticklabels=False,
        ticks="",
        showgrid=False,
        zeroline=False,
        rangemode="normal",
        range=[-0.5, len(labels) - 0.5],
    )
    fig.update_layout(height=kop + groep_px(n) * len(labels), margin=dict(l=20))


JAREN_LIGGEND = 4  # up to this many years: horizontal bars, each labelled; more: columns with a legend


def netto_per_jaar(data: pd.DataFrame, scenario_label: str, bron: str = "", mijn: str | None = None) -> go.Figure:
    """Net cost per gemeente per year; below zero is a surplus, shown as such.

    Up to ``JAREN_LIGGEND`` years: horizontal bars per year, the reader's gemeente on top of
    each group, every bar labelled with its gemeente and amount (no legend to look up, room on
    a phone). More years: a column per gemeente per year with a legend, the reader's gemeente
    first, in bold and outlined.

    ``data``: one row per gemeente and year with gemeente, naam, jaar, netto (as the page's
    table shows it, rounded), exact (to the euro), frictiekosten, dekking, saldo.
    """
    fig = go.Figure()
    jaren = list(dict.fromkeys(data["jaar"]))
    orde = _volgorde(data["gemeente"], mijn)
    ondertitel = f"{scenario_label}: frictiekosten min dekking; onder de nul een overschot"
    rijen = data.set_index(["jaar", "gemeente"])

    def uitleg(j, g) -> str:
        r = rijen.loc[(j, g)]
        return (
            f"exact {euro(int(r['exact']))} ({r['saldo']}): frictiekosten {euro(int(r['frictiekosten']))}, "
            f"dekking {euro(int(r['dekking']))}"
        )

    if len(jaren) <= JAREN_LIGGEND:
        namen = dict(zip(data["gemeente"], data["naam"], strict=True))
        waarden = {(j, g): int(rijen.loc[(j, g), "netto"]) for j in jaren for g in orde}
        hover = {(j, g): [j, euro(waarden[j, g]), uitleg(j, g)] for j in jaren for g in orde}
        laag, hoog = _groepen(fig, jaren, orde, waarden, namen, mijn, hover)
        fig = common.style(fig, "Netto kosten per jaar", ondertitel, bron)
        _groep_namen(fig, [f"<b>{j}</b>" for j in jaren], len(orde), kop=GROEP_MARGE_PX)
        _euro_x(fig, laag, hoog)
        return _bron_onder(fig, bron)

    for g in orde:
        rij = data[data["gemeente"] == g].set_index("jaar").reindex(jaren)
        fig.add_trace(
            go.Bar(
                x=jaren,
                y=[int(v) for v in rij["netto"]],
                **_markering(g, mijn),
                name=f"<b>{rij['naam'].iloc[0]}</b>" if g == mijn else rij["naam"].iloc[0],
                customdata=[[j, euro(int(v)), uitleg(j, g)] for j, v in zip(jaren, rij["netto"], strict=True)],
                hovertemplate="%{fullData.name}, %{customdata[0]}: %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group", legend=dict(font=dict(size=15)))
    fig = common.style(fig, "Netto kosten per jaar", ondertitel, bron)
    _euro_as(fig, [int(v) * 1.1 for v in data["netto"]])
    fig.update_xaxes(type="category", title_text="")
    return _bron_onder(fig, bron)


def scenario_vergelijking(data: pd.DataFrame, bron: str = "", mijn: str | None = None) -> go.Figure:
    """The three scenarios side by side: net cost per gemeente, all years (horizontal bars,
    scenario 1 on top, the reader's gemeente first in each group, every bar labelled).

    ``data``: rows of ``scenario.scenario_vergelijking`` (scenario_label, status, totaal,
    gemeente, naam, netto). A scenario without an amount gets no bars but the words "niet
    gekwantificeerd in de stukken" (never a 0); an amount the user typed is labelled "aanname".
    """
    fig = go.Figure()
    scenarios = list(dict.fromkeys(data["scenario_label"]))
    orde = _volgorde(data["gemeente"], mijn)
    rijen = data.set_index(["scenario_label", "gemeente"])
    namen = dict(zip(data["gemeente"], data["naam"], strict=True))
    waarden = {
        (s, g): None if pd.isna(rijen.loc[(s, g), "netto"]) else int(rijen.loc[(s, g), "netto"])
        for s in scenarios
        for g in orde
    }
    hover = {
        (s, g): [
            s,
            euro(waarden[s, g]) if waarden[s, g] is not None else NIET_GEKWANTIFICEERD,
            rijen.loc[(s, g), "status"],
        ]
        for s in scenarios
        for g in orde
    }
    laag, hoog = _groepen(fig, scenarios, orde, waarden, namen, mijn, hover)
    totalen = data.drop_duplicates("scenario_label").set_index("scenario_label").reindex(scenarios)
    labels = []
    for i, (label, r) in enumerate(totalen.iterrows()):
        if pd.isna(r["totaal"]):
            fig.add_annotation(
                x=0,
                xref="paper",
                xanchor="left",
                xshift=10,
                y=len(scenarios) - 1 - i,
                yref="y",
                showarrow=False,
                text=NIET_GEKWANTIFICEERD,
                bgcolor="white",
                font=dict(size=16, color="#444"),
            )
            labels.append(f"<b>{label}</b>")
        else:
            kleur = common.ACCENT if r["status"] == AANNAME else "#444"
            labels.append(f"<b>{label}</b>  <span style='color:{kleur}'>{euro(int(r['totaal']))}, {r['status']}</span>")
    fig = common.style(fig, "De drie scenario's naast elkaar", "Netto kosten per gemeente, alle jaren samen", bron)
    _groep_namen(fig, labels, len(orde), kop=GROEP_MARGE_PX)
    _euro_x(fig, laag, hoog)
    return _bron_onder(fig, bron)


def verdeelsleutels(
    data: pd.DataFrame,
    scenario_label: str,
    bron: str = "",
    mijn: str | None = None,
    namen: dict[str, str] | None = None,
) -> go.Figure:
    """What another verdeelsleutel changes per gemeente against the documents' key
    (horizontal bars from zero; right of it the gemeente pays more, every bar says so in words).

    ``data``: rows of ``scenario.sleutel_vergelijking`` (sleutel, sleutel_naam, gemeente,
    netto, verschil) without the base key's own rows.
    """
    namen = namen or {}
    fig = go.Figure()
    sleutels = list(dict.fromkeys(data["sleutel_naam"]))
    orde = _volgorde(data["gemeente"], mijn)
    rijen = data.set_index(["sleutel_naam", "gemeente"])
    waarden = {(s, g): int(rijen.loc[(s, g), "verschil"]) for s in sleutels for g in orde}
    hover = {
        (s, g): [s, euro(int(rijen.loc[(s, g), "netto"])), f"{verschil_tekst(waarden[s, g])} dan naar inwoners"]
        for s in sleutels
        for g in orde
    }
    laag, hoog = _groepen(fig, sleutels, orde, waarden, namen, mijn, hover, verschil=True)
    fig = common.style(
        fig,
        "Wat scheelt een andere verdeelsleutel?",
        f"Netto kosten {scenario_label}: verschil met de verdeling naar inwoners",
        bron,
    )
    _groep_namen(fig, [f"<b>{s}</b>" for s in sleutels], len(orde), kop=GROEP_MARGE_PX)
    _euro_x(fig, laag, hoog)
    return _bron_onder(fig, bron)


def tornado(data: pd.DataFrame, gemeente_naam: str, bron: str = "") -> go.Figure:
    """The change in one gemeente's total net cost when each assumption moves ±20%.

    ``data``: rows of ``scenario.gevoeligheid`` (aanname, laag, hoog, basis), largest effect
    first, drawn on top; each assumption's name stands above its bar.
    """
    n = len(data)
    basis = int(data["basis"].iloc[0]) if n else 0
    fig = go.Figure()
    for kolom, naam, kleur in (("laag", MIN_LABEL, "#0072B2"), ("hoog", PLUS_LABEL, common.ACCENT)):
        waarden = [int(v) for v in data[kolom]]
        fig.add_trace(
            go.Bar(
                y=[n - 1 - i for i in range(n)],
                x=[v - basis for v in waarden],
                base=[basis] * n,
                orientation="h",
                name=f"aanname {naam}",
                marker_color=kleur,
                # the direction in words at the bar's end, so colour is not its only carrier
                text=[naam if v != basis else "" for v in waarden],
                textposition="outside",
                constraintext="none",
                textfont=dict(size=14, color=TEKST),
                cliponaxis=False,
                customdata=[[a, euro(v), euro(v - basis)] for a, v in zip(data["aanname"], waarden, strict=True)],
                hovertemplate="%{customdata[0]}, " + naam + "<br>netto %{customdata[1]} (verschil %{customdata[2]})"
                "<extra></extra>",
            )
        )
    fig.update_layout(barmode="overlay", showlegend=False)
    fig = common.style(
        fig,
        f"Welke aanname weegt het zwaarst voor {gemeente_naam}?",
        f"Netto kosten {gemeente_naam} (alle jaren) als een aanname 20% lager (blauw) of hoger (oranje) is",
        bron,
    )
    alle = [basis, *(int(v) for v in data["laag"]), *(int(v) for v in data["hoog"])]
    _namen_boven(fig, list(data["aanname"]), hoogte_per_rij=62, kop=210)
    # room for the words '−20%'/'+20%' at the bars' ends on a phone (about 40 of 330 px)
    marge = max(max(alle) - min(alle), 1) * 0.16
    _euro_x(fig, min(alle) - marge, max(alle) + marge)
    # the line at today's value, zero-free: the amounts do not start at 0
    fig.add_shape(type="line", x0=basis, x1=basis, xref="x", y0=0, y1=1, yref="paper", line=dict(color="#222", width=2))
    fig.add_annotation(
        x=basis,
        xref="x",
        y=1,
        yref="paper",
        yanchor="bottom",
        text="nu",
        showarrow=False,
        font=dict(size=14, color=TEKST),
    )
    fig.update_xaxes(zeroline=False)
    return _bron_onder(fig, bron, onder_px=45)


__all__ = ["netto_per_jaar", "scenario_vergelijking", "verdeelsleutels", "tornado", "euro_ticks"]
