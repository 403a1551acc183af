"""IJmond Werkt! dashboard: navigation and shell only. Start with `streamlit run app.py`."""

import streamlit as st

from ijmond_dash import ui

st.set_page_config(page_title="IJmond Werkt! dashboard", page_icon=":material/insights:", layout="wide")

ui.PAGES.update(
    overzicht=st.Page("pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
    bronnen=st.Page("pages/bronnen.py", title="Bronnen en datakwaliteit", icon=":material/menu_book:"),
)

navigation = st.navigation(
    {
        "Dashboard": [ui.PAGES["overzicht"]],
        "Verantwoording": [ui.PAGES["bronnen"]],
    }
)
ui.shell()
navigation.run()
