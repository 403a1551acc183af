"""Pure series computations: inwoners estimates, per 1.000, index, ratio, trend, sentence, breakdown."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ijmond_dash.analysis import reeksen as r

D = dt.date


def inwoners(*rows):
    return pd.DataFrame(rows, columns=["peildatum", "gebied", "aantal"])


def punten(*rows):
    return pd.DataFrame(rows, columns=["gebied", "peildatum"])


LEDEN = pd.DataFrame({"regio": ["IJMOND", "IJMOND"], "gemeente": ["A", "B"]})


def test_known_inwoners_are_not_estimated():
    inw = inwoners((D(2011, 1, 1), "A", 1000), (D(2024, 6, 30), "A", 2000))
    out = r.inwoners_op(inw, punten(("A", D(2024, 6, 30))))
    assert out.iloc[0]["inwoners"] == 2000
    assert not out.iloc[0]["geschat"]
    assert out.iloc[0]["methode"] == r.METHODE_BEKEND


def test_inwoners_interpolated_linearly_between_known_dates_and_flagged():
    inw = inwoners((D(2010, 1, 1), "A", 1000), (D(2020, 1, 1), "A", 2000))
    out = r.inwoners_op(inw, punten(("A", D(2015, 1, 1))))
    # halfway in time (within a day of leap-year rounding) -> halfway in value
    assert out.iloc[0]["inwoners"] == pytest.approx(1500, abs=1)
    assert out.iloc[0]["geschat"]
    assert "lineair geïnterpoleerd tussen 01-01-2010 en 01-01-2020" in out.iloc[0]["methode"]


def test_inwoners_extrapolated_outside_known_dates():
    inw = inwoners((D(2010, 1, 1), "A", 1000), (D(2020, 1, 1), "A", 2000))
    out = r.inwoners_op(inw, punten(("A", D(2025, 1, 1))))
    assert out.iloc[0]["inwoners"] == pytest.approx(2500, abs=1)
    assert out.iloc[0]["geschat"] and "doorgetrokken" in out.iloc[0]["methode"]


def test_one_known_peildatum_is_held_constant():
    inw = inwoners((D(2024, 6, 30), "A", 41863))
    out = r.inwoners_op(inw, punten(("A", D(2015, 12, 31))))
    assert out.iloc[0]["inwoners"] == 41863
    assert out.iloc[0]["geschat"] and "gelijk gehouden" in out.iloc[0]["methode"]


def test_missing_inwoners_give_nan_not_a_guess():
    out = r.inwoners_op(inwoners((D(2024, 6, 30), "A", 100)), punten(("B", D(2015, 12, 31))))
    assert math.isnan(out.iloc[0]["inwoners"])
    assert out.iloc[0]["methode"] == r.METHODE_GEEN


def test_regio_is_sum_of_members_unless_known_on_the_date():
    inw = inwoners(
        (D(2010, 1, 1), "A", 100),
        (D(2020, 1, 1), "A", 200),
        (D(2010, 1, 1), "B", 50),
        (D(2020, 1, 1), "B", 50),
        (D(2020, 1, 1), "IJMOND", 249),
    )
    out = r.inwoners_op(inw, punten(("IJMOND", D(2010, 1, 1)), ("IJMOND", D(2020, 1, 1))), LEDEN).set_index("peildatum")
    assert out.at[D(2010, 1, 1), "inwoners"] == 150  # both members known: a sum, not an estimate
    assert not out.at[D(2010, 1, 1), "geschat"]
    assert out.at[D(2020, 1, 1), "inwoners"] == 249  # the document's own total wins on its date


def test_regio_with_an_unknown_member_is_unknown():
    inw = inwoners((D(2010, 1, 1), "A", 100))
    out = r.inwoners_op(inw, punten(("IJMOND", D(2010, 1, 1))), LEDEN)
    assert math.isnan(out.iloc[0]["inwoners"])


def test_per_1000():
    uitk = pd.DataFrame({"peildatum": [D(2024, 6, 30)], "gebied": ["A"], "definitie": [r.PWET], "aantal": [913]})
    out = r.per_1000(uitk, inwoners((D(2024, 6, 30), "A", 39542)))
    assert out.iloc[0]["per_1000"] == pytest.approx(1000 * 913 / 39542)
    assert not out.iloc[0]["geschat"]


def test_per_1000_without_inwoners_is_nan():
    uitk = pd.DataFrame({"peildatum": [D(2015, 12, 31)], "gebied": ["A"], "definitie": [r.CBS], "aantal": [1]})
    out = r.per_1000(uitk, inwoners())
    assert out["per_1000"].isna().all()


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 3650))
def test_interpolation_stays_between_known_values(a, b, dagen):
    inw = inwoners((D(2010, 1, 1), "A", a), (D(2020, 1, 1), "A", b))
    t = D(2010, 1, 1) + dt.timedelta(days=dagen)
    w = r.inwoners_op(inw, punten(("A", t))).iloc[0]["inwoners"]
    assert min(a, b) - 1e-6 <= w <= max(a, b) + 1e-6


PART = pd.DataFrame(
    {
        "peildatum": [D(2015, 12, 31), D(2016, 12, 31), D(2017, 12, 31), D(2018, 6, 30)],
        "aantal": [1000, 800, 640, 300],
        "periode": ["jaar", "jaar", "jaar", "halfjaar"],
        "bron": ["x"] * 4,
    }
)
UITK = pd.DataFrame(
    {
        "peildatum": [D(2015, 12, 31), D(2016, 12, 31), D(2017, 12, 31), D(2018, 6, 30)],
        "gebied": ["IJMOND"] * 4,
        "definitie": [r.CBS] * 4,
        "aantal": [2000, 2000, 1950, 2000],
    }
)


def test_index_base_year_is_100():
    idx = r.index(PART, "aantal", 2015)
    assert idx.tolist()[:3] == [100.0, 80.0, 64.0]


def test_index_without_base_year_is_nan():
    assert r.index(PART, "aantal", 2010).isna().all()


def test_jaarbasis_doubles_only_the_half_year_and_flags_it():
    out = r.jaarbasis(PART)
    assert out["jaarbasis"].tolist() == [1000, 800, 640, 600]
    assert out["schatting"].tolist() == [False, False, False, True]


def test_participanten_per_100():
    out = r.participanten_per_100(PART, UITK)
    assert out["per_100"].round(6).tolist() == [50.0, 40.0, round(100 * 640 / 1950, 6), 15.0]
    assert out["per_100_jaarbasis"].iloc[-1] == 30.0


def test_trend_recovers_exact_geometric_decline_and_ignores_half_year():
    t = r.trend(PART)  # 1000, 800, 640: exactly -20% per year; the half year (300) must not count
    assert t.punten == 3
    assert t.pct_per_jaar == pytest.approx(-20, abs=0.01)
    assert t.waarde([D(2016, 12, 31)])[0] == pytest.approx(800, rel=1e-3)


def test_trend_needs_two_full_years():
    assert r.trend(PART.iloc[[0, 3]]) is None
    assert r.trend(PART.iloc[:0]) is None


def test_trendzin_states_the_numbers_in_dutch():
    zin = r.trendzin(PART, UITK, r.trend(PART))
    assert zin.startswith("Sinds 2015 daalde het aantal participanten bij IJmond Werkt! van 1.000 naar 640 in 2017")
    assert "(-36,0%)" in zin
    assert "gemiddeld 20,0% minder per jaar" in zin
    assert "bleef het aantal bijstandsuitkeringen in de IJmond vrijwel gelijk: van 2.000 naar 1.950 (-2,5%)" in zin


def test_trendzin_rising_series_says_steeg():
    part = PART.assign(aantal=[100, 150, 1200, 10])
    uitk = UITK.assign(aantal=[1000, 1000, 2000, 1])
    zin = r.trendzin(part, uitk, r.trend(part))
    assert zin.startswith("Sinds 2015 steeg")
    assert "meer per jaar" in zin and "steeg het aantal bijstandsuitkeringen" in zin


def test_trendzin_with_one_full_year():
    assert "te weinig" in r.trendzin(PART.iloc[[0]], UITK, None)


def _split():
    rows = []
    for g, naam, cats in (("A", "Aa", (67, 393)), ("B", "Bb", (500, 424))):
        for i, (cat, n) in enumerate(zip(("22-26", "27-45"), cats, strict=True), start=1):
            rows.append((D(2024, 6, 30), g, naam, "leeftijd", cat, i, n, "b"))
    return pd.DataFrame(
        rows, columns=["peildatum", "gebied", "naam", "dimensie", "categorie", "volgorde", "aantal", "bron"]
    )


TOTALEN = pd.DataFrame({"peildatum": [D(2024, 6, 30)] * 2, "gebied": ["A", "B"], "aantal": [500, 913]})


def test_uitsplitsing_rest_is_shown_as_niet_uitgesplitst():
    out = r.uitsplitsing_met_rest(_split(), TOTALEN, "leeftijd")
    a = out[out["gebied"] == "A"].set_index("categorie")
    assert a.at[r.NIET_UITGESPLITST, "aantal"] == 500 - 67 - 393
    assert a["aantal"].sum() == 500
    assert a["aandeel"].sum() == pytest.approx(100)
    assert (a["overschot"] == 0).all()


def test_uitsplitsing_larger_than_total_is_an_overschot_never_a_negative_bar():
    out = r.uitsplitsing_met_rest(_split(), TOTALEN, "leeftijd")
    b = out[out["gebied"] == "B"]
    assert r.NIET_UITGESPLITST not in set(b["categorie"])
    assert (out["aantal"] >= 0).all()
    assert set(b["overschot"]) == {11}
    assert b["aandeel"].sum() == pytest.approx(100 * 924 / 913)


def test_uitsplitsing_of_unknown_dimensie_is_empty():
    assert r.uitsplitsing_met_rest(_split(), TOTALEN, "duur").empty


def test_bereik_keeps_document_percentages_and_counts():
    pct = pd.DataFrame(
        {
            "peildatum": [D(2024, 6, 30)] * 2,
            "gebied": ["A", "A"],
            "naam": ["Aa", "Aa"],
            "kengetal": ["in_traject_per_uitkeringen", "uitkeringen_per_inwoners"],
            "percentage": [23.63, 2.49],
            "bron": ["b", "b"],
        }
    )
    traject = pd.DataFrame({"peildatum": [D(2024, 6, 30)], "gebied": ["A"], "aantal": [246]})
    uitk = pd.DataFrame({"peildatum": [D(2024, 6, 30)], "gebied": ["A"], "definitie": [r.PWET], "aantal": [1041]})
    out = r.bereik(pct, traject, uitk)
    assert out[["percentage", "in_traject", "uitkeringen"]].iloc[0].tolist() == [23.63, 246, 1041]


def test_inwoners_toelichting_names_the_known_dates():
    inw = pd.DataFrame(
        {
            "peildatum": [D(2011, 1, 1), D(2024, 6, 30)],
            "gebied": ["A", "A"],
            "naam": ["Aa", "Aa"],
            "gebied_soort": ["gemeente", "gemeente"],
            "aantal": [1, 2],
        }
    )
    tekst = r.inwoners_toelichting(inw)
    assert "01-01-2011 (Aa)" in tekst and "30-06-2024 (Aa)" in tekst and "lineair" in tekst
    assert "geen inwonertallen" in r.inwoners_toelichting(inw.iloc[:0])


def test_uitkeringen_boodschap_from_data():
    uitk = pd.concat(
        [
            UITK,
            pd.DataFrame(
                {"peildatum": [D(2024, 6, 30)], "gebied": ["IJMOND"], "definitie": [r.PWET], "aantal": [3681]}
            ),
        ]
    )
    tekst = r.uitkeringen_boodschap(uitk)
    assert "van 2015 tot en met 2018 steeds tussen 1.950 en 2.000" in tekst
    assert "3.681 uitkeringen P-wet" in tekst and "andere definitie" in tekst


def test_jaren_are_monotonic():
    x = r._jaren([D(2015, 12, 31), D(2016, 6, 30), D(2016, 12, 31)])
    assert np.all(np.diff(x) > 0)
