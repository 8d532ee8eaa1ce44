"""schedule.json in the user data folder: read, validated, kept in step with the transcripts.

The transcripts are the record; the schedule is derived from them and never the other way
round. On every load the file is checked against the answers in the transcripts: missing, it is
rebuilt; unreadable or invalid, it is moved to the trash folder (with a message naming the file,
line and field) and rebuilt; behind the transcripts (a crash between saving an answer and saving
the schedule, a rating changed), it is brought up to date. Writes are atomic.
"""

from __future__ import annotations

import json
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .. import clock, locations
from ..fileio import atomic_write_text
from ..transcripts import TranscriptStore
from .build import build_schedule, rated_answers, review_keys, scheduler_settings
from .model import KIND, SCHEDULE_VERSION, ScheduleFile

_LOCK = threading.Lock()


class ScheduleError(Exception):
    """The schedule file cannot be read as a schedule; the message names file, line and field."""


@dataclass
class LoadedSchedule:
    """The schedule as loaded, and what the user should be told about it."""

    schedule: ScheduleFile
    notices: list[str] = field(default_factory=list)
    """Problems the user should be warned about: a file set aside, a schedule not saved."""
    info: list[str] = field(default_factory=list)
    """Quieter news: there was no schedule file, so one was built from the transcripts."""
    path: Path | None = None


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line where the field at `loc` (a pydantic error location) is written, if found."""
    lines = text.splitlines()
    line = 0
    found = None
    for part in loc:
        if not isinstance(part, str):
            continue
        needle = json.dumps(part) + ":"
        for n in range(line, len(lines)):
            if needle in lines[n]:
                line = found = n
                break
        else:
            break
    return None if found is None else found + 1


def parse_schedule(path: Path, text: str) -> ScheduleFile:
    """The validated schedule in `text`, or ScheduleError naming FILE:LINE and the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScheduleError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise ScheduleError(f"{path}:1: not an interviewprep schedule")
    version = data.get("schema_version")
    if version != SCHEDULE_VERSION:
        raise ScheduleError(f"{path}:1: schedule format {version!r}, this version reads "
                            f"{SCHEDULE_VERSION}")
    try:
        return ScheduleFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        line = _line_of(text, first["loc"]) or 1
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ScheduleError(f"{path}:{line}: field '{where}': {first['msg']}{more}") from None


class ScheduleStore:
    """The spaced-repetition schedule of the questions answered in `transcripts`."""

    def __init__(self, transcripts: TranscriptStore | None = None, path: Path | None = None,
                 trash: Path | None = None) -> None:
        self.transcripts = transcripts or TranscriptStore()
        self.path = path or locations.schedule_path()
        self.trash = trash or locations.trash_dir()

    def read(self) -> ScheduleFile | None:
        """The file as it is (None if there is none); ScheduleError if it is not a valid schedule."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ScheduleError(f"{self.path}:1: cannot read ({exc.strerror or exc})") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            raise ScheduleError(f"{self.path}:{line}: not UTF-8 text") from None
        return parse_schedule(self.path, text)

    def set_aside(self) -> Path:
        """Move the schedule file to the trash folder under a new name; returns where it went."""
        self.trash.mkdir(parents=True, exist_ok=True)
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        target = self.trash / f"schedule-{stamp}.json"
        n = 1
        while target.exists():
            target = self.trash / f"schedule-{stamp}.{n}.json"
            n += 1
        shutil.move(str(self.path), str(target))
        return target

    def save(self, schedule: ScheduleFile) -> Path:
        atomic_write_text(self.path, schedule.model_dump_json(indent=2) + "\n")
        return self.path

    def load(self) -> LoadedSchedule:
        """The schedule, in step with the transcripts; repairs are described in `notices`.

        Never raises for a bad schedule file (it is set aside and rebuilt); an unwritable data
        folder is a notice too, and the schedule is still returned from memory.
        """
        with _LOCK:  # the TUI's screens may load from several threads at once
            return self._load()

    def _load(self) -> LoadedSchedule:
        notices: list[str] = []
        info: list[str] = []
        sessions, _unreadable = self.transcripts.digests()
        answers = rated_answers(sessions)
        current: ScheduleFile | None = None
        try:
            current = self.read()
        except ScheduleError as exc:
            try:
                moved = self.set_aside()
                notices.append(f"{exc}; it was moved to {moved} and rebuilt from your "
                               f"{len(answers)} saved answer(s)")
            except OSError as move_error:
                notices.append(f"{exc}; it could not be moved aside ({move_error}), so it is "
                               "left as it is and the schedule is rebuilt in memory only")
                return LoadedSchedule(build_schedule(answers, clock.now()), notices, info)
        else:
            if current is None and answers:
                info.append(f"There was no schedule file at {self.path}: it was built from "
                               f"your {len(answers)} saved answer(s)")
        expected = {a.review().key for a in answers}
        if (current is not None and review_keys(current) == expected
                and current.scheduler == scheduler_settings()):
            return LoadedSchedule(current, notices, info, self.path)
        schedule = build_schedule(answers, clock.now())
        try:
            self.save(schedule)
        except OSError as exc:
            notices.append(f"cannot save the schedule to {self.path} ({exc.strerror or exc}); "
                           "it is rebuilt from the transcripts next time")
            return LoadedSchedule(schedule, notices, info)
        return LoadedSchedule(schedule, notices, info, self.path)
