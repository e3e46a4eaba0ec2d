"""eval.scoring on real BFCL records read straight from the bfcl-eval data files.

One hand-worked test per outcome label and per BFCL rule, the oracle (gold answers
unwrapped) over every supported BFCL category, and the summary statistics.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from eval.cases import Case
from eval.scoring import (
    CaseScore,
    Outcome,
    Prediction,
    Verdict,
    first_acceptable_calls,
    json_equal,
    percentile,
    score_case,
    standardise_string,
    summarise,
    wilson_interval,
)
from fc.conversation import as_tool, normalise_bfcl_schema, prompt_name

DATA = files("bfcl_eval") / "data"
ROOT = Path(__file__).resolve().parents[1]
AST_CATEGORIES = ("simple_python", "multiple", "parallel", "parallel_multiple",
                  "live_simple", "live_multiple", "live_parallel", "live_parallel_multiple")
NO_CALL_CATEGORIES = ("irrelevance", "live_irrelevance")


def _rows(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@functools.cache
def bfcl_category(category: str) -> dict[str, tuple[dict, list | None]]:
    """id -> (record, ground_truth or None) for one BFCL category."""
    answers_path = DATA / "possible_answer" / f"BFCL_v4_{category}.json"
    answers = {a["id"]: a["ground_truth"] for a in _rows(answers_path)} if answers_path.is_file() else {}
    return {r["id"]: (r, answers.get(r["id"])) for r in _rows(DATA / f"BFCL_v4_{category}.json")}


def category_of(case_id: str) -> str:
    return case_id.rsplit("_", 1)[0]


def bfcl_case(case_id: str, *, possible_answer: list | None = None, gold_names: str = "prompt") -> Case:
    """A Case from one raw BFCL record, with prompt names as the contract says.

    gold_names="original" keeps BFCL's own (dotted) names in the possible answer, to
    check that the scorer maps them through name_map.
    """
    category = category_of(case_id)
    record, gold = bfcl_category(category)[case_id]
    functions = record["function"]
    name_map = {prompt_name(f["name"]): f["name"] for f in functions if prompt_name(f["name"]) != f["name"]}
    tools = [as_tool({**normalise_bfcl_schema(f), "name": prompt_name(f["name"])}) for f in functions]
    gold = possible_answer if possible_answer is not None else gold
    if gold is not None and gold_names == "prompt":
        gold = [{prompt_name(name): params for name, params in entry.items()} for entry in gold]
    if category in NO_CALL_CATEGORIES:
        expect, expected = "no_call", []
    elif category == "live_relevance":
        expect, expected = "any_call", None
    else:
        expect, expected = "call", first_acceptable_calls(gold)
    return Case(id=case_id, category=category, messages=record["question"][-1], tools=tools,
                expected_calls=expected, possible_answer=gold if expect == "call" else None,
                name_map=name_map, expect=expect)


def call(name: str, **arguments) -> dict:
    return {"name": name, "arguments": arguments}


def score(case_id: str, *calls: dict, errors: tuple[str, ...] = (), **case_kw) -> CaseScore:
    return score_case(bfcl_case(case_id, **case_kw), Prediction(tool_calls=tuple(calls), parse_errors=errors))


TRIANGLE = "calculate_triangle_area"  # simple_python_0: base [10], height [5], unit ["units", ""]


# ---------------------------------------------------------------- outcome labels


def test_correct():
    s = score("simple_python_0", call(TRIANGLE, base=10, height=5))
    assert (s.name_match, s.args_exact, s.ast_match) == (True, True, True)
    assert s.verdict == Verdict(True, Outcome.CORRECT, "")


def test_wrong_args_names_the_first_failing_parameter():
    s = score("simple_python_0", call(TRIANGLE, base=10, height=6, unit="units"))
    assert s.outcome is Outcome.WRONG_ARGS and not s.verdict.valid
    assert s.verdict.detail.startswith(f"{TRIANGLE}.height: got 6")
    assert s.name_match and not s.args_exact and not s.ast_match


def test_wrong_name():
    # multiple_0 offers triangle_properties.get and circle_properties.get; the gold is the triangle.
    s = score("multiple_0", call("circle_properties_get", radius=3))
    assert s.outcome is Outcome.WRONG_NAME
    assert "circle_properties_get" in s.verdict.detail and not s.name_match


def test_missing_call_when_nothing_is_called():
    s = score("simple_python_0")
    assert s.outcome is Outcome.MISSING_CALL and s.verdict.detail == "no call"


def test_missing_call_when_fewer_calls_than_expected():
    s = score("parallel_0", call("spotify_play", artist="Taylor Swift", duration=20))
    assert s.outcome is Outcome.MISSING_CALL and not s.name_match


def test_extra_call():
    s = score("simple_python_0", call(TRIANGLE, base=10, height=5), call(TRIANGLE, base=5, height=10))
    assert s.outcome is Outcome.EXTRA_CALL and not s.name_match


def test_unexpected_call_on_irrelevance():
    s = score("irrelevance_0", call("determine_body_mass_index", weight=70.0, height=1.8))
    assert s.outcome is Outcome.UNEXPECTED_CALL and not s.ast_match and not s.bfcl_abstained


def test_hallucinated_tool():
    s = score("simple_python_0", call("calculate_circle_area", radius=3))
    assert s.outcome is Outcome.HALLUCINATED_TOOL and s.hallucinated
    s = score("irrelevance_0", call("calculate_triangle_area", base=10, height=5))
    assert s.outcome is Outcome.HALLUCINATED_TOOL and s.hallucinated


def test_parse_error_is_never_a_correct_abstention():
    s = score("irrelevance_0", errors=("<tool_call> body is not JSON",))
    assert s.outcome is Outcome.PARSE_ERROR and not s.ast_match
    assert s.bfcl_abstained  # BFCL's own rule counts it as abstaining (gorilla issue #1362)
    summary = summarise([s])["overall"]
    assert summary["abstention_accuracy"]["value"] == 0.0
    assert summary["bfcl_irrelevance_accuracy"]["value"] == 1.0


def test_parse_error_beats_a_correct_call():
    s = score("simple_python_0", call(TRIANGLE, base=10, height=5), errors=("unclosed <tool_call>",))
    assert s.outcome is Outcome.PARSE_ERROR
    assert s.verdict.detail == "unclosed <tool_call>"
    assert (s.name_match, s.args_exact, s.ast_match) == (False, False, False)


def test_submitted_arguments_as_a_string_are_a_parse_error():
    s = score("simple_python_0", {"name": TRIANGLE, "arguments": '{"base": 10, "height": 5}'})
    assert s.outcome is Outcome.PARSE_ERROR and "tool_calls[0].arguments" in s.verdict.detail


def test_correct_abstention():
    s = score("live_irrelevance_0-0-0")
    assert s.verdict.valid and s.outcome is Outcome.CORRECT and s.bfcl_abstained


def test_live_relevance_expects_any_well_formed_call():
    assert score("live_relevance_0-0-0", call("generate_image", prompt="a masked woman")).verdict.valid
    assert score("live_relevance_0-0-0", call("search_engine_query", prompt="x", bogus=1)).verdict.valid
    assert score("live_relevance_0-0-0").outcome is Outcome.MISSING_CALL
    assert score("live_relevance_0-0-0", errors=("bad",)).outcome is Outcome.PARSE_ERROR


# ---------------------------------------------------------------- BFCL rules


def test_value_must_be_one_of_the_acceptable_values():
    # simple_python_14: function ['3x**2 + 2x - 1', 'lambda x: 3x**2 + 2x - 1'], x_value ['', 0.0]
    assert score("simple_python_14", call("calculate_derivative", function="lambda x: 3x**2 + 2x - 1")).ast_match
    assert score("simple_python_14", call("calculate_derivative", function="3x**2 + 2x - 1", x_value=0.0)).ast_match
    s = score("simple_python_14", call("calculate_derivative", function="3x**2 + 2x - 1", x_value=1.0))
    assert s.outcome is Outcome.WRONG_ARGS and s.verdict.detail.startswith("calculate_derivative.x_value")


def test_optional_parameter_may_be_omitted_only_where_empty_string_is_acceptable():
    assert score("simple_python_0", call(TRIANGLE, base=10, height=5)).ast_match  # unit: ["units", ""]
    # simple_python_5: root_type is optional in the schema but the gold accepts only 'all'.
    s = score("simple_python_5", call("solve_quadratic", a=3, b=-11, c=-4))
    assert s.outcome is Outcome.WRONG_ARGS
    assert s.verdict.detail == "solve_quadratic.root_type: missing (not optional in the gold)"
    assert not s.args_exact
    assert score("simple_python_5", call("solve_quadratic", a=3, b=-11, c=-4, root_type="all")).ast_match


def test_required_parameters_must_be_present():
    s = score("simple_python_0", call(TRIANGLE, base=10))
    assert s.verdict.detail == f"{TRIANGLE}.height: required parameter missing"


def test_unknown_parameters_are_rejected():
    s = score("simple_python_0", call(TRIANGLE, base=10, height=5, colour="red"))
    assert s.verdict.detail == f"{TRIANGLE}.colour: unexpected parameter" and not s.args_exact
    # parallel_multiple_26's gold lists 'type' for bank.calculate_balance, whose schema lacks it.
    s = score("parallel_multiple_26",
              call("bank_get_transaction_history", account="00125648", days=7),
              call("bank_calculate_balance", account="00125648", type="credit"))
    assert s.verdict.detail == "bank_calculate_balance.type: unexpected parameter"
    assert s.args_exact  # exact match follows the gold only; the schema is the AST check's business


def test_integer_accepted_for_float_but_not_float_for_integer():
    # simple_python_136: annual_rate is a float with gold [5.0]; principal an integer with gold [10000].
    ok = call("compound_interest", principal=10000, annual_rate=5, compounding_freq="monthly", time_in_years=5)
    assert score("simple_python_136", ok).ast_match
    bad = call("compound_interest", principal=10000.0, annual_rate=5.0, compounding_freq="monthly", time_in_years=5)
    s = score("simple_python_136", bad)
    assert s.outcome is Outcome.WRONG_ARGS
    assert s.verdict.detail.startswith("compound_interest.principal: expected integer, got number")
    assert s.args_exact  # JSON has one number type: 10000.0 deep-equals 10000 (documented choice)


def test_types_are_strict_string_is_not_number_and_boolean_is_not_integer():
    s = score("simple_python_0", call(TRIANGLE, base="10", height=5))
    assert s.outcome is Outcome.WRONG_ARGS and not s.args_exact
    assert s.verdict.detail.startswith(f"{TRIANGLE}.base: expected integer, got string")
    s = score("simple_python_1", call("math_factorial", number=True))  # gold [5]; True == 1 in Python
    assert not s.ast_match and not s.args_exact
    assert not json_equal(True, 1) and json_equal(5, 5.0) and not json_equal("5", 5)


def test_strings_compared_after_bfcl_normalisation():
    assert standardise_string("San-Francisco, CA.") == "sanfranciscoca"
    # simple_python_37: start ['San Francisco'], end ['Los Angeles'], stops [[SB, Monterey], [Monterey, SB]]
    s = score("simple_python_37", call("route_estimate_time", start_location="san-francisco",
                                       end_location="LOS_ANGELES", stops=["santa barbara", "MONTEREY"]))
    assert s.ast_match and not s.args_exact
    exact = score("simple_python_37", call("route_estimate_time", start_location="San Francisco",
                                           end_location="Los Angeles", stops=["Monterey", "Santa Barbara"]))
    assert exact.ast_match and exact.args_exact


def test_lists_compared_element_wise():
    three = score("simple_python_37", call("route_estimate_time", start_location="San Francisco",
                                           end_location="Los Angeles", stops=["Santa Barbara", "Monterey", "Fresno"]))
    assert three.verdict.detail == "route_estimate_time.stops: got [\"Santa Barbara\", \"Monterey\", \"Fresno\"], " \
                                   "expected one of [[\"Santa Barbara\", \"Monterey\"], [\"Monterey\", \"Santa Barbara\"]]"


def test_objects_compared_key_by_key():
    # simple_python_89: conditions [{'department': ['Science'], 'school': ['Bluebird High School', 'Bluebird HS']}]
    base = dict(database_name="StudentDB", table_name="students")
    good = score("simple_python_89", call("db_fetch_records", **base,
                                          conditions={"department": "science", "school": "Bluebird HS"}))
    assert good.ast_match and not good.args_exact
    extra = score("simple_python_89", call("db_fetch_records", **base,
                                           conditions={"department": "Science", "school": "Bluebird HS", "grade": 5}))
    assert extra.verdict.detail == "db_fetch_records.conditions.grade: unexpected key"
    missing = score("simple_python_89", call("db_fetch_records", **base, conditions={"department": "Science"}))
    assert missing.verdict.detail == "db_fetch_records.conditions.school: missing key"


def test_lists_of_objects_compared_element_wise():
    # simple_python_96: conditions [[{field age, operation >, value '25'}, {field job, operation =, value engineer}]]
    rows = [{"field": "age", "operation": ">", "value": "25"}, {"field": "Job", "operation": "=", "value": "engineer"}]
    assert score("simple_python_96", call("database_query", table="user", conditions=rows)).ast_match
    rows[0]["value"] = 25
    s = score("simple_python_96", call("database_query", table="user", conditions=rows))
    assert s.verdict.detail.startswith("database_query.conditions[0].value: expected string, got integer")
    s = score("simple_python_96", call("database_query", table="user", conditions=list(reversed(rows))))
    assert s.outcome is Outcome.WRONG_ARGS


def test_parallel_calls_match_in_any_order_one_to_one():
    # parallel_0: spotify.play(Taylor Swift, 20) and spotify.play(Maroon 5, 15)
    swift = call("spotify_play", artist="Taylor Swift", duration=20)
    maroon = call("spotify_play", artist="Maroon 5", duration=15)
    assert score("parallel_0", maroon, swift).verdict.valid
    assert score("parallel_0", swift, maroon).verdict.valid
    twice = score("parallel_0", swift, swift)
    assert twice.outcome is Outcome.WRONG_ARGS and twice.name_match
    assert twice.verdict.detail.startswith("spotify_play.artist: got \"Taylor Swift\"")


def test_parallel_matching_is_a_maximum_matching_not_greedy():
    # Gold call 1 accepts 20 or 15, gold call 2 only 20. A greedy checker (BFCL's) gives
    # the first prediction (20) to gold call 1 and then finds nothing for gold call 2.
    gold = [{"spotify_play": {"artist": ["Taylor Swift"], "duration": [20, 15]}},
            {"spotify_play": {"artist": ["Taylor Swift"], "duration": [20]}}]
    s = score("parallel_0", call("spotify_play", artist="Taylor Swift", duration=20),
              call("spotify_play", artist="Taylor Swift", duration=15), possible_answer=gold)
    assert s.verdict.valid and s.args_exact


def test_names_are_the_prompt_names_and_gold_maps_through_name_map():
    # simple_python_1's tool is math.factorial; the prompt shows math_factorial.
    assert score("simple_python_1", call("math_factorial", number=5)).verdict.valid
    assert score("simple_python_1", call("math_factorial", number=5), gold_names="original").verdict.valid
    s = score("simple_python_1", call("math.factorial", number=5))
    assert s.outcome is Outcome.HALLUCINATED_TOOL  # not a name of the prompt's tool list


def test_literal_gold_of_our_own_data():
    tool = as_tool({"name": "get_weather", "parameters": {"type": "object", "properties": {
        "city": {"type": "string"}, "unit": {"type": "string", "default": "celsius"}}, "required": ["city"]}})
    case = Case(id="c:2", category="weather", messages=[{"role": "user", "content": "Weather in Oslo?"}],
                tools=[tool], expected_calls=[call("get_weather", city="Oslo")], possible_answer=None,
                name_map={}, expect="call")
    exact = score_case(case, Prediction((call("get_weather", city="Oslo"),)))
    assert exact.args_exact and exact.ast_match
    default = score_case(case, Prediction((call("get_weather", city="oslo", unit="celsius"),)))
    assert default.ast_match and not default.args_exact  # default given explicitly: AST yes, exact no
    other = score_case(case, Prediction((call("get_weather", city="Oslo", unit="fahrenheit"),)))
    assert other.outcome is Outcome.WRONG_ARGS and other.verdict.detail.startswith("get_weather.unit")


def test_literal_gold_compares_nested_objects_and_lists_exactly():
    tool = as_tool({"name": "search", "parameters": {"type": "object", "properties": {
        "filters": {"type": "object"}, "pages": {"type": "array", "items": {"type": "object"}}}}})
    arguments = {"filters": {"tags": ["a", "b"], "open": True}, "pages": [{"n": 1, "ids": [3, 4]}]}
    case = Case(id="s:1", category="search", messages=[], tools=[tool], expected_calls=[call("search", **arguments)],
                possible_answer=None, name_map={}, expect="call")
    same = score_case(case, Prediction((call("search", **json.loads(json.dumps(arguments))),)))
    assert same.verdict.valid and same.args_exact
    swapped = {**arguments, "filters": {"tags": ["b", "a"], "open": True}}
    s = score_case(case, Prediction((call("search", **swapped),)))
    assert not s.args_exact and s.verdict.detail.startswith("search.filters.tags[0]: got \"b\"")
    fewer = {**arguments, "pages": [{"n": 1}]}
    s = score_case(case, Prediction((call("search", **fewer),)))
    assert not s.args_exact and s.verdict.detail == "search.pages[0].ids: missing key"


# ---------------------------------------------------------------- the oracle

# BFCL records whose own gold contradicts its schema, so the oracle (each parameter's
# first acceptable value; a first value of "" means "omitted") cannot pass the AST
# check. id -> (reason, the detail our checker gives).
GOLD_CONTRADICTIONS: dict[str, tuple[str, str]] = {
    # The gold's first acceptable value for a parameter the schema requires is "" (omitted).
    "simple_python_200": ("required fuel_efficiency gold ['', 25.0]",
                          "calculate_emissions.fuel_efficiency: required parameter missing"),
    "live_multiple_144-56-0": ("required perPage gold ['', 100]",
                               "get_sensor_readings_latest.perPage: required parameter missing"),
    "live_multiple_834-178-9": ("required track gold ['', 'Borbena']",
                                "Music_3_PlayMedia.track: required parameter missing"),
    "live_multiple_507-149-4": ("required origin_airport gold [''] only",
                                "Flights_4_SearchOnewayFlight.origin_airport: required parameter missing"),
    # The gold gives a required parameter no acceptable value at all ([]).
    "live_simple_106-63-0": ("required auto_loan_payment_start, bank_hours_start gold []",
                             "record.auto_loan_payment_start: required parameter missing"),
    "live_simple_112-68-0": ("five required *_start parameters gold []",
                             "record.acc_routing_start: required parameter missing"),
    # The gold gives a parameter the schema lacks.
    "live_multiple_862-181-3": ("journey_start_time belongs to GetTrainTickets, not FindTrains",
                                "Trains_1_FindTrains.journey_start_time: unexpected parameter"),
    "parallel_multiple_26": ("bank.calculate_balance has no 'type' parameter",
                             "bank_calculate_balance.type: unexpected parameter"),
    "live_multiple_964-207-0": ("gold names 'question'; the schema's only (required) parameter is 'statement'",
                                "transfer_to_human_agent.statement: required parameter missing"),
}


def test_oracle_scores_100_percent_ast_except_bfcl_gold_contradictions():
    failures = {}
    n = 0
    for category in AST_CATEGORIES + NO_CALL_CATEGORIES:
        for case_id, (_, gold) in bfcl_category(category).items():
            case = bfcl_case(case_id)
            oracle = first_acceptable_calls(case.possible_answer) if gold is not None else []
            s = score_case(case, Prediction(tuple(oracle)))
            n += 1
            if not s.verdict.valid:
                failures[case_id] = s.verdict.detail
            elif case.expect == "call":
                assert s.name_match and s.args_exact, case_id
    assert n > 3000
    assert failures == {case_id: detail for case_id, (_, detail) in GOLD_CONTRADICTIONS.items()}


def test_oracle_unwraps_nested_acceptable_values():
    gold = bfcl_category("simple_python")["simple_python_89"][1]
    assert first_acceptable_calls(gold) == [call(
        "db_fetch_records", database_name="StudentDB", table_name="students",
        conditions={"department": "Science", "school": "Bluebird High School"})]
    gold = bfcl_category("simple_python")["simple_python_96"][1]
    assert first_acceptable_calls(gold)[0]["arguments"]["conditions"] == [
        {"field": "age", "operation": ">", "value": "25"}, {"field": "job", "operation": "=", "value": "engineer"}]


# ---------------------------------------------------------------- summaries


def test_wilson_interval_known_values():
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    assert wilson_interval(0, 0) is None
    assert wilson_interval(0, 5)[0] == 0.0 and wilson_interval(5, 5)[1] == 1.0


def test_percentile_interpolates():
    assert percentile([1.0, 2.0, 3.0, 4.0], 95) == pytest.approx(3.85)
    assert percentile([], 95) is None and percentile([2.0], 95) == 2.0


def test_summary_overall_and_per_category():
    scores = [
        score("simple_python_0", call(TRIANGLE, base=10, height=5)),
        score("simple_python_0", call(TRIANGLE, base=11, height=5)),
        score("simple_python_0", call("nope")),
        score("irrelevance_0"),
        score("irrelevance_0", errors=("bad",)),
    ]
    scores = [CaseScore(**{**s.__dict__, "latency": t}) for s, t in zip(scores, [1.0, 2.0, 3.0, 4.0, 5.0])]
    summary = summarise(scores)
    overall = summary["overall"]
    assert overall["n"] == 5
    assert overall["ast_accuracy"]["k"] == 2 and overall["ast_accuracy"]["n"] == 5
    assert overall["ast_accuracy"]["ci95"] == pytest.approx(list(wilson_interval(2, 5)))
    assert overall["name_accuracy"]["k"] == 3
    assert overall["parse_error_rate"]["k"] == 1
    assert overall["hallucinated_tool_rate"]["k"] == 1
    assert overall["abstention_accuracy"]["n"] == 2 and overall["abstention_accuracy"]["k"] == 1
    assert overall["bfcl_irrelevance_accuracy"]["k"] == 2
    assert overall["latency_mean_s"] == 3.0 and overall["latency_p95_s"] == pytest.approx(4.8)
    assert overall["outcomes"] == {"correct": 2, "wrong_args": 1, "hallucinated_tool": 1, "parse_error": 1}
    assert set(summary["per_category"]) == {"simple_python", "irrelevance"}
    assert summary["per_category"]["irrelevance"]["abstention_accuracy"]["value"] == 0.5
    assert summary["per_category"]["simple_python"]["abstention_accuracy"]["value"] is None
    assert summary["categories_macro_ast"] == pytest.approx((1 / 3 + 1 / 2) / 2)
    json.dumps(summary)  # JSON-native


def test_scoring_and_the_score_path_import_no_torch_or_transformers():
    code = ("import sys, eval.scoring, eval.cases, eval.runner, eval.leaderboard, eval.compare, eval.__main__; "
            "eval.cases.load_cases('bfcl:simple_python', limit=2); "
            "eval.compare.meta_groups('data:heldout-mini', 'kind'); "
            "bad = [m for m in ('torch', 'transformers') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
