"""Tests of fc/conversation.py: shapes, structural validation, schema checks, BFCL schemas."""

import copy
import importlib.resources
import json

import jsonschema
import pytest

from fc.conversation import (
    as_tool,
    check_tool_calls,
    function_of,
    normalise_bfcl_schema,
    prompt_name,
    tool_names,
    validate_conversation,
)

WEATHER = {
    "name": "get_weather",
    "description": "Current weather in a city.",
    "parameters": {
        "type": "object",
        "properties": {
            "city": {"type": "string", "description": "City name."},
            "days": {"type": "integer", "minimum": 1},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
        },
        "required": ["city"],
    },
}


def conversation() -> dict:
    return {
        "id": "weather-1",
        "tools": [as_tool(copy.deepcopy(WEATHER))],
        "messages": [
            {"role": "system", "content": "You are helpful."},
            {"role": "user", "content": "Weather in Paris?"},
            {"role": "assistant", "content": "", "thinking": "Call the tool.",
             "tool_calls": [{"name": "get_weather", "arguments": {"city": "Paris"}}]},
            {"role": "tool", "name": "get_weather", "content": '{"temp": 21}'},
            {"role": "assistant", "content": "It is 21 degrees in Paris."},
        ],
        "meta": {"source": "test"},
    }


def test_function_of_and_as_tool_round_trip():
    tool = as_tool(WEATHER)
    assert tool == {"type": "function", "function": WEATHER}
    assert function_of(tool) is WEATHER
    assert function_of(WEATHER) is WEATHER
    assert as_tool(tool) == tool  # idempotent
    # a bare schema that happens to have a "function" property is not unwrapped
    odd = {"name": "f", "function": {"name": "g"}}
    assert function_of(odd) is odd


def test_tool_names():
    conv = conversation()
    conv["tools"].append(WEATHER | {"name": "bare"})
    assert tool_names(conv) == ["get_weather", "bare"]
    assert tool_names({"messages": []}) == []


def test_valid_conversation_has_no_problems():
    assert validate_conversation(conversation()) == []
    assert check_tool_calls(conversation()) == []


@pytest.mark.parametrize("edit, problem", [
    (lambda c: c["messages"][2]["tool_calls"][0].update(arguments='{"city": "Paris"}'),
     "messages[2].tool_calls[0].arguments: expected an object, got string"),
    (lambda c: c["messages"][2]["tool_calls"][0].pop("name"), "messages[2].tool_calls[0].name: missing"),
    (lambda c: c["messages"][2]["tool_calls"][0].pop("arguments"), "messages[2].tool_calls[0].arguments: missing"),
    (lambda c: c["messages"][2].update(tool_calls={}), "messages[2].tool_calls: expected an array, got object"),
    (lambda c: c["messages"][1].update(role="human"),
     "messages[1].role: expected one of system, user, assistant, tool, got 'human'"),
    (lambda c: c["messages"][1].pop("content"), "messages[1].content: missing"),
    (lambda c: c["messages"][4].update(content=None), "messages[4].content: expected a string, got null"),
    (lambda c: c["messages"][3].pop("name"), "messages[3].name: missing (a tool result names its tool)"),
    (lambda c: c["messages"][3].update(name="get_time"),
     "messages[3].name: 'get_time' answers no call of the preceding assistant turn (called: get_weather)"),
    (lambda c: c["messages"].pop(2), "messages[2]: tool result without a preceding assistant tool call"),
    (lambda c: c["messages"][1].update(thinking="hm"), "messages[1].thinking: only assistant messages carry thinking"),
    (lambda c: c["messages"][4].update(content=""),
     "messages[4]: assistant message has no content, thinking or tool_calls"),
    (lambda c: c["tools"].append(as_tool(WEATHER)), "tools[1]: duplicate tool name 'get_weather'"),
    (lambda c: c["tools"][0]["function"].update(parameters=[]),
     "tools[0].function.parameters: expected an object, got array"),
    (lambda c: c["tools"][0]["function"].pop("name"), "tools[0].function.name: missing"),
    (lambda c: c.update(id=7), "id: expected a string, got integer"),
    (lambda c: c.update(messages=[]), "messages: empty"),
    (lambda c: c.pop("messages"), "messages: missing"),
])
def test_structural_problems_name_the_field(edit, problem):
    conv = conversation()
    edit(conv)
    assert problem in validate_conversation(conv)


def test_validate_never_raises_on_garbage():
    for garbage in (None, 3, "text", [], {"messages": [None, 5, {"role": "assistant", "tool_calls": [3]}]}):
        assert isinstance(validate_conversation(garbage), list)
        assert isinstance(check_tool_calls(garbage), list)
    assert validate_conversation(None) == ["conversation: expected an object, got null"]


def test_check_tool_calls_reports_unknown_tools_and_schema_violations():
    conv = conversation()
    conv["messages"][2]["tool_calls"] = [
        {"name": "get_weather", "arguments": {"city": 5, "days": 0}},
        {"name": "get_time", "arguments": {}},
        {"name": "get_weather", "arguments": {"unit": "kelvin"}},
    ]
    problems = check_tool_calls(conv)
    assert problems == [
        "messages[2].tool_calls[0] (get_weather): arguments.city: 5 is not of type 'string'",
        "messages[2].tool_calls[0] (get_weather): arguments.days: 0 is less than the minimum of 1",
        "messages[2].tool_calls[1] (get_time): unknown tool (known: get_weather)",
        "messages[2].tool_calls[2] (get_weather): arguments: 'city' is a required property",
        "messages[2].tool_calls[2] (get_weather): arguments.unit: 'kelvin' is not one of ['celsius', 'fahrenheit']",
    ]


def test_check_tool_calls_reports_an_invalid_schema_instead_of_crashing():
    conv = conversation()
    conv["tools"][0]["function"]["parameters"]["properties"]["city"]["type"] = "dict"
    problems = check_tool_calls(conv)
    assert len(problems) == 1 and problems[0].startswith("tools[0] (get_weather): invalid parameters schema:")


def test_prompt_name():
    assert prompt_name("math.factorial") == "math_factorial"
    assert prompt_name("GeometryPresentation.createPresentation") == "GeometryPresentation_createPresentation"
    assert prompt_name("already_ok-1") == "already_ok-1"
    assert prompt_name("a b/c") == "a_b_c"


def test_normalise_bfcl_schema_maps_types_recursively_and_keeps_the_rest():
    bfcl = {
        "name": "geo.area",
        "description": "Area of a shape.",
        "parameters": {
            "type": "dict",
            "properties": {
                "points": {"type": "array", "items": {"type": "tuple", "items": {"type": "float"}},
                           "description": "Vertices."},
                "options": {"type": "dict", "properties": {"precise": {"type": "Boolean", "default": False},
                                                            "label": {"type": "String"},
                                                            "extra": {"type": "HashMap"}}},
                "unit": {"type": "string", "enum": ["m", "km"], "default": "m"},
                "hint": {"type": "any", "description": "Anything."},
                "count": {"type": "long"},
                "ratio": {"type": "double"},
                "letter": {"type": "char"},
                "names": {"type": "ArrayList", "items": {"type": "String"}},
                "blank": {"type": ""},
            },
            "required": ["points"],
        },
        "response": {"type": "dict"},
    }
    original = copy.deepcopy(bfcl)
    out = normalise_bfcl_schema(bfcl)
    assert bfcl == original  # input untouched
    assert out == {
        "name": "geo.area",
        "description": "Area of a shape.",
        "parameters": {
            "type": "object",
            "properties": {
                "points": {"type": "array", "items": {"type": "array", "items": {"type": "number"}},
                           "description": "Vertices."},
                "options": {"type": "object", "properties": {"precise": {"type": "boolean", "default": False},
                                                              "label": {"type": "string"},
                                                              "extra": {"type": "object"}}},
                "unit": {"type": "string", "enum": ["m", "km"], "default": "m"},
                "hint": {"description": "Anything."},
                "count": {"type": "integer"},
                "ratio": {"type": "number"},
                "letter": {"type": "string"},
                "names": {"type": "array", "items": {"type": "string"}},
                "blank": {},
            },
            "required": ["points"],
        },
    }


STANDARD_TYPES = {"object", "number", "integer", "string", "boolean", "array", "null"}


def _types(schema):
    if isinstance(schema, dict):
        if "type" in schema:
            yield schema["type"]
        for key in ("properties",):
            for sub in (schema.get(key) or {}).values():
                yield from _types(sub)
        if isinstance(schema.get("items"), dict):
            yield from _types(schema["items"])


@pytest.mark.parametrize("category", ["simple_python", "simple_java", "simple_javascript", "parallel_multiple",
                                      "live_simple"])
def test_every_installed_bfcl_schema_normalises_to_valid_json_schema(category):
    data = importlib.resources.files("bfcl_eval") / "data" / f"BFCL_v4_{category}.json"
    count = 0
    for line in data.read_text(encoding="utf-8").splitlines():
        for function in json.loads(line)["function"]:
            out = normalise_bfcl_schema(function)
            jsonschema.Draft202012Validator.check_schema(out["parameters"])
            assert set(_types(out["parameters"])) <= STANDARD_TYPES, function["name"]
            count += 1
    assert count >= 50
