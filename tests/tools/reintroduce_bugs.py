"""Re-introduce each of the nine bugs of issue 20 (and the ziekteverzuim rule) in turn, run the tests
that must catch them, and revert (git checkout of ijmond_dash/ and pages/: commit your work first).

Run: .venv/bin/python tests/tools/reintroduce_bugs.py [name fragment ...]  (docs/TESTING.md)
"""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = sys.executable


def sub(path, old, new, count=1):
    def apply():
        s = open(os.path.join(ROOT, path)).read()
        assert s.count(old) >= 1, (path, old)
        open(os.path.join(ROOT, path), "w").write(s.replace(old, new, count))

    return apply


def move_buren():
    p = os.path.join(ROOT, "ijmond_dash/imports/trajecten.py")
    s = open(p).read()
    old = """        meld(0.9, "Fase-overgangen bijwerken")
        buren_bijwerken(conn, False, clients)
    meld(1.0, "Klaar")"""
    new = """        meld(0.9, "Fase-overgangen bijwerken")
    with engine.begin() as conn:
        buren_bijwerken(conn, False, clients)
    meld(1.0, "Klaar")"""
    assert old in s
    open(p, "w").write(s.replace(old, new))


BUGS = {
    "identity != -> <": (
        sub("ijmond_dash/store/validation.py", "if uitkomst != df.at[i, target]:", "if uitkomst < df.at[i, target]:"),
        ["tests/unit/test_mutations.py::test_stand_eind_too_low_or_too_high_is_refused"],
    ),
    "tie rule reversed": (
        sub(
            "ijmond_dash/analysis/scenario/geld.py",
            "-(quota[k] - delen[k]), -fr[k], volgorde[k]",
            "-(quota[k] - delen[k]), fr[k], volgorde[k]",
        ),
        ["tests/unit/test_mutations.py::test_largest_remainder_tie_goes_to_the_larger_weight"],
    ),
    "BSN beyond header": (
        sub(
            "ijmond_dash/imports/trajecten.py",
            "for i, cell in enumerate(cells):",
            "for i, cell in enumerate(cells[:len(header)]):",
        ),
        ["tests/unit/test_mutations_store.py::test_bsn_beyond_the_header_width_refuses_the_file"],
    ),
    "UI passes 127.0.0.1": (
        sub(
            "ijmond_dash/ui/toegang.py",
            '_secrets(), st.get_option("server.address"), lokaal_toegestaan',
            '_secrets(), "127.0.0.1", lokaal_toegestaan',
        ),
        ["tests/app/test_beheer_gedrag.py::test_no_local_beheer_when_the_server_listens_beyond_loopback"],
    ),
    "neighbours in 2nd transaction": (
        move_buren,
        ["tests/unit/test_mutations_store.py::test_trajectory_import_is_one_transaction_including_the_neighbours"],
    ),
    "undo validation off": (
        sub(
            "ijmond_dash/imports/importers.py",
            "    problems, notes = validate(frames)\n    if problems:",
            "    problems, notes = validate(frames)\n    if False:",
        ),
        ["tests/unit/test_mutations_store.py::test_undo_that_would_leave_citing_rows_without_their_bron_is_refused"],
    ),
    "euro_kort >= -> >": (
        sub("ijmond_dash/formatting.py", "if abs(value) >= 1_000_000:", "if abs(value) > 1_000_000:"),
        ["tests/unit/test_mutations.py::test_euro_kort_boundary_at_one_million"],
    ),
    "audit user onbekend (page)": (
        sub(
            "pages/beheer.py",
            "batch = importers.importeren(ui.engine(), voorbeeld, bestand, gebruiker.naam,",
            'batch = importers.importeren(ui.engine(), voorbeeld, bestand, "onbekend",',
        ),
        [
            "tests/app/test_beheer_gedrag.py::test_import_page_as_a_user_drives_it",
            "tests/app/test_beheer_gedrag.py::test_audit_names_the_logged_in_beheerder",
        ],
    ),
    "audit user onbekend (traject)": (
        sub(
            "ijmond_dash/imports/importers.py",
            "voorbeeld.bestandsnaam, data, gebruiker, voortgang, events=",
            "voorbeeld.bestandsnaam, data, voortgang=voortgang, events=",
        ),
        ["tests/unit/test_mutations_store.py::test_trajectory_import_and_undo_record_the_user"],
    ),
    "undo without confirmation": (
        sub("pages/beheer.py", 'disabled=not zeker, icon=":material/undo:"', 'disabled=False, icon=":material/undo:"'),
        ["tests/app/test_beheer_gedrag.py::test_import_page_as_a_user_drives_it"],
    ),
    "ziekteverzuim rule off (identity skipped for afwijking)": (
        sub(
            "ijmond_dash/store/catalog.py",
            '"target": "afwijking"},\n            ),',
            '"target": "afwijking"},\n                mode="notitie",\n            ),',
        ),
        ["tests/unit/test_mutations.py::test_ziekteverzuim_afwijking_must_be_realisatie_minus_target"],
    ),
}

only = sys.argv[1:]
for name, (apply, tests) in BUGS.items():
    if only and not any(o in name for o in only):
        continue
    apply()
    try:
        r = subprocess.run(
            [PY, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "CI": "true"},
        )
        last = [regel for regel in r.stdout.splitlines() if any(w in regel for w in ("passed", "failed", "error"))][-1:]
        print(f"{'CAUGHT ' if r.returncode else 'SURVIVED'} {name}: {last}", flush=True)
    finally:
        subprocess.run(["git", "checkout", "--", "ijmond_dash", "pages"], cwd=ROOT)
