"""Command line: ``python -m ijmond_dash init`` upgrades the schema and loads the dataset;
``serve`` and ``herstart`` run several workers behind HAProxy (``serve.py``)."""

from __future__ import annotations

import argparse
import sys

import sqlalchemy as sa

from ijmond_dash import settings
from ijmond_dash.store import db, loader
from ijmond_dash.store.validation import ValidationFailed


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["serve"], ["herstart"]):  # several workers behind HAProxy: ijmond_dash/server/serve.py
        from ijmond_dash.server import serve

        return (serve.main if argv[0] == "serve" else serve.herstart_main)(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m ijmond_dash")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="schema bijwerken en de standaarddataset laden in een lege store")
    sub.add_parser("serve", help="N workers achter HAProxy op deze machine (--workers N; zie serve --help)")
    sub.add_parser("herstart", help="de workers van een server een voor een herstarten (systemd, HAProxy)")
    args = parser.parse_args(argv)
    if args.command == "init":
        try:
            settings.controleer()
            engine = db.create_engine()
            loaded = loader.init_store(engine)
        except (db.StoreUnavailable, settings.OngeldigeInstelling) as exc:
            print(exc, file=sys.stderr)  # one line naming the cause and the setting, no traceback
            return 2
        except (sa.exc.SQLAlchemyError, OSError) as exc:
            print(
                f"De database kon niet worden voorbereid: {db.oorzaak(exc)}. Controleer {db.instelling()}.",
                file=sys.stderr,
            )
            return 2
        except ValidationFailed as exc:
            print("De dataset is niet geladen; de store is ongewijzigd:", file=sys.stderr)
            for p in exc.problems:
                print(f"  {p}", file=sys.stderr)
            return 1
        where = engine.url.render_as_string(hide_password=True)
        print(f"Store {where}: " + ("dataset geladen." if loaded else "schema bijgewerkt; data was er al."))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
