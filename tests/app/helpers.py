"""Helpers for AppTest: run a page, read what it shows."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from pathlib import Path

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run_page(page: str | None = None, query_params: dict | None = None, timeout: float = 60,
             secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    if query_params:
        at.query_params.update(query_params)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def figures(at: AppTest) -> list[dict]:
    """Every Plotly figure on the page as its JSON spec."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def markdown_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [h.value for h in at.header] + [s.value for s in at.subheader]
    parts += [i.value for i in at.info] + [w.value for w in at.warning] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)
