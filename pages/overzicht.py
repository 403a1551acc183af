"""Overzicht: the kerncijfers, each with its source and a link to its page."""

import streamlit as st

from ijmond_dash import kerncijfers, ui

ui.kop(
    "IJmond Werkt! in één oogopslag",
    "Het aantal uitkeringen blijft vrijwel gelijk, terwijl steeds minder inwoners bij IJmond Werkt! "
    "instromen.",
)

uitkeringen = ui.query("uitkeringen")
scenarios = ui.query("dataset", "scenarios")
scenario = st.selectbox(
    "Scenario voor de frictiekosten",
    options=list(scenarios["nr"]),
    index=list(scenarios["nr"]).index(2),
    format_func=lambda nr: f"Scenario {nr}",  # the label is also the value in the URL
    key="overzicht_scenario",
    bind="query-params",
    help=" · ".join(f"{nr}: {naam}" for nr, naam in zip(scenarios["nr"], scenarios["naam"], strict=True)),
)

cijfers = [
    kerncijfers.uitkeringen_cbs(uitkeringen),
    kerncijfers.uitkeringen_pwet(uitkeringen),
    kerncijfers.in_traject(ui.query("dataset", "in_traject"), ui.query("dataset", "percentages")),
    kerncijfers.participanten(ui.query("participanten")),
    kerncijfers.frictiekosten(ui.query("frictiekosten"), int(scenario)),
    kerncijfers.uitstroom_werk(ui.query("dataset", "uitstroom")),
]

for rij in (cijfers[:3], cijfers[3:]):
    for kolom, k in zip(st.columns(3, border=True), rij):
        with kolom:
            st.metric(k.label, k.waarde, k.delta, delta_color="off",
                      delta_arrow="auto" if k.is_verandering else "off")
            st.caption(k.toelichting)
            ui.bron_caption(k.bron, k.peildatum)
            ui.link(k.pagina, "Meer hierover", icon=":material/arrow_forward:")
