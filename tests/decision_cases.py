"""Expected cases shared by every test level.

The native tests, the same tests run inside Pyodide, and the browser tests all
read these tables, so one set of expectations is checked three ways. Each case
is a situation a team could bring, with the answer a senior ML engineer would
give them and, in a comment, why. The first nine come from situations the
source articles describe; the rest are the situations the rule once got wrong
or that readers brought (issue 24), one or more per gate.

The expected values are written here by hand, never computed from
``calculators``: a change to the rule that changes an answer must change a
case on purpose.
"""

from __future__ import annotations

#: Every need-question answered "no": the start of a situation that names only some needs.
_NO_NEEDS = {
    "own_knowledge": "no",
    "changes_often": "no",
    "citations": "no",
    "large_corpus": "no",
    "behaviour": "no",
    "domain_terms": "no",
    "narrow_task": "no",
    "low_latency": "no",
    "high_volume": "no",
}

#: (case id, answers, expected approach). Unlisted answers are "unsure".
DECISION_CASES: list[tuple[str, dict[str, str], str]] = [
    (
        # Learn Agentic Patterns and Haink: changing product docs that must be
        # cited. Knowledge that changes and must be cited needs retrieval,
        # whatever the team has tried.
        "support-assistant-changing-docs",
        {
            "own_knowledge": "yes",
            "changes_often": "yes",
            "citations": "yes",
            "behaviour": "no",
            "domain_terms": "no",
            "narrow_task": "no",
            "low_latency": "no",
            "high_volume": "no",
        },
        "rag",
    ),
    (
        # Haink and Hamd: the same assistant must also keep a strict brand
        # voice that prompts did not hold, and the team can train: both halves.
        "support-assistant-with-brand-voice",
        {
            "own_knowledge": "yes",
            "changes_often": "yes",
            "citations": "yes",
            "behaviour": "yes",
            "training_examples": "yes",
            "ml_capacity": "yes",
            "prompting_tried": "yes",
        },
        "hybrid",
    ),
    (
        # Learn Agentic Patterns: a fixed output format on one narrow task
        # that must answer fast. Nobody has tried a prompt yet, and all three
        # needs can be written into one (instructions, examples, a schema), so
        # measure that first; fine-tuning is the next step if it falls short.
        "narrow-classifier",
        {
            "own_knowledge": "no",
            "changes_often": "no",
            "citations": "no",
            "large_corpus": "no",
            "behaviour": "yes",
            "narrow_task": "yes",
            "low_latency": "yes",
        },
        "prompt-engineering",
    ),
    # Akoode: nothing beyond what a general model already does.
    ("general-model-is-enough", dict(_NO_NEEDS), "prompt-engineering"),
    # Learn Agentic Patterns: "not sure" means start with RAG; a default, not a finding.
    ("everything-unsure", {}, "rag"),
    (
        # Akoode: a legal assistant that must use the firm's terminology and
        # draw on current case law; examples and people exist.
        "legal-assistant-terminology-and-case-law",
        {
            "own_knowledge": "yes",
            "changes_often": "yes",
            "citations": "yes",
            "large_corpus": "yes",
            "domain_terms": "yes",
            "training_examples": "yes",
            "ml_capacity": "yes",
        },
        "hybrid",
    ),
    (
        # Akoode: a small model for one classification task at high volume,
        # after prompting fell short; the team can train.
        "high-volume-classifier",
        {
            "own_knowledge": "no",
            "changes_often": "no",
            "citations": "no",
            "large_corpus": "no",
            "narrow_task": "yes",
            "high_volume": "yes",
            "training_examples": "yes",
            "ml_capacity": "yes",
            "prompting_tried": "yes",
        },
        "fine-tuning",
    ),
    (
        # Haink and Akoode tie the per-request saving to one narrow task: a live
        # knowledge assistant with heavy traffic is still a RAG case.
        "knowledge-assistant-high-traffic",
        {
            "own_knowledge": "yes",
            "changes_often": "yes",
            "citations": "yes",
            "behaviour": "no",
            "domain_terms": "no",
            "narrow_task": "no",
            "low_latency": "no",
            "high_volume": "yes",
        },
        "rag",
    ),
    (
        # Akoode: prompts tried and found wanting, no need named: add RAG next.
        "prompting-fell-short",
        {**_NO_NEEDS, "prompting_tried": "yes"},
        "rag",
    ),
    (
        # Prompting tried and found wanting, every other answer left at "not
        # sure": the answer is the next step after prompting, not the default
        # for a team that has told us nothing (a mutation once swapped the two).
        "prompting-fell-short-rest-unsure",
        {"prompting_tried": "yes"},
        "rag",
    ),
    (
        # Issue 24, situation 1: a fixed set of tags at low volume, no examples,
        # nobody to train, prompting never tried. No source would train a model
        # here: write the tags into a prompt with a schema, and only then,
        # with examples and someone to train, consider fine-tuning.
        "tags-without-examples-or-trainers",
        {
            **_NO_NEEDS,
            "behaviour": "format",
            "narrow_task": "yes",
            "training_examples": "no",
            "ml_capacity": "no",
            "prompting_tried": "no",
        },
        "prompt-engineering",
    ),
    (
        # Issue 24, situation 2: one small, stable manual, no citations. It fits
        # in a prompt, so it needs no index yet (long-context prompting); RAG
        # comes if a measured prompt falls short.
        "small-stable-manual",
        {**_NO_NEEDS, "own_knowledge": "yes"},
        "prompt-engineering",
    ),
    (
        # Issue 24, situation 3: a large code base that changes daily and must
        # answer fast. The knowledge must be retrieved, so a tuned model would
        # still wait for the search: RAG, with retrieval made fast, not the hybrid.
        "code-base-changing-daily-answered-fast",
        {**_NO_NEEDS, "own_knowledge": "yes", "changes_often": "yes", "large_corpus": "yes", "low_latency": "yes"},
        "rag",
    ),
    (
        # Reader 1: an insurer's manager, four thousand policy PDFs that change
        # every month, answers must cite the policy, no ML engineer. Monthly
        # change is faster than a tuned model could sensibly follow: RAG, and
        # the missing ML skills do not matter for it.
        "insurer-policy-pdfs",
        {
            **_NO_NEEDS,
            "own_knowledge": "yes",
            "changes_often": "yes",
            "citations": "yes",
            "large_corpus": "yes",
            "domain_terms": "unsure",
            "training_examples": "no",
            "ml_capacity": "no",
        },
        "rag",
    ),
    (
        # Reader 2: an ML lead classifying eight million reviews a month into
        # twelve labels; a prompt gets them right but costs too much at that
        # volume, and labelled reviews and people to train exist. A small tuned
        # model pays off there (Akoode, Haink); the labels themselves are a
        # schema that structured outputs keep, and a classifier on embeddings
        # or a cascade may be cheaper still (the caveat says so).
        "review-classifier-at-volume",
        {
            **_NO_NEEDS,
            "behaviour": "format",
            "narrow_task": "yes",
            "high_volume": "yes",
            "training_examples": "yes",
            "ml_capacity": "yes",
            "prompting_tried": "costly",
        },
        "fine-tuning",
    ),
    (
        # Reader 3: a hospital platform engineer; clinical guidelines that
        # change and must be cited, medical terms the model misreads, examples
        # and people exist, and all data must stay on the hospital's network.
        # Both halves are there: the hybrid, served on the hospital's own GPUs.
        "hospital-data-on-own-network",
        {
            "own_knowledge": "yes",
            "changes_often": "yes",
            "citations": "yes",
            "large_corpus": "yes",
            "domain_terms": "yes",
            "training_examples": "yes",
            "ml_capacity": "yes",
            "own_network": "yes",
            "prompting_tried": "yes",
        },
        "hybrid",
    ),
    (
        # A support assistant over changing docs whose voice prompts do not
        # hold, but no examples to train on yet: retrieval can start now, and
        # the voice waits for a set of good examples (Hamd, Akoode).
        "brand-voice-without-examples",
        {
            **_NO_NEEDS,
            "own_knowledge": "yes",
            "changes_often": "yes",
            "behaviour": "yes",
            "training_examples": "no",
            "ml_capacity": "yes",
            "prompting_tried": "yes",
        },
        "rag",
    ),
    (
        # A narrow task at high volume where prompting fell short, but nobody can
        # train a model: keep improving the prompt now; fine-tuning waits for
        # someone to run it.
        "classifier-at-volume-without-trainers",
        {
            **_NO_NEEDS,
            "narrow_task": "yes",
            "high_volume": "yes",
            "training_examples": "yes",
            "ml_capacity": "no",
            "prompting_tried": "yes",
        },
        "prompt-engineering",
    ),
    (
        # A report generator whose JSON layout breaks now and then, and nothing
        # else wrong with it: structured outputs guarantee the schema, training
        # does not, so no training run.
        "json-report-schema-breaks",
        {**_NO_NEEDS, "behaviour": "format", "prompting_tried": "yes"},
        "prompt-engineering",
    ),
    (
        # An internal assistant whose prompt works but costs too much, with no
        # narrow task and no knowledge to add: make the prompt cheaper first
        # (caching, a shorter prompt, a smaller model); no need points to training.
        "prompt-good-but-costly",
        {**_NO_NEEDS, "prompting_tried": "costly"},
        "prompt-engineering",
    ),
]

#: Case id -> what the recommendation rests on (calculators.BASES):
#: the answers, the next step after prompting, or a default.
DECISION_BASIS: dict[str, str] = {
    "support-assistant-changing-docs": "answers",
    "support-assistant-with-brand-voice": "answers",
    "narrow-classifier": "answers",
    "general-model-is-enough": "answers",
    "everything-unsure": "default",
    "legal-assistant-terminology-and-case-law": "answers",
    "high-volume-classifier": "answers",
    "knowledge-assistant-high-traffic": "answers",
    "prompting-fell-short": "next-step",
    "prompting-fell-short-rest-unsure": "next-step",
    "tags-without-examples-or-trainers": "answers",
    "small-stable-manual": "answers",
    "code-base-changing-daily-answered-fast": "answers",
    "insurer-policy-pdfs": "answers",
    "review-classifier-at-volume": "answers",
    "hospital-data-on-own-network": "answers",
    "brand-voice-without-examples": "answers",
    "classifier-at-volume-without-trainers": "answers",
    "json-report-schema-breaks": "answers",
    "prompt-good-but-costly": "next-step",
}

#: Case id -> (the gate that set the approach, the staged next step), each
#: ``None`` when there is none (calculators.GATES ids, calculators.APPROACHES).
DECISION_GATE: dict[str, tuple[str | None, str | None]] = {
    "support-assistant-changing-docs": (None, None),
    "support-assistant-with-brand-voice": (None, None),
    "narrow-classifier": ("prompt-first", "fine-tuning"),
    "general-model-is-enough": (None, None),
    "everything-unsure": (None, None),
    "legal-assistant-terminology-and-case-law": (None, None),
    "high-volume-classifier": (None, None),
    "knowledge-assistant-high-traffic": (None, None),
    "prompting-fell-short": (None, None),
    "prompting-fell-short-rest-unsure": (None, None),
    "tags-without-examples-or-trainers": ("prompt-first", "fine-tuning"),
    "small-stable-manual": ("prompt-first", "rag"),
    "code-base-changing-daily-answered-fast": ("two-halves", None),
    "insurer-policy-pdfs": (None, None),
    "review-classifier-at-volume": ("format-first", None),
    "hospital-data-on-own-network": (None, None),
    "brand-voice-without-examples": ("feasible-now", "hybrid"),
    "classifier-at-volume-without-trainers": ("feasible-now", "fine-tuning"),
    "json-report-schema-breaks": ("format-first", None),
    "prompt-good-but-costly": (None, None),
}
