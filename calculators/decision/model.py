"""The shapes of the decision rule's data and of its result.

Nothing here decides anything: :mod:`.questions`, :mod:`.rules` and
:mod:`.advice` fill these shapes with the guide's data, and :mod:`.engine`
reads them. Imports run one way: model, then data, then engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: The answers every question accepts. A missing answer counts as ``"unsure"``.
#: Some questions accept one more (see :attr:`Question.choices`).
ANSWERS: tuple[str, ...] = ("yes", "no", "unsure")

#: How each answer value reads in a sentence, e.g. "Your own data: not sure".
#: A question may word its own answers (:meth:`Question.words`).
ANSWER_WORDS: dict[str, str] = {
    "yes": "yes",
    "no": "no",
    "unsure": "not sure",
    "format": "only a strict format",
    "costly": "yes, good enough but too costly",
}

#: What a recommendation rests on: ``"answers"`` (needs your answers named, or
#: ruled out), ``"next-step"`` (no need named, but prompting fell short or
#: costs too much, so the next step in the sources' order) or ``"default"``
#: (no answer points anywhere; the sources' starting point, not a finding).
BASES: tuple[str, ...] = ("answers", "next-step", "default")

#: Every approach :func:`calculators.recommend` can return, in the order to try them.
APPROACHES: tuple[str, ...] = ("prompt-engineering", "rag", "fine-tuning", "hybrid")

#: Display names of the approaches.
APPROACH_NAMES: dict[str, str] = {
    "prompt-engineering": "Prompt engineering first",
    "rag": "RAG",
    "fine-tuning": "Fine-tuning",
    "hybrid": "Hybrid: RAG and fine-tuning",
}

#: The approaches as they read inside a sentence.
APPROACH_IN_TEXT: dict[str, str] = {
    "prompt-engineering": "prompt engineering",
    "rag": "RAG",
    "fine-tuning": "fine-tuning",
    "hybrid": "the hybrid of RAG and fine-tuning",
}

#: The approaches that train a model, and those that retrieve.
TRAINS = frozenset({"fine-tuning", "hybrid"})
RETRIEVES = frozenset({"rag", "hybrid"})


@dataclass(frozen=True)
class Choice:
    """One allowed answer to a question.

    Attributes:
        value: The answer as the address, the command line and the JSON carry it.
        label: The form's text for it, e.g. ``"Not sure"``.
        words: How it reads after the question's label, e.g. ``"not sure"``.
    """

    value: str
    label: str
    words: str


#: The three answers of most questions, in the form's order.
YES_NO_UNSURE: tuple[Choice, ...] = (
    Choice("yes", "Yes", "yes"),
    Choice("no", "No", "no"),
    Choice("unsure", "Not sure", "not sure"),
)


@dataclass(frozen=True)
class Question:
    """One question of the decision form.

    Attributes:
        key: The answer's key in :func:`calculators.recommend`'s mapping, the
            form field's ``name`` and the command line's ``KEY=VALUE``.
        label: A short name for the answer in words, as the reasons show it:
            ``"Your own data"`` reads "Your own data: not sure".
        text: The question as the form asks it.
        help: One or two sentences that explain what each answer means.
        group: The form section: ``"knowledge"``, ``"behaviour"`` or ``"team"``.
        choices: The allowed answers in the form's order; every question
            accepts ``"yes"``, ``"no"`` and ``"unsure"``, and two accept one
            more (a distinction added later as a new value, so that links
            already shared keep their meaning).
        link: ``(address relative to the Decide page, link text)`` shown
            after the help, or ``None``.
        feeds: The ids of the rules, gates, fallbacks, steps and caveats its
            answer can change; filled in from the data by the package.
    """

    key: str
    label: str
    text: str
    help: str
    group: str
    choices: tuple[Choice, ...] = YES_NO_UNSURE
    link: tuple[str, str] | None = None
    feeds: tuple[str, ...] = ()

    @property
    def answers(self) -> tuple[str, ...]:
        """The allowed answer values, in the form's order."""
        return tuple(c.value for c in self.choices)

    def words(self, value: str) -> str:
        """How ``value`` reads in a sentence after the label, e.g. ``"not sure"``.

        Raises:
            KeyError: for a value the question does not accept.
        """
        return {c.value: c.words for c in self.choices}[value]


@dataclass(frozen=True)
class Rule:
    """One line of the cheat sheet: a "yes" to ``key`` points to ``points_to``.

    Attributes:
        id: Stable identifier; the cheat sheet's anchor is ``rule-<id>``.
        key: The question whose "yes" fires the rule.
        points_to: ``"rag"`` or ``"fine-tuning"``.
        condition: The need, in a few words, as the cheat sheet and the
            result's meters list it.
        because: Why that need points where it does, in one sentence.
        sources: Source ids from the guide's ``docs/data/sources.csv``.
        requires: Further question keys that must also be answered "yes"
            for the rule to fire; any other definite answer rules it out.
    """

    id: str
    key: str
    points_to: str
    condition: str
    because: str
    sources: tuple[str, ...]
    requires: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """Every question the rule reads: ``key``, then ``requires``."""
        return (self.key, *self.requires)

    def state(self, answers: Mapping[str, str]) -> str:
        """``"fires"`` (every question yes), ``"ruled-out"`` (any definite
        answer other than yes: "no", or a value such as "format") or ``"open"``."""
        given = [answers[k] for k in self.keys]
        if all(a == "yes" for a in given):
            return "fires"
        return "ruled-out" if any(a not in ("yes", "unsure") for a in given) else "open"


@dataclass(frozen=True)
class Fallback:
    """A row of the cheat sheet that applies when the rules alone do not decide.

    Attributes:
        id: Stable identifier; the cheat sheet's anchor is ``rule-<id>``.
        condition: When it applies, in a few words.
        approach: The approach it gives, one of :data:`APPROACHES`.
        because: Why, in one sentence.
        sources: Source ids from ``docs/data/sources.csv``.
        headline: The result's headline when it decides, or ``""`` for the
            engine's usual wording.
        keys: Questions it reads besides the rules' own.
    """

    id: str
    condition: str
    approach: str
    because: str
    sources: tuple[str, ...]
    headline: str = ""
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gate:
    """A check made before the needs' scores decide: can the team do it now,
    or does something simpler already answer the need?

    Attributes:
        id: Stable identifier; the cheat sheet's anchor is ``gate-<id>``.
        label: A short name, e.g. ``"Prompt first"``.
        condition: When it applies, as the cheat sheet states it.
        effect: What it does to the recommendation, as the cheat sheet states it.
        text: What the result says after the label when it applies
            (``"<label>: <text>"``); ``{missing}`` stands for what the team
            lacks.
        headline: The result's headline, with ``{now}`` and ``{then}`` for
            the approaches as they read in a sentence.
        then: The staged next step as a step of the path, with ``{then}``
            and ``{missing_short}``; ``""`` when the gate has none.
        keys: The questions its condition reads.
        sources: Source ids from ``docs/data/sources.csv``.
    """

    id: str
    label: str
    condition: str
    effect: str
    text: str
    headline: str
    then: str
    keys: tuple[str, ...]
    sources: tuple[str, ...]

    def sentence(self, **values: str) -> str:
        """The result's sentence: ``"<label>: <text>"``, placeholders filled."""
        return f"{self.label}: {self.text.format(**values)}"


@dataclass(frozen=True)
class Advice:
    """A step or caveat that applies to some approaches, perhaps on some answers.

    Attributes:
        id: Stable identifier.
        applies_to: The approaches (recommended now) it applies to.
        when: ``((key, answers), ...)``: applies only when the answer to each
            ``key`` is one of its ``answers``; empty means always.
        text: What to do, or what to watch.
        sources: Source ids from ``docs/data/sources.csv``: articles, or
            references (``ref-...``) for facts the articles lack.
        also_next: Whether it also applies when its approach is the staged
            next step rather than the approach recommended now (what the
            team lacks for a training run it is not ready for).
    """

    id: str
    applies_to: frozenset[str]
    when: tuple[tuple[str, tuple[str, ...]], ...]
    text: str
    sources: tuple[str, ...]
    also_next: bool = False

    def applies(self, approach: str, answers: Mapping[str, str], then: str | None = None) -> bool:
        """Return whether this advice applies to ``approach`` (or to the staged
        next step ``then``, for advice with :attr:`also_next`) given ``answers``."""
        reaches = approach in self.applies_to or (self.also_next and then in self.applies_to)
        return reaches and all(answers[key] in allowed for key, allowed in self.when)


@dataclass(frozen=True)
class Reason:
    """Why the recommendation came out as it did: one fired rule, gate or fallback.

    Attributes:
        rule: The :attr:`Rule.id`, :attr:`Gate.id` or :attr:`Fallback.id`.
        condition: Its condition, e.g. ``"Knowledge changes often"``.
        because: Why it points where it does.
        answers: The answers that made it apply, as ``(key, answer)`` pairs.
        kind: ``"rule"`` (a rule or a fallback) or ``"gate"``.
        sources: Its source ids.
    """

    rule: str
    condition: str
    because: str
    answers: tuple[tuple[str, str], ...]
    kind: str = "rule"
    sources: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The reason as one sentence: condition, then explanation."""
        return f"{self.condition}: {self.because}"

    @property
    def anchor(self) -> str:
        """Its row's id on the cheat sheet: ``rule-<id>`` or ``gate-<id>``."""
        return f"{self.kind}-{self.rule}"


@dataclass(frozen=True)
class Need:
    """A need your answers named, and the approaches that answer it.

    Attributes:
        id: The rule's id, or ``"format"`` for a strict output format.
        label: The need in a few words (the rule's condition).
        answered_by: The approaches that answer it, in :data:`APPROACHES` order.
    """

    id: str
    label: str
    answered_by: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    """The result of :func:`calculators.recommend`.

    Attributes:
        approach: One of :data:`APPROACHES`: what to do now.
        basis: One of :data:`BASES`.
        headline: One sentence that names the approach and what it rests on.
        answers: Every question's answer after defaults were filled in.
        scores: For each of :data:`APPROACHES`, the share of the needs your
            answers named that it answers, from 0.0 to 1.0, rounded to two
            places; 0.0 for all when no need was named.
        reasons: The fired rules in cheat-sheet order, the gates that
            applied, then the fallback that combined or stood in for them.
        steps: The ordered path, as texts.
        caveats: What to watch on the way, as texts.
        gate: The gate that set the approach, or ``None``.
        then: The staged next step's approach, or ``None``.
        needs: The needs your answers named.
        unmet: Approach -> the labels of the needs it does not answer.
        not_chosen: Approach -> why it was not recommended, for every
            approach that scores at least as high as the recommendation
            (when a need was named).
        gate_text: The gate's sentence as the result shows it
            (``"Prompt first: ..."``), or ``""`` without a gate.
    """

    approach: str
    basis: str
    headline: str
    answers: dict[str, str]
    scores: dict[str, float]
    reasons: tuple[Reason, ...]
    steps: tuple[str, ...]
    caveats: tuple[str, ...]
    gate: Gate | None = None
    then: str | None = None
    needs: tuple[Need, ...] = ()
    unmet: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_chosen: dict[str, str] = field(default_factory=dict)
    gate_text: str = ""

    @property
    def title(self) -> str:
        """The approach's display name, e.g. ``"Hybrid: RAG and fine-tuning"``."""
        return APPROACH_NAMES[self.approach]

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data.

        Returns:
            ``{"approach": str, "title": str, "answers": {key: answer},
            "scores": {approach: float}, "reasons": [{"rule": str,
            "condition": str, "because": str, "answers": {key: answer},
            "kind": "rule" | "gate", "sources": [id]}], "steps": [str],
            "caveats": [str], "basis": str, "headline": str, "gate": null |
            {"id": str, "label": str, "text": str}, "then": null | str,
            "needs": [{"id": str, "label": str, "answered_by": [approach]}],
            "unmet": {approach: [label]}, "not_chosen": {approach: str}}``.
            The keys before ``"gate"`` are those of the first version, with
            the same meaning.
        """
        return {
            "approach": self.approach,
            "title": self.title,
            "answers": dict(self.answers),
            "scores": dict(self.scores),
            "reasons": [
                {
                    "rule": r.rule,
                    "condition": r.condition,
                    "because": r.because,
                    "answers": dict(r.answers),
                    "kind": r.kind,
                    "sources": list(r.sources),
                }
                for r in self.reasons
            ],
            "steps": list(self.steps),
            "caveats": list(self.caveats),
            "basis": self.basis,
            "headline": self.headline,
            "gate": None
            if self.gate is None
            else {"id": self.gate.id, "label": self.gate.label, "text": self.gate_text},
            "then": self.then,
            "needs": [
                {"id": n.id, "label": n.label, "answered_by": list(n.answered_by)} for n in self.needs
            ],
            "unmet": {a: list(labels) for a, labels in self.unmet.items()},
            "not_chosen": dict(self.not_chosen),
        }
