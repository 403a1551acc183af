"""AppTest: 'IJmond Werkt! in cijfers' shows the stored figures, on both backends, and picks up a
later period from the data without code changes."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from ijmond_dash import formatting
from ijmond_dash.charts import cijfers as ch
from ijmond_dash.store import db, loader, models, queries

from .helpers import bron, figures, leesbare_tekst, no_exception, run_page, titel

PAGE = "pages/cijfers.py"
# period key -> (dataset, label of the period on the page)
PERIODE_TEKST = {
    "cijfers_wsp_periode": ("wsp", "Periode"),
    "cijfers_uitstroom_periode": ("uitstroom", "Periode"),
    "cijfers_verzuim_periode": ("ziekteverzuim", "Periode"),
    "cijfers_wsw_peildatum": ("wsw_beschut", "Peildatum Wsw en Beschut Werk"),
    "cijfers_beschut_peildatum": ("beschut_dienstverbanden", "Peildatum dienstverbanden Beschut Werk"),
    "cijfers_fin_periode": ("financien", "Periode"),
}
NOTICE = "De link bevatte onbekende of ongeldige instellingen"


def _fig(at, titel_begin: str) -> dict:
    matches = [f for f in figures(at) if titel(f).startswith(titel_begin)]
    assert matches, [titel(f) for f in figures(at)]
    return matches[0]


def _tables(at) -> list:
    return [df.value for df in at.dataframe]


def _table_with(at, column: str):
    for df in _tables(at):
        if column in df.columns:
            return df
    raise AssertionError(f"geen tabel met kolom {column}")


def _bron_annotatie(fig: dict) -> str:
    tekst = bron(fig)
    assert tekst.startswith("Bron"), titel(fig)
    return tekst


def test_cijfers_shows_store_values(app_env):
    at = run_page(PAGE)
    no_exception(at)
    engine = db.create_engine(app_env)
    bronnen = queries.bronnen(engine).set_index("code")

    # every chart names its source document by title (never its file name) and peildatum
    for fig in figures(at):
        tekst = _bron_annotatie(fig)
        assert any(titel in tekst for titel in bronnen["titel"]), tekst
        assert not any(doc in tekst for doc in bronnen["document"]), tekst

    # WSP: realisatie against afspraak with the stored percentage
    wsp = queries.cijfers_reeks(engine, "wsp")
    fig = _fig(at, "WerkgeversServicepunt")
    shown = {y: x for tr in fig["data"] for x, y in zip(tr["x"], tr["y"], strict=True)}
    assert shown == {i: int(p) for i, p in zip(wsp["indicator"], wsp["percentage"], strict=True)}
    teksten = [t for tr in fig["data"] for t in tr["text"]]
    for _, r in wsp.iterrows():
        assert f"{formatting.getal(r['realisatie'])} van {formatting.getal(r['afspraak'])}" in teksten
    assert "peildatum 30-06-2023" in _bron_annotatie(fig)
    tabel = _table_with(at, "Afspraak")
    assert list(tabel["Afspraak"]) == [formatting.getal(a) for a in wsp.sort_values("volgorde")["afspraak"]]

    # uitstroom: IJmond metrics equal the stored regio rows; the period is stated
    us = queries.cijfers_reeks(engine, "uitstroom")
    metrics = {m.label: m.value for m in at.metric}
    for _, r in us[us["gebied"] == "IJMOND"].iterrows():
        assert metrics[ch.UITSTROOM_LABELS[r["soort"]]] == formatting.getal(r["aantal"])
    periode_label = formatting.periode(us["periode_begin"].iloc[0], us["periode_eind"].iloc[0])
    assert titel(_fig(at, "Uitstroom uit re-integratie")).endswith(periode_label)

    # ziekteverzuim: coloured by better/worse than target, lower is better
    vz = queries.cijfers_reeks(engine, "ziekteverzuim")
    fig = _fig(at, "Ziekteverzuim tegen target")
    kleur_per_waarde = {x: tr["marker"]["color"] for tr in fig["data"] if tr["type"] == "bar" for x in tr["x"]}
    for _, r in vz.iterrows():
        verwacht = ch.BETER if r["realisatie"] <= r["target"] else ch.SLECHTER
        assert kleur_per_waarde[float(r["realisatie"])] == verwacht
    assert "lager is beter" in fig["layout"]["xaxis"]["title"]["text"]
    tabel = _table_with(at, "Landelijk")
    for col, kolom in (("Realisatie", "realisatie"), ("Target", "target"), ("Landelijk", "landelijk")):
        assert set(tabel[col]) == {formatting.procent(v, 1) for v in vz[kolom]}

    # Wsw and Beschut: IJmond against Zuid-Kennemerland; dienstverbanden incl. Uitgeest with the total
    ws = queries.cijfers_reeks(engine, "wsw_beschut")
    tabel = _table_with(at, "Regio").set_index("Regio")
    for _, r in ws.iterrows():
        assert tabel.at[r["naam"], ch.WSW_LABELS[r["soort"]]] == formatting.getal(r["aantal"])
    bd = queries.cijfers_reeks(engine, "beschut_dienstverbanden")
    tabel = _table_with(at, "Dienstverbanden Beschut Werk").set_index("Gemeente")
    assert set(tabel.index) == set(bd["naam"])
    for _, r in bd.iterrows():
        assert tabel.at[r["naam"], "Dienstverbanden Beschut Werk"] == formatting.getal(r["aantal"])
    assert "peildatum 30-06-2023" in _bron_annotatie(_fig(at, "Beschut Werk: dienstverbanden"))

    # financien: table and waterfall equal the store, the data-quality notes sit next to the chart
    fin = queries.cijfers_reeks(engine, "financien").sort_values("volgorde")
    wf = _fig(at, "Van saldo per programma")["data"][0]
    assert wf["x"] == [int(v) for v in fin["saldo"]]
    tabel = _table_with(at, "Saldo (× € 1.000)")
    assert list(tabel["Saldo (× € 1.000)"]) == [formatting.getal(v) for v in fin["saldo"]]
    assert list(tabel["Baten (× € 1.000)"]) == [formatting.getal(v) for v in fin["baten"]]
    resultaat = int(fin[fin["soort"] == "resultaat"]["saldo"].iloc[0])
    assert f"resultaat €\xa0{formatting.getal(resultaat * 1000)} overschot" in leesbare_tekst(at)
    warnings = re.sub(r"\\(.)", r"\1", "\n".join(w.value for w in at.warning))  # as the browser shows it
    for notitie in queries.cijfers_notities(engine, "financien")["omschrijving"]:
        assert notitie in warnings

    # 2019 terugvloeiing and 2020 corona effects with the document's words
    kg = queries.cijfers_kengetallen(engine, ("terugvloeiing_", "corona_")).set_index("code")
    t = kg.loc["terugvloeiing_2019"]
    label = formatting.md_escape(t["omschrijving"])  # store text, escaped for the Markdown of a metric label
    assert metrics[label] == ch.benaderd(t["waarde"], t["eenheid"], t["benadering"])
    assert metrics[label].startswith(t["benadering"])
    corona = _fig(at, "Corona-effecten")["data"][0]
    assert sorted(corona["x"]) == sorted(int(kg.at[c, "waarde"]) for c in kg.index if c.startswith("corona_"))
    assert f"ongeveer €\xa0{formatting.getal(kg.at['corona_montage_2020', 'waarde'])}" in corona["text"]

    # every table can be downloaded (CSV and Excel)
    tabel_knoppen = [b for b in at.get("download_button") if "ijw_handout" not in b.proto.id]  # not the handout
    assert len(tabel_knoppen) == 2 * len(at.dataframe)

    # one period only: no selector, the period from the data stated as text; no trend yet
    assert not at.selectbox
    tekst = leesbare_tekst(at)
    for key, (dataset, label) in PERIODE_TEKST.items():
        [periode] = ch.perioden(queries.cijfers_reeks(engine, dataset))
        assert f"{label}: **{periode.label}**" in tekst, key
    assert not [f for f in figures(at) if "per periode" in titel(f)]


def test_published_small_counts_are_shown_exactly(app_env):
    """Published aggregates (Uitgeest: 1 dienstverband) are not suppressed, with the default threshold."""
    at = run_page(PAGE)
    no_exception(at)
    engine = db.create_engine(app_env)
    bd = queries.cijfers_reeks(engine, "beschut_dienstverbanden")
    tabel = _table_with(at, "Dienstverbanden Beschut Werk").set_index("Gemeente")
    for _, r in bd.iterrows():
        assert tabel.at[r["naam"], "Dienstverbanden Beschut Werk"] == formatting.getal(r["aantal"])
    assert "< 5" not in "\n".join(str(v) for df in _tables(at) for v in df.to_numpy().ravel())


def _notice(at) -> str:
    return "\n".join(i.value.replace("\\", "") for i in at.info if NOTICE in i.value)  # keys are Markdown-escaped


def test_tab_and_invalid_period_from_url(app_env):
    at = run_page(PAGE, {"cijfers_onderdeel": "Financiën", "cijfers_fin_periode": "1900"})
    no_exception(at)
    assert at.session_state["cijfers_onderdeel"] == "Financiën"
    assert titel(_fig(at, "Van saldo per programma")).endswith("1e halfjaar 2023")
    assert "cijfers_fin_periode" in _notice(at)  # the one period is shown, the link named another
    # a link naming the one period there is, is valid
    at = run_page(PAGE, {"cijfers_onderdeel": "Financiën", "cijfers_fin_periode": "1e halfjaar 2023"})
    no_exception(at)
    assert not _notice(at)


def _insert_second_period(engine) -> None:
    """A later rapportage as an import would bring it: 2e halfjaar 2023 and new peildata."""
    b, e = dt.date(2023, 7, 1), dt.date(2023, 12, 31)
    t = models.DATASET_TABLES
    with engine.begin() as conn:
        conn.execute(
            t["wsp"].insert(),
            [
                dict(
                    periode_begin=b,
                    periode_eind=e,
                    indicator="Vacaturevervulling",
                    volgorde=4,
                    realisatie=260,
                    afspraak=250,
                    percentage=104,
                    bron="hjr2023_wsp",
                ),
                dict(
                    periode_begin=b,
                    periode_eind=e,
                    indicator="Plaatsing garantiebaan > 18-jarige",
                    volgorde=1,
                    realisatie=30,
                    afspraak=60,
                    percentage=50,
                    bron="hjr2023_wsp",
                ),
            ],
        )
        conn.execute(
            t["uitstroom"].insert(),
            [
                dict(
                    periode_begin=b,
                    periode_eind=e,
                    gebied=g,
                    soort="werkaanvaarding",
                    aantal=n,
                    bron="hjr2023_uitstroom",
                )
                for g, n in (("GM0375", 20), ("GM0396", 10), ("GM0453", 30), ("IJMOND", 60))
            ],
        )
        conn.execute(
            t["ziekteverzuim"].insert(),
            [
                dict(
                    periode_begin=b,
                    periode_eind=e,
                    groep="sw",
                    realisatie=Decimal("11.0"),
                    target=Decimal("12.5"),
                    afwijking=Decimal("-1.5"),
                    landelijk=None,
                    bron="hjr2023_verzuim",
                ),
            ],
        )
        conn.execute(
            t["financien"].insert(),
            [
                dict(
                    periode_begin=b,
                    periode_eind=e,
                    volgorde=1,
                    regel="Overhead",
                    soort="programma",
                    baten=10,
                    lasten=60,
                    saldo=-50,
                    bron="hjr2023_financieel",
                ),
                dict(
                    periode_begin=b,
                    periode_eind=e,
                    volgorde=2,
                    regel="Saldo van baten en lasten",
                    soort="saldo",
                    baten=10,
                    lasten=60,
                    saldo=-50,
                    bron="hjr2023_financieel",
                ),
                dict(
                    periode_begin=b,
                    periode_eind=e,
                    volgorde=3,
                    regel="Resultaat",
                    soort="resultaat",
                    baten=10,
                    lasten=60,
                    saldo=-50,
                    bron="hjr2023_financieel",
                ),
            ],
        )
        conn.execute(
            t["wsw_beschut"].insert(),
            [
                dict(peildatum=dt.date(2024, 12, 31), gebied="IJMOND", soort=s, aantal=n, bron="rv2025_wsw")
                for s, n in (("wsw", 400), ("beschut", 60), ("totaal", 460))
            ],
        )
        conn.execute(
            t["beschut_dienstverbanden"].insert(),
            [
                dict(peildatum=dt.date(2023, 12, 31), gebied=g, aantal=n, bron="hjr2023_beschut")
                for g, n in (("GM0375", 17), ("GM0396", 12), ("GM0453", 18), ("IJMOND4", 47))
            ],
        )
        loader.bump_version(conn)


@pytest.fixture
def later_env(fresh_engine, fresh_store_url, monkeypatch):
    from tests.conftest import ROOT

    _insert_second_period(fresh_engine)
    monkeypatch.setenv("DATABASE_URL", fresh_store_url)
    monkeypatch.chdir(ROOT)
    return fresh_store_url


def test_later_period_adds_selector_option_and_trend(later_env, fresh_engine):
    at = run_page(PAGE)
    no_exception(at)
    # the selectors offer every period in the data, newest selected
    verwacht = {
        "cijfers_wsp_periode": ["1e halfjaar 2023", "2e halfjaar 2023"],
        "cijfers_uitstroom_periode": ["1e halfjaar 2023", "2e halfjaar 2023"],
        "cijfers_verzuim_periode": ["1e halfjaar 2023", "2e halfjaar 2023"],
        "cijfers_fin_periode": ["1e halfjaar 2023", "2e halfjaar 2023"],
        "cijfers_wsw_peildatum": ["30-06-2024", "31-12-2024"],
        "cijfers_beschut_peildatum": ["30-06-2023", "31-12-2023"],
    }
    for key, opties in verwacht.items():
        sb = at.selectbox(key=key)
        assert sb.options == opties and sb.value == opties[-1] and not sb.disabled, key

    # the charts show the newest period, straight from the store
    wsp = queries.cijfers_reeks(fresh_engine, "wsp")
    nieuw = wsp[wsp["periode_eind"] == dt.date(2023, 12, 31)]
    fig = _fig(at, "WerkgeversServicepunt")
    assert titel(fig).endswith("2e halfjaar 2023")
    shown = {y: x for tr in fig["data"] for x, y in zip(tr["x"], tr["y"], strict=True)}
    assert shown == {i: int(p) for i, p in zip(nieuw["indicator"], nieuw["percentage"], strict=True)}
    assert "peildatum 31-12-2023" in _bron_annotatie(fig)
    assert "resultaat €\xa050.000 tekort" in leesbare_tekst(at)

    # every section gains a trend over the periods
    titels = [titel(f) for f in figures(at)]
    for trend in (
        "WSP: realisatie als % van de afspraak per periode",
        "Uitstroom IJmond per periode",
        "Ziekteverzuim per periode",
        "Wsw en Beschut Werk per peildatum",
        "Beschut Werk: dienstverbanden per peildatum",
        "Saldo en resultaat per periode",
    ):
        assert trend in titels
    trend_fig = _fig(at, "Saldo en resultaat per periode")
    assert "peildatum 30-06-2023 t/m 31-12-2023" in _bron_annotatie(trend_fig)
    res = next(tr for tr in trend_fig["data"] if tr["name"] == "Resultaat")
    fin = queries.cijfers_reeks(fresh_engine, "financien")
    res_store = fin[fin["soort"] == "resultaat"].sort_values("periode_eind")
    assert res["y"] == [int(v) for v in res_store["saldo"]]
    assert res["x"] == ["1e halfjaar 2023", "2e halfjaar 2023"]
    assert ch.TREND_LEEG not in leesbare_tekst(at)

    # choosing the older period shows its figures again
    at.selectbox(key="cijfers_wsp_periode").select("1e halfjaar 2023").run()
    no_exception(at)
    oud = wsp[wsp["periode_eind"] == dt.date(2023, 6, 30)]
    fig = _fig(at, "WerkgeversServicepunt")
    assert titel(fig).endswith("1e halfjaar 2023")
    shown = {y: x for tr in fig["data"] for x, y in zip(tr["x"], tr["y"], strict=True)}
    assert shown == {i: int(p) for i, p in zip(oud["indicator"], oud["percentage"], strict=True)}


def test_later_period_url_restores_choice(later_env):
    at = run_page(PAGE, {"cijfers_fin_periode": "1e halfjaar 2023", "cijfers_wsw_peildatum": "30-06-2024"})
    no_exception(at)
    assert at.selectbox(key="cijfers_fin_periode").value == "1e halfjaar 2023"
    assert titel(_fig(at, "Van saldo per programma")).endswith("1e halfjaar 2023")
    assert "Zuid-Kennemerland" in {tr["name"] for tr in _fig(at, "Wsw en Beschut Werk: IJmond")["data"]}
