"""`score --batch` reads its input line by line with a cap (issue 16, H2): an enormous line is
never held in memory whole; it becomes a bad line of its own, and the lines around it are read
as they are."""

from __future__ import annotations

import io

from interviewprep.scoring.batch import OverlongLine, capped_lines


class MeasuredStream(io.StringIO):
    """Text input that records the longest piece any single read handed out."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.longest = 0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        line = super().readline(size)
        self.longest = max(self.longest, len(line))
        return line


def test_an_overlong_line_is_skipped_without_holding_it_and_the_next_lines_are_read():
    stream = MeasuredStream('{"id": 1}\n' + "x" * 250_000 + '\n{"id": 3}\n')
    lines = list(capped_lines(stream, max_chars=1000, chunk=4096))
    assert lines == ['{"id": 1}\n', OverlongLine(250_000), '{"id": 3}\n']
    assert stream.longest <= 4096, "no read held more than the cap or one chunk"


def test_lines_up_to_the_cap_are_read_whole_and_one_past_it_is_overlong():
    exact, over = "a" * 1000, "b" * 1001
    assert list(capped_lines(io.StringIO(exact + "\n" + exact), max_chars=1000)) == [
        exact + "\n", exact]
    assert list(capped_lines(io.StringIO(over + "\n" + over), max_chars=1000)) == [
        OverlongLine(1001), OverlongLine(1001)]


def test_an_overlong_last_line_without_a_newline_and_empty_input():
    assert list(capped_lines(io.StringIO("ok\n" + "z" * 5000), max_chars=100, chunk=64)) == [
        "ok\n", OverlongLine(5000)]
    assert list(capped_lines(io.StringIO(""))) == []
