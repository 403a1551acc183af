"""Figures of the Fasen page: the table Sankey equals the stored table; the small-number rule holds
in the figure, the table and the download."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from ijmond_dash.charts import fasen as charts
from ijmond_dash.imports import trajecten
from ijmond_dash.store import catalog, queries
from ijmond_dash.ui import export

B, E = dt.date(2023, 1, 1), dt.date(2023, 6, 30)


@pytest.fixture
def tabellen(engine):
    return (
        queries.fasen_periode(engine, "fasen", B, E),
        queries.fasen_periode(engine, "fasen_uitstroom", B, E),
        queries.uitstroom_periode(engine, B, E),
    )


def _links(s: charts.Stromen) -> dict[tuple[str, str], float]:
    return {
        (s.labels[b], s.labels[d]): w
        for b, d, w in zip(s.links["bron"], s.links["doel"], s.links["breedte"], strict=True)
    }


def test_table_sankey_links_and_nodes_equal_the_stored_table(tabellen):
    fasen, uitsplitsing, _ = tabellen
    s = charts.tabel_stromen(fasen, uitsplitsing)
    links = _links(s)
    f = fasen.set_index("fase")
    for fase in catalog.FASEN:
        assert links[(charts.INSTROOM, fase)] == f.at[fase, "bij"]
        assert links[(fase, charts.AF)] == f.at[fase, "af"]  # every af is drawn
    # uit een fase -> reason: the document's totals per reason, the rest 'doorstroom of niet uitgesplitst'
    per_reden = uitsplitsing[uitsplitsing["fase"] != catalog.TOTAAL].groupby("reden")["aantal"].sum()
    for reden, aantal in per_reden.items():
        assert links[(charts.AF, f"Uitstroom: {charts.UITSTROOMREDEN_LABELS[reden]}")] == aantal
    totaal = f.loc[catalog.TOTAAL]
    assert links[(charts.AF, charts.OVERIG_AF)] == int(totaal["af"]) - int(per_reden.sum()) == 433 - (48 + 89 + 69)
    assert sum(w for (van, _), w in links.items() if van == charts.AF) == int(totaal["af"])
    # only fans: one link into and one out of every fase, so no two flows cross
    assert all(sum(1 for (van, naar) in links if naar == fase) == 1 for fase in catalog.FASEN)
    assert all(sum(1 for (van, naar) in links if van == fase) == 1 for fase in catalog.FASEN)
    # node totals (hover) and labels (drawn) give the counts
    knopen = dict(zip(s.labels, s.knoop_tekst, strict=True))
    assert knopen[charts.INSTROOM] == f"{charts.INSTROOM}: {int(totaal['bij'])}" == f"{charts.INSTROOM}: 451"
    assert knopen["Uitstroom: werk"] == "Uitstroom: werk: 48"
    labels = dict(zip(s.labels, s.tekst, strict=True))
    assert labels["Kennismaking"].endswith("in 227, uit 208")
    assert labels["Uitstroom: werk"] == "Werk: 48"
    assert "433" in labels[charts.AF] and "451" in labels[charts.INSTROOM]


def _tekst(fig: dict) -> list[str]:
    return [a["text"] for a in fig["layout"].get("annotations", [])]


def test_table_sankey_figure_carries_the_same_values(tabellen):
    fasen, uitsplitsing, _ = tabellen
    fig = json.loads(charts.tabel_sankey(fasen, uitsplitsing, "T", "O", "Bron: x").to_json())
    trace = fig["data"][0]
    s = charts.tabel_stromen(fasen, uitsplitsing)
    assert trace["node"]["customdata"] == s.knoop_tekst
    assert trace["link"]["value"] == [float(v) for v in s.links["breedte"]]
    assert fig["layout"]["separators"] == ",." and fig["layout"]["meta"]["bron"] == "Bron: x"
    # the counts are written, not only in the hover: every node's label is in the figure
    assert trace["node"]["label"] == [""] * len(s.labels)  # Plotly's own labels would overlap
    assert all(t in _tekst(fig) for t in s.tekst)


def _doos(fig: dict, a: dict, hoogte_px: float, breedte_px: float) -> tuple[float, float, float, float]:
    """A label's box in px (x from the left, y from the top) as Plotly places it, with the
    label's own size estimated generously (0.55 em a character, 1.3 em a line; the browser
    test measures the real boxes)."""
    font = a.get("font", {}).get("size", 14)
    regels = a["text"].split("<br>")
    w = max(len(r) for r in regels) * font * 0.55
    h = len(regels) * font * 1.3
    x = a["x"] * breedte_px + a.get("xshift", 0)
    x0 = {"left": x, "right": x - w}.get(a.get("xanchor"), x - w / 2)
    y = (1 - a["y"]) * hoogte_px - a.get("yshift", 0)
    y0 = {"top": y, "bottom": y - h}.get(a.get("yanchor"), y - h / 2)
    return x0, y0, x0 + w, y0 + h


@pytest.mark.parametrize("breedte", [326, 1000, 1800])  # phone, laptop, projector plot widths
def test_sankey_labels_never_overlap(tabellen, breedte):
    """Every label of the Sankey in its own place at a phone's, a laptop's and a projector's
    width: the lanes beside the node columns and the band across the top."""
    fasen, uitsplitsing, _ = tabellen
    fig = json.loads(charts.tabel_sankey(fasen, uitsplitsing, "T", "O", "Bron: x").to_json())
    m = fig["layout"]["margin"]
    hoogte = fig["layout"]["height"] - m["t"] - m["b"]
    dozen = [
        (a["text"], _doos(fig, a, hoogte, breedte)) for a in fig["layout"]["annotations"] if a["text"] != "Bron: x"
    ]
    assert len(dozen) == len(charts.tabel_stromen(fasen, uitsplitsing).tekst)
    for i, (ta, a) in enumerate(dozen):
        assert a[0] >= -1 and a[2] <= breedte + 1 and a[1] >= -1 and a[3] <= hoogte + 1, ta
        for tb, b in dozen[i + 1 :]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (ta, tb)


def test_sankey_node_sizes_are_what_the_labels_were_placed_for(tabellen):
    """The padding makes Plotly draw every bar exactly as high as the label layout assumed, and
    bars of one column never overlap."""
    fasen, uitsplitsing, _ = tabellen
    s = charts.tabel_stromen(fasen, uitsplitsing)
    ind = charts._indeling(s, [0.03, 0.40, 0.54, 0.67], (0, 2))
    waarden = charts._waarden(s)
    kolommen = [[i for i, k in enumerate(s.kolom) if k == c] for c in range(4)]
    h = ind.hoogte - charts.MARGE["t"] - charts.MARGE["b"]
    assert charts._plotly_ky(kolommen, waarden, h, ind.pad) == pytest.approx(ind.ky)
    for k in kolommen:
        spans = sorted((ind.y[i] * h - waarden[i] * ind.ky / 2, ind.y[i] * h + waarden[i] * ind.ky / 2) for i in k)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
        assert spans[0][0] >= 0 and spans[-1][1] <= h


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
    # horizontal bars: long fase names read across, first fase on top
    assert fig["data"][0]["orientation"] == "h" and fig["layout"]["yaxis"]["autorange"] == "reversed"
    assert fig["data"][0]["y"] == list(catalog.FASEN)
    assert fig["data"][0]["x"] == [int(f.at[x, "stand_eind"] - f.at[x, "stand_begin"]) for x in catalog.FASEN]
    assert "sollicitatie-<br>vaardigheden" in "".join(fig["layout"]["yaxis"]["ticktext"])
    fig = json.loads(charts.uitstroom_gemeenten(uitstroom, "T", "", "").to_json())
    shown = {(t["name"], y): x for t in fig["data"] for x, y in zip(t["x"], t["y"], strict=True)}
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
    return pd.DataFrame(
        [
            ("GM0375", "Instroom", "Kennismaking", "instroom", None, 3),
            ("GM0453", "Instroom", "Kennismaking", "instroom", None, 3),  # 3 + 3 = 6 for all gemeenten
            ("GM0375", "Kennismaking", "Persoonlijke ontwikkeling", "vooruit", None, 17),
            ("GM0375", "Kennismaking", "Werk vinden", "overgeslagen", None, 1),
            ("GM0375", "Werk vinden", "Kennismaking", "terug", None, 4),
            ("GM0375", "Werk vinden", "Uitstroom", "uitstroom", "werk", 5),
            ("GM0375", "Werk houden", "Uitstroom", "uitstroom", "overig", 2),
        ],
        columns=["gebied", "van", "naar", "richting", "reden", "aantal"],
    )


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
    # node hover names the node only: no totals to subtract from; a drawn node label where a
    # suppressed flow meets it says "ten minste" (or only that the numbers are small)
    s = charts.overgang_stromen(stromen, 5)
    assert spec["data"][0]["node"]["customdata"] == s.labels
    links_kolom = {lab: t.replace("<br>", " ") for lab, t, k in zip(s.labels, s.tekst, s.kolom, strict=True) if k == 0}
    assert links_kolom["Instroom"] == "Instroom: < 5"
    assert links_kolom["Werk vinden"] == "Werk vinden: ten minste 5"  # 5 to werk + one flow < 5
    drawn = " ".join(a["text"] for a in spec["layout"]["annotations"]).replace("<br>", " ")
    assert set(re.findall(r"\b(\d+)\b(?! stromen)", drawn)) <= {"5", "17"}, drawn  # "2 stromen van < 5"
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


def test_transition_sankey_writes_every_flow_and_groups_the_thin_ones():
    """Every flow's number is written at its start, the numbers of one fase never on top of each
    other; small flows (under a tenth of what leaves their fase) are grouped per fase into one
    flow to 'kleine stromen', which carries their sum."""
    stromen = pd.DataFrame(
        [
            ("Kennismaking", "Persoonlijke ontwikkeling", "vooruit", None, 200),
            ("Kennismaking", "Werk vinden", "overgeslagen", None, 1),
            ("Kennismaking", "Werk houden", "overgeslagen", None, 2),
            ("Werk vinden", "Kennismaking", "terug", None, 40),
            ("Werk vinden", "Uitstroom", "uitstroom", "werk", 1),
        ],
        columns=["van", "naar", "richting", "reden", "aantal"],
    )
    fig = json.loads(charts.overgangen_sankey(stromen, 1, "T", "O", "B").to_json())
    link = fig["data"][0]["link"]
    s = charts.overgang_stromen(stromen, 1)
    klein = s.labels.index(charts.KLEINE_STROMEN)
    kennismaking = s.labels.index("Kennismaking")
    grouped = [
        (src, v) for src, dst, v in zip(link["source"], link["target"], link["value"], strict=True) if dst == klein
    ]
    assert grouped == [(kennismaking, 3.0)]  # 1 + 2, from Kennismaking; 200 keeps its own flow
    assert sorted(link["value"]) == [1.0, 3.0, 40.0, 200.0]  # a single thin flow stays, with its number
    stroom = [a for a in fig["layout"]["annotations"] if a.get("name") == "stroom"]
    assert sorted(a["text"] for a in stroom) == sorted(["200", "3", "40", "1"])
    h = fig["layout"]["height"] - charts.MARGE["t"] - charts.MARGE["b"]
    per_x = {}
    for a in stroom:
        per_x.setdefault(a["x"], []).append(a["y"] * h)
    for ys in per_x.values():  # one fase's numbers: a line apart at least
        ys.sort()
        assert all(b - a >= charts.STROOM_PX - 0.01 for a, b in zip(ys, ys[1:], strict=False))


def test_spreiden_keeps_labels_apart_and_inside():
    assert charts._spreiden([10, 11, 12], 5, 0, 100) == [10, 15, 20]
    assert charts._spreiden([98, 99], 5, 0, 100) == [92.5, 97.5]
