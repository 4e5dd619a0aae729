"""Train the review's learned signal on the corpus's `train` split and write its weights.

    make train-review        (.venv/bin/python -m tools.train_review)

A logistic regression over character n-grams (scikit-learn's `char_wb`, 2 to 4 characters, counts
L2-normalised) predicts whether a template needs a human or worse. scikit-learn is a development
dependency only: the Lambda scores the exported weights in pure Python
(chalicelib/services/review/scoring.py). The threshold is set from cross-validated scores on the
train split so that at most `--max-clean-flagged` of clean templates cross it; the sealed split is
never read here.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from bench.review_agreement import load_split, subject_of
from chalicelib.services.review.scoring import NgramModel, model_text
from chalicelib.services.review.signals import Signals

OUT = Path(__file__).resolve().parents[1] / "chalicelib" / "services" / "review" / "data" / "ngram_model.json"
N_MIN, N_MAX = 2, 4


def _pipeline(c: float) -> Any:
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(N_MIN, N_MAX), use_idf=False, norm="l2",
                                 lowercase=False, min_df=2)
    return make_pipeline(vectorizer, LogisticRegression(C=c, class_weight="balanced", max_iter=2000))


def export(pipeline: Any, threshold: float, min_weight: float = 0.0) -> dict[str, Any]:
    """The weights file of a fitted pipeline: every kept n-gram with its weight (the scorer
    normalises over the kept n-grams, so pruning makes it drift from scikit-learn)."""
    vectorizer, classifier = pipeline.steps[0][1], pipeline.steps[1][1]
    weights = {gram: round(float(weight), 4) for gram, weight in
               zip(vectorizer.get_feature_names_out(), classifier.coef_[0], strict=True)
               if abs(weight) >= min_weight}
    return {"n_min": N_MIN, "n_max": N_MAX, "bias": round(float(classifier.intercept_[0]), 4),
            "threshold": round(threshold, 4), "weights": weights}


def fit(texts: Sequence[str], labels: Sequence[int], c: float = 4.0) -> Any:
    pipeline: Any = _pipeline(c)
    pipeline.fit(list(texts), list(labels))
    return pipeline


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--c", type=float, default=4.0, help="inverse regularisation strength")
    parser.add_argument("--max-clean-flagged", type=float, default=0.03)
    parser.add_argument("--min-weight", type=float, default=0.0,
                        help="drop smaller weights from the file (the norm then drifts)")
    args = parser.parse_args(argv)

    entries = load_split("train")
    texts = [model_text(Signals(subject_of(entry))) for entry in entries]
    labels = np.array([entry["expected"] != "approved" for entry in entries], dtype=int)

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
    scores = cross_val_predict(_pipeline(args.c), texts, labels, cv=folds, method="predict_proba")[:, 1]
    clean = np.sort(scores[labels == 0])
    threshold = float(clean[min(len(clean) - 1, int(np.ceil(len(clean) * (1 - args.max_clean_flagged))))])
    caught = float(np.mean(scores[labels == 1] >= threshold))

    pipeline = fit(texts, list(labels), args.c)
    model = export(pipeline, threshold, args.min_weight) | {
        "trained_on": f"train split, {len(entries)} templates", "cv_flagged_risky": round(caught, 3)}
    OUT.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")

    check = NgramModel(N_MIN, N_MAX, model["weights"], model["bias"], threshold)
    drift = max(abs(check.score(text) - float(p)) for text, p in
                zip(texts, pipeline.predict_proba(texts)[:, 1], strict=True))
    print(f"{len(entries)} templates, {len(model['weights'])} weights kept, threshold {threshold:.3f}; "
          f"cross-validated: {caught:.1%} of risky templates flagged at <= {args.max_clean_flagged:.0%} of clean; "
          f"pure-Python score differs from scikit-learn's by at most {drift:.4f}")


if __name__ == "__main__":
    main()
