"""`interviewprep bank list | show | validate`: the question bank (contract: list --json, validate)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import (
    EXIT_ERROR,
    EXIT_OK,
    Subparsers,
    add_bank_option,
    add_json_option,
    add_question_filters,
    err,
    load_bank_or_warn,
)


def cmd_bank_list(args: argparse.Namespace) -> int:
    bank = load_bank_or_warn(args.bank)
    questions = bank.filter(args.category, args.level, args.specialization, args.search)
    if args.json:
        print(json.dumps([q.to_json() for q in questions], indent=2, ensure_ascii=False))
        return EXIT_OK
    for q in questions:
        print(f"{q.id:48} {q.category:12} {','.join(q.levels):18} {q.text}")
    print(f"{len(questions)} question(s)", file=sys.stderr)
    return EXIT_OK


def cmd_bank_show(args: argparse.Namespace) -> int:
    from ..bank import NO_MODEL_ANSWER

    bank = load_bank_or_warn(args.bank)
    q = bank.get(args.id)
    if q is None:
        err(f"no question with id '{args.id}' (see `interviewprep bank list`)")
        return EXIT_ERROR
    if args.json:
        print(json.dumps(q.to_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"{q.text}\n")
    print(f"id: {q.id}   category: {q.category}   levels: {', '.join(q.levels)}")
    print(f"specializations: {', '.join(q.specializations)}\n")
    print("What a strong answer covers:")
    for ref in q.elements:
        element = bank.elements[ref.id]
        weight = f" (weight {ref.weight:g})" if ref.weight != 1 else ""
        print(f"  - {element.name}{weight}: {element.definition}")
    if q.tip:
        print(f"\nTip: {q.tip}")
    print(f"\nModel answer:\n{q.model_answer or NO_MODEL_ANSWER}")
    if q.follow_ups:
        print("\nFollow-ups:")
        for f in q.follow_ups:
            print(f"  - {f}")
    return EXIT_OK


def cmd_bank_validate(args: argparse.Namespace) -> int:
    from ..bank import validate_paths

    bank, errors = validate_paths(list(args.paths))
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return EXIT_ERROR
    print(f"ok: {len(bank.questions)} questions, {len(bank.elements)} elements", file=sys.stderr)
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    bank = subparsers.add_parser("bank", help="list, show and validate questions")
    bank_sub = bank.add_subparsers(title="bank commands", metavar="ACTION", required=True)

    p = bank_sub.add_parser("list", help="list questions")
    add_bank_option(p)
    add_json_option(p)
    add_question_filters(p)
    p.add_argument("--search", help="only questions whose text contains this")
    p.set_defaults(func=cmd_bank_list)

    p = bank_sub.add_parser("show", help="show one question")
    p.add_argument("id")
    add_bank_option(p)
    add_json_option(p)
    p.set_defaults(func=cmd_bank_show)

    p = bank_sub.add_parser("validate", help="check YAML bank files (default: the loaded banks)")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    p.set_defaults(func=cmd_bank_validate)
