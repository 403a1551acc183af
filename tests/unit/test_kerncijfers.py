"""The kerncijfers and the Overzicht headline, as pure functions of query results."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pandas as pd
import pytest

from ijmond_dash.analysis import kerncijfers as k
from ijmond_dash.analysis import scenario as model
from ijmond_dash.store import queries

D = dt.date
JAREN = [D(j, 12, 31) for j in range(2015, 2019)]


def uitk(*aantallen, peildata=None):
    peildata = peildata or JAREN[: len(aantallen)]
    return pd.DataFrame(
        {
            "peildatum": peildata,
            "gebied": "IJMOND",
            "naam": "IJmond",
            "soort": "regio",
            "definitie": "bijstand_excl_aow",
            "aantal": list(aantallen),
            "bron": "b",
        }
    )


def part(*aantallen, half=None):
    rijen = [
        {"peildatum": d, "aantal": a, "periode": "jaar", "bron": "b"} for d, a in zip(JAREN, aantallen, strict=False)
    ]
    if half is not None:
        rijen.append({"peildatum": D(2019, 6, 30), "aantal": half, "periode": "halfjaar", "bron": "b"})
    return pd.DataFrame(rijen)


@pytest.mark.parametrize(
    "u,p,zin",
    [
        (
            (2000, 2050, 1950, 1900),
            (1000, 800, 700, 500),
            "Het aantal bijstandsuitkeringen bleef sinds 2015 vrijwel gelijk (-5,0%), terwijl steeds minder inwoners bij "
            "IJmond Werkt! instroomden (-50,0%).",
        ),
        (
            (2000, 2050, 1950, 1900),
            (500, 700, 600, 1000),
            "Het aantal bijstandsuitkeringen bleef sinds 2015 vrijwel gelijk (-5,0%), terwijl meer inwoners bij IJmond "
            "Werkt! instroomden (+100,0%).",
        ),
        (
            (2000, 2200, 2400, 2600),
            (1000, 800, 700, 500),
            "Het aantal bijstandsuitkeringen steeg sinds 2015 (+30,0%), terwijl steeds minder inwoners bij IJmond Werkt! "
            "instroomden (-50,0%).",
        ),
        (
            (2000, 1800, 1600, 1500),
            (1000, 900, 950, 800),
            "Het aantal bijstandsuitkeringen daalde sinds 2015 (-25,0%), en ook bij IJmond Werkt! stroomden minder "
            "inwoners in (-20,0%).",
        ),
        (
            (2000, 2000, 2000, 2050),
            (1000, 1010, 990, 1020),
            "Het aantal bijstandsuitkeringen bleef sinds 2015 vrijwel gelijk (+2,5%), en ook het aantal inwoners dat bij "
            "IJmond Werkt! instroomde bleef vrijwel gelijk (+2,0%).",
        ),
    ],
)
def test_the_headline_follows_the_direction_of_both_series(u, p, zin):
    assert k.overzicht_boodschap(uitk(*u), part(*p)) == zin


def test_the_headline_ignores_the_half_year_and_needs_two_peildata():
    assert k.overzicht_boodschap(uitk(2000, 1900), part(1000, 500, half=2000)).endswith("(-50,0%).")
    assert "te weinig peildata" in k.overzicht_boodschap(uitk(2000), part(1000, 500))


def test_kerncijfers_use_the_latest_peildatum_and_whole_years():
    c = k.uitkeringen_cbs(uitk(2970, 3010, 2960, 2800))
    assert (c.waarde, c.delta, c.peildatum) == ("2.800", "-170 (-5,7%) sinds 31-12-2015", "31-12-2018")
    p = k.participanten(part(1972, 1291, 964, 552, half=173))
    assert (p.waarde, p.delta, p.peildatum) == ("552", "-72,0% sinds 31-12-2015", "31-12-2018")
    assert "30-06-2019 betreft een half jaar" in p.toelichting


def test_velsens_share_is_the_scenario_model_on_its_defaults(engine):
    """The Overzicht's Velsen figure is ijmond_dash.analysis.scenario's result on the documented
    defaults: € 2.300.000 by inwoners medio 2024 (69.238 of 150.643), no dekking."""
    lees = queries.lezer(engine)
    a = k.frictiekosten_aandeel(lees, 2)
    assert (a.gemeente, a.naam, a.peildatum) == ("GM0453", "Velsen", D(2024, 6, 30))
    assert (
        a.berekend
        == model.verdeel(
            2_300_000, {"GM0375": Fraction(41_863), "GM0396": Fraction(39_542), "GM0453": Fraction(69_238)}
        )["GM0453"]
        == 1_057_118
    )
    assert (a.afgerond, a.eenheid) == (1_057_000, 1_000)  # the scenario page's rounding of its table
    assert k.frictiekosten_aandeel(lees, 1) is None  # not quantified in the documents
    kaart = k.frictiekosten(lees("frictiekosten"), 2, a)
    assert kaart.delta == "Velsen: €\xa01.057.000" and kaart.waarde == "€\xa02,3 mln"
    assert "'ongeveer €\xa01 mln'" in kaart.toelichting
