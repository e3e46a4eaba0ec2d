"""fc_tool_calls: the harness's tool-call scores as a Hugging Face `evaluate` metric.

The numbers come from eval.scoring itself, so they are identical to
`python -m eval score`. Load it from the repository root (the module imports the
project's `eval` package):

    import evaluate
    from eval.cases import case_to_json, load_cases
    cases = load_cases("bfcl:simple_python")
    metric = evaluate.load("eval/metric/fc_tool_calls")
    metric.compute(predictions=['[{"name": "calculate_triangle_area", "arguments": {"base": 10, "height": 5}}]', ...],
                   references=[case_to_json(c) for c in cases])

predictions: one string per case, either a JSON array of calls ({"name", "arguments"};
"[]" for no call) or, with `format="hermes"` (or another fc.formats name), the raw
model text. references: the cases as JSON (eval.cases.case_to_json).
"""

import json

import datasets
import evaluate

from eval.cases import case_from_json
from eval.scoring import METRICS, Prediction, prediction_from_output, score_case, summarise

_DESCRIPTION = "Tool-call accuracy: name match, argument exact match, BFCL AST match, abstention, parse errors."
_KWARGS = """
Args:
    predictions: list of str, a JSON array of calls per case, or raw model text when `format` is given.
    references: list of str, the cases as JSON (eval.cases.case_to_json).
    format: optional str, the tool-call format that parses raw text predictions ("hermes", "mistral").
Returns:
    one value per metric of eval.scoring.METRICS over all cases (None where no case applies), n,
    and "summary": the full summary (95% Wilson intervals, outcomes, per category).
"""


def _prediction(text: str, format_name):
    if format_name:
        return prediction_from_output(text, format_name)
    try:
        calls = json.loads(text)
    except json.JSONDecodeError as error:
        return Prediction(parse_errors=(f"prediction is not JSON: {error.msg}",))
    if not isinstance(calls, list):
        return Prediction(parse_errors=("prediction: expected a JSON array of calls",))
    return Prediction(tuple(calls))  # malformed calls become parse errors in score_case


class FcToolCalls(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="",
            inputs_description=_KWARGS,
            features=datasets.Features({"predictions": datasets.Value("string"),
                                        "references": datasets.Value("string")}),
        )

    def _compute(self, predictions, references, format=None):
        cases = [case_from_json(reference) for reference in references]
        scores = [score_case(case, _prediction(text, format)) for case, text in zip(cases, predictions)]
        summary = summarise(scores)
        overall = summary["overall"]
        return {"n": overall["n"], **{name: overall[name]["value"] for name in METRICS}, "summary": summary}
