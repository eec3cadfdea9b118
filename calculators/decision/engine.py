"""The decision engine: from answers to a recommendation.

How a recommendation is reached, in order:

1. **Needs.** Each rule of :data:`~.rules.RULES` fires on "yes" answers; a
   ``behaviour=format`` answer names the strict-format need. Each need lists
   the approaches that answer it (:func:`answered_by`).
2. **What the needs point to.** RAG rules alone give RAG, fine-tuning rules
   alone fine-tuning. Both give the hybrid only when the fine-tuning side
   holds a behaviour that only training answers (the *two-halves* gate):
   fast inference with knowledge to retrieve stays RAG. A strict format alone
   is met without training (the *format-first* gate). With no need named,
   the fallbacks decide: prompting that fell short gives RAG as the next
   step, prompting that costs too much a cheaper prompt, an open question
   Learn Agentic Patterns' default (RAG), and a "no" everywhere prompt
   engineering.
3. **What to do now.** Prompting not tried, with every need meetable in a
   prompt, gives prompt engineering now (the *prompt-first* gate); needs
   pointing to training, with examples or people answered "no", give what
   the team can run now (the *feasible-now* gate). Either way the approach
   the needs point to stays as the staged next step.
4. **Scores** measure one thing for every approach: the share of the named
   needs it answers. Any approach that scores as high as the
   recommendation says why it was not chosen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..errors import InputError
from .advice import CAVEATS, STEPS
from .model import (
    APPROACH_IN_TEXT,
    APPROACHES,
    TRAINS,
    Fallback,
    Gate,
    Need,
    Reason,
    Recommendation,
    Rule,
)
from .questions import QUESTIONS
from .rules import (
    FALLBACKS,
    FORMAT_NEED,
    GATES,
    MISSING,
    NEED_ANSWERED_BY,
    PROMPT_MEETABLE,
    RULES,
    TRAINING_HALF,
)

_QUESTION = {q.key: q for q in QUESTIONS}
_FALLBACK = {f.id: f for f in FALLBACKS}
_GATE = {g.id: g for g in GATES}


def recommend(answers: Mapping[str, str]) -> Recommendation:
    """Recommend an approach from the Decide page's answers.

    Args:
        answers: Question key -> answer. Keys are those of
            :data:`calculators.QUESTIONS`; each question allows ``"yes"``,
            ``"no"`` and ``"unsure"``, and ``behaviour`` also ``"format"``,
            ``prompting_tried`` also ``"costly"``. A missing key counts as
            ``"unsure"``.

    Returns:
        A :class:`~.model.Recommendation`: what to do now, its basis, headline
        and gate, the staged next step, the filled-in answers, the needs with
        a score per approach (share of the needs it answers), the reasons,
        the steps and the caveats.

    Raises:
        InputError: (a :class:`ValueError`) for a key that is not a question,
            or an answer the question does not allow; the message names the
            key and the allowed values.
    """
    filled = _validated(answers)
    states = {rule.id: rule.state(filled) for rule in RULES}
    fired = [rule for rule in RULES if states[rule.id] == "fires"]
    needs = _needs(fired, filled)
    applied: list[Gate] = []  # in the order of GATES: the first is the result's gate
    reasons = [_rule_reason(rule) for rule in fired]
    fallback: Fallback | None = None
    basis, then, missing = "answers", None, ""

    target = _target(fired)
    if target is not None and two_halves(fired):
        applied.append(_GATE["two-halves"])
    if format_first(filled):
        applied.append(_GATE["format-first"])
    if target == "hybrid":
        fallback = _FALLBACK["hybrid"]

    if target is None:
        approach, fallback, basis = _without_rules(filled, states)
    elif prompt_first(needs, filled):
        applied.insert(0, _GATE["prompt-first"])
        approach, then = "prompt-engineering", target
    elif missing := feasible_now(target, filled):
        applied.insert(0, _GATE["feasible-now"])
        approach, then = ("rag" if target == "hybrid" else "prompt-engineering"), target
    else:
        approach = target

    gate = applied[0] if applied else None
    reasons += [_gate_reason(g, filled, missing) for g in applied]
    if fallback is not None:
        reasons.append(_fallback_reason(fallback, filled, fired, states))
    scores, unmet = _scores(needs)
    steps = [s.text for s in STEPS if s.applies(approach, filled, then)]
    if gate is not None and then is not None and gate.then:
        steps.append(gate.then.format(then=APPROACH_IN_TEXT[then], missing_short=_missing_short(filled)))
    return Recommendation(
        approach=approach,
        basis=basis,
        headline=_headline(approach, basis, gate, then, fallback),
        answers=filled,
        scores=scores,
        reasons=tuple(reasons),
        steps=tuple(steps),
        caveats=tuple(c.text for c in CAVEATS if c.applies(approach, filled, then)),
        gate=gate,
        then=then,
        needs=needs,
        unmet=unmet,
        not_chosen=_not_chosen(approach, gate, missing, then, needs, scores),
        gate_text="" if gate is None else gate.sentence(missing=missing),
    )


# The gates' conditions, one function each (the data is rules.GATES).


def prompt_first(needs: tuple[Need, ...], answers: Mapping[str, str]) -> bool:
    """Prompt first: prompting not tried (``"no"`` or ``"unsure"``), and prompt
    engineering answers every named need. Asked only when a rule fired (a
    strict format alone is the format-first gate's)."""
    untried = answers["prompting_tried"] in ("no", "unsure")
    return untried and all("prompt-engineering" in n.answered_by for n in needs)


def feasible_now(target: str, answers: Mapping[str, str]) -> str:
    """Feasible now: for a target that trains, what the team lacks as a clause
    (``""`` when nothing is answered "no", or the target does not train)."""
    if target not in TRAINS:
        return ""
    lacks = [MISSING[key][0] for key in MISSING if answers[key] == "no"]
    return f"your answers say {' and '.join(lacks)}" if lacks else ""


def two_halves(fired: Iterable[Rule]) -> bool:
    """Hybrid needs two halves: a RAG rule and fast inference fire, and no
    rule of the training half (:data:`~.rules.TRAINING_HALF`)."""
    ids = {rule.id for rule in fired}
    rag = any(rule.points_to == "rag" for rule in fired)
    return rag and "low-latency" in ids and not ids & TRAINING_HALF


def format_first(answers: Mapping[str, str]) -> bool:
    """Format before training: the behaviour question answered ``"format"``."""
    return answers["behaviour"] == "format"


def answered_by(need_id: str, answers: Mapping[str, str]) -> tuple[str, ...]:
    """The approaches that answer a need, in :data:`APPROACHES` order.

    Prompt engineering answers the needs of :data:`~.rules.PROMPT_MEETABLE`,
    and your own knowledge when a large corpus is answered "no" (it fits in a
    prompt), unless prompting was tried and fell short (``"yes"``); a strict
    format it answers always, through structured outputs.
    """
    approaches = set(NEED_ANSWERED_BY[need_id])
    fell_short = answers["prompting_tried"] == "yes"
    fits = need_id == "own-knowledge" and answers["large_corpus"] == "no"
    if need_id == "format" or (not fell_short and (need_id in PROMPT_MEETABLE or fits)):
        approaches.add("prompt-engineering")
    return tuple(a for a in APPROACHES if a in approaches)


# Helpers


def _target(fired: list[Rule]) -> str | None:
    """What the fired rules point to, the hybrid only with two halves; ``None`` for no rule."""
    families = {rule.points_to for rule in fired}
    if not families:
        return None
    if "rag" in families:
        return "hybrid" if any(rule.id in TRAINING_HALF for rule in fired) else "rag"
    return "fine-tuning"


def _without_rules(filled: Mapping[str, str], states: Mapping[str, str]) -> tuple[str, Fallback | None, str]:
    """(approach, fallback, basis) when no rule fires, in the cheat sheet's order."""
    if format_first(filled):
        return "prompt-engineering", None, "answers"
    if filled["prompting_tried"] == "yes":
        return "rag", _FALLBACK["prompting-fell-short"], "next-step"
    if filled["prompting_tried"] == "costly":
        return "prompt-engineering", _FALLBACK["prompting-too-costly"], "next-step"
    if "open" in states.values():
        return "rag", _FALLBACK["not-sure"], "default"
    return "prompt-engineering", _FALLBACK["no-need"], "answers"


def _needs(fired: list[Rule], answers: Mapping[str, str]) -> tuple[Need, ...]:
    needs = [Need(rule.id, rule.condition, answered_by(rule.id, answers)) for rule in fired]
    if format_first(answers):
        needs.append(Need("format", FORMAT_NEED, answered_by("format", answers)))
    return tuple(needs)


def _scores(needs: tuple[Need, ...]) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
    """Each approach's share of the needs it answers, and the needs it leaves out."""
    scores = {
        a: round(sum(a in n.answered_by for n in needs) / len(needs), 2) if needs else 0.0
        for a in APPROACHES
    }
    unmet = {a: tuple(n.label for n in needs if a not in n.answered_by) for a in APPROACHES}
    return scores, unmet


def _not_chosen(
    approach: str, gate: Gate | None, lacking: str, then: str | None,
    needs: tuple[Need, ...], scores: Mapping[str, float],
) -> dict[str, str]:
    """Why each approach that scores as high as the recommendation was not chosen."""
    if not needs:
        return {}
    out = {}
    for other in APPROACHES:
        if other == approach or scores[other] < scores[approach]:
            continue
        left_out = [n.label for n in needs if approach in n.answered_by and other not in n.answered_by]
        if gate is not None and gate.id == "feasible-now" and other in TRAINS:
            why = f"Not yet: {lacking}, and training needs both good examples and people to run it."
        elif gate is not None and gate.id == "prompt-first" and other == then:
            why = "The next step if a measured prompt falls short; a prompt can meet these needs first."
        elif gate is not None and gate.id == "two-halves" and other == "hybrid":
            why = "A tuned model would still wait for the retrieval step, and no need you named calls for training."
        elif left_out:
            why = f"It leaves out: {'; '.join(left_out)}."
        else:
            why = f"It answers no need that {APPROACH_IN_TEXT[approach]} leaves out."
        out[other] = why
    return out


def _headline(approach: str, basis: str, gate: Gate | None, then: str | None, fallback: Fallback | None) -> str:
    """One sentence naming what to do now and what it rests on."""
    now = APPROACH_IN_TEXT[approach]
    if basis == "default":
        return (
            "A default, not a finding: no answer points to an approach yet, so start "
            "with RAG, as Learn Agentic Patterns advises when unsure."
        )
    if fallback is not None and fallback.headline:
        return fallback.headline
    if gate is not None and then:
        return _cap(gate.headline.format(now=now, then=APPROACH_IN_TEXT[then]))
    if gate is not None:
        return _cap(gate.headline.format(now=now))
    if approach == "prompt-engineering":
        return "Your answers rule out every need the rules know: start with prompt engineering."
    return f"Your answers point to {now}."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _missing_short(answers: Mapping[str, str]) -> str:
    return " and ".join(MISSING[key][1] for key in MISSING if answers[key] == "no")


def _rule_reason(rule: Rule) -> Reason:
    return Reason(rule.id, rule.condition, rule.because, tuple((k, "yes") for k in rule.keys),
                  "rule", rule.sources)


def _gate_reason(gate: Gate, answers: Mapping[str, str], lacking: str) -> Reason:
    shown = [k for k in gate.keys if k != "large_corpus" or answers["own_knowledge"] == "yes"]
    if gate.id == "feasible-now":
        shown = [k for k in shown if answers[k] == "no"]
    return Reason(gate.id, gate.label, gate.text.format(missing=lacking),
                  tuple((k, answers[k]) for k in shown), "gate", gate.sources)


def _fallback_reason(fallback: Fallback, answers: Mapping[str, str], fired: list[Rule],
                     states: Mapping[str, str]) -> Reason:
    if fallback.id == "hybrid":
        keys = _unique(k for rule in fired for k in rule.keys)
    elif fallback.id == "not-sure":
        keys = _unique(k for rule in RULES if states[rule.id] == "open" for k in rule.keys
                       if answers[k] == "unsure")
    elif fallback.id == "no-need":
        keys = _unique(k for rule in RULES for k in rule.keys)
    else:
        keys = fallback.keys
    return Reason(fallback.id, fallback.condition, fallback.because,
                  tuple((k, answers[k]) for k in keys), "rule", fallback.sources)


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


def _validated(answers: Mapping[str, str]) -> dict[str, str]:
    """Return every question's answer, defaults filled in, or raise InputError."""
    if not isinstance(answers, Mapping):
        raise InputError("answers", "expected a mapping of question key to answer")
    for key, value in answers.items():
        question = _QUESTION.get(key)
        if question is None:
            raise InputError(
                str(key), f"unknown question; allowed keys: {', '.join(q.key for q in QUESTIONS)}"
            )
        if value not in question.answers:
            raise InputError(key, f"got {value!r}; allowed answers: {', '.join(question.answers)}")
    return {q.key: answers.get(q.key, "unsure") for q in QUESTIONS}
