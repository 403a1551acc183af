"""Mutation testing (mutmut) of the modules where a silent bug costs most; docs/TESTING.md.

    .venv/bin/python tests/tools/mutation.py             # the CI set: validation + the scenario's money
    .venv/bin/python tests/tools/mutation.py --set auth  # one module: validation, scenario, auth,
                                                         # export, importers; or all (setup.cfg [mutmut])
    .venv/bin/python tests/tools/mutation.py --min 90    # exit 1 when a module scores below 90%

The run happens in a copy of the project under ``artifacts/mutation/<set>/`` (ignored by git), so the
working tree stays clean and a second run reuses mutmut's cache there. The score per module is
killed / (all mutants − equivalent ones), where the equivalent mutants are listed with their
reason in ``tests/tools/equivalent_mutants.txt``; surviving mutants are printed by name
(``mutmut show <name>`` in the copy shows the change).
"""

from __future__ import annotations

import argparse
import configparser
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPY = [
    "ijmond_dash",
    "tests",
    "data",
    "pages",
    "app.py",
    "alembic.ini",
    "pyproject.toml",
    ".streamlit",
    "setup.cfg",
    "README.md",
    "docs",
]
EQUIVALENT = ROOT / "tests" / "tools" / "equivalent_mutants.txt"
PURE = ["tests/unit/test_mutations.py"]  # the issue-20 tests without a store
# one selection for the validator and the scenario model: a set that changes its selection makes
# mutmut forget the verdicts it has (a copy of one set's folder can then serve another)
MODEL = ["tests/unit/test_validation.py", "tests/unit/test_scenario.py", *PURE]
# Sets of mutants, each with the tests that run for them (mutmut runs, per mutant, only those of
# these tests that reach the mutated function). "ci" is what .ci/run checks: the validator's
# arithmetic rules and the scenario model's split and rounding; "validation" and "scenario" hold
# them too, with the rest of the validator and the computation, table rounding and dekking.
SETS = {
    "ci": {  # the core of both, ~280 mutants: a few minutes on 2 free cores
        "modules": ["ijmond_dash/store/validation.py", "ijmond_dash/analysis/scenario/geld.py"],
        "mutants": [
            "ijmond_dash.store.validation.x__identiteit__*",
            "ijmond_dash.store.validation.x__regio_som__*",
            "ijmond_dash.store.validation.x__totaalrij__*",
            "ijmond_dash.store.validation.x__ratio__*",
            "ijmond_dash.store.validation.x__round__*",
            "ijmond_dash.analysis.scenario.geld.x_verdeel__*",
            "ijmond_dash.analysis.scenario.geld.x__afronden__*",
            "ijmond_dash.analysis.scenario.geld.x__geheel_bedrag__*",
            "ijmond_dash.analysis.scenario.geld.x_euro_geheel__*",
        ],
        "tests": MODEL,
    },
    "validation": {
        "modules": ["ijmond_dash/store/validation.py"],
        "mutants": ["ijmond_dash.store.validation.*"],
        "tests": MODEL,
    },
    "scenario": {  # the functions that move money; the rest of the scenario package reads rows and words
        "modules": [
            "ijmond_dash/analysis/scenario/geld.py",
            "ijmond_dash/analysis/scenario/sleutels.py",
            "ijmond_dash/analysis/scenario/berekening.py",
        ],
        "mutants": [
            "ijmond_dash.analysis.scenario.geld.x_verdeel__*",
            "ijmond_dash.analysis.scenario.geld.x_afronden_tabel__*",
            "ijmond_dash.analysis.scenario.geld.x_afronden_lijst__*",
            "ijmond_dash.analysis.scenario.geld.x__afronden__*",
            "ijmond_dash.analysis.scenario.geld.x__geheel_bedrag__*",
            "ijmond_dash.analysis.scenario.geld.x_euro_geheel__*",
            "ijmond_dash.analysis.scenario.berekening.x_bereken__*",
            "ijmond_dash.analysis.scenario.geld.x__voorkeur__*",
            "ijmond_dash.analysis.scenario.geld.x__min_kosten_stroom__*",
            "ijmond_dash.analysis.scenario.geld.x_afrondingseenheid__*",
            "ijmond_dash.analysis.scenario.sleutels.xǁDekkingǁ*",
            "ijmond_dash.analysis.scenario.berekening.xǁResultaatǁ*",
        ],
        "tests": MODEL,
    },
    "auth": {
        "modules": ["ijmond_dash/ui/auth.py"],
        "mutants": ["ijmond_dash.ui.auth.*"],
        "tests": ["tests/unit/test_auth.py"],
    },
    "export": {
        "modules": ["ijmond_dash/ui/export.py"],
        "mutants": ["ijmond_dash.ui.export.*"],
        "tests": ["tests/unit/test_export.py"],
    },
    "importers": {
        "modules": ["ijmond_dash/imports/importers.py"],
        "mutants": ["ijmond_dash.imports.importers.*"],
        "tests": ["tests/unit/test_importers.py", "tests/unit/test_mutations_store.py"],
    },
    "all": {"modules": None, "mutants": [], "tests": None},  # as setup.cfg says: every module above
}


def equivalent() -> dict[str, str]:
    """Mutant name -> why it cannot change behaviour."""
    out = {}
    if EQUIVALENT.exists():
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, why = line.partition(" ")
                out[name.strip()] = why.strip()
    return out


def prepare(naam: str, spec: dict) -> Path:
    work = ROOT / "artifacts" / "mutation" / naam
    work.mkdir(parents=True, exist_ok=True)
    for item in COPY:
        src, dst = ROOT / item, work / item
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        elif src.exists():
            shutil.copy2(src, dst)
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    if spec["modules"]:
        cfg["mutmut"]["only_mutate"] = "\n" + "\n".join(spec["modules"])
    if spec["tests"]:
        cfg["mutmut"]["pytest_add_cli_args_test_selection"] = "\n" + "\n".join(spec["tests"])
    with open(work / "setup.cfg", "w", encoding="utf-8") as f:
        cfg.write(f)
    return work


def results(work: Path, mutmut: str) -> dict[str, str]:
    out = subprocess.run([mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=True)
    found = {}
    for line in out.stdout.splitlines():
        m = re.match(r"\s*(\S+): (.+)$", line)
        if m:
            found[m.group(1)] = m.group(2).strip()
    return found


def report(found: dict[str, str], patterns: list[str], minimum: float) -> bool:
    eq = equivalent()
    if patterns:
        found = {k: v for k, v in found.items() if any(fnmatch.fnmatchcase(k, p) for p in patterns)}
    per_module: dict[str, dict[str, list[str]]] = {}
    for name, status in sorted(found.items()):
        module = name.split(".x")[0]
        if status != "killed" and name in eq:
            status = "equivalent"
        per_module.setdefault(module, {}).setdefault(status, []).append(name)
    ok = True
    print(f"\n{'module':32} {'mutants':>8} {'not run':>8} {'killed':>7} {'equiv.':>7} {'other':>6} {'score':>7}")
    for module, by in per_module.items():
        total = sum(len(v) for v in by.values())
        niet = len(by.get("not checked", []))
        killed, equiv = len(by.get("killed", [])), len(by.get("equivalent", []))
        gelopen = total - niet - equiv  # the score counts the mutants that ran and can be told apart
        score = 100.0 * killed / gelopen if gelopen else 100.0
        ok &= score >= minimum and not niet
        print(f"{module:32} {total:8} {niet:8} {killed:7} {equiv:7} {gelopen - killed:6} {score:6.1f}%")
    for module, by in per_module.items():
        for status, names in by.items():
            if status not in ("killed", "equivalent", "not checked"):
                print(f"\n{module}: {status} ({len(names)})")
                for n in names:
                    print(f"    {n}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="ci", choices=sorted(SETS))
    ap.add_argument("--min", type=float, default=0.0, help="lowest score per module (percent) that passes")
    ap.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--report-only", action="store_true", help="print the last run's results without running")
    ap.add_argument(
        "--survivors",
        action="store_true",
        help="run again only the mutants the last run of this set did not kill (after new tests)",
    )
    args = ap.parse_args()
    spec = SETS[args.set]
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    start = time.monotonic()
    work = prepare(args.set, spec) if not args.report_only else ROOT / "artifacts" / "mutation" / args.set
    if not args.report_only:
        env = {**os.environ, "CI": os.environ.get("CI", "true")}
        namen = spec["mutants"]
        if args.survivors:
            eq = equivalent()
            namen = [
                n
                for n, status in results(work, mutmut).items()
                if status not in ("killed", "not checked")
                and n not in eq
                and (not spec["mutants"] or any(fnmatch.fnmatchcase(n, p) for p in spec["mutants"]))
            ]
        if args.survivors and not namen:
            print("no surviving mutants to run again")
        else:
            run = subprocess.run(
                [mutmut, "run", "--max-children", str(args.max_children), *namen],
                cwd=work,
                env=env,
                stdout=subprocess.DEVNULL,
            )
        if namen and run.returncode not in (0, 1):
            print(f"mutmut run failed ({run.returncode})", file=sys.stderr)
            return run.returncode
    ok = report(results(work, mutmut), spec["mutants"], args.min)
    print(
        f"\n{args.set}: {time.monotonic() - start:.0f} s; threshold {args.min:.0f}% per module: "
        + ("met" if ok else "NOT met")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
