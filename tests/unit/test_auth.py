"""Roles from configuration: allow-lists of addresses and domains, laptop default, secure default."""

from __future__ import annotations

import pytest

from ijmond_dash.ui import auth

AUTH = {
    "redirect_uri": "https://dash.example.nl/oauth2callback",
    "cookie_secret": "x",
    "client_id": "x",
    "client_secret": "x",
    "server_metadata_url": "https://login.example.nl/.well-known/openid-configuration",
}
SECRETS = {
    "auth": AUTH,
    "toegang": {
        "kijkers": ["@velsen.nl", "beverwijk.nl", "J.Jansen@IJmondWerkt.nl"],
        "beheerders": ["beheer@ijmondwerkt.nl"],
    },
}


def user(email, **extra):
    return {"is_logged_in": True, "email": email, **extra}


def test_laptop_default_is_local_beheerder_only_on_loopback():
    for address in ("127.0.0.1", "localhost", "::1"):
        t = auth.configuratie({}, address)
        g = auth.gebruiker(t, {})
        assert not t.login_vereist and g.mag_kijken and g.mag_beheren and g.naam == auth.LOKAAL
    g = auth.gebruiker(auth.configuratie({}, "0.0.0.0"), {})
    assert g.mag_kijken and not g.mag_beheren
    assert not auth.gebruiker(auth.configuratie({}, None), {}).mag_beheren


@pytest.mark.parametrize(
    "email, rol",
    [
        ("beheer@ijmondwerkt.nl", "beheerder"),
        ("BEHEER@ijmondwerkt.nl", "beheerder"),
        ("a.de.vries@velsen.nl", "kijker"),
        ("x@beverwijk.nl", "kijker"),
        ("j.jansen@ijmondwerkt.nl", "kijker"),
        ("p.pietersen@ijmondwerkt.nl", "geen"),
        ("x@subdomein.velsen.nl", "geen"),
        ("x@velsen.nl.evil.com", "geen"),
        ("velsen.nl", "geen"),
        ("", "geen"),
    ],
)
def test_roles_by_address_and_domain(email, rol):
    t = auth.configuratie(SECRETS, "0.0.0.0")
    assert t.login_vereist
    assert auth.gebruiker(t, user(email)).rol == rol


def test_not_logged_in_or_unverified_gets_nothing():
    t = auth.configuratie(SECRETS, "127.0.0.1")  # loopback does not matter once [auth] is set
    assert auth.gebruiker(t, {"is_logged_in": False}).rol == "geen"
    assert auth.gebruiker(t, {"email": "beheer@ijmondwerkt.nl"}).rol == "geen"  # no is_logged_in claim
    assert auth.gebruiker(t, user("beheer@ijmondwerkt.nl", email_verified=False)).rol == "geen"


def test_entra_preferred_username_is_used_when_email_is_missing():
    t = auth.configuratie(SECRETS, "0.0.0.0")
    g = auth.gebruiker(t, {"is_logged_in": True, "preferred_username": "beheer@ijmondwerkt.nl"})
    assert g.rol == "beheerder" and g.naam == "beheer@ijmondwerkt.nl"


def test_auth_without_toegang_lets_nobody_in():
    t = auth.configuratie({"auth": AUTH}, "0.0.0.0")
    assert auth.gebruiker(t, user("beheer@ijmondwerkt.nl")).rol == "geen"


def test_list_given_as_one_string():
    t = auth.configuratie({"auth": AUTH, "toegang": {"kijkers": "@velsen.nl; @heemskerk.nl"}}, None)
    assert auth.gebruiker(t, user("a@heemskerk.nl")).rol == "kijker"


# ---------------------------------------------------------------- every outcome, whole (issue 20: mutation testing)

from ijmond_dash.ui.auth import Gebruiker, Toegang  # noqa: E402

LOGIN = Toegang(login_vereist=True, kijkers=("@velsen.nl",), beheerders=("beheer@ijmondwerkt.nl",))


@pytest.mark.parametrize(
    "toegang, user, verwacht",
    [
        (Toegang(login_vereist=False, lokaal_beheer=True), {}, Gebruiker("lokale beheerder", "beheerder", False)),
        (Toegang(login_vereist=False), {}, Gebruiker("anoniem", "kijker", False)),
        (LOGIN, {"is_logged_in": False, "email": "beheer@ijmondwerkt.nl"}, Gebruiker("anoniem", "geen", False)),
        (
            LOGIN,
            {"is_logged_in": True, "email": "beheer@ijmondwerkt.nl", "email_verified": False},
            Gebruiker("beheer@ijmondwerkt.nl", "geen", True),
        ),
        (LOGIN, {"is_logged_in": True, "email_verified": False}, Gebruiker("onbekend", "geen", True)),
        (
            LOGIN,
            {"is_logged_in": True, "email": "Beheer@IJmondWerkt.nl"},
            Gebruiker("Beheer@IJmondWerkt.nl", "beheerder", True),
        ),
        (
            LOGIN,
            {"is_logged_in": True, "email": "a.de.vries@velsen.nl"},
            Gebruiker("a.de.vries@velsen.nl", "kijker", True),
        ),
        (LOGIN, {"is_logged_in": True, "email": "iemand@example.com"}, Gebruiker("iemand@example.com", "geen", True)),
        (LOGIN, {"is_logged_in": True}, Gebruiker("onbekend", "geen", True)),
        (LOGIN, {"is_logged_in": True, "upn": "x@velsen.nl"}, Gebruiker("x@velsen.nl", "kijker", True)),
    ],
)
def test_gebruiker_every_outcome(toegang, user, verwacht):
    g = auth.gebruiker(toegang, user)
    assert g == verwacht and g.ingelogd is verwacht.ingelogd


@pytest.mark.parametrize(
    "secrets, adres, headers, client, verwacht",
    [
        ({}, "127.0.0.1", {}, None, Toegang(login_vereist=False, lokaal_beheer=True)),
        ({}, "127.0.0.1", {}, "127.0.0.1", Toegang(login_vereist=False, lokaal_beheer=True)),
        ({}, "127.0.0.1", {}, "192.168.1.5", Toegang(login_vereist=False, lokaal_beheer=False)),
        ({}, "127.0.0.1", {"Host": "127.0.0.1:8501", "User-Agent": "x"}, None, Toegang(False, lokaal_beheer=True)),
        ({}, "127.0.0.1", {"X-Forwarded-For": "203.0.113.9"}, None, Toegang(login_vereist=False, lokaal_beheer=False)),
        ({}, "127.0.0.1", ["Via"], None, Toegang(login_vereist=False, lokaal_beheer=False)),
        ((), "127.0.0.1", {}, None, Toegang(login_vereist=False, lokaal_beheer=True)),  # no mapping: no [auth]
        ({"auth": {"client_id": "x"}, "toegang": "kapot"}, "0.0.0.0", {}, None, Toegang(login_vereist=True)),
        (
            {
                "auth": {"client_id": "x"},
                "toegang": {"kijkers": "A@X.nl; @Velsen.nl,,", "beheerders": [" B@y.nl ", ""]},
            },
            "0.0.0.0",
            {},
            None,
            Toegang(True, kijkers=("a@x.nl", "@velsen.nl"), beheerders=("b@y.nl",)),
        ),
    ],
)
def test_configuratie_every_outcome(secrets, adres, headers, client, verwacht):
    t = auth.configuratie(secrets, adres, headers=headers, client_adres=client)
    assert t == verwacht and t.login_vereist is verwacht.login_vereist


@pytest.mark.parametrize(
    "email, entries, ok",
    [
        ("@velsen.nl", ["@velsen.nl", "velsen.nl"], False),  # no local part
        ("a@", ["a@"], False),
        ("a@b@velsen.nl", ["@velsen.nl"], False),
        (None, ["@velsen.nl"], False),
        ("a@velsen.nl", ["", "  ", "@velsen.nl"], True),  # empty entries are skipped, not the end
        ("a@velsen.nl", ["velsen.nl"], True),
        ("a@velsen.nl", ["b@velsen.nl"], False),
        ("A@Velsen.nl", ["a@velsen.nl"], True),
    ],
)
def test_past_edges(email, entries, ok):
    assert auth.past(email, entries) is ok


def test_email_van_takes_the_first_claim_with_an_address():
    assert auth.email_van({"upn": " a@velsen.nl "}) == "a@velsen.nl"
    assert auth.email_van({"email": "geen adres", "preferred_username": "b@velsen.nl"}) == "b@velsen.nl"
    assert auth.email_van({}) == ""
