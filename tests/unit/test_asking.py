"""Questions for the interviewer: splitting, patterns, input checks, the transcript field, and the
real rater (all-MiniLM-L6-v2 through the app's model card) on clear cases."""

from __future__ import annotations

import json

import pytest

from interviewprep.asking import PostingContext, split_questions, suggestions_for
from interviewprep.asking.patterns import detect
from interviewprep.asking.reading import QuestionFileError, parse_question_lines
from interviewprep.transcripts import Transcript
from interviewprep.transcripts.export import to_markdown, to_text
from interviewprep.transcripts.index import SessionDigest
from interviewprep.transcripts.progress import progress_report


@pytest.mark.parametrize(("line", "parts"), [
    ("How are risks escalated?", ["How are risks escalated?"]),
    ("What is the salary? And is there parking?", ["What is the salary?", "And is there parking?"]),
    ("You said the PMO is new. What does it do today?", ["You said the PMO is new. What does it do today?"]),
    ("How are estimates made? I ask because it varies a lot.",
     ["How are estimates made? I ask because it varies a lot."]),
    ("who decides when a project gets stopped", ["who decides when a project gets stopped"]),
    ("no questions thanks", ["no questions thanks"]),
    ("", []),
])
def test_split_questions(line, parts):
    assert split_questions(line) == parts


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("How are risks escalated to the steering group?", {"open", "pm-practice"}, {"closed"}),
    ("Do you use Agile?", {"closed"}, {"open"}),
    ("Is the cutover owned by the integrator or by your team?", {"either-or"}, {"closed"}),
    ("What's the salary range?", {"pay-perks"}, set()),
    ("When can I start?", {"premature"}, set()),
    ("What does your company do?", {"website"}, set()),
    ("Why is everyone quitting?", {"negative"}, set()),
    ("Why should I work for you?", {"rude"}, set()),
    ("what's the dress code", {"off-topic"}, set()),
    ("So what's the vibe like?", {"vague"}, set()),
    ("No, I think you covered everything.", {"not-a-question"}, set()),
    ("I really enjoyed our chat today", {"not-a-question"}, set()),
    ("The posting mentions ServiceNow. How is it used by projects?", {"prepared", "open"}, set()),
])
def test_pattern_kinds(text, present, absent):
    kinds = detect(text).kinds
    assert present <= kinds, kinds
    assert not (absent & kinds), kinds


@pytest.mark.parametrize(("data", "message"), [
    (b"How?\n\x00\x01binary", "<in>:2: contains NUL"),
    (b"fine\n\xff\xfe bad\n", "<in>:2: not UTF-8"),
])
def test_bad_question_input_names_the_line(data, message):
    with pytest.raises(QuestionFileError, match=message):
        parse_question_lines(data, "<in>")


def test_question_lines_skip_blanks_keep_numbers_and_cut_long_lines():
    lines = parse_question_lines("\ufeffFirst?\n\n  \nSecond?\r\n".encode() + b"x" * 5000, "f")
    assert [(q.number, q.text[:7], q.cut) for q in lines] == [(1, "First?", False), (4, "Second?", False),
                                                               (5, "xxxxxxx", True)]


def test_v2_transcript_migrates_to_no_questions_asked():
    old = {"schema_version": 2, "id": "20250101-000000-aaaaaa", "started_at": "2025-01-01T00:00:00",
           "turns": []}
    transcript = Transcript.from_json(old)
    assert transcript.questions_asked == [] and transcript.questions_offered is False
    assert transcript.to_json()["schema_version"] == 3


def test_a_v2_transcript_as_main_writes_it_keeps_rating_delivery_and_requirement():
    """Schema 2 grew optional fields (spaced-repetition rating, spoken delivery, the posting's
    requirement a probe asked about) without a version bump; migrating to 3 keeps them all."""
    delivery = {"duration_s": 40.0, "words": 87, "words_per_minute": 130.0, "pace": "good",
                "fillers": 1, "fillers_per_minute": 1.5, "filler_words": {"um": 1}, "long_pauses": [],
                "speaking_time": "short", "notes": []}
    old = {"schema_version": 2, "id": "20261201-090000-bbbbbb", "started_at": "2026-12-01T09:00:00+00:00",
           "finished_at": "2026-12-01T09:10:00+00:00", "settings": {"jd": "kestrel"}, "plan": ["q1"],
           "turns": [{"question_id": "q1", "question_text": "Tell me about a risk.", "category": "behavioral",
                      "elements": ["risk"],
                      "attempts": [{"answer": "I kept a register.", "feedback": {"overall": 55},
                                    "seconds": 40.0, "submitted_at": "2026-12-01T09:01:00+00:00",
                                    "delivery": delivery}],
                      "follow_up": {"question": "Where?", "element": None, "requirement": "Run the CAB",
                                    "answer": "", "feedback": None, "seconds": 0.0, "delivery": None},
                      "rating": {"grade": "hard", "by": "feedback", "reasons": ["scored 55/100"]}}]}
    transcript = Transcript.from_json(json.loads(json.dumps(old)))
    (turn,) = transcript.turns
    assert turn.rating == old["turns"][0]["rating"]
    assert turn.attempts[0].delivery is not None
    assert turn.attempts[0].delivery["words_per_minute"] == 130.0
    assert turn.attempts[0].delivery["filler_words"] == {"um": 1}
    assert turn.follow_up is not None and turn.follow_up.requirement == "Run the CAB"
    assert transcript.questions_asked == [] and not transcript.questions_offered
    again = Transcript.from_json(transcript.to_json())
    assert again.to_json() == transcript.to_json() and again.schema_version == 3


def test_an_index_written_before_questions_asked_is_rebuilt(isolated_home):
    from interviewprep.transcripts import AskedQuestion, TranscriptStore
    from interviewprep.transcripts.index import INDEX_VERSION, index_path

    store = TranscriptStore()
    transcript = Transcript(started_at="2026-12-01T09:00:00+00:00",
                            questions_asked=[AskedQuestion("Who owns risk?", "strong")],
                            questions_offered=True)
    path = store.save(transcript)
    (digest,) = store.digests()[0]
    assert digest.questions_asked == {"strong": 1, "fair": 0, "weak": 0}
    index = index_path(store)
    data = json.loads(index.read_text(encoding="utf-8"))
    # Version 3 (main's, or this branch's before the merge) kept no questions_asked.
    assert INDEX_VERSION > 3
    entry = data["entries"][path.name]
    entry["digest"].pop("questions_asked")
    index.write_text(json.dumps({**data, "version": 3}), encoding="utf-8")
    (digest,) = store.digests()[0]
    assert digest.questions_asked == {"strong": 1, "fair": 0, "weak": 0}
    assert json.loads(index.read_text(encoding="utf-8"))["version"] == INDEX_VERSION


@pytest.mark.parametrize("bad", [
    [{"text": "Why?", "verdict": "great", "reasons": []}],
    [{"verdict": "weak"}],
    [{"text": "Why?", "verdict": "weak", "reasons": "not a list"}],
    "not a list",
])
def test_bad_questions_asked_are_refused(bad):
    data = {"schema_version": 3, "id": "x", "started_at": "2025-01-01T00:00:00+00:00", "questions_asked": bad}
    with pytest.raises(ValueError, match="questions_asked"):
        Transcript.from_json(data)


def _with_questions(*verdicts: str) -> Transcript:
    return Transcript.from_json({
        "schema_version": 3, "id": "20250101-000000-aaaaaa", "started_at": "2025-01-01T10:00:00",
        "questions_offered": True,
        "questions_asked": [{"text": f"Q{n}?", "verdict": v, "reasons": [f"because {v}"],
                             "rewrite": "Ask this instead?" if v == "weak" else None}
                            for n, v in enumerate(verdicts)],
    })


def test_questions_asked_round_trip_and_show_in_exports():
    transcript = _with_questions("strong", "weak")
    again = Transcript.from_json(json.loads(json.dumps(transcript.to_json())))
    assert [q.verdict for q in again.questions_asked] == ["strong", "weak"]
    markdown = to_markdown(again)
    assert "## Your questions for the interviewer" in markdown
    assert "**weak**: Q1?" in markdown and "*Try instead:* Ask this instead?" in markdown
    assert "STRONG  Q0?" in to_text(again)


def test_a_session_with_no_questions_says_so_in_the_export():
    transcript = Transcript.from_json({"schema_version": 3, "id": "a",
                                       "started_at": "2025-01-01T00:00:00+00:00",
                                       "questions_offered": True})
    assert "*None asked.*" in to_markdown(transcript)


def test_progress_counts_questions_asked():
    from interviewprep.transcripts import Attempt, Turn

    digests = []
    for n, verdicts in enumerate([("strong", "weak"), ("strong", "strong", "fair")]):
        transcript = _with_questions(*verdicts)
        transcript.id = f"2025010{n + 1}-000000-aaaaaa"
        transcript.started_at = f"2025-01-0{n + 1}T10:00:00"
        transcript.turns = [Turn("q", "Q", "behavioral", [], attempts=[Attempt("a", {"overall": 50})])]
        digests.append(SessionDigest.of(transcript, "f.json", 3))
    report = progress_report([SessionDigest.from_json(d.to_json()) for d in digests])
    assert report.questions_asked == {"strong": 3, "fair": 1, "weak": 1}
    assert [round(v, 2) for v in report.asking.values] == [0.5, 0.67]
    assert report.to_json()["questions_asked"]["strong"] == 3


def test_suggestions_follow_level_specialization_and_posting():
    senior_erp = suggestions_for("senior", "erp", seed=1)
    assert len(senior_erp) == 4 and len(set(senior_erp)) == 4
    assert senior_erp == suggestions_for("senior", "erp", seed=1)
    assert any("cutover" in q or "ERP" in q for q in senior_erp)
    assert set(senior_erp) != set(suggestions_for("entry", "itsm", seed=1))
    posting = PostingContext.from_text("Project Manager\n- Run the ServiceNow rollout for 3 regions\n")
    assert "ServiceNow rollout" in suggestions_for("mid", None, posting, seed=2)[0]


def _analysis():
    """A job-description analysis as `interviewprep jd add` saves it (jd.analysis's own types)."""
    from interviewprep.jd.analysis import AnalysedRequirement, PostingAnalysis

    return PostingAnalysis(
        title="IT Project Manager - ServiceNow ITSM", level="mid", level_reason="",
        specializations=["general", "itsm"],
        requirements=[
            AnalysedRequirement("5+ years managing IT service management projects", "skill",
                                ["situation"], []),
            AnalysedRequirement("Run the change advisory board and keep the CMDB accurate", "duty",
                                ["action"], ["change advisory board", "CMDB"]),
            AnalysedRequirement("Experience with Jira and Agile delivery", "skill", ["situation"],
                                ["Jira", "Agile"]),
        ],
        terms=["ServiceNow", "ITSM", "CMDB"], questions=[])


def test_posting_context_from_a_saved_analysis():
    posting = PostingContext.from_analysis(_analysis())
    assert posting.title == "IT Project Manager - ServiceNow ITSM"
    assert posting.requirements[1] == "Run the change advisory board and keep the CMDB accurate"
    # The posting's terms, then each line's, once each.
    assert posting.terms == ["ServiceNow", "ITSM", "CMDB", "change advisory board", "Jira", "Agile"]
    assert posting.duties == ["Run the change advisory board and keep the CMDB accurate"]
    assert (posting.level, posting.specializations) == ("mid", ["general", "itsm"])
    assert posting.referred_requirement("Who chairs the change advisory board?") == "change advisory board"
    assert posting.referred_requirement("How are service management projects staffed?") \
        == "5+ years managing IT service management projects"


def test_summary_suggestions_from_a_posting_quote_a_duty_not_a_skill():
    posting = PostingContext.from_analysis(_analysis())
    for seed in range(5):
        first = suggestions_for(None, "itsm", posting, seed=seed)[0]
        assert "change advisory board" in first and "5+ years" not in first


def test_a_session_from_a_posting_suggests_for_the_posting(tmp_path):
    from interviewprep.interview.session import summarise

    transcript = Transcript(plan=["q1"])
    summary = summarise(transcript, tmp_path / "t.json", posting=PostingContext.from_analysis(_analysis()))
    assert "change advisory board" in summary.questions_to_ask[0]
    # No level or specialization chosen: the posting's (mid, itsm) fill the rest of the list.
    from interviewprep.asking.suggest import _library

    library = _library()
    rest = summary.questions_to_ask[1:]
    assert rest and set(rest) <= set(library["specialization"]["itsm"]) | set(library["level"]["mid"])
    assert set(rest) & set(library["specialization"]["itsm"])


def test_posting_context_finds_the_requirement_a_question_refers_to():
    posting = PostingContext.from_text(
        "IT Project Manager\n- Lead the data centre consolidation programme\n- Experience with PRINCE2\n")
    assert posting.referred_requirement("How far along is the data centre consolidation?") \
        == "Lead the data centre consolidation programme"
    assert posting.referred_requirement("Is PRINCE2 used on every project?") == "PRINCE2"
    assert posting.referred_requirement("What is the salary?") is None


# ---------------------------------------------------------------------------------- the real rater
@pytest.fixture(scope="module")
def rater(tmp_path_factory):
    import os

    from interviewprep.asking import QuestionRater

    previous = os.environ.get("INTERVIEWPREP_HOME")
    os.environ["INTERVIEWPREP_HOME"] = str(tmp_path_factory.mktemp("rater-home"))
    try:
        return QuestionRater.load(progress=lambda _m: None)
    finally:
        if previous is None:
            os.environ.pop("INTERVIEWPREP_HOME", None)
        else:
            os.environ["INTERVIEWPREP_HOME"] = previous


@pytest.mark.slow
@pytest.mark.parametrize(("question", "verdict"), [
    ("How are change requests approved here, and how much can a PM decide alone?", "strong"),
    ("Who signs off a go-live?", "strong"),
    ("what would you want the new pm to have fixed by the end of the first quarter", "strong"),
    ("How much annual leave is there, and can I buy extra days?", "weak"),
    ("Do you use Scrum?", "weak"),
    ("When would I hear back about the offer?", "weak"),
    ("Why do your systems keep crashing? It's embarrassing.", "weak"),
    ("No, I'm good, thanks.", "weak"),
    # Long but weak: many words, all about the candidate's own convenience.
    ("I was just wondering, and please tell me if this is not the right time, whether it would be "
     "possible for me to have every Friday at home and to start a bit later on Mondays?", "weak"),
])
def test_the_real_rater_on_clear_cases(rater, question, verdict):
    result = rater.rate(question)
    assert result.verdict == verdict, result.to_json()
    assert result.reasons


@pytest.mark.slow
def test_a_weak_question_gets_a_concrete_rewrite_and_a_strong_one_none(rater):
    weak, strong = rater.rate_many(["Is there a PMO?", "How does the PMO decide which projects get funded?"])
    assert weak.verdict == "weak" and weak.rewrite and weak.rewrite.count('"') >= 2
    assert strong.verdict == "strong" and strong.rewrite is None


@pytest.mark.slow
def test_a_red_flag_beside_a_strong_question_is_not_strong(rater):
    result = rater.rate("How are risks escalated to the board? Also, what's the bonus?")
    assert result.verdict != "strong"
    assert len(result.parts) == 2
    assert any("pay" in r for r in result.reasons)


@pytest.mark.slow
def test_a_question_about_the_posting_counts_as_prepared(rater):
    posting = PostingContext.from_text(
        "IT Project Manager\n- Deliver the Workday HR rollout across 4 sites\n")
    question = "How is the Workday rollout split between the four sites?"
    with_posting = rater.rate(question, posting)
    assert "prepared-jd" in with_posting.kinds
    assert any("Workday" in r for r in with_posting.reasons)
    assert "prepared-jd" not in rater.rate(question).kinds


@pytest.mark.slow
def test_a_saved_analysis_makes_questions_about_its_requirements_prepared(rater):
    posting = PostingContext.from_analysis(_analysis())
    prepared, generic, closed = rater.rate_many([
        "How is the change advisory board run today, and who chairs it?",
        "What does a typical week look like?",
        "Do you use Jira?"], posting)
    assert "prepared-jd" in prepared.kinds and prepared.verdict == "strong"
    assert any("change advisory board" in r for r in prepared.reasons)
    assert "prepared-jd" not in generic.kinds and generic.verdict != "strong"
    # The posting names Jira: asking whether it is used is weak, and the reason says why.
    assert closed.verdict == "weak"
    assert any("already answers it (Jira)" in r for r in closed.reasons)


def test_the_strong_cut_off_is_chosen_on_out_of_fold_agreement():
    import numpy as np

    from interviewprep.asking.fit import pick_threshold

    verdicts = np.array(["strong", "strong", "weak", "fair"])
    p_strong = np.array([0.42, 0.9, 0.1, 0.2])
    p_weak = np.array([0.2, 0.05, 0.8, 0.3])
    hard = np.array([False, False, False, False])
    assert pick_threshold(p_strong, p_weak, hard, verdicts) == 0.4
    # With every strong row far above 0.5, the tie goes to the value nearest 0.5.
    assert pick_threshold(np.array([0.9, 0.95, 0.1, 0.2]), p_weak, hard, verdicts) == 0.5
