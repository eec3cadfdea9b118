"""Expected cases shared by every test level.

The native tests, the same tests run inside Pyodide, and the browser tests all
read these tables, so one set of expectations is checked three ways. Each case
is drawn from a situation the source articles describe.
"""

from __future__ import annotations

#: (case id, answers, expected approach). Unlisted answers are "unsure".
DECISION_CASES: list[tuple[str, dict[str, str], str]] = [
    (
        # Learn Agentic Patterns and Haink: changing product docs that must be cited.
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
        # Haink: the same assistant must also keep a strict brand voice.
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
        # Learn Agentic Patterns: a fixed output format on one narrow task.
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
        "fine-tuning",
    ),
    (
        # Akoode: nothing beyond what a general model already does.
        "general-model-is-enough",
        {
            "own_knowledge": "no",
            "changes_often": "no",
            "citations": "no",
            "large_corpus": "no",
            "behaviour": "no",
            "domain_terms": "no",
            "narrow_task": "no",
            "low_latency": "no",
            "high_volume": "no",
        },
        "prompt-engineering",
    ),
    # Learn Agentic Patterns: "not sure" means start with RAG.
    ("everything-unsure", {}, "rag"),
    (
        # Akoode: a legal assistant that must use the firm's terminology and
        # draw on current case law.
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
        # Akoode: a small model for one classification task at high volume.
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
        # Akoode: prompts tried and found wanting, no need named yet: add RAG next.
        "prompting-fell-short",
        {
            "own_knowledge": "no",
            "changes_often": "no",
            "citations": "no",
            "large_corpus": "no",
            "behaviour": "no",
            "domain_terms": "no",
            "narrow_task": "no",
            "low_latency": "no",
            "high_volume": "no",
            "prompting_tried": "yes",
        },
        "rag",
    ),
]

#: Case id -> what the recommendation rests on (calculators.decision.BASES):
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
}
