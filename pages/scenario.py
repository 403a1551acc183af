"""Scenario's herontwerp: what a scenario costs each gemeente, per year, under the user's assumptions.

Widgets -> ``ijmond_dash.analysis.scenario`` (the model) -> ``charts.scenario`` -> output. Every input is
bound to the URL; its documented default, bounds and URL check come from ``scenario.velden``.
The answer (net cost per gemeente per year, rounded so that it adds up) comes first, with the
inputs that move it beside it; on a phone the columns stack, answer first. "Mijn gemeente" puts
the reader's gemeente first and marks it in every table, chart and sentence.
"""

from dataclasses import asdict
from decimal import Decimal

import pandas as pd
import streamlit as st

from ijmond_dash import formatting, ui
from ijmond_dash.analysis import scenario as model
from ijmond_dash.charts import scenario as charts
from ijmond_dash.store import queries

REGIO = "IJMOND"
LINK_MELDINGEN = "sc_link_meldingen"  # session state: (messages, input values when first shown)
EURO = "euro"
MIJN_ACHTERGROND = "#fdf0d5"  # the reader's gemeente in the tables (text stays #1a1a1a: 15:1)
KOLOMMEN = {
    "scenario": "Scenario",
    "status": "Status bedrag",
    "verdeelsleutel": "Verdeelsleutel",
    "naam": "Gemeente",
    "jaar": "Jaar",
    "frictiekosten": "Frictiekosten",
    "reserve": "Uit reserve",
    "impulsbudget": "Impulsbudget",
    "herstructureringsmiddelen": "Herstructureringsmiddelen",
    "netto": "Netto kosten (exact)",
    "netto_afgerond": "Netto kosten (afgerond, zoals getoond)",
    "saldo": "Saldo",
}
# The answer's table and the verdeelsleutel table fit a phone: smaller type and padding on a narrow screen.
CSS = """<style>
@media (max-width: 640px) {
  .st-key-sc_antwoord [data-testid="stTable"] th, .st-key-sc_antwoord [data-testid="stTable"] td,
  .st-key-sc_sleutels_tabel [data-testid="stTable"] th, .st-key-sc_sleutels_tabel [data-testid="stTable"] td {
    font-size: 13px; padding: 0.3rem 0.35rem; }
}
</style>"""

presenteren = ui.presentatie()
op_scherm = ui.modus() == ui.SCHERM  # presenting or printing: the inputs are behind 'Instellingen'
kop = st.container()
meldingen = st.container()

# ---------------------------------------------------------------- data and documented defaults
scenarios = ui.query(queries.dataset, "scenarios")
argumenten = ui.query(queries.dataset, "scenario_argumenten")
frictie = ui.query(queries.frictiekosten)
aantallen = ui.query(queries.verdeelsleutel_aantallen).to_dict("records")
kosten_2011 = ui.query(queries.dataset, "kostenverdeling_2011")
namen = ui.query(queries.gebied_namen)
leden_rijen = ui.query(queries.dataset, "gebied_leden").to_dict("records")
gemeenten = {g: namen[g] for g in model.leden(leden_rijen, REGIO)}
try:
    std = model.standaarden(
        scenarios.to_dict("records"),
        frictie.to_dict("records"),
        ui.query(queries.dataset, "kengetallen").to_dict("records"),
        REGIO,
    )
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
        return st.selectbox(
            v.label,
            opties,
            index=opties.index(v.standaard),
            format_func=v.labels.get,
            key=key,
            bind="query-params",
            **extra,
        )
    if v.soort == "bedrag":
        return st.number_input(
            v.label,
            min_value=v.min,
            max_value=v.max,
            value=v.standaard,
            step=v.stap,
            format="%.0f",
            key=key,
            bind="query-params",
            **extra,
        )
    if v.soort == "datum":
        return st.date_input(
            v.label,
            value=v.standaard,
            min_value=v.min,
            max_value=v.max,
            format="DD-MM-YYYY",
            key=key,
            bind="query-params",
            **extra,
        )
    return st.slider(
        v.label, min_value=v.min, max_value=v.max, value=v.standaard, step=v.stap, key=key, bind="query-params", **extra
    )


def terug_naar_de_stukken() -> None:
    """Every assumption back to the documented default (bound widgets change only via session
    state); the reader's own gemeente is not an assumption and stays."""
    for key, v in velden.items():
        if key != "sc_gemeente":
            st.session_state[key] = v.standaard
    st.session_state.pop(LINK_MELDINGEN, None)


def uitleg(tekst: str) -> None:
    """A caption that explains an input: not on the projector, where the inputs are hidden."""
    if not presenteren:
        st.caption(tekst)


def tabel_stijl(
    df: pd.DataFrame,
    mijn_kolom: str | None = None,
    mijn_rij: str | None = None,
    rij_kolom: str | None = None,
    vet_rij: str | None = None,
    afbreken: bool = False,
):
    """A Styler for st.table: amounts right-aligned (on one line, unless ``afbreken``: then an
    amount and its difference may take two), the reader's gemeente (a column or a row) bold on
    a light background, a total row bold."""
    waarden = [c for c in df.columns if c != rij_kolom]
    s = df.style.set_properties(
        subset=waarden, **{"text-align": "right !important", "white-space": "normal" if afbreken else "nowrap"}
    )
    if mijn_kolom in df.columns:
        s = s.set_properties(subset=[mijn_kolom], **{"font-weight": "700", "background-color": MIJN_ACHTERGROND})
    if rij_kolom and (mijn_rij or vet_rij):

        def rij(r):
            if r[rij_kolom] == mijn_rij:
                return [f"font-weight: 700; background-color: {MIJN_ACHTERGROND}"] * len(r)
            return ["font-weight: 700"] * len(r) if r[rij_kolom] == vet_rij else [""] * len(r)

        s = s.apply(rij, axis=1)
    return s


st.markdown(CSS, unsafe_allow_html=True)
if op_scherm:
    uitkomst, paneel = st.columns([3, 2], gap="large")
elif presenteren:  # the answer full width, its chart first; the assumptions, whole, behind 'Instellingen'
    grafiek_jaar, uitkomst = st.container(), st.container()
    paneel = ui.bediening("sc_invoer")
else:  # on paper the answer beside its chart, the sections two by two: three sheets
    uitkomst, grafiek_jaar = st.columns(2, gap="medium")
    paneel = ui.bediening("sc_invoer")
if ui.modus() == ui.AFDRUK:
    sectie_jaar = st.container()
    sectie_scenarios, sectie_stukken = st.columns(2, gap="medium")
    sectie_sleutels, sectie_gevoelig = st.columns(2, gap="medium")
else:
    sectie_jaar, sectie_scenarios, sectie_sleutels, sectie_gevoelig, sectie_stukken = (st.container() for _ in range(5))

waarden: dict = {}
# ---------------------------------------------------------------- the panel of assumptions, beside the answer
with paneel:
    with st.container(horizontal=True, gap="small"):  # side by side where they fit, else stacked
        mijn = invoer(
            "sc_gemeente", width=140, help="Uw gemeente staat voorop en is gemarkeerd in elke tabel en grafiek."
        )
        nr = invoer("sc_scenario", width=140, help=" · ".join(f"{n}: {naam}" for n, naam in std.scenario_namen.items()))
    gemeente_orde = model.volgorde(gemeenten, mijn)
    scenario_label = velden["sc_scenario"].labels[nr]

    with st.container(border=True, key="sc_fasering"):
        st.markdown("**Fasering**")
        waarden["sc_jaren"] = jaren = invoer("sc_jaren")
        waarden["sc_eerste"] = eerste = invoer("sc_eerste", format="%d%%", disabled=jaren == 1)
        waarden["sc_ingang"] = ingang = invoer("sc_ingang")
        fase = model.fasering(ingang, int(jaren), eerste)
        fase_uitkomst = st.empty()  # the reader's gemeente per year: filled once computed

    totaal_plek = st.container(border=True, key="sc_frictiekosten")
    with st.expander("Verdeelsleutel", icon=":material/pie_chart:"):
        code = invoer("sc_sleutel")
        sleutel, sleutel_fout = None, None
        if code == "eigen":
            pct = {}
            for g in gemeente_orde:
                key = f"sc_pct_{model.slug(gemeenten[g])}"
                waarden[key] = pct[g] = invoer(key, format="%.1f%%", persist_state="session")
            try:
                sleutel = model.eigen_sleutel(pct)
            except model.ScenarioFout as exc:
                sleutel_fout = str(exc)
                st.error(sleutel_fout, icon=":material/error:")
            som = sum(Decimal(str(p)) for p in pct.values())
            uitleg(f"Samen {formatting.procent(som, 1)} — aanname")
        else:
            if code == model.KOSTEN_2011:
                sleutel = model.sleutel_uit_kostenverdeling(kosten_2011.to_dict("records"), list(gemeenten))
                uitleg(
                    "De verhouding van de bedragen van Beverwijk, Heemskerk en Velsen in de projectopdracht "
                    "van 2011 (die verdeelde naar inwoners op 1-1-2011, met Uitgeest)."
                )
            else:
                sleutel = model.sleutel_uit_rijen(code, aantallen, list(gemeenten))
            uitleg(
                " · ".join(
                    f"{gemeenten[g]} {formatting.getal(int(sleutel.gewichten[g]))} "
                    f"({formatting.procent(float(sleutel.aandelen[g] * 100), 1)})"
                    for g in gemeente_orde
                )
            )
            uitleg(ui.bron(sleutel.bron, formatting.datum(sleutel.peildatum) if sleutel.peildatum else None))
            verschil = (
                model.regio_verschil(aantallen, code, REGIO, list(gemeenten), sleutel.peildatum)
                if sleutel.peildatum
                else None
            )
            if verschil:
                uitleg(
                    f"Let op: het document noemt als totaal {formatting.getal(verschil[0])}, de som van de "
                    f"gemeenten is {formatting.getal(verschil[1])}. Verdeeld is naar de cijfers van de "
                    "gemeenten zelf."
                )

    with st.expander("Dekking per gemeente", icon=":material/savings:"):
        uitleg(
            "Het raadsvoorstel noemt de reserve Participatiewet, het impulsbudget (Velsen ontvangt het ook voor "
            "Beverwijk en Heemskerk) en herstructureringsmiddelen, maar geen bedragen: leeg tot u een aanname "
            "invult."
        )
        waarden["sc_impulsjaren"] = impulsjaren = invoer("sc_impulsjaren")
        dekking: dict[str, model.Dekking] = {}
        dekking_uitkomst: dict[str, st.delta_generator.DeltaGenerator] = {}
        for tab, g in zip(st.tabs([gemeenten[g] for g in gemeente_orde]), gemeente_orde, strict=True):
            with tab:
                s = model.slug(gemeenten[g])
                for key in (f"sc_reserve_{s}", f"sc_impuls_{s}"):
                    waarden[key] = invoer(key, placeholder="aanname (€)")
                waarden[f"sc_herstr_{s}"] = invoer(f"sc_herstr_{s}", format="%d%%")
                dekking[g] = model.dekking_uit(
                    waarden[f"sc_reserve_{s}"], waarden[f"sc_impuls_{s}"], int(impulsjaren), waarden[f"sc_herstr_{s}"]
                )
                dekking_uitkomst[g] = st.empty()

    st.button(
        "Terug naar de stukken",
        key="sc_terug",
        on_click=terug_naar_de_stukken,
        type="primary",
        icon=":material/restart_alt:",
        width="stretch",
        help="Zet alle aannames terug op de cijfers uit het raadsvoorstel; wat de stukken niet noemen wordt "
        "leeg. Uw gemeente blijft gekozen.",
    )

# ---------------------------------------------------------------- frictiekosten: the chosen scenario beside the
# answer, the other two in their own column of the comparison (the same input follows the choice)
with sectie_scenarios:
    st.subheader("De drie scenario's naast elkaar")
    kaarten = dict(zip(std.scenario_namen, st.columns(len(std.scenario_namen)), strict=True))
totalen: dict[int, int | None] = {}
kaart_cijfers = {}
for n, naam in std.scenario_namen.items():
    key = f"sc_totaal_{n}"
    with kaarten[n]:
        st.markdown(f"**Scenario {n}**: {naam}")
    with totaal_plek if n == nr or not op_scherm else kaarten[n]:
        waarden[key] = invoer(key, placeholder="aanname (€)")
        totalen[n] = model.euro_geheel(waarden[key])
        if totalen[n] is not None:
            uitleg(f"{formatting.euro(totalen[n])} — {model.status(n, totalen[n], std)}")
    with kaarten[n]:
        if n == nr and op_scherm:
            st.caption("Het bedrag staat naast de uitkomst bovenaan (het gekozen scenario).")
        kaart_cijfers[n] = st.container()


def toon_controle_2011() -> None:
    """The 2011 cost split recomputed with this page's rule, next to the document's."""
    regio_2011 = next((g for g in kosten_2011["gebied"] if any(x["regio"] == g for x in leden_rijen)), None)
    if regio_2011 is None:
        st.caption("Geen kostenverdeling 2011 in de database.")
        return
    leden_2011 = model.leden(leden_rijen, regio_2011)
    sleutel_2011 = model.sleutel_uit_rijen("inwoners", aantallen, leden_2011)
    doc = dict(zip(kosten_2011["gebied"], kosten_2011["bedrag_per_jaar"], strict=True))
    berekend = model.verdeel(int(doc[regio_2011]), sleutel_2011.gewichten)
    t = pd.DataFrame(
        {
            "Gemeente": [namen[g] for g in leden_2011],
            "Inwoners": [int(sleutel_2011.gewichten[g]) for g in leden_2011],
            "In het document": [int(doc[g]) for g in leden_2011],
            "Berekend": [berekend[g] for g in leden_2011],
        }
    )
    t["Verschil"] = t["Berekend"] - t["In het document"]
    st.caption(
        f"De projectopdracht van 2011 verdeelt {formatting.euro(int(doc[regio_2011]))} per jaar naar "
        f"inwoners op {formatting.datum(sleutel_2011.peildatum)}. De rekenregel van deze pagina "
        "(grootste overschot, hele euro's) geeft:"
    )
    st.dataframe(
        formatting.tabel(t, {"In het document": EURO, "Berekend": EURO, "Verschil": EURO}),
        hide_index=True,
        width="stretch",
    )
    ui.bron_caption(list(kosten_2011["bron"].unique()), formatting.datum(sleutel_2011.peildatum))


# ---------------------------------------------------------------- the computation
status = model.status(nr, totalen[nr], std)
resultaat, afgerond, fout = model.doorrekenen(totalen[nr], sleutel, fase, dekking, scenario_label, sleutel_fout)

with kop:
    ui.kop(
        "Scenario's herontwerp", model.kernboodschap(scenario_label, resultaat, afgerond, status, gemeenten, mijn, fout)
    )

aannames = model.afwijkingen(waarden, velden)
bron_codes = [c for c in (std.totaal_bron.get(nr), sleutel.bron if sleutel else None) if c]
peil = formatting.datum(sleutel.peildatum) if sleutel and sleutel.peildatum else None
bron = (ui.bron(bron_codes, peil) + ("; met aannames" if aannames else "")) if bron_codes else ""
regio_naam = namen.get(REGIO, REGIO)

# ---------------------------------------------------------------- the answer
with uitkomst:
    if aannames:
        st.info(
            "Aanname — afwijkend van of niet in de stukken: " + "; ".join(aannames) + ".", icon=":material/edit_note:"
        )
    st.subheader(f"{scenario_label}: netto per jaar")
    antwoord = st.container(key="sc_antwoord")
    if resultaat is None:
        if sleutel is None:
            antwoord.error(fout, icon=":material/error:")
        elif totalen[nr] is None and not presenteren:
            antwoord.info(
                f"Vul bij '{velden[f'sc_totaal_{nr}'].label}' (bij de invoer) zelf een bedrag in, een "
                "aanname, om de gevolgen per gemeente en per jaar te zien.",
                icon=":material/info:",
            )
        else:
            antwoord.info(fout, icon=":material/info:")
    else:
        t = pd.DataFrame(model.jaartabel(afgerond, gemeente_orde))
        kop_namen = {**gemeenten, model.SAMEN: "Samen", model.TOTAAL: "Totaal"}
        eerste = "gemeente" if "gemeente" in t.columns else "jaar"
        t[eerste] = [kop_namen.get(x, str(x)) for x in t[eerste]]
        t.columns = [eerste.capitalize(), *(kop_namen.get(c, str(c)) for c in t.columns[1:])]
        markering = (
            {"mijn_rij": gemeenten[mijn], "vet_rij": "Samen"}
            if eerste == "gemeente"
            else {"mijn_kolom": gemeenten[mijn], "vet_rij": "Totaal"}
        )
        antwoord.table(
            tabel_stijl(formatting.tabel(t, dict.fromkeys(t.columns[1:], EURO)), rij_kolom=t.columns[0], **markering),
            hide_index=True,
            alt=f"Netto kosten per gemeente per jaar, {scenario_label}",
        )
        regel = model.afrondingsregel(afgerond.eenheid, status == model.BRON)
        st.caption(
            f"Frictiekosten {formatting.euro(resultaat.totaal)} ({status}), "
            f"{model.SLEUTEL_UITLEG[sleutel.code]}, min de dekking. {regel}"
        )
        vergelijk = model.vergelijking(resultaat, frictie.to_dict("records"), nr, REGIO)
        zin = model.stukken_tekst(vergelijk, resultaat, afgerond.eenheid, gemeenten, REGIO)
        if zin:
            st.caption(zin + " Welke sleutel 'de huidige' is, zegt het raadsvoorstel niet.")
        if bron:
            st.caption(bron)
        tabel = pd.DataFrame(resultaat.rijen(gemeenten, regio_naam, afgerond))
        tabel.insert(0, "scenario", scenario_label)
        tabel.insert(1, "status", status)
        tabel.insert(2, "verdeelsleutel", sleutel.naam)
        tabel = tabel.drop(columns=["gemeente"]).rename(columns=KOLOMMEN)
        if not presenteren:  # a projector has no use for them (their buttons are hidden there)
            ui.downloads(tabel, f"scenario_{nr}_netto_kosten", key="sc_download")

        with sectie_jaar:  # full width: the exact tables need it
            vak = ui.uitklapvak("Hoe berekend?", key="sc_open_berekening")
        if vak.open:  # the content of a closed section does not run
            with vak:
                v = pd.DataFrame(model.verdeling_uitleg(resultaat)).set_index("gemeente", drop=False).loc[gemeente_orde]
                st.markdown(
                    f"**1. Verdeling** — {formatting.euro(resultaat.totaal)} "
                    f"{model.SLEUTEL_UITLEG[sleutel.code]}: totaal × gewicht ÷ som van de gewichten; de "
                    "hele euro's die overblijven gaan naar de grootste resten (grootste overschot)."
                )
                st.table(
                    tabel_stijl(
                        pd.DataFrame(
                            {
                                "Gemeente": [gemeenten[g] for g in v["gemeente"]],
                                "Gewicht": [
                                    formatting.getal(float(w), 0 if w.denominator == 1 else 2) for w in v["gewicht"]
                                ],
                                "Aandeel": [formatting.procent(x, 2) for x in v["aandeel_pct"]],
                                "Exact": [formatting.euro(x, 2) for x in v["exact"]],
                                "Toegewezen": [formatting.euro(x) for x in v["bedrag"]],
                            }
                        ),
                        mijn_rij=gemeenten[mijn],
                        rij_kolom="Gemeente",
                    ),
                    hide_index=True,
                )
                st.markdown(
                    "**2. Fasering** — elk aandeel over de jaren: "
                    + ", ".join(f"{j} {formatting.procent(float(a), 1)}" for j, a in fase.gewichten.items())
                    + ". **3. Dekking** — reserve en compensatie volgen de fasering, het impulsbudget is een "
                    "bedrag per jaar. **4. Netto** = frictiekosten − dekking, per gemeente en jaar:"
                )
                rijen = pd.DataFrame(resultaat.rijen(gemeenten, "Samen", afgerond))
                rijen = rijen.sort_values(
                    "gemeente",
                    key=lambda c: c.map(lambda g: gemeente_orde.index(g) if g in gemeente_orde else len(gemeente_orde)),
                    kind="stable",
                )
                kort = pd.DataFrame(
                    {  # every column is in the download
                        "Gemeente": rijen["naam"],
                        "Jaar": rijen["jaar"],
                        "Frictiekosten": rijen["frictiekosten"],
                        "Dekking": rijen["reserve"] + rijen["impulsbudget"] + rijen["herstructureringsmiddelen"],
                        "Netto, exact": rijen["netto"],
                        "Afgerond": rijen["netto_afgerond"],
                    }
                )
                st.table(
                    tabel_stijl(
                        formatting.tabel(kort, dict.fromkeys(kort.columns[2:], EURO)),
                        mijn_rij=gemeenten[mijn],
                        rij_kolom="Gemeente",
                    ),
                    hide_index=True,
                )
                st.markdown(f"**5. Afronding** — {regel}")
                if vergelijk:
                    d = pd.DataFrame(vergelijk)
                    d["gebied"] = d["gebied"].map(lambda c: namen.get(c, c))
                    d["in_de_stukken"] = [
                        f"{b} {formatting.euro(x)}" for b, x in zip(d["benadering"], d["in_de_stukken"], strict=True)
                    ]
                    st.markdown("**In de stukken en berekend** (frictiekosten vóór dekking, tot op de euro)")
                    st.table(
                        tabel_stijl(
                            formatting.tabel(
                                d[["gebied", "jaar", "in_de_stukken", "berekend", "verschil"]].rename(
                                    columns={
                                        "gebied": "Gebied",
                                        "jaar": "Jaar",
                                        "in_de_stukken": "In de stukken",
                                        "berekend": "Berekend",
                                        "verschil": "Verschil",
                                    }
                                ),
                                {"Berekend": EURO, "Verschil": EURO},
                            ),
                            rij_kolom="Gebied",
                        ),
                        hide_index=True,
                    )
                    ui.bron_caption(list(d["bron"].unique()))

        per_jaar = pd.DataFrame(model.netto_per_jaar_rijen(resultaat, afgerond, gemeenten))
        with sectie_jaar if op_scherm else grafiek_jaar:
            ui.grafiek(
                charts.netto_per_jaar,
                (per_jaar, scenario_label, bron, mijn),
                key="sc_grafiek_jaar",
                naam=f"netto_kosten_per_jaar_scenario_{nr}",
                theme=None,
            )

        # beside the inputs that move them: the reader's gemeente per year, each gemeente's net cost
        def per_jaar_tekst(g: str) -> str:
            return model.per_jaar_tekst([afgerond.cellen[g, j] for j in resultaat.jaren], resultaat.jaren)

        if not presenteren:
            fase_uitkomst.markdown(f"{gemeenten[mijn]}: **{per_jaar_tekst(mijn)}**")
            for g, plek in dekking_uitkomst.items():
                plek.markdown(
                    f"Netto {gemeenten[g]}: **{per_jaar_tekst(g)}** (samen {formatting.euro(afgerond.rijen[g])})"
                )

# ---------------------------------------------------------------- the three scenarios side by side
if sleutel is not None:
    overzicht = pd.DataFrame(model.scenario_vergelijking(totalen, std, sleutel, fase, dekking, gemeenten))
    for n, plek in kaart_cijfers.items():
        rijen = overzicht[overzicht["scenario"] == n].set_index("gemeente")
        if ui.modus() == ui.AFDRUK:
            continue  # on paper the chart below gives these amounts (three sheets at most)
        with plek:
            if rijen["netto"].isna().all():
                st.markdown(f"*{model.NIET_GEKWANTIFICEERD}*")
                uitleg("Vul een bedrag in als aanname om de gevolgen per gemeente te zien.")
            else:
                t = pd.DataFrame(
                    {
                        "Gemeente": [gemeenten[g] for g in gemeente_orde],
                        "Netto, alle jaren": [formatting.euro(int(rijen.loc[g, "netto"])) for g in gemeente_orde],
                    }
                )
                st.table(
                    tabel_stijl(t, mijn_rij=gemeenten[mijn], rij_kolom="Gemeente"),
                    hide_index=True,
                    alt=f"Netto kosten per gemeente, scenario {n}",
                )
    with sectie_scenarios:
        ui.grafiek(
            charts.scenario_vergelijking,
            (overzicht, ui.bron(bron_codes, peil) if bron_codes else "", mijn),
            key="sc_grafiek_scenarios",
            naam="netto_kosten_per_scenario",
            theme=None,
        )
        vak = ui.uitklapvak("Voor- en nadelen van alle drie scenario's (raadsvoorstel)", key="sc_open_argumenten")
        if vak.open:
            with vak:
                for kolom, (n, naam) in zip(
                    st.columns(len(std.scenario_namen)), std.scenario_namen.items(), strict=True
                ):
                    with kolom:
                        st.markdown(f"**Scenario {n}: {naam}**")
                        for soort, titel in (("voordeel", "Voordelen"), ("nadeel", "Nadelen")):
                            punten = argumenten[(argumenten["scenario"] == n) & (argumenten["soort"] == soort)]
                            st.markdown(
                                f"*{titel}*\n" + "\n".join(f"- {t}" for t in punten.sort_values("volgorde")["tekst"])
                            )
                ui.bron_caption(list(argumenten["bron"].unique()))

# ---------------------------------------------------------------- the verdeelsleutel question
if resultaat is not None:
    with sectie_sleutels:
        st.subheader("Welke verdeelsleutel?")
        sleutels = {
            c: model.sleutel_uit_rijen(c, aantallen, list(gemeenten)) for c in ("inwoners", "uitkeringen", "in_traject")
        }
        sleutels[model.KOSTEN_2011] = model.sleutel_uit_kostenverdeling(kosten_2011.to_dict("records"), list(gemeenten))
        if sleutel.code == "eigen":
            sleutels["eigen"] = sleutel
        vergelijking_sleutels = pd.DataFrame(model.sleutel_vergelijking(resultaat.totaal, sleutels, fase, dekking))
        namen_sleutel = {
            "inwoners": "Inwoners (raadsvoorstel)",  # "P‑wet" with a hyphen that does not break
            **{c: model.SLEUTELS[c].replace("-", "\u2011") for c in sleutels if c != "inwoners"},
        }
        per = vergelijking_sleutels.set_index(["sleutel", "gemeente"])

        def cel(c: str, g: str) -> str:
            netto, verschil = int(per.loc[(c, g), "netto"]), int(per.loc[(c, g), "verschil"])
            if c == model.DOCUMENTSLEUTEL:
                return formatting.euro(netto)
            return f"{formatting.euro(netto)} ({model.verschil_kort(verschil)})"

        t = pd.DataFrame(
            {
                "Verdeelsleutel": [namen_sleutel[c] for c in sleutels],
                **{gemeenten[g]: [cel(c, g) for c in sleutels] for g in gemeente_orde},
            }
        )
        st.markdown(
            f"Het raadsvoorstel verdeelt naar inwoners. Wat betaalt elke gemeente netto voor {scenario_label} "
            "(alle jaren) bij een andere sleutel? Tussen haakjes: meer (+) of minder (−) dan naar inwoners."
        )
        with st.container(key="sc_sleutels_tabel"):
            st.table(
                tabel_stijl(t, mijn_kolom=gemeenten[mijn], rij_kolom="Verdeelsleutel", afbreken=True),
                hide_index=True,
                alt=f"Netto kosten per gemeente bij elke verdeelsleutel, {scenario_label}",
            )
        andere = vergelijking_sleutels[vergelijking_sleutels["sleutel"] != "inwoners"]
        if ui.modus() != ui.AFDRUK:  # on paper the table above says the same (three sheets at most)
            ui.grafiek(
                charts.verdeelsleutels,
                (
                    andere,
                    scenario_label,
                    ui.bron(sorted({s.bron for s in sleutels.values() if s.bron})),
                    mijn,
                    gemeenten,
                ),
                key="sc_grafiek_sleutels",
                naam=f"verdeelsleutels_scenario_{nr}",
                theme=None,
            )

# ---------------------------------------------------------------- sensitivity for the reader's gemeente
if resultaat is not None:
    with sectie_gevoelig:
        st.subheader(f"Gevoeligheid voor {gemeenten[mijn]}")
        gevoelig = model.gevoeligheid(resultaat.totaal, sleutel, fase, dekking, mijn)
        ui.grafiek(
            charts.tornado,
            (pd.DataFrame([asdict(g) for g in gevoelig]), gemeenten[mijn], bron),
            key="sc_grafiek_tornado",
            naam=f"gevoeligheid_scenario_{nr}",
            theme=None,
        )
        st.caption(
            "De fasering verandert alleen wanneer kosten vallen, niet het totaal; daarom staat zij niet in "
            "de gevoeligheid. Aannames die op 0 staan hebben geen effect."
        )

# ---------------------------------------------------------------- the stukken behind the page
with sectie_stukken:
    st.subheader(f"{scenario_label}: {std.scenario_namen[nr]}")
    kolommen = st.columns(2)
    for kolom, (soort, titel) in zip(kolommen, (("voordeel", "Voordelen"), ("nadeel", "Nadelen")), strict=True):
        punten = argumenten[(argumenten["scenario"] == nr) & (argumenten["soort"] == soort)].sort_values("volgorde")
        kolom.markdown(f"*{titel}*\n" + "\n".join(f"- {t}" for t in punten["tekst"]))
    ui.bron_caption(list(argumenten["bron"].unique()))

    vak = ui.uitklapvak("Herkomst van de standaardwaarden", key="sc_open_herkomst")
    if vak.open:
        with vak:
            st.dataframe(
                pd.DataFrame(model.herkomst(velden)).rename(
                    columns={"invoer": "Invoer", "standaardwaarde": "Standaardwaarde", "herkomst": "Herkomst"}
                ),
                hide_index=True,
                width="stretch",
            )
            ui.bron_caption(
                [c for c in (*std.totaal_bron.values(), "rv2025_scenarios", "rv2025_risicos", inwoners.bron) if c]
            )

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
            st.warning(
                "De link bevat ongeldige waarden; daarvoor gelden de cijfers uit de stukken.\n\n"
                + "\n".join(f"- {m}" for m in berichten),
                icon=":material/link_off:",
            )
    else:
        del st.session_state[LINK_MELDINGEN]
