"""Series computations for the pages Uitkeringen and Aanmeldingen (pure, no Streamlit).

Everything here takes query results (DataFrames) and returns DataFrames or small
dataclasses; nothing invents a figure. Where a value is estimated (inwoners between two
known peildata, a half year converted to a full year, a fitted trend) the result says so
in a ``geschat``/``schatting`` flag and a Dutch ``methode`` text that the pages show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ijmond_dash.analysis import kerncijfers
from ijmond_dash.formatting import datum, getal, procent
from ijmond_dash.store import catalog

CBS = kerncijfers.CBS
PWET = kerncijfers.PWET
DEFINITIE_LABELS = {CBS: catalog.WAARDE_LABELS[CBS], PWET: catalog.WAARDE_LABELS[PWET]}
PERIODE_LABELS = {v: catalog.KOLOM_WAARDE_LABELS[("periode", v)] for v in ("jaar", "halfjaar")}
NIET_UITGESPLITST = "niet uitgesplitst"
HALFJAAR_FACTOR = 2  # a half year -> a full year, assuming the same pace in both halves

METHODE_BEKEND = "bekend uit de bron"
METHODE_GEEN = "geen inwonertal bekend"


def _ts(value) -> pd.Timestamp:
    return pd.Timestamp(value)


def _jaren(values) -> np.ndarray:
    """Dates as fractional years (for interpolation and trend fitting)."""
    ts = pd.to_datetime(pd.Series(list(values)))
    return (ts.dt.year + (ts.dt.day_of_year - 1) / 365.25).to_numpy(dtype=float)


# ---------------------------------------------------------------- inwoners


def _schat_gebied(bekend: pd.DataFrame, peildatum) -> tuple[float, bool, str]:
    """Inwoners of one gebied on one date from its known peildata (columns peildatum, aantal)."""
    bekend = bekend.sort_values("peildatum")
    exact = bekend[bekend["peildatum"] == peildatum]
    if len(exact):
        return float(exact.iloc[0]["aantal"]), False, METHODE_BEKEND
    if bekend.empty:
        return float("nan"), False, METHODE_GEEN
    if len(bekend) == 1:
        rij = bekend.iloc[0]
        methode = f"geschat: gelijk gehouden aan {datum(rij['peildatum'])} (enige bekende peildatum)"
        return float(rij["aantal"]), True, methode
    x = _jaren(bekend["peildatum"])
    y = bekend["aantal"].to_numpy(dtype=float)
    t = _jaren([peildatum])[0]
    if x[0] <= t <= x[-1]:
        i = int(np.searchsorted(x, t))  # x[i-1] < t < x[i]
        lo, hi = i - 1, i
        methode = "lineair geïnterpoleerd tussen"
    else:
        lo, hi = (0, 1) if t < x[0] else (len(x) - 2, len(x) - 1)
        methode = "lineair doorgetrokken vanuit"
    waarde = y[lo] + (y[hi] - y[lo]) * (t - x[lo]) / (x[hi] - x[lo])
    d_lo, d_hi = bekend.iloc[lo]["peildatum"], bekend.iloc[hi]["peildatum"]
    return float(waarde), True, f"geschat: {methode} {datum(d_lo)} en {datum(d_hi)}"


def inwoners_op(inwoners: pd.DataFrame, punten: pd.DataFrame, leden: pd.DataFrame | None = None) -> pd.DataFrame:
    """Inwoners for every (gebied, peildatum) in ``punten``, known or estimated.

    Known: the stored figure for that gebied and date. Otherwise, a gemeente is linearly
    interpolated between the two known peildata around the date (linearly extended from the
    nearest two outside them; held constant when only one is known). A regio that is not
    known on the date is the sum of its member gemeenten (``leden``: columns regio, gemeente),
    so it matches the uitkeringen total, which is also the sum of the gemeenten.
    Returns columns gebied, peildatum, inwoners (NaN when unknown), geschat, methode.
    """
    leden = leden if leden is not None else pd.DataFrame(columns=["regio", "gemeente"])
    leden_van = leden.groupby("regio")["gemeente"].apply(list).to_dict() if len(leden) else {}
    rows = []
    for gebied, peildatum in punten[["gebied", "peildatum"]].drop_duplicates().itertuples(index=False):
        eigen = inwoners[inwoners["gebied"] == gebied][["peildatum", "aantal"]]
        exact = eigen[eigen["peildatum"] == peildatum]
        if gebied in leden_van and exact.empty:
            delen = [
                _schat_gebied(inwoners[inwoners["gebied"] == g][["peildatum", "aantal"]], peildatum)
                for g in leden_van[gebied]
            ]
            if any(np.isnan(w) for w, _, _ in delen):
                rows.append((gebied, peildatum, float("nan"), False, METHODE_GEEN))
                continue
            geschat = any(g for _, g, _ in delen)
            methodes = "; ".join(dict.fromkeys(m for _, g, m in delen if g))
            methode = (
                ("som van de gemeenten" + (f" ({methodes})" if methodes else ""))
                if geschat
                else "som van de gemeenten, " + METHODE_BEKEND
            )
            rows.append((gebied, peildatum, sum(w for w, _, _ in delen), True if geschat else False, methode))
        else:
            rows.append((gebied, peildatum, *_schat_gebied(eigen, peildatum)))
    return pd.DataFrame(rows, columns=["gebied", "peildatum", "inwoners", "geschat", "methode"])


def inwoners_toelichting(inwoners: pd.DataFrame) -> str:
    """Which inwoners figures are known (per peildatum, the gemeenten) and how the rest is estimated."""
    gem = inwoners[inwoners.get("gebied_soort", pd.Series("gemeente", index=inwoners.index)) == "gemeente"]
    naam = "naam" if "naam" in gem.columns else "gebied"
    delen = [f"{datum(p)} ({', '.join(g.sort_values(naam)[naam])})" for p, g in gem.groupby("peildatum")]
    if not delen:
        return "Er zijn geen inwonertallen bekend; per 1.000 inwoners is niet te berekenen."
    return (
        "Inwonertallen zijn alleen bekend op " + " en ".join(delen) + ". Voor een andere peildatum is het "
        "inwonertal geschat: lineair geïnterpoleerd tussen de bekende peildata (daarbuiten lineair doorgetrokken; "
        "gelijk gehouden als er maar één bekend is); het IJmond-totaal is de som van de gemeenten. Geschatte "
        "punten zijn open getekend en staan in de tabel als geschat."
    )


def per_1000(uitkeringen: pd.DataFrame, inwoners: pd.DataFrame, leden: pd.DataFrame | None = None) -> pd.DataFrame:
    """Uitkeringen per 1.000 inwoners; adds columns inwoners, per_1000, geschat, methode."""
    schat = inwoners_op(inwoners, uitkeringen, leden)
    out = uitkeringen.merge(schat, on=["gebied", "peildatum"], how="left")
    out["per_1000"] = 1000 * out["aantal"].astype(float) / out["inwoners"]
    out["geschat"] = out["geschat"].fillna(False).astype(bool)
    out["methode"] = out["methode"].fillna(METHODE_GEEN)
    return out


# ---------------------------------------------------------------- index and ratio


def index(df: pd.DataFrame, waarde: str, basisjaar: int = 2015, groep: str | None = None) -> pd.Series:
    """``waarde`` as an index, basisjaar = 100 (the first peildatum in that year), per ``groep``.

    NaN where the series has no value in the basisjaar.
    """
    jaar = pd.to_datetime(pd.Series(list(df["peildatum"]), index=df.index)).dt.year
    groepen = df[groep] if groep else pd.Series(0, index=df.index)
    out = pd.Series(np.nan, index=df.index, dtype=float)
    for g in groepen.unique():
        mask = groepen == g
        basis = df[mask & (jaar == basisjaar)].sort_values("peildatum")
        if len(basis) and float(basis.iloc[0][waarde]) != 0:
            out[mask] = 100 * df.loc[mask, waarde].astype(float) / float(basis.iloc[0][waarde])
    return out


def jaarbasis(participanten: pd.DataFrame) -> pd.DataFrame:
    """Adds ``jaarbasis`` (a half year × 2) and ``schatting`` (True where converted)."""
    out = participanten.copy()
    half = out["periode"] == "halfjaar"
    out["jaarbasis"] = out["aantal"].astype(float).where(~half, out["aantal"].astype(float) * HALFJAAR_FACTOR)
    out["schatting"] = half
    return out


METHODE_JAARBASIS = (
    "schatting: het halfjaarcijfer × 2, in de veronderstelling dat het tweede halfjaar "
    "even veel aanmeldingen had als het eerste"
)


def participanten_per_100(
    participanten: pd.DataFrame, uitkeringen: pd.DataFrame, gebied: str = "IJMOND"
) -> pd.DataFrame:
    """Participanten per 100 bijstandsuitkeringen (CBS) of ``gebied`` on the same peildatum.

    Columns: peildatum, participanten, periode, uitkeringen, per_100, and with a half year
    also per_100_jaarbasis (a schatting).
    """
    u = uitkeringen[(uitkeringen["definitie"] == CBS) & (uitkeringen["gebied"] == gebied)]
    u = u[["peildatum", "aantal"]].rename(columns={"aantal": "uitkeringen"})
    p = jaarbasis(participanten)[["peildatum", "aantal", "periode", "jaarbasis", "schatting"]]
    out = p.rename(columns={"aantal": "participanten"}).merge(u, on="peildatum", how="inner")
    out["per_100"] = 100 * out["participanten"].astype(float) / out["uitkeringen"].astype(float)
    out["per_100_jaarbasis"] = 100 * out["jaarbasis"] / out["uitkeringen"].astype(float)
    return out.sort_values("peildatum").reset_index(drop=True)


# ---------------------------------------------------------------- trend


@dataclass(frozen=True)
class Trend:
    """A log-linear least-squares fit ln(aantal) = a + b·jaar over the full-year points."""

    a: float
    b: float
    van: dt.date
    tot: dt.date
    punten: int

    # for the "Hoe berekend?" section; the main path says it in plain words (UITLEG)
    METHODE = (
        "log-lineaire kleinste-kwadratenfit (ln aantal = a + b·jaar) over de peildata met een "
        "heel jaar; de gemiddelde jaarlijkse verandering is e^b − 1"
    )
    UITLEG = "De trendlijn gaat zo dicht mogelijk langs de jaarcijfers en verandert elk jaar met hetzelfde percentage"

    @property
    def pct_per_jaar(self) -> float:
        return 100 * (float(np.exp(self.b)) - 1)

    def waarde(self, peildata) -> np.ndarray:
        return np.exp(self.a + self.b * _jaren(peildata))


def trend(participanten: pd.DataFrame) -> Trend | None:
    """The fitted trend of the full-year points; None with fewer than two of them (or a zero)."""
    jaren = participanten[participanten["periode"] == "jaar"].sort_values("peildatum")
    if len(jaren) < 2 or (jaren["aantal"] <= 0).any():
        return None
    x = _jaren(jaren["peildatum"])
    y = np.log(jaren["aantal"].to_numpy(dtype=float))
    b, a = np.polyfit(x, y, 1)
    return Trend(float(a), float(b), jaren.iloc[0]["peildatum"], jaren.iloc[-1]["peildatum"], len(jaren))


def _richting(pct: float, werkwoord=("daalde", "steeg")) -> str:
    return werkwoord[0] if pct < 0 else werkwoord[1]


STABIEL_PCT = kerncijfers.STABIEL_PCT  # a change smaller than this (in %) is called "vrijwel gelijk"


def trendzin(participanten: pd.DataFrame, uitkeringen: pd.DataFrame, t: Trend | None, gebied: str = "IJMOND") -> str:
    """The Dutch sentence that states the trend with its numbers ("Sinds 2015 daalde …").

    The participanten change is the kerncijfer's (``kerncijfers.participanten_verandering``: the
    first and the latest full year). The uitkeringen are compared on those same two peildata,
    which the sentence names: the uitkeringen kerncijfer itself runs to the latest CBS peildatum.
    """
    v = kerncijfers.participanten_verandering(participanten)
    if v is None or v.van == v.tot:
        return "Er zijn te weinig volledige jaren om een trend te berekenen."
    pct = v.pct
    zin = (
        f"Sinds {v.van.year} {_richting(pct)} het aantal participanten bij IJmond Werkt! van "
        f"{getal(v.eerste)} naar {getal(v.laatste)} in {v.tot.year} "
        f"({'+' if pct > 0 else ''}{procent(pct)})"
    )
    if t is not None:
        zin += f": gemiddeld {procent(abs(t.pct_per_jaar))} {'minder' if t.pct_per_jaar < 0 else 'meer'} per jaar"
    zin += "."
    u = uitkeringen[(uitkeringen["definitie"] == CBS) & (uitkeringen["gebied"] == gebied)]
    u0 = u[u["peildatum"] == v.van]
    u1 = u[u["peildatum"] == v.tot]
    if len(u0) and len(u1):
        a0, a1 = int(u0.iloc[0]["aantal"]), int(u1.iloc[0]["aantal"])
        upct = 100 * (a1 - a0) / a0
        cijfers = f"van {getal(a0)} naar {getal(a1)} ({'+' if upct > 0 else ''}{procent(upct)})"
        op = f"Op dezelfde peildata ({datum(v.van)} en {datum(v.tot)})"
        if abs(upct) < STABIEL_PCT:
            zin += f" {op} bleef het aantal bijstandsuitkeringen in de IJmond vrijwel gelijk: {cijfers}."
        else:
            zin += f" {op} {_richting(upct)} het aantal bijstandsuitkeringen in de IJmond {cijfers}."
    return zin


# ---------------------------------------------------------------- uitkeringen page


def uitkeringen_boodschap(uitkeringen: pd.DataFrame, gebied: str = "IJMOND") -> str:
    """The one message of the Uitkeringen page, from the data."""
    cbs = uitkeringen[(uitkeringen["definitie"] == CBS) & (uitkeringen["gebied"] == gebied)]
    pwet = uitkeringen[(uitkeringen["definitie"] == PWET) & (uitkeringen["gebied"] == gebied)]
    if cbs.empty:
        return "Er zijn geen uitkeringsaantallen beschikbaar."
    j0, j1 = _ts(cbs["peildatum"].min()).year, _ts(cbs["peildatum"].max()).year
    zin = (
        f"Het aantal bijstandsuitkeringen in de IJmond lag van {j0} tot en met {j1} steeds tussen "
        f"{getal(cbs['aantal'].min())} en {getal(cbs['aantal'].max())}."
    )
    if len(pwet):
        rij = pwet.sort_values("peildatum").iloc[-1]
        zin += (
            f" Medio {_ts(rij['peildatum']).year}: {getal(rij['aantal'])} uitkeringen P-wet "
            "(andere definitie, niet te vergelijken)."
        )
    return zin


def uitsplitsing_met_rest(uitsplitsing: pd.DataFrame, uitkeringen: pd.DataFrame, dimensie: str) -> pd.DataFrame:
    """The breakdown of one dimensie per gebied, with the part it does not cover.

    ``uitkeringen`` are the totals of the same peildatum (P-wet). Adds a row per gebied with
    categorie "niet uitgesplitst" when the breakdown is smaller than the total. When it is
    larger, no negative bar is made: the gebied gets ``overschot`` > 0 instead.
    Columns: gebied, naam, categorie, volgorde, aantal, totaal, som, overschot, aandeel (% of totaal), bron.
    """
    d = uitsplitsing[uitsplitsing["dimensie"] == dimensie]
    tot = uitkeringen[["peildatum", "gebied", "aantal"]].rename(columns={"aantal": "totaal"})
    d = d.merge(tot, on=["peildatum", "gebied"], how="inner")
    if d.empty:
        return pd.DataFrame(
            columns=[
                "peildatum",
                "gebied",
                "naam",
                "categorie",
                "volgorde",
                "aantal",
                "totaal",
                "som",
                "overschot",
                "aandeel",
                "bron",
            ]
        )
    som = d.groupby("gebied")["aantal"].transform("sum")
    d = d.assign(som=som)
    rest_rows = []
    for _gebied, g in d.groupby("gebied", sort=False):
        rest = int(g["totaal"].iloc[0]) - int(g["som"].iloc[0])
        if rest > 0:
            r = g.iloc[0].copy()
            r["categorie"], r["volgorde"], r["aantal"] = NIET_UITGESPLITST, int(g["volgorde"].max()) + 1, rest
            rest_rows.append(r)
    out = pd.concat([d, pd.DataFrame(rest_rows)], ignore_index=True) if rest_rows else d
    out["overschot"] = (out["som"] - out["totaal"]).clip(lower=0).astype(int)
    out["aandeel"] = 100 * out["aantal"].astype(float) / out["totaal"].astype(float)
    cols = [
        "peildatum",
        "gebied",
        "naam",
        "categorie",
        "volgorde",
        "aantal",
        "totaal",
        "som",
        "overschot",
        "aandeel",
        "bron",
    ]
    return out[[c for c in cols if c in out.columns]].sort_values(["gebied", "volgorde"]).reset_index(drop=True)


def bereik(percentages: pd.DataFrame, in_traject: pd.DataFrame, uitkeringen: pd.DataFrame) -> pd.DataFrame:
    """Share of the uitkeringen (P-wet) in lopend traject bij IJW per gebied, as the document gives it.

    Columns: peildatum, gebied, naam, percentage (document), in_traject, uitkeringen, bron.
    """
    p = percentages[percentages["kengetal"] == "in_traject_per_uitkeringen"]
    p = p[["peildatum", "gebied", "naam", "percentage", "bron"]]
    t = in_traject[["peildatum", "gebied", "aantal"]].rename(columns={"aantal": "in_traject"})
    u = uitkeringen[uitkeringen["definitie"] == PWET][["peildatum", "gebied", "aantal"]]
    u = u.rename(columns={"aantal": "uitkeringen"})
    out = p.merge(t, on=["peildatum", "gebied"], how="left").merge(u, on=["peildatum", "gebied"], how="left")
    out["percentage"] = out["percentage"].astype(float)
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class Aanmeldingen:
    """What the Aanmeldingen page derives from the store (``aanmeldingen``)."""

    participanten: pd.DataFrame  # with jaarbasis and schatting
    uitkeringen: pd.DataFrame  # the CBS series
    trend: Trend | None
    zin: str  # the page's one message
    per_100: pd.DataFrame  # participanten per 100 uitkeringen of the gebied


def aanmeldingen(lees, gebied: str = "IJMOND") -> Aanmeldingen:
    """The series, trend, sentence and ratio of the Aanmeldingen page, from ``lees`` (see
    ``ui.berekend``, which keeps the result per store version)."""
    part = jaarbasis(lees("participanten"))
    uitk = lees("uitkeringen", CBS)
    t = trend(part)
    return Aanmeldingen(part, uitk, t, trendzin(part, uitk, t, gebied), participanten_per_100(part, uitk, gebied))
