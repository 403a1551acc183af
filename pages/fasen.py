"""Fasen re-integratie: where people are, how they move between the fasen, and where they leave.

The Sankey comes from trajectory events when the store holds events for the chosen period
(transitions computed in SQL, small numbers shown as '< N'), and from the half-year table
otherwise; the page says which.
"""

import streamlit as st

from ijmond_dash import formatting, settings, ui
from ijmond_dash.charts import fasen as charts
from ijmond_dash.imports import trajecten
from ijmond_dash.store import queries

drempel = settings.kleine_aantallen_drempel()
klein = trajecten.klein_label(drempel)
kop = st.container()
bediening, resultaat = ui.resultaat_eerst("fasen")  # on a phone the diagram comes before its choices

# ------------------------------------------------------------------ what is stored
bereik = ui.query(queries.trajectevent_bereik)
soorten = {bool(s): r for s, r in zip(bereik["synthetisch"], bereik.to_dict("records"), strict=True)}
if len(soorten) > 1:
    synthetisch = bediening.radio(
        "Trajectgegevens",
        options=[False, True],
        horizontal=True,
        format_func=lambda s: "synthetisch" if s else "echt",
        key="fasen_gegevens",
        bind="query-params",
        help="De opslag bevat zowel echte (gepseudonimiseerde) als synthetische trajectgebeurtenissen.",
    )
else:
    synthetisch = next(iter(soorten), False)
gegevens = soorten.get(synthetisch)
event_perioden = trajecten.halfjaren(gegevens["eerste"], gegevens["laatste"]) if gegevens else []
tabel_perioden = [tuple(p) for p in ui.query(queries.fasen_perioden).itertuples(index=False, name=None)]
perioden = sorted(set(tabel_perioden) | set(event_perioden))

if not perioden:
    with kop:
        ui.kop("Fasen re-integratie", "Er zijn nog geen cijfers over de fasen opgeslagen.")
    st.stop()

kolommen: list = []  # made on first use: nothing to choose, no empty 'Instellingen' when presenting


def kolom(i: int):
    if not kolommen:
        kolommen.extend(bediening.columns(2))
    return kolommen[i]


if len(perioden) > 1:
    periode = kolom(0).selectbox(
        "Periode",
        options=perioden,
        index=len(perioden) - 1,
        format_func=lambda p: formatting.periode(*p),
        key="fasen_periode",
        bind="query-params",
    )
else:
    periode = perioden[0]
begin, eind = periode
periode_tekst = formatting.periode(begin, eind)

overgangen = ui.query(queries.fase_overgangen, begin, eind, synthetisch=synthetisch) if gegevens else None
met_events = overgangen is not None and not overgangen.empty
in_tabel = periode in tabel_perioden
label_synth = " (synthetisch)" if synthetisch else ""

# ------------------------------------------------------------------ the Sankey
with resultaat:
    if met_events:
        leden = ui.query(queries.dataset, "gebied_leden")
        namen = ui.query(queries.gebied_namen)
        opties = ["IJMOND", *sorted(leden.loc[leden["regio"] == "IJMOND", "gemeente"])]
        gebied = kolom(1).selectbox(
            "Gemeente", options=opties, format_func=lambda g: namen.get(g, g), key="fasen_gemeente", bind="query-params"
        )
        gemeente = namen.get(gebied, gebied)
        stromen = trajecten.overgangen_selectie(overgangen, None if gebied == "IJMOND" else gebied, drempel)
        with kop:
            ui.kop("Fasen re-integratie" + label_synth, charts.boodschap_overgangen(stromen, periode_tekst, gemeente))
        if synthetisch:
            st.warning(
                "Dit zijn **synthetische** trajectgebeurtenissen (gegenereerd voor demonstratie en "
                "tests): ze beschrijven geen echte personen.",
                icon=":material/science:",
            )
        st.info(
            f"Dit diagram is berekend uit de trajectgebeurtenissen{label_synth} van deze periode: de "
            "overgangen tussen fasen per cliënt (vooruit, overgeslagen, terug) en de uitstroom per reden.",
            icon=":material/account_tree:",
        )
        bron_events = (
            "Bron: synthetische trajectgebeurtenissen, gegenereerd — geen echte personen"
            if synthetisch
            else "Bron: geïmporteerde trajectgebeurtenissen (gepseudonimiseerd)"
        )
        bron_events += f" — periode {formatting.datum(begin)} t/m {formatting.datum(eind)}"
        if stromen.empty:
            st.markdown(f"Voor {formatting.md_escape(gemeente)} zijn in deze periode geen overgangen vastgelegd.")
        else:
            ui.grafiek(
                charts.overgangen_sankey,
                (
                    stromen,
                    drempel,
                    f"Overgangen tussen fasen{label_synth}, {gemeente}, {periode_tekst}",
                    f"Links: instroom en de fase waaruit iemand vertrekt; rechts: de fase waarin iemand komt of de "
                    f"reden van uitstroom. Stromen van minder dan {drempel} personen: '{klein}'.",
                    bron_events,
                ),
                key="fasen_sankey_events",
                naam=f"fase-overgangen{'-synthetisch' if synthetisch else ''}-{begin.isoformat()}",
            )
            tabel = charts.overgangen_tabel(stromen, gemeente + label_synth)
            st.subheader("Overgangen als tabel" + label_synth)
            st.dataframe(formatting.tabel(tabel), hide_index=True, width="stretch")
            ui.downloads(tabel, f"fase-overgangen{'-synthetisch' if synthetisch else ''}", key="fasen_dl_overgangen")
        st.caption(
            f"Kleine aantallen: elke stroom of cel van minder dan {drempel} personen staat als '{klein}', "
            "in het diagram, de tabel en de download, zodat niemand herkenbaar is (AVG). De beheerder van het "
            "dashboard kan de drempel instellen."
        )
    elif in_tabel:
        fasen = ui.query(queries.fasen_periode, "fasen", begin, eind)
        with kop:
            ui.kop("Fasen re-integratie", charts.boodschap_tabel(fasen, periode_tekst))
        toelichting = st.container()  # above the diagram; on the projector below it (the diagram first)
        uitsplitsing = ui.query(queries.fasen_periode, "fasen_uitstroom", begin, eind)
        ui.grafiek(
            charts.tabel_sankey,
            (
                fasen,
                uitsplitsing,
                f"Instroom en uitstroom per fase, {periode_tekst}",
                "Per fase hoeveel inwoners er in kwamen en uit gingen; wie een fase uit ging, naar de reden waar de "
                "rapportage die geeft. De rest ging door naar een andere fase of is niet uitgesplitst. De stand per "
                "fase staat in de tabel hieronder.",
                ui.bron([*fasen["bron"], *uitsplitsing["bron"]], formatting.datum(eind)),
            ),
            key="fasen_sankey_tabel",
            naam=f"fasen-stromen-{begin.isoformat()}",
        )
        (st.container() if ui.presentatie() else toelichting).info(
            "Voor deze periode zijn geen trajectgebeurtenissen opgeslagen; het diagram toont de tabel uit de "
            "halfjaarrapportage (stand, bij en af per fase).",
            icon=":material/table_chart:",
        )
    else:
        with kop:
            ui.kop("Fasen re-integratie", f"Voor {periode_tekst} zijn geen cijfers over de fasen opgeslagen.")

# ------------------------------------------------------------------ the half-year table
if in_tabel:
    fasen = ui.query(queries.fasen_periode, "fasen", begin, eind)
    uitstroom = ui.query(queries.uitstroom_periode, begin, eind)
    st.header(f"Halfjaarrapportage: fasen en uitstroom, {periode_tekst}")
    # one below the other: side by side the fase names would leave each plot too narrow
    ui.grafiek(
        charts.netto_verandering,
        (
            fasen,
            "Netto verandering per fase",
            "Stand eind − stand begin (= bij − af)",
            ui.bron(list(fasen["bron"]), formatting.datum(eind)),
        ),
        key="fasen_netto",
        naam=f"fasen-netto-{begin.isoformat()}",
    )
    if uitstroom.empty:
        st.markdown("Voor deze periode is geen uitstroom per gemeente opgeslagen.")
    else:
        ui.grafiek(
            charts.uitstroom_gemeenten,
            (
                uitstroom,
                "Uitstroom per gemeente",
                "Maximale participatie geeft de rapportage alleen voor de IJmond als geheel",
                ui.bron(list(uitstroom["bron"]), formatting.datum(eind)),
            ),
            key="fasen_uitstroom",
            naam=f"fasen-uitstroom-{begin.isoformat()}",
        )
    tabel = charts.fasen_tabel(fasen)
    st.dataframe(formatting.tabel(tabel), hide_index=True, width="stretch")
    ui.downloads(tabel, f"fasen-{begin.isoformat()}", key="fasen_dl_tabel")
    ui.bron_caption(list(fasen["bron"]), formatting.datum(eind))
    notities = ui.query(queries.datakwaliteit)
    notities = notities[notities["dataset"].isin(["fasen", "fasen_uitstroom"])]
    for tekst in notities["omschrijving"]:
        st.caption(f"Datakwaliteit: {formatting.md_escape(tekst)}")
    st.caption(
        "De cijfers uit de halfjaarrapportage zijn openbare totalen en staan er onverkort, ook als ze "
        f"kleiner zijn dan {drempel}; de drempel voor kleine aantallen geldt voor cijfers die uit "
        "trajectgebeurtenissen van personen zijn berekend."
    )
