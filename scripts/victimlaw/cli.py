"""Command line: `victimlaw check [PATH] [--article TEXT]`, `generate [--data PATH] [--docs DIR]`, `cite TEXT [--lang L] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .cite.resolver import Resolver
from .generate import generate
from .labels import Labels
from .layout import act_url
from .model.corpus import load_corpus
from .model.errors import DataError
from .paths import default_article, default_data, default_docs


def _check(args) -> int:
    article = args.article.read_text(encoding="utf-8") if args.article.is_file() else None
    corpus = load_corpus(args.path, article_text=article)
    if article is None:
        print(f"{args.article}: the source article is not here; its quotations were not compared with it")
    print(
        f"{args.path}: {len(corpus.instruments)} instruments, "
        f"{sum(len(i.provisions) for i in corpus.instruments)} provisions, "
        f"{sum(len(i.relations) for i in corpus.instruments)} relations: OK"
    )
    return 0


def _generate(args) -> int:
    changed = generate(args.data, args.docs)
    print(f"{args.docs}: {'pages written' if changed else 'pages already up to date'}")
    return 0


def _cite(args) -> int:
    corpus = load_corpus(args.data)
    matches = Resolver(corpus).resolve(args.citation)
    rows = [
        {
            "id": m.id,
            "provision": m.provision,
            "score": m.score,
            "url": act_url(args.lang, corpus.by_id[m.id], m.provision),
        }
        for m in matches
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        t = Labels(args.lang)
        for m, row in zip(matches, rows, strict=True):
            inst = corpus.by_id[m.id]
            print(f"{m.id}{'#' + m.provision if m.provision else ''}  (score {m.score})")
            print(f"  {inst.title[args.lang]}")
            provision = inst.provision(m.provision) if m.provision else None
            if provision:
                print(f"  {t.provision_label(provision.unit, provision.number)}")
            facts = [t.date(inst.date) if inst.date else None, t.number_label(inst) or None, inst.eqanun_url]
            print("  " + " · ".join(f for f in facts if f))
            print(f"  {row['url']}")
    if not matches:
        print(
            "no instrument matches; try an act number (№ 203), a date (9 noyabr 2005), "
            "a kind (qərar, указ, law) or an e-qanun id",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="victimlaw", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the data file; print every error")
    check.add_argument("path", nargs="?", type=Path, default=default_data())
    check.add_argument("--article", type=Path, default=default_article(), help="the source article's text")
    check.set_defaults(run=_check)
    gen = sub.add_parser("generate", help="write the generated pages into docs/<lang>/")
    gen.add_argument("--data", type=Path, default=default_data())
    gen.add_argument("--docs", type=Path, default=default_docs())
    gen.set_defaults(run=_generate)
    cite = sub.add_parser("cite", help="find the instrument (and provision) a citation names")
    cite.add_argument("citation", help='e.g. "Qərar 203", "ст. 14-1", "CETS 197 art. 13", "e-qanun 11446"')
    cite.add_argument("--lang", choices=("az", "en", "ru"), default="az")
    cite.add_argument("--json", action="store_true", help="print the matches as JSON, best first")
    cite.add_argument("--data", type=Path, default=default_data())
    cite.set_defaults(run=_cite)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
