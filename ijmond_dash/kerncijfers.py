"""The kerncijfers of the Overzicht page, computed from query results (pure, no Streamlit)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .formatting import datum, euro_kort, getal, periode, procent


@dataclass(frozen=True)
class Kerncijfer:
    label: str
    waarde: str
    delta: str | None
    toelichting: str
    bron: str  # bron code
    peildatum: str
    pagina: str  # page key in ui.PAGES
    is_verandering: bool = False  # True: the delta is a change over time (show an arrow)


def _ijmond(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["gebied"] == "IJMOND"].sort_values("peildatum")


def uitkeringen_cbs(uitkeringen: pd.DataFrame) -> Kerncijfer:
    reeks = _ijmond(uitkeringen[uitkeringen["definitie"] == "bijstand_excl_aow"])
    eerste, laatste = reeks.iloc[0], reeks.iloc[-1]
    verschil = int(laatste["aantal"]) - int(eerste["aantal"])
    pct = 100 * verschil / int(eerste["aantal"])
    return Kerncijfer(
        "Bijstandsuitkeringen IJmond",
        getal(laatste["aantal"]),
        f"{'+' if verschil >= 0 else ''}{getal(verschil)} ({procent(pct)}) sinds {datum(eerste['peildatum'])}",
        "Bijstand excl. AOW (CBS), Beverwijk, Heemskerk en Velsen samen.",
        laatste["bron"],
        datum(laatste["peildatum"]),
        "uitkeringen",
        is_verandering=True,
    )


def uitkeringen_pwet(uitkeringen: pd.DataFrame) -> Kerncijfer:
    rij = _ijmond(uitkeringen[uitkeringen["definitie"] == "pwet_personen"]).iloc[-1]
    return Kerncijfer(
        "Uitkeringen P-wet (personen)",
        getal(rij["aantal"]),
        None,
        "Medio 2024; andere definitie en bron dan de CBS-reeks, dus niet te vergelijken.",
        rij["bron"],
        "medio 2024",
        "uitkeringen",
    )


def in_traject(traject: pd.DataFrame, percentages: pd.DataFrame) -> Kerncijfer:
    rij = _ijmond(traject).iloc[-1]
    pct = percentages[(percentages["gebied"] == "IJMOND") & (percentages["kengetal"] == "in_traject_per_uitkeringen")]
    deel = f"{procent(pct.iloc[0]['percentage'], 2)} van de uitkeringen P-wet" if len(pct) else None
    return Kerncijfer(
        "In lopend traject bij IJmond Werkt!",
        getal(rij["aantal"]),
        deel,
        "Inwoners met een uitkering die in traject zijn bij IJmond Werkt!",
        rij["bron"],
        "medio 2024",
        "uitkeringen",
    )


def participanten(part: pd.DataFrame) -> Kerncijfer:
    jaren = part[part["periode"] == "jaar"].sort_values("peildatum")
    eerste, laatste = jaren.iloc[0], jaren.iloc[-1]
    pct = 100 * (int(laatste["aantal"]) - int(eerste["aantal"])) / int(eerste["aantal"])
    return Kerncijfer(
        "Participanten bij IJmond Werkt!",
        getal(laatste["aantal"]),
        f"{procent(pct)} sinds {datum(eerste['peildatum'])}",
        "Laatste volledige jaar; de waarde op 30-06-2022 betreft een half jaar.",
        laatste["bron"],
        datum(laatste["peildatum"]),
        "aanmeldingen",
        is_verandering=True,
    )


def frictiekosten(frictie: pd.DataFrame, scenario: int) -> Kerncijfer:
    rijen = frictie[(frictie["scenario"] == scenario) & (frictie["gebied"] == "IJMOND") & frictie["jaar"].isna()]
    if rijen.empty:
        return Kerncijfer(
            f"Frictiekosten scenario {scenario}",
            "niet gekwantificeerd",
            None,
            "De stukken noemen voor dit scenario geen bedrag; op de scenariopagina kunt u een aanname invullen.",
            "rv2025_financieel",
            "raadsvoorstel 2025",
            "scenario",
        )
    rij = rijen.iloc[0]
    velsen = frictie[(frictie["scenario"] == scenario) & (frictie["gebied"] == "GM0453") & frictie["jaar"].isna()]
    delta = f"waarvan Velsen {velsen.iloc[0]['benadering']} {euro_kort(velsen.iloc[0]['bedrag'])}" if len(velsen) else None
    return Kerncijfer(
        f"Frictiekosten scenario {scenario}",
        euro_kort(rij["bedrag"]),
        delta,
        "Bron: raadsvoorstel; incidenteel, vanaf de ingangsdatum 1-1-2027.",
        rij["bron"],
        "raadsvoorstel 2025",
        "scenario",
    )


def uitstroom_werk(uitstroom: pd.DataFrame) -> Kerncijfer:
    """Werkaanvaardingen in the latest reported period, IJmond total."""
    rijen = uitstroom[(uitstroom["gebied"] == "IJMOND") & (uitstroom["soort"] == "werkaanvaarding")]
    rij = rijen.sort_values("periode_eind").iloc[-1]
    parttime = uitstroom[(uitstroom["gebied"] == "IJMOND") & (uitstroom["soort"] == "parttime_werk")
                         & (uitstroom["periode_eind"] == rij["periode_eind"])]
    delta = f"plus {getal(parttime.iloc[0]['aantal'])} met parttime werk" if len(parttime) else None
    return Kerncijfer(
        "Uitstroom naar werk",
        getal(rij["aantal"]),
        delta,
        "Inwoners die via werkaanvaarding uit een traject bij IJmond Werkt! en uit de uitkering stroomden.",
        rij["bron"],
        periode(rij["periode_begin"], rij["periode_eind"]),
        "cijfers",
    )


def overzicht(lees, scenario: int) -> list[Kerncijfer]:
    """The six kerncijfers of the Overzicht page in screen order; ``lees`` runs a query
    (``ui.berekend`` caches the result per store version, ``queries.lezer`` for tests)."""
    uitkeringen = lees("uitkeringen")
    return [
        uitkeringen_cbs(uitkeringen),
        uitkeringen_pwet(uitkeringen),
        in_traject(lees("dataset", "in_traject"), lees("dataset", "percentages")),
        participanten(lees("participanten")),
        frictiekosten(lees("frictiekosten"), scenario),
        uitstroom_werk(lees("dataset", "uitstroom")),
    ]
