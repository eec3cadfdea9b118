"""The bridge between the browser and the calculators: JSON in, JSON out.

The Pyodide worker passes each request as one JSON string and gets one JSON
string back, so no Python object ever crosses into JavaScript and nothing
needs to be freed.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .cost import DECISION_ADJUSTMENTS, estimate_cost, estimate_with_answers, inputs_from_decision, inputs_with_answers
from .decision import recommend
from .errors import InputError
from .render import render_cost, render_decision

if TYPE_CHECKING:  # at run time the scenarios module loads only when scenarios are pinned
    from .scenarios import ScenarioComparison

__all__ = ["handle"]


def _compared(items: Any, answers: Any = None) -> ScenarioComparison:
    """:func:`calculators.scenarios.compare_scenarios` of ``items``, kept for repeats.

    Pinned scenarios do not depend on the form's inputs, yet the Cost page
    asks for them with every recompute (the chart's overlay) and again for
    the table and the record: the same few lists come back, so their
    estimates are made once. Anything but a list of strings goes straight
    to ``compare_scenarios``, which names what is wrong with it.
    """
    plain = isinstance(answers, dict) and all(isinstance(v, str) for v in answers.values())
    if isinstance(items, list) and all(isinstance(item, str) for item in items) and (answers is None or plain):
        return _compared_texts(tuple(items), tuple(sorted(answers.items())) if answers is not None else None)
    from .scenarios import compare_scenarios  # on demand: only with pinned scenarios

    return compare_scenarios(items, answers)


@lru_cache(maxsize=8)
def _compared_texts(items: tuple[str, ...], answers: tuple[tuple[str, str], ...] | None) -> ScenarioComparison:
    from .scenarios import compare_scenarios  # on demand: only with pinned scenarios

    return compare_scenarios(list(items), dict(answers) if answers is not None else None)


def handle(request_json: str) -> str:
    """Answer one request from the page.

    Args:
        request_json: ``{"call": "decide" | "cost", "args": {key: value}}`` as
            JSON; ``args`` are :func:`calculators.recommend`'s answers or
            :func:`calculators.estimate_cost`'s inputs. A ``"cost"`` request
            may carry ``"answers"`` (the Decide answers, which change the
            inputs not given and mark the approaches that miss a need, as
            :func:`calculators.cost.presets.inputs_with_answers` says),
            ``"overlay"`` (pinned scenarios to draw) and ``"slim": true``
            (``result`` then holds only ``break_even_month`` and
            ``compared``). ``"cost-inputs-with-answers"`` takes ``{"inputs",
            "answers"}`` and answers the inputs that link means, with the
            adjustments applied (``result``), the adjustments it applied to
            inputs not given (``applied``), and every input the answers set
            (``adjusted``, the values a link leaves out). For ``"record"``,
            ``args`` is ``{"answers": {key: value} | null, "inputs": {key:
            value} | null, "date": "YYYY-MM-DD", "site_url": str, "scenarios":
            [str] (optional), "training": "key=value;..." (optional, the
            training run the Cost estimator's address carries)}``; for
            ``"training"``, :func:`calculators.training.estimate_training`'s
            inputs, answered with ``result`` (``training_json``) and
            ``html``; for ``"scenarios"``, ``{"scenarios": ["NAME:KEY=VALUE;...", ...]}``
            (see :mod:`calculators.scenarios`), answered with ``result`` and
            ``html`` even when some scenarios are broken (their errors are in
            ``result["errors"]``). ``"check-cost"`` checks cost inputs
            carried on the Decide page and answers ``{"ok": true}`` or the
            error, without an estimate to render.

    Returns:
        JSON text: ``{"ok": true, "result": <to_dict()>, "html": str}`` on
        success (for ``cost-inputs-from-decision``: ``{"ok": true, "result":
        {key: value}, "applied": [DecisionAdjustment.to_dict(), ...]}``; for
        ``record``: ``{"ok": true, "markdown": str}``, the text of
        :func:`calculators.record.render_record`), or ``{"ok": false, "error": {"field": str, "message": str}}``
        for bad input, so the page can show the message next to the field.
        Any other exception propagates: it is a bug, not bad input.
    """
    request: dict[str, Any] = json.loads(request_json)
    call = request.get("call")
    args = request.get("args") or {}
    try:
        if call == "decide":
            rec = recommend(args)
            reply = {"ok": True, "result": rec.to_dict(), "html": render_decision(rec)}
        elif call == "cost":
            answers = request.get("answers")
            estimate = estimate_with_answers(args, answers)
            pinned = None
            if request.get("overlay"):
                pinned = _compared(request["overlay"], answers)
            # The page reads only these from the result: the whole of it is
            # estimate.to_dict(), which costs time to write and to read.
            result = (
                {"break_even_month": estimate.break_even_month, "compared": list(estimate.compared)}
                if request.get("slim") else estimate.to_dict()
            )
            reply = {"ok": True, "result": result, "html": render_cost(estimate, pinned)}
        elif call == "record":
            from .record import render_record  # on demand: start-up imports stay as they were

            answers, inputs = args.get("answers"), args.get("inputs")
            rec = recommend(answers) if answers is not None else None
            estimate = estimate_with_answers(inputs, answers) if inputs is not None else None
            pinned = _compared(args["scenarios"], answers) if args.get("scenarios") else None
            training = None
            if args.get("training") is not None:  # the run the Cost estimator's address carries
                from .training.summary import training_from_carried  # on demand

                training = training_from_carried(args["training"])
            markdown = render_record(
                rec, estimate, date=args.get("date"), site_url=args.get("site_url"),
                scenarios=pinned, training=training,
            )
            reply = {"ok": True, "markdown": markdown}
        elif call == "scenarios":
            from .scenarios import render_scenarios

            comparison = _compared(args.get("scenarios") or [], args.get("answers"))
            reply = {"ok": True, "result": comparison.to_dict(), "html": render_scenarios(comparison)}
        elif call == "training":
            # On demand: the Decide and Cost pages' Python start never imports it.
            from .training import estimate_training
            from .training.render import render_training, training_json

            run = estimate_training(args)
            reply = {"ok": True, "result": training_json(run), "html": render_training(run)}
        elif call == "check-cost":
            estimate_cost(args)  # raises InputError naming the field
            reply = {"ok": True}
        elif call == "cost-inputs-from-decision":
            mapped = inputs_from_decision(args)
            applied = [a.to_dict() for a in DECISION_ADJUSTMENTS if mapped.get(a.key) == a.value]
            reply = {"ok": True, "result": mapped, "applied": applied}
        elif call == "cost-inputs-with-answers":
            # What a link with these inputs and answers means (the page fills its form with it).
            inputs = args.get("inputs") or {}
            merged = inputs_with_answers(inputs, args.get("answers") or {})
            applied = [
                a.to_dict() for a in DECISION_ADJUSTMENTS
                if a.key not in inputs and merged.get(a.key) == a.value
            ]
            reply = {"ok": True, "result": merged, "applied": applied,
                     "adjusted": inputs_from_decision(args.get("answers") or {})}
        else:
            raise InputError(
                "call",
                f"unknown call {call!r}; allowed: decide, cost, check-cost, cost-inputs-from-decision, "
                "cost-inputs-with-answers, record, scenarios, training",
            )
    except InputError as error:
        reply = {"ok": False, "error": {"field": error.field, "message": str(error)}}
    return json.dumps(reply, allow_nan=False)
