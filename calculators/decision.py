"""The decision rule: RAG, fine-tuning, both (hybrid), or prompt engineering first.

The questions and rules below are the single source of truth for the
recommendation. The Decide page builds its form from :data:`QUESTIONS`, the
cheat-sheet page renders its table from :data:`RULES`, and the tests read both;
nothing restates them elsewhere.

The rule set follows the sources' cheat sheet (Learn Agentic Patterns, ``lap``)
and the other four articles: needs about *knowledge* (your own data, it changes
often, answers must cite it, the corpus is large) point to RAG; needs about
*behaviour* (tone or format, domain terminology, one narrow task, fast
inference) point to fine-tuning; high request volume counts only together with
a narrow task, because Haink and Akoode tie the per-request saving to a narrow
job served by a smaller tuned model. Needs of both kinds point to the hybrid;
needs ruled out everywhere point to prompt engineering first. When no answer
points anywhere, the result is a *default* (Learn Agentic Patterns' "not sure?
start with RAG"), and it says so. A team without training examples or ML
capacity gets a staged path (:data:`STEPS`) rather than a training run it
cannot run.

>>> recommend({"changes_often": "yes", "citations": "yes"}).approach
'rag'
>>> recommend({"changes_often": "yes", "behaviour": "yes"}).approach
'hybrid'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .errors import InputError

__all__ = [
    "ANSWERS",
    "ANSWER_WORDS",
    "APPROACHES",
    "BASES",
    "CAVEATS",
    "FALLBACKS",
    "QUESTIONS",
    "RULES",
    "STEPS",
    "Advice",
    "Fallback",
    "Question",
    "Reason",
    "Recommendation",
    "Rule",
    "recommend",
]

#: The allowed answers to every question. A missing answer counts as ``"unsure"``.
ANSWERS: tuple[str, ...] = ("yes", "no", "unsure")

#: How each answer reads in a sentence, e.g. "Your own data: not sure".
ANSWER_WORDS: dict[str, str] = {"yes": "yes", "no": "no", "unsure": "not sure"}

#: What a recommendation rests on: ``"answers"`` (rules your answers fired, or
#: ruled out), ``"next-step"`` (no rule fired, but prompting fell short, so the
#: next step in the sources' order) or ``"default"`` (no answer points
#: anywhere; the sources' starting point, not a finding).
BASES: tuple[str, ...] = ("answers", "next-step", "default")

#: Every approach :func:`recommend` can return, in the order to try them.
APPROACHES: tuple[str, ...] = ("prompt-engineering", "rag", "fine-tuning", "hybrid")

#: Display names of the approaches.
APPROACH_NAMES: dict[str, str] = {
    "prompt-engineering": "Prompt engineering first",
    "rag": "RAG",
    "fine-tuning": "Fine-tuning",
    "hybrid": "Hybrid: RAG and fine-tuning",
}


@dataclass(frozen=True)
class Question:
    """One yes / no / unsure question of the decision form.

    Attributes:
        key: The answer's key in :func:`recommend`'s mapping, the form
            field's ``name`` and the command line's ``KEY=VALUE``.
        label: A short name for the answer in words, as the page's reasons
            show it: ``"Your own data"`` reads "Your own data: not sure".
        text: The question as the form asks it.
        help: One or two sentences that explain what a "yes" means.
        group: Which form section it belongs to: ``"knowledge"``,
            ``"behaviour"`` or ``"team"``.
        feeds: The ids of the rules, steps and caveats its answer can change,
            filled in from :data:`RULES`, :data:`STEPS` and :data:`CAVEATS`.
    """

    key: str
    label: str
    text: str
    help: str
    group: str
    feeds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One line of the cheat sheet: a "yes" to ``key`` points to ``points_to``.

    Attributes:
        id: Stable identifier; the cheat sheet's anchor is ``rule-<id>``.
        key: The question whose "yes" fires the rule.
        points_to: ``"rag"`` or ``"fine-tuning"``.
        condition: The need, in a few words, as the cheat sheet lists it.
        because: Why that need points where it does, in one sentence.
        sources: Source article identifiers, as listed in the guide's
            ``docs/data/sources.csv`` (e.g. ``"lap"`` for Learn Agentic Patterns).
        requires: Further question keys that must also be answered "yes"
            for the rule to fire; a "no" to any of them rules it out.
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
        """``"fires"`` (all its questions yes), ``"ruled-out"`` (any no) or ``"open"``."""
        given = [answers[k] for k in self.keys]
        if all(a == "yes" for a in given):
            return "fires"
        return "ruled-out" if "no" in given else "open"


@dataclass(frozen=True)
class Reason:
    """Why the recommendation came out as it did: one fired rule.

    Attributes:
        rule: The :attr:`Rule.id` or :attr:`Fallback.id` that applied; the
            cheat sheet's anchor for it is ``rule-<rule>``.
        condition: The rule's condition, e.g. ``"Knowledge changes often"``.
        because: Why it points where it does.
        answers: The answers that made it apply, as ``(key, answer)`` pairs.
    """

    rule: str
    condition: str
    because: str
    answers: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        """The reason as one sentence: condition, then explanation."""
        return f"{self.condition}: {self.because}"


@dataclass(frozen=True)
class Recommendation:
    """The result of :func:`recommend`.

    Attributes:
        approach: One of :data:`APPROACHES`.
        basis: One of :data:`BASES`: whether the answers decided it, or it is
            the next step or the default that stands in when they do not.
        headline: One sentence that names the approach and its basis, e.g.
            ``"Your answers point to RAG."``.
        answers: Every question's answer after defaults were filled in
            (key -> ``"yes"`` / ``"no"`` / ``"unsure"``).
        scores: For each of :data:`APPROACHES`, the share of its case that
            the answers make, from 0.0 to 1.0: for ``"rag"`` and
            ``"fine-tuning"`` the share of that family's rules that fired; for
            ``"hybrid"`` the smaller of the two; for ``"prompt-engineering"``
            the share of rules a "no" rules out. Close scores mean a close
            call; under the ``"default"`` basis no score supports the
            approach, which is why it is a default.
        reasons: The fired rules in cheat-sheet order, then the fallback that
            combined them or stood in for them.
        steps: The ordered path to the approach, as texts.
        caveats: What to watch on the way, as texts.
    """

    approach: str
    basis: str
    headline: str
    answers: dict[str, str]
    scores: dict[str, float]
    reasons: tuple[Reason, ...]
    steps: tuple[str, ...]
    caveats: tuple[str, ...]

    @property
    def title(self) -> str:
        """The approach's display name, e.g. ``"Hybrid: RAG and fine-tuning"``."""
        return APPROACH_NAMES[self.approach]

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data.

        Returns:
            ``{"approach": str, "title": str, "answers": {key: answer},
            "scores": {approach: float}, "reasons": [{"rule": str,
            "condition": str, "because": str, "answers": {key: answer}}],
            "steps": [str], "caveats": [str], "basis": str, "headline": str}``.
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
                }
                for r in self.reasons
            ],
            "steps": list(self.steps),
            "caveats": list(self.caveats),
            "basis": self.basis,
            "headline": self.headline,
        }


QUESTIONS: tuple[Question, ...] = (
    Question(
        "own_knowledge",
        "Your own data",
        "Must answers come from your own documents or data?",
        "Yes if the model has to know things that live in your files, tickets, "
        "policies or databases rather than in public text.",
        "knowledge",
    ),
    Question(
        "changes_often",
        "Knowledge changes often",
        "Does that knowledge change often?",
        "Yes if documents, prices or policies change every week or more often, "
        "the pace at which Code Genesis calls RAG the practical choice; anything "
        "frozen into a model would soon be out of date.",
        "knowledge",
    ),
    Question(
        "citations",
        "Answers must cite sources",
        "Must answers cite their sources?",
        "Yes if users, auditors or regulators need to see which document an "
        "answer came from.",
        "knowledge",
    ),
    Question(
        "large_corpus",
        "A large document corpus",
        "Is there a large body of documents, thousands or more?",
        "Yes if the material is far too big to put into a training set or a "
        "single prompt.",
        "knowledge",
    ),
    Question(
        "behaviour",
        "Tone, voice or format",
        "Do you need a consistent tone, voice or output format that prompting alone does not hold?",
        "Yes if instructions in the prompt keep drifting: the brand voice slips, "
        "or the JSON or report layout breaks now and then.",
        "behaviour",
    ),
    Question(
        "domain_terms",
        "Domain terminology",
        "Does the base model misread your domain's terminology?",
        "Yes if the model confuses jargon, abbreviations or codes that your "
        "field uses in a special sense.",
        "behaviour",
    ),
    Question(
        "narrow_task",
        "One narrow, stable task",
        "Is it one narrow, stable task, such as classification or extraction?",
        "Yes if the model does the same well-defined job on every request.",
        "behaviour",
    ),
    Question(
        "low_latency",
        "No time for retrieval",
        "Is there no time for a retrieval step?",
        "Yes if every response must come back fast enough that a search before "
        "generation is too slow.",
        "behaviour",
    ),
    Question(
        "high_volume",
        "High request volume",
        "Is the request volume high enough that a smaller specialised model would pay off?",
        "Yes if serving cost at your volume would justify training a smaller "
        "model to do the job of a larger one. It counts only for one narrow "
        "task: that is where the sources place the saving.",
        "behaviour",
    ),
    Question(
        "training_examples",
        "Good training examples",
        "Do consistent, high-quality input/output examples exist, or can they be curated?",
        "Yes if you could assemble clean prompt/completion pairs that show the "
        "behaviour you want. Quality beats count: Akoode reports a thousand good "
        "pairs beating ten thousand inconsistent ones, and no source sets a minimum.",
        "team",
    ),
    Question(
        "ml_capacity",
        "ML capacity in the team",
        "Can the team train, evaluate and maintain fine-tuned adapters?",
        "Yes if someone can run training jobs, build evaluation sets and "
        "retrain when the base model changes.",
        "team",
    ),
    Question(
        "prompting_tried",
        "Prompting tried and fell short",
        "Has prompt engineering alone been tried and found wanting?",
        "Yes if careful instructions and examples in the prompt were tried and "
        "still fall short.",
        "team",
    ),
)

RULES: tuple[Rule, ...] = (
    Rule(
        "own-knowledge",
        "own_knowledge",
        "rag",
        "Answers must come from your own data",
        "Retrieval hands the model your documents at query time, so it can use "
        "them without any retraining.",
        ("haink", "hamd"),
    ),
    Rule(
        "changes-often",
        "changes_often",
        "rag",
        "Knowledge changes often",
        "Updating a RAG index picks up the newest version at once; a fine-tuned "
        "model would need another training run.",
        ("lap", "haink", "codegenesis"),
    ),
    Rule(
        "citations",
        "citations",
        "rag",
        "Answers must cite sources",
        "RAG can show exactly which document each answer drew on; knowledge "
        "baked into weights cannot be traced that way.",
        ("lap", "akoode"),
    ),
    Rule(
        "large-corpus",
        "large_corpus",
        "rag",
        "A large document corpus",
        "Thousands of documents fit in a search index far more easily than in "
        "a training set.",
        ("lap",),
    ),
    Rule(
        "behaviour",
        "behaviour",
        "fine-tuning",
        "A consistent tone, voice or format",
        "Fine-tuning changes how the model behaves, which is the one thing "
        "retrieval does not touch.",
        ("lap", "haink", "hamd", "akoode"),
    ),
    Rule(
        "domain-terms",
        "domain_terms",
        "fine-tuning",
        "The base model misreads your terminology",
        "Teaching the terms once at training time gives more reliable results "
        "than repeating examples of them in every prompt.",
        ("akoode",),
    ),
    Rule(
        "narrow-task",
        "narrow_task",
        "fine-tuning",
        "One narrow, specific task",
        "A model trained on one well-defined job, possibly a smaller one, can "
        "match a larger general model at it.",
        ("lap", "akoode", "haink", "codegenesis"),
    ),
    Rule(
        "low-latency",
        "low_latency",
        "fine-tuning",
        "Fast inference, no retrieval step",
        "A fine-tuned model answers directly, without a search before each "
        "response.",
        ("lap", "codegenesis"),
    ),
    Rule(
        "high-volume",
        "high_volume",
        "fine-tuning",
        "High volume on one narrow task",
        "At high request volume a small model tuned for one narrow job can cost "
        "less per request than a large general model; volume without a narrow "
        "task is no reason to train.",
        ("akoode", "haink"),
        requires=("narrow_task",),
    ),
)


@dataclass(frozen=True)
class Fallback:
    """A row of the cheat sheet that applies when the rules alone do not decide.

    Attributes:
        id: Stable identifier; the cheat sheet's anchor is ``rule-<id>``.
        condition: When it applies, in a few words.
        approach: The approach it gives, one of :data:`APPROACHES`.
        because: Why, in one sentence.
        sources: Source article identifiers.
    """

    id: str
    condition: str
    approach: str
    because: str
    sources: tuple[str, ...]


#: How the fired rules combine, and what happens when none fires, in the
#: order :func:`recommend` checks them.
FALLBACKS: tuple[Fallback, ...] = (
    Fallback(
        "hybrid",
        "Rules of both kinds fire",
        "hybrid",
        "RAG supplies the knowledge and fine-tuning the behaviour; each solves "
        "its own half of the problem.",
        ("haink", "akoode", "hamd"),
    ),
    Fallback(
        "prompting-fell-short",
        "No rule fires, but prompting alone falls short",
        "rag",
        "The next step after prompt engineering is to ground the model in "
        "data; fine-tuning comes later, for a behaviour gap.",
        ("akoode",),
    ),
    Fallback(
        "not-sure",
        "No rule fires and some answers are not sure",
        "rag",
        "With nothing pointing anywhere yet, the sources' starting point is RAG: "
        "quick to set up, cheap to change, and no retraining when data moves.",
        ("lap",),
    ),
    Fallback(
        "no-need",
        'A "no" rules out every rule',
        "prompt-engineering",
        "With no need for your own knowledge or a new behaviour, careful "
        "prompts on a general model are where to start.",
        ("akoode",),
    ),
)


@dataclass(frozen=True)
class Advice:
    """A step or caveat that applies to some approaches, perhaps on one answer.

    Attributes:
        id: Stable identifier.
        applies_to: The approaches it applies to.
        when: ``(key, answers)``: applies only when the answer to ``key`` is
            one of ``answers``; ``None`` means always.
        text: What to do, or what to watch.
        sources: Source identifiers from the guide's sources.csv: articles, or
            references (``ref-...``) for facts the articles lack.
    """

    id: str
    applies_to: frozenset[str]
    when: tuple[str, tuple[str, ...]] | None
    text: str
    sources: tuple[str, ...]

    def applies(self, approach: str, answers: Mapping[str, str]) -> bool:
        """Return whether this advice applies to ``approach`` given ``answers``."""
        if approach not in self.applies_to:
            return False
        return self.when is None or answers[self.when[0]] in self.when[1]


_TRAINS = frozenset({"fine-tuning", "hybrid"})
_RETRIEVES = frozenset({"rag", "hybrid"})
_NOT_YES = ("no", "unsure")

#: The ordered path to each approach. A team without training examples or ML
#: capacity gets the preparation steps before any training run.
STEPS: tuple[Advice, ...] = (
    Advice(
        "prompt-baseline",
        frozenset(APPROACHES),
        ("prompting_tried", _NOT_YES),
        "Start with prompt engineering on a capable general model: clear "
        "instructions and a few examples. Measure it on real requests as a baseline.",
        ("akoode",),
    ),
    Advice(
        "build-rag",
        _RETRIEVES,
        None,
        "Build the RAG pipeline: chunk and embed your documents into a vector "
        "database and retrieve the best passages for each query.",
        ("akoode", "lap"),
    ),
    Advice(
        "keep-index-fresh",
        _RETRIEVES,
        None,
        "Evaluate retrieval quality, and update the index whenever the documents change.",
        ("lap", "haink", "ref-ragas"),
    ),
    Advice(
        "curate-examples",
        _TRAINS,
        ("training_examples", _NOT_YES),
        "Before any training run, curate consistent, high-quality "
        "prompt/completion pairs that show the behaviour you want; quality "
        "matters more than count.",
        ("akoode",),
    ),
    Advice(
        "secure-ml-capacity",
        _TRAINS,
        ("ml_capacity", _NOT_YES),
        "Before any training run, secure the capacity to train, evaluate and "
        "maintain adapters: people on the team, or a managed fine-tuning service.",
        ("akoode",),
    ),
    Advice(
        "fine-tune-lora",
        _TRAINS,
        None,
        "Fine-tune with a parameter-efficient method such as LoRA, and compare "
        "the adapter with the baseline on a held-out evaluation set.",
        ("akoode", "ref-google-mlcc"),
    ),
    Advice(
        "revalidate",
        _TRAINS,
        None,
        "Version each adapter, keep a rollback plan, and revalidate every "
        "quarter and whenever the base model changes.",
        ("akoode",),
    ),
    Advice(
        "revisit",
        frozenset({"prompt-engineering"}),
        None,
        "Come back to this page if answers start to need your own documents "
        "(RAG) or a behaviour that prompts cannot hold (fine-tuning).",
        ("akoode",),
    ),
)

#: What to watch on the way, shown under the steps.
CAVEATS: tuple[Advice, ...] = (
    Advice(
        "no-ml-capacity",
        _TRAINS,
        ("ml_capacity", ("no",)),
        "Your team cannot yet train and maintain adapters. Fine-tuning needs ML "
        "skills that many product teams lack; RAG is mostly data and software "
        "engineering, so it can start now.",
        ("akoode",),
    ),
    Advice(
        "no-examples",
        _TRAINS,
        ("training_examples", ("no",)),
        "Without a set of good examples, training has nothing reliable to learn "
        "from: by Akoode's account, a thousand consistent pairs beat ten times as "
        "many inconsistent ones.",
        ("akoode",),
    ),
    Advice(
        "adapter-maintenance",
        _TRAINS,
        None,
        "Adapters carry a running cost: versioning, rollback, retraining, and "
        "drift when a hosted base model is updated. Over a year the total runs "
        "to several times the training compute.",
        ("akoode",),
    ),
    Advice(
        "data-preparation",
        _RETRIEVES,
        None,
        "Budget for data preparation: chunking, embedding and indexing documents "
        "well takes more engineering time than most teams expect.",
        ("akoode",),
    ),
    Advice(
        "retrieval-latency",
        _RETRIEVES,
        ("low_latency", ("yes",)),
        "You need fast answers, and retrieval adds a search before each one: "
        "measure the end-to-end latency early.",
        ("lap", "codegenesis"),
    ),
)

_FALLBACK = {fallback.id: fallback for fallback in FALLBACKS}


def _fed_by(key: str) -> tuple[str, ...]:
    rules = [r.id for r in RULES if key in r.keys]
    advice = [a.id for a in (*STEPS, *CAVEATS) if a.when is not None and a.when[0] == key]
    fallbacks = ["prompting-fell-short"] if key == "prompting_tried" else []
    return (*rules, *fallbacks, *advice)


QUESTIONS = tuple(replace(q, feeds=_fed_by(q.key)) for q in QUESTIONS)
_QUESTION_KEYS = frozenset(q.key for q in QUESTIONS)


def recommend(answers: Mapping[str, str]) -> Recommendation:
    """Recommend an approach from yes / no / unsure answers.

    Each rule in :data:`RULES` fires when its question, and every question in
    its :attr:`Rule.requires`, is answered ``"yes"`` (high volume counts only
    with a narrow task: Haink, Akoode). RAG rules and fine-tuning rules that
    both fire give ``"hybrid"``; only one family gives ``"rag"`` or
    ``"fine-tuning"``. When no rule fires, the :data:`FALLBACKS` decide, in
    order: prompting tried and found wanting gives ``"rag"`` as the next step
    (source ``akoode``: after prompts, add retrieval); a rule left open by an
    ``"unsure"`` answer gives ``"rag"`` as a *default* (the cheat sheet's "not
    sure? start with RAG", source ``lap``); every rule ruled out by a "no"
    gives ``"prompt-engineering"`` (source ``akoode``). The steps and caveats
    that apply come from :data:`STEPS` and :data:`CAVEATS`.

    Args:
        answers: Question key -> ``"yes"``, ``"no"`` or ``"unsure"``. Keys are
            those of :data:`QUESTIONS`; a missing key counts as ``"unsure"``.

    Returns:
        A :class:`Recommendation`: the approach, its basis and headline, the
        filled-in answers, a score per approach, the reasons, the steps and
        the caveats.

    Raises:
        InputError: (a :class:`ValueError`) for a key that is not a question,
            or an answer other than ``"yes"``, ``"no"`` or ``"unsure"``; the
            message names the key and the allowed values.
    """
    filled = _validated(answers)
    states = {rule.id: rule.state(filled) for rule in RULES}
    fired = [rule for rule in RULES if states[rule.id] == "fires"]
    families = {rule.points_to for rule in fired}
    reasons = [
        Reason(rule.id, rule.condition, rule.because, tuple((k, "yes") for k in rule.keys))
        for rule in fired
    ]
    basis = "answers"
    if len(families) == 2:
        fallback, keys = _FALLBACK["hybrid"], _unique(k for rule in fired for k in rule.keys)
    elif families:
        fallback, keys = None, ()
    elif filled["prompting_tried"] == "yes":
        fallback, keys = _FALLBACK["prompting-fell-short"], ("prompting_tried",)
        basis = "next-step"
    elif open_rules := [rule for rule in RULES if states[rule.id] == "open"]:
        fallback = _FALLBACK["not-sure"]
        keys = _unique(k for rule in open_rules for k in rule.keys if filled[k] == "unsure")
        basis = "default"
    else:
        fallback, keys = _FALLBACK["no-need"], _unique(k for rule in RULES for k in rule.keys)
    if fallback is not None:
        approach = fallback.approach
        reasons.append(
            Reason(
                fallback.id,
                fallback.condition,
                fallback.because,
                tuple((key, filled[key]) for key in keys),
            )
        )
    else:
        (approach,) = families
    return Recommendation(
        approach=approach,
        basis=basis,
        headline=_headline(approach, basis),
        answers=filled,
        scores=_scores(states),
        reasons=tuple(reasons),
        steps=tuple(s.text for s in STEPS if s.applies(approach, filled)),
        caveats=tuple(c.text for c in CAVEATS if c.applies(approach, filled)),
    )


def _headline(approach: str, basis: str) -> str:
    """One sentence naming the approach and what it rests on."""
    name = APPROACH_NAMES[approach]
    if basis == "default":
        return (
            f"A default, not a finding: no answer points to an approach yet, so start "
            f"with {name}, as Learn Agentic Patterns advises when unsure."
        )
    if basis == "next-step":
        return f"No need named yet, but prompting fell short: {name} is the next step to try."
    if approach == "prompt-engineering":
        return "Your answers rule out every need the rules know: start with prompt engineering."
    return f"Your answers point to {name}."


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


def _scores(states: Mapping[str, str]) -> dict[str, float]:
    """Each approach's share of support, 0.0 to 1.0, rounded to two places."""

    def share(family: str) -> float:
        rules = [r for r in RULES if r.points_to == family]
        return sum(states[r.id] == "fires" for r in rules) / len(rules)

    rag, fine_tuning = share("rag"), share("fine-tuning")
    no_need = sum(state == "ruled-out" for state in states.values()) / len(RULES)
    return {
        "prompt-engineering": round(no_need, 2),
        "rag": round(rag, 2),
        "fine-tuning": round(fine_tuning, 2),
        "hybrid": round(min(rag, fine_tuning), 2),
    }


def _validated(answers: Mapping[str, str]) -> dict[str, str]:
    """Return every question's answer, defaults filled in, or raise InputError."""
    if not isinstance(answers, Mapping):
        raise InputError("answers", "expected a mapping of question key to answer")
    for key, value in answers.items():
        if key not in _QUESTION_KEYS:
            raise InputError(
                str(key), f"unknown question; allowed keys: {', '.join(q.key for q in QUESTIONS)}"
            )
        if value not in ANSWERS:
            raise InputError(key, f"got {value!r}; allowed answers: {', '.join(ANSWERS)}")
    return {q.key: answers.get(q.key, "unsure") for q in QUESTIONS}
