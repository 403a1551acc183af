"""The frictiekosten scenario model (pure Python, no Streamlit, no pandas).

The raadsvoorstel quantifies only scenario 2: € 2,3 mln frictiekosten, "ongeveer € 1 miljoen"
for Velsen "volgens de huidige verdeelsleutel", € 500.000 in 2027 and 2028, start 1-1-2027.
This module lets a user move every assumption behind such a statement:

- the total per scenario (documented, or the user's own "aanname"; never invented),
- the verdeelsleutel (inwoners, uitkeringen P-wet, in traject bij IJW, the cost split of the
  projectopdracht 2011, or own percentages),
- the fasering (ingangsdatum, number of years, share of the first year),
- the dekking per gemeente (reserve, impulsbudget per year over N years, a percentage
  compensation from herstructureringsmiddelen),

and computes the net cost per gemeente per year. Money is whole euros (``int``) throughout;
shares are exact fractions; every split is a largest-remainder allocation, so the parts
always add up to the whole. What the page shows is rounded to the precision of the inputs
(``afrondingseenheid``) by a controlled rounding (``afronden_tabel``): every shown figure is
within one unit of the exact one and the rounded parts add up to the rounded totals, per
gemeente and per year. Defaults come from the stored dataset (``standaarden``), never from
constants here. Errors are ``ScenarioFout`` with a Dutch message for the user.

The parts, in the order of the computation: ``basis``, ``geld``, ``sleutels``, ``berekening``, ``standaarden``, ``invoer``.
"""

from ijmond_dash.analysis.scenario.basis import (  # noqa: F401
    AANNAME,
    BRON,
    DOCUMENTSLEUTEL,
    EENHEID_AFGEROND,
    GEVOELIGHEID_STAP,
    KOSTEN_2011,
    NIET_GEKWANTIFICEERD,
    SLEUTEL_UITLEG,
    SLEUTELS,
    Getal,
    ScenarioFout,
)
from ijmond_dash.analysis.scenario.berekening import (  # noqa: F401
    Gevoeligheid,
    Regel,
    Resultaat,
    bereken,
    doorrekenen,
    gevoeligheid,
    netto_per_jaar_rijen,
    saldo_tekst,
)
from ijmond_dash.analysis.scenario.geld import (  # noqa: F401
    Afgerond,
    _afronden,
    _fractie,
    _geheel_bedrag,
    _min_kosten_stroom,
    _voorkeur,
    afronden_lijst,
    afronden_tabel,
    afrondingseenheid,
    afrondingsregel,
    euro_geheel,
    invoerbedragen,
    verdeel,
)
from ijmond_dash.analysis.scenario.invoer import (  # noqa: F401
    Soort,
    Veld,
    afwijkingen,
    dekking_uit,
    herkomst,
    ongeldige_parameters,
    slug,
    velden,
)
from ijmond_dash.analysis.scenario.sleutels import (  # noqa: F401
    Dekking,
    Fasering,
    Verdeelsleutel,
    _als_datum,
    _als_int,
    _datum,
    _int,
    _leeg,
    eigen_sleutel,
    fasering,
    leden,
    percentages_van,
    regio_verschil,
    sleutel_uit_kostenverdeling,
    sleutel_uit_rijen,
)
from ijmond_dash.analysis.scenario.standaarden import (  # noqa: F401
    JAREN_IN_KOLOMMEN,
    SAMEN,
    TOTAAL,
    Standaarden,
    _decimaal,
    _jaren_tekst,
    _opsomming,
    jaartabel,
    kernboodschap,
    per_jaar_tekst,
    scenario_vergelijking,
    sleutel_vergelijking,
    standaarden,
    status,
    stukken_tekst,
    verdeling_uitleg,
    vergelijking,
    verschil_kort,
    verschil_tekst,
    volgorde,
)
