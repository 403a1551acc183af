"""Bronnen en datakwaliteit: every dataset with its provenance, the notes, CSV downloads."""

import streamlit as st

from ijmond_dash import catalog, formatting, ui

ui.kop(
    "Bronnen en datakwaliteit",
    "Elk cijfer in dit dashboard komt uit een van de brondocumenten hieronder. Waar de stukken "
    "elkaar tegenspreken of niet optellen, staat dat hier.",
)

st.header("Brondocumenten")
st.markdown(ui.berekend(formatting.brondocumenten_markdown))

st.header("Datakwaliteit")
notities = ui.query("datakwaliteit")
st.markdown(f"**{formatting.getal(len(notities))} notities.** Bronnotities beschrijven hoe een onduidelijke "
            "bron is gelezen; 'berekend bij laden' zijn verschillen tussen een totaal en zijn delen die het "
            "document zelf bevat. Die cijfers zijn opgeslagen zoals het document ze geeft.")
st.markdown(ui.berekend(formatting.notities_markdown))
ui.downloads(notities, "datakwaliteit", key="dq")

st.header("Datasets")
st.dataframe(ui.berekend(formatting.datasets_overzicht), hide_index=True, width="stretch")
titels = {ds.name: ds.title for ds in catalog.DATASETS}
naam = st.selectbox("Dataset bekijken en downloaden", options=list(titels), format_func=titels.get, index=None,
                    placeholder="Kies een dataset", key="dataset", bind="query-params",
                    help="De link van de pagina opent dezelfde dataset.")
if naam:  # only the chosen dataset's table is built
    ds = catalog.dataset(naam)
    st.subheader(ds.title)
    st.markdown(ds.description)
    st.caption(" · ".join(f"`{c.name}`: {c.description}" + (f" ({catalog.UNIT_LABELS[c.unit]})" if c.unit else "")
                          for c in ds.columns))
    st.dataframe(ui.berekend(formatting.dataset_tabel, ds.name), hide_index=True, width="stretch")
    ui.downloads(ui.query("dataset_met_bron", ds.name), ds.name, key=f"dl_{ds.name}")
