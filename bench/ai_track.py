"""The AI track: train the reason classifier on the seed corpus plus the demo's case texts, then report accuracy and
macro-F1 on a held-out fifth (stratified, fixed seed), the training time and the p95 latency of classifying one
message. Last line: `ratio X` = the held-out accuracy (target >= 0.85; p95 target < 5 ms).

    python bench/ai_track.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from shopdesk.services.desk import classifier, suggestions
from shopdesk.services.desk.reasons import REASONS
from shopdesk.services.maintenance.demo_data import DEMO_TEXTS


def samples() -> list[classifier.Sample]:
    seed = suggestions.seed_samples()
    demo = [
        classifier.Sample(text, code, suggestions.SHOP_WEIGHT) for code in REASONS for text in DEMO_TEXTS.get(code, ())
    ]
    return seed + demo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="times each held-out message is classified")
    args = parser.parse_args()
    data = samples()
    train_part, test_part = classifier.holdout(data)
    classifier.words("预热")  # jieba's dictionary loads once per process: not part of training
    started = time.perf_counter()
    model = classifier.train(train_part)
    trained = time.perf_counter() - started
    score = classifier.evaluate(model, test_part)
    latencies = []
    for _ in range(args.rounds):
        for s in test_part:
            t = time.perf_counter()
            model.classify(s.text)
            latencies.append((time.perf_counter() - t) * 1000)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print(f"samples: {len(data)} ({len(train_part)} train, {len(test_part)} held out), {len(model.classes)} reasons")
    print(f"training: {trained:.2f} s")
    print(f"holdout accuracy {score.accuracy:.3f}, macro-F1 {score.macro_f1:.3f}")
    print(f"classify: p50 {statistics.median(latencies):.2f} ms, p95 {p95:.2f} ms per message (target < 5)")
    print(f"ratio {score.accuracy:.3f}")


if __name__ == "__main__":
    main()
