"""Roles from configuration: allow-lists of addresses and domains, laptop default, secure default."""

from __future__ import annotations

import pytest

from ijmond_dash.ui import auth

AUTH = {"redirect_uri": "https://dash.example.nl/oauth2callback", "cookie_secret": "x", "client_id": "x",
        "client_secret": "x", "server_metadata_url": "https://login.example.nl/.well-known/openid-configuration"}
SECRETS = {"auth": AUTH, "toegang": {"kijkers": ["@velsen.nl", "beverwijk.nl", "J.Jansen@IJmondWerkt.nl"],
                                     "beheerders": ["beheer@ijmondwerkt.nl"]}}


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


@pytest.mark.parametrize("email, rol", [
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
])
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
