"""Bronnen en datakwaliteit: every dataset with its provenance, the notes, CSV downloads."""

import streamlit as st

from ijmond_dash import catalog, formatting, ui

ui.kop(
    "Bronnen en datakwaliteit",
    "Elk cijfer in dit dashboard komt uit een van de brondocumenten hieronder. Waar de stukken "
    "elkaar tegenspreken of niet optellen, staat dat hier.",
)

st.header("Brondocumenten")
bronnen = ui.query("bronnen")
for document, tabellen in bronnen.groupby("document")["tabel"]:
    st.markdown(f"**{document}** — " + "; ".join(tabellen))

st.header("Datakwaliteit")
notities = ui.query("datakwaliteit")
st.markdown(f"**{formatting.getal(len(notities))} notities.** Bronnotities beschrijven hoe een onduidelijke "
            "bron is gelezen; 'berekend bij laden' zijn verschillen tussen een totaal en zijn delen die het "
            "document zelf bevat. Die cijfers zijn opgeslagen zoals het document ze geeft.")
titels = {ds.name: ds.title for ds in catalog.DATASETS}
for naam, groep in notities.groupby("dataset", sort=False):
    st.markdown(f"**{titels.get(naam, naam)}**")
    st.markdown("\n".join(f"- {r.omschrijving} _({r.soort}; bron {r.bron})_" for r in groep.itertuples()))
ui.downloads(notities, "datakwaliteit", key="dq")

st.header("Datasets")
for groep in dict.fromkeys(ds.group for ds in catalog.DATASETS):
    st.subheader(groep)
    for ds in (d for d in catalog.DATASETS if d.group == groep):
        df = ui.query("dataset_met_bron", ds.name)
        with st.expander(f"{ds.title} — {formatting.getal(len(df))} rijen"):
            st.markdown(ds.description)
            kolommen = " · ".join(
                f"`{c.name}`: {c.description}" + (f" ({catalog.UNIT_LABELS[c.unit]})" if c.unit else "")
                for c in ds.columns
            )
            st.caption(kolommen)
            st.dataframe(formatting.tabel(df, {c.name: c.unit for c in ds.columns}), hide_index=True,
                         width="stretch")
            ui.downloads(df, ds.name, key=f"dl_{ds.name}")
