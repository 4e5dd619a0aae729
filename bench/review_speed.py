"""How long the review takes in-process: the largest template the API allows (a carousel of 10 cards
at their limits, 4 suggestions each, 11 more suggestions), cold (data files and the language model
loaded) and warm, and the corpus's average.

    .venv/bin/python -m bench.review_speed
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench.review_agreement import load_split, subject_of
from chalicelib.services.review import RulesReviewer, Subject, run_reviewers
from chalicelib.services.template_values import MAX_CARD_DESCRIPTION, MAX_CARD_TITLE, MAX_CARDS, MAX_POSTBACK

SENTENCE = "Fresh styles for the season, {{1}}: tap below to browse new arrivals with free delivery on orders. "


def _card(index: int) -> dict[str, Any]:
    return {
        "title": (f"Card {index} " + "new arrivals " * 20)[:MAX_CARD_TITLE],
        "description": (SENTENCE * 40)[:MAX_CARD_DESCRIPTION],
        "media": {"url": f"https://cdn.example.com/img/{index}.jpg", "height": "medium"},
        "suggestions": [{"type": "url", "text": f"Browse {j}", "url": f"https://shop.example.com/c/{index}/{j}",
                         "postback_data": ("browse_" * 300)[:MAX_POSTBACK]} for j in range(4)],
    }


def largest_carousel() -> Subject:
    suggestions = [{"type": "reply", "text": "Stop", "postback_data": "STOP"}] * 11
    return Subject("largest", "promotional", "en_US",
                   {"type": "carousel", "cards": [_card(index) for index in range(MAX_CARDS)]}, suggestions)


def timed(subject: Subject) -> float:
    started = time.perf_counter()
    run_reviewers(subject, [RulesReviewer()])
    return time.perf_counter() - started


def main() -> None:
    subject = largest_carousel()
    cold = timed(subject)
    warm = sorted(timed(subject) for _ in range(10))
    print(f"largest carousel: cold {cold * 1000:.0f} ms (loads the data files and the language model), "
          f"warm median {statistics.median(warm) * 1000:.0f} ms, worst {warm[-1] * 1000:.0f} ms")
    entries = load_split("train") + load_split("sealed")
    times = sorted(timed(subject_of(entry)) for entry in entries)
    print(f"corpus ({len(entries)} templates): median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
