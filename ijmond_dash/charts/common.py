"""Shared chart style: gemeente colours, Dutch separators, the house rules every figure follows.

Colours are the Okabe-Ito palette (colour-blind safe) and fixed per gemeente, so Velsen is
the same green on every page and in presentation mode.

The figure's words live outside its SVG. ``style`` records the title, subtitle and source
line in ``layout.meta`` (``kop(fig)`` reads them back) and draws none of them in the
figure: ``ui.plotly`` shows them as text around the chart, where they wrap at any width
instead of being cut off (STYLE.md). Inside the figure the house rules hold for every chart,
not per chart: margins grow with what they hold (``automargin``), the legend lies
horizontally below the plot, and a time axis labels years, as many as fit the width
(``tijdas``). ``huisregels`` applies the placement rules again to whatever a chart function
changed after ``style``; ``ui`` runs it on every figure it shows.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache

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
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=16, color="#1a1a1a")
LEGENDA_FONT = 15


def kleur(gebied: str) -> str:
    return GEMEENTE_KLEUREN.get(gebied, NEUTRAAL)


def bronregel(document: str | None, tabel: str | None, peildatum: str | None) -> str:
    parts = []
    if document:
        parts.append(f"Bron: {document}" + (f", {tabel}" if tabel else ""))
    if peildatum:
        parts.append(f"peildatum {peildatum}")
    return "; ".join(parts)


# ---------------------------------------------------------------- labels that fit


@lru_cache(maxsize=1)
def _lettergrepen():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL")


def _splits(woord: str, tekens: int) -> tuple[str, str] | None:
    """A word too long for a line, split once at a Dutch hyphenation point: as close to the
    middle as possible when two lines take it ("sollicitatie-", "vaardigheden"), else the
    longest first part that fits."""
    punten = [p for p in _lettergrepen().positions(woord) if p < len(woord)]
    passend = [p for p in punten if p + 1 <= tekens]
    if not passend:
        return None
    if len(woord) + 1 <= 2 * tekens:
        goed = [p for p in passend if len(woord) - p <= tekens]
        if goed:
            p = min(goed, key=lambda p: abs(len(woord) / 2 - p))
            return woord[:p] + "-", woord[p:]
    p = max(passend)
    return woord[:p] + "-", woord[p:]


def afbreken(tekst: str, tekens: int = 18) -> str:
    """``tekst`` in lines of at most about ``tekens`` characters, joined by ``<br>`` (SVG text
    does not wrap). A word longer than a line is hyphenated the Dutch way
    ("sollicitatie-<br>vaardigheden"), never cut at a random letter."""
    woorden: list[str] = []
    for woord in str(tekst).split():
        while len(woord) > tekens:
            deel = _splits(woord, tekens)
            if not deel:
                break
            woorden.append(deel[0])
            woord = deel[1]
        woorden.append(woord)
    regels: list[str] = []
    for woord in woorden:
        if regels and not regels[-1].endswith("-") and len(regels[-1]) + 1 + len(woord) <= tekens:
            regels[-1] += " " + woord
        else:
            regels.append(woord)
    return "<br>".join(regels) or str(tekst)


def categorie_as(namen, tekens: int = 18) -> dict:
    """Axis settings that show category names wrapped to lines of about ``tekens`` characters,
    while the figure's data keep the names as they are."""
    namen = list(dict.fromkeys(namen))
    return dict(tickmode="array", tickvals=namen, ticktext=[afbreken(n, tekens) for n in namen])


def tekst_plek(waarden, bereik: float, drempel: float = 0.5) -> list[str]:
    """Where a bar's value label goes: inside a bar longer than ``drempel`` of the axis
    ``bereik`` (outside it would run past the plot on a narrow screen), outside a shorter one."""
    return ["inside" if bereik and abs(float(v or 0)) >= drempel * bereik else "outside" for v in waarden]


def tekst_html(tekst: str) -> str:
    """A figure text (title, subtitle, source) as safe HTML: escaped, with the ``<br>`` line
    breaks and ``<b>``/``<i>`` the chart functions use kept."""
    veilig = html.escape(str(tekst), quote=False)
    return re.sub(r"&lt;(/?)(br|b|i)\s*/?&gt;", r"<\1\2>", veilig)


# ---------------------------------------------------------------- the house style


def _samenvoegen(basis: dict, extra: dict) -> dict:
    """``basis`` with ``extra`` merged in recursively, ``extra`` winning: what
    ``fig.update_layout(extra)`` does to a layout."""
    out = dict(basis)
    for k, v in extra.items():
        out[k] = _samenvoegen(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


# The margins are what is left around the plot once the axes, their labels and the legend
# have taken what they need (automargin): no guessed pixel counts.
MARGE = dict(l=8, r=24, t=24, b=8, pad=0, autoexpand=True)
# Horizontal, below the plot, from the left edge: it never eats the plot's width, and
# Plotly wraps its items over more rows on a narrow screen. Anchored to the figure's bottom
# edge ("container"), so Plotly reserves its height below the axis labels.
LEGENDA = dict(
    orientation="h",
    xref="paper",
    x=0,
    xanchor="left",
    yref="container",
    y=0,
    yanchor="bottom",
    title=dict(text="", side="top left"),
    traceorder="normal",
    font=dict(size=LEGENDA_FONT),
    itemsizing="constant",
    valign="middle",
)
_AS_X = dict(showgrid=False, linecolor="#888", ticks="outside", automargin=True, tickangle=0, title=dict(standoff=12))
_AS_Y = dict(
    gridcolor="#e5e5e5",
    zeroline=True,
    zerolinecolor="#888",
    rangemode="tozero",
    automargin=True,
    title=dict(standoff=12),
)


def kop(fig: go.Figure | dict) -> tuple[str, str, str]:
    """(title, subtitle, source line) of a house-style figure, as ``style`` recorded them."""
    layout = fig.get("layout", {}) if isinstance(fig, dict) else fig.layout.to_plotly_json()
    meta = layout.get("meta")
    meta = meta if isinstance(meta, dict) else {}
    return str(meta.get("titel") or ""), str(meta.get("ondertitel") or ""), str(meta.get("bron") or "")


def _is_datum(v) -> bool:
    if isinstance(v, (dt.date, dt.datetime)):
        return True
    return isinstance(v, str) and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T][\d:.]+)?", v))


def _datum(v) -> dt.date:
    return v.date() if isinstance(v, dt.datetime) else v if isinstance(v, dt.date) else dt.date.fromisoformat(v[:10])


TIJDAS_KORT_JAREN = 4.5  # below this span: the year ends are labelled one by one


def tijdas(waarden) -> dict:
    """An x-axis for peildata that labels years and never lets them collide, at any width.

    Long spans: Plotly chooses the ticks (every year, every other year on a phone, fewer still
    when narrower); each label names the year whose end the tick marks (``ticklabelindex``
    −1: the label of the minor tick on 31 December before each 1 January tick), so the value
    at peildatum 31-12-2015 sits above "2015" and a 30-06 peildatum halfway to the next year.
    Short spans (a few year ends, always room for them): the year ends one by one, or the
    single peildatum as a date.
    """
    data = sorted({_datum(v) for v in waarden if _is_datum(v)})
    if not data:
        return {}
    basis = dict(type="date", tickformat="%Y", hoverformat="%d-%m-%Y", ticklabelmode="instant")
    if (data[-1] - data[0]).days / 365.25 >= TIJDAS_KORT_JAREN:
        return {
            **basis,
            "tickmode": "auto",
            "ticklabelindex": -1,
            "minor": dict(tickmode="linear", tick0="2000-12-31", dtick="M12", ticks="", showgrid=False),
        }
    jaren = [
        dt.date(j, 12, 31) for j in range(data[0].year, data[-1].year + 1) if data[0] <= dt.date(j, 12, 31) <= data[-1]
    ]
    if jaren:
        return {
            **basis,
            "tickmode": "array",
            "tickvals": [d.isoformat() for d in jaren],
            "ticktext": [str(d.year) for d in jaren],
        }
    return {
        **basis,
        "tickmode": "array",
        "tickvals": [d.isoformat() for d in data],
        "ticktext": [d.strftime("%d-%m-%Y") for d in data],
    }


GETAL_AS_TICKS = 4  # at most this many ticks on a numeric x-axis: "3.000" needs room on a phone


def _as_naam(ref: str | None, letter: str) -> str:
    ref = ref or letter
    return f"{letter}axis{ref[1:]}"


def _is_getal(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _tijdassen(data, layout: dict) -> dict[str, dict]:
    """Time-axis settings for every x-axis whose traces all have peildata as x values, and
    few ticks on every x-axis of numbers (Plotly puts at least five on any axis)."""
    per_as: dict[str, list] = {}
    for trace in data:
        if trace.type not in ("scatter", "bar", "waterfall"):
            continue
        xs = trace.x
        if xs is None or not len(xs):
            continue
        per_as.setdefault(_as_naam(trace.xaxis, "x"), []).append(list(xs))
    uit = {}
    for naam, reeksen in per_as.items():
        as_ = layout.get(naam, {})
        if as_.get("type") not in (None, "date") or as_.get("tickvals") is not None:
            continue
        waarden = [v for r in reeksen for v in r]
        if waarden and all(_is_datum(v) for v in waarden):
            uit[naam] = tijdas(waarden)
        elif waarden and all(_is_getal(v) or v is None for v in waarden) and as_.get("nticks") is None:
            uit[naam] = dict(nticks=GETAL_AS_TICKS)
    return uit


def style(fig: go.Figure, titel: str, ondertitel: str = "", bron: str = "", hoogte: int = 560) -> go.Figure:
    """The house style: Dutch separators, readable type, computed margins, legend below the
    plot, time axes that label years; title, subtitle and source recorded for the page.

    ``titel``, ``ondertitel`` and ``bron`` are kept in ``layout.meta`` (read them with
    ``kop``); ``ui.plotly`` shows them as text around the chart, so they wrap instead of
    being cut off, and draws the figure after ``huisregels``, which leaves no title and no
    source line in its SVG. Until then the figure also carries them where Plotly would draw
    them (``layout.title``, a "Bron" annotation below the plot), as figures always did, so a
    chart function may still read or adjust them there.

    Returns a new figure with ``fig``'s traces and layout plus the style; use the return
    value. Building a figure with its whole layout at once is several times faster than
    ``update_layout`` on an existing figure (Plotly dispatches every changed property path),
    and this runs for every chart on every rerun. Every x and y axis gets the axis style, as
    ``update_xaxes``/``update_yaxes`` would give it, under what the chart set itself. The
    figure keeps Plotly's default template.
    """
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)  # the default one comes back with the new figure, already validated
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    layout = _samenvoegen(
        layout,
        dict(
            separators=",.",  # Dutch decimal comma and thousands dot
            font=FONT,
            title=dict(
                text=titel,
                subtitle=dict(text=ondertitel, font=dict(size=16, color="#444")),
                x=0,
                xanchor="left",
                font=dict(size=22),
            ),
            height=hoogte,
            margin=MARGE,
            plot_bgcolor="white",
            paper_bgcolor="white",
            hoverlabel=dict(font=dict(size=16)),
            legend=LEGENDA,
            # a value label that would have to shrink to fit its bar is left out
            uniformtext=dict(minsize=12, mode="hide"),
        ),
    )
    layout["meta"] = {**meta, "titel": titel, "ondertitel": ondertitel, "bron": bron}
    for prefix, stijl in (("xaxis", _AS_X), ("yaxis", _AS_Y)):
        for naam in {prefix, *(k for k in layout if k.startswith(prefix) and k[len(prefix) :].isdigit())}:
            layout[naam] = _samenvoegen(stijl, layout.get(naam, {}))
    for naam, tijd in _tijdassen(fig.data, layout).items():
        layout[naam] = _samenvoegen(layout[naam], tijd)
    if bron:
        layout["annotations"] = [
            *layout.get("annotations", []),
            dict(
                text=bron,
                xref="paper",
                yref="paper",
                x=0,
                y=-0.2,
                showarrow=False,
                xanchor="left",
                yanchor="top",
                font=dict(size=13, color="#555"),
            ),
        ]
    uit = go.Figure(data=fig.data, layout=layout, frames=fig.frames or None)
    # a value label reads across, never turned on its side to squeeze into a thin bar
    for trace in uit.data:
        if trace.type in ("bar", "waterfall") and trace.textangle is None:
            trace.textangle = 0
    return uit


def _is_bronregel(ann) -> bool:
    """A source line drawn below the plot as an annotation (older figures did that)."""
    return ann.yref == "paper" and ann.y is not None and ann.y <= 0 and str(ann.text or "").startswith("Bron")


def huisregels(fig: go.Figure) -> go.Figure:
    """The figure as ``ui.plotly`` draws it: its title, subtitle and source line only in
    ``layout.meta`` (the page shows them as text), none in the SVG; and the placement rules
    again, over whatever a chart function changed after ``style``: the house margins, the
    legend below the plot, automargin on every axis. Changes ``fig`` in place; safe to run
    twice."""
    lay = fig.layout
    meta = dict(lay.meta) if isinstance(lay.meta, dict) else {}
    if lay.title and lay.title.text:
        meta.setdefault("titel", lay.title.text)
        if lay.title.subtitle and lay.title.subtitle.text:
            meta.setdefault("ondertitel", lay.title.subtitle.text)
    bronnen = [a for a in lay.annotations if _is_bronregel(a) or (meta.get("bron") and a.text == meta["bron"])]
    if bronnen and not meta.get("bron"):
        meta["bron"] = "; ".join(str(a.text) for a in bronnen)
    updates = dict(meta=meta, title=dict(text="", subtitle=dict(text="")), margin=MARGE)
    if lay.showlegend is not False:
        updates["legend"] = LEGENDA
    fig.update_layout(**updates)
    if bronnen:
        fig.layout.annotations = [a for a in lay.annotations if a not in bronnen]
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


# ---------------------------------------------------------------- presentation mode

# The same hues, darkened until every mark has at least 3.6:1 contrast on white (WCAG
# asks 3:1 for graphics): Velsen stays green, Heemskerk orange, only bolder.
PRESENTATIE_KLEUREN: dict[str, str] = {
    "#0072B2": "#0072B2",  # Beverwijk: already 5.2:1
    "#E69F00": "#B37C00",  # Heemskerk
    "#009E73": "#00996F",  # Velsen
    "#CC79A7": "#C5679B",  # Uitgeest
    "#222222": "#000000",  # IJmond
    "#555555": "#444444",
    "#56B4E9": "#1B8DCE",  # Zuid-Kennemerland
    "#D55E00": "#C15500",  # accent
    "#999999": "#868686",  # neutral
}
# One chart per 1920 x 1080 screen: the page's compact title and message, the chart's title
# and subtitle above it and the source line below it (HTML, ui.CSS_PRESENTATIE) and the
# figure fill the first screen.
PRESENTATIE_HOOGTE = 640
PRESENTATIE_MAX_HOOGTE = 1000  # a chart of many rows grows with its type, to about a screen
PRESENTATIE_SCHAAL = 1.5  # type size factor
PRESENTATIE_HOOGTE_SCHAAL = 1.1  # height factor: the chart grows less than its type
# A figure whose texts are placed for its own height (the Sankey's labels) has this in its
# layout.meta: presentation then scales type, pixel offsets and node sizes with the height,
# so the placement holds.
MEESCHALEN = "meeschalen"
# A figure laid out in pixels for its own height (bars with their words above them): printed
# at that height (ui.plotly prints other figures lower).
VASTE_HOOGTE = "vaste_hoogte"


def _donker(kleur):
    if isinstance(kleur, str):
        return PRESENTATIE_KLEUREN.get(kleur.upper(), kleur)
    if isinstance(kleur, (list, tuple)):
        return [_donker(k) for k in kleur]
    return kleur


def presentatie(fig: go.Figure, hoogte: int = PRESENTATIE_HOOGTE) -> go.Figure:
    """Restyle a house-style figure for the projector: larger type, bolder high-contrast marks.

    Works on any figure made by ``style``: the gemeente colours are kept (darkened, same hue),
    margins stay computed, the legend stays below the plot. Changes ``fig`` in place.
    """
    lay = fig.layout
    meta = lay.meta if isinstance(lay.meta, dict) else {}
    oud = lay.height or 560
    # rows of labels need room for the larger type: the chart grows with it, to about a screen
    hoogte = max(hoogte, min(round(oud * PRESENTATIE_HOOGTE_SCHAAL), PRESENTATIE_MAX_HOOGTE))
    schaal = hoogte / oud if meta.get(MEESCHALEN) else PRESENTATIE_SCHAAL

    def groter(size, minimum: int) -> int:
        if meta.get(MEESCHALEN):
            return round((size or FONT["size"]) * schaal)
        return max(minimum, round((size or minimum) * schaal))

    fig.update_layout(
        height=hoogte,
        font=dict(size=groter(lay.font.size, 24), color="#000000"),
        hoverlabel=dict(font_size=24),
        uniformtext=dict(minsize=18, mode="hide"),  # a value too small to read on a screen is left out
        legend=dict(font=dict(size=groter(lay.legend.font.size or lay.font.size, 24), color="#000000")),
    )
    # black labels set on the axes themselves (Streamlit's chart theme greys them otherwise)
    as_px = round(FONT["size"] * schaal) if meta.get(MEESCHALEN) else 22
    as_stijl = dict(
        linewidth=2,
        tickfont=dict(size=as_px, color="#000000"),
        title_font=dict(size=as_px, color="#000000"),
        automargin=True,
    )
    fig.update_xaxes(linecolor="#000000", tickcolor="#000000", **as_stijl)
    fig.update_yaxes(gridcolor="#BBBBBB", zerolinecolor="#000000", **as_stijl)
    for ann in fig.layout.annotations:
        ann.font.size = groter(ann.font.size, 20)
        if ann.font.color in (None, "#555", "#555555", "#444", "#444444"):
            ann.font.color = "#222222"
        if meta.get(MEESCHALEN):
            ann.xshift = (ann.xshift or 0) * schaal
            ann.yshift = (ann.yshift or 0) * schaal
    for trace in fig.data:
        if trace.type == "sankey":
            trace.node.pad = (trace.node.pad or 0) * schaal
            trace.node.thickness = (trace.node.thickness or 20) * schaal
            trace.node.color = _donker(trace.node.color)
            continue
        marker = getattr(trace, "marker", None)
        if marker is not None and marker.color is not None:
            marker.color = _donker(marker.color)
        line = getattr(trace, "line", None)
        if line is not None:
            if line.color is not None:
                line.color = _donker(line.color)
            if trace.type == "scatter":
                line.width = max(5, (line.width or 2) * 2)
        if trace.type == "scatter" and marker is not None:
            marker.size = max(14, (marker.size or 6) * 2)
        textfont = getattr(trace, "textfont", None)
        if textfont is not None:
            textfont.size = groter(textfont.size, 22)
    return fig
