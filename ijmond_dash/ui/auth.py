"""Who may see what: roles from configuration (pure, no Streamlit).

Two situations:

* Laptop default — no ``[auth]`` section in ``.streamlit/secrets.toml``. There is no login;
  everyone who reaches the app may view it. The person at this machine is the *lokale
  beheerder* (imports allowed) only when all of these hold: the setting
  ``IJMOND_LOKAAL_BEHEER`` is on (the default), the server listens on a loopback address
  (``.streamlit/config.toml``: 127.0.0.1), the request comes from a loopback address, and it
  did not pass a proxy (no ``X-Forwarded-For``/``Forwarded``/``X-Real-IP`` header: a reverse
  proxy on the same host would otherwise make every visitor "local"). Otherwise nobody is
  beheerder without login (a shared server must configure login).
* Shared server — ``[auth]`` is configured (Streamlit's OIDC login, e.g. Entra ID). Every
  page requires login. Authorisation is ours, from the ``[toegang]`` section::

      [toegang]
      kijkers = ["@velsen.nl", "@beverwijk.nl", "j.jansen@ijmondwerkt.nl"]
      beheerders = ["beheer@ijmondwerkt.nl"]

  An entry starting with ``@`` (or without ``@``) is a whole e-mail domain, anything else
  is one address; matching ignores case. A beheerder may also view. A logged-in user on
  neither list gets no role and sees no data. Without a ``[toegang]`` section nobody is
  let in (secure default).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Rol = Literal["beheerder", "kijker", "geen"]

LOKAAL = "lokale beheerder"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
# Headers a (reverse) proxy adds: a request that carries one did not come from this machine's user.
PROXY_HEADERS = (
    "x-forwarded-for",
    "forwarded",
    "x-real-ip",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-forwarded-server",
    "via",
)


@dataclass(frozen=True)
class Toegang:
    """The access configuration of this deployment."""

    login_vereist: bool
    kijkers: tuple[str, ...] = ()
    beheerders: tuple[str, ...] = ()
    lokaal_beheer: bool = False  # laptop mode: the one local user may import


@dataclass(frozen=True)
class Gebruiker:
    naam: str  # e-mail address, or LOKAAL / "anoniem"
    rol: Rol
    ingelogd: bool

    @property
    def mag_kijken(self) -> bool:
        return self.rol in ("kijker", "beheerder")

    @property
    def mag_beheren(self) -> bool:
        return self.rol == "beheerder"


def _lijst(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    return tuple(s.strip().lower() for s in value if str(s).strip())


def is_loopback(address: str | None) -> bool:
    return bool(address) and address.strip().lower() in LOOPBACK


def via_proxy(headers: Mapping[str, str] | Iterable[str]) -> bool:
    """Did the request pass a proxy (one of ``PROXY_HEADERS`` present)?"""
    namen = headers.keys() if isinstance(headers, Mapping) else headers
    return any(str(n).strip().lower() in PROXY_HEADERS for n in namen)


def configuratie(
    secrets: Mapping,
    server_address: str | None,
    lokaal_toegestaan: bool = True,
    headers: Mapping[str, str] | Iterable[str] = (),
    client_adres: str | None = None,
) -> Toegang:
    """The access configuration from the secrets (``[auth]``, ``[toegang]``), the listen address,
    the setting IJMOND_LOKAAL_BEHEER (``lokaal_toegestaan``) and the request: its headers and
    the client's address (None: a loopback client, as ``st.context.ip_address`` reports it)."""
    auth = secrets.get("auth") if hasattr(secrets, "get") else None
    if not auth:
        lokaal = (
            lokaal_toegestaan
            and is_loopback(server_address)
            and not via_proxy(headers)
            and (client_adres is None or is_loopback(client_adres))
        )
        return Toegang(login_vereist=False, lokaal_beheer=lokaal)
    toegang = secrets.get("toegang") or {}
    if not isinstance(toegang, Mapping):  # a malformed section admits nobody
        toegang = {}
    return Toegang(
        login_vereist=True,
        kijkers=_lijst(toegang.get("kijkers")),
        beheerders=_lijst(toegang.get("beheerders")),
    )


def past(email: str, entries: Iterable[str]) -> bool:
    """Is ``email`` one of the addresses, or in one of the domains, of ``entries``?"""
    email = (email or "").strip().lower()
    if email.count("@") != 1:
        return False
    local, domain = email.split("@")
    if not local or not domain:
        return False
    for entry in entries:
        entry = entry.strip().lower()
        if not entry:
            continue
        if entry.startswith("@") or "@" not in entry:
            if domain == entry.lstrip("@"):
                return True
        elif email == entry:
            return True
    return False


def email_van(user: Mapping) -> str:
    """The e-mail claim of an OIDC user (Entra ID may only give preferred_username/upn)."""
    for claim in ("email", "preferred_username", "upn"):
        value = user.get(claim)
        if isinstance(value, str) and "@" in value:
            return value.strip()
    return ""


def gebruiker(toegang: Toegang, user: Mapping) -> Gebruiker:
    """The role of the current user under ``toegang``; ``user`` is what ``st.user`` holds."""
    if not toegang.login_vereist:
        return Gebruiker(
            LOKAAL if toegang.lokaal_beheer else "anoniem",
            "beheerder" if toegang.lokaal_beheer else "kijker",
            ingelogd=False,
        )
    if user.get("is_logged_in") is not True:
        return Gebruiker("anoniem", "geen", ingelogd=False)
    email = email_van(user)
    if user.get("email_verified") is False:  # only when the provider says it explicitly
        return Gebruiker(email or "onbekend", "geen", ingelogd=True)
    if past(email, toegang.beheerders):
        return Gebruiker(email, "beheerder", ingelogd=True)
    if past(email, toegang.kijkers):
        return Gebruiker(email, "kijker", ingelogd=True)
    return Gebruiker(email or "onbekend", "geen", ingelogd=True)
