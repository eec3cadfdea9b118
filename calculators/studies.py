"""Controlled studies of RAG and fine-tuning, each written as a setting of the decision rule.

The five source articles are opinion pieces; these studies measured. Each
:class:`Study` records the setting a paper tested as answers to the Decide
questions (:data:`calculators.decision.QUESTIONS`), with one sentence per
answer on why it follows from the paper; the approach the paper's result
favours; and, where :func:`calculators.recommend` gives another approach for
that setting, why the two part ways. The "What the studies found" page renders
these records (its prose about each paper lives beside the page, in
``docs/data/studies.yml``), the Decide result links to the studies that share
its deciding answers (:func:`related_studies`), the cheat sheet links each rule
to the studies it fires for (:func:`studies_for_rule`), and the tests fail
when a finding and the rule disagree without a written explanation.

Each study's ``id`` is its row in the guide's ``docs/data/sources.csv``, where
its title, authors, address and the date we read it are kept.

>>> check_study(STUDIES[0]).agrees
True
"""

from __future__ import annotations

from dataclasses import dataclass

from .decision import ANSWER_WORDS, QUESTIONS, RULES, Recommendation, Rule, recommend
from .markup import escape

__all__ = [
    "STUDIES",
    "SettingAnswer",
    "Study",
    "StudyCheck",
    "check_study",
    "related_studies",
    "render_related_studies",
    "studies_for_rule",
]

#: Where the studies page lives, relative to the Decide page.
STUDIES_URL = "../studies/"


@dataclass(frozen=True)
class SettingAnswer:
    """One Decide answer that describes a study's setting.

    Attributes:
        key: A question key of :data:`calculators.decision.QUESTIONS`.
        answer: ``"yes"``, ``"no"`` or ``"unsure"``.
        why: One sentence on why the answer follows from the paper.
    """

    key: str
    answer: str
    why: str


@dataclass(frozen=True)
class Study:
    """A controlled study, its setting as Decide answers, and what it found.

    Attributes:
        id: The study's row in ``docs/data/sources.csv`` (``study-...``); the
            studies page anchors its entry with the same id.
        name: How the guide names it, e.g. ``"Ovadia et al. (2024)"``; the
            ``short`` column of its sources.csv row says the same.
        setting: The answers the paper's setting gives; a question left out
            counts as ``"unsure"`` because the paper does not say.
        favours: The approach the result favours, one of
            :data:`calculators.decision.APPROACHES`.
        finding: The result in one sentence, without figures.
        compared: ``True`` when the paper measured that approach against the
            others; ``False`` when it tested one approach only and
            ``favours`` is our reading of its result (the page says so).
        explanation: Why the rule's recommendation for ``setting`` differs from
            ``favours``, in terms of the study; empty when they agree.
    """

    id: str
    name: str
    setting: tuple[SettingAnswer, ...]
    favours: str
    finding: str
    compared: bool = True
    explanation: str = ""

    @property
    def answers(self) -> dict[str, str]:
        """The setting as :func:`calculators.recommend`'s mapping, key -> answer."""
        return {a.key: a.answer for a in self.setting}


@dataclass(frozen=True)
class StudyCheck:
    """The decision rule run on one study's setting.

    Attributes:
        study: The study.
        recommendation: What :func:`calculators.recommend` gives for its setting.
        agrees: Whether that approach is the one the study's finding favours.
    """

    study: Study
    recommendation: Recommendation
    agrees: bool


def _s(key: str, answer: str, why: str) -> SettingAnswer:
    return SettingAnswer(key, answer, why)


#: The studies, in the order the page lists them: adding knowledge, combining
#: the two, one narrow task, and cost in an industrial setting.
STUDIES: tuple[Study, ...] = (
    Study(
        "study-ovadia",
        "Ovadia et al. (2024)",
        (
            _s("own_knowledge", "yes", "Every question had to be answered from a given body of "
               "text, and one task asked about events that happened after the models were trained."),
            _s("changes_often", "no", "The text was collected once; the study asked how to add new "
               "facts, not how to keep up with facts that keep changing."),
            _s("citations", "no", "Answers were multiple-choice picks scored on accuracy; nobody "
               "asked the model where an answer came from."),
            _s("behaviour", "no", "The score was which option the model found most likely, so tone "
               "and output format played no part."),
            _s("narrow_task", "no", "The questions spanned several subjects and current events: "
               "recalling facts, not one fixed transformation such as labelling."),
            _s("low_latency", "no", "Retrieval ran before every answer, and no time limit was set."),
            _s("training_examples", "no", "Fine-tuning was unsupervised, on raw text chunks and "
               "their paraphrases; there were no prompt/completion pairs."),
            _s("ml_capacity", "yes", "The authors trained the models themselves, on "
               "data-centre GPUs."),
            _s("prompting_tried", "yes", "Each base model was measured with plain and few-shot "
               "prompts first, and it fell short of what retrieval reached."),
        ),
        "rag",
        "RAG beat unsupervised fine-tuning on facts the models had seen and on facts they had "
        "not; fine-tuning picked up new facts only when shown many paraphrases of them.",
    ),
    Study(
        "study-soudani",
        "Soudani et al. (2024)",
        (
            _s("own_knowledge", "yes", "The questions were about little-known entities, standing "
               "in for the domain-specific facts a company holds."),
            _s("changes_often", "no", "The question sets and the text behind them were fixed."),
            _s("citations", "no", "Answers were scored as correct or not; no source had to be shown."),
            _s("behaviour", "no", "Short factual answers were scored, not their tone or layout."),
            _s("narrow_task", "no", "The job was recalling facts about many entities, not one "
               "transformation such as classification."),
            _s("low_latency", "no", "Retrieval ran for every question; speed was not a constraint."),
            _s("training_examples", "yes", "Fine-tuning used synthetic training data the authors "
               "generated."),
            _s("ml_capacity", "yes", "The authors fine-tuned twelve models of different sizes "
               "themselves, with several methods."),
        ),
        "rag",
        "Fine-tuning helped on entities of every popularity, but RAG beat it by a wide margin, "
        "most of all on the least popular facts.",
    ),
    Study(
        "study-gekhman",
        "Gekhman et al. (2024)",
        (
            _s("own_knowledge", "yes", "The study fed the model facts it did not know, the way a "
               "team would teach it its own data."),
            _s("changes_often", "no", "The facts were fixed for the experiment."),
            _s("citations", "no", "Answers were short entity names scored by exact match."),
            _s("behaviour", "no", "The answer format was simple and fixed; the study measured "
               "which facts came out right."),
            _s("narrow_task", "no", "Questions covered many kinds of fact about many entities: "
               "recall, not one fixed transformation."),
            _s("low_latency", "no", "Answers came without retrieval by design, to isolate what "
               "the model knows, not because a search step would be too slow."),
            _s("training_examples", "yes", "Fine-tuning used question/answer pairs built from a "
               "public knowledge base."),
            _s("ml_capacity", "yes", "The authors ran long fine-tuning runs and graded every "
               "example against the model's prior knowledge."),
        ),
        "rag",
        "Facts new to the model were learned more slowly than known ones, and once learned they "
        "made the model more likely to answer wrongly on facts it already knew.",
        compared=False,
    ),
    Study(
        "study-finetunebench",
        "Wu et al. (FineTuneBench; 2024)",
        (
            _s("own_knowledge", "yes", "The models had to learn recent news, profiles of new "
               "people and updated guidelines that they could not already know."),
            _s("changes_often", "yes", "Two of its four sets were about knowledge that had "
               "changed: revised medical guidelines and code frameworks."),
            _s("citations", "no", "Answers were scored as right or wrong; no source had to be shown."),
            _s("behaviour", "no", "The study measured whether facts were learned, not tone or format."),
            _s("narrow_task", "no", "Questions covered many unrelated facts; no single fixed "
               "transformation was asked for."),
            _s("low_latency", "no", "Speed played no part in the study."),
            _s("training_examples", "yes", "Each fact came as a question/answer pair to train on."),
            _s("ml_capacity", "yes", "Training went through the providers' managed fine-tuning "
               "services, the route open to a team without its own GPUs."),
        ),
        "rag",
        "Through commercial fine-tuning services, models mostly failed to answer reworded "
        "questions about new facts, and did worse still on facts that had changed.",
        compared=False,
    ),
    Study(
        "study-balaguer",
        "Balaguer et al. (2024)",
        (
            _s("own_knowledge", "yes", "Answers had to come from a collection of agricultural "
               "documents about particular places."),
            _s("changes_often", "no", "The document collection was fixed for the study."),
            _s("citations", "no", "Answers were judged on accuracy and similarity to reference "
               "answers; sources did not have to be shown."),
            _s("behaviour", "no", "The gains measured were in the facts answers got right, not in "
               "tone or format."),
            _s("narrow_task", "no", "Farmers' questions ranged widely; no single fixed "
               "transformation was asked for."),
            _s("low_latency", "no", "Retrieval ran before answers; speed was not a constraint."),
            _s("training_examples", "yes", "The pipeline generated question/answer pairs from the "
               "documents and fine-tuned on them."),
            _s("ml_capacity", "yes", "The authors ran the fine-tuning themselves."),
            _s("prompting_tried", "yes", "The models were first measured as they were, and "
               "fine-tuning and retrieval each added accuracy."),
        ),
        "hybrid",
        "Fine-tuning added accuracy, and RAG on top of the tuned model added more: the two gains "
        "added up.",
        explanation="The rule gives fine-tuning a place only for behaviour, and here fine-tuning "
        "added facts: on a fixed set of documents, training on question/answer pairs generated "
        "from those same documents raised accuracy, and retrieval raised it further. The study "
        "did not change the documents, so it says nothing of what retraining costs when they "
        "move, which is what keeps the rule on RAG. A reader with a stable corpus and the means "
        "to generate pairs may try the hybrid once RAG is in place, and measure it as the "
        "authors did.",
    ),
    Study(
        "study-raft",
        "Zhang et al. (RAFT; 2024)",
        (
            _s("own_knowledge", "yes", "Every question had to be answered from documents of one "
               "domain, handed to the model with the question."),
            _s("changes_often", "no", "Each model was trained and tested on one fixed set of "
               "domain documents."),
            _s("citations", "no", "The benchmarks score the final answer; the quotes the trained "
               "model writes are a means to that answer, not a requirement."),
            _s("behaviour", "yes", "The paper finds that the base model failed largely because its "
               "answers were not in the expected form, and training fixed that."),
            _s("narrow_task", "yes", "Each model was trained for one dataset's kind of question, "
               "such as writing calls to one API library."),
            _s("low_latency", "no", "Retrieved documents came with every question; speed was not "
               "a constraint."),
            _s("training_examples", "yes", "Training used question/answer pairs with reasoning "
               "written by a larger model."),
            _s("ml_capacity", "yes", "The authors fine-tuned the model themselves."),
            _s("prompting_tried", "yes", "The base chat model with retrieved documents was measured "
               "first and fell short."),
        ),
        "hybrid",
        "Training the model to answer from retrieved documents, and to ignore the irrelevant "
        "ones, beat both plain RAG and fine-tuning without documents.",
    ),
    Study(
        "study-loraland",
        "Predibase: LoRA Land (2024)",
        (
            _s("own_knowledge", "no", "The tasks came from public benchmarks; the answer lies in "
               "the input, not in a company's documents."),
            _s("changes_often", "no", "Nothing the model needs changes over time."),
            _s("citations", "no", "Outputs were scored against reference answers; no sources apply."),
            _s("large_corpus", "no", "There is no document collection to search."),
            _s("narrow_task", "yes", "Each adapter was trained for one task, such as one kind of "
               "classification or extraction."),
            _s("training_examples", "yes", "Each task came with labelled examples to train on."),
            _s("ml_capacity", "yes", "The authors trained and served hundreds of adapters "
               "themselves."),
            _s("prompting_tried", "yes", "The base models and GPT-4 were measured without "
               "fine-tuning, and scored lower on average."),
        ),
        "fine-tuning",
        "Small models with task-specific LoRA adapters beat their base models and, on average, "
        "GPT-4 on the same narrow tasks.",
    ),
    Study(
        "study-sturm",
        "Sturm et al. (2026)",
        (
            _s("own_knowledge", "yes", "The questions drew on two closed datasets specific to "
               "the automotive industry, which public models had not seen."),
            _s("narrow_task", "no", "It is open question answering over domain knowledge, not one "
               "fixed transformation."),
            _s("ml_capacity", "yes", "The study carried out fine-tuning as one of the two "
               "adaptations it compares."),
            _s("prompting_tried", "yes", "Models were measured out of the box before either "
               "adaptation."),
        ),
        "rag",
        "Weighing answer quality, generation cost and the cost of users' interaction together, "
        "RAG was the most effective and cheapest adaptation, for premium and open-source models "
        "alike.",
    ),
)

_RULES = {rule.id: rule for rule in RULES}
_LABELS = {q.key: q.label for q in QUESTIONS}

#: What the Decide result says after a study's finding: does the rule agree?
VERDICTS = {True: "The rule agrees.", False: "The rule differs here; the entry says why."}


def check_study(study: Study) -> StudyCheck:
    """Run the decision rule on a study's setting and compare it with the finding.

    Args:
        study: One of :data:`STUDIES` (or any :class:`Study`).

    Returns:
        A :class:`StudyCheck`: the recommendation for ``study.answers`` and
        whether its approach is ``study.favours``.

    Raises:
        InputError: (a :class:`ValueError`) if the setting names an unknown
            question or answer, as :func:`calculators.recommend` does.
    """
    recommendation = recommend(study.answers)
    return StudyCheck(study, recommendation, recommendation.approach == study.favours)


def related_studies(recommendation: Recommendation) -> tuple[Study, ...]:
    """The studies whose setting shares the recommendation's deciding answers.

    The deciding answers are those of the rules that fired (the reasons whose
    id is a rule of :data:`calculators.decision.RULES`). A study shares them
    when the same rule fires for its own setting: its answer to each of the
    rule's questions is "yes". A recommendation that no rule decided (a
    default, the next step after prompting, or every need ruled out) shares
    nothing.

    Args:
        recommendation: The result of :func:`calculators.recommend`.

    Returns:
        The studies, the one sharing most fired rules first, ties in
        :data:`STUDIES` order; empty when none shares a fired rule.
    """
    fired = _fired_rules(recommendation)
    shared = {study.id: sum(_fires_for(rule, study) for rule in fired) for study in STUDIES}
    return tuple(sorted((s for s in STUDIES if shared[s.id]), key=lambda s: -shared[s.id]))


def studies_for_rule(rule_id: str) -> tuple[Study, ...]:
    """The studies whose setting the given rule or fallback applies to.

    Args:
        rule_id: A :attr:`calculators.Rule.id` or :attr:`calculators.Fallback.id`
            (the cheat sheet's ``rule-<id>`` rows).

    Returns:
        The studies, in :data:`STUDIES` order, whose recommendation lists
        ``rule_id`` among its reasons; empty for an id no study reaches.
    """
    return tuple(
        study
        for study in STUDIES
        if any(r.rule == rule_id for r in check_study(study).recommendation.reasons)
    )


def render_related_studies(recommendation: Recommendation) -> str:
    """Render "What studies found for cases like yours" for the Decide result.

    Args:
        recommendation: The result of :func:`calculators.recommend`.

    Returns:
        HTML: a heading; one list item per :func:`related_studies` study,
        linking to its entry on the studies page, with the deciding answers
        it shares, its finding and whether the rule agrees with it; or a
        sentence saying that no study shares the deciding answers. Then a
        link to the whole page.
    """
    fired = _fired_rules(recommendation)
    items = "".join(
        f'<li><a href="{STUDIES_URL}#{s.id}">{escape(s.name)}</a> '
        f'<span class="rft-result__answers">({escape(_shared(s, fired))})</span>: '
        f"{escape(s.finding)} {VERDICTS[check_study(s).agrees]}</li>"
        for s in related_studies(recommendation)
    )
    body = (
        f'<ul class="rft-result__studies">{items}</ul>'
        if items
        else '<p class="rft-result__studies-note">No study on the page shares the answers that decided '
        "this result.</p>"
    )
    return (
        '<h3 class="rft-result__h">What studies found for cases like yours</h3>'
        + body
        + f'<p class="rft-result__studies-note"><a href="{STUDIES_URL}">What the studies found</a>: '
        "every study, its setting as Decide answers, and the rule checked against it.</p>"
    )


def _fired_rules(recommendation: Recommendation) -> list[Rule]:
    """The rules of :data:`calculators.decision.RULES` that decided the recommendation."""
    return [_RULES[r.rule] for r in recommendation.reasons if r.rule in _RULES]


def _fires_for(rule: Rule, study: Study) -> bool:
    return all(study.answers.get(key) == "yes" for key in rule.keys)


def _shared(study: Study, fired: list[Rule]) -> str:
    """The deciding answers a study shares, in words: "Your own data: yes"."""
    keys = dict.fromkeys(k for rule in fired if _fires_for(rule, study) for k in rule.keys)
    return "; ".join(f"{_LABELS[k]}: {ANSWER_WORDS['yes']}" for k in keys)
