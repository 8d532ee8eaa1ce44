"""Progress across sessions: trends, weakest elements and questions, totals, sparklines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interviewprep import locations
from interviewprep.bank import CATEGORY_NAMES
from interviewprep.transcripts import TranscriptStore
from interviewprep.transcripts.index import SessionDigest, TurnDigest
from interviewprep.transcripts.progress import progress_report, sparkline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"


@pytest.mark.parametrize("values, low, high, expected", [
    ([], 0, 1, ""),
    ([0.0, 0.5, 1.0], 0, 1, "▁▅█"),
    ([0, 12.5, 25, 37.5, 50, 62.5, 75, 100], 0, 100, "▁▂▃▄▅▆▇█"),
    ([-5, 150], 0, 100, "▁█"),
    ([0.2, None, 0.9], 0, 1, "▂ █"),
    ([3, 3], 3, 3, "▁▁"),
])
def test_sparkline(values, low, high, expected):
    assert sparkline(values, low, high) == expected


def digest(sid: str, started: str, turns: list[tuple[str, str, int | None, dict]],
           seconds: float = 60.0) -> SessionDigest:
    return SessionDigest(
        id=sid, file=f"{sid}.json", started_at=started, finished_at=started, planned=len(turns),
        overall=None, categories=sorted({t[1] for t in turns}), seconds=seconds, schema_version=2,
        turns=[TurnDigest(q, f"text of {q}", c, score, attempts=1, element_scores=el)
               for q, c, score, el in turns],
    )


def test_trends_are_chronological_per_category_and_element():
    sessions = [  # deliberately out of order
        digest("b", "2025-01-02T10:00:00", [("q1", "technical", 60, {"risk": 0.6})]),
        digest("a", "2025-01-01T10:00:00", [
            ("q1", "technical", 20, {"risk": 0.2}),
            ("q2", "behavioral", 40, {"risk": 0.4, "result": 0.1}),
        ]),
        digest("c", "2025-01-03T10:00:00", [("q2", "behavioral", None, {})]),
    ]
    report = progress_report(sessions, CATEGORY_NAMES, {"risk": "Risk", "result": "Result"})
    assert (report.sessions, report.answers, report.skipped) == (2, 3, 1)
    assert report.seconds == 120.0
    assert report.overall.values == [30.0, 60.0]
    by_id = {t.id: t for t in report.categories}
    assert [t.id for t in report.categories] == ["behavioral", "technical"]  # bank order
    assert by_id["technical"].values == [20, 60] and by_id["technical"].change == 40
    assert by_id["technical"].name == "Technical / process"
    risk = next(t for t in report.elements if t.id == "risk")
    assert risk.values == pytest.approx([0.3, 0.6]) and risk.samples == 3
    assert [t.id for t in report.weakest_elements] == ["result", "risk"]
    # q1 improved to 60 (not weak any more); q2's latest answered score is 40.
    assert [q.question_id for q in report.weakest_questions] == ["q2"]
    assert report.weakest_questions[0].scores == [40]


def test_report_over_the_fixture_sessions():
    folder = locations.transcripts_dir()
    folder.mkdir(parents=True)
    for path in [*FIXTURES.glob("*.json"), FIXTURES / "v1" / "20250210-173000-0a1b2c.json"]:
        shutil.copy(path, folder)
    digests, _ = TranscriptStore().digests()
    report = progress_report(digests, CATEGORY_NAMES)
    assert report.sessions == 5
    assert report.answers == 9 and report.skipped == 1
    assert report.attempts == 10  # one retry in the scenario session
    assert report.first_session.startswith("2025-02-10")
    assert report.overall.values[-1] == 78
    assert {q.question_id for q in report.weakest_questions} == {
        "lead-stakeholder-management-approach", "scn-critical-path-slip",
        "beh-managing-significant-risks"}
    # The retry lifted scope creep from 28 to 78, so it is no longer among the weakest.
    assert "tech-scope-creep-control" not in {q.question_id for q in report.weakest_questions}
    data = report.to_json()
    assert data["totals"]["sessions"] == 5
    assert {"id", "name", "means", "latest", "change"} <= set(data["elements"][0])


def test_an_empty_history():
    report = progress_report([])
    assert report.empty and report.sessions == 0
    assert report.to_json()["overall"]["means"] == []
