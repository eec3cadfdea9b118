"""How each cited source is named where a person reads a result.

The guide's list of sources is ``docs/data/sources.csv``; the calculators
run in the browser without it, so the short names they show are written
here once. The build's figure check (``docs/.hooks/figure_check.py``) fails
when a name here differs from the ``short`` column of ``sources.csv``, or
when a rule, gate, fallback, step or caveat cites an id missing here.
"""

from __future__ import annotations

__all__ = ["SOURCE_NAMES", "source_name"]

#: Source id -> its short name, as ``sources.csv`` gives it.
SOURCE_NAMES: dict[str, str] = {
    "hamd": "Hamd",
    "lap": "Learn Agentic Patterns",
    "haink": "Haink",
    "akoode": "Akoode",
    "codegenesis": "Code Genesis",
    "ref-lora": "Hu et al. (LoRA paper)",
    "ref-anthropic-evals": "Anthropic: evaluations",
    "ref-google-mlcc": "Google ML Crash Course",
    "ref-ragas": "Ragas docs",
    "ref-azure-trimming": "Azure AI Search docs",
    "ref-carlini": "Carlini et al.",
    "ref-fireworks-security": "Fireworks AI docs",
    "ref-anthropic-long-context": "Anthropic: long context tips",
    "ref-anthropic-caching": "Anthropic: prompt caching",
    "ref-gemini-caching": "Gemini API: context caching",
    "ref-anthropic-structured-outputs": "Anthropic: structured outputs",
    "ref-vllm-structured-outputs": "vLLM: structured outputs",
    "ref-vllm-serving": "vLLM: serving",
    "ref-azure-hybrid-search": "Azure AI Search: hybrid search",
    "ref-gemini-embeddings": "Gemini API: embeddings",
    "ref-hf-text-classification": "Hugging Face: text classification",
    "ref-frugalgpt": "Chen et al. (FrugalGPT)",
}


def source_name(source_id: str) -> str:
    """The short name of a source, or the id itself when none is listed here."""
    return SOURCE_NAMES.get(source_id, source_id)
