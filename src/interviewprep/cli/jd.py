"""`interviewprep jd analyse | add | list | show | remove | readiness`: job postings.

The JSON shapes are a contract (DESIGN.md, "Contract: job descriptions").
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from .common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    Subparsers,
    add_json_option,
    err,
    load_bank_or_warn,
    progress,
    read_posting_input,
    warn,
)

if TYPE_CHECKING:
    from ..jd import PostingAnalyser, SavedPosting


def _analyser() -> PostingAnalyser | None:
    from ..jd import PostingAnalyser
    from ..scoring.modelcard import ModelError

    bank = load_bank_or_warn()
    progress("Loading the embedding model ...")
    try:
        return PostingAnalyser.load(bank, progress)
    except ModelError as exc:
        err(str(exc))
        return None


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def cmd_analyse(args: argparse.Namespace) -> int:
    from ..jd.report import render_analysis

    text = read_posting_input(args.file)
    if text is None:
        return EXIT_USAGE
    analyser = _analyser()
    if analyser is None:
        return EXIT_ERROR
    analysis = analyser.analyse(text, count=args.count)
    if args.json:
        _print_json(analysis.to_contract_json())
    else:
        print(render_analysis(analysis, analyser.bank))
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from ..jd import PostingError, PostingStore

    text = read_posting_input(args.file)
    if text is None:
        return EXIT_USAGE
    analyser = _analyser()
    if analyser is None:
        return EXIT_ERROR
    analysis = analyser.analyse(text)
    try:
        saved = PostingStore().add(text, analysis, name=args.name,
                                   source="-" if args.file == "-" else args.file)
    except PostingError as exc:
        err(str(exc))
        return EXIT_USAGE if "name" in str(exc) else EXIT_ERROR
    if args.json:
        _print_json({"name": saved.name, "path": str(saved.path), **analysis.to_contract_json()})
    else:
        print(f"Saved as {saved.name}: {analysis.title or '(no title)'} "
              f"({analysis.level}, {', '.join(analysis.specializations)}; "
              f"{len(analysis.requirements)} requirements, {len(analysis.terms)} terms)")
        print(f"Next: `interviewprep jd readiness {saved.name}` or "
              f"`interviewprep practice --jd {saved.name}`")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from ..jd import PostingStore

    postings, problems = PostingStore().list()
    for problem in problems:
        warn(problem)
    rows: list[dict[str, Any]] = [{
        "name": p.name,
        "title": p.title,
        "level": p.analysis.level if p.analysis else None,
        "specializations": p.analysis.specializations if p.analysis else [],
        "requirements": len(p.analysis.requirements) if p.analysis else None,
        "added_at": p.added_at,
    } for p in postings]
    if args.json:
        _print_json(rows)
        return EXIT_OK
    if not rows:
        print("No saved job postings. Add one: `interviewprep jd add FILE` (or `-` to paste).")
        return EXIT_OK
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        specs = ", ".join(r["specializations"])
        print(f"{r['name']:{width}}  {r['level'] or '?':6}  {r['title'] or '(no title)'}  [{specs}]")
    return EXIT_OK


def _saved(name: str, analyser: PostingAnalyser | None) -> SavedPosting | None:
    from ..jd import PostingError, PostingStore, analysed

    store = PostingStore()
    try:
        posting = store.load(name) if analyser is None else analysed(store, name, analyser)
    except PostingError as exc:
        err(str(exc))
        return None
    if analyser is not None and posting.analysis_problem:
        warn(f"{posting.analysis_problem}; analysed again from the posting's text "
             "(the file is left as it is)")
    return posting


def cmd_show(args: argparse.Namespace) -> int:
    from ..jd.report import render_analysis

    posting = _saved(args.name, None)
    if posting is None:
        return EXIT_ERROR
    analyser = None
    if posting.stale:
        analyser = _analyser()
        if analyser is None:
            return EXIT_ERROR
        posting = _saved(args.name, analyser)
        if posting is None:
            return EXIT_ERROR
    assert posting.analysis is not None
    if args.json:
        _print_json({"name": posting.name, "added_at": posting.added_at, "text": posting.text,
                     **posting.analysis.to_contract_json()})
    else:
        bank = analyser.bank if analyser else load_bank_or_warn()
        print(render_analysis(posting.analysis, bank, name=posting.name))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from ..jd import PostingError, PostingStore
    from ..textsafe import clean_line

    store = PostingStore()
    try:
        posting = store.load(args.name)
    except PostingError as exc:
        err(str(exc))
        return EXIT_ERROR
    if not args.yes:
        if not sys.stdin.isatty():
            err(f"not removing {posting.name} without confirmation: add --yes")
            return EXIT_USAGE
        answer = input(clean_line(  # input() on a terminal writes its prompt past sys.stdout
            f"Move '{posting.name}' ({posting.title or 'no title'}) to the trash? [y/N] "))
        if answer.strip().lower() not in {"y", "yes"}:
            print("Kept.")
            return EXIT_OK
    try:
        target = store.remove(posting.name)
    except PostingError as exc:
        err(str(exc))
        return EXIT_ERROR
    print(f"Moved to the trash: {target}")
    return EXIT_OK


def cmd_readiness(args: argparse.Namespace) -> int:
    from ..jd.readiness import AnswerEvidence, StoryEvidence, assess
    from ..jd.report import render_readiness

    if _saved(args.name, None) is None:
        return EXIT_ERROR
    analyser = _analyser()
    if analyser is None:
        return EXIT_ERROR
    posting = _saved(args.name, analyser)
    if posting is None or posting.analysis is None:
        return EXIT_ERROR
    answers = AnswerEvidence()
    progress("Reading your saved answers and stories ...")
    result = assess(posting.analysis, analyser, [answers, StoryEvidence()])
    for problem in answers.unreadable:
        warn(problem)
    if args.json:
        _print_json(result.to_contract_json())
    else:
        print(render_readiness(result, posting.title))
    return EXIT_OK


def question_count(value: str) -> int:
    from .practice import question_count as count

    return count(value)


def register(subparsers: Subparsers) -> None:
    jd = subparsers.add_parser("jd", help="job postings: analyse, save, readiness")
    sub = jd.add_subparsers(title="jd commands", metavar="COMMAND", required=True)

    p = sub.add_parser("analyse", aliases=["analyze"],
                       help="analyse a posting (FILE, or - for standard input); nothing is saved")
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("--count", type=question_count, default=10, metavar="N",
                   help="questions to plan (default 10; at least 5 are planned)")
    add_json_option(p, "print the analysis as JSON (the contract's shape)")
    p.set_defaults(func=cmd_analyse)

    p = sub.add_parser("add", help="analyse and save a posting (FILE, or - to paste)")
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("--name", help="the name to save it under (default: made from its title)")
    add_json_option(p)
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("list", help="saved postings, newest first")
    add_json_option(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="a saved posting's analysis")
    p.add_argument("name", metavar="NAME")
    add_json_option(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("remove", help="move a saved posting to the trash folder")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask first")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("readiness", help="each requirement covered / partial / missing by your "
                                         "saved answers and stories, and a 0-100 score")
    p.add_argument("name", metavar="NAME")
    add_json_option(p)
    p.set_defaults(func=cmd_readiness)
