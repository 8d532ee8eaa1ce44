"""`interviewprep today [--json]` (what is due for review) and `rate QUESTION again|knew`."""

from __future__ import annotations

import argparse
import json

from .common import EXIT_ERROR, EXIT_OK, Subparsers, add_bank_option, add_json_option, err, warn


def cmd_today(args: argparse.Namespace) -> int:
    from .. import clock
    from ..schedule import ScheduleStore, describe_when, due_today, next_due
    from .common import load_bank_or_warn

    bank = load_bank_or_warn(args.bank)
    loaded = ScheduleStore().load()
    for notice in [*loaded.info, *loaded.notices]:
        warn(notice)
    now = clock.now()
    known = set(bank.questions)
    names = {e.id: e.name for e in bank.elements.values()}
    due = due_today(loaded.schedule, now, known, names)
    later = next_due(loaded.schedule, now, known)
    if args.json:
        print(json.dumps({"due": [d.to_json() for d in due],
                          "next_due": later.isoformat(timespec="seconds") if later else None,
                          "weak_elements": list(loaded.schedule.weak_elements)},
                         indent=2, ensure_ascii=False))
        return EXIT_OK
    if due:
        print(f"{len(due)} question{'s' if len(due) != 1 else ''} due for review today "
              f"({now:%a %Y-%m-%d}), most urgent first:")
        for n, item in enumerate(due, start=1):
            print(f"{n:>3}. {item.question_id}  [{item.category}]  due {item.due:%Y-%m-%d}")
            print(f"     {' '.join(item.text.split())}")
            print(f"     {item.reason}")
        print("\nPractise them: interviewprep practice --due   (add --plain for line by line)")
    elif loaded.schedule.questions:
        print("Nothing is due for review today.")
    else:
        print("Nothing is scheduled yet: every question you answer comes back for review, "
              "sooner when the answer was weak.")
    if later:
        print(f"Next due: {later:%Y-%m-%d %H:%M} ({describe_when(later, now)}).")
    if loaded.schedule.weak_elements:
        print("You keep missing: " + ", ".join(names.get(e, e) for e in loaded.schedule.weak_elements)
              + " (questions that expect these come first).")
    return EXIT_OK


def cmd_rate(args: argparse.Namespace) -> int:
    from .. import clock
    from ..interview.rerate import RatingError, rerate
    from ..schedule import describe_when

    try:
        result = rerate(args.question_id, args.choice, session_id=args.session)
    except RatingError as exc:
        err(str(exc))
        return EXIT_ERROR
    for notice in result.notices:
        warn(notice)
    when = f"; it comes back {describe_when(result.due, clock.now())}" if result.due else ""
    print(f"{args.question_id} (session {result.session_id}): rated {result.rating.name}, "
          f"your call{when}.")
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("today", help="the questions due for review today (spaced repetition)")
    add_json_option(p, help='print {"due": [...], "next_due": ...} as JSON')
    add_bank_option(p)
    p.set_defaults(func=cmd_today)

    p = subparsers.add_parser(
        "rate", help="change a question's review rating: 'again' or 'knew' (I knew this)")
    p.add_argument("question_id", metavar="QUESTION_ID")
    p.add_argument("choice", choices=("again", "knew"),
                   help="again: bring it back tomorrow; knew: you knew it, space it out")
    p.add_argument("--session", metavar="ID",
                   help="the session whose answer to re-rate (default: the latest that asked it)")
    p.set_defaults(func=cmd_rate)


