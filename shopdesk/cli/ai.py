"""`shopdesk ai …`: the AI track headless - read a message into a reason, retrain the model, its status."""

from __future__ import annotations

import sys

from shopdesk.cli.runtime import EXIT_OK, open_shop, read

STDIN_LIMIT = 4 * 2000  # characters read from standard input: far more than the model reads (its first 2,000)


def add_parsers(sub, leaf) -> None:
    ai = sub.add_parser("ai", help="the AI track: the reason classifier").add_subparsers(
        dest="ai_command", metavar="ACTION", required=True
    )
    p = leaf(ai, "classify", cmd_classify, "read a customer's message into a reason (writes nothing)")
    p.add_argument("text", help="the message; - reads it from standard input")
    leaf(ai, "retrain", cmd_retrain, "train the model again on the seed corpus and the confirmed cases")
    leaf(ai, "status", cmd_status, "the model in use, its accuracy and what it settled")


def _text(arg: str) -> str:
    if arg != "-":
        return arg
    # a huge input is cut here: only the first characters can matter, and the rest is never held in memory
    return sys.stdin.read(STDIN_LIMIT + 1)


def cmd_classify(args):
    from shopdesk.services.desk import classifier, suggestions

    text = _text(args.text)
    classifier.normalise(text)  # empty text is refused before the shop is opened

    def go(app, s):
        got = suggestions.suggest(s, text)
        classes = {r.code: r.resp_class for r in _reasons(s)}
        return got, classes

    got, classes = read(args, go)
    cut = got.cut or len(text) > classifier.MAX_CHARS
    payload = {
        "reason_code": got.reason_code,
        "class": classes.get(got.reason_code),
        "confidence": got.confidence,
        "alternatives": [{"reason_code": c, "confidence": p} for c, p in got.alternatives],
        "model_version": got.model_version,
        "words": [w for w, _ in got.words],
        "cut": cut,
    }
    lines = [f"{got.reason_code} ({classes.get(got.reason_code)}) {got.confidence:.2f}  model {got.model_version}"]
    lines += [f"  or {c} {p:.2f}" for c, p in got.alternatives]
    if got.words:
        lines.append("  words: " + ", ".join(w for w, _ in got.words))
    if cut:
        lines.append(f"note: the message is longer than {classifier.MAX_CHARS} characters; only the first were read")
        print(f"shopdesk: note: only the first {classifier.MAX_CHARS} characters were read", file=sys.stderr)
    return EXIT_OK, payload, "\n".join(lines)


def _reasons(s):
    from shopdesk.services.desk import reasons

    return reasons.reasons(s, include_inactive=True)


def cmd_retrain(args):
    from shopdesk.services.desk import suggestions

    app = open_shop(args)
    try:
        done = suggestions.retrain(app.db, actor=app.actor)
    finally:
        app.close()
    payload = {
        "model_version": done.model_version,
        "trained_on": done.trained_on,
        "holdout_accuracy": done.holdout_accuracy,
    }
    text = (
        f"model {done.model_version}: trained on {done.trained_on} messages ({done.seed_count} from the seed corpus),"
        f" accuracy on a held-out fifth {done.holdout_accuracy:.2f}"
    )
    return EXIT_OK, payload, text


def cmd_status(args):
    from shopdesk.services.desk import suggestions

    st = read(args, lambda app, s: suggestions.status(s))
    acc = st.accuracy
    payload = {
        "model_version": st.model_version,
        "trained_on": st.trained_on,
        "holdout_accuracy": st.holdout_accuracy,
        "trained_at": st.trained_at,
        "corrupted": st.corrupted,
        "corrupted_versions": list(st.corrupted_versions),
        "threshold": st.threshold,
        "retrain_every": st.retrain_every,
        "cases_since_training": st.cases_since_training,
        "accuracy_30d": {
            "confirmed": acc.confirmed,
            "correct": acc.correct,
            "rate": acc.rate,
            "settled_alone": acc.settled_alone,
        },
    }
    model = "the seed model (version 0)" if st.model_version == 0 else f"model {st.model_version}"
    lines = [f"{model}, trained on {st.trained_on} messages"]
    if st.holdout_accuracy is not None:
        lines[0] += f", held-out accuracy {st.holdout_accuracy:.2f}"
    if st.corrupted:
        versions = ", ".join(map(str, st.corrupted_versions))
        lines.append(f"warning: stored model(s) {versions} do not load (corrupted); {model} is used instead")
    lines.append(f"threshold {st.threshold:.2f}; {st.cases_since_training} confirmed case(s) since training")
    rate = f"{acc.rate:.0%}" if acc.rate is not None else "-"
    lines.append(
        f"last {acc.days} days: {acc.correct} of {acc.confirmed} confirmed cases read right ({rate});"
        f" {acc.settled_alone} settled without a person"
    )
    return EXIT_OK, payload, "\n".join(lines)
