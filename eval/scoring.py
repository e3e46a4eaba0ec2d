"""Score predicted tool calls against expected ones: per-case verdicts and summaries.

Pure Python (no torch, no transformers), so a leaderboard can score submissions
without a model stack. Three per-case scores, plus one outcome label:

- name_match: the multiset of called names equals the expected one.
- args_exact: names and argument objects deep-equal after JSON parsing. Key order
  and whitespace never matter; types do (`"5"` is not `5`, `true` is not `1`), but
  JSON has a single number type, so `5` equals `5.0`. Where the gold is a BFCL
  possible answer, every given value must equal one of its acceptable values
  exactly and an optional parameter may be left out only where `""` is acceptable.
- ast_match: BFCL's AST rules (bfcl_eval/eval_checker/ast_eval/ast_checker.py):
  required parameters present, parameters unknown to the schema or to the gold
  rejected, every value one of the acceptable values, an optional parameter left out
  only where `""` is acceptable, an integer accepted where the schema says number,
  strings compared after BFCL's normalisation (lower case; spaces and `,./-_*^`
  removed), lists and objects compared element by element with the same rules
  (BFCL stops at one level; we recurse), parallel calls matched in any order,
  one-to-one (a maximum bipartite matching, where BFCL matches greedily).

Example:
    python -m eval score --dataset bfcl:simple_python --predictions preds.jsonl --out runs/x
"""

from __future__ import annotations

import json
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterable, Literal

from fc.conversation import function_of, json_type
from fc.formats import CALL_ERROR_KINDS, ParsedTurn, get_format

if TYPE_CHECKING:  # only for annotations: eval.cases imports this module's helpers
    from eval.cases import Case


class Outcome(str, Enum):
    """What happened in one case; the first matching label wins, in this order."""

    CORRECT = "correct"
    PARSE_ERROR = "parse_error"  # the output held a malformed call; never a correct abstention
    MISSING_CALL = "missing_call"  # no call, or fewer calls than expected
    HALLUCINATED_TOOL = "hallucinated_tool"  # a called name is not in the case's tool list
    UNEXPECTED_CALL = "unexpected_call"  # called a (known) tool where no call was expected
    EXTRA_CALL = "extra_call"  # more calls than expected
    WRONG_NAME = "wrong_name"  # as many calls as expected, other names
    WRONG_ARGS = "wrong_args"  # right names; detail names the first failing parameter


@dataclass(frozen=True)
class Verdict:
    """One shape for every check, as BFCL's checkers do: valid, outcome, detail."""

    valid: bool
    outcome: Outcome
    detail: str = ""


@dataclass(frozen=True)
class Prediction:
    """What a model produced for one case, already parsed by a tool-call format."""

    tool_calls: tuple[dict, ...] = ()
    parse_errors: tuple[str, ...] = ()  # messages of the format's call-shaped parse errors
    output: str | None = None  # the raw text, when there is one
    latency: float | None = None  # seconds spent generating this case


@dataclass(frozen=True)
class CaseScore:
    """The per-case row of cases.jsonl."""

    id: str
    category: str
    expect: str
    name_match: bool
    args_exact: bool
    ast_match: bool
    verdict: Verdict
    hallucinated: bool  # some call named a tool outside the case's tool list
    bfcl_abstained: bool  # BFCL's irrelevance rule: no decodable call (parse errors count)
    latency: float | None = None

    @property
    def outcome(self) -> Outcome:
        return self.verdict.outcome


def prediction_from_parsed(parsed: ParsedTurn, *, output: str | None = None,
                           latency: float | None = None) -> Prediction:
    """A format's ParsedTurn as a Prediction; only call-shaped errors count as parse errors
    (an unclosed <think> alone does not make a call unreadable)."""
    return Prediction(
        tool_calls=tuple(parsed.tool_calls),
        parse_errors=tuple(f"{e.kind}: {e.message}" for e in parsed.errors if e.kind in CALL_ERROR_KINDS),
        output=output,
        latency=latency,
    )


def prediction_from_output(output: str, format_name: str, *, latency: float | None = None) -> Prediction:
    """Raw model text (what followed the prompt) parsed with a tool-call format."""
    return prediction_from_parsed(get_format(format_name).parse(output), output=output, latency=latency)


# ---------------------------------------------------------------------------
# values


def standardise_string(text: str) -> str:
    """BFCL's string normalisation (ast_checker.standardize_string)."""
    return re.sub(r"[ ,./\-_*^]", "", text).lower().replace("'", '"')


def _same_kind(a: Any, b: Any) -> bool:
    """True when a and b are the same JSON type, counting integer and number as one."""
    ka, kb = json_type(a), json_type(b)
    numbers = {"integer", "number"}
    return ka == kb or (ka in numbers and kb in numbers)


def json_equal(a: Any, b: Any) -> bool:
    """Deep equality of JSON values: types strict except integer == number (5 == 5.0)."""
    if not _same_kind(a, b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    return a == b


def _fits_schema_type(value: Any, schema: dict) -> bool:
    declared = schema.get("type")
    if declared is None:  # BFCL "any": no constraint
        return True
    kind = json_type(value)
    for t in declared if isinstance(declared, list) else [declared]:
        if t == kind or (t == "number" and kind == "integer"):  # int accepted for float
            return True
    return False


def _items_schema(schema: dict) -> dict:
    items = schema.get("items")
    return items if isinstance(items, dict) else {}


def _property_schema(schema: dict, key: str) -> dict:
    props = schema.get("properties")
    return props.get(key, {}) if isinstance(props, dict) else {}


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


Mode = Literal["exact", "ast"]


def _match_acceptable(value: Any, acceptable: Any, schema: dict, path: str, mode: Mode) -> str | None:
    """None when value equals one of the acceptable values, else a message naming path."""
    alternatives = acceptable if isinstance(acceptable, list) else [acceptable]
    errors = [_match_value(value, alt, schema, path, mode) for alt in alternatives]
    if any(e is None for e in errors):
        return None
    if len(errors) == 1:  # the nested message is the more precise one
        return errors[0]
    return f"{path}: got {_short(value)}, expected one of {_short(alternatives)}"


def _match_value(value: Any, gold: Any, schema: dict, path: str, mode: Mode) -> str | None:
    """Compare one value with one acceptable gold value.

    BFCL's gold writes an object as {key: [acceptable values]} and a list as a list
    of gold values (where an object element again has acceptable lists per key).
    """
    if mode == "ast" and not _fits_schema_type(value, schema) and json_type(value) != json_type(gold):
        # BFCL also accepts a value of exactly the gold's own type (its "variable" rule).
        return f"{path}: expected {schema.get('type')}, got {json_type(value)} {_short(value)}"
    if isinstance(gold, dict):
        if not isinstance(value, dict):
            return f"{path}: expected an object, got {json_type(value)} {_short(value)}"
        for key, item in value.items():
            if key not in gold:
                return f"{path}.{key}: unexpected key"
            error = _match_acceptable(item, gold[key], _property_schema(schema, key), f"{path}.{key}", mode)
            if error:
                return error
        for key, acceptable in gold.items():
            if key not in value and not _omittable(acceptable):
                return f"{path}.{key}: missing key"
        return None
    if isinstance(gold, list):
        if not isinstance(value, list | tuple):
            return f"{path}: expected an array, got {json_type(value)} {_short(value)}"
        if len(value) != len(gold):
            return f"{path}: expected {len(gold)} items, got {len(value)}"
        for i, (item, gold_item) in enumerate(zip(value, gold)):
            error = _match_value(item, gold_item, _items_schema(schema), f"{path}[{i}]", mode)
            if error:
                return error
        return None
    if mode == "ast" and isinstance(value, str) and isinstance(gold, str):
        equal = standardise_string(value) == standardise_string(gold)
    else:
        equal = json_equal(value, gold)
    return None if equal else f"{path}: got {_short(value)}, expected {_short(gold)}"


def _omittable(acceptable: Any) -> bool:
    return isinstance(acceptable, list) and "" in acceptable


# ---------------------------------------------------------------------------
# calls


def _parameters(function: dict) -> tuple[dict, list[str]]:
    params = function.get("parameters") or {}
    return params.get("properties") or {}, list(params.get("required") or [])


def match_call(arguments: dict, gold: dict, function: dict | None, mode: Mode) -> str | None:
    """Check one call's arguments against BFCL-style gold {param: [acceptable...]}.

    function is the tool's (JSON Schema) function dict; in "exact" mode it is not
    consulted. Returns None when the call matches, else a message naming the first
    failing parameter.
    """
    properties, required = _parameters(function or {})
    if mode == "ast":
        for name in required:
            if name not in arguments:
                return f"{name}: required parameter missing"
    for name, value in arguments.items():
        if name not in gold or (mode == "ast" and name not in properties):
            return f"{name}: unexpected parameter"
        error = _match_acceptable(value, gold[name], properties.get(name, {}), name, mode)
        if error:
            return error
    for name, acceptable in gold.items():
        if name not in arguments and not _omittable(acceptable):
            return f"{name}: missing (not optional in the gold)"
    return None


def _maximum_matching(ok: list[list[bool]]) -> list[int | None]:
    """Kuhn's augmenting paths: for each gold j, the prediction index matched to it."""
    n_pred = len(ok)
    n_gold = len(ok[0]) if ok else 0
    owner: list[int | None] = [None] * n_gold  # gold j -> pred i

    def augment(i: int, seen: set[int]) -> bool:
        for j in range(n_gold):
            if ok[i][j] and j not in seen:
                seen.add(j)
                if owner[j] is None or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(n_pred):
        augment(i, set())
    return owner


def match_calls(
    predicted: list[dict], gold: list[dict], functions: dict[str, dict], mode: Mode
) -> str | None:
    """Match predicted calls one-to-one, in any order, with gold [{name: {param: [acceptable]}}].

    Names must already be in one namespace. Returns None when every gold call has
    its own matching prediction and there are no others, else a message.
    """
    gold_calls = [next(iter(g.items())) for g in gold]
    if len(predicted) != len(gold_calls):
        return f"expected {len(gold_calls)} calls, got {len(predicted)}"
    errors: dict[tuple[int, int], str | None] = {}
    for i, call in enumerate(predicted):
        for j, (name, params) in enumerate(gold_calls):
            errors[i, j] = (
                f"name {call['name']!r} is not {name!r}"
                if call["name"] != name
                else match_call(call["arguments"], params, functions.get(name), mode)
            )
    ok = [[errors[i, j] is None for j in range(len(gold_calls))] for i in range(len(predicted))]
    owner = _maximum_matching(ok)
    for j, (name, _) in enumerate(gold_calls):
        if owner[j] is None:
            same_name = [i for i, call in enumerate(predicted) if call["name"] == name]
            unmatched = [i for i in same_name if i not in owner] or same_name
            if not unmatched:
                return f"{name}: no call"
            return f"{name}.{errors[unmatched[0], j]}"
    return None


def as_gold_value(value: Any) -> Any:
    """A literal JSON value in BFCL's gold shape: objects become {key: [gold value]}."""
    if isinstance(value, dict):
        return {k: [as_gold_value(v)] for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_gold_value(v) for v in value]
    return value


def literal_gold(calls: list[dict]) -> list[dict]:
    """Expected calls with literal arguments -> BFCL gold with one acceptable value each."""
    return [{c["name"]: {k: [as_gold_value(v)] for k, v in c["arguments"].items()}} for c in calls]


def gold_with_optionals(calls: list[dict], functions: dict[str, dict]) -> list[dict]:
    """Literal expected calls -> BFCL gold for the AST check of our own data.

    A schema parameter the expected call leaves out is optional in the gold: it may
    be omitted ("") or given as its schema default, if the schema declares one.
    """
    gold = literal_gold(calls)
    for call, entry in zip(calls, gold):
        params = entry[call["name"]]
        properties, required = _parameters(functions.get(call["name"]) or {})
        for name, schema in properties.items():
            if name not in params and name not in required:
                default = [as_gold_value(schema["default"])] if isinstance(schema, dict) and "default" in schema else []
                params[name] = ["", *default]
    return gold


def first_acceptable_calls(possible_answer: list[dict]) -> list[dict]:
    """BFCL gold -> one concrete call list (the oracle): each parameter's first acceptable value.

    A first acceptable value of "" stands for "omitted", so that parameter is left
    out. Nested objects ({key: [acceptable...]}, also inside lists) are unwrapped
    the same way.
    """
    def unwrap(acceptable: Any) -> tuple[bool, Any]:
        values = acceptable if isinstance(acceptable, list) else [acceptable]
        if not values or values[0] == "":
            return False, None
        return True, concrete(values[0])

    def concrete(value: Any) -> Any:
        if isinstance(value, dict):
            out = {}
            for key, acceptable in value.items():
                keep, item = unwrap(acceptable)
                if keep:
                    out[key] = item
            return out
        if isinstance(value, list):
            return [concrete(v) for v in value]
        return value

    calls = []
    for entry in possible_answer:
        for name, params in entry.items():
            arguments = {}
            for param, acceptable in params.items():
                keep, value = unwrap(acceptable)
                if keep:
                    arguments[param] = value
            calls.append({"name": name, "arguments": arguments})
    return calls


def check_prediction_shape(calls: Iterable[Any]) -> list[str]:
    """Problems with predicted calls as plain data (a submission's tool_calls)."""
    problems = []
    for i, call in enumerate(calls):
        if not isinstance(call, dict):
            problems.append(f"tool_calls[{i}]: expected an object, got {json_type(call)}")
        elif not isinstance(call.get("name"), str):
            problems.append(f"tool_calls[{i}].name: expected a string")
        elif not isinstance(call.get("arguments"), dict):
            problems.append(f"tool_calls[{i}].arguments: expected an object, got {json_type(call.get('arguments'))}")
    return problems


# ---------------------------------------------------------------------------
# cases


def score_case(case: Case, prediction: Prediction) -> CaseScore:
    """Score one case: name match, args exact, AST match and the outcome label.

    Names are compared as the model saw them (the prompt names of case.tools): a
    call must name a tool of the prompt's list. Gold written with original BFCL
    names is mapped to prompt names through case.name_map first.
    """
    functions = {function_of(tool)["name"]: function_of(tool) for tool in case.tools}
    original_to_prompt = {original: prompt for prompt, original in (case.name_map or {}).items()}

    def prompt_side(name: str) -> str:
        return name if name in functions else original_to_prompt.get(name, name)

    problems = list(prediction.parse_errors) + check_prediction_shape(prediction.tool_calls)
    calls = [
        {"name": c["name"], "arguments": c["arguments"]}
        for c in prediction.tool_calls
        if isinstance(c, dict) and isinstance(c.get("name"), str) and isinstance(c.get("arguments"), dict)
    ]
    unknown = [c["name"] for c in calls if c["name"] not in functions]
    hallucinated = bool(unknown)
    bfcl_abstained = bool(problems) or not calls

    def done(verdict: Verdict, name_match: bool = False, args_exact: bool = False) -> CaseScore:
        return CaseScore(
            id=case.id, category=case.category, expect=case.expect,
            name_match=name_match, args_exact=args_exact, ast_match=verdict.valid,
            verdict=verdict, hallucinated=hallucinated, bfcl_abstained=bfcl_abstained,
            latency=prediction.latency,
        )

    def fail(outcome: Outcome, detail: str) -> CaseScore:
        return done(Verdict(False, outcome, detail))

    if problems:
        return fail(Outcome.PARSE_ERROR, problems[0])
    if case.expect == "no_call":
        if not calls:
            return done(Verdict(True, Outcome.CORRECT, "no call"), True, True)
        if unknown:
            return fail(Outcome.HALLUCINATED_TOOL, f"called unknown tool {unknown[0]!r}")
        return fail(Outcome.UNEXPECTED_CALL, f"called {calls[0]['name']!r} where no call was expected")
    if not calls:
        return fail(Outcome.MISSING_CALL, "no call")
    if unknown:
        return fail(Outcome.HALLUCINATED_TOOL, f"called unknown tool {unknown[0]!r}")
    if case.expect == "any_call":
        return done(Verdict(True, Outcome.CORRECT, f"{len(calls)} call(s)"), True, True)

    if case.possible_answer is not None:
        gold = [{prompt_side(n): p for n, p in g.items()} for g in case.possible_answer]
        exact_gold = gold
        ast_gold = gold
    else:
        expected = [
            {"name": prompt_side(c["name"]), "arguments": c["arguments"]}
            for c in case.expected_calls or []
        ]
        exact_gold = literal_gold(expected)
        ast_gold = gold_with_optionals(expected, functions)
    expected_names = Counter(next(iter(g)) for g in exact_gold)
    called_names = Counter(c["name"] for c in calls)
    name_match = expected_names == called_names
    args_exact = name_match and match_calls(calls, exact_gold, functions, "exact") is None
    if not name_match:
        got, want = sorted(called_names.elements()), sorted(expected_names.elements())
        detail = f"called {got}, expected {want}"
        if len(calls) < len(exact_gold):
            return fail(Outcome.MISSING_CALL, detail)
        if len(calls) > len(exact_gold):
            return fail(Outcome.EXTRA_CALL, detail)
        return fail(Outcome.WRONG_NAME, detail)
    error = match_calls(calls, ast_gold, functions, "ast")
    if error:
        return done(Verdict(False, Outcome.WRONG_ARGS, error), name_match, args_exact)
    return done(Verdict(True, Outcome.CORRECT, ""), name_match, args_exact)


# ---------------------------------------------------------------------------
# summaries


@dataclass(frozen=True)
class Metric:
    """A summary rate, registered with its meaning (as lm-evaluation-harness does)."""

    description: str
    higher_is_better: bool
    applies: str = "all"  # "all" cases, or only "no_call" cases


METRICS: dict[str, Metric] = {
    "name_accuracy": Metric("multiset of called tool names equals the expected one", True),
    "args_exact_accuracy": Metric("names and arguments deep-equal the gold after JSON parsing", True),
    "ast_accuracy": Metric("BFCL AST rules (acceptable values, normalised strings, any order)", True),
    "parse_error_rate": Metric("output held a malformed tool call", False),
    "abstention_accuracy": Metric("no call where none was expected; parse errors count as failures", True, "no_call"),
    "bfcl_irrelevance_accuracy": Metric(
        "BFCL-compatible irrelevance: parse errors count as abstention (gorilla issue #1362)", True, "no_call"),
    "hallucinated_tool_rate": Metric("some call named a tool outside the case's tool list", False),
}


def _hit(metric: str, score: CaseScore) -> bool:
    match metric:
        case "name_accuracy":
            return score.name_match
        case "args_exact_accuracy":
            return score.args_exact
        case "ast_accuracy":
            return score.ast_match
        case "parse_error_rate":
            return score.outcome is Outcome.PARSE_ERROR
        case "abstention_accuracy":
            return score.outcome is Outcome.CORRECT
        case "bfcl_irrelevance_accuracy":
            return score.bfcl_abstained
        case "hallucinated_tool_rate":
            return score.hallucinated
    raise KeyError(metric)


def wilson_interval(k: int, n: int, z: float = 1.959964) -> tuple[float, float] | None:
    """95% Wilson score interval of a proportion k/n (None for n == 0)."""
    if n == 0:
        return None
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def percentile(values: list[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), q in [0, 100]."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise_group(scores: list[CaseScore]) -> dict:
    """n, every METRICS rate with k, n and its 95% Wilson interval, latency, outcome counts."""
    rates = {}
    for name, metric in METRICS.items():
        pool = [s for s in scores if metric.applies == "all" or s.expect == metric.applies]
        k = sum(_hit(name, s) for s in pool)
        interval = wilson_interval(k, len(pool))
        rates[name] = {
            "value": k / len(pool) if pool else None,
            "k": k,
            "n": len(pool),
            "ci95": list(interval) if interval else None,
        }
    latencies = [s.latency for s in scores if s.latency is not None]
    return {
        "n": len(scores),
        **rates,
        "latency_mean_s": statistics.fmean(latencies) if latencies else None,
        "latency_p95_s": percentile(latencies, 95),
        "outcomes": dict(Counter(s.outcome.value for s in scores)),
    }


def summarise(scores: list[CaseScore]) -> dict:
    """Overall and per-category summaries; "categories_macro_ast" is BFCL's style of overall."""
    categories = sorted({s.category for s in scores})
    per_category = {c: summarise_group([s for s in scores if s.category == c]) for c in categories}
    macro = [v["ast_accuracy"]["value"] for v in per_category.values() if v["ast_accuracy"]["value"] is not None]
    return {
        "overall": summarise_group(scores),
        "categories_macro_ast": statistics.fmean(macro) if macro else None,
        "per_category": per_category,
        "metrics": {name: {"description": m.description, "higher_is_better": m.higher_is_better,
                           "over": m.applies} for name, m in METRICS.items()},
    }


def case_row(score: CaseScore, case: Case, prediction: Prediction) -> dict:
    """The cases.jsonl row: id, category, expected, predicted, the three matches, outcome, detail."""
    return {
        "id": score.id,
        "category": score.category,
        "expect": score.expect,
        "expected": case.possible_answer if case.possible_answer is not None else case.expected_calls,
        "predicted": list(prediction.tool_calls),
        "name_match": score.name_match,
        "args_exact": score.args_exact,
        "ast_match": score.ast_match,
        "outcome": score.outcome.value,
        "detail": score.verdict.detail,
        "latency": score.latency,
    }
