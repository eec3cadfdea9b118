"""Expected cases for the studies and the Decide result's links to them.

Read by tests/test_studies.py (natively and inside Pyodide) and by the
browser tests (tests/browser/test_engines.py). Every answer the rule reads is
given, so each case keeps its meaning if a later rule adds gates for unsure
answers; the expected studies were worked out by hand from the settings in
calculators/studies.py.
"""

from __future__ import annotations

#: Answers with every question "no", for cases to change one or two of.
ALL_NO = {
    "own_knowledge": "no",
    "changes_often": "no",
    "citations": "no",
    "large_corpus": "no",
    "behaviour": "no",
    "domain_terms": "no",
    "narrow_task": "no",
    "low_latency": "no",
    "high_volume": "no",
    "training_examples": "yes",
    "ml_capacity": "yes",
    "prompting_tried": "yes",
}

#: Every study whose setting answers "Your own data" with yes, in page order.
OWN_DATA_STUDIES = [
    "study-ovadia",
    "study-soudani",
    "study-gekhman",
    "study-finetunebench",
    "study-balaguer",
    "study-raft",
    "study-sturm",
]

#: (case id, answers, the study ids "What studies found for cases like yours"
#: lists, in order). A study shares a fired rule when its setting answers yes
#: to that rule's questions; the one sharing most comes first.
RELATED_CASES: list[tuple[str, dict[str, str], list[str]]] = [
    # Only "Your own data" fires: every study with own data shares it, in page order.
    ("own-data", {**ALL_NO, "own_knowledge": "yes"}, OWN_DATA_STUDIES),
    # Own data that changes often: FineTuneBench shares both fired rules, so it leads.
    (
        "changing-own-data",
        {**ALL_NO, "own_knowledge": "yes", "changes_often": "yes"},
        ["study-finetunebench", *[s for s in OWN_DATA_STUDIES if s != "study-finetunebench"]],
    ),
    # One narrow task, nothing else: RAFT and LoRA Land were both set up that way.
    ("narrow-task", {**ALL_NO, "narrow_task": "yes"}, ["study-raft", "study-loraland"]),
    # Own data and a fixed format (a hybrid): RAFT shares both fired rules.
    (
        "own-data-and-format",
        {**ALL_NO, "own_knowledge": "yes", "behaviour": "yes"},
        ["study-raft", *[s for s in OWN_DATA_STUDIES if s != "study-raft"]],
    ),
    # Citations fire a rule that no study's setting fires.
    ("citations-only", {**ALL_NO, "citations": "yes"}, []),
    # Every need ruled out: no rule fired, so no study shares a deciding answer.
    ("no-need", {**ALL_NO, "prompting_tried": "no"}, []),
]

#: (case id, answers, the study the Decide result must link to, its name on
#: the page): the browser tests open each link from the Decide result.
LINK_CASES: list[tuple[str, dict[str, str], str, str]] = [
    ("narrow-task-to-lora-land", {**ALL_NO, "narrow_task": "yes"}, "study-loraland", "LoRA Land"),
    ("own-data-to-ovadia", {**ALL_NO, "own_knowledge": "yes"}, "study-ovadia", "Ovadia et al."),
]

#: Rule or fallback id -> the studies whose setting it applies to, worked by hand.
STUDIES_BY_RULE: dict[str, list[str]] = {
    "own-knowledge": OWN_DATA_STUDIES,
    "changes-often": ["study-finetunebench"],
    "behaviour": ["study-raft"],
    "narrow-task": ["study-raft", "study-loraland"],
    "hybrid": ["study-raft"],
    "citations": [],
    "high-volume": [],
    "no-need": [],
}
