"""Figures of the Fasen page: the table Sankey equals the stored table; the small-number rule holds
in the figure, the table and the download."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from ijmond_dash import catalog, export, queries, trajecten
from ijmond_dash.charts import fasen as charts

B, E = dt.date(2023, 1, 1), dt.date(2023, 6, 30)


@pytest.fixture
def tabellen(engine):
    return (queries.fasen_periode(engine, "fasen", B, E), queries.fasen_periode(engine, "fasen_uitstroom", B, E),
            queries.uitstroom_periode(engine, B, E))


def _links(s: charts.Stromen) -> dict[tuple[str, str], float]:
    return {(s.labels[b], s.labels[d]): w for b, d, w in zip(s.links["bron"], s.links["doel"], s.links["breedte"],
                                                             strict=True)}


def test_table_sankey_links_and_nodes_equal_the_stored_table(tabellen):
    fasen, uitsplitsing, _ = tabellen
    s = charts.tabel_stromen(fasen, uitsplitsing)
    links = _links(s)
    f = fasen.set_index("fase")
    for fase in catalog.FASEN:
        assert links[("Stand begin", fase)] == f.at[fase, "stand_begin"]
        assert links[("Instroom (bij)", fase)] == f.at[fase, "bij"]
        assert links[(fase, "Stand eind")] == f.at[fase, "stand_eind"]
        uit = sum(w for (van, naar), w in links.items() if van == fase and naar != "Stand eind")
        assert uit == f.at[fase, "af"]  # every af is drawn: by reason plus the rest
    per_reden = uitsplitsing[uitsplitsing["fase"] != catalog.TOTAAL]
    for r in per_reden.itertuples():
        assert links[(r.fase, f"Uitstroom: {charts.UITSTROOMREDEN_LABELS[r.reden]}")] == r.aantal
    assert ("Werk houden", "Uitstroom: werk") not in links  # the document gives no value there
    assert links[("Kennismaking", charts.OVERIG_AF)] == 208 - (9 + 17 + 34)
    # node totals (shown in the hover) equal the Totaal row
    totaal = f.loc[catalog.TOTAAL]
    knopen = dict(zip(s.labels, s.knoop_tekst, strict=True))
    assert knopen["Stand begin"] == "Stand begin: 835" and int(totaal["stand_begin"]) == 835
    assert knopen["Instroom (bij)"] == f"Instroom (bij): {int(totaal['bij'])}"
    assert knopen["Stand eind"] == f"Stand eind: {int(totaal['stand_eind'])}"
    redenen = uitsplitsing[uitsplitsing["fase"] == catalog.TOTAAL].set_index("reden")["aantal"]
    assert knopen["Uitstroom: werk"] == f"Uitstroom: werk: {int(redenen['werk'])}" == "Uitstroom: werk: 48"
    assert knopen[charts.OVERIG_AF].endswith(f": {int(totaal['af']) - int(redenen.sum())}")
    assert knopen["Kennismaking"] == "Kennismaking: 334"  # 107 + 227


def test_table_sankey_figure_carries_the_same_values(tabellen):
    fasen, uitsplitsing, _ = tabellen
    fig = json.loads(charts.tabel_sankey(fasen, uitsplitsing, "T", "O", "Bron: x").to_json())
    trace = fig["data"][0]
    s = charts.tabel_stromen(fasen, uitsplitsing)
    assert trace["node"]["label"] == s.labels
    assert trace["link"]["value"] == [float(v) for v in s.links["breedte"]]
    assert fig["layout"]["separators"] == ",." and "Bron: x" in json.dumps(fig["layout"]["annotations"])


def test_same_node_order_and_colours_in_every_period(tabellen):
    fasen, uitsplitsing, _ = tabellen
    ander = fasen.copy()
    ander[["stand_begin", "bij", "af", "stand_eind"]] = [[1, 2, 1, 2]] * len(ander)
    a = charts.tabel_stromen(fasen, uitsplitsing)
    b = charts.tabel_stromen(ander, uitsplitsing.iloc[:0])
    assert a.labels == b.labels and a.kleuren == b.kleuren
    leeg = pd.DataFrame(columns=["van", "naar", "richting", "reden", "aantal"])
    c = charts.overgang_stromen(leeg, 5)
    d = charts.overgang_stromen(_flows(), 5)
    assert c.labels == d.labels and c.kleuren == d.kleuren
    assert c.labels[0] == "Instroom" and c.labels[1:7] == list(catalog.FASEN) == c.labels[7:13]


def test_net_change_and_uitstroom_bars_equal_the_store(tabellen):
    fasen, _, uitstroom = tabellen
    fig = json.loads(charts.netto_verandering(fasen, "T", "", "").to_json())
    f = fasen.set_index("fase")
    assert fig["data"][0]["x"] == list(catalog.FASEN)
    assert fig["data"][0]["y"] == [int(f.at[x, "stand_eind"] - f.at[x, "stand_begin"]) for x in catalog.FASEN]
    fig = json.loads(charts.uitstroom_gemeenten(uitstroom, "T", "", "").to_json())
    shown = {(t["name"], x): y for t in fig["data"] for x, y in zip(t["x"], t["y"], strict=True)}
    for r in uitstroom.itertuples():
        assert shown[(charts.UITSTROOM_SOORTEN[r.soort], r.naam)] == r.aantal
    assert len(shown) == len(uitstroom)  # maximale participatie only where the document gives it
    tabel = charts.fasen_tabel(fasen)
    assert list(tabel["Fase"]) == [*catalog.FASEN, catalog.TOTAAL]
    assert list(tabel.iloc[-1, 1:]) == [835, 451, 433, 853, 18]
    tekst = charts.boodschap_tabel(fasen, "1e halfjaar 2023")
    assert "451" in tekst and "433" in tekst and "853" in tekst and "Kennismaking (227)" in tekst


# ------------------------------------------------------------------ small numbers


def _flows() -> pd.DataFrame:
    """Exact flows of two gemeenten: some below the threshold."""
    return pd.DataFrame([
        ("GM0375", "Instroom", "Kennismaking", "instroom", None, 3),
        ("GM0453", "Instroom", "Kennismaking", "instroom", None, 3),  # 3 + 3 = 6 for all gemeenten
        ("GM0375", "Kennismaking", "Persoonlijke ontwikkeling", "vooruit", None, 17),
        ("GM0375", "Kennismaking", "Werk vinden", "overgeslagen", None, 1),
        ("GM0375", "Werk vinden", "Kennismaking", "terug", None, 4),
        ("GM0375", "Werk vinden", "Uitstroom", "uitstroom", "werk", 5),
        ("GM0375", "Werk houden", "Uitstroom", "uitstroom", "overig", 2),
    ], columns=["gebied", "van", "naar", "richting", "reden", "aantal"])


def test_suppression_sums_before_hiding():
    alle = trajecten.overgangen_selectie(_flows(), None, 5)
    beverwijk = trajecten.overgangen_selectie(_flows(), "GM0375", 5)
    assert alle.loc[alle["richting"] == "instroom", "aantal"].tolist() == [6]
    assert beverwijk.loc[beverwijk["richting"] == "instroom", "aantal"].tolist() == ["< 5"]
    assert sorted(str(v) for v in beverwijk["aantal"]) == sorted(["< 5", "17", "< 5", "< 5", "5", "< 5"])


def test_threshold_is_configurable(monkeypatch):
    monkeypatch.setenv("IJMOND_KLEINE_AANTALLEN", "10")
    out = trajecten.overgangen_selectie(_flows(), "GM0375")
    assert "< 10" in set(out["aantal"]) and 5 not in set(out["aantal"]) and 17 in set(out["aantal"])


def test_small_numbers_never_exact_in_figure_table_or_download():
    stromen = trajecten.overgangen_selectie(_flows(), "GM0375", 5)
    fig = charts.overgangen_sankey(stromen, 5, "T", "O", "B")
    spec = json.loads(fig.to_json())
    link = spec["data"][0]["link"]
    klein = [t for t in link["customdata"] if t.endswith("< 5")]
    assert len(klein) == 4
    assert sorted(link["value"]) == [2.5, 2.5, 2.5, 2.5, 5.0, 17.0]  # a fixed width, not the count
    for t in link["customdata"]:
        assert t.endswith(("< 5", ": 5", ": 17")), t
    # node hover names the node only: no totals to subtract from
    assert spec["data"][0]["node"]["customdata"] == spec["data"][0]["node"]["label"]
    # the table and both downloads
    tabel = charts.overgangen_tabel(stromen, "Beverwijk")
    assert sorted(str(v) for v in tabel["Aantal personen"]) == sorted(["< 5"] * 4 + ["5", "17"])
    csv = export.csv_bytes(tabel).decode("utf-8-sig")
    rows = [r.split(";")[-1] for r in csv.strip().splitlines()[1:]]
    assert sorted(rows) == sorted(["< 5"] * 4 + ["5", "17"])
    xlsx = pd.read_excel(__import__("io").BytesIO(export.excel_bytes(tabel)))
    assert sorted(str(v) for v in xlsx["Aantal personen"]) == sorted(["< 5"] * 4 + ["5", "17"])
    tekst = charts.boodschap_overgangen(stromen, "1e halfjaar 2023", "Beverwijk")
    assert "17 keer een stap vooruit" in tekst and "een klein aantal keer terug" in tekst
    assert "ten minste 5 keer uitstroom" in tekst
