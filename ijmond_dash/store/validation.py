"""Rules the source documents imply, checked on typed frames, with Dutch messages.

``validate(frames)`` takes the whole would-be state of the store (one frame per dataset,
as made by ``loader.parse``) and returns problems (data is refused) and notes (data is
stored as the document gives it, and the difference is recorded). Every message names the
file, the row (the CSV line number) and the rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ijmond_dash import limieten
from ijmond_dash.formatting import getal
from ijmond_dash.store import catalog

ROW = "_rij"  # CSV line number of a row (header is line 1); None for rows from the store
FILE = "_bestand"  # file a row came from


@dataclass(frozen=True)
class Problem:
    bestand: str
    rij: int | None
    regel: str
    melding: str

    def __str__(self) -> str:
        waar = f"{self.bestand}, rij {self.rij}" if self.rij else self.bestand
        return f"{waar} — {self.regel}: {self.melding}"


@dataclass(frozen=True)
class Note:
    dataset: str
    regel: str
    omschrijving: str
    verschil: int | None
    bron: str | None


GRENS = "past niet in de database"  # the rule of a value beyond its column's limits (limieten)


class ValidationFailed(Exception):
    """Raised with every problem found; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _file(df: pd.DataFrame, ds: catalog.Dataset, i) -> str:
    if FILE in df.columns and isinstance(df.at[i, FILE], str):
        return df.at[i, FILE]
    return ds.csv_name


def _row(df: pd.DataFrame, i) -> int | None:
    if ROW not in df.columns:
        return None
    v = df.at[i, ROW]
    return None if v is None or pd.isna(v) else int(v)


def _label(df: pd.DataFrame, i, cols) -> str:
    parts = []
    for c in cols:
        v = df.at[i, c]
        if hasattr(v, "strftime"):
            v = v.strftime("%d-%m-%Y")
        parts.append(f"{c} {v}")
    return ", ".join(parts)


def _fmt(v) -> str:
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        return getal(v, 2 if isinstance(v, Decimal) and v != v.to_integral_value() else 0)
    return str(v)


# ---------------------------------------------------------------- generic rules


def _check_columns(ds: catalog.Dataset, df: pd.DataFrame) -> list[Problem]:
    problems = []
    for col in ds.columns:
        for i in df.index:
            v = df.at[i, col.name]
            if v is None:
                if not col.nullable:
                    problems.append(
                        Problem(_file(df, ds, i), _row(df, i), "verplicht veld", f"kolom '{col.name}' is leeg")
                    )
                continue
            grens = limieten.kolom_probleem(col.kind, col.name, v)
            if grens:  # beyond what the store's column holds: the value would change or the write fail
                problems.append(Problem(_file(df, ds, i), _row(df, i), GRENS, grens))
                continue
            if col.values is not None and v not in col.values:
                toegestaan = ", ".join(col.values)
                problems.append(
                    Problem(
                        _file(df, ds, i),
                        _row(df, i),
                        "onbekende waarde",
                        f"'{v}' is geen geldige waarde voor '{col.name}' (toegestaan: {toegestaan})",
                    )
                )
            if col.unit in ("aantal", "euro") and col.kind in ("int", "decimal") and v < 0:
                problems.append(
                    Problem(
                        _file(df, ds, i),
                        _row(df, i),
                        "negatief aantal",
                        f"'{col.name}' is {_fmt(v)}; een {'bedrag' if col.unit == 'euro' else 'aantal'} kan niet negatief zijn",
                    )
                )
    return problems


def _check_refs(ds: catalog.Dataset, df: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    for col in ds.columns:
        if not col.ref:
            continue
        ref_ds = catalog.dataset(col.ref)
        ref_df = frames.get(col.ref)
        known = set() if ref_df is None else set(ref_df[ref_ds.key[0]])
        for i in df.index:
            v = df.at[i, col.name]
            if v is not None and v not in known:
                wat = {
                    "gebieden": "gemeente of regio",
                    "bronnen": "bron",
                    "scenarios": "scenario",
                    "documenten": "document",
                }.get(col.ref, col.ref)
                problems.append(
                    Problem(
                        _file(df, ds, i),
                        _row(df, i),
                        f"onbekende {wat}",
                        f"'{v}' in kolom '{col.name}' is geen bekende {wat}",
                    )
                )
    return problems


def _check_unique(ds: catalog.Dataset, df: pd.DataFrame) -> list[Problem]:
    problems = []
    seen: dict[tuple, int] = {}
    for i in df.index:
        k = tuple(df.at[i, c] for c in ds.key)
        if k in seen:
            first = seen[k]
            waar = f"rij {_row(df, first)}" if _row(df, first) else "de database"
            problems.append(
                Problem(_file(df, ds, i), _row(df, i), "dubbele rij", f"{_label(df, i, ds.key)} komt al voor ({waar})")
            )
        else:
            seen[k] = i
    return problems


# ---------------------------------------------------------------- declared rules


def _members(frames: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    leden = frames.get("gebied_leden")
    out: dict[str, set[str]] = {}
    if leden is None:
        return out
    for regio, gemeente in zip(leden["regio"], leden["gemeente"], strict=True):
        out.setdefault(regio, set()).add(gemeente)
    return out


def _regio_som(ds, df, rule, frames):
    value, group = rule.params["value"], tuple(rule.params["group"])
    members = _members(frames)
    found = []
    keyed = df.groupby(list(group), dropna=False) if group else [((), df)]
    for _, part in keyed:
        by_gebied = dict(zip(part["gebied"], part.index, strict=True))
        for regio, leden in members.items():
            if regio not in by_gebied or not leden.issubset(by_gebied):
                continue
            i = by_gebied[regio]
            totaal = df.at[i, value]
            som = sum(df.at[by_gebied[g], value] for g in leden)
            if totaal != som:
                found.append(
                    (
                        i,
                        totaal,
                        som,
                        f"totaal {_naam(frames, regio)} ({_fmt(totaal)}) is niet gelijk aan de som van de "
                        f"gemeenten ({_fmt(som)}), verschil {_fmt(totaal - som)}"
                        + (f" bij {_label(df, i, group)}" if group else ""),
                    )
                )
    return found


def _totaalrij(ds, df, rule, frames):
    col, total, values, group = (rule.params[k] for k in ("col", "total", "values", "group"))
    found = []
    for _, part in df.groupby(list(group), dropna=False):
        totals = part[part[col] == total]
        rest = part[part[col] != total]
        for i in totals.index:
            for v in values:
                som = sum(rest[v])
                if df.at[i, v] != som:
                    found.append(
                        (
                            i,
                            df.at[i, v],
                            som,
                            f"'{v}' van de totaalrij ({_fmt(df.at[i, v])}) is niet gelijk aan de som van "
                            f"de andere rijen ({_fmt(som)})",
                        )
                    )
    return found


def _identiteit(ds, df, rule, frames):
    terms, target = rule.params["terms"], rule.params["target"]
    found = []
    for i in df.index:
        vals = [df.at[i, c] for c, _ in terms]
        if any(v is None for v in vals) or df.at[i, target] is None:
            continue
        uitkomst = sum(sign * v for (_, sign), v in zip(terms, vals, strict=True))
        if uitkomst != df.at[i, target]:
            som = " ".join(("+ " if s > 0 else "− ") + f"{c} {_fmt(df.at[i, c])}" for c, s in terms).lstrip("+ ")
            found.append(
                (i, df.at[i, target], uitkomst, f"{som} = {_fmt(uitkomst)}, maar {target} is {_fmt(df.at[i, target])}")
            )
    return found


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _ratio(ds, df, rule, frames):
    p = rule.params
    found = []
    for i in df.index:
        teller, noemer, target = df.at[i, p["teller"]], df.at[i, p["noemer"]], df.at[i, p["target"]]
        if not noemer:
            continue
        expected = _round(Decimal(teller) * 100 / Decimal(noemer), p["decimals"])
        if Decimal(target) != expected:
            found.append(
                (
                    i,
                    target,
                    expected,
                    f"{p['target']} {_fmt(target)} past niet bij {_fmt(teller)} / {_fmt(noemer)} = {_fmt(expected)}%",
                )
            )
    return found


# ---------------------------------------------------------------- cross-dataset rules


def _lookup(frames, name, keys, value="aantal"):
    df = frames.get(name)
    if df is None:
        return {}
    return {tuple(r[k] for k in keys): r[value] for _, r in df.iterrows()}


def _percentages(ds, df, rule, frames):
    """Each percentage equals its counts, rounded to the 2 decimals the document gives.

    For a regio the denominator is the sum of its gemeenten: the medio-2024 document's
    2,44% belongs to the sum of its inwoners (150.643), not to the total it prints (150.533).
    """
    members = _members(frames)
    inw = _lookup(frames, "inwoners", ("peildatum", "gebied"))
    uitk = {
        (k[0], k[1]): v
        for k, v in _lookup(frames, "uitkeringen", ("peildatum", "gebied", "definitie")).items()
        if k[2] == "pwet_personen"
    }
    traj = _lookup(frames, "in_traject", ("peildatum", "gebied"))

    def count(table, peildatum, gebied):
        if gebied in members and all((peildatum, g) in table for g in members[gebied]):
            return sum(table[(peildatum, g)] for g in members[gebied])
        return table.get((peildatum, gebied))

    found: list[tuple[Any, Any, Decimal | None, str]] = []
    for i in df.index:
        pd_, g, k, pct = (df.at[i, c] for c in ("peildatum", "gebied", "kengetal", "percentage"))
        if k == "uitkeringen_per_inwoners":
            teller, noemer = count(uitk, pd_, g), count(inw, pd_, g)
        else:
            teller, noemer = count(traj, pd_, g), count(uitk, pd_, g)
            if k == "niet_in_traject_per_uitkeringen" and teller is not None and noemer is not None:
                teller = noemer - teller
        if teller is None or not noemer:
            found.append((i, pct, None, f"geen aantallen gevonden om {k} voor {g} te controleren"))
            continue
        expected = _round(Decimal(teller) * 100 / Decimal(noemer), 2)
        if pct != expected:
            found.append(
                (
                    i,
                    pct,
                    expected,
                    f"{k} voor {g} is {_fmt(pct)}%, maar {_fmt(teller)} / {_fmt(noemer)} = {_fmt(expected)}%",
                )
            )
    return found


def _naam(frames, code: str) -> str:
    g = frames.get("gebieden")
    if g is None:
        return code
    namen = dict(zip(g["code"], g["naam"], strict=True))
    return namen.get(code, code)


def _uitsplitsing_dekking(ds, df, rule, frames):
    uitk = _lookup(frames, "uitkeringen", ("peildatum", "gebied", "definitie"))
    found = []
    for (peildatum, gebied, dimensie), part in df.groupby(["peildatum", "gebied", "dimensie"]):
        totaal = uitk.get((peildatum, gebied, "pwet_personen"))
        if totaal is None:
            continue
        som = sum(part["aantal"])
        if som != totaal:
            i = part.index[0]
            rest = (
                f"niet uitgesplitst: {_fmt(totaal - som)}"
                if som < totaal
                else f"de uitsplitsing is {_fmt(som - totaal)} groter dan het totaal"
            )
            found.append(
                (
                    i,
                    som,
                    totaal,
                    f"de uitsplitsing naar {dimensie} voor {_naam(frames, gebied)} ({gebied}) telt op tot "
                    f"{_fmt(som)}, het aantal uitkeringen is {_fmt(totaal)} ({rest})",
                )
            )
    return found


def _fasen_uitstroom_binnen_af(ds, df, rule, frames):
    af = _lookup(frames, "fasen", ("periode_begin", "periode_eind", "fase"), "af")
    found = []
    for (b, e, fase), part in df.groupby(["periode_begin", "periode_eind", "fase"]):
        grens = af.get((b, e, fase))
        som = sum(part["aantal"])
        if grens is not None and som > grens:
            found.append(
                (
                    part.index[0],
                    som,
                    grens,
                    f"uitstroom naar reden uit '{fase}' ({_fmt(som)}) is groter dan 'af' ({_fmt(grens)})",
                )
            )
    return found


def _financien_totalen(ds, df, rule, frames):
    found = []
    for _, part in df.groupby(["periode_begin", "periode_eind"]):
        programmas = part[part["soort"] == "programma"]
        saldo_rij = part[part["soort"] == "saldo"]
        resultaat = part[part["soort"] == "resultaat"]
        reserves = part[part["soort"] == "reserve"]
        for i in saldo_rij.index:
            for c in ("baten", "lasten", "saldo"):
                som = sum(programmas[c])
                if df.at[i, c] != som:
                    found.append(
                        (
                            i,
                            df.at[i, c],
                            som,
                            f"'{c}' van '{df.at[i, 'regel']}' ({_fmt(df.at[i, c])}) is "
                            f"niet de som van de programma's ({_fmt(som)})",
                        )
                    )
        for i in resultaat.index:
            for c in ("baten", "lasten", "saldo"):
                som = sum(saldo_rij[c]) + sum(reserves[c])
                if df.at[i, c] != som:
                    found.append(
                        (
                            i,
                            df.at[i, c],
                            som,
                            f"'{c}' van het resultaat ({_fmt(df.at[i, c])}) is niet saldo plus reserves ({_fmt(som)})",
                        )
                    )
    return found


def _begroting_2011(ds, df, rule, frames):
    found = []
    for _, part in df.groupby("onderdeel"):
        totaal = part[part["post"] == "Totaal per jaar"]
        rest = part[part["post"] != "Totaal per jaar"]
        for i in totaal.index:
            som = sum(rest["bedrag_per_jaar"])
            if df.at[i, "bedrag_per_jaar"] != som:
                found.append(
                    (
                        i,
                        df.at[i, "bedrag_per_jaar"],
                        som,
                        f"totaal {_fmt(df.at[i, 'bedrag_per_jaar'])} is niet de som van de posten ({_fmt(som)})",
                    )
                )
    return found


RuleFn = Callable[[catalog.Dataset, pd.DataFrame, catalog.Rule, dict], list]

DECLARED_RULES: dict[str, RuleFn] = {
    "regio_som": _regio_som,
    "totaalrij": _totaalrij,
    "identiteit": _identiteit,
    "ratio": _ratio,
}

EXTERNAL_RULES: dict[str, RuleFn] = {
    "percentages": _percentages,
    "uitsplitsing_dekking": _uitsplitsing_dekking,
    "fasen_uitstroom_binnen_af": _fasen_uitstroom_binnen_af,
    "financien_totalen": _financien_totalen,
    "begroting_2011": _begroting_2011,
}


def validate(frames: dict[str, pd.DataFrame]) -> tuple[list[Problem], list[Note]]:
    """All problems and notes for the would-be state ``frames`` (dataset name -> frame)."""
    problems: list[Problem] = []
    notes: list[Note] = []
    for name, df in frames.items():
        ds = catalog.dataset(name)
        basic = _check_columns(ds, df) + _check_refs(ds, df, frames) + _check_unique(ds, df)
        problems += basic
        if basic:
            continue  # declared rules assume complete, typed, unique rows
        for rule in ds.rules:
            fn = EXTERNAL_RULES[rule.params["check"]] if rule.kind == "extern" else DECLARED_RULES[rule.kind]
            for i, _shown, _expected, melding in fn(ds, df, rule, frames):
                if rule.mode == "weigeren":
                    problems.append(Problem(_file(df, ds, i), _row(df, i), rule.description, melding))
                else:
                    verschil = None
                    if isinstance(_shown, int) and isinstance(_expected, int):
                        verschil = int(_shown) - int(_expected)
                        if not limieten.GETAL_MIN <= verschil <= limieten.GETAL_MAX:
                            verschil = None  # the note's text still gives it; the column holds a BIGINT
                    notes.append(
                        Note(
                            name,
                            rule.description,
                            melding,
                            verschil,
                            df.at[i, "bron"] if "bron" in df.columns else None,
                        )
                    )
    return problems, notes
