"""Property tests: a real story file and a real saved job posting damaged one line or one field
at a time, read by every reading command (issue 16, item 8).

Stories: a candidate's Markdown file (calibration/stories/cand-01.md, eight stories) with one line
deleted, duplicated (a repeated heading), replaced or inserted (escape sequences, NUL, huge
lines, labels with nothing after them, front-matter-like lines), cut short, or with bytes that
are not UTF-8, beside an intact story file; then `stories list` (text and JSON), `show`,
`match`, `export` (Markdown and JSON) and `coverage` (text and JSON).
Postings: a posting saved by `jd add` (real analysis) with one JSON field of the wrong type,
null, huge, deep, removed, or one line of the file damaged, beside an intact posting; then
`jd list` (text and JSON), `jd show` (text and JSON) and `jd readiness` for both.

Whatever the damage: no command raises, the intact file's stories / posting are still there,
the damaged file is read or reported with its path, no control character reaches the output
(JSON output keeps its escapes), and no reading command changes a file.
INTERVIEWPREP_MUTATIONS sets the number of examples.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from interviewprep import locations
from interviewprep.textsafe import has_unsafe
from support.cli import private_home, run_in_process
from support.mutate import line_mutation, mutation

REPO = Path(__file__).resolve().parents[2]
STORY_FILE = REPO / "calibration" / "stories" / "cand-01.md"
GOOD_STORY = """## Rescuing the payroll upgrade
Situation: The payroll upgrade for 2,000 staff was six weeks late when I took it over.
Task: I had to land it before the tax-year change without a second payroll run.
Action: I cut the scope to the statutory changes, ran a parallel payroll twice and agreed a
rollback point with the finance director.
Result: It went live a week before the deadline and nobody was paid late.
Tags: payroll, recovery
"""
POSTING_TEXT = """IT Project Manager - ServiceNow ITSM
Kestrel Health | Remote

Responsibilities
- Lead the ServiceNow ITSM rollout across four hospitals
- Run the change advisory board and keep the CMDB accurate
- Report progress and risks to the CIO

Requirements
- 5+ years managing IT service management projects
- ITIL 4 Foundation
- Experience with Jira and Agile delivery
"""
QUESTION = "Tell me about a time a supplier let you down and how you handled it."
EXAMPLES = int(os.environ.get("INTERVIEWPREP_MUTATIONS", "60"))
SETTINGS = dict(deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
_SHARED: dict = {}


def checked(*argv: str, codes: tuple[int, ...] = (0,)) -> tuple[int, str, str]:
    code, out, errs = run_in_process(*argv)
    assert code in codes, (argv, code, errs)
    assert not has_unsafe(out) and not has_unsafe(errs), (argv, out[-300:], errs[-300:])
    if code == 0 and ("--json" in argv or "json" in argv):
        json.loads(out)
    return code, out, errs


@pytest.fixture(scope="module")
def shared_models(real_scorer, tmp_path_factory):
    """The real scorer and posting analyser, loaded once; the real posting, saved once."""
    from interviewprep.bank import load_app_bank
    from interviewprep.jd import PostingAnalyser, PostingStore

    if not _SHARED:
        bank, _ = load_app_bank()
        previous = os.environ.get("INTERVIEWPREP_HOME")
        os.environ["INTERVIEWPREP_HOME"] = str(tmp_path_factory.mktemp("analyser-home"))
        try:
            analyser = PostingAnalyser.load(bank)
            saved = PostingStore().add(POSTING_TEXT, analyser.analyse(POSTING_TEXT), name="kestrel")
            posting = saved.path.read_text(encoding="utf-8")
        finally:
            if previous is None:
                os.environ.pop("INTERVIEWPREP_HOME", None)
            else:
                os.environ["INTERVIEWPREP_HOME"] = previous
        _SHARED.update(bank=bank, analyser=analyser, posting=posting)
    return _SHARED


@pytest.fixture(autouse=True)
def loaded_once(monkeypatch, shared_models, real_scorer):
    import interviewprep.bank
    from interviewprep.jd import PostingAnalyser
    from interviewprep.scoring.scorer import Scorer

    monkeypatch.setattr(interviewprep.bank, "load_app_bank",
                        lambda *a, **k: (shared_models["bank"], []))
    monkeypatch.setattr(Scorer, "load", staticmethod(lambda *a, **k: real_scorer))
    monkeypatch.setattr(PostingAnalyser, "load",
                        classmethod(lambda cls, *a, **k: shared_models["analyser"]))


# ------------------------------------------------------------------ stories
def check_story_commands(path: Path, described: str) -> None:
    before = path.read_bytes()
    _code, out, errs = checked("stories", "list", "--json")
    ids = [s["id"] for s in json.loads(out)]
    assert "good" in ids, (described, errs)
    mine = [i for i in ids if i.startswith("mine")]
    if not mine:
        assert str(path) in errs, (described, errs)  # reported, with its path
    checked("stories", "list")
    for story_id in ["good", *mine[:2]]:
        checked("stories", "show", story_id)
        checked("stories", "show", story_id, "--json")
    _code, out, _errs = checked("stories", "match", "--question", QUESTION, "--json")
    assert "good" in [m["id"] for m in json.loads(out)], described
    checked("stories", "match", "--question", QUESTION)
    _code, out, _errs = checked("stories", "export")
    assert "Rescuing the payroll upgrade" in out, described
    _code, out, _errs = checked("stories", "export", "--format", "json")
    assert "good" in [s["id"] for s in json.loads(out)], described
    checked("stories", "coverage")
    checked("stories", "coverage", "--json")
    assert path.read_bytes() == before, f"a reading command changed the file: {described}"


def _with_line(at: int, line: str) -> tuple[str, bytes]:
    lines = STORY_FILE.read_text(encoding="utf-8").split("\n")
    lines[at] = line
    return f"line {at + 1} = {line!r}", "\n".join(lines).encode("utf-8")


@settings(max_examples=max(10, EXAMPLES // 4), **SETTINGS)
@given(case=line_mutation(STORY_FILE.read_text(encoding="utf-8")))
@example(case=_with_line(2, "## \x1b]0;pwned\x07Data Centre Exit\x1b]52;c;ZWNobyBoaQ==\x07"))
@example(case=_with_line(4, "Task: I owned the plan\x1b[2J\x1b[H and the \x9b31m budget"))
@example(case=_with_line(9, "Tags: deadline, \u202eevil, \x1b[5m"))
def test_a_story_file_damaged_line_by_line_never_breaks_a_reading_command(case):
    described, data = case
    with private_home():
        folder = locations.stories_dir()
        folder.mkdir(parents=True)
        (folder / "good.md").write_text(GOOD_STORY, encoding="utf-8")
        mine = folder / "mine.md"
        mine.write_bytes(data)
        check_story_commands(mine, described)


# ------------------------------------------------------------------ job postings
def check_posting_commands(path: Path, described: str) -> None:
    before = path.read_bytes()
    _code, out, errs = checked("jd", "list", "--json")
    names = [p["name"] for p in json.loads(out)]
    assert "good" in names, (described, errs)
    readable = "kestrel" in names
    if not readable:
        assert str(path) in errs, (described, errs)
    checked("jd", "list")
    checked("jd", "show", "good")  # the intact posting reads as ever beside the damaged one
    checked("jd", "readiness", "good", "--json")
    codes = (0,) if readable else (1,)
    for argv in (("jd", "show", "kestrel"), ("jd", "show", "kestrel", "--json"),
                 ("jd", "readiness", "kestrel", "--json"), ("jd", "readiness", "kestrel")):
        code, _out, errs = checked(*argv, codes=codes if "show" in argv else (0, 1))
        if code:
            assert errs.strip(), (described, argv)
    if not older_analysis(before):
        assert path.read_bytes() == before, f"a reading command changed the file: {described}"


def older_analysis(data: bytes) -> bool:
    """An analysis made by an older analyser (version 0, or no version: before versions): the
    one case where reading saves the posting again, with its analysis redone."""
    from interviewprep.jd import ANALYSER_VERSION

    try:
        version = json.loads(data)["analysis"].get("version", 0)
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
    return isinstance(version, int) and 0 <= version < ANALYSER_VERSION


def check_damaged_posting(data: bytes, described: str) -> None:
    with private_home():
        folder = locations.job_descriptions_dir()
        folder.mkdir(parents=True)
        (folder / "good.json").write_text(_SHARED["posting"].replace('"kestrel"', '"good"', 1),
                                          encoding="utf-8")
        path = folder / "kestrel.json"
        path.write_bytes(data)
        check_posting_commands(path, described)


@settings(max_examples=max(10, EXAMPLES // 2), **SETTINGS)
@given(data=st.data())
def test_a_posting_damaged_field_by_field_never_breaks_a_reading_command(data):
    described, doc = data.draw(mutation(json.loads(_SHARED["posting"])))
    check_damaged_posting(json.dumps(doc, indent=2, ensure_ascii=False).encode(
        "utf-8", "surrogatepass"), described)


@settings(max_examples=max(10, EXAMPLES // 4), **SETTINGS)
@given(data=st.data())
def test_a_posting_damaged_line_by_line_never_breaks_a_reading_command(data):
    described, raw = data.draw(line_mutation(_SHARED["posting"]))
    check_damaged_posting(raw, described)


def test_escape_sequences_in_a_saved_posting_never_reach_the_terminal():
    doc = json.loads(_SHARED["posting"])
    doc["title"] = "IT PM \x1b]0;pwned\x07\x1b[2J"
    doc["text"] = doc["text"].replace("ITIL 4", "ITIL \x1b]52;c;ZWNobyBoaQ==\x07 4")
    doc["analysis"]["title"] = doc["title"]
    doc["analysis"]["requirements"][0]["text"] += " \x9b31m\u202e"
    doc["analysis"]["terms"].append("\x1b[5mJira")
    check_damaged_posting(json.dumps(doc).encode("utf-8"), "escape sequences in every field")
