"""IJmond Werkt! dashboard: navigation and shell only. Start with `streamlit run app.py`."""

import streamlit as st

from ijmond_dash import geheugen, voorladen

geheugen.start()  # once per process: ended sessions leave memory when their TTL is up
# Before anything slow: the browser starts loading the chart library now, while this run
# imports pandas and SQLAlchemy and reads the store (a cold start draws its first chart
# about a second sooner; ijmond_dash/voorladen.py).
voorladen.plotly()

from ijmond_dash import ui  # noqa: E402 - after the preload on purpose

ui.begin()  # a fresh per-run memo (ui.per_run)
st.set_page_config(page_title="IJmond Werkt! dashboard", page_icon=ui.ICON, layout="wide")
# Access first: with [auth] configured nothing below runs (no page, no query) until the
# user is logged in and on an allow-list (ijmond_dash/auth.py, docs/DEPLOYMENT.md).
gebruiker = ui.toegangspoort()

# st.Page objects are made here, on every run, from the static specs in ui.PAGES: a page
# object belongs to this script run and is never shared with other sessions.
navigation = st.navigation({
    groep: [st.Page(s.path, title=s.title, icon=s.icon, default=s.default) for s in specs]
    for groep, specs in ui.navigatie(gebruiker.mag_beheren).items()  # Beheer last, beheerders only
})
ui.shell()
navigation.run()
ui.afronden()
