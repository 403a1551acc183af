"""Aanmeldingen-trend: participanten bij IJmond Werkt! next to the bijstandsuitkeringen, the
fitted trend, participanten per 100 uitkeringen and the brede intakes."""

import streamlit as st

from ijmond_dash import formatting, reeksen, ui
from ijmond_dash.charts import aanmeldingen as charts

GEBIED = "IJMOND"

gegevens = ui.berekend(reeksen.aanmeldingen, GEBIED)
part, uitk, trend = gegevens.participanten, gegevens.uitkeringen, gegevens.trend
ui.kop("Aanmeldingen-trend", gegevens.zin)
if part.empty:
    st.info("Er zijn geen aanmeldingen in de database.")
    st.stop()

basisjaar = min(d.year for d in part["peildatum"])
WEERGAVEN = {charts.PANELEN: "Twee panelen", charts.INDEX: f"Index {basisjaar} = 100"}
w1, w2 = st.columns([1, 1])
weergave = w1.radio("Weergave", list(WEERGAVEN), format_func=WEERGAVEN.get, horizontal=True, key="aanm_weergave",
                    bind="query-params")
heeft_halfjaar = bool((part["periode"] == "halfjaar").any())
toon_jaarbasis = w2.toggle("Half jaar omrekenen naar een heel jaar (schatting)", key="aanm_jaarbasis",
                           bind="query-params", disabled=not heeft_halfjaar,
                           help=reeksen.METHODE_JAARBASIS[0].upper() + reeksen.METHODE_JAARBASIS[1:] + ".")

u = uitk[uitk["gebied"] == GEBIED][["peildatum", "aantal", "bron"]]
codes = list(part["bron"]) + list(u["bron"])
alle_data = list(part["peildatum"]) + list(u["peildatum"])
bron = ui.bron(codes, f"{formatting.datum(min(alle_data))} t/m {formatting.datum(max(alle_data))}")

if weergave == charts.INDEX:
    ui.grafiek(charts.geindexeerd, (part, u, basisjaar, toon_jaarbasis, bron), key="aanm_grafiek",
               naam="aanmeldingen_trend", theme=None)
else:
    ui.grafiek(charts.panelen, (part, u, trend, toon_jaarbasis, bron), key="aanm_grafiek", naam="aanmeldingen_trend",
               theme=None)

halfjaar = part[part["periode"] == "halfjaar"]
for r in halfjaar.itertuples():
    tekst = (f"De waarde op {formatting.datum(r.peildatum)} ({formatting.getal(r.aantal)}) betreft alleen het "
             "eerste half jaar en is niet met de jaarcijfers verbonden.")
    if toon_jaarbasis:
        tekst += (f" Omgerekend naar een heel jaar: {formatting.getal(round(r.jaarbasis))} — een schatting "
                  f"({reeksen.METHODE_JAARBASIS.removeprefix('schatting: ')}).")
    st.info(tekst, icon=":material/info:")
if trend is not None:
    st.caption(f"Trend: {trend.METHODE}. Gemiddeld {formatting.procent(trend.pct_per_jaar)} per jaar over "
               f"{formatting.getal(trend.punten)} volledige jaren ({formatting.datum(trend.van)} t/m "
               f"{formatting.datum(trend.tot)}); het halve jaar telt niet mee.")

st.header("Participanten per 100 bijstandsuitkeringen")
per_100 = gegevens.per_100
ui.grafiek(charts.ratio, (per_100, toon_jaarbasis, bron), key="aanm_ratio_grafiek",
           naam="participanten_per_100_uitkeringen", theme=None)

vak = ui.uitklapvak("Tabel: wat de grafieken tonen", key="aanm_tabel_open")
if vak.open:  # the table is built only when shown
    tabel = per_100[["peildatum", "periode", "participanten", "uitkeringen", "per_100"]].copy()
    alleen_part = part[~part["peildatum"].isin(tabel["peildatum"])]
    tabel = tabel.assign(per_100=tabel["per_100"].round(1))
    if toon_jaarbasis:
        tabel["jaarbasis (schatting)"] = per_100["jaarbasis"].where(per_100["schatting"]).round(0)
        tabel["per 100, jaarbasis (schatting)"] = per_100["per_100_jaarbasis"].where(per_100["schatting"]).round(1)
    if trend is not None and weergave == charts.PANELEN:
        tabel["trendwaarde"] = trend.waarde(tabel["peildatum"]).round(0)
        tabel.loc[tabel["periode"] != "jaar", "trendwaarde"] = None
    if weergave == charts.INDEX:
        tabel["index participanten"] = reeksen.index(tabel.assign(aantal=tabel["participanten"]), "aantal",
                                                     basisjaar).round(1)
        tabel["index uitkeringen"] = reeksen.index(tabel.assign(aantal=tabel["uitkeringen"]), "aantal",
                                                   basisjaar).round(1)
    tabel["bron"] = per_100["peildatum"].map(dict(zip(part["peildatum"], part["bron"], strict=True)))
    with vak:
        st.dataframe(formatting.tabel(tabel.rename(columns={
            "peildatum": "Peildatum", "periode": "Periode", "participanten": "Participanten",
            "uitkeringen": "Bijstandsuitkeringen IJmond", "per_100": "Per 100 uitkeringen", "bron": "Bron"})),
            hide_index=True, width="stretch")
        ui.downloads(tabel, "aanmeldingen_trend", key="aanm_tabel")
        if len(alleen_part):
            st.caption("Zonder uitkeringscijfer op dezelfde peildatum: " +
                       ", ".join(formatting.datum(d) for d in alleen_part["peildatum"]) + ".")

st.header("Brede intakes")
intake = ui.query("kengetal", "brede_intakes")
if intake.empty:
    st.info("Het aantal brede intakes staat niet in de database.")
else:
    r = intake.iloc[0]
    st.metric(f"{r['omschrijving']} ({r['periode']})", formatting.getal(r["waarde"]))
    if r["toelichting"]:
        st.warning(f"Kanttekening uit de rapportage: {r['toelichting']}", icon=":material/warning:")
    ui.bron_caption(r["bron"], r["periode"])
ui.link("bronnen", "Bronnen en datakwaliteit", icon=":material/menu_book:")
