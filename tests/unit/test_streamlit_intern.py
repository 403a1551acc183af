"""One test per Streamlit internal the app uses (ijmond_dash/server/streamlit_intern.py), run against the
installed Streamlit: an upgrade that moves or renames one fails here. And no other module of the
app reaches into Streamlit's internals."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ijmond_dash.server import streamlit_intern

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- sessions of the server


def test_outside_a_server_there_is_no_runtime():
    assert streamlit_intern.runtime_loop_and_sessions() is None


class _Client:
    """A SessionClient that drops every message (no browser)."""

    def write_forward_msg(self, msg):
        pass


@pytest.fixture
def runtime(tmp_path):
    """A real Streamlit runtime in this process (as ``streamlit run`` makes one), started on
    its own event loop; removed afterwards so nothing else sees it."""
    from streamlit import config
    from streamlit.runtime import Runtime, RuntimeConfig
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.runtime.memory_session_storage import MemorySessionStorage
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    script = tmp_path / "app.py"
    script.write_text("import streamlit as st\nst.write('x')\n")
    before = config.get_option("server.fileWatcherType")
    config.set_option("server.fileWatcherType", "none")
    rt = Runtime(
        RuntimeConfig(
            script_path=str(script),
            media_file_storage=MemoryMediaFileStorage("/media"),
            uploaded_file_manager=MemoryUploadedFileManager("/_stcore/upload_file"),
            session_storage=MemorySessionStorage(ttl_seconds=0),
        )
    )
    try:
        yield rt
    finally:
        Runtime._instance = None  # noqa: SLF001 - the singleton, as Streamlit's own tests reset it
        config.set_option("server.fileWatcherType", before)


def test_the_running_server_gives_its_loop_and_session_manager_and_expired_sessions(runtime):
    """runtime_loop_and_sessions and expire_disconnected_sessions on a real runtime: a
    disconnected session whose TTL (0 s here) passed is taken out of Streamlit's storage, which
    Streamlit itself would only do at the next disconnect."""
    from streamlit.runtime.session_manager import SessionInfo

    async def scenario():
        await runtime.start()
        loop, mgr = streamlit_intern.runtime_loop_and_sessions()
        assert loop is asyncio.get_running_loop()
        assert mgr is runtime._session_mgr  # noqa: SLF001
        sid = runtime.connect_session(client=_Client(), user_info={})
        runtime.disconnect_session(sid)
        await asyncio.sleep(0.02)  # the TTL (0 s) passes
        assert mgr.list_sessions() == []  # expired: Streamlit no longer lists it ...
        assert len(mgr._session_storage._cache._data) == 1  # noqa: SLF001 - ... but keeps it
        weg = streamlit_intern.expire_disconnected_sessions(mgr)
        assert [type(i) for i in weg] == [SessionInfo] and weg[0].session.id == sid
        assert len(mgr._session_storage._cache._data) == 0  # noqa: SLF001
        assert streamlit_intern.expire_disconnected_sessions(mgr) == []
        weg[0].session.shutdown()
        runtime.stop()
        await runtime.stopped

    # in a thread of its own: a Playwright browser earlier in the session keeps a loop running here
    uitkomst: dict = {}

    def in_thread():
        try:
            asyncio.run(scenario())
            uitkomst["ok"] = True
        except BaseException as exc:  # noqa: BLE001 - raised again in the test's thread
            uitkomst["fout"] = exc

    t = threading.Thread(target=in_thread)
    t.start()
    t.join(60)
    if "fout" in uitkomst:
        raise uitkomst["fout"]
    assert uitkomst.get("ok"), "the scenario did not finish"


# ---------------------------------------------------------------- pages/ mode


def test_the_pages_directory_flag_is_read_and_left():
    from streamlit.runtime.pages_manager import PagesManager

    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = True
        assert streamlit_intern.uses_pages_directory() is True
        streamlit_intern.leave_pages_directory()
        assert PagesManager.uses_pages_directory is False
        assert streamlit_intern.uses_pages_directory() is False
    finally:
        PagesManager.uses_pages_directory = before


@pytest.mark.parametrize("met_pages", [True, False])
def test_streamlit_still_decides_the_pages_directory_mode_with_that_flag(tmp_path, monkeypatch, met_pages):
    """The flag is what Streamlit reads: unset, a new PagesManager sets it from the existence of
    pages/ next to the main script; once set (as leave_pages_directory does) it stays."""
    from streamlit.runtime.pages_manager import PagesManager

    main = tmp_path / "app.py"
    main.write_text("")
    if met_pages:
        (tmp_path / "pages").mkdir()
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    PagesManager(str(main), setup_watcher=False)
    assert streamlit_intern.uses_pages_directory() is met_pages
    streamlit_intern.leave_pages_directory()
    PagesManager(str(main), setup_watcher=False)
    assert streamlit_intern.uses_pages_directory() is False


# ---------------------------------------------------------------- the current run


def _hashes_script():
    import streamlit as st

    from ijmond_dash.server import streamlit_intern as si

    h = si.page_hashes()
    st.write(repr(h))


def test_page_hashes_in_a_run_and_outside():
    assert streamlit_intern.page_hashes() is None
    at = AppTest.from_function(_hashes_script)
    at.run()
    assert not at.exception
    page, main = eval(at.markdown[0].value)  # noqa: S307 - our own repr of two strings
    assert re.fullmatch(r"[0-9a-f]{32}", page) and page == main  # a single-page app: the main script


def _page_hash_script():
    import streamlit as st

    from ijmond_dash.server import streamlit_intern as si

    def een():
        st.write("een")

    def twee():
        st.write("twee")

    paginas = [st.Page(een, title="Een", default=True), st.Page(twee, title="Twee", url_path="twee")]
    st.navigation(paginas).run()
    st.write(repr([si.page_script_hash(p) == si.page_hashes()[0] for p in paginas]))


def test_page_script_hash_is_the_hash_of_the_page_that_runs():
    at = AppTest.from_function(_page_hash_script)
    at.run()
    assert not at.exception
    assert at.markdown[-1].value == "[True, False]"  # the running page's hash, not the other's


def _bound_script():
    import streamlit as st

    from ijmond_dash.server import streamlit_intern as si

    st.number_input("Bedrag", value=3_000_000.0, key="bedrag", bind="query-params")
    st.selectbox("Gemeente", ["Beverwijk", "Velsen"], key="gemeente", bind="query-params")
    st.slider("Jaren", 1, 10, (2, 4), key="jaren", bind="query-params")
    st.toggle("Aan", key="los")  # not bound: not listed
    uit = {}
    for key, (widget_id, script_hash) in sorted(si.url_bound_widgets().items()):
        meta = si.widget_metadata(widget_id)
        uit[key] = (meta.value_type, si.url_value(meta, st.session_state[key]), script_hash)
    st.write(repr(uit))
    st.write(repr(si.page_hashes()[0]))


def test_url_bound_widgets_their_metadata_and_url_form():
    at = AppTest.from_function(_bound_script)
    at.run()
    assert not at.exception
    at.number_input(key="bedrag").set_value(2_500_000.0)
    at.selectbox(key="gemeente").set_value("Velsen")
    at.run()
    assert not at.exception
    uit = eval(at.markdown[0].value)  # noqa: S307 - our own repr
    pagina = eval(at.markdown[1].value)  # noqa: S307
    assert set(uit) == {"bedrag", "gemeente", "jaren"}
    assert uit["bedrag"][:2] == ("double_value", "2500000")  # as Streamlit writes a float
    assert uit["gemeente"][1] == "Velsen"
    assert uit["jaren"][1] == ["2", "4"]
    assert {v[2] for v in uit.values()} == {pagina}


def _labels_script():
    import streamlit as st

    from ijmond_dash.server import streamlit_intern as si

    labels = si.record_widget_labels()
    st.selectbox("Gemeente van de raad", ["Beverwijk", "Velsen"], key="gemeente", bind="query-params")
    with st.popover("Instellingen"):
        st.slider("Aantal jaren", 1, 10, 2, key="jaren")
    st.markdown("geen widget")
    ids = si.url_bound_widgets()
    st.write(repr((labels.get(ids["gemeente"][0]), sorted(labels.values()))))


def test_widget_labels_of_a_run_are_recorded():
    at = AppTest.from_function(_labels_script)
    at.run()
    at.run()  # a second run records again, once
    assert not at.exception
    gemeente, alle = eval(at.markdown[-1].value)  # noqa: S307 - our own repr
    assert gemeente == "Gemeente van de raad"
    assert alle == ["Aantal jaren", "Gemeente van de raad"]


def _missing_page_script():
    import streamlit as st

    from ijmond_dash.server import streamlit_intern as si

    def thuis():
        try:
            st.page_link("pages/bestaat_niet.py", label="Nergens")
        except si.page_not_found_error():
            st.write("geen link")

    st.navigation([st.Page(thuis, title="Thuis", default=True)]).run()


def test_page_not_found_error_is_what_page_link_raises():
    at = AppTest.from_function(_missing_page_script)
    at.run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["geen link"]


# ---------------------------------------------------------------- the frontend build


def test_the_frontend_chunks_are_where_the_preload_looks():
    js = streamlit_intern.FRONTEND_JS
    assert js.is_dir()
    # voorladen resolves its chunk next to the main module script, /static/js/index.<hash>.js,
    # which the frontend's index.html loads from this folder
    html = (js.parent.parent / "index.html").read_text()
    main = re.search(r'<script type="module"[^>]*src="\./static/js/(index\.[^"]+\.js)"', html)
    assert main and (js / main.group(1)).is_file()
    assert streamlit_intern.frontend_chunk(main.group(1)) == main.group(1)
    assert streamlit_intern.frontend_chunk("index.*.js") is None  # more than one match: no guess
    assert streamlit_intern.frontend_chunk("bestaat-niet.*.js") is None


# ---------------------------------------------------------------- nowhere else

PRIVATE = re.compile(
    r"streamlit\.(runtime|web|elements|proto|errors|static)\b"  # Streamlit's internal modules
    r"|st\.__file__"
    r"|\._(get_async_objs|session_mgr|session_storage|storage_lock|bindings_by_param|state)\b"
    r"|_coerce_value_for_query_url|_format_number_for_query_url|PagesManager"
)


def _app_sources() -> list[Path]:
    bestanden = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ijmond_dash").rglob("*.py"))]
    # bench.py is the benchmark: it measures the app as a server runs it by driving Streamlit's
    # own script runner (docs/PERFORMANCE.md); it is a tool, not part of the running app.
    uitgezonderd = {ROOT / "ijmond_dash" / "server" / "streamlit_intern.py"}
    return [p for p in bestanden if p not in uitgezonderd]


def test_no_other_module_of_the_app_uses_streamlit_internals():
    gevonden = []
    for path in _app_sources():
        for nr, regel in enumerate(path.read_text().splitlines(), 1):
            if PRIVATE.search(regel):
                gevonden.append(f"{path.relative_to(ROOT)}:{nr}: {regel.strip()}")
    assert gevonden == [], "Streamlit internals outside ijmond_dash/server/streamlit_intern.py:\n" + "\n".join(gevonden)
