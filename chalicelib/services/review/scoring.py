"""The learned signal: a linear model over character n-grams, trained offline with scikit-learn
(`make train-review`, tools/train_review.py) and scored here in pure Python from its weights
(`data/ngram_model.json`). It can send a template to a human; it never approves or rejects."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from chalicelib.services.review.model import Finding
from chalicelib.services.review.normalize import unmask
from chalicelib.services.review.policy import finding
from chalicelib.services.review.signals import Signals

_FILE = "data/ngram_model.json"


@dataclass(frozen=True)
class NgramModel:
    n_min: int
    n_max: int
    weights: dict[str, float]
    bias: float
    threshold: float

    def features(self, text: str) -> Counter[str]:
        """Character n-grams within word boundaries, as scikit-learn's `char_wb` analyzer makes them."""
        grams: Counter[str] = Counter()
        for word, count in Counter(text.split()).items():
            for gram in self._grams(word):
                grams[gram] += count
        return grams

    def _grams(self, word: str) -> list[str]:
        padded = f" {word} "
        grams: list[str] = []
        for n in range(self.n_min, self.n_max + 1):
            grams.append(padded[:n])
            grams.extend(padded[start:start + n] for start in range(1, len(padded) - n + 1))
            if len(padded) <= n:
                break  # a word shorter than n counts once, as itself
        return grams

    def score(self, text: str) -> float:
        """The probability the trainer's classifier gives that the text needs a human or worse."""
        grams = {gram: count for gram, count in self.features(text).items() if gram in self.weights}
        norm = math.sqrt(sum(count * count for count in grams.values())) or 1.0  # over the vocabulary only
        z = self.bias + sum(self.weights.get(gram, 0.0) * count for gram, count in grams.items()) / norm
        return 1.0 / (1.0 + math.exp(-z))


def model_text(signals: Signals) -> str:
    """What the model reads: every read field, folded and unmasked, with placeholders as `{{n}}`."""
    return unmask(" \n ".join(field.text for field in signals.read))


@cache
def load_model() -> NgramModel | None:
    path = resources.files("chalicelib.services.review").joinpath(_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return NgramModel(int(data["n_min"]), int(data["n_max"]), {str(k): float(v) for k, v in data["weights"].items()},
                      float(data["bias"]), float(data["threshold"]))


def model_checks(signals: Signals) -> Iterator[Finding]:
    model = load_model()
    if model is None:
        return
    if not (signals.links or signals.phones or signals.money or signals.has("secret", "fee", "pay")):
        return  # nowhere to send anyone and nothing to pay: the model's doubt alone is not worth a human
    if signals.verified_sender:
        return  # a verified brand sending to its own domains: the rules judge what it says
    score = model.score(model_text(signals))
    if score >= model.threshold:
        yield finding("model_risk", signals.market, evidence=f"risk {score:.2f}")
