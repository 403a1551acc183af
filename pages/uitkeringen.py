"""Uitkeringen per gemeente: the series 2015-2022, medio 2024 (another definition), the
breakdowns by leeftijd and duur, and the bereik of IJmond Werkt!."""

import streamlit as st

from ijmond_dash import formatting, ui
from ijmond_dash.analysis import reeksen
from ijmond_dash.charts import common
from ijmond_dash.charts import uitkeringen as charts
from ijmond_dash.store import queries

MATEN = {charts.ABSOLUUT: "Absoluut", charts.PER_1000: "Per 1.000 inwoners"}
DIMENSIES = {"leeftijd": "Leeftijd", "duur": "Duur uitkeringsfase"}
MODI = {charts.AANTAL: "Aantallen", charts.PROCENT: "100%"}
KOLOMMEN = {
    "peildatum": "Peildatum",
    "naam": "Gemeente",
    "definitie": "Definitie",
    "aantal": "Aantal uitkeringen",
    "inwoners": "Inwoners",
    "geschat": "Inwoners geschat",
    "methode": "Inwoners: methode",
    "per_1000": "Per 1.000 inwoners",
}


def _peil(df) -> str:
    van, tot = df["peildatum"].min(), df["peildatum"].max()
    return formatting.datum(van) if van == tot else f"{formatting.datum(van)} t/m {formatting.datum(tot)}"


def _tabel(df, naam: str, key: str, units: dict | None = None) -> None:
    """The table of exactly what the chart shows, formatted, with CSV and Excel downloads;
    formatted and sent only while its section is open. The bron codes read as document title,
    date and tabel (the download keeps the code in a last column)."""
    vak = ui.uitklapvak("Tabel: wat de grafiek toont", key=f"{key}_open")
    if vak.open:
        with vak:
            ui.tabel_en_download(df, naam, key=key, units=units)


uitk = ui.query(queries.uitkeringen)
ui.kop("Uitkeringen per gemeente", reeksen.uitkeringen_boodschap(uitk))
if uitk.empty:
    st.info("Er zijn geen uitkeringsaantallen in de database.")
    st.stop()

namen = dict(zip(uitk["gebied"], uitk["naam"], strict=False))
gebieden = [g for g in common.GEMEENTE_VOLGORDE if g in namen] + sorted(set(namen) - set(common.GEMEENTE_VOLGORDE))
jaren = sorted({d.year for d in uitk["peildatum"]})

bediening, resultaat = ui.resultaat_eerst("uitk")  # on a phone the first chart comes before the controls
# the gemeenten on a row of their own: every chosen name stays readable, none is cut off
keuze = bediening.multiselect(
    "Gemeenten",
    gebieden,
    default=gebieden,
    format_func=namen.get,
    key="uitk_gemeenten",
    bind="query-params",
    placeholder="Kies gemeenten",
)
k2, k3 = bediening.columns([3, 2])
if len(jaren) > 1:
    van, tot = k2.select_slider(
        "Periode (lijngrafiek)", options=jaren, value=(jaren[0], jaren[-1]), key="uitk_periode", bind="query-params"
    )
else:
    van = tot = jaren[0]
maat = k3.radio("Maat", list(MATEN), format_func=MATEN.get, horizontal=True, key="uitk_maat", bind="query-params")

if not keuze:
    st.info("Kies ten minste één gemeente om de cijfers te zien.")
    st.stop()

# ---------------------------------------------------------------- the series
with resultaat:
    st.header("Aantal uitkeringen per peildatum")
    reeks = uitk[uitk["gebied"].isin(keuze) & uitk["peildatum"].map(lambda d: van <= d.year <= tot)]
    codes = list(reeks["bron"])
    if maat == charts.PER_1000:
        inwoners = ui.query(queries.inwoners)
        reeks = reeksen.per_1000(reeks, inwoners, ui.query(queries.regio_leden))
        codes += list(inwoners["bron"])
    bron = ui.bron(codes, _peil(reeks) if len(reeks) else None)
    ui.grafiek(charts.reeks, (reeks, maat, bron), key="uitk_reeks_grafiek", naam="uitkeringen_per_gemeente", theme=None)
    if reeks.empty:
        st.info("Er zijn geen uitkeringsaantallen in deze periode.")
    else:
        if maat == charts.PER_1000 and reeks["geschat"].any():
            st.caption(formatting.md_escape(reeksen.inwoners_toelichting(inwoners)))
        kolommen = ["peildatum", "naam", "definitie", "aantal", "bron"]
        if maat == charts.PER_1000:
            kolommen[4:4] = ["inwoners", "geschat", "methode", "per_1000"]
        tabel = reeks[kolommen].assign(definitie=reeks["definitie"].map(reeksen.DEFINITIE_LABELS))
        if "inwoners" in tabel:
            tabel = tabel.assign(inwoners=tabel["inwoners"].round(0), per_1000=tabel["per_1000"].round(1))
        _tabel(tabel.rename(columns=KOLOMMEN), "uitkeringen_per_gemeente", "uitk_reeks")

# ---------------------------------------------------------------- the breakdowns
st.header("Medio 2024: uitkeringen naar leeftijd en duur")
pwet = uitk[(uitk["definitie"] == reeksen.PWET) & uitk["gebied"].isin(keuze)]
split_bediening, split_resultaat = ui.resultaat_eerst("uitk_split")  # on a phone: the chart first
s1, s2 = split_bediening.columns(2)
dimensie = s1.radio(
    "Uitsplitsing naar",
    list(DIMENSIES),
    format_func=DIMENSIES.get,
    horizontal=True,
    key="uitk_dimensie",
    bind="query-params",
)
modus = s2.radio(
    "Weergave", list(MODI), format_func=MODI.get, horizontal=True, key="uitk_weergave", bind="query-params"
)
with split_resultaat:
    split = reeksen.uitsplitsing_met_rest(ui.query(queries.uitsplitsing, dimensie), pwet, dimensie)
    split_bron = ui.bron(list(split["bron"]) + list(pwet["bron"]), "medio 2024")
    ui.grafiek(
        charts.uitsplitsing,
        (split, dimensie, modus, split_bron),
        key="uitk_split_grafiek",
        naam=f"uitsplitsing_{dimensie}",
        theme=None,
    )
    if len(split):
        overschot = split.drop_duplicates("gebied")
        for r in overschot[overschot["overschot"] > 0].itertuples():
            st.warning(
                f"{formatting.md_escape(r.naam)}: de uitsplitsing naar {DIMENSIES[dimensie].lower()} telt "
                f"op tot {formatting.getal(r.som)}, "
                f"{formatting.getal(r.overschot)} meer dan het totaal van {formatting.getal(r.totaal)} "
                "uitkeringen. Het document geeft het zo; een 'niet uitgesplitst'-deel is er daarom niet.",
                icon=":material/warning:",
            )
        st.caption(
            "Het document geeft de uitsplitsing en het totaal aantal uitkeringen P-wet los; ze tellen niet "
            "op. Het verschil staat als 'niet uitgesplitst' in de grafiek."
        )
        tabel = split[["peildatum", "naam", "categorie", "aantal", "aandeel", "totaal", "overschot", "bron"]]
        tabel = tabel.assign(aandeel=tabel["aandeel"].round(2)).rename(
            columns={
                "peildatum": "Peildatum",
                "naam": "Gemeente",
                "categorie": DIMENSIES[dimensie],
                "aantal": "Aantal",
                "aandeel": "% van totaal",
                "totaal": "Totaal uitkeringen P-wet",
                "overschot": "Uitsplitsing groter dan totaal met",
            }
        )
        _tabel(tabel, f"uitsplitsing_{dimensie}", "uitk_split", {"% van totaal": "procent"})

# ---------------------------------------------------------------- bereik
st.header("Bereik IJmond Werkt!")
bereik = reeksen.bereik(ui.query(queries.per_gebied, "percentages"), ui.query(queries.dataset, "in_traject"), uitk)
bereik = bereik[bereik["gebied"].isin(keuze)]
budget = ui.query(queries.kengetal, "budget_aandeel_ijw")
budget_waarde = budget_label = None
if len(budget):
    b = budget.iloc[0]
    budget_waarde = float(b["waarde"])
    budget_tekst = f"{b['benadering']} {formatting.procent(b['waarde'], 0)}"
    budget_label = f"Re-integratiebudget naar IJW: {budget_tekst}"
bereik_bron = ui.bron(list(bereik["bron"]) + list(budget["bron"]), "medio 2024; budget: huidige vorm (2025)")
ui.grafiek(
    charts.bereik,
    (bereik, budget_waarde, budget_label, bereik_bron),
    key="uitk_bereik_grafiek",
    naam="bereik_ijmond_werkt",
    theme=None,
)
if len(bereik) and budget_label:
    st.caption(
        f"Volgens het raadsvoorstel gaan de middelen voor re-integratie voor "
        f"{formatting.md_escape(budget_tekst)} naar IJmond Werkt!; van de inwoners met een uitkering is "
        f"{formatting.procent(bereik['percentage'].min(), 2)} tot "
        f"{formatting.procent(bereik['percentage'].max(), 2)} daar in lopend traject."
    )
if len(bereik):
    tabel = bereik[["peildatum", "naam", "in_traject", "uitkeringen", "percentage", "bron"]].rename(
        columns={
            "peildatum": "Peildatum",
            "naam": "Gemeente",
            "in_traject": "In lopend traject bij IJW",
            "uitkeringen": "Uitkeringen P-wet",
            "percentage": "% in traject (document)",
        }
    )
    if budget_waarde is not None:
        tabel = tabel.assign(
            **{"Re-integratiebudget naar IJW (%)": budget_waarde, "Budget: benadering": budget.iloc[0]["benadering"]}
        )
    _tabel(
        tabel,
        "bereik_ijmond_werkt",
        "uitk_bereik",
        {"% in traject (document)": "procent", "Re-integratiebudget naar IJW (%)": "procent"},
    )
ui.link("bronnen", "Bronnen en datakwaliteit", icon=":material/menu_book:")
