"""Command line: ``python -m ijmond_dash init`` upgrades the schema and loads the dataset."""

from __future__ import annotations

import argparse
import sys

import sqlalchemy as sa

from . import db, loader, settings
from .validation import ValidationFailed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ijmond_dash")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="schema bijwerken en de standaarddataset laden in een lege store")
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
            print(f"De database kon niet worden voorbereid: {db.oorzaak(exc)}. Controleer {db.instelling()}.",
                  file=sys.stderr)
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
