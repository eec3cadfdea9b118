"""The decision form's questions: the single source of the Decide page's form.

Keys and answer values never change meaning once published: links already
shared carry them. A new distinction is a new key (``own_network``) or a new
value (``behaviour=format``, ``prompting_tried=costly``).
"""

from __future__ import annotations

from .model import YES_NO_UNSURE, Choice, Question

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
        "Does that knowledge change faster than you could sensibly retrain a model?",
        "Yes if documents, prices or policies change more often than a tuned model "
        "could be retrained, checked and shipped again to keep up: weekly changes "
        "certainly (Code Genesis calls RAG the practical choice then), and monthly "
        "ones for most teams, since Akoode budgets a check of a tuned model every "
        "quarter on top of each run. No if it changes once or twice a year.",
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
        "single prompt. No if it would fit in one prompt, such as one manual.",
        "knowledge",
    ),
    Question(
        "behaviour",
        "Tone, voice or format",
        "Do you need a consistent tone, voice or output format that prompting alone does not hold?",
        "Yes if the brand voice slips or the style drifts however the prompt is "
        "worded. If only the structure breaks (JSON fields, a fixed set of labels, "
        "a report's sections), choose \u201cOnly a strict format\u201d: structured "
        "outputs and constrained decoding guarantee a schema, which training does not.",
        "behaviour",
        choices=(
            Choice("yes", "Yes", "yes"),
            Choice("format", "Only a strict format (a schema)", "only a strict format"),
            Choice("no", "No", "no"),
            Choice("unsure", "Not sure", "not sure"),
        ),
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
        "generation is too slow. Knowledge that must stay current still needs "
        "that search, whatever the model.",
        "behaviour",
    ),
    Question(
        "high_volume",
        "High request volume",
        "Is the request volume high enough that a smaller specialised model would pay off?",
        "Yes if, for your traffic and prompt, serving a smaller tuned model comes "
        "out cheaper than a large general one. Not sure? The Cost estimator finds "
        "the break-even for your numbers. It counts only for one narrow task: "
        "that is where the sources place the saving.",
        "behaviour",
        link=("../cost-estimator/", "Find the break-even on the Cost estimator"),
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
        "Yes if someone can run training jobs, build evaluation sets and retrain "
        "when the base model changes, whether on the team or through a managed "
        "fine-tuning service the team can oversee.",
        "team",
    ),
    Question(
        "own_network",
        "Data stays on your network",
        "Must every prompt, document and answer stay on your own network?",
        "Yes if rules or contracts forbid sending the data to an outside provider, "
        "even one that keeps nothing: then the model, and for RAG the embedding "
        "model, run on GPUs you control, and managed fine-tuning is out.",
        "team",
        link=("../serving-open-models/", "Serving an open-weight model on your own GPUs"),
    ),
    Question(
        "prompting_tried",
        "Prompting tried",
        "Has prompt engineering alone been tried, and did it fall short?",
        "Careful instructions and examples in the prompt, measured on real "
        "requests. Choose \u201ctoo costly\u201d if the answers were good but each "
        "request costs too much at your volume; No if prompting has not been "
        "tried yet, or works well enough.",
        "team",
        choices=(
            Choice("yes", "Yes: not good enough", "yes, not good enough"),
            Choice("costly", "Yes: good, but too costly", "yes, good enough but too costly"),
            *YES_NO_UNSURE[1:],
        ),
    ),
)
