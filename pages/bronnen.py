"""Bronnen en datakwaliteit: the documents by title and date, every data-quality note, every
dataset with its provenance, CSV/Excel downloads. File names appear only in the 'Herkomst'
detail; everything from the store is escaped before Markdown shows it."""

import pandas as pd
import streamlit as st

from ijmond_dash import formatting, ui
from ijmond_dash.analysis import woorden
from ijmond_dash.store import catalog

esc = formatting.md_escape

ui.kop(
    "Bronnen en datakwaliteit",
    "Elk cijfer in dit dashboard komt uit een van de brondocumenten hieronder. Waar de stukken "
    "elkaar tegenspreken, niet optellen of iets niet zeggen, staat dat hier.",
)

st.header("Brondocumenten")
documenten = ui.berekend(woorden.brondocumenten)
for d in documenten:
    st.markdown(f"**{esc(d['titel'])}**  \n{esc(d['datum'])} · {esc(d['soort'])} · {esc(d['organisatie'])}")
    if d["tabellen"]:
        st.caption("Gebruikt: " + "; ".join(esc(t) for t in d["tabellen"]))
herkomst = ui.uitklapvak("Herkomst: bestanden en datering", key="bronnen_herkomst_open")
if herkomst.open:  # the only place a file name is shown
    with herkomst:
        st.caption(
            "De teksten van de documenten zijn uit pdf's gehaald (deels met tekstherkenning). Hier staat "
            "welk bestand bij welk document hoort, en waar de datum op berust."
        )
        st.dataframe(
            pd.DataFrame(
                {
                    "Document": [d["titel"] for d in documenten],
                    "Datum": [d["datum"] for d in documenten],
                    "Bestand": [d["bestand"] for d in documenten],
                    "Waar de datum op berust": [d["datering"] for d in documenten],
                }
            ),
            hide_index=True,
            width="stretch",
        )

st.header("Datakwaliteit")
notities = ui.berekend(woorden.notities)
st.markdown(
    f"**{formatting.getal(len(notities))} notities.** 'Zo gelezen' zegt hoe een onduidelijke of "
    "tegenstrijdige passage is gelezen, of wat de stukken niet zeggen; 'verschil, berekend bij het "
    "inlezen' is een verschil tussen een totaal en zijn delen dat het document zelf bevat. Die cijfers "
    "staan in het dashboard zoals het document ze geeft."
)
st.markdown(ui.berekend(woorden.notities_markdown))
ui.downloads(notities, "datakwaliteit", key="dq")

st.header("Datasets")
if ui.modus() == ui.AFDRUK:  # on paper the notes fill the three sheets
    st.caption("Het overzicht van alle datasets, met hun rijen en downloads, staat op deze pagina van het dashboard.")
else:
    st.dataframe(ui.berekend(woorden.datasets_overzicht), hide_index=True, width="stretch")
titels = {ds.name: ds.title for ds in catalog.DATASETS}
naam = ui.bediening("bronnen", st.container()).selectbox(
    "Dataset bekijken en downloaden",
    options=list(titels),
    format_func=titels.get,
    index=None,
    placeholder="Kies een dataset",
    key="dataset",
    bind="query-params",
    help="De link van de pagina opent dezelfde dataset.",
)
if naam:  # only the chosen dataset's table is built
    ds = catalog.dataset(naam)
    st.subheader(ds.title)
    st.markdown(esc(ds.description))
    st.caption(
        " · ".join(
            f"**{esc(c.kop)}**: {esc(c.description)}"
            + (f" ({esc(catalog.UNIT_LABELS[c.unit])})" if c.unit and c.unit != "jaartal" else "")
            for c in ds.columns
            if not c.technisch
        )
        + " · De download bevat ook de codes (kolommen '… (code)')."
    )
    st.dataframe(ui.berekend(woorden.dataset_tabel, ds.name), hide_index=True, width="stretch")
    ui.downloads(ui.berekend(woorden.dataset_download, ds.name), ds.name, key=f"dl_{ds.name}")
