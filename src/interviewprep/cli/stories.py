"""`interviewprep stories add | list | show | edit | remove | export | match | coverage`.

Stories are the candidate's own Markdown files (contract "stories" in DESIGN.md); a file with a
problem is refused whole, every problem as FILE:LINE: message, exit 2.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    InputTooBig,
    Subparsers,
    add_json_option,
    err,
    load_bank_or_warn,
    progress,
    read_input_capped,
    warn,
    write_output,
)

if TYPE_CHECKING:
    from ..bank import Bank
    from ..stories.library import StoryLibrary
    from ..stories.store import StoredStory, StoryStore

BADGE_LETTERS = {"situation": "S", "task": "T", "action": "A", "result": "R", "risk": "K",
                 "stakeholders": "H", "metrics": "M", "lessons": "L"}
"""One letter per contract element in the list view (K for risk, H for stakeholders)."""


def badges(elements: list[tuple[str, bool]]) -> str:
    return " ".join(BADGE_LETTERS.get(e, e[0].upper()) if ok else "·" for e, ok in elements)


def _store() -> StoryStore:
    from ..stories.store import StoryStore

    return StoryStore()


def _library(bank: Bank | None = None) -> StoryLibrary | None:
    """The scored story bank, or None after printing why the scorer cannot load."""
    from ..scoring.modelcard import ModelError
    from ..scoring.scorer import Scorer
    from ..stories.library import StoryLibrary

    bank = bank or load_bank_or_warn()
    try:
        scorer = Scorer.load(bank.elements, progress=progress)
        if sys.stderr.isatty():
            progress("Scoring your stories…")
        library = StoryLibrary(scorer)
    except (ModelError, OSError) as exc:
        err(str(exc))
        return None
    for problem in library.problems:
        warn(f"{problem} (this file is skipped until it is fixed)")
    return library


def _find(store: StoryStore, story_id: str) -> StoredStory | None:
    from ..stories.store import StoryError

    try:
        return store.get(story_id)
    except StoryError as exc:
        err(str(exc))
        return None


# ---------------------------------------------------------------- add
def cmd_add(args: argparse.Namespace) -> int:
    from ..stories.parse import MAX_STORY_FILE_BYTES, parse_bytes

    name = "<stdin>" if args.file == "-" else args.file
    try:
        data = read_input_capped(args.file, MAX_STORY_FILE_BYTES, "a story file (split it "
                                 "into several files)")
    except InputTooBig as exc:
        err(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        err(f"cannot read {name}: {exc.strerror or exc}")
        return EXIT_USAGE
    parsed = parse_bytes(data, name)
    if not parsed.ok:
        for problem in parsed.problems:
            print(problem, file=sys.stderr)
        err(f"{name}: nothing added ({len(parsed.problems)} problem(s); fix them and add again)")
        return EXIT_USAGE
    try:
        added = _store().add(parsed.stories)
    except OSError as exc:
        err(f"cannot write the story bank: {exc.strerror or exc}")
        return EXIT_ERROR
    for stored in added:
        print(f"added {stored.id}: {stored.story.title} ({stored.story.words} words)")
    print(f"{len(added)} story(ies) added; see what each shows with `interviewprep stories list`",
          file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- list
def cmd_list(args: argparse.Namespace) -> int:
    store = _store()
    stored, problems = store.load()
    if not stored:
        for problem in problems:
            warn(problem)
        if args.json:
            print("[]")
        else:
            print("No stories yet: write them in Markdown (see docs/stories.md) and add them "
                  "with `interviewprep stories add FILE`.")
        return EXIT_OK
    library = _library()
    if library is None:
        return EXIT_ERROR
    usage = library.usage()
    if args.json:
        print(json.dumps([p.summary_json(usage.get(p.id, 0)) for p in library.profiles],
                         indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"{'ID':34} {'WORDS':>5} {'USED':>4}  ELEMENTS         TITLE")
    for p in library.profiles:
        title = p.story.title if len(p.story.title) <= 60 else p.story.title[:59] + "…"
        print(f"{p.id[:34]:34} {p.story.words:>5} {usage.get(p.id, 0):>4}  "
              f"{badges(p.badges()):16} {title}")
    print("elements: S situation, T task, A action, R result, K risk, H stakeholders, "
          "M metrics, L lessons; · not shown", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- show
def cmd_show(args: argparse.Namespace) -> int:
    from ..scoring.feedback import STATUS_MARK

    store = _store()
    stored = _find(store, args.id)
    if stored is None:
        return EXIT_ERROR
    bank = load_bank_or_warn()
    library = _library(bank)
    if library is None:
        return EXIT_ERROR
    profile = library.profile(stored.id)
    if profile is None:
        err(f"story '{stored.id}' could not be scored")
        return EXIT_ERROR
    fits = library.questions_for(stored.id, list(bank.questions.values()), limit=5)
    used = library.usage().get(stored.id, 0)
    if args.json:
        data = profile.detail_json(used)
        data["questions"] = [{"id": f.question.id, "text": f.question.text, "fit": f.fit,
                              "score": round(f.score, 3)} for f in fits]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    story = profile.story
    print(f"{story.title}\n{'=' * min(len(story.title), 78)}")
    print(f"id {profile.id} · {story.words} words · told {used} time(s)"
          + (f" · tags: {', '.join(story.tags)}" if story.tags else ""))
    print(f"file {stored.path}\n")
    print(story.to_markdown().split("\n", 1)[1].rstrip())
    print(f"\nWhat it shows (overall {profile.overall})")
    for e in profile.elements:
        line = f"  {STATUS_MARK.get(e.status, '?')} {e.name:14}"
        if e.evidence:
            line += f" \"{e.evidence}\""
        print(line)
        if e.status != "covered" and e.hint:
            print(f"      {e.hint.split(' For example:')[0]}")
    shown = [c for c in profile.competencies if c.shown]
    print("\nCompetencies: " + (", ".join(f"{c.name} ({c.score:.2f})" for c in shown)
                                if shown else "none clearly shown"))
    if fits:
        print("\nQuestions it fits best")
        for f in fits:
            print(f"  {f.fit:8} {f.question.text}\n           {f.question.id}")
    return EXIT_OK


# ---------------------------------------------------------------- edit
def _editor() -> list[str] | None:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        return None
    return shlex.split(command)


def cmd_edit(args: argparse.Namespace) -> int:
    from .. import locations
    from ..fileio import atomic_write_text

    store = _store()
    stored = _find(store, args.id)
    if stored is None:
        return EXIT_ERROR
    editor = _editor()
    if editor is None:
        err("set $EDITOR (or $VISUAL) to the editor to use, e.g. EDITOR=nano; "
            f"or edit {stored.path} directly and check it with `interviewprep stories list`")
        return EXIT_USAGE
    original = stored.path.read_text(encoding="utf-8", errors="replace")
    copy = locations.story_edits_dir() / f"{stored.id}.md"
    if copy.exists():
        progress(f"continuing the edit kept in {copy}")
    else:
        atomic_write_text(copy, original)
    while True:
        try:
            result = subprocess.run([*editor, str(copy)])
        except OSError as exc:
            err(f"cannot start the editor '{editor[0]}': {exc.strerror or exc}")
            return EXIT_ERROR
        if result.returncode != 0:
            err(f"the editor exited with status {result.returncode}; the story is unchanged "
                f"and your copy is kept in {copy}")
            return EXIT_ERROR
        text = copy.read_bytes().decode("utf-8", errors="replace")
        if text == original:
            copy.unlink()
            print("no changes", file=sys.stderr)
            return EXIT_OK
        parsed = store.save_edit(stored, text)
        if parsed.ok:
            copy.unlink()
            print(f"saved {stored.path}", file=sys.stderr)
            return EXIT_OK
        for problem in parsed.problems:
            print(str(problem).replace(str(stored.path), str(copy), 1), file=sys.stderr)
        if not sys.stdin.isatty():
            err(f"not saved: the story is unchanged, and your edit is kept in {copy} "
                "(run `stories edit` again to carry on with it)")
            return EXIT_USAGE
        print("Edit again? [Y/n] ", end="", file=sys.stderr, flush=True)
        if sys.stdin.readline().strip().lower() in ("n", "no"):
            err(f"not saved: your edit is kept in {copy}")
            return EXIT_USAGE


# ---------------------------------------------------------------- remove
def cmd_remove(args: argparse.Namespace) -> int:
    store = _store()
    stored = _find(store, args.id)
    if stored is None:
        return EXIT_ERROR
    if not args.yes:
        print(f"Move '{stored.story.title}' to the trash? [y/N] ", end="", file=sys.stderr,
              flush=True)
        reply = sys.stdin.readline().strip().lower()
        if reply not in ("y", "yes"):
            print("Not removed." + ("" if reply else " (Use --yes to skip this question.)"),
                  file=sys.stderr)
            return EXIT_ERROR
    try:
        target = store.remove(stored)
    except OSError as exc:
        err(f"cannot move {stored.path} to the trash: {exc.strerror or exc}")
        return EXIT_ERROR
    print(f"Moved '{stored.story.title}' to the trash: {target}", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- export
def cmd_export(args: argparse.Namespace) -> int:

    store = _store()
    stored, problems = store.load()
    for problem in problems:
        warn(f"{problem} (left out of the export)")
    if args.format == "json":
        text = json.dumps([{"id": s.id, **s.story.model_dump(exclude={"line"})} for s in stored],
                          indent=2, ensure_ascii=False) + "\n"
    else:
        text = store.export_markdown()
    return write_output(args.output, text, force=args.force,
                        done=f"wrote {len(stored)} story(ies) to {args.output}")


# ---------------------------------------------------------------- match
def cmd_match(args: argparse.Namespace) -> int:
    bank = load_bank_or_warn()
    if args.question_id:
        question = bank.get(args.question_id)
        if question is None:
            err(f"no question '{args.question_id}' (see `interviewprep bank list`)")
            return EXIT_USAGE
        text = question.text
    else:
        text = " ".join(args.question.split())
        if not text:
            err("--question is empty")
            return EXIT_USAGE
    stored, problems = _store().load()
    if not stored:
        for problem in problems:
            warn(problem)
        print("[]" if args.json else "No stories yet: add some with `interviewprep stories add "
              "FILE`.")
        return EXIT_OK
    library = _library(bank)
    if library is None:
        return EXIT_ERROR
    matches = library.match(text)[: args.limit] if args.limit else library.match(text)
    if args.json:
        print(json.dumps([m.to_json() for m in matches], indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"Stories for: {text}")
    for m in matches:
        print(f"  {m.fit:8} {m.score:.2f}  {m.title}  [{m.id}]")
        for reason in m.reasons[:2]:
            print(f"                  {reason}")
    if matches and matches[0].fit == "gap":
        print("No story fits this question well: consider writing one for it.")
    return EXIT_OK


# ---------------------------------------------------------------- coverage
def cmd_coverage(args: argparse.Namespace) -> int:
    from ..stories.coverage import coverage_report

    stored, problems = _store().load()
    if not stored:
        for problem in problems:
            warn(problem)
    library = _library() if stored else None
    if stored and library is None:
        return EXIT_ERROR
    report = coverage_report(library.profiles if library else [])
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not stored:
        print("No stories yet: add some with `interviewprep stories add FILE`.")
        return EXIT_OK
    ids = [s["id"] for s in report["stories"]]
    numbers = {sid: str(i + 1) for i, sid in enumerate(ids)}
    print("Stories: " + "; ".join(f"{numbers[s['id']]} {s['title']}" for s in report["stories"]))
    header = " ".join(f"{n:>2}" for n in numbers.values())
    print(f"\n{'competency':36} {header}")
    for c in report["competencies"]:
        cells = " ".join(f"{'■' if sid in c['stories'] else '·':>2}" for sid in ids)
        print(f"{c['name'][:36]:36} {cells}")
    print(f"\n{'element':36} {header}")
    for e in report["elements"]:
        cells = " ".join(f"{'■' if sid in e['stories'] else '·':>2}" for sid in ids)
        print(f"{e['id']:36} {cells}")
    if report["gaps"]:
        print("\nGaps")
        for gap in report["gaps"]:
            print(f"  - {gap}")
    return EXIT_OK


# ---------------------------------------------------------------- parser
def register(sub: Subparsers) -> None:
    """Add the `stories` command group to the `interviewprep` parser."""
    stories = sub.add_parser("stories", help="your story bank: add, score, match, coverage",
                             description="Your own project stories, written once and matched "
                             "to questions. Without an ACTION: the list.")
    stories.set_defaults(func=cmd_list, json=False)
    s = stories.add_subparsers(title="stories commands", metavar="ACTION")

    p = s.add_parser("add", help="add every story in a Markdown file (- for standard input)")
    p.add_argument("file", metavar="FILE|-")
    p.set_defaults(func=cmd_add)

    p = s.add_parser("list", help="your stories with the elements each shows")
    add_json_option(p, "print a JSON array")
    p.set_defaults(func=cmd_list)

    p = s.add_parser("show", help="one story: its feedback and the questions it fits best")
    p.add_argument("id", metavar="ID", help="story id (or a unique start of one)")
    add_json_option(p)
    p.set_defaults(func=cmd_show)

    p = s.add_parser("edit", help="edit a story in $EDITOR; saved only if it validates")
    p.add_argument("id", metavar="ID", help="story id (or a unique start of one)")
    p.set_defaults(func=cmd_edit)

    p = s.add_parser("remove", help="move a story to the trash folder")
    p.add_argument("id", metavar="ID", help="story id (or a unique start of one)")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_remove)

    p = s.add_parser("export", help="every story as one Markdown file (or JSON)")
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write to FILE (atomically) instead of standard output; only a new "
                   "file, or an existing regular file with --force")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_export)

    p = s.add_parser("match", help="your stories ranked for a question, with a fit band")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--question-id", metavar="ID", help="a bank question's id")
    group.add_argument("--question", metavar="TEXT", help="any question, as text")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="show only the best N")
    add_json_option(p, "print a JSON array")
    p.set_defaults(func=cmd_match)

    p = s.add_parser("coverage", help="competencies and elements x stories, and the gaps")
    add_json_option(p)
    p.set_defaults(func=cmd_coverage)
