"""The decision rule's gates, each with situations of its own; these also run inside Pyodide.

What a senior engineer checks before counting needs: whether a prompt
already answers them (prompt first), whether the team can run what the
needs point to (feasible now), whether a hybrid has a behaviour half at all
(two halves), and whether a schema, not a style, is the problem (format
before training). Expected answers are written in each test.
"""

from __future__ import annotations

import pytest

from calculators import QUESTIONS, inputs_from_decision, recommend, render_decision

ALL_NO = {q.key: "no" for q in QUESTIONS}
READY = {**ALL_NO, "prompting_tried": "yes", "training_examples": "yes", "ml_capacity": "yes"}


def _gate(result) -> str | None:
    return result.gate.id if result.gate else None


# Prompt first


@pytest.mark.parametrize(
    ("knowledge", "approach", "gate"),
    [
        # One small manual that fits in a prompt: try the prompt first.
        ({"own_knowledge": "yes", "large_corpus": "no"}, "prompt-engineering", "prompt-first"),
        # Its size unknown: it may not fit, so retrieval stays.
        ({"own_knowledge": "yes", "large_corpus": "unsure"}, "rag", None),
        # Small, but answers must cite it: RAG, as Learn Agentic Patterns, Hamd and Haink advise.
        ({"own_knowledge": "yes", "large_corpus": "no", "citations": "yes"}, "rag", None),
        # Small, but it changes faster than anyone would retrain: RAG.
        ({"own_knowledge": "yes", "large_corpus": "no", "changes_often": "yes"}, "rag", None),
        # A large corpus never fits a prompt.
        ({"own_knowledge": "yes", "large_corpus": "yes"}, "rag", None),
    ],
)
def test_prompt_first_keeps_rag_for_knowledge_that_is_large_changing_or_cited(
    knowledge: dict, approach: str, gate: str | None
) -> None:
    """Assert that prompt first takes only knowledge small and stable enough to fit in a prompt."""
    result = recommend({**ALL_NO, "prompting_tried": "unsure", **knowledge})
    assert (result.approach, _gate(result)) == (approach, gate)


def test_prompt_first_puts_the_manual_in_the_prompt_and_stages_rag() -> None:
    """Assert the small-manual result: the gate sentence, the long-context step, RAG as the
    last step if measured results fall short, and no retrieval steps now."""
    result = recommend({**ALL_NO, "own_knowledge": "yes"})
    assert result.headline == "Start with prompt engineering; RAG is the next step if measured results fall short."
    assert result.gate_text.startswith("Prompt first: prompting has not been tried yet")
    assert any(s.startswith("Put the documents in the prompt itself") for s in result.steps)
    assert result.steps[-1] == "If measured results fall short on real requests, move to RAG."
    assert not any(s.startswith("Build retrieval") for s in result.steps)
    html = render_decision(result)
    assert 'data-gate="prompt-first"' in html and 'data-then="rag"' in html


def test_prompt_first_does_not_apply_once_prompting_fell_short() -> None:
    """Assert that a behaviour need after prompting fell short goes to fine-tuning, ungated."""
    result = recommend({**READY, "behaviour": "yes"})
    assert (result.approach, _gate(result), result.then) == ("fine-tuning", None, None)


def test_tags_without_examples_or_trainers_say_what_training_would_need() -> None:
    """Assert that the issue's first situation (tags, no examples, nobody to train, prompting not
    tried) gets prompt engineering with both lacks named as caveats and the cheaper-classifier note."""
    result = recommend({**ALL_NO, "behaviour": "format", "narrow_task": "yes"})
    assert (result.approach, _gate(result), result.then) == ("prompt-engineering", "prompt-first", "fine-tuning")
    caveats = " ".join(result.caveats)
    assert "cannot yet train and maintain adapters" in caveats
    assert "Without a set of good examples" in caveats
    assert "small classifier on embeddings" in caveats and "cascade" in caveats
    assert "RAG" not in caveats  # no RAG need was named, so nothing says RAG can start


# Feasible now


@pytest.mark.parametrize(
    ("lacks", "sentence", "last_step"),
    [
        (
            {"training_examples": "no"},
            "Feasible now: training needs good examples and someone to train and maintain the model, "
            "and your answers say there are no good examples yet, so start with what the team can run now.",
            "Once you have a set of good examples, move to the hybrid of RAG and fine-tuning: it adds "
            "the trained behaviour that prompts and retrieval do not hold.",
        ),
        (
            {"ml_capacity": "no"},
            "Feasible now: training needs good examples and someone to train and maintain the model, "
            "and your answers say no one can train and maintain the model yet, so start with what the "
            "team can run now.",
            "Once someone can train and maintain the model, move to the hybrid of RAG and fine-tuning: it "
            "adds the trained behaviour that prompts and retrieval do not hold.",
        ),
    ],
)
def test_feasible_now_starts_the_knowledge_half_and_names_what_is_missing(
    lacks: dict, sentence: str, last_step: str
) -> None:
    """Assert that a hybrid the team cannot train yet starts as RAG, says what is missing, and ends
    its path with the hybrid once that is there."""
    result = recommend({**READY, "own_knowledge": "yes", "changes_often": "yes", "behaviour": "yes", **lacks})
    assert (result.approach, result.then) == ("rag", "hybrid")
    assert result.gate_text == sentence
    assert result.steps[-1] == last_step
    assert result.headline == "Start with RAG: your needs point to the hybrid of RAG and fine-tuning, once the team can run it."
    assert result.not_chosen["hybrid"].startswith("Not yet: your answers say")


def test_feasible_now_names_both_lacks() -> None:
    """Assert that with neither examples nor people, the sentence names both."""
    result = recommend({**READY, "narrow_task": "yes", "high_volume": "yes",
                        "training_examples": "no", "ml_capacity": "no"})
    assert (result.approach, _gate(result)) == ("prompt-engineering", "feasible-now")
    assert "there are no good examples yet and no one can train and maintain the model yet" in result.gate_text


# Hybrid needs two halves


def test_fast_answers_over_changing_knowledge_stay_rag_with_latency_advice() -> None:
    """Assert that speed with knowledge to retrieve is RAG, says fine-tuning keeps the search,
    and no reason claims fine-tuning supplies a behaviour."""
    result = recommend({**ALL_NO, "own_knowledge": "yes", "changes_often": "yes", "large_corpus": "yes",
                        "low_latency": "yes", "prompting_tried": "unsure"})
    assert (result.approach, _gate(result)) == ("rag", "two-halves")
    assert "hybrid" not in [r.rule for r in result.reasons]
    latency = next(c for c in result.caveats if c.startswith("You need fast answers"))
    assert "would not remove it" in latency and "smaller generator" in latency


def test_a_behaviour_half_makes_the_hybrid_even_with_fast_answers() -> None:
    """Assert that speed plus a real behaviour need over retrieved knowledge is the hybrid,
    still warned that retrieval adds a search."""
    result = recommend({**READY, "own_knowledge": "yes", "low_latency": "yes", "domain_terms": "yes"})
    assert (result.approach, _gate(result)) == ("hybrid", None)
    assert any(c.startswith("You need fast answers") for c in result.caveats)


# Format before training


def test_a_strict_schema_alone_needs_no_training() -> None:
    """Assert that "only a strict format" after prompting fell short is structured outputs, not training."""
    result = recommend({**READY, "behaviour": "format"})
    assert (result.approach, _gate(result)) == ("prompt-engineering", "format-first")
    assert result.steps[0].startswith("Where the output must fit a schema")
    assert not any("LoRA" in s for s in result.steps)


def test_tone_still_trains_but_the_schema_part_goes_to_structured_outputs() -> None:
    """Assert that "yes" to tone, voice or format keeps fine-tuning and adds the structured-outputs step first."""
    result = recommend({**READY, "behaviour": "yes"})
    assert result.approach == "fine-tuning"
    schema = next(i for i, s in enumerate(result.steps) if s.startswith("Where the output must fit a schema"))
    lora = next(i for i, s in enumerate(result.steps) if "LoRA" in s)
    assert schema < lora


# The new answers: too costly, and data that stays on the network


def test_prompt_too_costly_without_a_narrow_task_makes_the_prompt_cheaper() -> None:
    """Assert that a working but costly prompt with no need named is the next step, a cheaper prompt."""
    result = recommend({**ALL_NO, "prompting_tried": "costly"})
    assert (result.approach, result.basis) == ("prompt-engineering", "next-step")
    assert result.steps[0].startswith("Your prompt works but costs too much")
    assert "Prompting tried: yes, good enough but too costly" in render_decision(result)


def test_prompt_too_costly_on_a_narrow_task_at_volume_is_fine_tuning() -> None:
    """Assert that a costly prompt on one narrow task at volume, with a ready team, is fine-tuning."""
    result = recommend({**READY, "prompting_tried": "costly", "narrow_task": "yes", "high_volume": "yes"})
    assert (result.approach, _gate(result)) == ("fine-tuning", None)


def test_data_on_your_network_rules_out_hosted_services() -> None:
    """Assert that "data stays on your network" swaps the managed-service step and the hosted-model
    caveat for in-house ones, and adds the own-network caveat."""
    hosted = recommend({**READY, "behaviour": "yes", "ml_capacity": "unsure"})
    onsite = recommend({**READY, "behaviour": "yes", "ml_capacity": "unsure", "own_network": "yes"})
    assert any("managed fine-tuning service." in s for s in hosted.steps)
    assert not any("or a managed fine-tuning service" in s for s in onsite.steps)
    assert any("would take the training data off your network" in s for s in onsite.steps)
    assert any("hosted base model is updated" in c for c in hosted.caveats)
    assert not any("hosted base model" in c for c in onsite.caveats)
    assert any(c.startswith("Your data must stay on your network") for c in onsite.caveats)
    assert "../serving-open-models/" in render_decision(onsite)


def test_data_on_your_network_carries_into_the_cost_estimator_as_self_hosted_serving() -> None:
    """Assert that the Cost estimator gets self-hosted models and a self-run vector store from a
    "yes", and nothing from a "no"."""
    assert inputs_from_decision({"own_network": "yes"}) == {
        "ft_serving": "self-hosted", "rag_serving": "self-hosted", "embedding_serving": "self-hosted",
        "vector_store": "self-run",
    }
    assert inputs_from_decision({"own_network": "no"}) == {}


# Details the first mutation run showed untested


@pytest.mark.parametrize(
    ("answers", "state"),
    [
        ({"high_volume": "yes", "narrow_task": "yes"}, "fires"),
        ({"high_volume": "yes", "narrow_task": "unsure"}, "open"),
        ({"high_volume": "unsure", "narrow_task": "unsure"}, "open"),
        ({"high_volume": "yes", "narrow_task": "no"}, "ruled-out"),
        ({"high_volume": "no", "narrow_task": "unsure"}, "ruled-out"),
    ],
)
def test_a_rule_fires_stays_open_or_is_ruled_out(answers: dict, state: str) -> None:
    """Assert the three states of the high-volume rule, which reads two questions."""
    from calculators import RULES

    rule = next(r for r in RULES if r.id == "high-volume")
    assert rule.state(answers) == state


def test_a_definite_answer_other_than_yes_rules_a_rule_out() -> None:
    """Assert that "Only a strict format" rules the behaviour rule out, as a "no" would."""
    from calculators import RULES

    rule = next(r for r in RULES if r.id == "behaviour")
    assert [rule.state({"behaviour": a}) for a in ("yes", "format", "no", "unsure")] == [
        "fires", "ruled-out", "ruled-out", "open"]


def test_a_gate_that_stages_training_comes_before_format_first() -> None:
    """Assert the gates' precedence: a strict format with a narrow task at volume that nobody can
    train yet is a feasible-now result, with format-first among its reasons after it."""
    result = recommend({**READY, "behaviour": "format", "narrow_task": "yes", "high_volume": "yes",
                        "ml_capacity": "no"})
    assert (result.approach, _gate(result), result.then) == ("prompt-engineering", "feasible-now", "fine-tuning")
    gates = [r for r in result.reasons if r.kind == "gate"]
    assert [r.rule for r in gates] == ["feasible-now", "format-first"]
    assert gates[0].because == (
        "training needs good examples and someone to train and maintain the model, and your answers "
        "say no one can train and maintain the model yet, so start with what the team can run now."
    )
    assert gates[0].answers == (("ml_capacity", "no"),)


def test_a_format_alone_is_format_first_even_untried() -> None:
    """Assert that a strict format with no rule fired is format-first, not prompt-first, whether or
    not prompting was tried: the format alone names no rule a prompt must be tried against."""
    for tried in ("no", "unsure", "yes"):
        result = recommend({**ALL_NO, "behaviour": "format", "prompting_tried": tried})
        assert (result.approach, _gate(result)) == ("prompt-engineering", "format-first"), tried


def test_prompt_first_shows_the_answers_it_read() -> None:
    """Assert the prompt-first reason names prompting, and the corpus size only when knowledge is a need."""
    knowledge = recommend({**ALL_NO, "own_knowledge": "yes"})
    behaviour = recommend({**ALL_NO, "behaviour": "yes"})
    assert next(r for r in knowledge.reasons if r.kind == "gate").answers == (
        ("prompting_tried", "no"), ("large_corpus", "no"))
    assert next(r for r in behaviour.reasons if r.kind == "gate").answers == (("prompting_tried", "no"),)


def test_a_staged_training_step_shows_what_to_prepare() -> None:
    """Assert that prompt first, with fine-tuning staged and neither examples nor people, lists
    the baseline, then curating examples and securing people, then the staged step."""
    steps = recommend({**ALL_NO, "narrow_task": "yes"}).steps
    assert [s.split(":")[0].split(",")[0] for s in steps] == [
        "Start with prompt engineering on a capable general model",
        "Before any training run",
        "Before any training run",
        "Come back to this page if answers start to need your own documents (RAG) or a behaviour that prompts cannot hold (fine-tuning).",
        "If measured results fall short on real requests",
    ]
    assert "curate consistent" in steps[1] and "secure the capacity" in steps[2]
    assert steps[-1] == "If measured results fall short on real requests, move to fine-tuning."


def test_feasible_now_with_both_lacks_names_both_in_its_last_step() -> None:
    """Assert the staged step when both examples and people are missing, written out."""
    result = recommend({**READY, "narrow_task": "yes", "high_volume": "yes",
                        "training_examples": "no", "ml_capacity": "no"})
    assert result.steps[-1] == (
        "Once you have a set of good examples and someone can train and maintain the model, move to "
        "fine-tuning: it adds the trained behaviour that prompts and retrieval do not hold."
    )


@pytest.mark.parametrize(
    ("answers", "not_chosen"),
    [
        # Prompt first on a behaviour need: fine-tuning is the staged step, the hybrid merely as high.
        ({**ALL_NO, "behaviour": "yes"}, {
            "fine-tuning": "The next step if a measured prompt falls short; a prompt can meet these needs first.",
            "hybrid": "It answers no need that prompt engineering leaves out."}),
        # RAG over changing docs: the hybrid answers the same needs, and nothing more.
        ({**READY, "own_knowledge": "yes", "changes_often": "yes"}, {
            "hybrid": "It answers no need that RAG leaves out."}),
        # Two halves: own data and speed, one need each for RAG, fine-tuning and the hybrid; the
        # hybrid would keep the search, and fine-tuning leaves the data out.
        ({**READY, "own_knowledge": "yes", "low_latency": "yes"}, {
            "fine-tuning": "It leaves out: Answers must come from your own data.",
            "hybrid": "A tuned model would still wait for the retrieval step, and no need you named calls for training."}),
        # The hybrid for own data plus a narrow task at speed and volume: fine-tuning answers more
        # of the needs (three of four) but leaves out the data.
        ({**READY, "own_knowledge": "yes", "narrow_task": "yes", "high_volume": "yes", "low_latency": "yes"}, {
            "fine-tuning": "It leaves out: Answers must come from your own data."}),
        # The same with changing knowledge: five needs, three each for the hybrid and fine-tuning.
        ({**READY, "own_knowledge": "yes", "changes_often": "yes", "narrow_task": "yes",
          "high_volume": "yes", "low_latency": "yes"}, {
            "fine-tuning": "It leaves out: Answers must come from your own data; Knowledge changes often."}),
    ],
)
def test_why_an_approach_as_high_was_not_chosen(answers: dict, not_chosen: dict) -> None:
    """Assert, written out, why each approach that reads as high as the recommendation lost."""
    assert recommend(answers).not_chosen == not_chosen


def test_headlines_for_no_need_and_the_default_written_out() -> None:
    """Assert the two headlines that stand without a gate or a need."""
    assert recommend(ALL_NO).headline == (
        "Your answers rule out every need the rules know: start with prompt engineering.")
    assert recommend({}).headline == (
        "A default, not a finding: no answer points to an approach yet, so start with RAG, as "
        "Learn Agentic Patterns advises when unsure.")


def test_fallback_reasons_name_the_answers_they_read() -> None:
    """Assert which answers the hybrid and no-need reasons show, and that they are rule rows."""
    hybrid = recommend({**READY, "citations": "yes", "behaviour": "yes"}).reasons[-1]
    assert (hybrid.rule, hybrid.kind, hybrid.answers) == ("hybrid", "rule", (("citations", "yes"), ("behaviour", "yes")))
    assert hybrid.sources == ("haink", "akoode", "hamd")
    no_need = recommend(ALL_NO).reasons[-1]
    assert no_need.rule == "no-need" and len(no_need.answers) == 9 and set(dict(no_need.answers).values()) == {"no"}
    assert no_need.sources == ("akoode",)


def test_input_error_messages_written_out() -> None:
    """Assert the two messages a wrong shape of input gets."""
    from calculators import InputError

    with pytest.raises(InputError) as not_a_mapping:
        recommend(["behaviour"])
    assert str(not_a_mapping.value) == "answers: expected a mapping of question key to answer"
    with pytest.raises(InputError) as unknown:
        recommend({"colour": "yes"})
    assert str(unknown.value) == (
        "colour: unknown question; allowed keys: own_knowledge, changes_often, citations, large_corpus, "
        "behaviour, domain_terms, narrow_task, low_latency, high_volume, training_examples, ml_capacity, "
        "own_network, prompting_tried"
    )


def test_a_question_words_only_its_own_answers() -> None:
    """Assert that a question words its own answers and refuses another's."""
    from calculators import QUESTIONS

    prompting = next(q for q in QUESTIONS if q.key == "prompting_tried")
    assert prompting.words("yes") == "yes, not good enough"
    with pytest.raises(KeyError):
        prompting.words("format")
