"""fc.tools: every tool runs on its examples, rejects bad arguments with a readable error result,
the calculator cannot be made to run code, the world keeps writes per world, and pasted schemas
are checked.

    .venv/bin/python -m pytest tests/test_tools.py -q
"""

from __future__ import annotations

import builtins
import copy
import importlib.resources
import inspect
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fc.tools as tools
from fc.conversation import prompt_name
from fc.tools import TOOLS, SchemaError, run_tool, tool_from_schema, validate_arguments
from fc.tools.math import evaluate
from fc.tools.world import open_world

REPO = Path(__file__).resolve().parents[1]
STATEFUL_DOMAINS = {"payments", "orders", "calendar", "contacts", "inventory", "bookings"}

EXAMPLES = [pytest.param(name, i, id=f"{name}-{i}") for name, t in TOOLS.items() for i in range(len(t.examples))]
NAMES = list(TOOLS)


def matches(got, want) -> bool:
    """`want` is part of `got`: dict keys compared recursively, lists item by item, floats closely."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(k in got and matches(got[k], v) for k, v in want.items())
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(matches, got, want))
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)
    return type(got) is type(want) and got == want


# ------------------------------------------------------------------------------ registry


def test_import_does_not_pull_torch_or_transformers():
    code = "import sys, fc.tools; bad = [m for m in ('torch', 'transformers') if m in sys.modules]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_registry_has_40_tools_in_10_domains():
    domains = {t.domain for t in TOOLS.values()}
    assert len(TOOLS) >= 40 and len(domains) >= 10
    assert STATEFUL_DOMAINS <= domains
    assert all(t.stateful == (t.domain in STATEFUL_DOMAINS) for t in TOOLS.values())
    assert "retrieve_payment_status" in TOOLS


@pytest.mark.parametrize("name", NAMES)
def test_schema_comes_from_the_function_and_documents_every_parameter(name):
    found = TOOLS[name]
    function = found.schema["function"]
    assert found.schema["type"] == "function" and function["name"] == name
    assert function["description"].strip()
    assert set(function) == {"name", "description", "parameters"}
    parameters = function["parameters"]
    jsonschema.Draft202012Validator.check_schema(parameters)
    signature = inspect.signature(found.function)
    assert list(parameters["properties"]) == list(signature.parameters)
    required = [p for p, v in signature.parameters.items() if v.default is inspect.Parameter.empty]
    assert parameters.get("required", []) == required
    for parameter, spec in parameters["properties"].items():
        assert spec.get("description", "").strip(), f"{name}.{parameter} has no description"
        if parameter not in required:  # the schema has no defaults: the description must say it
            assert "default" in spec["description"].lower(), f"{name}.{parameter}: say the default"
    assert "Returns:" in found.function.__doc__


def test_no_tool_shares_a_name_with_a_bfcl_function():
    """Training on these tools must not leak an evaluation function's name (issue 4's contamination rule)."""
    data = importlib.resources.files("bfcl_eval") / "data"
    names = set()
    files = [f for f in data.iterdir() if f.name.endswith(".json")]
    files += list((data / "multi_turn_func_doc").iterdir())
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            functions = record.get("function", [record]) if isinstance(record, dict) else []
            for function in functions if isinstance(functions, list) else [functions]:
                if isinstance(function, dict) and isinstance(function.get("name"), str):
                    names |= {function["name"], prompt_name(function["name"])}
    assert len(names) > 1000
    assert sorted(set(TOOLS) & names) == []


def test_get_tool_and_tool_schemas():
    assert tools.get_tool("refund_payment").domain == "payments"
    with pytest.raises(KeyError, match="did you mean refund_payment"):
        tools.get_tool("refund_paymnt")
    schemas = tools.tool_schemas(["convert_money", "retrieve_payment_status"])
    assert [s["function"]["name"] for s in schemas] == ["convert_money", "retrieve_payment_status"]
    schemas[0]["function"]["name"] = "edited"
    assert TOOLS["convert_money"].schema["function"]["name"] == "convert_money"
    assert len(tools.tool_schemas()) == len(TOOLS)


# ------------------------------------------------------------------------------ every tool, valid and invalid


@pytest.mark.parametrize("name", NAMES)
def test_every_tool_has_a_successful_example(name):
    assert any(e.error is None and e.result for e in TOOLS[name].examples)


@pytest.mark.parametrize("name,index", EXAMPLES)
def test_example_call(name, index):
    example = TOOLS[name].examples[index]
    result = run_tool(name, copy.deepcopy(example.arguments))
    if example.error is None:
        assert result.ok, result.content
        assert matches(json.loads(result.content), example.result), result.content
    else:
        assert not result.ok
        assert example.error in result.error
        assert json.loads(result.content) == {"error": result.error}


def _wrong_value(spec: dict):
    return {"string": 12345, "integer": "5", "number": "five", "boolean": "yes", "array": "one, two",
            "object": 5}[spec["type"]]


@pytest.mark.parametrize("name", [n for n in NAMES if TOOLS[n].parameters.get("required")])
def test_missing_required_argument_is_an_error_result(name):
    found = TOOLS[name]
    required = found.parameters["required"]
    arguments = dict(next(e for e in found.examples if e.error is None).arguments)
    arguments.pop(required[0], None)
    result = run_tool(name, arguments)
    assert not result.ok
    assert f"Argument '{required[0]}' is required" in result.error


@pytest.mark.parametrize("name", NAMES)
def test_wrong_type_is_an_error_result(name):
    found = TOOLS[name]
    arguments = dict(next(e for e in found.examples if e.error is None).arguments)
    parameter, spec = next(iter(found.parameters["properties"].items()))
    arguments[parameter] = bad = _wrong_value(spec)
    result = run_tool(name, arguments)
    assert not result.ok
    shown = f"'{bad}' (string)" if isinstance(bad, str) else f"{bad} (integer)"
    assert f"Argument '{parameter}' must be of type {spec['type']}, got {shown}" in result.error


@pytest.mark.parametrize("name", NAMES)
def test_unknown_argument_is_an_error_result(name):
    arguments = dict(next(e for e in TOOLS[name].examples if e.error is None).arguments)
    result = run_tool(name, {**arguments, "foo": 1})
    assert not result.ok and "Unknown argument 'foo'" in result.error


# Any JSON value, for fuzzing run_tool with arguments a confused model might write.
JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
                    | st.text(max_size=12), lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), data=st.data())
def test_run_tool_never_raises(name, data):
    keys = list(TOOLS[name].parameters["properties"]) + ["foo"]
    arguments = data.draw(st.dictionaries(st.sampled_from(keys), JSON, max_size=5) | JSON)
    result = run_tool(name, arguments)
    assert isinstance(result.content, str) and json.loads(result.content) is not None
    assert result.ok == (result.error is None)


# Values the seed knows, so that schema-valid calls also reach the tools' deeper paths.
KNOWN = ["T1001", "T1002", "O5003", "C001", "K101", "E301", "SKU-1002", "H02", "B7001", "2025-06-10",
         "2025-06-12", "2025-06-12 10:00", "Europe/Paris", "10:00"]


def _valid(spec: dict) -> st.SearchStrategy:
    """Values of a tool parameter's schema (the shapes get_json_schema writes)."""
    if "enum" in spec:
        return st.sampled_from(spec["enum"])
    return {
        "string": lambda: st.text(max_size=15) | st.sampled_from(KNOWN),
        "integer": lambda: st.integers(-5, 40) | st.integers(-10**13, 10**13),
        "number": lambda: st.floats(-100, 100) | st.floats(allow_nan=False, allow_infinity=False),
        "boolean": st.booleans,
        "array": lambda: st.lists(_valid(spec.get("items", {"type": "number"})), max_size=6),
    }[spec["type"]]()


@st.composite
def valid_calls(draw) -> tuple[str, dict]:
    name = draw(st.sampled_from(NAMES))
    properties, required = TOOLS[name].parameters["properties"], TOOLS[name].parameters.get("required", [])
    optional = {k: _valid(v) for k, v in properties.items() if k not in required}
    return name, draw(st.fixed_dictionaries({k: _valid(properties[k]) for k in required}, optional=optional))


def _huge(value, sign: int = 1):
    """Every number in `value` replaced by the largest float (signs alternating within a list)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return sign * sys.float_info.max
    if isinstance(value, list):
        return [_huge(v, (-1) ** i) for i, v in enumerate(value)]
    return value


@pytest.mark.parametrize("name", [n for n in NAMES if any(
    s.get("type") == "number" or s.get("items", {}).get("type") in ("number", "array")
    for s in TOOLS[n].parameters["properties"].values())])
def test_huge_numbers_give_readable_errors(name):
    found = TOOLS[name]
    arguments = dict(next(e for e in found.examples if e.error is None).arguments)
    for key, spec in found.parameters["properties"].items():
        if key in arguments and spec.get("type") in ("number", "array"):
            arguments[key] = _huge(arguments[key])
    result = run_tool(name, arguments)
    assert result.ok or not re.match(r"^[A-Z]\w*(Error|Exception)\b", result.error), result.error


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_calls())
def test_schema_valid_calls_fail_only_with_the_tools_own_messages(call):
    """A call that fits the schema may still be refused (no such order, a date in the past), but
    with a sentence the model can act on, never a Python exception's name."""
    result = run_tool(*call)
    assert result.ok or not re.match(r"^[A-Z]\w*(Error|Exception)\b", result.error), result.error


# ------------------------------------------------------------------------------ the validator and run_tool


def test_validator_messages_are_precise():
    schema = TOOLS["retrieve_payment_status"].schema
    assert validate_arguments(schema, {}) == ["Argument 'transaction_id' is required"]
    assert validate_arguments(schema, {"transaction_id": "T1", "foo": 1}) == [
        "Unknown argument 'foo' (expected: transaction_id)"]
    assert validate_arguments(TOOLS["check_prime"].schema, {"n": "5"}) == [
        "Argument 'n' must be of type integer, got '5' (string)"]
    assert validate_arguments(TOOLS["convert_length"].schema, {"value": 1, "from_unit": "km", "to_unit": "miles"}) == [
        "Argument 'to_unit' must be one of 'mm', 'cm', 'm', 'km', 'in', 'ft', 'yd', 'mi', 'nmi', got 'miles'"]
    assert validate_arguments(TOOLS["polygon_area"].schema, {"points": [[0, 0], [1, "a"], [2, 2]]}) == [
        "Argument 'points[1][1]' must be of type number, got 'a' (string)"]
    assert validate_arguments(schema, "T1001") == ["Arguments must be a JSON object, got 'T1001' (string)"]


def test_validator_accepts_every_schema_shape_and_respects_the_schema():
    parameters = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    function = {"name": "get_weather", "parameters": parameters}
    for shape in (parameters, function, {"type": "function", "function": function}):
        assert validate_arguments(shape, {"city": "Oslo"}) == []
        assert validate_arguments(shape, {}) == ["Argument 'city' is required"]
    open_schema = {**parameters, "additionalProperties": True}
    assert validate_arguments(open_schema, {"city": "Oslo", "units": "metric"}) == []
    nested = {"type": "object", "required": ["address"], "properties": {"address": {
        "type": "object", "properties": {"zip": {"type": "integer"}}, "required": ["zip"],
        "additionalProperties": False}}}
    assert validate_arguments(nested, {"address": {"street": "x"}}) == [
        "Argument 'address.zip' is required", "Unknown argument 'address.street'"]
    assert validate_arguments({"type": "object", "properties": {"x": {"type": "nope"}}}, {"x": 1})[0].startswith(
        "The tool's parameters schema is not valid JSON Schema")


def test_run_tool_turns_every_failure_into_a_result():
    unknown = run_tool("retrieve_paymnt_status", {"transaction_id": "T1001"})
    assert not unknown.ok and "retrieve_payment_status" in unknown.error
    assert "Unknown tool 'retrieve_paymnt_status'" in unknown.error
    raised = run_tool("retrieve_payment_status", {"transaction_id": "T4242"})
    assert raised.content == '{"error": "No transaction with id \'T4242\'"}'
    assert run_tool("retrieve_payment_status", '{"transaction_id": "T1001"}').ok  # JSON text arguments
    assert "not valid JSON" in run_tool("retrieve_payment_status", "{transaction_id").error
    assert not run_tool(None, None).ok
    whole = run_tool("check_prime", {"n": 7.0})  # JSON's 7.0 is an integer to JSON Schema; the tool gets int 7
    assert whole.ok and json.loads(whole.content)["n"] == 7 and whole.seconds >= 0


# ------------------------------------------------------------------------------ the calculator


@pytest.mark.parametrize("expression", [
    "__import__('os').system('touch /tmp/fc-pwned')", "(1).__class__", "().__class__.__bases__[0].__subclasses__()",
    "open('/etc/passwd')", "globals()", "lambda: 1", "[x for x in range(10)]", "'a' * 10", "x", "True + 1",
    "9**9**9", "2**100000", "10**5000", "factorial(100000)", "2**4095 * 2**4095", "1e308 * 10", "exp(10000)",
    "(" * 300 + "1" + ")" * 300, "-" * 600 + "1", "1 if 1 else 2", "1 < 2", "a.b", "x[0]", "{1: 2}", "print(1)",
])
def test_calculator_refuses_code_and_huge_numbers(expression, tmp_path):
    with pytest.raises(ValueError):
        evaluate(expression)
    result = run_tool("evaluate_expression", {"expression": expression})
    assert not result.ok and result.error
    assert not Path("/tmp/fc-pwned").exists()


def test_calculator_never_uses_eval(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("eval was called")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    assert evaluate("2^10 + sqrt(16)") == 1028.0
    assert evaluate("-(3 - 10) // 2 % 3") == 0
    assert evaluate("log(8, 2) + hypot(3, 4)") == 8.0
    assert evaluate("2 × 3 ÷ 4") == 1.5


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.+-*/%^() eEpisqrtlogfacx_[]'\"", max_size=40))
def test_calculator_answers_a_number_or_a_value_error(text):
    try:
        value = evaluate(text)
    except ValueError:
        return
    assert isinstance(value, (int, float)) and not isinstance(value, bool)


# ------------------------------------------------------------------------------ the world


def _content(name, arguments, world=None) -> dict:
    result = run_tool(name, arguments, world=world)
    assert result.ok, result.content
    return json.loads(result.content)


def test_writes_persist_within_a_world_and_not_across_worlds():
    world, other = open_world(), open_world()
    _content("refund_payment", {"transaction_id": "T1001"}, world)
    assert _content("retrieve_payment_status", {"transaction_id": "T1001"}, world)["status"] == "Refunded"
    assert _content("retrieve_payment_status", {"transaction_id": "T1001"}, other)["status"] == "Paid"
    assert _content("retrieve_payment_status", {"transaction_id": "T1001"})["status"] == "Paid"  # no world: fresh
    again = run_tool("refund_payment", {"transaction_id": "T1001"}, world=world)
    assert not again.ok and "already refunded" in again.error


def test_every_stateful_domain_writes_to_its_world():
    world = open_world()
    _content("cancel_customer_order", {"order_id": "O5003"}, world)
    assert _content("lookup_order", {"order_id": "O5003"}, world)["status"] == "cancelled"
    event = _content("create_calendar_event", {"title": "Demo", "date": "2025-06-05", "start_time": "10:00"}, world)
    assert [e["event_id"] for e in _content("list_calendar_events", {"date": "2025-06-05"}, world)["events"]] == [
        event["event_id"]]
    _content("delete_calendar_event", {"event_id": event["event_id"]}, world)
    assert _content("list_calendar_events", {"date": "2025-06-05"}, world)["count"] == 0
    contact = _content("create_contact", {"name": "Lena Fischer", "email": "lena@example.com"}, world)
    assert _content("search_contacts", {"query": "lena"}, world)["contacts"][0]["contact_id"] == contact["contact_id"]
    _content("adjust_stock_level", {"sku": "SKU-1004", "change": 10, "reason": "Delivery"}, world)
    assert _content("check_stock_level", {"sku": "SKU-1004"}, world)["stock"] == 10
    stay = {"check_in": "2025-06-20", "check_out": "2025-06-22"}
    booking = _content("create_room_booking", {"hotel_id": "H05", "guest_name": "Eve", **stay}, world)
    assert _content("search_hotel_rooms", {"city": "Paris", **stay}, world)["count"] == 1  # H05's one room is taken
    _content("cancel_room_booking", {"booking_id": booking["booking_id"]}, world)
    assert _content("search_hotel_rooms", {"city": "Paris", **stay}, world)["count"] == 2
    fresh = open_world()
    assert _content("lookup_order", {"order_id": "O5003"}, fresh)["status"] == "processing"
    assert _content("check_stock_level", {"sku": "SKU-1004"}, fresh)["stock"] == 0


def test_a_copied_world_is_independent():
    world = open_world()
    copied = copy.deepcopy(world)  # what gr.State does for each new session
    _content("refund_payment", {"transaction_id": "T1006"}, copied)
    assert _content("retrieve_payment_status", {"transaction_id": "T1006"}, world)["status"] == "Paid"
    assert _content("retrieve_payment_status", {"transaction_id": "T1006"}, copied)["status"] == "Refunded"


def test_a_world_file_keeps_its_writes(tmp_path):
    path = tmp_path / "world.sqlite"
    with open_world(path) as world:
        _content("adjust_stock_level", {"sku": "SKU-1001", "change": -4, "reason": "Sale"}, world)
    with open_world(path) as world:
        assert _content("check_stock_level", {"sku": "SKU-1001"}, world)["stock"] == 10
    (tmp_path / "other.sqlite").write_bytes(b"")
    with pytest.raises(ValueError, match="not a tools world database"):
        open_world(tmp_path / "other.sqlite")


def test_a_failed_write_changes_nothing():
    world = open_world()
    result = run_tool("adjust_stock_level", {"sku": "SKU-1007", "change": -5, "reason": "Sale"}, world=world)
    assert not result.ok
    assert _content("check_stock_level", {"sku": "SKU-1007"}, world)["stock"] == 2
    assert world.query("SELECT count(*) AS n FROM stock_movements") == [{"n": 0}]


def test_stateful_tool_called_directly_needs_a_world():
    with pytest.raises(RuntimeError, match="no world is open"):
        TOOLS["retrieve_payment_status"].function("T1001")
    with tools.use_world(open_world()):
        assert TOOLS["retrieve_payment_status"].function("T1001")["status"] == "Paid"


# ------------------------------------------------------------------------------ pasted schemas


def test_tool_from_schema_accepts_a_tool_or_a_function():
    function = {"name": "get_weather", "description": "Weather now",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}
    expected = {"type": "function", "function": function}
    assert tool_from_schema(json.dumps(function)) == expected
    assert tool_from_schema(json.dumps(expected)) == expected
    bare = tool_from_schema('{"name": "ping"}')
    assert bare["function"]["parameters"] == {"type": "object", "properties": {}}


@pytest.mark.parametrize("text,message", [
    ("{bad", "Not valid JSON (line 1, column 2)"),
    ("42", "Expected a JSON object"),
    ('[{"name": "a"}, {"name": "b"}]', "paste one tool at a time"),
    ('{"description": "no name"}', "name: missing"),
    ('{"name": "two words"}', "is not a usable function name"),
    ('{"type": "tool", "function": {"name": "f"}}', "type: expected 'function'"),
    ('{"name": "f", "parameters": []}', "parameters: expected an object"),
    ('{"name": "f", "parameters": {"type": "array"}}', "parameters.type: expected 'object'"),
    ('{"name": "f", "parameters": {"type": "object", "properties": {"x": {"type": "dict"}}}}',
     "parameters.properties.x.type: not valid JSON Schema"),
    ('{"name": "f", "parameters": {"type": "object", "properties": {"x": {"minLength": "3"}}}}',
     "parameters.properties.x.minLength: not valid JSON Schema"),
    ('{"name": "f", "parameters": {"type": "object", "properties": {}, "required": ["x"]}}',
     "parameters.required: 'x' is not one of the properties"),
])
def test_tool_from_schema_explains_what_is_wrong(text, message):
    with pytest.raises(SchemaError) as raised:
        tool_from_schema(text)
    assert message in str(raised.value)
