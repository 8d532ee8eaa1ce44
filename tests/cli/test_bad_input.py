"""Regressions found in review: hostile input gets a clear message and loses nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from interviewprep.bank import validate_paths
from interviewprep.transcripts import TranscriptStore
from support.cli import run_cli


@pytest.mark.slow
def test_binary_garbage_on_plain_stdin_is_scored_and_saved(isolated_home):
    garbage = bytes(b for b in range(256) if b not in (10, 13))
    result = subprocess.run(
        [sys.executable, "-m", "interviewprep", "practice", "--plain", "--count", "1",
         "--seed", "1", "--no-follow-ups"],
        input=b"real words here " + garbage + b"\n\n", capture_output=True,
        env=os.environ.copy(), timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    (saved,) = (isolated_home / "data" / "transcripts").glob("*.json")
    assert json.loads(saved.read_text())["turns"][0]["attempts"]


def test_recursive_and_exploding_yaml_aliases_are_refused(tmp_path):
    recursive = tmp_path / "recursive.yaml"
    recursive.write_text("a: &a [*a]\n")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for p, c in zip("abcdefg", "bcdefgh", strict=True)))
    _, errors = validate_paths([recursive, bomb])
    messages = {e.file.name: e.message for e in errors}
    assert "recursive" in messages["recursive.yaml"]
    assert "more than" in messages["bomb.yaml"]


@pytest.mark.slow
def test_a_bad_question_text_in_a_batch_does_not_stop_the_batch(tmp_path):
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"id":"q","answer":"I led it","question":"\\ud800"}\n'
                     '{"id":"after","answer":"We shipped."}\n'
                     '{"id":"u","answer":"x","question_id":"nope"}\n')
    result = run_cli("score", "--batch", str(batch))
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["q", "after", "u"]
    assert "overall" in out[1] and out[2]["error"].startswith("line 3:")
    assert result.returncode == 2


def test_a_transcript_with_wrongly_typed_fields_is_skipped_not_fatal(isolated_home):
    folder = isolated_home / "data" / "transcripts"
    folder.mkdir(parents=True)
    good = {"id": "good", "schema_version": 2, "started_at": "2025-01-01T10:00:00+00:00",
            "turns": [], "plan": []}
    (folder / "good.json").write_text(json.dumps(good))
    bad = folder / "bad.json"
    bad.write_text(json.dumps({**good, "id": "bad", "started_at": 12345}))
    before = bad.read_bytes()
    sessions, problems = TranscriptStore().list()
    assert [s.id for s in sessions] == ["good"]
    assert [p.path.name for p in problems] == ["bad.json"]
    result = run_cli("review", "list", "--json")
    assert result.returncode == 0 and [s["id"] for s in json.loads(result.stdout)] == ["good"]
    assert "bad.json" in result.stderr
    assert bad.read_bytes() == before
