"""IJmond Werkt! dashboard: navigation and shell only. Start with `streamlit run app.py`."""

import streamlit as st

from ijmond_dash.server import beurten, geheugen, voorladen

geheugen.start()  # once per process: ended sessions leave memory when their TTL is up
# Before anything slow: the browser starts loading the chart library now, while this run
# imports pandas and SQLAlchemy and reads the store (a cold start draws its first chart
# about a second sooner; ijmond_dash/server/voorladen.py).
voorladen.plotly()

# The rest takes turns with the other sessions' runs (a few at once; ijmond_dash/server/beurten.py):
# in a burst each run finishes when its own work is done, and memory holds a few runs' work.
with beurten.beurt():
    from ijmond_dash import ui  # noqa: E402 - after the preload on purpose

    ui.begin()  # a fresh per-run memo (ui.per_run)
    st.set_page_config(page_title="IJmond Werkt! dashboard", page_icon=ui.ICON_URL, layout="wide")
    # Access first: with [auth] configured nothing below runs (no page, no query) until the
    # user is logged in and on an allow-list (ijmond_dash/ui/auth.py, docs/DEPLOYMENT.md).
    gebruiker = ui.toegangspoort()

    # st.Page objects from the static specs in ui.PAGES, made once per session and never shared
    # with other sessions; Beheer last, for beheerders only.
    navigation = st.navigation(ui.pagina_objecten(gebruiker.mag_beheren))
    ui.shell()
    navigation.run()
    ui.afronden()
