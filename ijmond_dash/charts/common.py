"""Shared chart style: gemeente colours, Dutch separators, titles with source and peildatum.

Colours are the Okabe-Ito palette (colour-blind safe) and fixed per gemeente, so Velsen is
the same green on every page and in presentation mode.
"""

from __future__ import annotations

import textwrap

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


def _samenvoegen(basis: dict, extra: dict) -> dict:
    """``basis`` with ``extra`` merged in recursively, ``extra`` winning: what
    ``fig.update_layout(extra)`` does to a layout."""
    out = dict(basis)
    for k, v in extra.items():
        out[k] = _samenvoegen(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


_AS_X = dict(showgrid=False, linecolor="#888", ticks="outside")
_AS_Y = dict(gridcolor="#e5e5e5", zeroline=True, zerolinecolor="#888", rangemode="tozero")


def style(fig: go.Figure, titel: str, ondertitel: str = "", bron: str = "", hoogte: int = 560) -> go.Figure:
    """The house style: Dutch separators, large type, title, subtitle and source line.

    Returns a new figure with ``fig``'s traces and layout plus the style; use the return
    value. Building a figure with its whole layout at once is several times faster than
    ``update_layout`` on an existing figure (Plotly dispatches every changed property path),
    and this runs for every chart on every rerun. Every x and y axis gets the axis style, as
    ``update_xaxes``/``update_yaxes`` would give it. The figure keeps Plotly's default template.
    """
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)  # the default one comes back with the new figure, already validated
    layout = _samenvoegen(layout, dict(
        separators=",.",  # Dutch decimal comma and thousands dot
        font=FONT,
        title=dict(text=titel, subtitle=dict(text=ondertitel, font=dict(size=16, color="#444")),
                   x=0, xanchor="left", font=dict(size=24)),
        height=hoogte,
        margin=dict(l=70, r=30, t=100, b=110 if bron else 60),
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel=dict(font=dict(size=16)),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title=dict(text="")),
    ))
    for prefix, stijl in (("xaxis", _AS_X), ("yaxis", _AS_Y)):
        for naam in {prefix, *(k for k in layout if k.startswith(prefix) and k[len(prefix):].isdigit())}:
            layout[naam] = _samenvoegen(layout.get(naam, {}), stijl)
    if bron:
        layout["annotations"] = [*layout.get("annotations", []), dict(
            text=bron, xref="paper", yref="paper", x=0, y=-0.2, showarrow=False, xanchor="left", yanchor="top",
            font=dict(size=13, color="#555"))]
    return go.Figure(data=fig.data, layout=layout, frames=fig.frames or None)


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
PRESENTATIE_HOOGTE = 900  # one chart fills a 1920 x 1080 screen
PRESENTATIE_SCHAAL = 1.5  # type size factor
PRESENTATIE_MARGE_BOVEN = 200  # px: title, subtitle and a legend above the plot
PRESENTATIE_MARGE_ONDER = 210  # px: axis labels, axis title and the source line
PRESENTATIE_BRON_TEKENS = 120  # a longer source line wraps


def _donker(kleur):
    if isinstance(kleur, str):
        return PRESENTATIE_KLEUREN.get(kleur.upper(), kleur)
    if isinstance(kleur, (list, tuple)):
        return [_donker(k) for k in kleur]
    return kleur


def _groter(size, minimum: int) -> int:
    return max(minimum, round((size or minimum) * PRESENTATIE_SCHAAL))


def _is_bronregel(ann) -> bool:
    """The source line below the plot (``style`` puts it at y < 0; pages may move it to y = 0
    with a negative pixel shift)."""
    if ann.yref != "paper" or ann.y is None:
        return False
    return ann.y < 0 or (ann.y == 0 and ann.yanchor == "top" and (ann.yshift or 0) < 0) or (
        str(ann.text or "").startswith("Bron") and ann.y <= 0)


def presentatie(fig: go.Figure, hoogte: int = PRESENTATIE_HOOGTE) -> go.Figure:
    """Restyle a house-style figure for the projector: larger type, bolder high-contrast marks.

    Works on any figure made by ``style``: the gemeente colours are kept (darkened, same hue),
    the title, subtitle and source line stay, only bigger. Changes ``fig`` in place.
    """
    lay = fig.layout
    fig.update_layout(
        height=hoogte,
        font=dict(size=_groter(lay.font.size, 26), color="#000000"),
        # the title block hangs from the top edge, so the enlarged subtitle never runs into a
        # legend above the plot; the top margin holds title, subtitle and legend
        title=dict(font=dict(size=_groter(lay.title.font.size, 36), color="#000000"), yref="container", y=1,
                   yanchor="top", pad=dict(t=16)),
        hoverlabel=dict(font_size=24),
        legend=dict(font=dict(size=_groter(lay.legend.font.size or lay.font.size, 26), color="#000000")),
        margin=dict(l=110, r=50, t=PRESENTATIE_MARGE_BOVEN, b=PRESENTATIE_MARGE_ONDER),
    )
    if lay.title.subtitle and lay.title.subtitle.text:
        fig.update_layout(title_subtitle_font=dict(size=_groter(lay.title.subtitle.font.size, 24), color="#222222"))
    # black labels set on the axes themselves (Streamlit's chart theme greys them otherwise);
    # automargin makes room for long category labels at the larger size
    as_stijl = dict(linewidth=2, tickfont=dict(size=26, color="#000000"), title_font=dict(size=26, color="#000000"),
                    automargin=True)
    fig.update_xaxes(linecolor="#000000", tickcolor="#000000", **as_stijl)
    fig.update_yaxes(gridcolor="#BBBBBB", zerolinecolor="#000000", **as_stijl)
    for ann in fig.layout.annotations:
        ann.font.size = _groter(ann.font.size, 20)
        if ann.font.color in (None, "#555", "#555555", "#444", "#444444"):
            ann.font.color = "#222222"
        if _is_bronregel(ann):
            if ann.text and "<br>" not in ann.text and len(ann.text) > PRESENTATIE_BRON_TEKENS:
                ann.text = "<br>".join(textwrap.wrap(ann.text, PRESENTATIE_BRON_TEKENS))
            # a fixed number of pixels below the plot, ending just above the bottom edge of the
            # figure: clear of the enlarged axis labels, whatever the plot height
            regels = str(ann.text).count("<br>") + 1
            ann.update(y=0, yanchor="top", align="left",
                       yshift=-(PRESENTATIE_MARGE_ONDER - 12 - round(ann.font.size * 1.25) * regels))
    for trace in fig.data:
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
            textfont.size = _groter(textfont.size, 24)
    return fig
