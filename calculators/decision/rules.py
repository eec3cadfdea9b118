"""The rules, the gates and the fallbacks: the cheat sheet's rows, as data.

The rules follow the sources' cheat sheet (Learn Agentic Patterns, ``lap``)
and the other four articles: needs about *knowledge* point to RAG, needs
about *behaviour* to fine-tuning. The gates come before the rules' count
decides, and say what a senior engineer would check first: whether
something simpler already answers the needs, and whether the team can do
the approach now. Their conditions live in :mod:`.engine`, one function
each, in the order of :data:`GATES`.
"""

from __future__ import annotations

from .model import Fallback, Gate, Rule

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
        "a training set or a prompt.",
        ("lap",),
    ),
    Rule(
        "behaviour",
        "behaviour",
        "fine-tuning",
        "A consistent tone, voice or format",
        "Instructions and examples in the prompt, retrieved ones included, shape "
        "behaviour too; where they do not hold it, training makes it the model's "
        "default.",
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
        "A model that needs nothing looked up answers directly, without a search "
        "before each response; when knowledge must be looked up, no model skips it.",
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

#: The behaviour need that only training answers: the fine-tuning half a
#: hybrid needs. Fast inference is not one of them (see the two-halves gate).
TRAINING_HALF: frozenset[str] = frozenset({"behaviour", "domain-terms", "narrow-task", "high-volume"})

#: Needs that instructions and examples in a prompt can meet as a first try
#: (Akoode's sequence starts there): behaviour and terminology written into
#: the prompt, one narrow task with examples, no retrieval step at all.
#: Knowledge can too, when it is small enough to fit (see
#: :func:`calculators.decision.engine.prompt_answers`). High volume cannot:
#: its saving comes from a smaller tuned model (Haink, Akoode).
PROMPT_MEETABLE: frozenset[str] = frozenset(
    {"behaviour", "domain-terms", "narrow-task", "low-latency", "format"}
)

#: Which approaches answer each need besides prompt engineering: the RAG
#: rules' needs RAG and the hybrid, the behaviour needs fine-tuning and the
#: hybrid, fast inference only a model with no retrieval step, and a strict
#: format every approach (structured outputs work with any model).
NEED_ANSWERED_BY: dict[str, frozenset[str]] = {
    "own-knowledge": frozenset({"rag", "hybrid"}),
    "changes-often": frozenset({"rag", "hybrid"}),
    "citations": frozenset({"rag", "hybrid"}),
    "large-corpus": frozenset({"rag", "hybrid"}),
    "behaviour": frozenset({"fine-tuning", "hybrid"}),
    "domain-terms": frozenset({"fine-tuning", "hybrid"}),
    "narrow-task": frozenset({"fine-tuning", "hybrid"}),
    "low-latency": frozenset({"fine-tuning"}),
    "high-volume": frozenset({"fine-tuning"}),
    "format": frozenset({"rag", "fine-tuning", "hybrid"}),
}

#: The need a ``behaviour=format`` answer names: it is no rule, since no
#: training is needed for it.
FORMAT_NEED = "A strict output format (a schema)"

#: The gates, in the order the engine applies them; the first that applies
#: is the result's gate, and every one that applies is among its reasons.
#: Why this order: whether a simpler thing suffices comes before whether the
#: team can build the bigger one (a team that needs no training run should
#: not be told it cannot run one); both come before the two checks that
#: shape what the needs point to, which apply whatever the team.
GATES: tuple[Gate, ...] = (
    Gate(
        "prompt-first",
        "Prompt first",
        "Prompting not tried yet (No or Not sure), and every need you named can be "
        "met in a prompt: behaviour or format written as instructions and examples, "
        "one narrow task, no retrieval step, or knowledge small enough to fit "
        "(a large corpus answered No)",
        "Recommend prompt engineering now; the approach the needs point to becomes "
        "the next step if measured results fall short. Knowledge that is large, "
        "changes often or must be cited keeps RAG.",
        "prompting has not been tried yet or has not fallen short, and every need "
        "you named can be met in a prompt, so measure a prompt before building anything.",
        "Start with {now}; {then} is the next step if measured results fall short.",
        "If measured results fall short on real requests, move to {then}.",
        ("prompting_tried", "large_corpus"),
        ("akoode", "haink", "ref-anthropic-long-context"),
    ),
    Gate(
        "feasible-now",
        "Feasible now",
        "The needs point to fine-tuning or the hybrid, and good training examples "
        "or someone to train and maintain the model (the team, or a managed "
        "service it oversees) is answered No",
        "Recommend what the team can run now: RAG for the hybrid's knowledge half, "
        "prompt engineering for fine-tuning; the result says what would make "
        "training possible and what it would add.",
        "training needs good examples and someone to train and maintain the model, "
        "and {missing}, so start with what the team can run now.",
        "Start with {now}: your needs point to {then}, once the team can run it.",
        "Once {missing_short}, move to {then}: it adds the trained behaviour that "
        "prompts and retrieval do not hold.",
        ("training_examples", "ml_capacity"),
        ("akoode", "hamd"),
    ),
    Gate(
        "two-halves",
        "Hybrid needs two halves",
        "A knowledge need that retrieval answers fires with fast inference as the "
        "only fine-tuning rule: no tone, format, terminology or narrow task",
        "Recommend RAG with latency advice instead of the hybrid: fine-tuning would "
        "not remove the retrieval step, because the knowledge must still be looked up.",
        "your knowledge must be retrieved, and speed is the only behaviour need you "
        "named; a tuned model would still wait for the search, so make retrieval fast instead.",
        "Your answers point to {now}, with retrieval made fast; fine-tuning would not "
        "remove the search.",
        "",
        ("low_latency",),
        ("haink", "hamd", "codegenesis", "akoode"),
    ),
    Gate(
        "format-first",
        "Format before training",
        "The output needs a strict format and nothing else about its behaviour "
        "(Only a strict format)",
        "Point first to structured outputs or constrained decoding, which guarantee "
        "a schema; fine-tuning only where the style, not the schema, drifts.",
        "a strict schema is what structured outputs and constrained decoding "
        "guarantee, and fine-tuning does not, so use them first.",
        "Your answers point to {now}, with structured outputs or constrained decoding "
        "for the format.",
        "",
        ("behaviour",),
        ("ref-anthropic-structured-outputs", "ref-vllm-structured-outputs"),
    ),
)

#: What the feasible-now gate says the team lacks, by question: (in the
#: gate's sentence, in its next step).
MISSING: dict[str, tuple[str, str]] = {
    "training_examples": ("there are no good examples yet", "you have a set of good examples"),
    "ml_capacity": (
        "no one can train and maintain the model yet",
        "someone can train and maintain the model",
    ),
}

#: How the fired rules combine, and what happens when none fires, in the
#: order :func:`calculators.recommend` checks them.
FALLBACKS: tuple[Fallback, ...] = (
    Fallback(
        "hybrid",
        "Rules of both kinds fire: knowledge to retrieve and a behaviour to train",
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
        "No need named yet, but prompting fell short: RAG is the next step to try.",
        ("prompting_tried",),
    ),
    Fallback(
        "prompting-too-costly",
        "No rule fires, and prompting works but costs too much",
        "prompt-engineering",
        "Cut what each request costs before training anything: cache the shared "
        "opening of the prompt, shorten it, or try a smaller model. A tuned model "
        "pays off on one narrow task at high volume, and you named none.",
        ("akoode", "haink", "ref-anthropic-caching"),
        "No need named yet, and prompting works but costs too much: make the prompt "
        "cheaper before training anything.",
        ("prompting_tried",),
    ),
    Fallback(
        "not-sure",
        "No rule fires and some answers are not sure",
        "rag",
        "With nothing pointing anywhere yet, Learn Agentic Patterns' starting point "
        "is RAG: quick to set up, cheap to change, and no retraining when data moves. "
        "Akoode would measure a prompt first; the steps do both.",
        ("lap", "akoode"),
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
