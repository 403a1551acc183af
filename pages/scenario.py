"""Scenario's herontwerp: the frictiekosten per gemeente and per year under the user's assumptions.

Widgets -> ``ijmond_dash.scenario`` (the model) -> ``charts.scenario`` -> output. Every input is
bound to the URL; its documented default, bounds and URL check come from ``scenario.velden``.
"""

from dataclasses import asdict
from decimal import Decimal

import pandas as pd
import streamlit as st

from ijmond_dash import formatting, ui
from ijmond_dash import scenario as model
from ijmond_dash.charts import scenario as charts

REGIO = "IJMOND"
LINK_MELDINGEN = "sc_link_meldingen"  # session state: (messages, input values when first shown)
EURO = "euro"
KOLOMMEN = {
    "scenario": "Scenario", "status": "Status bedrag", "verdeelsleutel": "Verdeelsleutel", "naam": "Gemeente",
    "jaar": "Jaar", "frictiekosten": "Frictiekosten", "reserve": "Uit reserve", "impulsbudget": "Impulsbudget",
    "herstructureringsmiddelen": "Herstructureringsmiddelen", "netto": "Netto kosten", "saldo": "Saldo",
}

kop = st.container()
meldingen = st.container()

# ---------------------------------------------------------------- data and documented defaults
scenarios = ui.query("dataset", "scenarios")
argumenten = ui.query("dataset", "scenario_argumenten")
frictie = ui.query("frictiekosten")
aantallen = ui.query("verdeelsleutel_aantallen").to_dict("records")
namen = ui.query("gebied_namen")
leden_rijen = ui.query("dataset", "gebied_leden").to_dict("records")
gemeenten = {g: namen[g] for g in model.leden(leden_rijen, REGIO)}
try:
    std = model.standaarden(scenarios.to_dict("records"), frictie.to_dict("records"),
                            ui.query("dataset", "kengetallen").to_dict("records"), REGIO)
    inwoners = model.sleutel_uit_rijen("inwoners", aantallen, list(gemeenten))
except model.ScenarioFout as exc:
    with kop:
        ui.kop("Scenario's herontwerp")
    st.error(f"De scenario's kunnen niet worden doorgerekend: {exc}", icon=":material/error:")
    st.stop()
velden = model.velden(std, gemeenten, model.percentages_van(inwoners))

# Streamlit drops an invalid URL value silently (and reruns at once); say which one and why,
# in Dutch, and keep saying it until the user changes an input.
ongeldig = model.ongeldige_parameters({k: st.query_params[k] for k in st.query_params}, velden)
if ongeldig:
    st.session_state[LINK_MELDINGEN] = (ongeldig, None)


def invoer(key: str, **extra):
    """The widget of one input, bound to the URL under its key."""
    v = velden[key]
    if v.soort == "keuze":
        opties = [o for o, _ in v.opties]
        return st.selectbox(v.label, opties, index=opties.index(v.standaard), format_func=v.labels.get, key=key,
                            bind="query-params", **extra)
    if v.soort == "bedrag":
        return st.number_input(v.label, min_value=v.min, max_value=v.max, value=v.standaard, step=v.stap,
                               format="%.0f", key=key, bind="query-params", **extra)
    if v.soort == "datum":
        return st.date_input(v.label, value=v.standaard, min_value=v.min, max_value=v.max, format="DD-MM-YYYY",
                             key=key, bind="query-params", **extra)
    return st.slider(v.label, min_value=v.min, max_value=v.max, value=v.standaard, step=v.stap, key=key,
                     bind="query-params", **extra)


def terug_naar_de_stukken() -> None:
    """Every input back to the documented default (bound widgets change only via session state)."""
    for key, v in velden.items():
        st.session_state[key] = v.standaard
    st.session_state.pop(LINK_MELDINGEN, None)


waarden: dict = {}
paneel, uitkomst = st.columns([1, 2.4], gap="large")

# ---------------------------------------------------------------- the panel of assumptions
with paneel:
    st.button("Terug naar de stukken", key="sc_terug", on_click=terug_naar_de_stukken, type="primary",
              icon=":material/restart_alt:", width="stretch",
              help="Zet alle invoer terug op de cijfers uit het raadsvoorstel; wat de stukken niet noemen wordt leeg.")

    with st.container(border=True):
        st.subheader("Scenario en frictiekosten")
        nr = invoer("sc_scenario", help=" · ".join(f"{n}: {naam}" for n, naam in std.scenario_namen.items()))
        totalen: dict[int, int | None] = {}
        for n in std.scenario_namen:
            key = f"sc_totaal_{n}"
            waarden[key] = invoer(key, placeholder=model.NIET_GEKWANTIFICEERD)
            totalen[n] = model.euro_geheel(waarden[key])
            bedrag = formatting.euro(totalen[n]) if totalen[n] is not None else "geen bedrag"
            st.caption(f"{bedrag} — {model.status(n, totalen[n], std)}")

    with st.container(border=True):
        st.subheader("Verdeelsleutel")
        code = invoer("sc_sleutel")
        sleutel, sleutel_fout = None, None
        if code == "eigen":
            pct = {}
            for g, naam in gemeenten.items():
                key = f"sc_pct_{model.slug(naam)}"
                waarden[key] = pct[g] = invoer(key, format="%.1f%%", persist_state="session")
            try:
                sleutel = model.eigen_sleutel(pct)
            except model.ScenarioFout as exc:
                sleutel_fout = str(exc)
                st.error(sleutel_fout, icon=":material/error:")
            som = sum(Decimal(str(p)) for p in pct.values())
            st.caption(f"Samen {formatting.procent(som, 1)} — aanname")
        else:
            sleutel = model.sleutel_uit_rijen(code, aantallen, list(gemeenten))
            st.caption(" · ".join(f"{gemeenten[g]} {formatting.getal(int(w))} ({formatting.procent(float(a * 100), 1)})"
                                  for (g, w), a in zip(sleutel.gewichten.items(), sleutel.aandelen.values(), strict=True)))
            st.caption(ui.bron(sleutel.bron, formatting.datum(sleutel.peildatum)))
            verschil = model.regio_verschil(aantallen, code, REGIO, list(gemeenten), sleutel.peildatum)
            if verschil:
                st.caption(f"Let op: het document noemt als totaal {formatting.getal(verschil[0])}, de som van de "
                           f"gemeenten is {formatting.getal(verschil[1])}. Verdeeld is naar de cijfers van de "
                           "gemeenten zelf.")

    with st.container(border=True):
        st.subheader("Fasering")
        waarden["sc_ingang"] = ingang = invoer("sc_ingang")
        waarden["sc_jaren"] = jaren = invoer("sc_jaren")
        waarden["sc_eerste"] = eerste = invoer("sc_eerste", format="%d%%", disabled=jaren == 1)
        fase = model.fasering(ingang, int(jaren), eerste)
        st.caption("Per jaar: " + " · ".join(f"{j} {formatting.procent(float(a), 1)}" for j, a in fase.gewichten.items()))

    with st.container(border=True):
        st.subheader("Dekking per gemeente")
        st.caption("Het raadsvoorstel noemt de reserve Participatiewet, het impulsbudget (Velsen ontvangt het ook "
                   "voor Beverwijk en Heemskerk) en herstructureringsmiddelen, maar geen bedragen. Wat u hier "
                   "invult is een aanname.")
        waarden["sc_impulsjaren"] = impulsjaren = invoer("sc_impulsjaren")
        dekking: dict[str, model.Dekking] = {}
        for tab, (g, naam) in zip(st.tabs(list(gemeenten.values())), gemeenten.items(), strict=True):
            with tab:
                s = model.slug(naam)
                for key in (f"sc_reserve_{s}", f"sc_impuls_{s}"):
                    waarden[key] = invoer(key, placeholder="niet gekwantificeerd")
                waarden[f"sc_herstr_{s}"] = invoer(f"sc_herstr_{s}", format="%d%%")
                dekking[g] = model.dekking_uit(waarden[f"sc_reserve_{s}"], waarden[f"sc_impuls_{s}"], int(impulsjaren),
                                               waarden[f"sc_herstr_{s}"])

def toon_controle_2011() -> None:
    """The 2011 cost split recomputed with this page's rule, next to the document's."""
    verdeling_2011 = ui.query("dataset", "kostenverdeling_2011")
    regio_2011 = next((g for g in verdeling_2011["gebied"] if any(x["regio"] == g for x in leden_rijen)), None)
    if regio_2011 is None:
        st.caption("Geen kostenverdeling 2011 in de database.")
        return
    leden_2011 = model.leden(leden_rijen, regio_2011)
    sleutel_2011 = model.sleutel_uit_rijen("inwoners", aantallen, leden_2011)
    doc = dict(zip(verdeling_2011["gebied"], verdeling_2011["bedrag_per_jaar"], strict=True))
    berekend = model.verdeel(int(doc[regio_2011]), sleutel_2011.gewichten)
    t = pd.DataFrame({"Gemeente": [namen[g] for g in leden_2011],
                      "Inwoners": [int(sleutel_2011.gewichten[g]) for g in leden_2011],
                      "In het document": [int(doc[g]) for g in leden_2011],
                      "Berekend": [berekend[g] for g in leden_2011]})
    t["Verschil"] = t["Berekend"] - t["In het document"]
    st.caption(f"De projectopdracht van 2011 verdeelt {formatting.euro(int(doc[regio_2011]))} per jaar naar "
               f"inwoners op {formatting.datum(sleutel_2011.peildatum)}. De rekenregel van deze pagina "
               "(grootste overschot, hele euro's) geeft:")
    st.dataframe(formatting.tabel(t, {"In het document": EURO, "Berekend": EURO, "Verschil": EURO}),
                 hide_index=True, width="stretch")
    ui.bron_caption(list(verdeling_2011["bron"].unique()), formatting.datum(sleutel_2011.peildatum))


# ---------------------------------------------------------------- the computation
scenario_label = velden["sc_scenario"].labels[nr]
status = model.status(nr, totalen[nr], std)
resultaat, fout = None, sleutel_fout
if sleutel is not None:
    try:
        resultaat = model.bereken(totalen[nr], sleutel, fase, dekking, scenario_label)
    except model.ScenarioFout as exc:
        fout = str(exc)

with kop:
    ui.kop("Scenario's herontwerp", model.kernboodschap(scenario_label, resultaat, status, gemeenten, fout))

aannames = model.afwijkingen(waarden, velden)
bron_codes = [c for c in (std.totaal_bron.get(nr), sleutel.bron if sleutel else None) if c]
peil = formatting.datum(sleutel.peildatum) if sleutel and sleutel.peildatum else None

# ---------------------------------------------------------------- the results
with uitkomst:
    if aannames:
        st.info("Aanname — afwijkend van of niet in de stukken: " + "; ".join(aannames) + ".",
                icon=":material/edit_note:")
    else:
        st.caption("Alle invoer staat op de cijfers uit de stukken; wat de stukken niet noemen is leeg.")

    st.subheader(f"Netto kosten per gemeente — {scenario_label}")
    if resultaat is None:
        (st.error if sleutel is None else st.info)(fout, icon=":material/info:")
    else:
        st.caption(f"Frictiekosten {formatting.euro(resultaat.totaal)} ({status}), "
                   f"{model.SLEUTEL_UITLEG[sleutel.code]}, min de dekking; alle jaren samen. "
                   f"{namen.get(REGIO, REGIO)} samen: {formatting.euro(resultaat.netto())}.")
        for kolom, g in zip(st.columns(len(gemeenten)), gemeenten, strict=True):
            netto = resultaat.netto(g)
            kolom.metric(gemeenten[g], formatting.euro_kort(netto))
            kolom.caption(f"{formatting.euro(resultaat.kosten(g))} − {formatting.euro(resultaat.dekking(g))} "
                          f"dekking: {model.saldo_tekst(netto)}")

    cijfers, kwalitatief = st.columns([3, 2], gap="medium")
    with kwalitatief:
        st.markdown(f"**{scenario_label}: {std.scenario_namen[nr]}** (raadsvoorstel)")
        for soort, titel in (("voordeel", "Voordelen"), ("nadeel", "Nadelen")):
            punten = argumenten[(argumenten["scenario"] == nr) & (argumenten["soort"] == soort)].sort_values("volgorde")
            st.markdown(f"*{titel}*\n" + "\n".join(f"- {t}" for t in punten["tekst"]))
        ui.bron_caption(list(argumenten["bron"].unique()))
    with cijfers:
        vergelijk = model.vergelijking(resultaat, frictie.to_dict("records"), nr, REGIO) if resultaat else []
        if vergelijk:
            st.markdown("**In de stukken en berekend**")
            v = pd.DataFrame(vergelijk)
            v["gebied"] = v["gebied"].map(lambda c: namen.get(c, c))
            v["in_de_stukken"] = [f"{b} {formatting.euro(x)}" for b, x in zip(v["benadering"], v["in_de_stukken"],
                                                                               strict=True)]
            v["berekend_kort"] = v["berekend"].map(formatting.euro_kort)
            tonen = v[["gebied", "jaar", "in_de_stukken", "berekend", "berekend_kort", "verschil"]].rename(columns={
                "gebied": "Gebied", "jaar": "Jaar", "in_de_stukken": "In de stukken", "berekend": "Berekend",
                "berekend_kort": "Afgerond", "verschil": "Verschil"})
            st.dataframe(formatting.tabel(tonen, {"Berekend": EURO, "Verschil": EURO}), hide_index=True,
                         width="stretch")
            st.caption("Het raadsvoorstel zegt niet welke verdeelsleutel 'de huidige' is. Het berekende bedrag "
                       "staat naast het afgeronde bedrag uit de stukken; het verschil blijft zichtbaar. "
                       + ui.bron(list(v["bron"].unique())))
        elif resultaat is not None:
            st.caption(f"De stukken noemen voor {scenario_label} geen bedragen per gemeente of per jaar om "
                       "mee te vergelijken.")

    if resultaat is not None:
        per_jaar = pd.DataFrame([r for r in resultaat.rijen(gemeenten, namen.get(REGIO, REGIO))
                                 if r["jaar"] != "totaal" and r["gemeente"]])
        bron = ui.bron(bron_codes, peil) + ("; met aannames" if aannames else "")
        ui.grafiek(charts.netto_per_jaar, (per_jaar, scenario_label, bron), key="sc_grafiek_jaar",
                   naam=f"frictiekosten_per_jaar_scenario_{nr}", theme=None)

        st.subheader("Gevoeligheid")
        doel = invoer("sc_gemeente")
        gevoelig = model.gevoeligheid(resultaat.totaal, sleutel, fase, dekking, doel)
        ui.grafiek(charts.tornado, (pd.DataFrame([asdict(g) for g in gevoelig]), gemeenten[doel], bron),
                   key="sc_grafiek_tornado", naam=f"gevoeligheid_scenario_{nr}", theme=None)
        st.caption("De fasering verandert alleen wanneer kosten vallen, niet het totaal; daarom staat zij niet in "
                   "de gevoeligheid. Aannames die op 0 staan hebben geen effect.")

    if sleutel is not None:
        overzicht = pd.DataFrame(model.scenario_overzicht(totalen, std, sleutel, gemeenten))
        ui.grafiek(charts.frictiekosten_per_scenario, (overzicht, ui.bron(bron_codes, peil)),
                   key="sc_grafiek_scenarios", naam="frictiekosten_per_scenario", theme=None)
        vak = ui.uitklapvak("Voor- en nadelen van alle drie scenario's (raadsvoorstel)", key="sc_open_argumenten")
        if vak.open:  # the content of a closed section does not run
            with vak:
                for kolom, (n, naam) in zip(st.columns(len(std.scenario_namen)), std.scenario_namen.items(),
                                            strict=True):
                    with kolom:
                        st.markdown(f"**Scenario {n}: {naam}**")
                        for soort, titel in (("voordeel", "Voordelen"), ("nadeel", "Nadelen")):
                            punten = argumenten[(argumenten["scenario"] == n) & (argumenten["soort"] == soort)]
                            st.markdown(f"*{titel}*\n"
                                        + "\n".join(f"- {t}" for t in punten.sort_values("volgorde")["tekst"]))

    if resultaat is not None:
        st.subheader("Alle cijfers")
        tabel = pd.DataFrame(resultaat.rijen(gemeenten, namen.get(REGIO, REGIO)))
        tabel.insert(0, "scenario", scenario_label)
        tabel.insert(1, "status", status)
        tabel.insert(2, "verdeelsleutel", sleutel.naam)
        tabel = tabel.drop(columns=["gemeente"])
        st.dataframe(formatting.tabel(tabel.rename(columns=KOLOMMEN), dict.fromkeys(
            [KOLOMMEN[k] for k in ("frictiekosten", "reserve", "impulsbudget", "herstructureringsmiddelen", "netto")],
            EURO)), hide_index=True, width="stretch")
        ui.downloads(tabel.rename(columns=KOLOMMEN), "scenario_frictiekosten", key="sc_download")
    if sleutel is not None:
        vak = ui.uitklapvak("Frictiekosten per scenario en gemeente (tabel)", key="sc_open_tabel")
        if vak.open:
            with vak:
                t = overzicht[["scenario_label", "status", "naam", "bedrag"]].rename(columns={
                    "scenario_label": "Scenario", "status": "Status", "naam": "Gemeente", "bedrag": "Frictiekosten"})
                st.dataframe(formatting.tabel(t, {"Frictiekosten": EURO}), hide_index=True, width="stretch")
                ui.downloads(t, "frictiekosten_per_scenario", key="sc_download_scenarios")

    vak = ui.uitklapvak("Herkomst van de standaardwaarden", key="sc_open_herkomst")
    if vak.open:
        with vak:
            st.dataframe(pd.DataFrame(model.herkomst(velden)).rename(columns={
                "invoer": "Invoer", "standaardwaarde": "Standaardwaarde", "herkomst": "Herkomst"}),
                hide_index=True, width="stretch")
            ui.bron_caption([c for c in (*std.totaal_bron.values(), "rv2025_scenarios", "rv2025_risicos",
                                         inwoners.bron) if c])

    vak = ui.uitklapvak("Controle: dezelfde rekenregel geeft de kostenverdeling van 2011", key="sc_open_2011")
    if vak.open:
        with vak:
            toon_controle_2011()

# ---------------------------------------------------------------- the link message, last: every input exists now
stand = {k: st.session_state.get(k) for k in velden}
if LINK_MELDINGEN in st.session_state:
    berichten, bij = st.session_state[LINK_MELDINGEN]
    if bij is None or bij == stand:
        st.session_state[LINK_MELDINGEN] = (berichten, stand)
        with meldingen:
            st.warning("De link bevat ongeldige waarden; daarvoor gelden de cijfers uit de stukken.\n\n"
                       + "\n".join(f"- {m}" for m in berichten), icon=":material/link_off:")
    else:
        del st.session_state[LINK_MELDINGEN]
