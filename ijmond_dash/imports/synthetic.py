"""Synthetic trajectory events for demos and benchmarks: seeded, 1.000 to 1.000.000 events.

Nothing here describes real people. The rows are written with ``synthetisch = True``; the
page labels them "synthetisch" wherever they are shown, and the default dataset never
contains them (``loader`` does not call this module).

The model below is an assumption ('aanname'), loosely shaped after the halfjaarrapportage
2023: most clients start in Kennismaking; a fase lasts from about two months (Kennismaking)
to a year (Werk houden) with a log-normal spread; after a fase a client moves to the next
fase, skips one, falls back, or leaves (uitstroom) for a reason that depends on the fase
(werk mostly from the later fasen, voortijdig afgebroken mostly early).

``generate(n, seed)`` returns exactly ``n`` events; ``load(engine, n, seed)`` replaces the
synthetic events in the store by those, with a bulk insert (COPY on Postgres, executemany on
SQLite) in one transaction, and bumps the store version. The stored neighbour columns
(``trajecten.buren_bijwerken``) are computed in pandas first and go in with the same insert.

Command line: ``python -m ijmond_dash.imports.synthetic 100000 --seed 1`` (``--verwijder`` removes them).
"""

from __future__ import annotations

import argparse
import io

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ijmond_dash.imports.trajecten import UITSTROOMREDENEN
from ijmond_dash.store import catalog, db, loader, models

MIN_EVENTS, MAX_EVENTS = 1_000, 1_000_000
GEMEENTEN = ("GM0375", "GM0396", "GM0453")
GEMEENTE_KANS = (0.38, 0.24, 0.38)  # aanname
EERSTE_START = np.datetime64("2021-01-01")
LAATSTE_START = np.datetime64("2024-06-30")
PEILDATUM = np.datetime64("2024-12-31")  # fasen that end later are still running (no einddatum)

# per fase (catalog order): median duration in days and the chances of what comes next (aanname)
MEDIAAN_DUUR = np.array([70, 240, 210, 150, 120, 300])
SPREIDING = 0.6
# columns: vooruit, overslaan, terug, uitstroom
OVERGANG = np.array(
    [
        [0.58, 0.10, 0.00, 0.32],
        [0.55, 0.08, 0.07, 0.30],
        [0.50, 0.08, 0.12, 0.30],
        [0.50, 0.05, 0.12, 0.33],
        [0.50, 0.00, 0.15, 0.35],
        [0.00, 0.00, 0.20, 0.80],
    ]
)
# uitstroom reasons per fase, in the order of trajecten.UITSTROOMREDENEN
REDEN = np.array(
    [
        [0.15, 0.28, 0.50, 0.07],
        [0.15, 0.60, 0.20, 0.05],
        [0.25, 0.45, 0.25, 0.05],
        [0.45, 0.28, 0.22, 0.05],
        [0.30, 0.40, 0.25, 0.05],
        [0.60, 0.25, 0.10, 0.05],
    ]
)
START_FASE = np.array([0.85, 0.06, 0.05, 0.04, 0.0, 0.0])
MAX_FASEN_PER_CLIENT = 15
KOLOMMEN = ["client_pseudoniem", "gebied", "fase", "startdatum", "einddatum", "uitstroomreden"]
BUREN = ["vorige_uit", "volgende_fase", "volgende_start"]  # stored neighbours, see trajecten.buren_bijwerken


def _choose(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One choice per row of ``probs`` (rows sum to 1)."""
    cum = probs.cumsum(axis=1)
    u = rng.random(len(probs))[:, None]
    return np.minimum((u > cum).sum(axis=1), probs.shape[1] - 1)


def _simulate(rng: np.random.Generator, clients: int, first_id: int) -> pd.DataFrame:
    n_fasen = len(catalog.FASEN)
    ids = np.arange(first_id, first_id + clients)
    gebied = rng.choice(len(GEMEENTEN), size=clients, p=GEMEENTE_KANS)
    span = int((LAATSTE_START - EERSTE_START) / np.timedelta64(1, "D"))
    start = EERSTE_START.astype("datetime64[D]").astype(np.int64) + rng.integers(0, span + 1, clients)
    fase = rng.choice(n_fasen, size=clients, p=START_FASE)
    peil = PEILDATUM.astype("datetime64[D]").astype(np.int64)
    active = np.ones(clients, dtype=bool)
    parts = []
    for step in range(MAX_FASEN_PER_CLIENT):
        idx = np.flatnonzero(active)
        if not len(idx):
            break
        f, s = fase[idx], start[idx]
        dur = np.maximum(1, np.rint(MEDIAAN_DUUR[f] * rng.lognormal(0.0, SPREIDING, len(idx)))).astype(np.int64)
        eind = s + dur
        running = eind > peil
        action = _choose(rng, OVERGANG[f])
        if step == MAX_FASEN_PER_CLIENT - 1:
            action = np.full(len(idx), 3)
        reden = np.where(action == 3, _choose(rng, REDEN[f]), -1)
        reden = np.where(running, -1, reden)
        parts.append(
            pd.DataFrame(
                {
                    "_client": ids[idx],
                    "_stap": step,
                    "_gebied": gebied[idx],
                    "_fase": f,
                    "_start": s,
                    "_eind": np.where(running, -1, eind),
                    "_reden": reden,
                }
            )
        )
        # next fase for those who continue
        cont = ~running & (action != 3)
        nxt = f.copy()
        nxt = np.where(action == 0, f + 1, nxt)
        skip = np.minimum(f + 2 + (rng.random(len(idx)) < 0.2), n_fasen - 1)
        nxt = np.where(action == 1, skip, nxt)
        back = np.where(rng.random(len(idx)) < 0.7, f - 1, rng.integers(0, np.maximum(f, 1)))
        nxt = np.where(action == 2, np.maximum(back, 0), nxt)
        nxt = np.clip(nxt, 0, n_fasen - 1)
        gap = np.where(rng.random(len(idx)) < 0.6, 0, rng.integers(1, 31, len(idx)))
        next_start = np.minimum(eind + gap, peil)
        fase[idx] = nxt
        start[idx] = next_start
        active[idx] = cont
    return pd.concat(parts, ignore_index=True)


def generate(n: int, seed: int = 0) -> pd.DataFrame:
    """Exactly ``n`` synthetic events (``MIN_EVENTS`` ≤ n ≤ ``MAX_EVENTS``), reproducible per seed.

    Columns as the importer's (``gebied`` holds the CBS code); dates as ``datetime64``,
    einddatum NaT while a fase runs."""
    if not MIN_EVENTS <= n <= MAX_EVENTS:
        raise ValueError(
            f"Het aantal synthetische gebeurtenissen moet tussen {MIN_EVENTS:,} en {MAX_EVENTS:,} liggen.".replace(
                ",", "."
            )
        )
    rng = np.random.default_rng(seed)
    parts, total, next_id = [], 0, 0
    while total < n:
        clients = max(100, int((n - total) / 2.5) + 50)
        part = _simulate(rng, clients, next_id)
        next_id += clients
        parts.append(part)
        total += len(part)
    df = pd.concat(parts, ignore_index=True).sort_values(["_client", "_stap"], kind="stable")
    df = df.iloc[:n]  # the last client may lose its last fasen: it then simply has no known follow-up
    fasen = np.array(catalog.FASEN, dtype=object)
    redenen = np.array(UITSTROOMREDENEN, dtype=object)
    eind = df["_eind"].to_numpy()
    reden = df["_reden"].to_numpy()
    out = pd.DataFrame(
        {
            "client_pseudoniem": [f"syn{seed}-{c:07d}" for c in df["_client"].to_numpy()],
            "gebied": np.array(GEMEENTEN, dtype=object)[df["_gebied"].to_numpy()],
            "fase": fasen[df["_fase"].to_numpy()],
            "startdatum": df["_start"].to_numpy().astype("datetime64[D]").astype("datetime64[s]"),
            "einddatum": np.where(eind < 0, np.datetime64("NaT"), eind.astype("datetime64[D]")).astype("datetime64[s]"),
            "uitstroomreden": np.where(reden < 0, None, redenen[np.maximum(reden, 0)]),
        }
    )
    out["uitstroomreden"] = out["uitstroomreden"].astype(object).where(reden >= 0, None)
    return out.reset_index(drop=True)


def _iso(col: pd.Series) -> np.ndarray:
    return col.dt.strftime("%Y-%m-%d").to_numpy(dtype=object, na_value=None)


def verwijder(engine: Engine) -> int:
    """Remove every synthetic event; the number removed."""
    t = models.trajectevent
    with engine.begin() as conn:
        n = conn.execute(t.delete().where(t.c.synthetisch.is_(True))).rowcount
        loader.bump_version(conn)
    return n


def met_buren(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` in insertion order (client, startdatum; ties keep their order, as ids will) with
    the neighbour columns that ``trajecten.buren_bijwerken`` would compute once it is stored.

    Done here, vectorised, because one UPDATE over a million fresh rows costs more than the
    whole bulk insert; a test holds the result equal to ``buren_bijwerken``'s."""
    client, start = df["client_pseudoniem"].to_numpy(), df["startdatum"].to_numpy()
    op_volgorde = (client[1:] > client[:-1]) | ((client[1:] == client[:-1]) & (start[1:] >= start[:-1]))
    if not op_volgorde.all():  # generate() already returns this order; keep any other input correct
        df = df.sort_values(["client_pseudoniem", "startdatum"], kind="stable", ignore_index=True)
    clients = df["client_pseudoniem"]
    zelfde_vorige, zelfde_volgende = clients == clients.shift(1), clients == clients.shift(-1)
    out = df.copy()
    out["vorige_uit"] = df["uitstroomreden"].notna().astype("Int16").shift(1).where(zelfde_vorige)
    out["volgende_fase"] = df["fase"].shift(-1).where(zelfde_volgende, None)
    out["volgende_start"] = df["startdatum"].shift(-1).where(zelfde_volgende)
    return out


def load(engine: Engine, n: int, seed: int = 0) -> int:
    """Replace the synthetic events in the store by ``generate(n, seed)``, with their
    neighbours (``met_buren``); one transaction. Real events are not touched: neighbours never
    cross the line between synthetic and real events."""
    df = met_buren(generate(n, seed))
    t = models.trajectevent
    cols = [*KOLOMMEN, *BUREN]
    backend = engine.dialect.name
    with engine.begin() as conn:
        conn.execute(t.delete().where(t.c.synthetisch.is_(True)))
        raw = conn.connection.dbapi_connection
        if backend == "postgresql":
            buf = io.StringIO()
            out = df[cols].copy()
            for c in ("startdatum", "einddatum", "volgende_start"):
                out[c] = _iso(out[c])
            out["synthetisch"] = "t"
            out.to_csv(buf, sep="\t", header=False, index=False, na_rep="\\N")
            with raw.cursor() as cur, cur.copy(f"COPY {t.name} ({', '.join(cols)}, synthetisch) FROM STDIN") as copy:
                copy.write(buf.getvalue())
        else:
            vorige = df["vorige_uit"].to_numpy(dtype=object, na_value=None)
            rows = zip(
                df["client_pseudoniem"].to_numpy(),
                df["gebied"].to_numpy(),
                df["fase"].to_numpy(),
                _iso(df["startdatum"]),
                _iso(df["einddatum"]),
                df["uitstroomreden"].to_numpy(),
                vorige,
                df["volgende_fase"].to_numpy(dtype=object, na_value=None),
                _iso(df["volgende_start"]),
                strict=True,
            )
            cur = raw.cursor()
            cur.executemany(
                f"INSERT INTO {t.name} ({', '.join(cols)}, synthetisch) VALUES ({', '.join('?' * len(cols))}, 1)", rows
            )
            cur.close()
        loader.bump_version(conn)
    with engine.begin() as conn:  # fresh statistics, so the planner knows the table's size
        conn.execute(sa.text(f"ANALYZE {t.name}"))
    return len(df)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Synthetische trajectgebeurtenissen laden (geen echte personen).")
    parser.add_argument("aantal", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verwijder", action="store_true", help="verwijder alle synthetische gebeurtenissen")
    args = parser.parse_args(argv)
    engine = db.create_engine()
    loader.init_store(engine)
    if args.verwijder:
        print(f"{verwijder(engine)} synthetische gebeurtenissen verwijderd.")
    else:
        print(f"{load(engine, args.aantal, args.seed)} synthetische gebeurtenissen geladen (seed {args.seed}).")


if __name__ == "__main__":
    main()
