"""The interview: a conversation with the interviewer, an answer box, and feedback on each answer.

Scoring runs in a thread worker that posts `FeedbackReady`; the answer box is locked (the
`locked` reactive) until it arrives. The engine saves the transcript after every turn.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalGroup, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, LoadingIndicator, Static, TextArea
from textual.worker import Worker, WorkerState, get_current_worker

from ... import clock
from ...interview import InterviewSession, TurnResult
from ...interview.session import TARGET_SECONDS
from ...schedule import describe_when
from ...transcripts import TranscriptError
from ...transcripts.lock import TranscriptChanged
from ...vocabulary import short_category_name
from ..context import ScreenContext
from ..messages import GoHome
from ..widgets.answer import AnswerBox, AnswerStatus
from ..widgets.chat import ChatLog, ChatMessage
from ..widgets.feedback import FeedbackPanel
from ..widgets.key_footer import KeyFooter
from ..widgets.recording import RecordingBar

if TYPE_CHECKING:
    from ...speech.live import LiveTranscription
    from ...speech.sources import AudioInput
    from ...speech.spoken import SpokenAnswer

ANSWERING = ("answer", "follow_up", "retry")
DRAFT_DELAY = 1.0
"""Seconds after the last change to the answer box before it is kept as a draft."""
BOX_TITLES = {"answer": "Your answer", "follow_up": "Your answer to the follow-up",
              "retry": "Your answer, second try", "scoring": "Scoring…", "review": "Your answer",
              "done": ""}


def _run_if(then: Callable[[], object], go: bool | None) -> None:
    if go:
        then()


class ScorerUnavailable(Exception):
    """The scorer failed to load, so the answer cannot be scored now."""


class InterviewScreen(Screen[None]):
    """One mock interview, question by question."""

    HELP_TITLE = "Interview"
    HELP_NOTES = [
        "While you type, letters go into the answer box and Enter starts a new line. Submit "
        "with ctrl+s or F2. Press Esc to leave the box; then n, r and m work, the arrow keys "
        "scroll the feedback, and a takes you back to the box.",
        "After feedback the interviewer may ask one follow-up about a missing part: answer it "
        "(it is scored together with your first answer) or skip it with F4.",
        "Your first answer rates the question for review (Again, Hard, Good or Easy), and the "
        "interviewer says when it comes back. Out of the box, k says you knew it (it is spaced "
        "out) and g asks to see it again tomorrow.",
        "Every answer is saved as you go. If you quit, the session can be resumed from the "
        "home screen or with `interviewprep resume`.",
        "Answer out loud: F6 starts recording from the microphone and F6 again stops. The "
        "transcript lands in the answer box to correct before you submit, and the feedback "
        "adds your pace, filler words, long pauses and speaking time. Nothing leaves this "
        "machine: the speech model runs here, loaded the first time you record.",
    ]
    HELP_EXTRA_KEYS = [("esc", "In the answer box: done typing (leave the box)"),
                       ("↑ ↓ pgup pgdn", "Out of the box: scroll the feedback")]
    BINDINGS = [
        Binding("ctrl+s,f2", "submit", "Submit", id="interview.submit", key_display="^s/F2",
                show=False),
        Binding("f4", "skip", "Skip", id="interview.skip", key_display="F4", show=False),
        # Shown in the footer by the answer box's own F6; out of the box it stays a valid key.
        Binding("f6", "record", "Record", id="interview.record", key_display="F6", show=False,
                tooltip="Start or stop recording your answer from the microphone."),
        Binding("n", "next", "Next", id="interview.next"),
        Binding("r", "retry", "Retry", id="interview.retry"),
        Binding("f3,m", "model_answer", "Model answer", id="interview.model_answer",
                key_display="m/F3"),
        Binding("a", "focus_answer", "Answer", id="interview.focus_answer"),
        Binding("f8", "stories", "Stories", id="interview.stories", key_display="F8",
                tooltip="Your stories ranked for this question (a suggestion, not a must)."),
        Binding("k", "rate('knew')", "I knew this", id="interview.rate_knew",
                tooltip="Override the review rating: you knew it, so it comes back later."),
        Binding("g", "rate('again')", "Again", id="interview.rate_again",
                tooltip="Override the review rating: see this question again tomorrow."),
        # The same key on narrow screens, kept out of the footer there (it has no room).
        Binding("f8", "stories_narrow", "", id="interview.stories_narrow",
                key_display="F8", show=False),
        Binding("f5", "toggle_view", "Feedback", id="interview.toggle_view",
                key_display="F5"),
        Binding("escape", "leave", "Leave", id="interview.leave",
                tooltip="Back to the home screen; the session stays resumable."),
    ]

    mode: reactive[str] = reactive("answer", always_update=True, init=False)
    """answer | follow_up | retry (typing) · scoring (waiting for feedback) · review · done."""
    locked: reactive[bool] = reactive(False, init=False)
    """True while an answer is being scored: the answer box is read-only."""

    class FeedbackReady(Message):
        """An answer was scored (posted from the scoring thread)."""

        def __init__(self, result: TurnResult, kind: str,
                     story: tuple[str, str, int] | None = None) -> None:
            super().__init__()
            self.result = result
            self.kind = kind
            """answer | retry | follow_up"""
            self.story = story
            """The story the answer told: (id, title, times told), or None."""

    class RatingChanged(Message):
        """The candidate's rating override was saved (posted from the rating thread)."""

        def __init__(self, result: TurnResult) -> None:
            super().__init__()
            self.result = result

    class WaitingForScorer(Message):
        """The answer is queued until the scorer finishes loading."""

    class TranscriptReady(Message):
        """The recording was transcribed (posted from the transcription thread)."""

        def __init__(self, spoken: SpokenAnswer) -> None:
            super().__init__()
            self.spoken = spoken

    def __init__(self, context: ScreenContext, session: InterviewSession, *,
                 resumed: bool = False) -> None:
        super().__init__()
        self.context = context
        self.session = session
        self.resumed = resumed
        self.clock: Callable[[], float] = context.clock
        """Seconds, monotonic (the app's clock; tests pass a still one)."""
        self._answer_started = 0.0
        self._pending_bubble: ChatMessage | None = None
        self._mode_before_scoring = "answer"
        self.stories_told: dict[str, str] = {}
        """Per question id: the story the latest answer to it told."""
        self._live: LiveTranscription | None = None
        self._audio: AudioInput | None = None
        self._box_prefix = ""
        """What was in the answer box when recording started; the transcript goes after it."""
        self._spoken: SpokenAnswer | None = None
        """The recording the box's text came from, until the answer is submitted."""
        self._draft_timer: Timer | None = None
        self._draft_problem: str | None = None
        """Why the last draft could not be kept (told once, not on every keystroke)."""

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="interview-body"):
            with Vertical(id="conversation"):
                yield AnswerStatus(id="answer-status")
                yield ChatLog(id="chat")
                with HorizontalGroup(id="scoring"):
                    yield LoadingIndicator()
                    yield Static("Scoring your answer…", id="scoring-text", markup=False)
                yield RecordingBar(id="recording")
                yield AnswerBox(id="answer", cursor_blink=self.context.cursor_blink)
            yield FeedbackPanel(id="feedback")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Mock interview"
        status = self.query_one(AnswerStatus)
        status.target = TARGET_SECONDS if self.session.settings.timer else None
        self.query_one("#scoring").display = False
        self.set_interval(1.0, self._tick)
        chat = self.query_one(ChatLog)
        session = self.session
        if self.resumed:
            done = session.index
            chat.say("note", f"Welcome back. {done} of {session.total} questions done; "
                             "let's carry on.")
        else:
            chat.say("interviewer", session.greeting())
        if session.done:
            self._finish()
            return
        self.ask_current()
        if self.resumed:
            self._restore_draft()

    @property
    def box(self) -> AnswerBox:
        return self.query_one(AnswerBox)

    @property
    def in_progress(self) -> bool:
        """Quitting now would leave something unfinished (answered turns or typed text)."""
        if self.session.done or self.mode == "done":
            return False
        return bool(self.session.transcript.turns) or bool(self.box.text.strip()) or \
            self.mode == "scoring"

    # ------------------------------------------------------------------ mode
    def watch_mode(self, mode: str) -> None:
        box = self.box
        self.locked = mode == "scoring"
        box.read_only = mode not in ANSWERING
        box.border_title = BOX_TITLES.get(mode, "")
        box.set_class(mode not in ANSWERING, "-inactive")
        box.placeholder = {
            "follow_up": "Answer the follow-up here, or press F4 to skip it.",
            "review": "n next question · r answer again · m model answer",
        }.get(mode, "Type your answer here. Enter starts a new line; ctrl+s or F2 submits.")
        if mode in ANSWERING:
            self._answer_started = self.clock()
            self.query_one(AnswerStatus).elapsed = 0
            box.focus()
        elif mode == "review":
            self.query_one(FeedbackPanel).focus()
        self.refresh_bindings()

    def watch_locked(self, locked: bool) -> None:
        self.query_one("#scoring").display = locked
        if locked:
            self.query_one("#scoring-text", Static).update("Scoring your answer…")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        mode = self.mode
        if action == "submit":
            return mode in ANSWERING
        if action == "skip":
            return mode in ANSWERING
        if action == "record":
            return mode in ANSWERING
        typing = isinstance(self.focused, AnswerBox)
        if action in ("next", "retry"):
            # Letters go into the answer box while it has focus.
            return mode in ("review", "follow_up") and not typing
        if action == "focus_answer":
            return mode in ANSWERING and not typing
        if action == "rate":
            turn = self.session.current_turn
            return (mode in ("review", "follow_up") and not typing and turn is not None
                    and turn.rating is not None)
        if action == "model_answer":
            return mode != "done"
        if action in ("stories", "stories_narrow"):
            return mode != "done" and (action == "stories") != self.has_class("-narrow")
        if action == "toggle_view":
            return self.has_class("-narrow") and not typing
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def _tick(self) -> None:
        if self.mode in ANSWERING:
            self.query_one(AnswerStatus).elapsed = self.clock() - self._answer_started

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.mode in ANSWERING:
            self.query_one(AnswerStatus).words = self.box.words
            # Kept as the user types (a pause of DRAFT_DELAY), so that a closed terminal or a
            # crash loses at most the last second of typing.
            if self._draft_timer is not None:
                self._draft_timer.stop()
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def keep_draft(self) -> None:
        """Keep what is in the answer box now as the session's draft (quietly; a problem is
        told once)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.mode not in ANSWERING or self.session.done:
            return
        try:
            self.session.keep_draft(self.box.text, self.mode)
        except (OSError, TranscriptError) as exc:
            problem = str(exc)
            if problem != self._draft_problem:
                self.notify(f"Your typing could not be kept as a draft: {problem}",
                            title="Draft not saved", severity="warning", timeout=10)
            self._draft_problem = problem
        else:
            self._draft_problem = None

    def _saving(self, action: Callable[[], object], what: str) -> bool:
        """Run an action that saves the transcript; a failed save is told (the session is as
        it was, and what is in the box stays) instead of crashing the screen."""
        try:
            action()
        except TranscriptError as exc:
            self.notify(f"{exc}\n\nNothing was changed: free some space (or fix what the "
                        "message says) and try again.", title=f"Could not save {what}",
                        severity="error", timeout=15)
            return False
        return True

    # ------------------------------------------------------------------ the flow
    def ask_current(self) -> None:
        """The interviewer asks the current question; the box opens for the answer."""
        session = self.session
        question = session.current
        if question is None:
            self._finish()
            return
        self.query_one(ChatLog).say("interviewer", f"{session.transition()}\n\n{question.text}")
        category = short_category_name(question.category)
        self.query_one(AnswerStatus).where = (
            f"Question {session.index + 1} of {session.total} · {category}")
        self.query_one(FeedbackPanel).clear_feedback()
        self.remove_class("-show-feedback")
        self.box.clear()
        self._spoken = None
        self.mode = "answer"

    def action_submit(self) -> None:
        if self.mode not in ANSWERING:
            return
        if self.recording_state != "idle":
            self.notify("Stop the recording first (F6), then check the text and submit.",
                        severity="warning")
            return
        text = self.box.text
        if not text.strip():
            self.notify("Type your answer first, or press F4 to skip.", severity="warning")
            return
        kind = {"follow_up": "follow_up", "retry": "retry"}.get(self.mode, "answer")
        seconds = max(0.0, self.clock() - self._answer_started)
        self._pending_bubble = self.query_one(ChatLog).say("candidate", text)
        self._mode_before_scoring = self.mode
        self.query_one(AnswerStatus).elapsed = seconds
        self.mode = "scoring"
        spoken, self._spoken = self._spoken, None
        self.score_answer(kind, text, seconds, spoken)

    @work(thread=True, exclusive=True, exit_on_error=False, group="scoring",
          description="Scoring the answer")
    def score_answer(self, kind: str, text: str, seconds: float,
                     spoken: SpokenAnswer | None = None) -> None:
        slot = self.context.scorer
        session = self.session
        if session.scorer is None:
            if not slot.settled.is_set():
                self.post_message(self.WaitingForScorer())
                worker = get_current_worker()
                while not slot.settled.wait(0.2):
                    if worker.is_cancelled:
                        return
            scorer = slot.scorer
            if scorer is None:
                raise ScorerUnavailable(f"The scorer could not load: {slot.detail}")
            session.scorer = scorer
            if not session.transcript.model:
                session.transcript.model = dict(getattr(scorer, "model_info", {}) or {})
        if kind == "follow_up":
            result = session.submit_follow_up(text, seconds, spoken=spoken)
        else:
            result = session.submit(text, seconds, spoken=spoken)
        question = session.current
        # In the same worker, so the summary never misses the story of the last answer.
        story = self._detect_story(question.id, result.feedback.answer) if question else None
        self.post_message(self.FeedbackReady(result, kind, story))

    def on_interview_screen_waiting_for_scorer(self) -> None:
        self.query_one("#scoring-text", Static).update(
            "Loading scorer… your answer is scored as soon as it is ready.")

    def on_interview_screen_feedback_ready(self, message: FeedbackReady) -> None:
        result, kind = message.result, message.kind
        self._pending_bubble = None
        self.box.clear()
        self.query_one(AnswerStatus).words = message.result.feedback.signals.words
        self._delete_draft()
        bank = self.session.bank
        names = {eid: element.name for eid, element in bank.elements.items()}
        heading = {"answer": "first answer", "retry": "second try",
                   "follow_up": "with your follow-up"}[kind]
        feedback = result.feedback
        self.query_one(FeedbackPanel).show_feedback(
            feedback, heading=heading, previous_overall=result.previous_overall,
            newly_covered=result.newly_covered, names=names, delivery=result.delivery,
        )
        chat = self.query_one(ChatLog)
        if result.previous_overall is not None:
            delta = feedback.overall - result.previous_overall
            chat.say("note", f"Score {result.previous_overall} → {feedback.overall} "
                             f"({delta:+d}) {heading}")
        else:
            chat.say("note", f"Score {feedback.overall}/100 · the feedback is "
                             f"{'under F5' if self.has_class('-narrow') else 'on the right'}")
        question = self.session.current
        if question is not None:
            if message.story is None:
                self.stories_told.pop(question.id, None)
            else:
                story_id, title, used = message.story
                self.stories_told[question.id] = story_id
                chat.say("note", f"This answer told your story “{title}” (told {used} "
                                 f"time{'s' if used != 1 else ''} so far).")
        if result.rating is not None and kind == "answer":
            chat.say("note", self._rating_note(result))
        if result.schedule_notice:
            self.notify(result.schedule_notice, title="Review schedule", severity="warning")
        if result.probe:
            chat.say("probe", result.probe)
            self.mode = "follow_up"
        else:
            self.add_class("-show-feedback")
            self.mode = "review"

    def _detect_story(self, question_id: str, answer: str) -> tuple[str, str, int] | None:
        """The story the answer told and how often it has been told (runs in the scoring
        thread; a story bank still being built is not waited for)."""
        slot = self.context.stories
        if not slot.settled.is_set() or slot.library is None:
            return None
        told = slot.library.told(answer)
        if told is None:
            return None
        try:
            used = slot.store.record_use(told.id, f"{self.session.transcript.id}:{question_id}")
        except OSError:
            # A full disk: the answer is saved; only the story's count is not. Failing here
            # would offer to submit the saved answer again.
            used = slot.store.used(told.id)
        return told.id, told.title, used

    def action_stories_narrow(self) -> None:
        self.action_stories()

    def action_stories(self) -> None:
        from ..dialogs.story_suggestions import StorySuggestionsDialog

        question = self.session.current
        if question is None:
            return
        self.app.push_screen(StorySuggestionsDialog(self.context.stories, question.text))

    @staticmethod
    def _rating_note(result: TurnResult) -> str:
        rating = result.rating
        assert rating is not None
        note = f"Review: {rating.name} ({'; '.join(rating.reasons)})"
        if result.comes_back is not None:
            note += f" · back {describe_when(result.comes_back, clock.now())}"
        return note + (" · k: I knew this, g: again" if rating.by == "feedback" else "")

    def action_rate(self, choice: str) -> None:
        self.save_rating(choice)

    @work(thread=True, exclusive=True, exit_on_error=False, group="rating",
          description="Saving the rating")
    def save_rating(self, choice: str) -> None:
        self.post_message(self.RatingChanged(self.session.rate_current(choice)))

    def on_interview_screen_rating_changed(self, message: RatingChanged) -> None:
        self.query_one(ChatLog).say("note", self._rating_note(message.result))
        if message.result.schedule_notice:
            self.notify(message.result.schedule_notice, title="Review schedule",
                        severity="warning")
        self.refresh_bindings()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "rating" and event.state == WorkerState.ERROR:
            self.notify(f"The rating could not be saved: {event.worker.error}",
                        title="Review rating", severity="error")
        if event.worker.group == "speech" and event.state == WorkerState.ERROR:
            self._speech_failed(event.worker.error)
            return
        if event.worker.group != "scoring" or event.state != WorkerState.ERROR:
            return
        from ..dialogs.message import MessageDialog

        if self._pending_bubble is not None:
            self._pending_bubble.remove()
            self._pending_bubble = None
        error = event.worker.error
        self.mode = self._mode_before_scoring
        if isinstance(error, TranscriptChanged):
            self.app.push_screen(MessageDialog(
                "Your answer could not be saved",
                f"{error}\n\nYour answer is still in the box: copy it to keep it. This "
                "session cannot be saved from here any more.",
            ))
            return
        if isinstance(error, TranscriptError):
            # The session is as it was before the submit: submitting again adds it once.
            self.app.push_screen(MessageDialog(
                "Your answer could not be saved",
                f"{error}\n\nYour answer is still in the box. Free some space (or fix what "
                "the message says) and submit it again: it is saved once.",
            ))
            return
        self.app.push_screen(MessageDialog(
            "Your answer could not be scored",
            f"{error or type(error).__name__}\n\nYour answer is still in the box: submit it "
            "again, or skip the question with F4.",
        ))

    # ------------------------------------------------------------------ voice
    @property
    def recording_state(self) -> str:
        """idle · recording · transcribing."""
        return self.query_one(RecordingBar).state

    def action_record(self) -> None:
        if self.mode not in ANSWERING:
            return
        state = self.recording_state
        if state == "recording":
            self._stop_recording()
        elif state == "idle":
            self._start_recording()

    def _start_recording(self) -> None:
        from ...speech.errors import MicrophoneUnavailable
        from ...speech.live import LiveTranscription

        voice = self.context.voice
        problem = voice.problem()
        if problem:
            self._tell_voice_unavailable(problem)
            return
        live = LiveTranscription(voice.transcriber, source="the recording",
                                 on_text=self._partial_from_thread)
        try:
            self._audio = voice.open(live.feed)
        except MicrophoneUnavailable as exc:
            live.cancel()
            self._tell_voice_unavailable(str(exc))
            return
        self._live = live
        text = self.box.text.rstrip()
        self._box_prefix = f"{text}\n\n" if text else ""
        self.box.read_only = True
        self._placeholder = self.box.placeholder
        self.box.placeholder = ("Listening… speak your answer, F6 stops. The text appears here "
                                "as you go, to correct before you submit.")
        bar = self.query_one(RecordingBar)
        bar.elapsed, bar.level_db, bar.state = 0.0, -90.0, "recording"
        self._meter = self.set_interval(0.1, self._update_meter)
        self.refresh_bindings()

    def _tell_voice_unavailable(self, problem: str) -> None:
        voice = self.context.voice
        if voice.told_unavailable:
            self.notify("Voice answers are unavailable here; type your answer.",
                        severity="warning")
            return
        voice.told_unavailable = True
        self.notify(f"Voice answers are unavailable: {problem}. Typing works as before.",
                    title="No recording", severity="warning", timeout=12)

    def _update_meter(self) -> None:
        live = self._live
        if live is None:
            return
        bar = self.query_one(RecordingBar)
        bar.elapsed, bar.level_db = live.elapsed_s, live.level_db
        if live.too_long:
            self.notify("Ten minutes is the limit for one answer: recording stopped.",
                        severity="warning")
            self._stop_recording()

    def _stop_recording(self) -> None:
        if self._audio is not None:
            self._audio.stop()
            self._audio = None
        if hasattr(self, "_meter"):
            self._meter.stop()
        self.query_one(RecordingBar).state = "transcribing"
        if self._live is not None:
            self.finish_transcription(self._live)

    @work(thread=True, exclusive=True, exit_on_error=False, group="speech",
          description="Transcribing the recording")
    def finish_transcription(self, live: LiveTranscription) -> None:
        self.post_message(self.TranscriptReady(live.finish()))

    def _partial_from_thread(self, text: str) -> None:
        try:
            self.app.call_from_thread(self._show_partial, text)
        except RuntimeError:
            pass  # the app is closing

    def _show_partial(self, text: str) -> None:
        if self._live is not None:
            self.box.load_text(self._box_prefix + text)
            self.query_one(AnswerStatus).words = self.box.words

    def _restore_placeholder(self) -> None:
        placeholder = getattr(self, "_placeholder", None)
        if placeholder is not None:
            self.box.placeholder = placeholder

    def on_interview_screen_transcript_ready(self, message: TranscriptReady) -> None:
        self._restore_placeholder()
        self._live = None
        self._spoken = message.spoken
        self.query_one(RecordingBar).state = "idle"
        self.box.read_only = self.mode not in ANSWERING
        self.box.load_text(self._box_prefix + message.spoken.text)
        self.box.move_cursor(self.box.document.end)
        self.box.focus()
        self.query_one(AnswerStatus).words = self.box.words
        self.notify("Check the transcript and correct it if needed, then submit (ctrl+s).",
                    timeout=6)
        self.refresh_bindings()

    def _speech_failed(self, error: BaseException | None) -> None:
        self._restore_placeholder()
        self._live = None
        self.query_one(RecordingBar).state = "idle"
        self.box.read_only = self.mode not in ANSWERING
        self.box.load_text(self._box_prefix.rstrip())
        self.notify(f"{error or 'The recording could not be transcribed'}. Record again (F6) or "
                    "type your answer.", title="Recording not used", severity="error", timeout=10)
        self.refresh_bindings()

    def on_unmount(self) -> None:
        if self._audio is not None:
            self._audio.stop()
        if self._live is not None:
            self._live.cancel()
        # The session is no longer open here: another window or `resume` may take it.
        self.session.close()

    def action_skip(self) -> None:
        mode = self.mode
        chat = self.query_one(ChatLog)
        if mode == "answer":
            def skip_question() -> None:
                if not self._saving(self.session.skip, "the skip"):
                    return
                self.box.clear()
                chat.say("note", "Question skipped.")
                self._next_or_finish()

            self._unless_draft_discarded(skip_question, "Skip this question?")
        elif mode == "follow_up":
            if not self._saving(self.session.skip_follow_up, "the skip"):
                return
            self.box.clear()
            chat.say("note", "Follow-up skipped.")
            self.add_class("-show-feedback")
            self.mode = "review"
        elif mode == "retry":
            self.box.clear()
            chat.say("note", "Second try cancelled; the earlier score stands.")
            self.mode = "review"

    def action_next(self) -> None:
        if self.mode not in ("review", "follow_up"):
            return

        def advance() -> None:
            if not self._saving(self.session.advance, "the session"):
                return
            self.box.clear()
            self._next_or_finish()

        self._unless_draft_discarded(advance, "Go to the next question?")

    def action_retry(self) -> None:
        if self.mode not in ("review", "follow_up"):
            return
        turn = self.session.current_turn
        if turn is None or not turn.attempts:
            return
        if self.mode == "follow_up" and not self._saving(self.session.skip_follow_up,
                                                         "the skip"):
            return
        turn = self.session.current_turn
        assert turn is not None
        previous = turn.attempts[-1].answer.rstrip()
        if turn.follow_up and turn.follow_up.answer:
            previous = f"{previous}\n\n{turn.follow_up.answer.strip()}"
        self.query_one(ChatLog).say(
            "note", "Answer again: your earlier answer is in the box to improve. The new "
                    "score is compared with the earlier one.")
        self.box.load_text(previous)
        self.box.move_cursor(self.box.document.end)
        self.remove_class("-show-feedback")
        self.mode = "retry"
        self.query_one(AnswerStatus).words = self.box.words

    def action_model_answer(self) -> None:
        from ..dialogs.model_answer import ModelAnswerDialog

        question = self.session.current
        if question is not None:
            self.app.push_screen(ModelAnswerDialog(question))

    def action_focus_answer(self) -> None:
        if self.mode in ANSWERING:
            self.remove_class("-show-feedback")
            self.box.focus()

    def action_toggle_view(self) -> None:
        self.toggle_class("-show-feedback")
        if self.has_class("-show-feedback"):
            self.query_one(FeedbackPanel).focus()
        elif self.mode in ANSWERING:
            self.box.focus()

    def action_leave(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        if not self.in_progress:
            self.post_message(GoHome())
            return

        def decided(leave: bool | None) -> None:
            if leave:
                self.leave_saved(lambda: self.post_message(GoHome()), "Leave anyway")

        self.app.push_screen(ConfirmDialog(
            "Leave this session?",
            "Your answers so far are saved (and an unsent answer is kept as a draft). "
            "Resume it from the home screen.", yes="Leave", no="Stay"), decided)

    def _unless_draft_discarded(self, then: Callable[[], None], question: str) -> None:
        """Run `then`, first asking if typed text in the box would be thrown away."""
        from ..dialogs.confirm import ConfirmDialog

        if not self.box.text.strip():
            then()
            return
        self.app.push_screen(
            ConfirmDialog(question, "What you typed in the answer box will be discarded.",
                          yes="Discard", no="Keep it"),
            lambda discard: then() if discard else None,
        )

    def _next_or_finish(self) -> None:
        if self.session.done:
            self._finish()
        else:
            self.ask_current()

    def _finish(self) -> None:
        from ...stories.told import overuse_warning
        from .questions import QuestionsScreen

        try:
            summary = self.session.finish()
        except TranscriptError as exc:
            self.notify(f"{exc}\n\nThe session is not finished: free some space and press n "
                        "again, or quit (it resumes where it is).", title="Could not save the "
                        "session", severity="error", timeout=15)
            self.add_class("-show-feedback")
            self.mode = "review"
            return
        self.mode = "done"
        self._delete_draft()
        self.session.close()  # finished: nothing more is written here
        slot = self.context.stories
        titles = slot.library.titles() if slot.library else {}
        answered = [qid for qid, _text, score in summary.per_question if score is not None]
        warning = overuse_warning([self.stories_told.get(q) for q in answered], titles)
        # Every session ends with the interviewer asking for the candidate's questions.
        self.app.switch_screen(QuestionsScreen(self.context, self.session, self.session.closing(),
                                               story_warning=warning))

    # ------------------------------------------------------------------ drafts
    def unsent_text(self) -> str:
        """What the user typed and has not had saved: the box, or the answer being scored."""
        return self.box.text if self.mode != "scoring" else (
            self._pending_bubble.text if self._pending_bubble else "")

    def save_for_later(self) -> str | None:
        """Keep the unsent answer as a draft and make sure the session is saved to resume;
        None, or why that failed (a full disk)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        text = self.unsent_text()
        try:
            self.session.save_for_later(text, self.mode)
        except TranscriptError as exc:
            # The transcript could not be saved; the text is safe if its draft was written.
            draft = self.session.drafts.load(self.session.transcript.id)
            return None if draft is not None and draft.text == text else str(exc)
        except OSError as exc:
            return str(exc)
        return None

    def leave_saved(self, then: Callable[[], object], anyway: str) -> None:
        """Keep what is unsent, then `then()` (quit or go home); if it cannot be kept, ask
        first: leaving now would lose it."""
        from ..dialogs.confirm import ConfirmDialog

        problem = self.save_for_later()
        if problem is None or not self.unsent_text().strip():
            then()
            return
        self.app.push_screen(ConfirmDialog(
            "Your unsent answer could not be saved",
            f"{problem}\n\nIf you leave now, what is in the answer box is lost. Stay, free "
            "some space (or copy the text), and try again.", yes=anyway, no="Stay"),
            functools.partial(_run_if, then))

    def _restore_draft(self) -> None:
        restored = self.session.restore_draft()
        if restored.kept_at is not None:
            self.notify(f"Text you had typed for an earlier question is kept in {restored.kept_at}.",
                        timeout=10)
        if restored.text is None:
            return
        self.box.load_text(restored.text)
        self.box.move_cursor(self.box.document.end)
        self.query_one(AnswerStatus).words = self.box.words
        self.notify("Your unsent answer was restored.")

    def _delete_draft(self) -> None:
        self.session.discard_draft()
