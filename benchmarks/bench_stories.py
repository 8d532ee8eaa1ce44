"""Story matching on labeled (question, story, fit) pairs: fit on candidates 01-06, measure on 07-10.

Data: calibration/stories/cand-NN.md (each candidate's story bank, 8 stories) and
story_fit.jsonl (120 questions, a fit label for every story of the question's candidate), written
and labeled by an author who never saw the matcher.

    python benchmarks/bench_stories.py               # print the figures (JSON)
    python benchmarks/bench_stories.py --write-card  # also write models/story-matcher.yaml
`make bench` runs it through benchmarks/run.py and writes its section of RESULTS.md.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "calibration" / "stories"
TRAIN = {f"cand-{i:02d}" for i in range(1, 7)}
HELD_OUT = {f"cand-{i:02d}" for i in range(7, 11)}
BEGIN, END = "<!-- stories:begin -->", "<!-- stories:end -->"
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def load_pairs(scorer):
    """Per question: its candidate, the stories' features and labels, and the cosine baseline."""
    from interviewprep.stories.match import LabeledQuestion, pair_features, question_view
    from interviewprep.stories.parse import parse_file
    from interviewprep.stories.profile import profile_story

    profiles = {}
    for path in sorted(DATA.glob("cand-*.md")):
        parsed = parse_file(path)
        if not parsed.ok:
            raise SystemExit("\n".join(map(str, parsed.problems)))
        profiles[path.stem] = {s.title: profile_story(scorer, s.slug, s) for s in parsed.stories}
    questions = []
    for line in (DATA / "story_fit.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        bank = profiles[row["candidate"]]
        titles = list(row["fits"])
        view = question_view(scorer, row["question"])
        feats = np.array([pair_features(view, bank[t]) for t in titles])
        questions.append((row, titles, LabeledQuestion(feats, [row["fits"][t] for t in titles])))
    return questions


def ranking_figures(items, order_of) -> dict:
    """hit@1 / hit@3: a story labeled strong ranked first / in the top 3 (questions with one)."""
    hit1 = hit3 = n = 0
    for _row, titles, labeled in items:
        strong = {t for t, f in zip(titles, labeled.fits, strict=True) if f == "strong"}
        if not strong:
            continue
        ranked = [titles[i] for i in order_of(labeled)]
        n += 1
        hit1 += ranked[0] in strong
        hit3 += bool(strong & set(ranked[:3]))
    return {"questions": n, "hit_at_1": round(hit1 / n, 3), "hit_at_3": round(hit3 / n, 3)}


def evaluate(scorer, write_card: bool = False) -> dict:
    from interviewprep.stories.match import (
        FEATURES,
        band_agreement,
        card_yaml,
        final_scores,
        fit_card,
        raw_scores,
    )

    items = load_pairs(scorer)
    train = [it for it in items if it[0]["candidate"] in TRAIN]
    test = [it for it in items if it[0]["candidate"] in HELD_OUT]
    card = fit_card([it[2] for it in train], embedding_sha256=scorer.card.sha256,
                    fitted_on="calibration/stories cand-01..cand-06")

    def by_matcher(labeled):
        return np.argsort(-final_scores(card, raw_scores(card, labeled.features)), kind="stable")

    def by_cosine(labeled):
        return np.argsort(-labeled.features[:, FEATURES.index("full")], kind="stable")

    no_strong = [it for it in test if "strong" not in it[2].fits]
    top_gap = 0
    for _row, _titles, labeled in no_strong:
        scores = final_scores(card, raw_scores(card, labeled.features))
        top_gap += card.band(float(scores.max())) != "strong"
    out = {
        "train_questions": len(train), "held_out_questions": len(test),
        "held_out": ranking_figures(test, by_matcher),
        "held_out_cosine": ranking_figures(test, by_cosine),
        "train": ranking_figures(train, by_matcher),
        "band_agreement_held_out": round(band_agreement(card, [it[2] for it in test]), 3),
        "band_agreement_train": round(band_agreement(card, [it[2] for it in train]), 3),
        "no_strong_story_questions": len(no_strong),
        "no_strong_story_top_not_strong": top_gap,
        "cutoffs": card.cutoffs,
        "weights": dict(zip(FEATURES, (round(w, 3) for w in card.weights), strict=True)),
    }
    # Bands a majority label would get (everything "gap"), for scale.
    fits = [f for it in test for f in it[2].fits]
    out["band_agreement_all_gap"] = round(sum(f == "gap" for f in fits) / len(fits), 3)
    if write_card:
        path = ROOT / "models" / "story-matcher.yaml"
        path.write_text(card_yaml(card), encoding="utf-8")
        out["card"] = str(path.relative_to(ROOT))
    return out


def section(r: dict) -> str:
    if "error" in r:
        return f"{BEGIN}\n## Story matching\n\nFailed: {r['error']}\n{END}\n"
    h, c = r["held_out"], r["held_out_cosine"]
    return "\n".join([
        BEGIN,
        "## Story matching (calibration/stories, held-out candidates 07-10)",
        "",
        f"Ten candidates' story banks (8 stories each) and 120 questions with a fit label for every "
        f"story of the candidate, by an author outside the project. Weights and fit-band cut-offs "
        f"are fitted on candidates 01-06 ({r['train_questions']} questions) and measured on 07-10 "
        f"({r['held_out_questions']} questions; hit@k over the {h['questions']} that have a story "
        f"labeled strong).",
        "",
        "| measure (held out) | matcher | plain question-story cosine |",
        "|---|---|---|",
        f"| hit@1 (a strong story ranked first) | {h['hit_at_1']:.3f} | {c['hit_at_1']:.3f} |",
        f"| hit@3 (a strong story in the top 3; target >= 0.80) | {h['hit_at_3']:.3f} | "
        f"{c['hit_at_3']:.3f} |",
        f"| band agreement (strong/workable/stretch/gap, every pair) | "
        f"{r['band_agreement_held_out']:.3f} | n/a (all-gap: {r['band_agreement_all_gap']:.3f}) |",
        "",
        f"On the training candidates: hit@1 {r['train']['hit_at_1']:.3f}, hit@3 "
        f"{r['train']['hit_at_3']:.3f}, band agreement {r['band_agreement_train']:.3f}. Of the "
        f"{r['no_strong_story_questions']} held-out questions with no story labeled strong, "
        f"{r['no_strong_story_top_not_strong']} get a best story below the strong band. "
        f"Cut-offs: {', '.join(f'{k} >= {v:.3f}' for k, v in r['cutoffs'].items())}. "
        f"Standardised weights: {', '.join(f'{k} {v:+.2f}' for k, v in r['weights'].items())}.",
        "",
        "Caveats: each bank has only 8 stories, so a random order already finds a strong story "
        "in the top 3 for about 3 questions in 8, and four held-out candidates are few: treat the "
        "second decimal as noise. The held-out figures were printed on every run while the "
        "features and competency cues were being chosen, so they are less independent than a "
        "hold-out looked at once. When two cut-offs are equal a band is empty: the training "
        "pairs did not separate it from its neighbour better than merging them.",
        END,
        "",
    ])


def write_section(r: dict, path: Path = HERE / "RESULTS.md") -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    block = section(r)
    if BEGIN in text and END in text:
        start, stop = text.index(BEGIN), text.index(END) + len(END)
        text = text[:start] + block.rstrip("\n") + text[stop:]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main() -> int:
    from interviewprep.bank import load_app_bank
    from interviewprep.scoring.scorer import Scorer

    bank, _errors = load_app_bank()
    scorer = Scorer.load(bank.elements, progress=lambda m: None)
    result = evaluate(scorer, write_card="--write-card" in sys.argv)
    print(json.dumps(result, indent=2))
    if "--results" in sys.argv:
        write_section(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
