"""The "For example" quoted with a missing element teaches: a whole sentence, a different one for
each element of the question, and one that shows its element when scored on its own."""

from __future__ import annotations

from interviewprep.scoring.scorer import whole_sentences


def test_whole_sentences_keep_only_complete_quotable_sentences():
    text = ("We moved 140 servers in eleven weeks. and then the rest of it which was the long "
            "tail of. Done! This one has far too many words to be quoted as a single example "
            "sentence in a hint because it keeps going on and on and on and on and on and on "
            "and on and on about the same thing without ever stopping.")
    assert whole_sentences(text) == ["We moved 140 servers in eleven weeks."]


def test_every_bank_question_gets_distinct_examples_that_show_their_element(real_scorer,
                                                                          element_bank):
    shown = 0
    for question in element_bank.questions.values():
        ids = [r.id for r in question.elements]
        examples = real_scorer._model_answer_examples(question.model_answer, ids,
                                                      question.category, question.text)
        assert len(set(examples.values())) == len(examples), question.id
        for element_id, example in examples.items():
            assert whole_sentences(example) == [example], (question.id, element_id, example)
            threshold = real_scorer.model_for(element_id).threshold
            assert real_scorer.shows_alone(example, element_id, question.category) >= threshold
        shown += len(examples)
    total = sum(len(q.elements) for q in element_bank.questions.values())
    assert shown >= 0.9 * total
