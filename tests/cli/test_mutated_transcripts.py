"""Property tests: a real transcript damaged one field at a time, read by every reading command.

Each example writes one mutated copy of a real transcript beside an intact one and runs
`review list` (text and JSON), `review show`, `export` (Markdown and JSON), `progress` (text and
JSON) and `resume --plain` in process, as `interviewprep` would. Whatever the mutation, no
command raises, the intact session is still listed, and the mutated file is either read or
reported once with its path and a reason, and never rewritten by a reading command.

INTERVIEWPREP_MUTATIONS sets the number of examples (the issue's probe is 200).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from interviewprep.bank import load_app_bank as real_load_app_bank
from support.cli import private_home, run_in_process
from support.mutate import mutation

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
FINISHED = FIXTURES / "20250303-184512-3fa9c1.json"  # follow-ups, retries, three categories
UNFINISHED = FIXTURES / "20250317-201130-c45e02.json"  # one answered, one skipped, not finished
INTACT = FIXTURES / "20250310-190205-8b27de.json"
NO_SHRINK = [Phase.explicit, Phase.generate]  # one field changed: nothing to shrink
EXAMPLES = int(os.environ.get("INTERVIEWPREP_MUTATIONS", "60"))
_BANK: list = []


def _bank():
    if not _BANK:
        _BANK.append(real_load_app_bank())
    return _BANK[0]


@contextlib.contextmanager
def home_with(name: str, text: str):
    """A fresh INTERVIEWPREP_HOME holding the mutated file and an intact transcript."""
    with private_home():
        from interviewprep import locations

        folder = locations.transcripts_dir()
        folder.mkdir(parents=True)
        shutil.copy(INTACT, folder / INTACT.name)
        (folder / name).write_text(text, encoding="utf-8")
        yield folder / name


@pytest.fixture(autouse=True)
def shared_bank(monkeypatch):
    """The real bank, parsed once for all examples (review show and export read it)."""
    import interviewprep.bank

    monkeypatch.setattr(interviewprep.bank, "load_app_bank", lambda *a, **k: _bank())


def check_reading_commands(path: Path, described: str) -> None:
    session_id = path.stem
    before = path.read_bytes()
    code, out, errs = run_in_process("review", "list", "--json")
    assert code == 0, (described, errs)
    listed = [s["id"] for s in json.loads(out)]
    assert INTACT.stem in listed, described
    readable = session_id in listed
    if not readable:
        # reported once, with the path and a reason
        assert errs.count(str(path)) == 1, (described, errs)
    assert run_in_process("review", "list")[0] == 0
    for argv in (("review", "show", session_id), ("export", session_id),
                 ("export", session_id, "--format", "json")):
        code, out, errs = run_in_process(*argv)
        assert code in (0, 1), (described, argv, errs)
        if readable:
            assert code == 0 and out, (described, argv, errs)
        else:
            assert code == 1 and str(path) in errs, (described, argv, errs)
    for argv in (("progress",), ("progress", "--json")):
        code, out, errs = run_in_process(*argv)
        assert code == 0, (described, argv, errs)
    report = json.loads(run_in_process("progress", "--json")[1])
    assert report["totals"]["sessions"] >= 1, described  # the intact session still counts
    assert path.read_bytes() == before, f"a reading command rewrote the file: {described}"


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=NO_SHRINK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutation(json.loads(FINISHED.read_text(encoding="utf-8"))))
def test_one_mutated_field_never_breaks_review_export_or_progress(case):
    described, doc = case
    with home_with(FINISHED.name, json.dumps(doc)) as path:
        check_reading_commands(path, described)


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None, derandomize=True, phases=NO_SHRINK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutation(json.loads(UNFINISHED.read_text(encoding="utf-8"))))
def test_one_mutated_field_of_an_unfinished_session_never_breaks_listing(case):
    described, doc = case
    with home_with(UNFINISHED.name, json.dumps(doc)) as path:
        check_reading_commands(path, described)


# ------------------------------------------------------------------ resume
@pytest.fixture
def plain_with_real_scorer(monkeypatch, real_scorer):
    """`resume --plain` with the real scorer (loaded once) and standard input at its end."""
    from interviewprep.cli import plain

    monkeypatch.setattr(plain.Scorer, "load", staticmethod(lambda *a, **k: real_scorer))
    original = plain.run_plain

    def at_end_of_input(*args, **kwargs):
        return original(*args, **{**kwargs, "stdin": io.StringIO(""), "out": io.StringIO()})

    monkeypatch.setattr(plain, "run_plain", at_end_of_input)


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None, derandomize=True, phases=NO_SHRINK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(case=mutation(json.loads(UNFINISHED.read_text(encoding="utf-8"))))
def test_resume_of_a_mutated_session_is_an_error_message_or_a_session(plain_with_real_scorer, case):
    described, doc = case
    with home_with(UNFINISHED.name, json.dumps(doc)) as path:
        for argv in (("resume", path.stem, "--plain"), ("resume", "--plain")):
            code, _out, errs = run_in_process(*argv)
            assert code in (0, 1), (described, argv, errs)
            assert "Traceback" not in errs, (described, errs)


def test_resume_of_a_renamed_file_carries_on_under_its_new_name(plain_with_real_scorer):
    with home_with("my-practice.json", UNFINISHED.read_text(encoding="utf-8")) as path:
        code, _out, errs = run_in_process("resume", "my-practice", "--plain")
        assert code == 0, errs
        assert sorted(p.name for p in path.parent.glob("*.json")) == sorted(
            [INTACT.name, "my-practice.json"])  # nothing saved under the id inside the file
        assert json.loads(path.read_text(encoding="utf-8"))["id"] == "my-practice"


@pytest.mark.parametrize("change", [
    {"settings": {"seed": "eleven", "count": 2}},
    {"settings": {"count": -3}},
    {"plan": ["no-such-question", "tech-scope-creep-control"]},
    {"plan": "tech-scope-creep-control"},
])
def test_resume_with_an_odd_seed_or_plan_says_why(plain_with_real_scorer, change):
    doc = {**json.loads(UNFINISHED.read_text(encoding="utf-8")), **change}
    with home_with(UNFINISHED.name, json.dumps(doc)) as path:
        code, _out, errs = run_in_process("resume", path.stem, "--plain")
        assert code == 1 and errs.strip(), errs
        assert "Traceback" not in errs


def test_resume_of_an_odd_id_says_why(plain_with_real_scorer):
    with home_with(UNFINISHED.name, UNFINISHED.read_text(encoding="utf-8")):
        for odd in ("../../etc/passwd", "*", "x" * 300, "a/b"):
            code, _out, errs = run_in_process("resume", odd, "--plain")
            assert code == 1 and errs.strip(), (odd, errs)
