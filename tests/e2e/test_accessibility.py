"""Accessibility: axe-core (tests/e2e/node_modules, pinned in package.json) on every page of
the navigation, normal and in presentation mode. A violation of impact "serious" or
"critical" fails the test, with the rule, the help text and the offending elements."""

from __future__ import annotations

import pytest

from .browser import nav_links, open_page, page_url

pytestmark = pytest.mark.e2e

FAILING_IMPACTS = ("serious", "critical")

# Streamlit's own sidebar navigation with sections (st.navigation with a dict) renders
# <ul data-testid="stSidebarNavItems"> with <div> section wrappers between the <ul> and its
# <li> items: axe "list"/"listitem". That markup is Streamlit's frontend, not this app's, and
# nothing in the app can change it; such nodes are not counted. Every other node of these
# rules, and every other rule, counts.
UPSTREAM_NAV_RULES = ("list", "listitem")

AXE_RUN_JS = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => {
        const el = n.target.length === 1 ? document.querySelector(n.target[0]) : null;
        return {target: n.target.join(' '), html: n.html.slice(0, 200),
                summary: (n.failureSummary || '').slice(0, 300),
                in_nav: !!(el && el.closest("[data-testid='stSidebarNavItems']"))};
      })}));
}"""


def axe_violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    return page.evaluate(AXE_RUN_JS)


def describe(where: str, v: dict) -> str:
    nodes = "; ".join(f"{n['target']} {n['html']!r} ({n['summary']})" for n in v["nodes"][:5])
    more = f" … and {len(v['nodes']) - 5} more" if len(v["nodes"]) > 5 else ""
    return f"{where}: [{v['impact']}] {v['id']}: {v['help']} — {nodes}{more}"


def test_no_serious_or_critical_axe_violations(sqlite_server, page, axe_source):
    open_page(page, sqlite_server.base_url)
    paths = nav_links(page)
    assert paths
    problems = []
    for path in paths:
        for query, mode in (("", ""), ("presentatie=1", " (presentatie)")):
            open_page(page, page_url(sqlite_server.base_url, path, query))
            for v in axe_violations(page, axe_source):
                if v["id"] in UPSTREAM_NAV_RULES:
                    v["nodes"] = [n for n in v["nodes"] if not n["in_nav"]]
                if v["impact"] in FAILING_IMPACTS and v["nodes"]:
                    problems.append(describe(f"/{path}{mode}", v))
    assert not problems, "\n".join(problems)
