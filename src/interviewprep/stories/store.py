"""The story bank on disk: Markdown files in locations.stories_dir(), one story per file when the
app writes them (the file name is the story's id), any number when the candidate writes them.

Writes are atomic; removal moves the file to the trash; a file that does not parse is reported
and skipped, never rewritten. How often each story was told lives in `used.json` beside them.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .. import locations
from ..fileio import atomic_write_text
from .model import Story, slugify
from .parse import ParsedFile, StoryProblem, parse_file, parse_text

USAGE_FILE = "used.json"


class StoryError(Exception):
    """A story operation that cannot be done (unknown id, unwritable folder)."""


@dataclass(frozen=True)
class StoredStory:
    """A story in the bank, with where it lives."""

    id: str
    story: Story
    path: Path
    shared: bool = False
    """True when its file holds other stories too (edited as a whole file)."""


class StoryStore:
    """The candidate's story files."""

    def __init__(self, folder: Path | None = None, trash: Path | None = None) -> None:
        self.folder = folder or locations.stories_dir()
        self.trash = trash or locations.stories_trash_dir()

    # ------------------------------------------------------------------ reading
    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted((p for p in self.folder.glob("*.md") if not p.name.startswith(".")),
                      key=lambda p: p.stem)

    def load(self) -> tuple[list[StoredStory], list[StoryProblem]]:
        """Every story that parses; the problems of the files that do not."""
        stories: list[StoredStory] = []
        problems: list[StoryProblem] = []
        taken: set[str] = set()
        for path in self.files():
            parsed = parse_file(path)
            problems.extend(parsed.problems)
            shared = len(parsed.stories) > 1
            for story in parsed.stories:
                base = f"{path.stem}-{story.slug}" if shared else path.stem
                story_id, n = base, 2
                while story_id in taken:
                    story_id, n = f"{base}-{n}", n + 1
                taken.add(story_id)
                stories.append(StoredStory(story_id, story, path, shared))
        return stories, problems

    def get(self, story_id: str) -> StoredStory:
        """The story by id, or by a unique start of one."""
        stories, _ = self.load()
        exact = [s for s in stories if s.id == story_id]
        if exact:
            return exact[0]
        matches = [s for s in stories if s.id.startswith(story_id)] if story_id else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise StoryError(f"'{story_id}' matches {len(matches)} stories: "
                             f"{', '.join(s.id for s in matches[:5])}")
        raise StoryError(f"no story '{story_id}' (see `interviewprep stories list`)")

    # ------------------------------------------------------------------ writing
    def _free_path(self, title: str, taken: set[str]) -> Path:
        base = slugify(title)
        name, n = base, 2
        while name in taken or (self.folder / f"{name}.md").exists():
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        return self.folder / f"{name}.md"

    def add(self, stories: list[Story]) -> list[StoredStory]:
        """Write each story to its own new file; existing stories are never overwritten."""
        taken = {s.id for s in self.load()[0]}
        added = []
        for story in stories:
            path = self._free_path(story.title, taken)
            atomic_write_text(path, story.to_markdown())
            added.append(StoredStory(path.stem, story, path))
        return added

    def check_edit(self, stored: StoredStory, text: str) -> ParsedFile:
        """Parse an edited copy of the story's file; nothing is written."""
        parsed = parse_text(text, str(stored.path))
        if parsed.ok and not stored.shared and len(parsed.stories) != 1:
            parsed.problems.append(StoryProblem(
                str(stored.path), 1, f"this file holds one story; found {len(parsed.stories)} "
                "(add new stories with `interviewprep stories add`)"))
            parsed.stories = []
        return parsed

    def save_edit(self, stored: StoredStory, text: str) -> ParsedFile:
        """Replace the story's file with `text` if it parses; else change nothing."""
        parsed = self.check_edit(stored, text)
        if parsed.ok:
            atomic_write_text(stored.path, text if text.endswith("\n") else text + "\n")
        return parsed

    def remove(self, stored: StoredStory) -> Path:
        """Move the story's file to the trash. A file holding other stories goes to the trash
        whole, and each other story is written to a file of its own, keeping its id."""
        self.trash.mkdir(parents=True, exist_ok=True)
        target = self.trash / f"{stored.id if not stored.shared else stored.path.stem}.md"
        n = 1
        while target.exists():
            target = target.with_name(f"{target.stem.split('.')[0]}.{n}.md")
            n += 1
        if stored.shared:
            for other in self.load()[0]:
                if other.path == stored.path and other.id != stored.id:
                    atomic_write_text(self.folder / f"{other.id}.md", other.story.to_markdown())
        shutil.move(str(stored.path), str(target))
        return target

    def export_markdown(self) -> str:
        stories, _ = self.load()
        return "\n".join(s.story.to_markdown() for s in stories)

    # ------------------------------------------------------------------ usage
    def _usage_path(self) -> Path:
        return self.folder / USAGE_FILE

    def usage(self) -> dict[str, list[str]]:
        """Per story id: the answers (session:question) that told it."""
        try:
            data = json.loads(self._usage_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): [str(x) for x in v] for k, v in data.items() if isinstance(v, list)}

    def used(self, story_id: str) -> int:
        return len(self.usage().get(story_id, []))

    def record_use(self, story_id: str, answer_key: str) -> int:
        """Count one telling of the story (the same answer counts once); the new count."""
        usage = self.usage()
        told = usage.setdefault(story_id, [])
        if answer_key not in told:
            told.append(answer_key)
            atomic_write_text(self._usage_path(), json.dumps(usage, indent=2, sort_keys=True))
        return len(told)
