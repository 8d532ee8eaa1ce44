"""Answer-vs-reference similarity on two published grading sets (measure only, never fit).

Uses the product's own path: Scorer.answer_tokens / reference_tokens (content-token vectors, as
`score` computes them) and interviewprep.scoring.similarity.reference_similarity.
Only SemEval's decision threshold is chosen, and only on its training/ split, as the task allows.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import numpy as np

from interviewprep.scoring.similarity import reference_similarity

ASAG = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "asag"


def _similarities(scorer, answers, references, questions):
    a = scorer.answer_tokens(answers)
    return np.array([reference_similarity(a[i], scorer.reference_tokens(references[i]),
                                          scorer.reference_tokens(questions[i]))
                     for i in range(len(answers))])


def mohler(scorer) -> dict:
    rows = list(csv.DictReader((ASAG / "mohler_2011.csv").open(encoding="utf-8")))
    gold = np.array([float(r["score_avg"]) for r in rows])
    answers = [r["student_answer"] for r in rows]
    refs = [r["desired_answer"] for r in rows]
    sims = _similarities(scorer, answers, refs, [r["question"] for r in rows])
    a = scorer.embedder.encode(answers)
    b = scorer.embedder.encode(refs)
    cosine = np.sum(a * b, axis=1)
    return {"n": len(rows), "pearson_r": float(np.corrcoef(sims, gold)[0, 1]),
            "pearson_r_plain_cosine": float(np.corrcoef(cosine, gold)[0, 1])}


def _semeval_items(archive: zipfile.ZipFile, prefix: str) -> list[tuple[str, list[str], str, int]]:
    items = []
    for name in archive.namelist():
        if not (name.startswith(prefix) and name.endswith(".xml")):
            continue
        root = ElementTree.parse(io.BytesIO(archive.read(name))).getroot()
        question = (root.findtext("questionText") or "").strip()
        refs = [r.text.strip() for r in root.iter("referenceAnswer") if r.text]
        for sa in root.iter("studentAnswer"):
            label = 1 if sa.get("accuracy") == "correct" else 0
            items.append((question, refs, (sa.text or "").strip(), label))
    return items


def _best_ref_scores(scorer, items) -> np.ndarray:
    answers = [i[2] for i in items]
    a = scorer.answer_tokens(answers)
    scores = []
    for n, (question, refs, _answer, _) in enumerate(items):
        q = scorer.reference_tokens(question)
        scores.append(max(reference_similarity(a[n], scorer.reference_tokens(r), q)
                          for r in refs) if refs else 0.0)
    return np.array(scores)


def _macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    f1s = []
    for cls in (0, 1):
        tp = np.sum((pred == cls) & (y == cls))
        fp = np.sum((pred == cls) & (y != cls))
        fn = np.sum((pred != cls) & (y == cls))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(f1s))


def semeval(scorer) -> dict:
    out = {}
    with zipfile.ZipFile(ASAG / "semeval2013_task7_3way.zip") as archive:
        for corpus, key in (("sciEntsBank", "sciEntsBank"), ("beetle", "beetle")):
            train = _semeval_items(archive, f"training/2way/{key}/")
            if not train:
                train = [i for i in _semeval_items(archive, "training/") if key in str(i)]
            y_train = np.array([i[3] for i in train])
            s_train = _best_ref_scores(scorer, train)
            grid = np.unique(np.round(s_train, 3))
            threshold = max(grid, key=lambda t: _macro_f1(y_train, (s_train >= t).astype(int)))
            splits = {}
            for split in ("test-unseen-answers", "test-unseen-questions", "test-unseen-domains"):
                items = _semeval_items(archive, f"test/2way/{key}/{split}/")
                if not items:
                    continue
                y = np.array([i[3] for i in items])
                pred = (_best_ref_scores(scorer, items) >= threshold).astype(int)
                splits[split] = {"n": len(items), "macro_f1": _macro_f1(y, pred)}
            out[corpus] = {"threshold": float(threshold), "train_n": len(train), **splits}
    return out
