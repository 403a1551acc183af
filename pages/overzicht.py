"""Overzicht: the kerncijfers, each with its source and a link to its page."""

import streamlit as st

from ijmond_dash import formatting, ui
from ijmond_dash.analysis import kerncijfers, reeksen
from ijmond_dash.charts import aanmeldingen as aanmeldingen_charts
from ijmond_dash.store import queries

# The message is computed from the same changes as the kerncijfers below (kerncijfers.py).
ui.kop("IJmond Werkt! in één oogopslag", ui.berekend(kerncijfers.boodschap))

# On the projector the screen's message in one chart comes first, the kerncijfers after it.
grafiek_plek = st.container() if ui.presentatie() else None
kaarten = [k for rij in (st.columns(3, border=True), st.columns(3, border=True)) for k in rij]

# The scenario choice sits in the card it changes, under its figure (the figure first, also on a phone);
# when presenting or printing it is behind 'Instellingen'.
scenarios = ui.query(queries.dataset, "scenarios")
with kaarten[4]:
    friktie_plek = st.container()
with ui.bediening("overzicht", kaarten[4]):
    scenario = st.selectbox(
        "Scenario",
        options=list(scenarios["nr"]),
        index=list(scenarios["nr"]).index(2),
        format_func=lambda nr: f"Scenario {nr}",  # the label is also the value in the URL
        key="overzicht_scenario",
        bind="query-params",
        help=" · ".join(f"{nr}: {naam}" for nr, naam in zip(scenarios["nr"], scenarios["naam"], strict=True)),
    )

cijfers = ui.berekend(kerncijfers.overzicht, int(scenario))
for i, (kaart, k) in enumerate(zip(kaarten, cijfers, strict=True)):
    with kaart:
        with friktie_plek if i == 4 else st.container():
            st.metric(k.label, k.waarde, k.delta, delta_color="off", delta_arrow="auto" if k.is_verandering else "off")
        st.caption(formatting.md_escape(k.toelichting))
        ui.bron_caption(k.bron, k.peildatum or None)
        ui.link(k.pagina, "Meer hierover", icon=":material/arrow_forward:")

# The screen's message in one chart: uitkeringen and participanten as an index (the
# Aanmeldingen page has the detail: the half year, the trend, per 100 uitkeringen).
gegevens = ui.berekend(reeksen.aanmeldingen, "IJMOND")
part, uitk = gegevens.participanten, gegevens.uitkeringen
uitk = uitk[uitk["gebied"] == "IJMOND"]
with grafiek_plek if grafiek_plek is not None else st.container():
    if len(part) and len(uitk):
        data = list(part["peildatum"]) + list(uitk["peildatum"])
        bron = ui.bron(
            list(part["bron"]) + list(uitk["bron"]), f"{formatting.datum(min(data))} t/m {formatting.datum(max(data))}"
        )
        basisjaar = min(d.year for d in part["peildatum"])
        ui.grafiek(
            aanmeldingen_charts.geindexeerd,
            (part, uitk, basisjaar, False, bron),
            key="overzicht_index",
            naam="uitkeringen_en_participanten_index",
            theme=None,
        )
        ui.link("aanmeldingen", "Meer hierover: de aanmeldingen-trend", icon=":material/arrow_forward:")
