"""Sessies: fixed tours of views for a beeldvormende sessie. Everyone may start one; beheerders
compose them (create, rename, add, edit, reorder and delete steps, delete a sessie)."""

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from ijmond_dash import formatting, ui
from ijmond_dash.store import queries, sessies
from ijmond_dash.ui import handout_knoppen

ui.kop(
    "Sessies",
    "Een sessie is een vaste rondgang langs weergaven van het dashboard, met een notitie voor wie "
    "presenteert. Start een sessie en blader met Vorige en Volgende, met de pijltjestoetsen of met een "
    "presentatieklikker.",
)
gebruiker = ui.gebruiker()
TZ = ZoneInfo("Europe/Amsterdam")
MELDINGEN = "sessies_meldingen"

for soort, tekst in st.session_state.pop(MELDINGEN, []):
    if soort == "ok":
        st.success(formatting.md_escape(tekst), icon=":material/check_circle:")
    else:
        st.error(formatting.md_escape(tekst), icon=":material/error:")


def stap_tekst(stap: sessies.Stap) -> str:
    """'**Scenario 2 per gemeente** — Scenario's herontwerp (Scenario 2)'; the page only when the
    title is not the page's, the settings only when there are any."""
    pagina = sessies.PAGINAS[stap.pagina]
    tekst = f"**{formatting.md_escape(stap.titel)}**"
    if stap.titel != pagina or stap.parameters:
        tekst += f" — {formatting.md_escape(pagina)}"
    if stap.parameters:
        tekst += f" ({formatting.md_escape(sessies.instellingen_leesbaar(stap.parameters))})"
    return tekst


lijst = ui.query(queries.sessies_lijst)
if not lijst:
    st.info("Er zijn nog geen sessies." + (" Maak hieronder de eerste." if gebruiker.mag_beheren else ""))

for s in lijst:
    with st.container(border=True, key=f"sessies_kaart_{s.naam}"):
        st.subheader(s.titel, anchor=False)
        if s.stappen:
            st.markdown("\n".join(f"{i}. {stap_tekst(stap)}" for i, stap in enumerate(s.stappen, start=1)))
        else:
            st.caption("Deze sessie heeft nog geen stappen.")
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.button(
                "Sessie starten",
                key=f"sessies_start_{s.naam}",
                type="primary",
                icon=":material/play_arrow:",
                disabled=not s.stappen,
                on_click=ui.start_sessie,
                args=(s.naam,),
            )
            with st.popover("Link naar deze sessie", icon=":material/link:"):
                st.caption(
                    "Deze link opent de eerste weergave van de sessie. Voeg &presentatie=1 toe voor de "
                    "beamer, of &presentator=1 voor een venster met de notities."
                )
                st.code(ui.sessie_link(s.naam), language=None, wrap_lines=True)
        if s.stappen:  # the whole sessie as a handout: one page or slide per view
            handout_knoppen.knoppen(list(s.stappen), f"sessie-{s.naam}", key=f"sessies_handout_{s.naam}")

if not gebruiker.mag_beheren:
    st.stop()

# ---------------------------------------------------------------- beheerders: compose the sessies
# Every write runs in a button's callback, before the page is drawn again: the page then shows
# the stored state and the message at once.

ONVERWACHT = "{wat} is mislukt door een onverwachte fout; er is niets gewijzigd. Probeer het opnieuw."
VELDEN = ("link", "pagina", "instellingen", "titel", "notitie")


def schrijf(wat: str, actie, *args, ok: str, **kwargs):
    """Run a write of ``sessies``; show its Dutch message or ``ok``. Returns its result (True when
    it returns nothing), or None when it was refused."""
    try:
        uitkomst = actie(ui.engine(), gebruiker, *args, **kwargs)
    except sessies.SessieFout as exc:
        st.session_state[MELDINGEN] = [("fout", str(exc))]
        return None
    except Exception:  # noqa: BLE001 - rolled back; a Dutch message here, the details in the log
        logging.getLogger(__name__).exception("%s failed", wat)
        st.session_state[MELDINGEN] = [("fout", ONVERWACHT.format(wat=wat))]
        return None
    st.session_state[MELDINGEN] = [("ok", ok)]
    return uitkomst if uitkomst is not None else True


def leeg(*keys: str) -> None:
    for key in keys:
        st.session_state.pop(key, None)


def maak() -> None:
    naam, titel = st.session_state.get("sessies_nieuw_naam", ""), st.session_state.get("sessies_nieuw_titel", "")
    if schrijf("Het aanmaken", sessies.maak, naam, titel, ok=f"De sessie '{titel.strip()}' is aangemaakt."):
        st.session_state["sessies_bewerk"] = naam.strip()
        leeg("sessies_nieuw_naam", "sessies_nieuw_titel")


def velden_uit(sleutel: str):
    """(pagina, instellingen, notitie, titel) from a step's fields; a pasted link gives page and settings."""
    waarde = lambda veld: st.session_state.get(f"{sleutel}_{veld}") or ""  # noqa: E731
    pagina, instellingen = waarde("pagina"), waarde("instellingen")
    if waarde("link").strip():
        pagina, instellingen = sessies.uit_link(waarde("link"))
    return pagina, instellingen, waarde("notitie"), waarde("titel") or None


def bewaar_stap(naam: str, sleutel: str, positie: int | None) -> None:
    try:
        velden = velden_uit(sleutel)
    except sessies.SessieFout as exc:
        st.session_state[MELDINGEN] = [("fout", str(exc))]
        return
    if positie is None:
        if schrijf("Het toevoegen", sessies.voeg_stap_toe, naam, *velden, ok="De stap is toegevoegd."):
            leeg(*(f"{sleutel}_{veld}" for veld in VELDEN))
    else:
        schrijf("Het opslaan", sessies.wijzig_stap, naam, positie, *velden, ok=f"Stap {positie} is opgeslagen.")


def verplaats(naam: str, positie: int, richting: int) -> None:
    schrijf(
        "Het verplaatsen",
        sessies.verplaats_stap,
        naam,
        positie,
        richting,
        ok=f"Stap {positie} staat nu op plaats {positie + richting}.",
    )


def verwijder_stap(naam: str, positie: int) -> None:
    leeg("sessies_stap_zeker")
    schrijf("Het verwijderen", sessies.verwijder_stap, naam, positie, ok=f"Stap {positie} is verwijderd.")


def hernoem(naam: str) -> None:
    nieuw = schrijf(
        "Het opslaan",
        sessies.hernoem,
        naam,
        st.session_state.get(f"sessies_naam_{naam}", ""),
        st.session_state.get(f"sessies_titel_{naam}", ""),
        ok="Naam en titel zijn opgeslagen.",
    )
    if nieuw:
        st.session_state["sessies_bewerk"] = nieuw


def verwijder(naam: str, titel: str) -> None:
    leeg("sessies_zeker")
    if schrijf("Het verwijderen", sessies.verwijder, naam, ok=f"De sessie '{titel}' is verwijderd."):
        leeg("sessies_bewerk")


# On a phone a step's title takes its own line, its two buttons the next one.
st.markdown(
    "<style>@media (max-width: 640px) { [class*='st-key-sessies_rij_'] { flex-wrap: wrap !important; } "
    "[class*='st-key-sessies_rij_'] [data-testid='stElementContainer']:has([data-testid='stMarkdown']) "
    "{ flex: 1 1 100% !important; } }</style>",
    unsafe_allow_html=True,
)
st.header("Sessies samenstellen", anchor=False)
with st.expander("Nieuwe sessie", icon=":material/add:", expanded=not lijst):
    st.text_input(
        "Naam in de link",
        key="sessies_nieuw_naam",
        max_chars=sessies.NAAM_MAX,
        help="Kleine letters, cijfers, - en _; de link wordt ?sessie=<naam>.",
    )
    st.text_input("Titel", key="sessies_nieuw_titel", max_chars=sessies.TITEL_MAX)
    st.button("Sessie aanmaken", key="sessies_nieuw_knop", icon=":material/add:", on_click=maak)

if not lijst:
    st.stop()

namen = {s.naam: s for s in lijst}
if st.session_state.get("sessies_bewerk") not in namen:
    st.session_state.pop("sessies_bewerk", None)
keuze = st.selectbox(
    "Sessie om te bewerken",
    list(namen),
    format_func=lambda n: namen[n].titel,
    key="sessies_bewerk",
    bind="query-params",
)
s = namen[keuze]
pagina_keuzes = list(sessies.PAGINAS)


def stap_velden(sleutel: str, stap: sessies.Stap | None) -> None:
    """The fields of a step: page, settings (as in a link), title, note; or a pasted link."""
    link = st.text_input(
        "Link plakken (optioneel)",
        key=f"{sleutel}_link",
        help="Kopieer met 'Link kopiëren' de weergave die u wilt tonen en plak die hier: "
        "pagina en instellingen worden eruit overgenomen.",
    )
    st.selectbox(
        "Pagina",
        pagina_keuzes,
        format_func=sessies.PAGINAS.get,
        key=f"{sleutel}_pagina",
        index=pagina_keuzes.index(stap.pagina) if stap else 0,
    )
    st.text_input(
        "Instellingen (zoals in de link)",
        key=f"{sleutel}_instellingen",
        value=sessies.instellingen_als_tekst(stap.parameters) if stap else "",
        help="Wat na het vraagteken in een gekopieerde link staat. Leeg: de standaardinstellingen van de pagina.",
    )
    st.text_input(
        "Titel van de stap",
        key=f"{sleutel}_titel",
        value=stap.titel if stap else "",
        max_chars=sessies.TITEL_MAX,
        help="Leeg: de titel van de pagina.",
    )
    st.text_area(
        "Notitie voor de presentator",
        key=f"{sleutel}_notitie",
        value=stap.notitie if stap else "",
        max_chars=sessies.NOTITIE_MAX,
        help="Alleen te zien met 'Notities' aan, nooit in de presentatieweergave.",
    )
    if link.strip():
        try:
            pagina, params = sessies.uit_link(link)
        except sessies.SessieFout as exc:
            st.error(formatting.md_escape(str(exc)), icon=":material/error:")
        else:
            st.caption(
                f"Uit de link: {formatting.md_escape(sessies.PAGINAS[pagina])} "
                f"({formatting.md_escape(sessies.instellingen_leesbaar(params))})."
            )


with st.container(border=True, key="sessies_bewerken"):
    st.subheader("Stappen", anchor=False)
    for i, stap in enumerate(s.stappen, start=1):
        with st.container(horizontal=True, gap="small", vertical_alignment="center", key=f"sessies_rij_{i}"):
            st.markdown(f"{i}. {stap_tekst(stap)}", width="stretch")
            st.button(
                "Omhoog",
                key=f"sessies_op_{i}",
                icon=":material/arrow_upward:",
                disabled=i == 1,
                on_click=verplaats,
                args=(s.naam, i, -1),
            )
            st.button(
                "Omlaag",
                key=f"sessies_neer_{i}",
                icon=":material/arrow_downward:",
                disabled=i == len(s.stappen),
                on_click=verplaats,
                args=(s.naam, i, 1),
            )
    if not s.stappen:
        st.caption("Nog geen stappen: voeg hieronder de eerste toe.")

    with st.expander("Stap toevoegen", icon=":material/add:", expanded=not s.stappen):
        sleutel = f"sessies_nieuw_{s.naam}"
        stap_velden(sleutel, None)
        st.button(
            "Stap toevoegen",
            key="sessies_stap_toevoegen",
            icon=":material/add:",
            on_click=bewaar_stap,
            args=(s.naam, sleutel, None),
        )

    if s.stappen:
        with st.expander("Stap wijzigen of verwijderen", icon=":material/edit:"):
            positie = st.selectbox(
                "Stap",
                list(range(1, len(s.stappen) + 1)),
                key="sessies_stap_keuze",
                format_func=lambda i: f"{i}. {s.stappen[i - 1].titel}",
            )
            positie = min(positie, len(s.stappen))
            # the fields' keys name the step and the store version: after a change they show what is stored
            sleutel = f"sessies_stap_{s.naam}_{positie}_{ui.versie()}"
            stap_velden(sleutel, s.stappen[positie - 1])
            st.button(
                "Stap opslaan",
                key="sessies_stap_opslaan",
                icon=":material/save:",
                on_click=bewaar_stap,
                args=(s.naam, sleutel, positie),
            )
            zeker = st.checkbox("Ja, verwijder deze stap", key="sessies_stap_zeker")
            st.button(
                "Stap verwijderen",
                key="sessies_stap_verwijderen",
                icon=":material/delete:",
                disabled=not zeker,
                on_click=verwijder_stap,
                args=(s.naam, positie),
            )

    with st.expander("Naam en titel, of de sessie verwijderen", icon=":material/settings:"):
        st.text_input("Naam in de link", value=s.naam, key=f"sessies_naam_{s.naam}", max_chars=sessies.NAAM_MAX)
        st.text_input("Titel", value=s.titel, key=f"sessies_titel_{s.naam}", max_chars=sessies.TITEL_MAX)
        st.button(
            "Naam en titel opslaan", key="sessies_hernoem", icon=":material/save:", on_click=hernoem, args=(s.naam,)
        )
        zeker = st.checkbox(f"Ja, verwijder de sessie '{s.titel}' met alle stappen", key="sessies_zeker")
        st.button(
            "Sessie verwijderen",
            key="sessies_verwijderen",
            icon=":material/delete:",
            disabled=not zeker,
            on_click=verwijder,
            args=(s.naam, s.titel),
        )


def tijd(value) -> str:
    if value is None or pd.isna(value):
        return ""
    ts = pd.Timestamp(value).to_pydatetime()
    if ts.tzinfo is None:  # SQLite gives naive timestamps; they are stored in UTC
        ts = ts.replace(tzinfo=dt.UTC)
    ts = ts.astimezone(TZ)
    return f"{formatting.datum(ts.date())} {ts:%H:%M}"


st.header("Wijzigingen", anchor=False)
log = ui.query(queries.sessie_wijzigingen)
if log.empty:
    st.caption("Er is nog niets gewijzigd aan de sessies.")
else:
    st.dataframe(
        pd.DataFrame(
            {
                "Tijdstip": [tijd(t) for t in log["tijdstip"]],
                "Door": log["gebruiker"],
                "Sessie": log["sessie"],
                "Wat": log["actie"],
                "Omschrijving": log["omschrijving"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
