"""The steps and caveats each recommendation can show, as data."""

from __future__ import annotations

from .model import APPROACHES, RETRIEVES, TRAINS, Advice

_ALL = frozenset(APPROACHES)
_PROMPT = frozenset({"prompt-engineering"})
_NOT_TRIED = ("no", "unsure")
_NOT_YES = ("no", "unsure")
#: Data may leave the network (anything but a "yes" to own_network).
_MAY_LEAVE = ("own_network", ("no", "unsure"))
_STAYS = ("own_network", ("yes",))

#: The ordered path to each approach. A team without training examples or ML
#: capacity gets the preparation steps before any training run.
STEPS: tuple[Advice, ...] = (
    Advice(
        "prompt-baseline",
        _ALL,
        (("prompting_tried", _NOT_TRIED),),
        "Start with prompt engineering on a capable general model: clear "
        "instructions and a few examples. Measure it on real requests as a baseline.",
        ("akoode",),
    ),
    Advice(
        "cut-prompt-cost",
        _ALL,
        (("prompting_tried", ("costly",)),),
        "Your prompt works but costs too much: cache the fixed opening it repeats, "
        "shorten it, or try a smaller model, and price each option on the Cost "
        "estimator for your volume before you pay for a training run.",
        ("ref-anthropic-caching", "akoode"),
    ),
    Advice(
        "structured-outputs",
        _ALL,
        (("behaviour", ("yes", "format")),),
        "Where the output must fit a schema (JSON fields, a fixed set of labels, a "
        "report's sections), turn on structured outputs or constrained decoding: "
        "the provider or your serving engine then guarantees the schema, which no "
        "amount of training does. Train only for a style that still drifts.",
        ("ref-anthropic-structured-outputs", "ref-vllm-structured-outputs"),
    ),
    Advice(
        "knowledge-in-prompt",
        _PROMPT,
        (("own_knowledge", ("yes",)), ("large_corpus", ("no",))),
        "Put the documents in the prompt itself, documents first and question last; "
        "prompt caching cuts the cost of sending the same material with every request.",
        ("ref-anthropic-long-context", "ref-anthropic-caching"),
    ),
    Advice(
        "build-rag",
        RETRIEVES,
        (),
        "Build retrieval: index your documents by keyword (BM25), by embeddings in "
        "a vector database, or both, and retrieve the best passages for each query. "
        "A keyword index needs no embedding model and is often the cheaper start.",
        ("akoode", "lap", "ref-azure-hybrid-search"),
    ),
    Advice(
        "keep-index-fresh",
        RETRIEVES,
        (),
        "Evaluate retrieval quality, and update the index whenever the documents change.",
        ("lap", "haink", "ref-ragas"),
    ),
    Advice(
        "curate-examples",
        TRAINS,
        (("training_examples", _NOT_YES),),
        "Before any training run, curate consistent, high-quality "
        "prompt/completion pairs that show the behaviour you want; quality "
        "matters more than count.",
        ("akoode",),
        also_next=True,
    ),
    Advice(
        "secure-ml-capacity",
        TRAINS,
        (("ml_capacity", _NOT_YES), _MAY_LEAVE),
        "Before any training run, secure the capacity to train, evaluate and "
        "maintain adapters: people on the team, or a managed fine-tuning service.",
        ("akoode",),
        also_next=True,
    ),
    Advice(
        "secure-ml-capacity-in-house",
        TRAINS,
        (("ml_capacity", _NOT_YES), _STAYS),
        "Before any training run, secure people on the team who can train, evaluate "
        "and maintain adapters on your own GPUs: a managed fine-tuning service would "
        "take the training data off your network.",
        ("akoode", "ref-fireworks-security"),
        also_next=True,
    ),
    Advice(
        "fine-tune-lora",
        TRAINS,
        (),
        "Fine-tune with a parameter-efficient method such as LoRA, and compare "
        "the adapter with the baseline on a held-out evaluation set.",
        ("akoode", "ref-google-mlcc"),
    ),
    Advice(
        "revalidate",
        TRAINS,
        (),
        "Version each adapter, keep a rollback plan, and revalidate every "
        "quarter and whenever the base model changes.",
        ("akoode",),
    ),
    Advice(
        "revisit",
        _PROMPT,
        (),
        "Come back to this page if answers start to need your own documents "
        "(RAG) or a behaviour that prompts cannot hold (fine-tuning).",
        ("akoode",),
    ),
)

#: What to watch on the way, shown under the steps.
CAVEATS: tuple[Advice, ...] = (
    Advice(
        "no-ml-capacity",
        TRAINS,
        (("ml_capacity", ("no",)),),
        "Your team cannot yet train and maintain adapters: fine-tuning needs ML "
        "skills that many product teams lack.",
        ("akoode",),
        also_next=True,
    ),
    Advice(
        "no-examples",
        TRAINS,
        (("training_examples", ("no",)),),
        "Without a set of good examples, training has nothing reliable to learn "
        "from: by Akoode's account, a thousand consistent pairs beat ten times as "
        "many inconsistent ones.",
        ("akoode", "hamd"),
        also_next=True,
    ),
    Advice(
        "own-network",
        _ALL,
        (_STAYS,),
        "Your data must stay on your network, so every model that reads it runs on "
        "GPUs you control: the generator, and for RAG the embedding model. Hosted "
        "model APIs and managed fine-tuning services are out; an open-weight model "
        "behind a serving engine such as vLLM is the usual way.",
        ("ref-vllm-serving", "ref-fireworks-security"),
    ),
    Advice(
        "cheaper-classifiers",
        frozenset({"prompt-engineering", "fine-tuning", "hybrid"}),
        (("narrow_task", ("yes",)),),
        "For a fixed set of labels, a tuned generative model is not the only trained "
        "answer: a small classifier on embeddings, or a fine-tuned encoder model, "
        "is a far smaller model to serve, and a cascade sends only the cases a cheap "
        "model is unsure of to the large one.",
        ("ref-gemini-embeddings", "ref-hf-text-classification", "ref-frugalgpt"),
        also_next=True,
    ),
    Advice(
        "adapter-maintenance",
        TRAINS,
        (_MAY_LEAVE,),
        "Adapters carry a running cost: versioning, rollback, retraining, and "
        "drift when a hosted base model is updated. Over a year the total runs "
        "to several times the training compute.",
        ("akoode",),
    ),
    Advice(
        "adapter-maintenance-in-house",
        TRAINS,
        (_STAYS,),
        "Adapters carry a running cost: versioning, rollback, retraining, and a "
        "revalidation each time you upgrade the open base model under them. Over a "
        "year the total runs to several times the training compute.",
        ("akoode",),
    ),
    Advice(
        "data-preparation",
        RETRIEVES,
        (),
        "Budget for data preparation: chunking, embedding and indexing documents "
        "well takes more engineering time than most teams expect.",
        ("akoode",),
    ),
    Advice(
        "retrieval-latency",
        RETRIEVES,
        (("low_latency", ("yes",)),),
        "You need fast answers, and retrieval adds a search before each one. A tuned "
        "model would not remove it, since the knowledge still has to be looked up: "
        "make the search fast instead (a smaller generator, cached answers to "
        "frequent questions, an index tuned for speed) and measure the end-to-end "
        "latency early.",
        ("lap", "codegenesis", "akoode"),
    ),
)
