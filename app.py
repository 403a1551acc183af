"""IJmond Werkt! dashboard: navigation and shell only. Start with `streamlit run app.py`."""

import streamlit as st

from ijmond_dash import ui

st.set_page_config(page_title="IJmond Werkt! dashboard", page_icon=":material/insights:", layout="wide")
# Access first: with [auth] configured nothing below runs (no page, no query) until the
# user is logged in and on an allow-list (ijmond_dash/auth.py, docs/DEPLOYMENT.md).
gebruiker = ui.toegangspoort()

ui.PAGES.update(
    overzicht=st.Page("pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
    bronnen=st.Page("pages/bronnen.py", title="Bronnen en datakwaliteit", icon=":material/menu_book:"),
    cijfers=st.Page("pages/cijfers.py", title="IJmond Werkt! in cijfers", icon=":material/monitoring:"),
    uitkeringen=st.Page("pages/uitkeringen.py", title="Uitkeringen per gemeente", icon=":material/groups:"),
    aanmeldingen=st.Page("pages/aanmeldingen.py", title="Aanmeldingen-trend", icon=":material/trending_down:"),
    fasen=st.Page("pages/fasen.py", title="Fasen re-integratie", icon=":material/account_tree:"),
    scenario=st.Page("pages/scenario.py", title="Scenario's herontwerp", icon=":material/alt_route:"),
)

if gebruiker.mag_beheren:
    ui.PAGES["beheer"] = st.Page("pages/beheer.py", title="Gegevens beheren", icon=":material/upload_file:")

navigation = st.navigation(
    {
        "Dashboard": [ui.PAGES["overzicht"], ui.PAGES["uitkeringen"], ui.PAGES["aanmeldingen"], ui.PAGES["cijfers"],
                      ui.PAGES["fasen"]],
        "Herontwerp": [ui.PAGES["scenario"]],
        "Verantwoording": [ui.PAGES["bronnen"]],
        **({"Beheer": [ui.PAGES["beheer"]]} if gebruiker.mag_beheren else {}),  # last group, beheerders only
    }
)
ui.shell()
navigation.run()
ui.afronden()
