"""textsafe: the one sanitiser for stored text on a terminal (issue 16, S1)."""

from __future__ import annotations

import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from interviewprep.textsafe import SafeStream, clean, clean_line, has_unsafe, strip_unsafe

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
pieces = st.text(max_size=6) | st.sampled_from(
    ["\x1b", "\x07", "\x9b", "\r", "\r\n", "\u202e", "\x00", "\n", "\t", "[bold]", "\x1b]52;c;"])
texts = st.lists(pieces, max_size=12).map("".join)


@settings(max_examples=300)
@given(texts)
def test_clean_leaves_no_control_character_and_is_idempotent(text):
    out = clean(text)
    assert not UNSAFE.search(out) and not has_unsafe(out)
    assert clean(out) == out
    assert not UNSAFE.search(strip_unsafe(text.replace("\r\n", "\n")))
    assert "\n" not in clean_line(text) and "\t" not in clean_line(text)


@settings(max_examples=300)
@given(texts)
def test_a_guarded_stream_keeps_json_valid_and_its_data_unchanged(text):
    raw = io.StringIO()
    SafeStream(raw).write(json.dumps({"answer": text}, ensure_ascii=False) + "\n")
    written = raw.getvalue()
    assert not UNSAFE.search(written)
    assert json.loads(written) == {"answer": text}


def test_plain_text_passes_unchanged_and_stderr_keeps_its_carriage_returns():
    raw = io.StringIO()
    stream = SafeStream(raw, keep_cr=True)
    stream.write("scored 25 lines ...\r")
    stream.write("Résumé — 100% [bold]x[/bold]\tok\n")
    stream.write("\x1b]0;title\x07")
    assert raw.getvalue() == ("scored 25 lines ...\rRésumé — 100% [bold]x[/bold]\tok\n"
                              "\\u001b]0;title\\u0007")
