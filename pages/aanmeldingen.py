"""Aanmeldingen-trend: participanten bij IJmond Werkt! next to the bijstandsuitkeringen, the
fitted trend, participanten per 100 uitkeringen and the brede intakes."""

import streamlit as st

from ijmond_dash import formatting, ui
from ijmond_dash.analysis import kerncijfers, reeksen
from ijmond_dash.charts import aanmeldingen as charts
from ijmond_dash.store import queries

GEBIED = "IJMOND"

gegevens = ui.berekend(reeksen.aanmeldingen, GEBIED)
part, uitk, trend = gegevens.participanten, gegevens.uitkeringen, gegevens.trend
ui.kop("Aanmeldingen-trend", gegevens.zin)
if part.empty:
    st.info("Er zijn geen aanmeldingen in de database.")
    st.stop()

# The same two kerncijfers as on the Overzicht (one definition, kerncijfers.py): the sentence
# above compares the uitkeringen on the participanten's peildata and says so. On the projector
# they come after the chart, so that the message and its chart fill the first screen.
kern = st.container()

basisjaar = min(d.year for d in part["peildatum"])
WEERGAVEN = {charts.PANELEN: "Twee panelen", charts.INDEX: f"Index {basisjaar} = 100"}
bediening, resultaat = ui.resultaat_eerst("aanm")  # on a phone the chart comes before its controls
w1, w2 = bediening.columns([1, 1])
weergave = w1.radio(
    "Weergave", list(WEERGAVEN), format_func=WEERGAVEN.get, horizontal=True, key="aanm_weergave", bind="query-params"
)
heeft_halfjaar = bool((part["periode"] == "halfjaar").any())
toon_jaarbasis = w2.toggle(
    "Half jaar omrekenen naar een heel jaar (schatting)",
    key="aanm_jaarbasis",
    bind="query-params",
    disabled=not heeft_halfjaar,
    help=reeksen.METHODE_JAARBASIS[0].upper() + reeksen.METHODE_JAARBASIS[1:] + ".",
)

u = uitk[uitk["gebied"] == GEBIED][["peildatum", "aantal", "bron"]]
codes = list(part["bron"]) + list(u["bron"])
alle_data = list(part["peildatum"]) + list(u["peildatum"])
bron = ui.bron(codes, f"{formatting.datum(min(alle_data))} t/m {formatting.datum(max(alle_data))}")

with resultaat:
    if weergave == charts.INDEX:
        ui.grafiek(
            charts.geindexeerd,
            (part, u, basisjaar, toon_jaarbasis, bron),
            key="aanm_grafiek",
            naam="aanmeldingen_trend",
            theme=None,
        )
    else:
        ui.grafiek(
            charts.panelen,
            (part, u, trend, toon_jaarbasis, bron),
            key="aanm_grafiek",
            naam="aanmeldingen_trend",
            theme=None,
        )

with st.container() if ui.presentatie() else kern:
    for kolom, k in zip(st.columns(2, border=True), ui.berekend(kerncijfers.aanmeldingen), strict=True):
        with kolom:
            st.metric(k.label, k.waarde, k.delta, delta_color="off", delta_arrow="auto")
            st.caption(formatting.md_escape(k.toelichting))
            ui.bron_caption(k.bron, k.peildatum)

halfjaar = part[part["periode"] == "halfjaar"]
for r in halfjaar.itertuples():
    tekst = (
        f"De waarde op {formatting.datum(r.peildatum)} ({formatting.getal(r.aantal)}) betreft alleen het "
        "eerste half jaar en is niet met de jaarcijfers verbonden."
    )
    if toon_jaarbasis:
        tekst += (
            f" Omgerekend naar een heel jaar: {formatting.getal(round(r.jaarbasis))} — een schatting "
            f"({reeksen.METHODE_JAARBASIS.removeprefix('schatting: ')})."
        )
    st.info(tekst, icon=":material/info:")
if trend is not None:
    st.caption(
        f"{trend.UITLEG}: gemiddeld {formatting.procent(trend.pct_per_jaar)} per jaar over "
        f"{formatting.getal(trend.punten)} volledige jaren ({formatting.datum(trend.van)} t/m "
        f"{formatting.datum(trend.tot)}). Het halve jaar telt niet mee."
    )
    methode = ui.uitklapvak("Hoe berekend?", key="aanm_methode_open")
    if methode.open:
        with methode:
            st.markdown(
                f"Trendlijn: {trend.METHODE}. Met de {formatting.getal(trend.punten)} jaarcijfers geeft "
                f"dat b = {formatting.getal(trend.b, 4)}, dus {formatting.procent(trend.pct_per_jaar)} "
                "per jaar."
            )

st.header("Participanten per 100 bijstandsuitkeringen")
per_100 = gegevens.per_100
ui.grafiek(
    charts.ratio,
    (per_100, toon_jaarbasis, bron),
    key="aanm_ratio_grafiek",
    naam="participanten_per_100_uitkeringen",
    theme=None,
)

vak = ui.uitklapvak("Tabel: wat de grafieken tonen", key="aanm_tabel_open")
if vak.open:  # the table is built only when shown
    tabel = per_100[["peildatum", "periode", "participanten", "uitkeringen", "per_100"]].copy()
    alleen_part = part[~part["peildatum"].isin(tabel["peildatum"])]
    tabel = tabel.assign(per_100=tabel["per_100"].round(1))
    heel_jaar = tabel["periode"] == "jaar"
    if toon_jaarbasis:
        tabel["Jaarbasis (schatting)"] = per_100["jaarbasis"].where(per_100["schatting"]).round(0)
        tabel["Per 100, jaarbasis (schatting)"] = per_100["per_100_jaarbasis"].where(per_100["schatting"]).round(1)
    if trend is not None and weergave == charts.PANELEN:
        tabel["Trendwaarde"] = trend.waarde(tabel["peildatum"]).round(0)
        tabel.loc[~heel_jaar, "Trendwaarde"] = None
    if weergave == charts.INDEX:
        tabel["Index participanten"] = reeksen.index(
            tabel.assign(aantal=tabel["participanten"]), "aantal", basisjaar
        ).round(1)
        tabel["Index uitkeringen"] = reeksen.index(
            tabel.assign(aantal=tabel["uitkeringen"]), "aantal", basisjaar
        ).round(1)
    tabel["bron"] = per_100["peildatum"].map(dict(zip(part["peildatum"], part["bron"], strict=True)))
    tabel["periode"] = tabel["periode"].map(reeksen.PERIODE_LABELS)
    tabel = tabel.rename(
        columns={
            "peildatum": "Peildatum",
            "periode": "Periode",
            "participanten": "Participanten",
            "uitkeringen": "Bijstandsuitkeringen IJmond",
            "per_100": "Per 100 uitkeringen",
        }
    )
    with vak:
        ui.tabel_en_download(tabel, "aanmeldingen_trend", key="aanm_tabel")
        if len(alleen_part):
            st.caption(
                "Zonder uitkeringscijfer op dezelfde peildatum: "
                + ", ".join(formatting.datum(d) for d in alleen_part["peildatum"])
                + "."
            )

st.header("Brede intakes")
intake = ui.query(queries.kengetal, "brede_intakes")
if intake.empty:
    st.info("Het aantal brede intakes staat niet in de database.")
else:
    r = intake.iloc[0]
    st.metric(formatting.md_escape(f"{r['omschrijving']} ({r['periode']})"), formatting.getal(r["waarde"]))
    if r["toelichting"]:
        st.warning(
            f"Kanttekening uit de rapportage: {formatting.md_escape(r['toelichting'])}", icon=":material/warning:"
        )
    ui.bron_caption(r["bron"], r["periode"])
ui.link("bronnen", "Bronnen en datakwaliteit", icon=":material/menu_book:")
