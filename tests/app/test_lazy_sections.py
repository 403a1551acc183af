"""Tables under the charts are formatted and sent only while their section is open; a link
keeps a section open."""

from __future__ import annotations

import pytest

from ijmond_dash import formatting

from . import helpers, test_aanmeldingen, test_uitkeringen
from .helpers import figures, no_exception


@pytest.mark.parametrize("module", [test_uitkeringen, test_aanmeldingen], ids=["uitkeringen", "aanmeldingen"])
def test_closed_table_sections_build_no_table(app_env, monkeypatch, module):
    calls = []
    real = formatting.tabel
    monkeypatch.setattr(formatting, "tabel", lambda *a, **k: calls.append(1) or real(*a, **k))
    at = module.open_page(tabellen=False)
    no_exception(at)
    tabel_knoppen = [b for b in at.get("download_button") if "ijw_handout" not in b.proto.id]  # not the handout
    assert not at.dataframe and not tabel_knoppen and calls == []
    assert figures(at)  # the charts are there
    at = helpers.open_page(module.PAGE, module.TABELLEN_OPEN)
    assert len(at.dataframe) == len(module.TABELLEN_OPEN) == len(calls)
    assert all(f"{k}=true" in at.code[0].value for k in module.TABELLEN_OPEN)
