"""Tests of fc/formats.py: exact rendering, trainable segments, parsing edge cases, the chat
template, and round-trip properties (parse(render(conversation)) gives back the calls)."""

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fc.formats import (
    CALL_ERROR_KINDS,
    DEFAULT_FORMAT,
    END_OF_TURN,
    FORMATS,
    SPECIAL_TOKENS,
    TURN_TOKENS,
    ParsedTurn,
    Segment,
    get_format,
    hermes_chat_template,
    mistral_chat_template,
)

HERMES, MISTRAL = FORMATS["hermes"], FORMATS["mistral"]

# The Mistral API example of issue 3, in canonical form (what fc.data loads it into).
PAYMENT_TOOL = {"type": "function", "function": {
    "name": "retrieve_payment_status",
    "description": "Get payment status of a transaction",
    "parameters": {"type": "object",
                   "properties": {"transaction_id": {"type": "string", "description": "The transaction id."}},
                   "required": ["transaction_id"]}}}
PAYMENT = [
    {"role": "user", "content": "What's the status of my transaction T1001?"},
    {"role": "assistant", "content": "",
     "tool_calls": [{"name": "retrieve_payment_status", "arguments": {"transaction_id": "T1001"}}]},
    {"role": "tool", "name": "retrieve_payment_status", "content": "{\"status\": \"Paid\"}"},
    {"role": "assistant", "content": "Your transaction T1001 has been successfully paid."},
]

HERMES_PAYMENT = (
    "<start_of_turn>user\n"
    'You may call these tools, each call written as <tool_call>{"name":<tool name>,"arguments":<JSON object>}'
    "</tool_call>; if no tool fits, answer directly, and if a required value is missing, ask for it.\n"
    "<tools>\n"
    '{"name":"retrieve_payment_status","description":"Get payment status of a transaction","parameters":'
    '{"type":"object","properties":{"transaction_id":{"type":"string","description":"The transaction id."}},'
    '"required":["transaction_id"]}}\n'
    "</tools>\n\n"
    "What's the status of my transaction T1001?<end_of_turn>\n"
    "<start_of_turn>model\n"
    "<tool_call>\n"
    '{"name":"retrieve_payment_status","arguments":{"transaction_id":"T1001"}}\n'
    "</tool_call><end_of_turn>\n"
    "<start_of_turn>user\n"
    "<tool_response>\n"
    '{"status": "Paid"}\n'
    "</tool_response><end_of_turn>\n"
    "<start_of_turn>model\n"
    "Your transaction T1001 has been successfully paid.<end_of_turn>\n"
)

MISTRAL_PAYMENT = (
    "<start_of_turn>user\n"
    'You may call these tools, all calls written as [TOOL_CALLS][{"name":<tool name>,"arguments":<JSON object>},'
    "...]; if no tool fits, answer directly, and if a required value is missing, ask for it.\n"
    '[AVAILABLE_TOOLS][{"name":"retrieve_payment_status","description":"Get payment status of a transaction",'
    '"parameters":{"type":"object","properties":{"transaction_id":{"type":"string","description":'
    '"The transaction id."}},"required":["transaction_id"]}}][/AVAILABLE_TOOLS]\n\n'
    "What's the status of my transaction T1001?<end_of_turn>\n"
    "<start_of_turn>model\n"
    '[TOOL_CALLS][{"name":"retrieve_payment_status","arguments":{"transaction_id":"T1001"}}]<end_of_turn>\n'
    "<start_of_turn>user\n"
    '[TOOL_RESULTS]{"name":"retrieve_payment_status","content":{"status": "Paid"}}[/TOOL_RESULTS]<end_of_turn>\n'
    "<start_of_turn>model\n"
    "Your transaction T1001 has been successfully paid.<end_of_turn>\n"
)


# ------------------------------------------------------------------------ registry, tokens


def test_tokens_and_registry():
    assert SPECIAL_TOKENS == (
        "<tools>", "</tools>", "<think>", "</think>", "<tool_call>", "</tool_call>", "<tool_response>",
        "</tool_response>", "[AVAILABLE_TOOLS]", "[/AVAILABLE_TOOLS]", "[TOOL_CALLS]", "[TOOL_RESULTS]",
        "[/TOOL_RESULTS]", "[THINK]", "[/THINK]")
    assert "<tool_reponse>" not in SPECIAL_TOKENS  # the agents-course typo
    assert TURN_TOKENS == ("<start_of_turn>", "<end_of_turn>") and END_OF_TURN == "<end_of_turn>"
    assert set(HERMES.special_tokens) | set(MISTRAL.special_tokens) == set(SPECIAL_TOKENS)
    assert get_format(DEFAULT_FORMAT) is HERMES and get_format(MISTRAL) is MISTRAL
    with pytest.raises(ValueError, match="unknown tool-call format 'chatml'; known formats: hermes, mistral"):
        get_format("chatml")


def test_parsing_modules_import_no_model_stack():
    code = ("import sys, fc.formats, fc.conversation, fc.schema_guide; "
            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------------------- render


def test_mistral_api_example_renders_exactly_in_hermes():
    assert HERMES.render_text(PAYMENT, [PAYMENT_TOOL]) == HERMES_PAYMENT


def test_mistral_api_example_renders_exactly_in_mistral():
    assert MISTRAL.render_text(PAYMENT, [PAYMENT_TOOL]) == MISTRAL_PAYMENT


@pytest.mark.parametrize("fmt", [HERMES, MISTRAL], ids=lambda f: f.name)
def test_mistral_api_example_round_trips(fmt):
    bodies = [s.text for s in fmt.render(PAYMENT, [PAYMENT_TOOL]) if s.trainable]
    first, second = fmt.parse(bodies[0]), fmt.parse(bodies[1])
    assert first == ParsedTurn("", None, tuple(PAYMENT[1]["tool_calls"]), ())
    assert second == ParsedTurn(PAYMENT[3]["content"], None, (), ())
    assert first.tried_to_call and not second.tried_to_call and first.ok and second.ok


def test_bare_function_schemas_and_trl_shaped_calls_render_the_same():
    trl = [dict(m) for m in PAYMENT]
    trl[1] = {"role": "assistant", "content": "", "tool_calls": [
        {"type": "function", "function": {"name": "retrieve_payment_status", "arguments": {"transaction_id": "T1001"}}}]}
    assert HERMES.render_text(trl, [PAYMENT_TOOL["function"]]) == HERMES_PAYMENT


def test_system_text_and_tools_open_the_first_user_turn():
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"},
                {"role": "assistant", "content": "Hello!"}]
    text = HERMES.render_text(messages, [PAYMENT_TOOL])
    assert text.startswith("<start_of_turn>user\nBe brief.\n\nYou may call these tools")
    assert "</tools>\n\nHi<end_of_turn>\n<start_of_turn>model\nHello!<end_of_turn>\n" in text
    assert "system" not in text.replace("Be brief.", "")  # Gemma has no system role
    # no tools: no tools block, no instruction
    assert HERMES.render_text(messages, []) == (
        "<start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n<start_of_turn>model\nHello!<end_of_turn>\n")
    assert MISTRAL.render_text(messages, None) == HERMES.render_text(messages, None)


def test_parallel_calls_and_their_results():
    messages = [
        {"role": "user", "content": "Weather in Paris and Rome?"},
        {"role": "assistant", "content": "", "thinking": "Two cities, two calls.", "tool_calls": [
            {"name": "get_weather", "arguments": {"city": "Paris"}},
            {"name": "get_weather", "arguments": {"city": "Rome"}}]},
        {"role": "tool", "name": "get_weather", "content": "21"},
        {"role": "tool", "name": "get_weather", "content": "25"},
        {"role": "user", "content": "Thanks"},
    ]
    assert HERMES.render_text(messages) == (
        "<start_of_turn>user\nWeather in Paris and Rome?<end_of_turn>\n"
        "<start_of_turn>model\n<think>Two cities, two calls.</think>\n"
        '<tool_call>\n{"name":"get_weather","arguments":{"city":"Paris"}}\n</tool_call>\n'
        '<tool_call>\n{"name":"get_weather","arguments":{"city":"Rome"}}\n</tool_call><end_of_turn>\n'
        "<start_of_turn>user\n<tool_response>\n21\n</tool_response>\n<tool_response>\n25\n</tool_response>"
        "\n\nThanks<end_of_turn>\n")
    assert MISTRAL.render_text(messages) == (
        "<start_of_turn>user\nWeather in Paris and Rome?<end_of_turn>\n"
        "<start_of_turn>model\n[THINK]Two cities, two calls.[/THINK]\n"
        '[TOOL_CALLS][{"name":"get_weather","arguments":{"city":"Paris"}},'
        '{"name":"get_weather","arguments":{"city":"Rome"}}]<end_of_turn>\n'
        '<start_of_turn>user\n[TOOL_RESULTS]{"name":"get_weather","content":21}[/TOOL_RESULTS]\n'
        '[TOOL_RESULTS]{"name":"get_weather","content":25}[/TOOL_RESULTS]\n\nThanks<end_of_turn>\n')


@pytest.mark.parametrize("fmt", [HERMES, MISTRAL], ids=lambda f: f.name)
def test_keep_thinking_false_drops_thoughts(fmt):
    messages = [{"role": "user", "content": "2+2?"},
                {"role": "assistant", "thinking": "Easy.", "content": "4"}]
    assert "Easy." in fmt.render_text(messages)
    text = fmt.render_text(messages, keep_thinking=False)
    assert "Easy." not in text and fmt.think_tags[0] not in text
    assert text.endswith("<start_of_turn>model\n4<end_of_turn>\n")


@pytest.mark.parametrize("fmt", [HERMES, MISTRAL], ids=lambda f: f.name)
def test_only_assistant_bodies_are_trainable(fmt):
    messages = [{"role": "system", "content": "S"}, *PAYMENT, {"role": "user", "content": "And T1002?"},
                {"role": "assistant", "thinking": "Again.", "content": "Let me check.",
                 "tool_calls": [{"name": "retrieve_payment_status", "arguments": {"transaction_id": "T1002"}}]}]
    segments = fmt.render(messages, [PAYMENT_TOOL])
    assert all(isinstance(s, Segment) and s.text for s in segments)
    assert "".join(s.text for s in segments) == fmt.render_text(messages, [PAYMENT_TOOL])
    trainable = [s.text for s in segments if s.trainable]
    assistants = [m for m in messages if m["role"] == "assistant"]
    assert trainable == [fmt.assistant_body(m) + END_OF_TURN for m in assistants]
    for s in segments:
        if s.trainable:
            assert "<start_of_turn>" not in s.text and s.text.count(END_OF_TURN) == 1
        else:  # user, system and tool text is never trained on
            assert not any(t in s.text for t in ("T1001 has been", "Let me check", "Again."))
    assert [s.trainable for s in segments] == [False, True] * len(assistants) + [False]


@pytest.mark.parametrize("fmt", [HERMES, MISTRAL], ids=lambda f: f.name)
def test_prompt_plus_generation_is_the_training_text(fmt):
    """What the model sees at generation time is exactly the prefix it was trained on."""
    for k, message in enumerate(PAYMENT):
        if message["role"] == "assistant":
            prompt = fmt.render_prompt(PAYMENT[:k], [PAYMENT_TOOL])
            assert prompt.endswith("<start_of_turn>model\n")
            full = fmt.render_text(PAYMENT[: k + 1], [PAYMENT_TOOL])
            assert full == prompt + fmt.assistant_body(message) + END_OF_TURN + "\n"


def test_render_rejects_an_unknown_role_naming_it():
    with pytest.raises(ValueError, match=r"messages\[1\].role: expected system, user, assistant or tool, got 'bot'"):
        HERMES.render([{"role": "user", "content": "x"}, {"role": "bot", "content": "y"}])


def test_empty_conversation_with_tools_still_shows_them():
    text = HERMES.render_prompt([], [PAYMENT_TOOL])
    assert text.startswith("<start_of_turn>user\nYou may call") and text.endswith(
        "</tools><end_of_turn>\n<start_of_turn>model\n")


# -------------------------------------------------------------------------------- parse


def calls(*pairs):
    return tuple({"name": name, "arguments": args} for name, args in pairs)


@pytest.mark.parametrize("text, expected_calls, content", [
    # strict JSON, the rendered shape
    ('<tool_call>\n{"name":"f","arguments":{"a":1}}\n</tool_call>', calls(("f", {"a": 1})), ""),
    # Python-literal dict (the course data writes calls with single quotes)
    ("<tool_call>\n{'name': 'f', 'arguments': {'a': 'it\\'s', 'b': True, 'c': None, 'd': -2.5}}\n</tool_call>",
     calls(("f", {"a": "it's", "b": True, "c": None, "d": -2.5})), ""),
    # half Python half JSON
    ("<tool_call>{'name': 'f', 'arguments': {'ok': true, 'x': null}}</tool_call>",
     calls(("f", {"ok": True, "x": None})), ""),
    # parallel: several blocks, one block with one object per line, one block with a list
    ('<tool_call>{"name":"f","arguments":{}}</tool_call>\n<tool_call>{"name":"g","arguments":{"x":[1,2]}}</tool_call>',
     calls(("f", {}), ("g", {"x": [1, 2]})), ""),
    ('<tool_call>\n{"name":"f","arguments":{}}\n{"name":"g","arguments":{}}\n</tool_call>',
     calls(("f", {}), ("g", {})), ""),
    ('<tool_call>[{"name":"f","arguments":{}}, {"name":"g","arguments":{}}]</tool_call>',
     calls(("f", {}), ("g", {})), ""),
    # whitespace everywhere, trailing end of turn and anything after it
    ('  \n<tool_call>   \n\n {"name" : "f" ,\n "arguments" : {"a" : 1} }  \n\n</tool_call>  <end_of_turn>\n<start_of_turn>user',
     calls(("f", {"a": 1})), ""),
    ('<tool_call>{"name":"f","arguments":{}}</tool_call><eos>', calls(("f", {})), ""),
    # missing final closing tag: generation stopped right after the call
    ('<tool_call>\n{"name":"f","arguments":{"a":1}}', calls(("f", {"a": 1})), ""),
    ('<tool_call>{"name":"f","arguments":{}}\n<tool_call>{"name":"g","arguments":{}}',
     calls(("f", {}), ("g", {})), ""),
    # arguments as a JSON string, "parameters" for "arguments", OpenAI-wrapped call, no arguments
    ('<tool_call>{"name":"f","arguments":"{\\"a\\": 1}"}</tool_call>', calls(("f", {"a": 1})), ""),
    ('<tool_call>{"name":"f","parameters":{"a":1}}</tool_call>', calls(("f", {"a": 1})), ""),
    ('<tool_call>{"type":"function","function":{"name":"f","arguments":{"a":1}}}</tool_call>',
     calls(("f", {"a": 1})), ""),
    ('<tool_call>{"name":"now"}</tool_call>', calls(("now", {})), ""),
    # a code fence inside the tags
    ('<tool_call>\n```json\n{"name":"f","arguments":{"a":1}}\n```\n</tool_call>', calls(("f", {"a": 1})), ""),
    # a closing tag inside an argument string does not end the call
    ('<tool_call>{"name":"echo","arguments":{"text":"</tool_call> is a tag"}}</tool_call>',
     calls(("echo", {"text": "</tool_call> is a tag"})), ""),
    # content before and after, unicode
    ('Let me check.\n<tool_call>{"name":"f","arguments":{"q":"naïve 東京"}}</tool_call>\nOne moment.',
     calls(("f", {"q": "naïve 東京"})), "Let me check.\n\nOne moment."),
    # plain answers
    ("The answer is 4.<end_of_turn>", (), "The answer is 4."),
    ("", (), ""),
    ('Use JSON like {"name": "Alice", "age": 3}.', (), 'Use JSON like {"name": "Alice", "age": 3}.'),
])
def test_hermes_parse_accepts(text, expected_calls, content):
    parsed = HERMES.parse(text)
    assert parsed.errors == ()
    assert parsed.tool_calls == expected_calls
    assert parsed.content == content
    assert parsed.tried_to_call == bool(expected_calls)


def test_think_call_and_content_together():
    parsed = HERMES.parse('<think>\nThe user wants f.\n</think>\nSure.\n<tool_call>\n{"name":"f","arguments":{}}\n'
                          '</tool_call><end_of_turn>')
    assert parsed == ParsedTurn("Sure.", "The user wants f.", calls(("f", {})), ())
    # a call written inside the thought is a thought, not a call
    assert HERMES.parse('<think>maybe <tool_call>{"name":"f","arguments":{}}</tool_call></think>No call.') == \
        ParsedTurn("No call.", 'maybe <tool_call>{"name":"f","arguments":{}}</tool_call>', (), ())


@pytest.mark.parametrize("text, kind", [
    ('<tool_call>{"name":"f","arguments":{"a":1}</tool_call>', "invalid_json"),
    ("<tool_call>get_weather(city='Paris')</tool_call>", "invalid_json"),
    ("<tool_call>\n</tool_call>", "empty_call"),
    ("<tool_call>", "unclosed"),
    ('<tool_call>\n{"name":"f","arguments":{"city":"Par', "unclosed"),  # truncated JSON at max tokens
    ('<tool_call>"f"</tool_call>', "not_an_object"),
    ('<tool_call>{"name":"f","arguments":{"x":NaN}}</tool_call>', "invalid_json"),  # not JSON, not comparable
    ("<tool_call>{'name': 'f', 'arguments': {'x': __import__('os')}}</tool_call>", "invalid_json"),  # no eval
    ("<tool_call>{'name': 'f', 'arguments': {1: 2}}</tool_call>", "invalid_json"),  # keys must be strings
    ('<tool_call>{"arguments":{"a":1}}</tool_call>', "missing_name"),
    ('<tool_call>{"name":"","arguments":{}}</tool_call>', "invalid_name"),
    ('<tool_call>{"name":3,"arguments":{}}</tool_call>', "invalid_name"),
    ('<tool_call>{"name":"f","arguments":[1]}</tool_call>', "invalid_arguments"),
    ('<tool_call>{"name":"f","arguments":"city=Paris"}</tool_call>', "invalid_arguments"),
    ('{"name": "f", "arguments": {"a": 1}}', "untagged_call"),
    ("{'name': 'f', 'arguments': {}}<end_of_turn>", "untagged_call"),
    ('I will call it: {"name": "f", "arguments": {"a": ', "untagged_call"),
    ('{"name":"f","arguments":{}}</tool_call>', "untagged_call"),
])
def test_hermes_parse_reports_malformed_calls(text, kind):
    parsed = HERMES.parse(text)
    assert [e.kind for e in parsed.errors] == [kind]
    assert parsed.tried_to_call and not parsed.ok and parsed.tool_calls == ()
    assert parsed.errors[0].message and parsed.errors[0].raw


def test_one_bad_call_does_not_hide_the_good_ones():
    parsed = HERMES.parse('<tool_call>{"name":"f","arguments":{}}</tool_call>\n<tool_call>{"name":"g",</tool_call>')
    assert parsed.tool_calls == calls(("f", {})) and [e.kind for e in parsed.errors] == ["invalid_json"]


def test_unclosed_thinking_is_reported_but_is_not_a_call():
    parsed = HERMES.parse("<think>still thinking about it")
    assert parsed.thinking == "still thinking about it" and parsed.content == ""
    assert [e.kind for e in parsed.errors] == ["unclosed_think"]
    assert not parsed.tried_to_call and not parsed.ok
    assert "unclosed_think" not in CALL_ERROR_KINDS and "untagged_call" in CALL_ERROR_KINDS


@pytest.mark.parametrize("text, expected_calls, content", [
    ('[TOOL_CALLS][{"name":"f","arguments":{"a":1}}]', calls(("f", {"a": 1})), ""),
    ("[TOOL_CALLS] [{'name': 'f', 'arguments': {'a': True}}, {'name': 'g', 'arguments': {}}]<end_of_turn>",
     calls(("f", {"a": True}), ("g", {})), ""),
    ('[TOOL_CALLS]{"name":"f","arguments":{}}', calls(("f", {})), ""),  # a single object, no list
    ('[THINK]hm[/THINK]\nChecking.\n[TOOL_CALLS][{"name":"f","arguments":{"t":"[TOOL_CALLS]"}}]',
     calls(("f", {"t": "[TOOL_CALLS]"})), "Checking."),
    ('[TOOL_CALLS]```json\n[{"name":"f","arguments":{}}]\n```', calls(("f", {})), ""),
    ("Paid.<end_of_turn>", (), "Paid."),
])
def test_mistral_parse_accepts(text, expected_calls, content):
    parsed = MISTRAL.parse(text)
    assert parsed.errors == () and parsed.tool_calls == expected_calls and parsed.content == content


@pytest.mark.parametrize("text, kind", [
    ('[TOOL_CALLS][{"name":"f","arguments":{"a":', "unclosed"),
    ("[TOOL_CALLS]", "empty_call"),
    ("[TOOL_CALLS] f(a=1)", "invalid_json"),
    ('[TOOL_CALLS]["f"]', "not_an_object"),
    ("[TOOL_CALLS][]", "empty_call"),
    ('[{"name": "f", "arguments": {}}]', "untagged_call"),
])
def test_mistral_parse_reports_malformed_calls(text, kind):
    parsed = MISTRAL.parse(text)
    assert [e.kind for e in parsed.errors] == [kind] and parsed.tried_to_call


@pytest.mark.parametrize("fmt", [HERMES, MISTRAL], ids=lambda f: f.name)
@settings(max_examples=300, deadline=None)
@given(garbage=st.one_of(
    st.text(),
    st.lists(st.sampled_from(list(SPECIAL_TOKENS) + ["{", "}", "[", "]", '"', "'", ":", ",", "\\", "name",
                                                     '"name":', "arguments", "<end_of_turn>", " ", "\n", "1"]))
    .map("".join)))
def test_parse_never_raises(fmt, garbage):
    parsed = fmt.parse(garbage)
    assert isinstance(parsed, ParsedTurn)
    assert all(e.kind != "invalid_json" or not e.message.startswith("parser failed") for e in parsed.errors)
    for call in parsed.tool_calls:
        assert isinstance(call["name"], str) and isinstance(call["arguments"], dict)


# ---------------------------------------------------------------------------- properties

_TAGS = SPECIAL_TOKENS + TURN_TOKENS + ("<eos>",)
free_text = st.text(max_size=40).filter(lambda s: not any(tag in s for tag in _TAGS))
names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,24}", fullmatch=True)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**18, 10**18),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
                    st.sampled_from(['say "hi"', "it's", "a\nb", "back\\slash", "東京 ☃ \u2028", "{'name': 'x'}",
                                     "</tool_call>", "[/TOOL_RESULTS]"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
arguments = st.dictionaries(st.text(max_size=10), values, max_size=4)
# The turn tokens are the stop tokens: a generation never holds them inside a call, so parse ends
# the turn at them wherever they are. Every other tag may appear inside argument strings.
_STOPS = TURN_TOKENS + ("<eos>",)
tool_calls = st.lists(st.fixed_dictionaries({"name": names, "arguments": arguments}), min_size=1, max_size=3).filter(
    lambda cs: not any(stop in json.dumps(cs, ensure_ascii=False) for stop in _STOPS))


@st.composite
def conversations(draw):
    tool_list = [{"type": "function", "function": {"name": n, "description": draw(free_text),
                                                   "parameters": {"type": "object", "properties": {}}}}
                 for n in draw(st.lists(names, max_size=3, unique=True))]
    messages = []
    if draw(st.booleans()):
        messages.append({"role": "system", "content": draw(free_text)})
    for _ in range(draw(st.integers(1, 3))):
        messages.append({"role": "user", "content": draw(free_text)})
        if draw(st.booleans()):
            turn_calls = draw(tool_calls)
            message = {"role": "assistant", "content": draw(free_text), "tool_calls": turn_calls}
            if draw(st.booleans()):
                message["thinking"] = draw(free_text)
            messages.append(message)
            messages.extend({"role": "tool", "name": c["name"], "content": draw(free_text)} for c in turn_calls)
        answer = {"role": "assistant", "content": draw(free_text.filter(str.strip))}
        if draw(st.booleans()):
            answer["thinking"] = draw(free_text)
        messages.append(answer)
    return {"messages": messages, "tools": tool_list}


@pytest.mark.parametrize("fmt", [HERMES, MISTRAL], ids=lambda f: f.name)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conv=conversations())
def test_parse_of_render_gives_back_the_calls(fmt, conv):
    segments = fmt.render(conv["messages"], conv["tools"])
    bodies = [s.text for s in segments if s.trainable]
    assistants = [m for m in conv["messages"] if m["role"] == "assistant"]
    assert len(bodies) == len(assistants)
    for body, message in zip(bodies, assistants):
        parsed = fmt.parse(body)
        assert parsed.errors == ()
        assert list(parsed.tool_calls) == message.get("tool_calls", [])
        assert parsed.content == message["content"].strip()
        thinking = message.get("thinking")
        assert parsed.thinking == (thinking.strip() if thinking else None)


@pytest.mark.parametrize("fmt", [HERMES, MISTRAL], ids=lambda f: f.name)
@settings(max_examples=100, deadline=None)
@given(turn_calls=tool_calls)
def test_python_literal_calls_parse_like_json(fmt, turn_calls):
    if fmt is HERMES:
        text = "\n".join(f"<tool_call>\n{call!r}\n</tool_call>" for call in turn_calls)
    else:
        text = f"[TOOL_CALLS]{turn_calls!r}"
    parsed = fmt.parse(text)
    assert parsed.errors == () and list(parsed.tool_calls) == turn_calls


# ------------------------------------------------------------------------- chat template


def render_with_template(template, messages, tools, **kwargs):
    """transformers' own renderer (sandboxed Jinja, its tojson), as apply_chat_template uses it."""
    from transformers.utils.chat_template_utils import render_jinja_template

    rendered, spans = render_jinja_template([messages], tools=tools or None, chat_template=template,
                                            return_assistant_tokens_mask=True, bos_token="<bos>", **kwargs)
    return rendered[0], spans[0]


def trainable_spans(segments, offset):
    spans, pos = [], offset
    for s in segments:
        if s.trainable:
            spans.append((pos, pos + len(s.text)))
        pos += len(s.text)
    return spans


TEMPLATE_CASES = {
    "payment": (PAYMENT, [PAYMENT_TOOL], {}),
    "prompt": (PAYMENT[:3], [PAYMENT_TOOL], {"add_generation_prompt": True}),
    "no_thinking": ([{"role": "user", "content": "q"}, {"role": "assistant", "thinking": "t", "content": "a"}], [],
                    {"keep_thinking": False}),
    "system_only": ([{"role": "system", "content": "S"}], [PAYMENT_TOOL], {"add_generation_prompt": True}),
    "bare_schema_json_content": ([{"role": "user", "content": "x"},
                                  {"role": "assistant", "tool_calls": [{"name": "f", "arguments": '{"a": 1}'}]},
                                  {"role": "tool", "name": "f", "content": {"ok": True, "é": [1.5, None]}}],
                                 [{"name": "f"}, {"name": "g", "description": "d"}], {}),
}


@pytest.mark.parametrize("fmt", [HERMES, MISTRAL], ids=lambda f: f.name)
@pytest.mark.parametrize("case", list(TEMPLATE_CASES))
def test_chat_template_renders_exactly_like_render(fmt, case):
    messages, tools, kwargs = TEMPLATE_CASES[case]
    rendered, spans = render_with_template(fmt.chat_template, messages, tools, **kwargs)
    assert rendered == "<bos>" + fmt.render_text(messages, tools, **kwargs)
    # the {% generation %} spans (TRL's assistant_only_loss) are exactly the trainable segments
    assert spans == trainable_spans(fmt.render(messages, tools, **kwargs), len("<bos>"))


def test_hermes_chat_template_is_the_hermes_formats():
    assert HERMES.chat_template is hermes_chat_template and MISTRAL.chat_template is mistral_chat_template


@pytest.mark.parametrize("fmt", [HERMES, MISTRAL], ids=lambda f: f.name)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conv=conversations(), prompt=st.booleans())
def test_chat_template_matches_render_on_generated_conversations(fmt, conv, prompt):
    rendered, spans = render_with_template(fmt.chat_template, conv["messages"], conv["tools"],
                                           add_generation_prompt=prompt)
    segments = fmt.render(conv["messages"], conv["tools"], add_generation_prompt=prompt)
    assert rendered == "<bos>" + "".join(s.text for s in segments)
    assert spans == trainable_spans(segments, len("<bos>"))


def test_chat_template_rejects_unknown_roles():
    import jinja2

    with pytest.raises(jinja2.exceptions.TemplateError, match="expected system, user, assistant or tool"):
        render_with_template(hermes_chat_template, [{"role": "bot", "content": "x"}], [])


def test_rendered_json_is_valid_json():
    """The tools block lines are the function schemas as JSON, nothing else."""
    text = HERMES.render_text(PAYMENT, [PAYMENT_TOOL])
    block = text.split("<tools>\n", 1)[1].split("\n</tools>", 1)[0]
    assert [json.loads(line) for line in block.splitlines()] == [PAYMENT_TOOL["function"]]


def test_cli_prints_rendered_conversations(tmp_path, capsys):
    from fc.formats import main

    path = tmp_path / "conversations.jsonl"
    path.write_text(json.dumps({"id": "p", "messages": PAYMENT, "tools": [PAYMENT_TOOL]}) + "\n", encoding="utf-8")
    assert main(["mistral", str(path)]) == 0
    assert capsys.readouterr().out == MISTRAL_PAYMENT + "\n"
    assert main([]) == 2
