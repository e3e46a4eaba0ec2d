"""fc.schema_guide: which continuations of a call fit the offered tools' schemas (no torch).

    python -m pytest tests/test_schema_guide.py
"""

import json

import pytest

from fc.schema_guide import ToolSchemaGuide

SCHEMA = {
    "type": "object",
    "properties": {
        "count": {"type": "integer"},
        "rate": {"type": "float"},  # a BFCL type name
        "season": {"type": "string"},
        "unit": {"type": "string", "enum": ["cm", "m"]},
        "level": {"type": "integer", "enum": [1, 10]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "pairs": {"type": "tuple", "items": {"type": "integer"}},
        "exact": {"type": "boolean"},
        "where": {"type": "dict", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        "extra": {"type": "object"},
        "note": {"type": ["string", "null"]},
        "either": {"anyOf": [{"type": "integer"}, {"type": "boolean"}]},
        "anything": {"description": "no type"},
    },
    "required": ["count"],
}
TOOLS = [
    {"type": "function", "function": {"name": "measure", "parameters": SCHEMA}},
    {"name": "measure_all", "parameters": {"type": "object", "properties": {}}},  # a bare function dict
]
HERMES = ToolSchemaGuide("hermes", TOOLS)


def call(arguments: str, name: str = "measure") -> str:
    return '{"name":"' + name + '","arguments":{' + arguments


@pytest.mark.parametrize("region", [
    "", "\n", "\n{", '{"na', '{"name":"meas', '{"name":"measure', '{"name":"measure_all","arguments":{}}',
    call(""), call('"cou'), call('"count":-'), call('"count":12'), call('"count":0'),
    call('"count":1,"rate":0.'), call('"count":1,"rate":-1.5e'), call('"count":1,"rate":2E+3'),
    call('"count":1,"rate":3'),  # an integer for a number: BFCL accepts it
    call('"count":1,"season":"2019-2020\\"\\u00e9\\'), call('"count":1,"unit":"c'), call('"count":1,"level":1'),
    call('"count":1,"tags":["a","b"'), call('"count":1,"tags":[]'), call('"count":1,"pairs":[1,2]'),
    call('"count":1,"exact":fal'), call('"count":1,"where":{"city":"Paris"}'), call('"count":1,"extra":{"k":[1,{"x":null}]'),
    call('"count":1,"note":null'), call('"count":1,"note":"n"'), call('"count":1,"either":tr'),
    call('"count":1,"either":7'), call('"count":1,"anything":[true,"x",{}]'),
    call('"count":1}}'), call('"count":1}}\n'), call('"count":1}}\n</tool'),
])
def test_prefixes_that_can_still_become_a_call_are_open(region):
    assert HERMES.check(region) == "open"


@pytest.mark.parametrize("region", [
    '{"name":"mesure', '{"arguments"', ' x', '{"name": "measure"',  # compact JSON inside a call
    call('"count":2019-'), call('"count":1.5'), call('"count":01'), call('"count":"3"'),
    call('"count":1,"season":2019'), call('"count":1,"season":"a\nb'), call('"count":1,"season":"\\x'),
    call('"count":1,"unit":"k'), call('"count":1,"unit":"cm",}'), call('"count":1,"level":100'),
    call('"count":1,"tags":[1'), call('"count":1,"tags":["a" '), call('"count":1,"pairs":[1.5'),
    call('"count":1,"exact":"yes"'), call('"count":1,"where":{"town"'), call('"count":1,"where":{}'),
    call('"count":1,"either":"x"'), call('"count":1,"count":2'), call('"colour"'), call('"unit":"cm"}'),
    call('"count":1}}x'), call('"count":1}}\n</tool_call'[:-4] + "x"), call('"a":1', name="measure_all"),
])
def test_continuations_no_call_can_take_are_invalid(region):
    assert HERMES.check(region) == "invalid"


def test_a_whole_call_and_its_close_tag_leave_the_region():
    done = call('"count":3,"unit":"m"}}') + "\n</tool_call>"
    assert HERMES.check(done) == "closed"
    assert HERMES.region("I'll measure.<tool_call>\n" + done + "\nDone") is None
    assert HERMES.region("prose only") is None
    assert HERMES.region("<tool_call>" + call('"count":"x"')) is None  # already off its schema
    assert HERMES.region("<tool_call>" + done + "<tool_call>\n" + call('"cou')) == "\n" + call('"cou')


def test_every_prefix_of_a_well_formed_call_is_open_and_the_whole_is_closed():
    arguments = {"count": 2, "rate": 0.05, "season": 'the "2019-20" one', "tags": ["é", "b"], "exact": True,
                 "where": {"city": "Los Angeles, CA"}, "pairs": [1, -2], "level": 10, "note": None}
    text = "\n" + json.dumps({"name": "measure", "arguments": arguments}, ensure_ascii=False,
                             separators=(",", ":")) + "\n</tool_call>"
    assert [HERMES.check(text[:n]) for n in range(len(text))] == ["open"] * len(text)
    assert HERMES.check(text) == "closed"


def test_mistral_regions_are_a_list_of_calls():
    guide = ToolSchemaGuide("mistral", TOOLS)
    one = '{"name":"measure","arguments":{"count":1}}'
    assert guide.check("[" + one + "," + one) == "open"
    assert guide.check("[" + one + "," + one + "]") == "closed"
    assert guide.check(one) == "invalid"  # the list's bracket first
    assert guide.region("[TOOL_CALLS][" + one) == "[" + one


def test_no_tools_or_malformed_schemas_guide_nothing_and_never_raise():
    assert ToolSchemaGuide("hermes", []).check('{"anything') == "closed"
    assert ToolSchemaGuide("hermes", []).region("<tool_call>{") is None
    odd = ToolSchemaGuide("hermes", [{"name": "f", "parameters": "not a schema"}, {"description": "no name"},
                                     {"name": "g", "parameters": {"properties": ["x"], "required": [3]}},
                                     {"name": "h", "parameters": {"type": "object", "properties": {"a": "?"}}},
                                     {"name": "k", "parameters": {"properties": {"a": {}}, "required": "a"}}])
    assert odd.check('{"name":"f","arguments":{"any":[1]}}') == "open"
    assert odd.check('{"name":"g","arguments":{"x":1}}') == "open"
    assert odd.check('{"name":"h","arguments":{"a":{"b":"c"}}}') == "open"
    assert odd.check('{"name":"k","arguments":{}}') == "open"
    assert odd.check('{"name":"nameless"') == "invalid"
    with pytest.raises(ValueError, match="format"):
        ToolSchemaGuide("no-such-format", TOOLS)
