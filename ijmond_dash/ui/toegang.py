"""Access: who the user is, which role, the login gate and the 'no access' page."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from ijmond_dash import settings
from ijmond_dash.ui import auth
from ijmond_dash.ui.memo import per_run

_LOG = logging.getLogger(__name__)


def _vereis_toegang() -> None:
    if not gebruiker().mag_kijken:
        _geweigerd()
        st.stop()


class ToegangOnleesbaar(RuntimeError):
    """The secrets file exists but cannot be read: nobody gets in until it can."""


TOEGANG_ONLEESBAAR = (
    "De toegangsinstellingen van deze server (secrets.toml) kunnen niet worden gelezen. "
    "Het dashboard blijft dicht tot ze in orde zijn; vraag de beheerder van de server het bestand "
    "te herstellen."
)


_GEMELD: set[tuple[str, str]] = set()  # (file, error) already logged by this process


def _secrets() -> dict:
    """The [auth] and [toegang] sections; {} when there is no secrets file at all (the laptop
    default). A file that exists but does not read raises ``ToegangOnleesbaar`` (fail closed)
    and is logged once per process with its path."""
    try:
        return {k: st.secrets[k] for k in ("auth", "toegang") if k in st.secrets}
    except Exception as exc:  # noqa: BLE001 - Streamlit raises its own types for a missing or broken file
        bestanden = [Path(p) for p in st.get_option("secrets.files")]
        aanwezig = [p for p in bestanden if p.exists()]
        if not aanwezig and isinstance(exc, FileNotFoundError):
            return {}
        sleutel = (", ".join(str(p) for p in aanwezig), str(exc))
        if sleutel not in _GEMELD:
            _GEMELD.add(sleutel)
            _LOG.error("Access configuration %s cannot be read; every page stays closed: %s", sleutel[0], exc)
        raise ToegangOnleesbaar(sleutel[0]) from exc


def _verzoek() -> tuple[dict[str, str], str | None]:
    """This request's headers and its client's address (None for a loopback client, as
    st.context.ip_address reports it; AppTest, which has no client, gives a stand-in object)."""
    try:
        headers, adres = dict(st.context.headers), st.context.ip_address
    except Exception:  # noqa: BLE001 - no session context: nothing says it came from elsewhere
        return {}, None
    return headers, adres if isinstance(adres, str) else None


def toegang_configuratie() -> auth.Toegang:
    """This deployment's access configuration for the current request (``auth.configuratie``)."""
    try:
        lokaal = settings.lokaal_beheer()
    except settings.OngeldigeInstelling:
        lokaal = False  # engine() stops the run with the message
    headers, adres = _verzoek()
    return auth.configuratie(
        _secrets(), st.get_option("server.address"), lokaal_toegestaan=lokaal, headers=headers, client_adres=adres
    )


def _gebruiker_nu() -> auth.Gebruiker:
    try:
        toegang = toegang_configuratie()
    except ToegangOnleesbaar:
        st.session_state["ijw_toegangsfout"] = True
        return auth.Gebruiker("onbekend", "geen", ingelogd=False)
    st.session_state.pop("ijw_toegangsfout", None)
    try:
        user = st.user.to_dict()
    except Exception:  # noqa: BLE001 - no session context
        user = {}
    return auth.gebruiker(toegang, user)


def gebruiker() -> auth.Gebruiker:
    """The current user and role (laptop default: the local beheerder); decided once per run."""
    return per_run("gebruiker", _gebruiker_nu)


def _inloggen() -> None:
    try:
        st.login()
    except Exception:  # noqa: BLE001 - a misconfigured [auth] section
        st.session_state["ijw_loginfout"] = True


def _geweigerd() -> None:
    """The only page a user without access gets: login, or a clear 'no access' message."""
    g = gebruiker()
    st.title("IJmond Werkt! dashboard")
    if st.session_state.get("ijw_toegangsfout"):
        st.error(TOEGANG_ONLEESBAAR, icon=":material/lock:")
    elif not g.ingelogd:
        st.markdown(
            "<p class='ijw-boodschap'>Log in met je account van de organisatie om het dashboard te bekijken.</p>",
            unsafe_allow_html=True,
        )
        st.button("Inloggen", key="ijw_inloggen", on_click=_inloggen, type="primary", icon=":material/login:")
        if st.session_state.get("ijw_loginfout"):
            st.error("Inloggen is op deze server niet goed ingesteld. Neem contact op met de beheerder.")
    else:
        st.error(
            f"Je bent ingelogd als {g.naam}, maar dit account heeft geen toegang tot het dashboard. "
            "Vraag de beheerder van het dashboard om toegang.",
            icon=":material/block:",
        )
        st.button("Uitloggen", key="ijw_uitloggen", on_click=st.logout, icon=":material/logout:")


def toegangspoort() -> auth.Gebruiker:
    """Check access before any page runs and before any data is read; stop when denied.

    A denied user gets a navigation with one hidden page (login or the 'no access'
    message), so whatever page the link asked for, only that page runs.
    """
    g = gebruiker()
    if g.mag_kijken:
        if g.ingelogd:
            st.sidebar.caption(f"Ingelogd als {g.naam} ({g.rol}).")
            st.sidebar.button("Uitloggen", key="ijw_uitloggen", on_click=st.logout, icon=":material/logout:")
        return g
    st.navigation([st.Page(_geweigerd, title="Inloggen", url_path="inloggen", default=True)], position="hidden").run()
    st.stop()
    return g  # pragma: no cover - st.stop() raises


def vereis_beheerder() -> auth.Gebruiker:
    """For pages that change data: stop with a Dutch message unless the user is beheerder."""
    _vereis_toegang()
    g = gebruiker()
    if not g.mag_beheren:
        st.error("Alleen beheerders kunnen gegevens beheren.", icon=":material/block:")
        st.stop()
    return g
