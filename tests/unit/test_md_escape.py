"""formatting.md_escape: text from a URL or an import shows literally in Streamlit's Markdown;
auth.configuratie: local beheer only for a local, direct request with the setting on."""

from __future__ import annotations

import re

import pytest

from ijmond_dash.formatting import WJ, md_escape
from ijmond_dash.ui import auth


@pytest.mark.parametrize(
    "tekst",
    [
        "[Klik](https://evil.example)",
        "![x](http://host/p.png)",
        "<img src=x onerror=alert(1)>",
        "**vet**",
        "# kop",
        "- lijst",
        "1. lijst",
        "> citaat",
        "`code`",
        ":red[rood]",
        ":material/home:",
        "$x^2$",
        "a | b",
        "~~weg~~",
        "https://evil.example",
        "www.evil.example",
        "jan@evil.example",
        "regel\n\n# kop",
        "_schuin_",
        "12) lijst",
        "+ lijst",
        "= onderstreept",
    ],
)
def test_every_markdown_construct_is_neutralised(tekst):
    uit = md_escape(tekst)
    assert "\n" not in uit
    # what opens a link, image, emphasis, code, strikethrough or formula has a backslash, HTML is
    # entities, a shortcode's colon is escaped and nothing at the start opens a block
    assert not re.search(r"(?<!\\)[\[\]*`$~]", uit), uit
    assert not re.search(r"(?<![\\\w])_|_(?!\w)", uit.replace("\\_", "")), uit
    assert not re.search(r":[\w/]+[:\\]", uit), uit  # a shortcode or :color[ is split by a joiner
    assert not re.match(r"[#>+=-]|\d+[.)]", uit), uit
    assert "<" not in uit and ">" not in uit
    # what a reader sees (escapes and entities resolved, word joiners invisible) is the text itself
    gezien = re.sub(r"\\(.)", r"\1", uit).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert gezien.replace(WJ, "") == " ".join(tekst.split())


def test_no_break_spaces_stay():
    """'€\xa0123.000' must not break between the sign and the amount; only line breaks and runs
    of ordinary spaces become one space."""
    assert md_escape("resultaat €\xa0123.000  overschot\n") == "resultaat €\xa0123.000 overschot"


def test_ordinary_text_stays_as_it_is():
    """Figures, parentheses, colons and words with underscores need no escape (and stay
    readable in the Markdown source)."""
    for tekst in (
        "Het totaal inwoners medio 2024 (150.533) is 110 lager.",
        "niet uitgesplitst: 12",
        "pwet_personen",
        "Scenario's: 2,44%",
        "Velsen - Beverwijk",
    ):
        assert md_escape(tekst) == tekst


def test_addresses_are_split_by_an_invisible_joiner():
    assert md_escape("https://x.nl") == f"https{WJ}://x.nl"
    assert WJ in md_escape("www.x.nl") and WJ in md_escape("a@b.nl")
    assert WJ not in md_escape("awww.x") and WJ not in md_escape("Velsen 2024")


@pytest.mark.parametrize(
    "server, headers, client, lokaal, beheer",
    [
        ("127.0.0.1", {}, None, True, True),
        ("localhost", {}, "127.0.0.1", True, True),
        ("127.0.0.1", {}, None, False, False),  # IJMOND_LOKAAL_BEHEER=uit
        ("0.0.0.0", {}, None, True, False),  # listens elsewhere
        ("127.0.0.1", {"X-Forwarded-For": "203.0.113.9"}, None, True, False),  # reverse proxy on this host
        ("127.0.0.1", {"forwarded": "for=1.2.3.4"}, None, True, False),
        ("127.0.0.1", {"X-Real-IP": "1.2.3.4"}, None, True, False),
        ("127.0.0.1", {"Via": "1.1 proxy"}, None, True, False),
        ("127.0.0.1", {}, "192.168.1.20", True, False),  # a client on another machine
    ],
)
def test_local_beheer_only_for_a_local_direct_request(server, headers, client, lokaal, beheer):
    t = auth.configuratie({}, server, lokaal_toegestaan=lokaal, headers=headers, client_adres=client)
    g = auth.gebruiker(t, {})
    assert g.mag_kijken and g.mag_beheren is beheer


def test_malformed_toegang_section_admits_nobody():
    t = auth.configuratie({"auth": {"x": 1}, "toegang": "iedereen"}, "127.0.0.1")
    assert not auth.gebruiker(t, {"is_logged_in": True, "email": "a@velsen.nl"}).mag_kijken
