"""Command line: `victimlaw check [PATH]`, `victimlaw generate [--data PATH] [--docs DIR]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .corpus import load_corpus
from .errors import DataError
from .generate import generate
from .paths import default_data, default_docs


def _check(args) -> int:
    corpus = load_corpus(args.path)
    print(f"{args.path}: {len(corpus.instruments)} instruments, "
          f"{sum(len(i.provisions) for i in corpus.instruments)} provisions, "
          f"{sum(len(i.relations) for i in corpus.instruments)} relations: OK")
    return 0


def _generate(args) -> int:
    changed = generate(args.data, args.docs)
    print(f"{args.docs}: {'pages written' if changed else 'pages already up to date'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="victimlaw", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the data file; print every error")
    check.add_argument("path", nargs="?", type=Path, default=default_data())
    check.set_defaults(run=_check)
    gen = sub.add_parser("generate", help="write the generated pages into docs/<lang>/")
    gen.add_argument("--data", type=Path, default=default_data())
    gen.add_argument("--docs", type=Path, default=default_docs())
    gen.set_defaults(run=_generate)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
