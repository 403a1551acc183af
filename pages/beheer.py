"""Gegevens beheren (beheerders only): import with preview and validation, audit log, undo."""

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from ijmond_dash import formatting, limieten, ui
from ijmond_dash.analysis import woorden
from ijmond_dash.imports import importers
from ijmond_dash.store import queries

gebruiker = ui.vereis_beheerder()  # before anything is read

ui.kop(
    "Gegevens beheren",
    "Breng een nieuwe rapportage in: eerst ziet u wat er verandert en wat er niet klopt; pas na "
    "'Importeren' wordt er iets opgeslagen, en elke import kan in zijn geheel ongedaan worden gemaakt.",
)

TZ = ZoneInfo("Europe/Amsterdam")
TONEN = 1_000  # rows of a preview table shown (a trajectory file may have 100.000)
TONEN_PROBLEMEN = 20  # problems shown as sentences; all of them are in the table
ONVERWACHT = (
    "{wat} is mislukt door een onverwachte fout; er is niets {gedaan}. Probeer het opnieuw of neem "
    "contact op met de beheerder van het dashboard (de fout staat in het logboek van de server)."
)


def melding(tekst: str) -> str:
    """A Dutch message (ImportFout) as Markdown: file names and values in it shown literally, its
    list items ('- ...') still a list."""
    regels = []
    for regel in tekst.split("\n"):
        if regel.startswith("- "):
            regels.append("- " + formatting.md_escape(regel[2:]))
        else:
            regels.append(formatting.md_escape(regel))
    return "\n".join(regels)


def tijd(value) -> str:
    if value is None or pd.isna(value):
        return ""
    ts = pd.Timestamp(value).to_pydatetime()
    if ts.tzinfo is None:  # SQLite gives naive timestamps; they are stored in UTC
        ts = ts.replace(tzinfo=dt.UTC)
    ts = ts.astimezone(TZ)
    return f"{formatting.datum(ts.date())} {ts:%H:%M}"


keuzes = importers.keuzes()
st.header("Importeren")
dataset = st.selectbox(
    "Dataset",
    options=list(keuzes),
    format_func=lambda naam: keuzes[naam],
    key="beheer_dataset",
    bind="query-params",
    help="Een rij met een sleutel die al bestaat wijzigt die rij; andere rijen worden toegevoegd.",
)
st.caption("Verwachte kolommen: " + ", ".join(f"`{k}`" for k in importers.kolommen(dataset)))
c1, c2 = st.columns(2)
# the templates are built when clicked, not on every rerun
c1.download_button(
    "Sjabloon CSV",
    lambda: importers.sjabloon_csv(dataset),
    f"sjabloon_{dataset}.csv",
    "text/csv",
    key="beheer_sjabloon_csv",
    icon=":material/download:",
    on_click="ignore",
)
c2.download_button(
    "Sjabloon Excel",
    lambda: importers.sjabloon_excel(dataset),
    f"sjabloon_{dataset}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="beheer_sjabloon_xlsx",
    icon=":material/download:",
    on_click="ignore",
)

ronde = st.session_state.setdefault("beheer_ronde", 0)  # a new key empties the uploader after an import
traject = dataset == importers.TRAJECTEVENT
bestand = st.file_uploader(
    f"Bestand ({limieten.importtekst(traject)})",
    type=["csv", "xlsx", "txt"],
    key=f"beheer_bestand_{ronde}",
    max_upload_size=limieten.BESTAND_MB,  # the browser refuses larger files; the server too (config.toml)
)

for soort, tekst in st.session_state.pop("beheer_meldingen", []):
    if soort == "ok":
        st.success(tekst)
    else:
        st.error(melding(tekst), icon=":material/error:")


def voortgang(balk):
    return lambda fractie, tekst: balk.progress(min(1.0, max(0.0, fractie)), text=tekst)


if bestand is not None:
    # the preview of this file, dataset and store version is made once, not on every rerun
    sleutel = (dataset, bestand.file_id, bestand.size, ui.versie())
    bewaard = st.session_state.get("beheer_voorbeeld")
    if bewaard is None or bewaard[0] != sleutel:
        balk = st.progress(0.0, text="Bestand lezen en controleren")
        try:
            voorbeeld = importers.voorbereiden(ui.engine(), dataset, bestand.name, bestand, voortgang(balk))
        except Exception:  # noqa: BLE001 - the page shows a Dutch message, the log the details
            logging.getLogger(__name__).exception("preview of %s failed", dataset)
            st.error(ONVERWACHT.format(wat="De controle van het bestand", gedaan="opgeslagen"), icon=":material/error:")
            st.stop()
        balk.empty()
        st.session_state["beheer_voorbeeld"] = (sleutel, voorbeeld)
    else:
        voorbeeld = bewaard[1]
    st.subheader("Voorvertoning")
    m1, m2, m3 = st.columns(3)
    m1.metric("Nieuwe rijen", formatting.getal(voorbeeld.aantal_toegevoegd))
    m2.metric("Gewijzigde rijen", formatting.getal(len(voorbeeld.gewijzigd)))
    m3.metric("Ongewijzigd", formatting.getal(voorbeeld.ongewijzigd))
    st.caption(f"Bestand {formatting.md_escape(bestand.name)} · SHA-256 {voorbeeld.sha256}")
    if voorbeeld.problemen:
        n = len(voorbeeld.problemen)
        st.error(
            f"Dit bestand wordt niet geïmporteerd: {formatting.getal(n)} "
            f"{'probleem' if n == 1 else 'problemen'}. Er is niets opgeslagen.",
            icon=":material/error:",
        )

        # the messages as sentences (a table cuts them off, on a phone entirely); all of them as a table
        def waar(p) -> str:  # a message that names its rows itself ('rijen 3, 5: ...') needs no row
            rij = f", rij {p.rij}" if p.rij and not p.melding.startswith(("rij ", "rijen ")) else ""
            return formatting.md_escape(p.bestand + rij)

        st.markdown(
            "\n".join(
                f"- **{waar(p)}** — {formatting.md_escape(p.regel)}: {formatting.md_escape(p.melding)}"
                for p in voorbeeld.problemen[:TONEN_PROBLEMEN]
            )
            + (
                f"\n\nen nog {formatting.getal(n - TONEN_PROBLEMEN)}; alle meldingen staan in de tabel hieronder."
                if n > TONEN_PROBLEMEN
                else ""
            )
        )
        with st.expander("Alle meldingen als tabel", expanded=n > TONEN_PROBLEMEN):
            st.dataframe(
                formatting.tabel(voorbeeld.problemen_df()).rename(
                    columns={"bestand": "Bestand", "rij": "Rij", "regel": "Regel", "melding": "Melding"}
                ),
                hide_index=True,
                width="stretch",
            )
    elif not voorbeeld.geldig:
        st.info("Dit bestand bevat geen nieuwe of gewijzigde rijen; er valt niets te importeren.")
    else:
        st.success("Het bestand is gecontroleerd en kan worden geïmporteerd.", icon=":material/check_circle:")
    notities = [n for n in voorbeeld.notities if n.dataset == dataset] if voorbeeld.geldig else []
    if notities:
        st.warning(
            "Wordt opgeslagen zoals het document het geeft, met een notitie bij Datakwaliteit:\n\n"
            + "\n".join(f"- {formatting.md_escape(n.omschrijving)}" for n in notities)
        )
    if voorbeeld.aantal_toegevoegd and not voorbeeld.problemen:
        st.markdown("**Nieuwe rijen**")
        if voorbeeld.aantal_toegevoegd > TONEN:
            st.caption(
                f"De eerste {formatting.getal(TONEN)} van {formatting.getal(voorbeeld.aantal_toegevoegd)} "
                "nieuwe rijen; alle rijen worden geïmporteerd."
            )
        nieuw = voorbeeld.toegevoegd_df(TONEN)
        if voorbeeld.events is None:  # a dataset: names and words instead of codes, as on the pages
            nieuw = formatting.tabel(
                *woorden.dataset_leesbaar(queries.lezer(ui.engine()), voorbeeld.dataset, rijen=nieuw)
            )
        else:
            nieuw = formatting.tabel(nieuw)
        st.dataframe(nieuw, hide_index=True, width="stretch")
    if voorbeeld.wijzigingen and not voorbeeld.problemen:
        st.markdown("**Wijzigingen**")
        st.dataframe(
            formatting.tabel(voorbeeld.wijzigingen_df()).rename(
                columns={"sleutel": "Rij (sleutel)", "kolom": "Kolom", "oud": "Nu", "nieuw": "Wordt"}
            ),
            hide_index=True,
            width="stretch",
        )
    if st.button(
        "Importeren", key="beheer_importeren", type="primary", disabled=not voorbeeld.geldig, icon=":material/upload:"
    ):
        balk = st.progress(0.0, text="Importeren")
        try:
            batch = importers.importeren(ui.engine(), voorbeeld, bestand, gebruiker.naam, voortgang=voortgang(balk))
        except importers.ImportFout as exc:
            st.session_state["beheer_meldingen"] = [("fout", str(exc))]
        except Exception:  # noqa: BLE001 - the write rolled back; the page shows a Dutch message, the log the details
            logging.getLogger(__name__).exception("import into %s failed", dataset)
            st.session_state["beheer_meldingen"] = [("fout", ONVERWACHT.format(wat="De import", gedaan="geïmporteerd"))]
        else:
            st.session_state["beheer_meldingen"] = [
                (
                    "ok",
                    f"Import #{batch} is opgeslagen: {formatting.getal(voorbeeld.aantal_toegevoegd)} rijen "
                    f"toegevoegd, {formatting.getal(len(voorbeeld.gewijzigd))} gewijzigd. Alle pagina's tonen "
                    "nu de nieuwe cijfers.",
                )
            ]
            st.session_state["beheer_ronde"] = ronde + 1
        st.rerun()

st.header("Importgeschiedenis")
log = ui.query(queries.import_log)
if log.empty:
    st.info("Er is nog niets geïmporteerd; alle cijfers komen uit de standaarddataset.")
else:
    tonen = pd.DataFrame(
        {
            "Import": [f"#{i}" for i in log["id"]],
            "Tijdstip": [tijd(t) for t in log["tijdstip"]],
            "Door": log["gebruiker"],
            "Dataset": [keuzes.get(d, d) for d in log["dataset"]],
            "Bestand": log["bestandsnaam"],
            "SHA-256": log["sha256"],
            "Toegevoegd": [formatting.getal(v) for v in log["rijen_toegevoegd"]],
            "Gewijzigd": [formatting.getal(v) for v in log["rijen_gewijzigd"]],
            "Status": [
                "actief" if pd.isna(o) or o is None else f"ongedaan gemaakt {tijd(o)} door {d}"
                for o, d in zip(log["ongedaan_gemaakt_op"], log["ongedaan_gemaakt_door"], strict=True)
            ],
        }
    )
    st.dataframe(tonen, hide_index=True, width="stretch")
    ui.downloads(tonen, "importgeschiedenis", key="beheer_log")

    actief = log[log["ongedaan_gemaakt_op"].isna()]
    if not actief.empty:
        st.subheader("Import ongedaan maken")
        labels = {
            int(r.id): f"#{r.id} · {keuzes.get(r.dataset, r.dataset)} · {r.bestandsnaam}" for r in actief.itertuples()
        }
        keuze = st.selectbox(
            "Import",
            options=list(labels),
            format_func=lambda i: f"#{i}",
            key="beheer_ongedaan",
            bind="query-params",
            help="Alle rijen van deze import worden verwijderd of krijgen hun vorige waarde terug.",
        )
        st.caption(formatting.md_escape(labels[keuze]))
        zeker = st.checkbox("Ja, maak deze import in zijn geheel ongedaan", key="beheer_zeker")
        if st.button("Ongedaan maken", key="beheer_ongedaan_knop", disabled=not zeker, icon=":material/undo:"):
            try:
                importers.ongedaan_maken(ui.engine(), keuze, gebruiker.naam)
            except importers.ImportFout as exc:
                st.session_state["beheer_meldingen"] = [("fout", str(exc))]
            except Exception:  # noqa: BLE001 - rolled back; a Dutch message here, the details in the log
                logging.getLogger(__name__).exception("undo of import %s failed", keuze)
                st.session_state["beheer_meldingen"] = [
                    ("fout", ONVERWACHT.format(wat="Het ongedaan maken", gedaan="gewijzigd"))
                ]
            else:
                st.session_state["beheer_meldingen"] = [("ok", f"Import #{keuze} is ongedaan gemaakt.")]
            st.rerun()
