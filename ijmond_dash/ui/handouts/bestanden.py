"""Handout pages as files: the charts as images (kaleido), a PDF (fpdf2) and a PowerPoint (python-pptx)."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from ijmond_dash import formatting
from ijmond_dash.ui.handouts.basis import BEELD_BREEDTE, BEELD_SCHAAL, BROWSER, FONT_DIR, HandoutFout
from ijmond_dash.ui.handouts.bladen import blad

if TYPE_CHECKING:
    from ijmond_dash.ui.handouts.basis import Blad


_EEN_BROWSER = threading.Lock()  # one handout's browser at a time per process: a server has few cores


def _render(figuren: list[go.Figure]) -> list[bytes]:
    """PNG bytes of every figure, rendered by one kaleido browser (offline: the plotly.js that
    comes with plotly, no MathJax). Handouts asked for at the same time take turns."""
    import kaleido

    os.environ.setdefault("BROWSER_PATH", BROWSER)

    async def alles() -> list[bytes]:
        uit = []
        async with kaleido.Kaleido(n=1, mathjax=False) as k:
            for fig in figuren:
                hoogte = int(fig.layout.height or 560)
                opts = {"format": "png", "width": BEELD_BREEDTE, "height": hoogte, "scale": BEELD_SCHAAL}
                uit.append(await k.calc_fig(fig, opts=opts))
        return uit

    resultaat: dict = {}

    def draai() -> None:
        try:
            resultaat["ok"] = asyncio.run(alles())
        except BaseException as exc:  # noqa: BLE001 - reported below, in Dutch
            resultaat["fout"] = exc

    # its own thread: a running event loop (Streamlit's, a test's) must not be re-entered
    with _EEN_BROWSER:
        t = threading.Thread(target=draai, name="handout-kaleido", daemon=True)
        t.start()
        t.join()
    if "fout" in resultaat:
        raise HandoutFout(
            f"De grafieken konden niet als afbeelding worden gemaakt (de browser chromium is nodig: {BROWSER})."
        ) from resultaat["fout"]
    return resultaat["ok"]


def beelden(bladen: Sequence[Blad]) -> list[Blad]:
    """The views with their charts rendered as PNG (``Blad.beeld``)."""
    bladen = list(bladen)
    te_doen = [b for b in bladen if b.figuur is not None and b.beeld is None and not b.melding]
    if te_doen:
        for b, png in zip(te_doen, _render([b.figuur for b in te_doen]), strict=True):
            b.beeld = png
    return bladen


def _png_maat(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _gemaakt(nu: dt.datetime | None = None) -> str:
    nu = nu or dt.datetime.now()
    return f"Gemaakt op {formatting.datum(nu.date())} om {nu:%H:%M} met het IJmond Werkt! dashboard"


def _kopregel(b: Blad) -> str:
    return b.titel or b.paginatitel


def pdf(bladen: Iterable[Blad], nu: dt.datetime | None = None) -> bytes:
    """A4 landscape, one page per view: page title, message, chart title, chart image, key
    figures, settings, source and the date of making."""
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue

    bladen = beelden(list(bladen))
    doc = FPDF(orientation="L", unit="mm", format="A4")
    doc.set_auto_page_break(False)
    doc.set_margins(14, 12, 14)
    doc.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    doc.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    doc.set_title("Handout IJmond Werkt! dashboard")
    doc.set_lang("nl-NL")
    doc.set_creator("IJmond Werkt! dashboard")
    breedte = doc.w - doc.l_margin - doc.r_margin
    gemaakt = _gemaakt(nu)

    def hoogte(tekst: str, grootte: float, stijl: str = "", w: float = breedte, regel: float = 1.35) -> float:
        doc.set_font("DejaVu", stijl, grootte)
        return doc.multi_cell(w, grootte * 0.3528 * regel, tekst, dry_run=True, output=MethodReturnValue.HEIGHT)

    def schrijf(
        tekst: str,
        grootte: float,
        stijl: str = "",
        kleur=(26, 26, 26),
        w: float = breedte,
        regel: float = 1.35,
        x: float | None = None,
    ) -> None:
        doc.set_font("DejaVu", stijl, grootte)
        doc.set_text_color(*kleur)
        if x is not None:
            doc.set_x(x)
        doc.multi_cell(w, grootte * 0.3528 * regel, tekst, new_x="LMARGIN", new_y="NEXT", align="L")

    def kern_rijen(b: Blad) -> list[list[tuple[str, str]]]:
        per_rij = 4 if len(b.kerncijfers) in (4, 7, 8) else 3
        return [b.kerncijfers[j : j + per_rij] for j in range(0, len(b.kerncijfers), per_rij)]

    def kern_hoogte(rij: list[tuple[str, str]], w: float) -> float:
        return max(hoogte(label, 8.5, w=w - 3) + hoogte(waarde, 11.5, "B", w=w - 3) for label, waarde in rij) + 2

    def kern_schrijf(rij: list[tuple[str, str]], w: float) -> None:
        y0 = doc.get_y()
        h = kern_hoogte(rij, w)
        for j, (label, waarde) in enumerate(rij):
            x = doc.l_margin + j * w
            doc.set_draw_color(200, 200, 200)
            doc.line(x, y0, x, y0 + h - 1)  # a thin rule before each figure
            doc.set_xy(x + 2, y0)
            schrijf(label, 8.5, "", (68, 68, 68), w=w - 3, x=x + 2)
            schrijf(waarde, 11.5, "B", w=w - 3, x=x + 2)
        doc.set_y(y0 + h)

    for i, b in enumerate(bladen, 1):
        doc.add_page()
        schrijf(_kopregel(b).upper(), 9, "B", (92, 94, 102))
        doc.ln(1)
        schrijf(b.kop, 15 if len(b.kop) < 220 else 13, "B")
        doc.ln(2)
        # the bottom block, measured first: key figures, note, settings, source, date
        onder = []
        if b.notitie:
            onder.append(("Notitie: " + b.notitie, 10, "", (26, 26, 26)))
        if b.instellingen:
            onder.append(("Instellingen: " + b.instellingen, 9, "", (68, 68, 68)))
        if b.bron:
            onder.append((b.bron, 9, "", (68, 68, 68)))
        onder.append((f"{gemaakt} · pagina {i} van {len(bladen)}", 8, "", (92, 94, 102)))
        rijen = kern_rijen(b)
        kern_h = sum(kern_hoogte(r, breedte / len(rijen[0])) for r in rijen) + (2 if rijen else 0)
        met_beeld = bool(b.beeld or b.melding)  # without a chart the key figures follow the headline
        onder_h = (kern_h if met_beeld else 0) + sum(hoogte(t, g, s) + 1.2 for t, g, s, _ in onder)
        y_onder = doc.h - doc.b_margin - onder_h
        if b.grafiek_titel:
            schrijf(b.grafiek_titel, 11, "B")
        if b.grafiek_ondertitel:
            schrijf(b.grafiek_ondertitel, 9, "", (68, 68, 68))
        if b.beeld:
            doc.ln(1)
            ruimte_h = y_onder - doc.get_y() - 2
            pw, ph = _png_maat(b.beeld)
            w = breedte
            h = w * ph / pw
            if h > ruimte_h:
                h = max(ruimte_h, 20)
                w = h * pw / ph
            doc.image(
                io.BytesIO(b.beeld),
                x=doc.l_margin + (breedte - w) / 2,
                y=doc.get_y(),
                w=w,
                h=h,
                alt_text=b.grafiek_titel or b.kop,
            )
        elif b.melding:
            doc.ln(3)
            schrijf(b.melding, 11, "", (68, 68, 68))
        else:
            doc.ln(3)
        if not met_beeld:
            for rij in rijen:
                kern_schrijf(rij, breedte / len(rijen[0]))
        doc.set_y(max(y_onder, doc.get_y()))
        if met_beeld:
            for rij in rijen:
                kern_schrijf(rij, breedte / len(rijen[0]))
            if rijen:
                doc.ln(2)
        for tekst, grootte, stijl, kleur in onder:
            schrijf(tekst, grootte, stijl, kleur)
            doc.ln(1.2)
    return bytes(doc.output())


def pptx(bladen: Iterable[Blad], nu: dt.datetime | None = None) -> bytes:
    """16:9, one slide per view: the message in the title placeholder, the chart image with its
    title, the key figures beside it, settings, source and date below; the note in the notes."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    bladen = beelden(list(bladen))
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12_192_000), Emu(6_858_000)  # 16:9, 13,33 × 7,5 inch
    prs.core_properties.title = "Handout IJmond Werkt! dashboard"
    prs.core_properties.language = "nl-NL"
    layout = prs.slide_layouts[5]  # "Title Only"
    gemaakt = _gemaakt(nu)
    marge = Inches(0.45)
    breedte = prs.slide_width - 2 * marge

    def tekstvak(slide, x, y, w, h, alinea: list[tuple[str, float, bool, RGBColor]]):
        vak = slide.shapes.add_textbox(x, y, w, h)
        tf = vak.text_frame
        tf.word_wrap = True
        for j, (tekst, grootte, vet, kleur) in enumerate(alinea):
            par = tf.paragraphs[0] if j == 0 else tf.add_paragraph()
            run = par.add_run()
            run.text = tekst
            run.font.size = Pt(grootte)
            run.font.bold = vet
            run.font.color.rgb = kleur
            par.space_after = Pt(3)
        return vak

    zwart, grijs = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x44, 0x44, 0x44)
    for i, b in enumerate(bladen, 1):
        slide = prs.slides.add_slide(layout)
        titel = slide.shapes.title
        titel.left, titel.top, titel.width, titel.height = marge, Inches(0.55), breedte, Inches(1.25)
        titel.text = b.kop
        tf = titel.text_frame
        tf.word_wrap = True
        tf.vertical_anchor = MSO_ANCHOR.TOP
        grootte = 24 if len(b.kop) <= 120 else 20 if len(b.kop) <= 200 else 16
        for par in tf.paragraphs:
            par.alignment = PP_ALIGN.LEFT
            for run in par.runs:
                run.font.size = Pt(grootte)
                run.font.bold = True
                run.font.color.rgb = zwart
        tekstvak(slide, marge, Inches(0.2), breedte, Inches(0.35), [(_kopregel(b).upper(), 11, True, grijs)])

        met_beeld = bool(b.beeld or b.melding)
        kolom_links = Inches(8.9) if b.kerncijfers and met_beeld else breedte
        y = Inches(1.85)
        kop_regels = [
            (t, g, v, k)
            for t, g, v, k in ((b.grafiek_titel, 14, True, zwart), (b.grafiek_ondertitel, 11, False, grijs))
            if t
        ]
        if kop_regels:
            # 14 pt title on a line of its own; about 100 characters of 11 pt subtitle a line
            h_kop = Inches(0.3 + (0.21 * -(-len(b.grafiek_ondertitel) // 100) if b.grafiek_ondertitel else 0))
            tekstvak(slide, marge, y, kolom_links, h_kop, kop_regels)
            y += h_kop + Inches(0.1)
        onder = []
        if b.instellingen:
            onder.append(("Instellingen: " + b.instellingen, 10, False, grijs))
        if b.bron:
            onder.append((b.bron, 10, False, grijs))
        onder.append((f"{gemaakt} · dia {i} van {len(bladen)}", 9, False, grijs))
        # about 170 characters of 10 pt on a line of the slide's width; 0,19 inch a line
        regels = sum(-(-len(t) // 170) for t, *_ in onder)
        onder_y = prs.slide_height - Inches(0.15 + 0.19 * regels + 0.1)
        if b.beeld:
            pw, ph = _png_maat(b.beeld)
            max_w, max_h = kolom_links, onder_y - y - Inches(0.1)
            w = max_w
            h = Emu(int(w * ph / pw))
            if h > max_h:
                h = max_h
                w = Emu(int(h * pw / ph))
            slide.shapes.add_picture(io.BytesIO(b.beeld), marge, y, w, h)
        elif b.melding:
            tekstvak(slide, marge, y, kolom_links, Inches(1), [(b.melding, 14, False, grijs)])
        if b.kerncijfers:
            x = marge + kolom_links + Inches(0.25) if met_beeld else marge
            regels = [("Kerncijfers", 14, True, zwart)] if met_beeld else []
            for label, waarde in b.kerncijfers:
                regels += [(label, 11, False, grijs), (waarde, 13 if len(waarde) < 40 else 11, True, zwart)]
            tekstvak(slide, x, y, prs.slide_width - x - marge, onder_y - y, regels)
        tekstvak(slide, marge, onder_y, breedte, prs.slide_height - onder_y - Inches(0.1), onder)
        if b.notitie:
            slide.notes_slide.notes_text_frame.text = b.notitie
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def uit_stappen(stappen: Iterable, lees) -> list[Blad]:
    """The views of a sessie's steps (``.pagina``, ``.parameters``, ``.notitie``, ``.titel``)."""
    uit = []
    for s in stappen:
        b = blad(s.pagina, getattr(s, "parameters", {}) or {}, lees)
        uit.append(replace(b, notitie=getattr(s, "notitie", "") or "", titel=getattr(s, "titel", "") or ""))
    return uit
