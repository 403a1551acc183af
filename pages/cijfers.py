"""IJmond Werkt! in cijfers: the halfjaarrapportage as live figures, per onderdeel a tab.

Every section derives its periods from the stored rows, so an imported later rapportage
adds an option to the period selector and a trend chart without code changes.
"""

import streamlit as st

from ijmond_dash import formatting, ui
from ijmond_dash.charts import cijfers as ch
from ijmond_dash.store import queries

ui.kop(
    "IJmond Werkt! in cijfers",
    "De rapportage van IJmond Werkt! als cijfers: per onderdeel wat op koers ligt en wat niet.",
)

# Everything on this page is a published aggregate from the rapportage, shown exactly as
# published (hiding Heemskerk's 3 would not protect anyone: the totals give it away). The
# small-number rule of settings.kleine_aantallen_drempel() protects figures computed from
# trajectory events, on the Fasen page.
DREMPEL = 1


def kies(df, key: str, label: str = "Periode") -> ch.Periode | None:
    """Period selector from the data; None (with a message) when the dataset is empty.

    With one period there is nothing to choose: the period is stated as text (a disabled
    selector would be unreadable grey), and a link naming it stays valid.
    """
    opties = ch.perioden(df)
    if not opties:
        st.info("Voor dit onderdeel staan nog geen gegevens in de database.")
        return None
    labels = [p.label for p in opties]
    if len(labels) == 1:
        st.markdown(
            f"{label}: **{labels[0]}**",
            help="De perioden komen uit de gegevens; na het inlezen van een nieuwe rapportage kunt u hier kiezen.",
        )
        ui.aanvaard_parameter(key, labels[0])
        return opties[0]
    gekozen = ui.bediening(key, st.container()).selectbox(
        label, labels, index=len(labels) - 1, key=key, bind="query-params"
    )
    return ch.kies_periode(opties, gekozen)


def toon_trend(df, maak, key: str) -> None:
    opties = ch.perioden(df)
    if len(opties) < 2:
        st.caption(ch.TREND_LEEG)
        return
    if ch.ongelijke_lengtes(opties):
        st.warning(
            "Let op: de perioden zijn niet even lang; vergelijk aantallen per periode met zorg.",
            icon=":material/warning:",
        )
    ui.grafiek(
        maak,
        (df, ui.bron(list(df["bron"]), f"{opties[0].peildatum} t/m {opties[-1].peildatum}")),
        key=key,
        naam=key.removeprefix("fig_"),
    )


def toon_tabel(tabel, units, naam: str, key: str, weergave=None) -> None:
    """The table formatted the Dutch way (or as ``weergave``), with downloads of its raw values."""
    st.dataframe(formatting.tabel(tabel, units) if weergave is None else weergave, hide_index=True, width="stretch")
    ui.downloads(tabel, naam, key=key)


def klein_noot() -> None:
    st.caption(
        "Gepubliceerde aantallen uit de rapportage, exact overgenomen. De regel voor kleine "
        "aantallen (privacy) geldt voor cijfers die uit trajectgegevens worden berekend (pagina Fasen)."
    )


wsp = ui.query(queries.cijfers_reeks, "wsp")
uitstroom = ui.query(queries.cijfers_reeks, "uitstroom")
verzuim = ui.query(queries.cijfers_reeks, "ziekteverzuim")
wsw = ui.query(queries.cijfers_reeks, "wsw_beschut")
beschut = ui.query(queries.cijfers_reeks, "beschut_dienstverbanden")
financien = ui.query(queries.cijfers_reeks, "financien")

tab_wsp, tab_uit, tab_verzuim, tab_wsw, tab_fin = st.tabs(
    ["Afspraken WSP", "Uitstroom", "Ziekteverzuim", "Wsw en Beschut", "Financiën"],
    key="cijfers_onderdeel",
    bind="query-params",
)

with tab_wsp:
    periode = kies(wsp, "cijfers_wsp_periode")
    if periode:
        d = ch.in_periode(wsp, periode)
        st.subheader(formatting.md_escape(ch.wsp_boodschap(d, periode)))
        ui.grafiek(
            ch.wsp_figuur,
            (d, periode, ui.bron(list(d["bron"]), periode.peildatum)),
            key="fig_wsp",
            naam=f"wsp_{periode.eind.isoformat()}",
        )
        tabel, units = ch.wsp_tabel(d)
        toon_tabel(tabel, units, f"wsp_{periode.eind.isoformat()}", "dl_cijfers_wsp")
        ui.bron_caption(list(d["bron"]), periode.peildatum)
        toon_trend(wsp, ch.wsp_trend, "fig_wsp_trend")

with tab_uit:
    periode = kies(uitstroom, "cijfers_uitstroom_periode")
    if periode:
        d = ch.in_periode(uitstroom, periode)
        st.subheader(formatting.md_escape(ch.uitstroom_boodschap(d, periode)))
        totalen = ch.uitstroom_ijmond(d)
        for kolom, (soort, n) in zip(st.columns(max(1, len(totalen)), border=True), totalen.items(), strict=False):
            kolom.metric(
                ch.UITSTROOM_LABELS.get(soort, soort),
                formatting.getal(n),
                help="Totaal IJmond (Beverwijk, Heemskerk en Velsen)",
            )
        if (
            "maximale_participatie" in totalen
            and not ((d["soort"] == "maximale_participatie") & (d["gebied_soort"] == "gemeente")).any()
        ):
            st.caption(
                "Maximale participatie: de rapportage geeft alleen het totaal voor de IJmond, niet per "
                "gemeente. Volgens de rapportage houdt de inwoner daarbij een (gedeeltelijke) uitkering; "
                "wie parttime werk vond, blijft gedeeltelijk in traject."
            )
        ui.grafiek(
            ch.uitstroom_figuur,
            (d, periode, ui.bron(list(d["bron"]), periode.peildatum), DREMPEL),
            key="fig_uitstroom",
            naam=f"uitstroom_{periode.eind.isoformat()}",
        )
        toon_tabel(ch.uitstroom_tabel(d, DREMPEL), {}, f"uitstroom_{periode.eind.isoformat()}", "dl_cijfers_uitstroom")
        klein_noot()
        ui.bron_caption(list(d["bron"]), periode.peildatum)
        toon_trend(uitstroom, ch.uitstroom_trend, "fig_uitstroom_trend")

with tab_verzuim:
    periode = kies(verzuim, "cijfers_verzuim_periode")
    if periode:
        d = ch.in_periode(verzuim, periode)
        st.subheader(formatting.md_escape(ch.verzuim_boodschap(d, periode)))
        ui.grafiek(
            ch.verzuim_figuur,
            (d, periode, ui.bron(list(d["bron"]), periode.peildatum)),
            key="fig_verzuim",
            naam=f"ziekteverzuim_{periode.eind.isoformat()}",
        )
        st.caption("Lager verzuim is beter. Realisatie op of onder het target telt als beter dan target.")
        tabel, units = ch.verzuim_tabel(d)
        toon_tabel(
            tabel,
            units,
            f"ziekteverzuim_{periode.eind.isoformat()}",
            "dl_cijfers_verzuim",
            ch.verzuim_weergave(tabel, units),
        )
        ui.bron_caption(list(d["bron"]), periode.peildatum)
        toon_trend(verzuim, ch.verzuim_trend, "fig_verzuim_trend")

with tab_wsw:
    periode = kies(wsw, "cijfers_wsw_peildatum", "Peildatum Wsw en Beschut Werk")
    if periode:
        d = ch.in_periode(wsw, periode)
        st.subheader(formatting.md_escape(ch.wsw_boodschap(d, periode)))
        ui.grafiek(
            ch.wsw_figuur,
            (d, periode, ui.bron(list(d["bron"]), periode.peildatum)),
            key="fig_wsw",
            naam=f"wsw_beschut_{periode.eind.isoformat()}",
        )
        toon_tabel(ch.wsw_tabel(d), {}, f"wsw_beschut_{periode.eind.isoformat()}", "dl_cijfers_wsw")
        ui.bron_caption(list(d["bron"]), periode.peildatum)
        toon_trend(wsw, ch.wsw_trend, "fig_wsw_trend")

    st.divider()
    periode = kies(beschut, "cijfers_beschut_peildatum", "Peildatum dienstverbanden Beschut Werk")
    if periode:
        d = ch.in_periode(beschut, periode)
        ui.grafiek(
            ch.beschut_figuur,
            (d, periode, ui.bron(list(d["bron"]), periode.peildatum), DREMPEL),
            key="fig_beschut",
            naam=f"beschut_dienstverbanden_{periode.eind.isoformat()}",
        )
        toon_tabel(
            ch.beschut_tabel(d, DREMPEL),
            {},
            f"beschut_dienstverbanden_{periode.eind.isoformat()}",
            "dl_cijfers_beschut",
        )
        klein_noot()
        for notitie in ui.query(queries.cijfers_notities, "beschut_dienstverbanden")["omschrijving"]:
            st.caption(formatting.md_escape(notitie))
        ui.bron_caption(list(d["bron"]), periode.peildatum)
        toon_trend(beschut, ch.beschut_trend, "fig_beschut_trend")

with tab_fin:
    periode = kies(financien, "cijfers_fin_periode")
    if periode:
        d = ch.in_periode(financien, periode)
        st.subheader(formatting.md_escape(ch.financien_boodschap(d, periode)))
        ui.grafiek(
            ch.financien_waterval,
            (d, periode, ui.bron(list(d["bron"]), periode.peildatum)),
            key="fig_financien",
            naam=f"financien_{periode.eind.isoformat()}",
        )
        notities = ui.query(queries.cijfers_notities, "financien")
        if len(notities):
            st.warning(
                "**Datakwaliteit bij dit overzicht**\n\n"
                + "\n".join(f"- {formatting.md_escape(n)}" for n in notities["omschrijving"]),
                icon=":material/fact_check:",
            )
        tabel, units = ch.financien_tabel(d)
        toon_tabel(tabel, units, f"financien_{periode.eind.isoformat()}", "dl_cijfers_financien")
        ui.bron_caption(list(d["bron"]), periode.peildatum)
        toon_trend(financien, ch.financien_trend, "fig_financien_trend")

    st.divider()
    st.subheader("Eerder: resultaat 2019 en corona-effecten 2020")
    st.caption(
        "Uit het verslag van een raadssessie over de jaarstukken en begroting van IJmond Werkt! "
        "(17 juni 2020), niet uit de jaarstukken zelf. Woorden als 'ruim' en 'ongeveer' zijn die van het "
        "document."
    )
    terug = ui.query(queries.cijfers_kengetallen, (ch.TERUGVLOEIING,))
    for _, k in terug.iterrows():
        st.metric(formatting.md_escape(k["omschrijving"]), ch.benaderd(k["waarde"], k["eenheid"], k["benadering"]))
        ui.bron_caption(k["bron"], k["periode"])
    corona = ui.query(queries.cijfers_kengetallen, (ch.CORONA,))
    if len(corona):
        ui.grafiek(
            ch.corona_figuur,
            (corona, ui.bron(list(corona["bron"]), ", ".join(dict.fromkeys(corona["periode"])))),
            key="fig_corona",
            naam="corona_effecten_2020",
        )
    eerder = ui.query(queries.cijfers_kengetallen, (ch.TERUGVLOEIING, ch.CORONA))
    if len(eerder):
        toon_tabel(ch.kengetallen_tabel(eerder), {"Waarde": "euro"}, "financien_2019_2020", "dl_cijfers_eerder")
        ui.bron_caption(list(eerder["bron"]))
