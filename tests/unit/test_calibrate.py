"""Labeled data loading and the fitting used by `calibrate` and the cross-validated benchmark."""

from __future__ import annotations

import json

import numpy as np
import pytest

from interviewprep.bank.models import CONTRACT_ELEMENTS
from interviewprep.scoring import calibrate, coverage


def write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_load_labeled_reads_nested_sets_and_drops_unsettled_cells(tmp_path):
    write(tmp_path / "set_a.jsonl", [{"id": "a1", "question": "q", "category": "behavioral",
                                       "answer": "x", "labels": {"risk": 1}}])
    write(tmp_path / "styles" / "wren.jsonl", [{
        "id": "w1", "question": "q", "category": "technical", "answer": "y", "author": "wren",
        "style": "spoken", "labels": {"risk": None, "task": 0}}])
    a, w = calibrate.load_labeled(tmp_path)
    assert (a.author, a.style, a.labels) == ("set_a", "project", {"risk": 1})
    assert (w.author, w.style, w.labels) == ("wren", "spoken", {"task": 0})


def test_a_broken_line_names_file_and_line(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": "a"}\n')
    with pytest.raises(ValueError, match=r"bad.jsonl:1"):
        calibrate.load_labeled(tmp_path)


def answers(author: str, n: int) -> list[calibrate.LabeledAnswer]:
    good = ("At the bank I led a CRM migration. The main risk was data loss, so we rehearsed the "
            "cutover twice and kept a rollback plan. We went live on time.")
    bad = "I think communication is key and I always stay positive."
    return [calibrate.LabeledAnswer(id=f"{author}-{i}", question="Tell me about a project.",
                                    category="behavioral", answer=good if i % 2 else bad,
                                    labels={e: i % 2 for e in CONTRACT_ELEMENTS}, author=author)
            for i in range(n)]


def test_leave_one_author_out_fits_on_the_others_and_counts_on_the_one_left_out(real_scorer):
    items = answers("x", 8) + answers("y", 8)
    data = calibrate.build_datasets(real_scorer, items)
    table = calibrate.cross_validate(items, data, "author")
    assert set(table) == {"x", "y"}
    for counts in table.values():
        tp, fp, fn = counts["risk"]
        assert tp + fn == 4  # four answers of each author show the element
    # The two kinds of answer are easy to tell apart: every left-out author is classified right.
    assert all(calibrate.f1_of(c["risk"]) == 1.0 for c in table.values())


def test_missing_labels_leave_the_answer_out_for_that_element_only(real_scorer):
    items = answers("x", 4)
    del items[0].labels["risk"]
    data = calibrate.build_datasets(real_scorer, items)
    assert len(data["risk"].labels) == 3 and len(data["task"].labels) == 4
    assert list(data["risk"].items) == [1, 2, 3]


def test_the_sentence_vector_read_out_is_stored_with_the_card():
    model = coverage.ElementModel(np.zeros(len(coverage.FEATURES)), 0.45,
                                  np.linspace(-1, 1, coverage.EMBEDDING_DIM))
    again = coverage.ElementModel.from_card(model.to_card())
    assert again.threshold == 0.45
    assert again.embedding is not None and np.allclose(again.embedding, model.embedding, atol=1e-4)
