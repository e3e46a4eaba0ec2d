"""fc.data: every layout loads from its fixture (tests/fixtures/), the real Glaive samples and
BFCL data load, bad input names file / record / field, and the convert / stats CLI works."""

from __future__ import annotations

import importlib.resources
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fc import data
from fc.conversation import check_tool_calls, function_of, prompt_name, validate_conversation
from fc.data import BFCL_CATEGORIES, DataError, choose_gold_arguments, load, load_with_report

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared" / "datasets"
GLAIVE = SHARED / "glaive" / "glaive_toolcall_en_demo.json"
REASONING = SHARED / "glaive" / "reason_tool_use_demo_50.jsonl"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/datasets is absent")


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def calls_of(conversation: dict) -> list[list[dict]]:
    return [m["tool_calls"] for m in conversation["messages"] if m.get("tool_calls")]


def tool_names(conversation: dict) -> list[str]:
    return [function_of(t)["name"] for t in conversation["tools"]]


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fc.data", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


# ------------------------------------------------------------------------------- layouts


@pytest.mark.parametrize("name, layout, count", [
    ("canonical.jsonl", "canonical", 3),
    ("openai.jsonl", "openai", 3),
    ("mistral_example.json", "openai", 1),
    ("reasoning_parts.jsonl", "openai", 1),
    ("hermes.jsonl", "hermes", 3),
    ("hermes_thinking.jsonl", "hermes", 1),
    ("glaive.json", "glaive", 3),
    ("xlam.json", "xlam", 3),
    ("bfcl.jsonl", "bfcl", 2),
])
def test_each_layout_is_sniffed_and_loads_valid_conversations(name, layout, count):
    report = load_with_report(fixture(name))
    assert dict(report.layouts) == {layout: count}
    assert len(report.conversations) == count and report.n_skipped == 0
    for conversation in report.conversations:
        assert validate_conversation(conversation) == [] or conversation["meta"].get("expect")
        assert isinstance(conversation["id"], str) and conversation["meta"]["source"] in (fixture(name), "hand")
    # given explicitly, the layout reads the same
    assert load(fixture(name), layout=layout) == report.conversations


def test_mistral_api_example():
    (conversation,) = load(fixture("mistral_example.json"))
    assert conversation["messages"] == [
        {"role": "user", "content": "What's the status of my transaction T1001?"},
        {"role": "assistant", "content": "",
         "tool_calls": [{"name": "retrieve_payment_status", "arguments": {"transaction_id": "T1001"}}]},
        {"role": "tool", "name": "retrieve_payment_status", "content": '{"status": "Paid"}'},
        {"role": "assistant", "content": "Your transaction T1001 has been successfully paid."},
    ]
    assert conversation["tools"] == [] and conversation["id"] == "mistral_example-0"
    # no tools given: stats reports the call as a schema problem instead of failing the load
    assert "unknown tool" in check_tool_calls(conversation)[0]


@pytest.mark.parametrize("format_name", ["hermes", "mistral"])
def test_mistral_example_round_trips_through_each_model_format(format_name):
    from fc.formats import get_format

    (conversation,) = load(fixture("mistral_example.json"))
    fmt = get_format(format_name)
    turns = [s.text for s in fmt.render(conversation["messages"], conversation["tools"]) if s.trainable]
    parsed = [fmt.parse(text) for text in turns]
    assert [list(p.tool_calls) for p in parsed] == [conversation["messages"][1]["tool_calls"], []]
    assert parsed[1].content == "Your transaction T1001 has been successfully paid."
    assert all(p.ok for p in parsed)


def test_openai_layout_details():
    parallel, legacy, parts = load(fixture("openai.jsonl"))
    # tool_call_id resolves the result's tool even when results come back out of order
    assert [m.get("name") for m in parallel["messages"] if m["role"] == "tool"] == ["get_time", "get_weather"]
    assert calls_of(parallel) == [[{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}},
                                   {"name": "get_time", "arguments": {"city": "Oslo"}}]]
    assert parallel["messages"][0] == {"role": "system", "content": "You are a helpful assistant."}
    # legacy: `functions`, function_call and role "function"
    assert tool_names(legacy) == ["get_weather"] and legacy["tools"][0]["type"] == "function"
    assert calls_of(legacy) == [[{"name": "get_weather", "arguments": {"city": "Rome"}}]]
    assert legacy["messages"][2] == {"role": "tool", "name": "get_weather", "content": '{"temp": 25}'}
    # content parts, reasoning_content, tools as a JSON string, arguments already an object
    assert parts["messages"][0] == {"role": "user", "content": "Is it cold in Lima?"}
    assert parts["messages"][1]["thinking"] == "Look up Lima."
    assert parts["messages"][2]["content"] == '{"temp": 14}'
    assert parts["messages"][3]["content"] == "Cool: 14 degrees."


def test_canonical_records_are_kept_as_written():
    written = [json.loads(line) for line in Path(fixture("canonical.jsonl")).read_text().splitlines()]
    loaded = load(fixture("canonical.jsonl"))
    for before, after in zip(written, loaded):
        assert after["messages"] == before["messages"] and after["tools"] == before["tools"]
    assert loaded[0]["meta"] == {"source": "hand", "split": "train"}
    assert loaded[0]["messages"][1]["thinking"] == "The user wants Paris weather."


def test_hermes_nous_layout():
    with_tools, plain, sequence = load(fixture("hermes.jsonl"))
    # the tools come from the <tools> block (Python literals); the Hermes boilerplate prompt is dropped
    assert tool_names(with_tools) == ["get_weather", "get_time"]
    assert [m["role"] for m in with_tools["messages"]] == ["user", "assistant", "tool", "tool", "assistant"]
    assert calls_of(with_tools) == [[{"name": "get_weather", "arguments": {"city": "Berlin"}},
                                     {"name": "get_time", "arguments": {"city": "Berlin"}}]]
    assert with_tools["messages"][2:4] == [{"role": "tool", "name": "get_weather", "content": '{"temp": 11}'},
                                           {"role": "tool", "name": "get_time", "content": '{"time": "10:30"}'}]
    # a system prompt without tools is an ordinary system message
    assert plain["messages"][0] == {"role": "system", "content": "You are a helpful assistant."}
    assert plain["tools"] == []
    # Glaive-derived Hermes data: Python-literal tool objects one after another, text before a call
    assert tool_names(sequence) == ["get_weather", "get_time"]
    assert sequence["messages"][1] == {"role": "assistant", "content": "Let me check.",
                                       "tool_calls": [{"name": "get_time", "arguments": {"city": "Lagos"}}]}
    assert sequence["messages"][2] == {"role": "tool", "name": "get_time", "content": '{"time": "08:45"}'}


def test_hermes_bad_call_and_bad_tools_block_name_the_turn(tmp_path):
    path = tmp_path / "hermes_bad.jsonl"
    system = "You are a function calling AI model. <tools> [{'name': 'f', 'parameters': {}}, {'description': 'x'}] </tools>"
    path.write_text(json.dumps({"conversations": [
        {"from": "system", "value": system}, {"from": "human", "value": "go"}]}) + "\n" + json.dumps({"conversations": [
        {"from": "human", "value": "go"}, {"from": "gpt", "value": "<tool_call>\n{'name': 'f', 'arguments': [1]}\n</tool_call>"}]})
        + "\n")
    report = load_with_report(str(path), skip_invalid=True)
    assert report.n_skipped == 2
    assert "line 1: conversations[0].value <tools>[1].name: missing" in report.skipped[0]
    assert "line 2: conversations[1].value: " in report.skipped[1] and "must be an object" in report.skipped[1]


def test_hermes_unclosed_think_rejects_the_record(tmp_path):
    # In a recorded turn an unclosed <think> swallows the answer (or the call) into the thought:
    # the record is rejected, not loaded with its answer hidden in `thinking`.
    path = tmp_path / "hermes_think.jsonl"
    turns = [
        [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "<think>The user greets me. Hello there!"}],
        [{"from": "human", "value": "go"},
         {"from": "gpt", "value": "<think>Call f.<tool_call>\n{'name': 'f', 'arguments': {}}\n</tool_call>"}],
        [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "<think>Greet back.</think>Hello there!"}],
    ]
    path.write_text("".join(json.dumps({"conversations": t}) + "\n" for t in turns))
    with pytest.raises(DataError) as caught:
        load(str(path))
    assert (caught.value.record, caught.value.field) == ("line 1", "conversations[1].value")
    assert "<think> never closed" in str(caught.value)
    report = load_with_report(str(path), skip_invalid=True)
    assert report.n_skipped == 2 and "line 2: conversations[1].value: <think> never closed" in report.skipped[1]
    (kept,) = report.conversations
    assert kept["messages"][1] == {"role": "assistant", "thinking": "Greet back.", "content": "Hello there!"}


def test_hermes_thinking_layout():
    (conversation,) = load(fixture("hermes_thinking.jsonl"))
    assistant = conversation["messages"][1]
    assert assistant["thinking"].startswith("Okay, the user wants the Madrid temperature")
    assert assistant["tool_calls"] == [{"name": "get_weather", "arguments": {"city": "Madrid", "unit": "fahrenheit"}}]
    assert "<think>" not in assistant["content"] and "<tool_call>" not in assistant["content"]
    # the result has no name: it answers the call before it; its Python literal becomes JSON text
    assert conversation["messages"][2] == {"role": "tool", "name": "get_weather",
                                           "content": '{"temp": 77, "unit": "fahrenheit"}'}
    assert tool_names(conversation) == ["get_weather"]


def test_glaive_layout():
    single, parallel, no_call = load(fixture("glaive.json"))
    assert calls_of(single) == [[{"name": "get_weather", "arguments": {"city": "Cairo"}}]]
    assert single["messages"][2] == {"role": "tool", "name": "get_weather", "content": '{"temp": 35}'}
    assert parallel["messages"][0] == {"role": "system", "content": "You help travellers."}
    assert [len(c) for c in calls_of(parallel)] == [2]
    assert [m["name"] for m in parallel["messages"] if m["role"] == "tool"] == ["get_weather", "get_time"]
    assert calls_of(no_call) == [] and no_call["messages"][-1]["content"].startswith("I'm sorry")
    assert [c["id"] for c in (single, parallel, no_call)] == ["glaive-0", "glaive-1", "glaive-2"]


def test_xlam_layout_converts_python_annotations():
    parallel, annotated, no_call = load(fixture("xlam.json"))
    assert parallel["id"] == "0" and [m["role"] for m in parallel["messages"]] == ["user", "assistant"]
    assert calls_of(parallel) == [[{"name": "live_giveaways_by_type", "arguments": {"type": "beta"}},
                                   {"name": "live_giveaways_by_type", "arguments": {"type": "game"}}]]
    parameters = function_of(parallel["tools"][0])["parameters"]
    assert parameters["properties"]["type"]["type"] == "string" and parameters["required"] == ["type"]
    parameters = function_of(annotated["tools"][0])["parameters"]
    assert parameters["properties"]["numbers"]["type"] == "array"
    assert parameters["properties"]["numbers"]["items"] == {"type": "integer"}
    assert parameters["properties"]["decimals"]["type"] == "integer"
    assert parameters["required"] == ["numbers"]  # "int, optional" is not required
    assert check_tool_calls(annotated) == []
    assert calls_of(no_call) == [] and no_call["meta"]["expect"] == "no_call"


def test_typed_content_parts():
    (conversation,) = load(fixture("reasoning_parts.jsonl"))
    call, answer = conversation["messages"][2], conversation["messages"][4]
    assert call["thinking"] == "I need get_weather for Quito." and call["content"] == ""
    assert call["tool_calls"] == [{"name": "get_weather", "arguments": {"city": "Quito"}}]
    assert conversation["messages"][3] == {"role": "tool", "name": "get_weather", "content": '{"temp": 15}'}
    assert answer == {"role": "assistant", "thinking": "15 degrees.", "content": "It is 15 degrees in Quito."}
    parameters = function_of(conversation["tools"][0])["parameters"]
    # "required" written beside "parameters" is moved in; "str, optional" drops out of it; dict -> object
    assert parameters["type"] == "object" and parameters["required"] == ["city"]
    assert parameters["properties"]["unit"]["type"] == "string"


def test_limit_stops_early():
    assert [c["id"] for c in load(fixture("canonical.jsonl"), limit=2)] == ["c-1", "c-2"]


def test_data_spec_reads_the_repo_corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    shutil.copy(fixture("canonical.jsonl"), tmp_path / "train.jsonl")
    assert [c["id"] for c in load("data:train")] == ["c-1", "c-2", "c-3"]
    with pytest.raises(DataError, match=r"heldout.*shipped: train.*fc.data generate"):
        load("data:heldout")


# --------------------------------------------------------------------- real Glaive samples


def test_real_glaive_sample_fixture():
    """Unchanged records of LLaMA-Factory's glaive_toolcall_en_demo.json (tests/fixtures/README.md)."""
    path = fixture("glaive_toolcall_en_sample.json")
    report = load_with_report(path)
    assert dict(report.layouts) == {"glaive": 8} and report.n_skipped == 0
    records = json.loads(Path(path).read_text())
    conversations = report.conversations
    for record, conversation in zip(records, conversations):
        assert validate_conversation(conversation) == []
        raw_calls = [json.loads(t["value"]) for t in record["conversations"] if t["from"] == "function_call"]
        assert [c for calls in calls_of(conversation) for c in calls] == raw_calls
        results = [t["value"] for t in record["conversations"] if t["from"] == "observation"]
        assert [m["content"] for m in conversation["messages"] if m["role"] == "tool"] == results
        assert tool_names(conversation) == [t["name"] for t in json.loads(record["tools"])]
    # a multi-turn record: three calls in three assistant turns, each result named after its call
    area = conversations[2]
    assert [c[0]["arguments"] for c in calls_of(area)] == [
        {"shape": "rectangle", "dimensions": [5, 3]}, {"shape": "circle", "dimensions": [4]},
        {"shape": "square", "dimensions": [7]}]
    assert {m["name"] for m in area["messages"] if m["role"] == "tool"} == {"calculate_area"}
    # the last record passes a list where its schema says number: a schema problem, reported by stats
    stats = data.describe(conversations, tokenizer=None)
    assert stats.schema_problems == ["glaive_toolcall_en_sample-7: messages[3].tool_calls[0] (track_calories): "
                                     "arguments.calories_per_item: [150, 350, 800] is not of type 'number'"]
    assert stats.calls == 11 and stats.conversations == 8


def test_real_reasoning_sample_fixture():
    """Unchanged lines of LLaMA-Factory's reason_tool_use_demo_50.jsonl: typed content parts."""
    conversations = load(fixture("reason_tool_use_sample.jsonl"))
    assert len(conversations) == 3 and all(validate_conversation(c) == [] for c in conversations)
    bundled = conversations[2]
    # two parallel calls, their results bundled in one tool message, become two tool messages
    assert [m["role"] for m in bundled["messages"][:5]] == ["system", "user", "assistant", "tool", "tool"]
    assert calls_of(bundled)[0] == [{"name": "circle_area", "arguments": {"radius": 1.5}},
                                    {"name": "circle_area", "arguments": {"radius": 3}}]
    assert bundled["messages"][2]["thinking"].startswith("Okay, the user wants the area of a circle")
    assert all("thinking" in m for m in bundled["messages"] if m["role"] == "assistant")
    assert [p for c in conversations for p in check_tool_calls(c)] == []



@needs_shared
def test_real_glaive_samples():
    report = load_with_report(str(GLAIVE))
    assert dict(report.layouts) == {"glaive": 300}
    records = json.loads(GLAIVE.read_text())
    n_calls = sum(t["from"] == "function_call" for r in records for t in r["conversations"])
    n_results = sum(t["from"] == "observation" for r in records for t in r["conversations"])
    conversations = report.conversations
    assert sum(len(c) for conv in conversations for c in calls_of(conv)) == n_calls == 211
    assert sum(m["role"] == "tool" for c in conversations for m in c["messages"]) == n_results
    assert all(validate_conversation(c) == [] for c in conversations)
    # one real record passes a list where its schema says number: reported, not loaded silently
    problems = [p for c in conversations for p in check_tool_calls(c)]
    assert len(problems) == 1 and "calories_per_item" in problems[0]


@needs_shared
def test_real_reasoning_tool_use_samples():
    conversations = load(str(REASONING))
    assert len(conversations) == 50
    assistants = [m for c in conversations for m in c["messages"] if m["role"] == "assistant"]
    raw = [json.loads(line) for line in REASONING.read_text().splitlines() if line.strip()]
    parts = [p for r in raw for m in r["messages"] for p in m["content"]]
    assert sum("thinking" in m for m in assistants) == sum(p["type"] == "reasoning" for p in parts)
    assert sum(len(m.get("tool_calls", [])) for m in assistants) == sum(p["type"] == "tool_call" for p in parts)
    # parallel results bundled in one tool message become one message per result
    (bundled,) = [c for c in conversations if c["id"] == "reason_tool_use_demo_50-3"]
    assert [m["role"] for m in bundled["messages"][2:5]] == ["assistant", "tool", "tool"]
    assert all(validate_conversation(c) == [] for c in conversations)
    assert [p for c in conversations for p in check_tool_calls(c)] == []


# ---------------------------------------------------------------------------------- BFCL


def bfcl_lines(category: str, answers: bool = False) -> list[dict]:
    root = importlib.resources.files("bfcl_eval") / "data"
    path = (root / "possible_answer" if answers else root) / f"BFCL_v4_{category}.json"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("category", BFCL_CATEGORIES)
def test_bfcl_category_loads_whole_with_gold(category):
    conversations = load(f"bfcl:{category}")
    records = bfcl_lines(category)
    assert [c["id"] for c in conversations] == [r["id"] for r in records]
    gold = {g["id"]: g["ground_truth"] for g in bfcl_lines(category, answers=True)}
    for conversation, record in zip(conversations, records):
        meta = conversation["meta"]
        assert meta["category"] == category and meta["source"] == f"bfcl:{category}"
        assert sorted(meta["name_map"].values()) == sorted(f["name"] for f in record["function"])
        assert validate_conversation(conversation) == [] or meta.get("expect")
        assert all("." not in name for name in tool_names(conversation))
        last = conversation["messages"][-1]
        assert last["role"] == "assistant"
        if category in ("irrelevance", "live_irrelevance"):
            assert meta["expect"] == "no_call" and "tool_calls" not in last and meta["possible_answer"] == []
        elif category == "live_relevance":
            assert meta["expect"] == "any_call" and "possible_answer" not in meta
        else:
            expected = gold[record["id"]]
            names = [prompt_name(next(iter(call))) for call in expected]
            assert [next(iter(p)) for p in meta["possible_answer"]] == names
            assert [list(p.values())[0] for p in meta["possible_answer"]] == [list(c.values())[0] for c in expected]
            assert [c["name"] for c in last["tool_calls"]] == names
            assert all(n in tool_names(conversation) for n in names)


def test_bfcl_dotted_names_and_first_acceptable_values():
    conversations = {c["id"]: c for c in load("bfcl:simple_python", limit=100)}
    factorial = conversations["simple_python_1"]
    assert tool_names(factorial) == ["math_factorial"]
    assert factorial["meta"]["name_map"] == {"math_factorial": "math.factorial"}
    assert factorial["meta"]["possible_answer"] == [{"math_factorial": {"number": [5]}}]
    assert calls_of(factorial) == [[{"name": "math_factorial", "arguments": {"number": 5}}]]
    # {"base": [10], "height": [5], "unit": ["units", ""]}: the first acceptable value that is not ""
    assert calls_of(conversations["simple_python_0"]) == [
        [{"name": "calculate_triangle_area", "arguments": {"base": 10, "height": 5, "unit": "units"}}]]
    # {"x": [4], "y": [5], "z": ["", 0]}
    assert calls_of(conversations["simple_python_2"])[0][0]["arguments"] == {"x": 4, "y": 5, "z": 0}
    # schemas normalised: BFCL's "dict" is "object"
    assert function_of(factorial["tools"][0])["parameters"]["type"] == "object"
    # nested acceptable-value lists inside an object value are unwrapped
    nested = calls_of(conversations["simple_python_89"])[0][0]["arguments"]["conditions"]
    assert nested == {"department": "Science", "school": "Bluebird High School"}


def test_choose_gold_arguments_rules():
    assert choose_gold_arguments({"a": [1, 2], "b": ["", "x"], "c": [""], "d": ["", None], "e": [None]}) == \
        {"a": 1, "b": "x", "e": None}
    # lists of objects with acceptable-value lists inside
    assert choose_gold_arguments({"rows": [[{"k": ["v", "w"]}, {"k": ["", 3]}]]}) == {"rows": [{"k": "v"}, {"k": 3}]}
    # a value that contradicts the schema loses to omission where "" is acceptable ...
    schema = {"properties": {"unit": {"type": "string", "enum": ["s", "ms"]}, "n": {"type": "integer"}}}
    assert choose_gold_arguments({"unit": ["", "N/A"], "n": ["3", 3]}, schema) == {"n": 3}
    # ... and is kept where the parameter cannot be omitted
    assert choose_gold_arguments({"unit": ["N/A"]}, schema) == {"unit": "N/A"}


def test_bfcl_file_layout_with_inline_gold():
    solved, irrelevant = load(fixture("bfcl.jsonl"))
    assert calls_of(solved) == [[{"name": "math_factorial", "arguments": {"number": 5, "exact": True}}]]
    assert solved["meta"]["category"] == "simple_python"
    assert function_of(solved["tools"][0])["parameters"]["properties"]["scale"]["type"] == "number"
    assert irrelevant["meta"] == {"category": "irrelevance", "name_map": {"math_factorial": "math.factorial"},
                                  "expect": "no_call", "possible_answer": [], "source": fixture("bfcl.jsonl")}
    assert irrelevant["messages"][-1] == {"role": "assistant", "content": ""}


def test_bfcl_unsupported_categories_are_clear_errors():
    with pytest.raises(DataError, match="multi-turn BFCL categories are not supported.*simple_python"):
        load("bfcl:multi_turn_base")
    with pytest.raises(DataError, match="unknown or unsupported BFCL category: 'simple_rust'"):
        load("bfcl:simple_rust")


# ----------------------------------------------------------------------------- bad input


def test_malformed_jsonl_names_file_line_and_field():
    with pytest.raises(DataError) as caught:
        load(fixture("malformed.jsonl"))
    assert caught.value.source == fixture("malformed.jsonl") and caught.value.record == "line 2"
    assert "not valid JSON" in str(caught.value)

    report = load_with_report(fixture("malformed.jsonl"), skip_invalid=True)
    assert [c["id"] for c in report.conversations] == ["ok-1", "ok-2"]
    assert report.n_skipped == 5 and report.records == 7
    expected = [
        ("line 2", "not valid JSON"),
        ("line 3", "messages[1].tool_calls[0].function.arguments: not valid JSON"),
        ("line 5", "no known layout fits this record (keys: completion, id, prompt)"),
        ("line 6", "conversations[1].value.name: missing"),
        ("line 7", "messages[0].role: unknown role 'narrator'"),
    ]
    for message, (record, text) in zip(report.skipped, expected):
        assert message.startswith(f"{fixture('malformed.jsonl')} {record}: ") and text in message
    assert "skipped 5 invalid records" in report.summary()


def test_malformed_json_list_names_the_index():
    with pytest.raises(DataError) as caught:
        load(fixture("malformed.json"))
    error = caught.value
    assert (error.record, error.field) == ("index 1", "answers[0].arguments")
    assert str(error).startswith(f"{fixture('malformed.json')} index 1: answers[0].arguments: not valid JSON")
    report = load_with_report(fixture("malformed.json"), skip_invalid=True)
    assert report.n_skipped == 2 and len(report.conversations) == 1
    assert "index 2: tools[0].name: missing" in report.skipped[1]


def test_structurally_invalid_conversation_is_rejected(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"messages": [{"role": "user", "content": "hi"},
                                             {"role": "tool", "name": "x", "content": "{}"}]}) + "\n")
    with pytest.raises(DataError, match=r"bad.jsonl line 1: .*tool result without a preceding assistant tool call"):
        load(str(path))


@pytest.mark.parametrize("spec, message", [
    ("no/such/file.jsonl", "no such file"),
    (fixture("."), "no such file"),
    (str(ROOT / "pytest.ini"), "unknown file type '.ini'"),
])
def test_bad_specs(spec, message):
    with pytest.raises(DataError, match=message):
        load(spec)


def test_unknown_layout_name():
    with pytest.raises(DataError, match="unknown layout 'sharegpt'; known: canonical"):
        load(fixture("glaive.json"), layout="sharegpt")


def test_whole_file_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"messages": []}\n')
    with pytest.raises(DataError, match=r"broken.json: not valid JSON .* line 2"):
        load(str(path), skip_invalid=True)


# ------------------------------------------------------------------------ parquet and hf:


def test_parquet_from_pandas_and_from_datasets(tmp_path):
    import datasets
    import pandas as pd

    records = [json.loads(line) for line in Path(fixture("canonical.jsonl")).read_text().splitlines()]
    expected = [{k: v for k, v in c.items() if k != "meta"} for c in load(fixture("canonical.jsonl"))]
    pd.DataFrame(records).to_parquet(tmp_path / "pandas.parquet")  # structs padded with nulls
    datasets.Dataset.from_list(records).to_parquet(str(tmp_path / "datasets.parquet"))  # JSON columns
    for name in ("pandas.parquet", "datasets.parquet"):
        loaded = load(str(tmp_path / name))
        assert [{k: v for k, v in c.items() if k != "meta"} for c in loaded] == expected


def test_hf_offline_is_a_clear_error(tmp_path):
    result = run_cli("stats", "hf:NousResearch/hermes-function-calling-v1", "--tokenizer", "chars",
                     env={"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")})
    assert result.returncode == 2, result.stderr
    assert "cannot load the Hugging Face dataset 'NousResearch/hermes-function-calling-v1'" in result.stderr
    assert "local file" in result.stderr and "Traceback" not in result.stderr


def test_hf_local_folder_goes_through_load_dataset(tmp_path):
    folder = tmp_path / "xlam_folder"
    folder.mkdir()
    records = json.loads(Path(fixture("xlam.json")).read_text())
    (folder / "part.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out.jsonl"
    env = {"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    result = run_cli("convert", f"hf:{folder}:train", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "3 conversations" in result.stdout and "xlam: 3" in result.stdout
    converted = [json.loads(line) for line in out.read_text().splitlines()]
    expected = load(fixture("xlam.json"))
    assert [c["messages"] for c in converted] == [c["messages"] for c in expected]
    assert [c["tools"] for c in converted] == [c["tools"] for c in expected]
    assert converted[0]["meta"]["source"] == f"hf:{folder}:train"


def test_hf_local_file_goes_through_load_dataset_json_builder(tmp_path):
    # a single file needs datasets' "json" builder and data_files; a Glaive JSON list reads as rows
    out = tmp_path / "out.jsonl"
    env = {"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    result = run_cli("convert", f"hf:{fixture('glaive_toolcall_en_sample.json')}", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "8 conversations" in result.stdout and "glaive: 8" in result.stdout
    converted = [json.loads(line) for line in out.read_text().splitlines()]
    expected = load(fixture("glaive_toolcall_en_sample.json"))
    for conversation in converted + expected:
        conversation["meta"].pop("source")
    assert converted == expected
    result = run_cli("stats", f"hf:{fixture('README.md')}", env=env)
    assert result.returncode == 2 and "unknown file type '.md'" in result.stderr


# ------------------------------------------------------------------------------------ CLI


def test_convert_cli_writes_canonical_jsonl(tmp_path):
    out = tmp_path / "sub" / "glaive.jsonl"
    result = run_cli("convert", fixture("glaive.json"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in out.read_text().splitlines()] == load(fixture("glaive.json"))
    # the written file reads back as canonical, unchanged
    assert load(str(out)) == load(fixture("glaive.json"))
    assert dict(load_with_report(str(out)).layouts) == {"canonical": 3}


def test_convert_cli_bad_input(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_cli("convert", fixture("malformed.jsonl"), "--out", str(out))
    assert result.returncode == 2 and "malformed.jsonl line 2: not valid JSON" in result.stderr
    result = run_cli("convert", fixture("malformed.jsonl"), "--out", str(out), "--skip-invalid")
    assert result.returncode == 0 and "skipped 5 invalid records" in result.stdout
    assert len(out.read_text().splitlines()) == 2


def test_stats_cli_counts(tmp_path):
    result = run_cli("stats", fixture("canonical.jsonl"), "--tokenizer", "chars", "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert {k: stats[k] for k in ("conversations", "turns", "assistant_turns", "calls", "parallel_call_turns",
                                  "distinct_tools", "schema_problems")} == {
        "conversations": 3, "turns": 11, "assistant_turns": 5, "calls": 3, "parallel_call_turns": 1,
        "distinct_tools": 2, "schema_problems": []}
    assert set(stats["tokens"]) == {"hermes", "mistral"}
    assert all(0 < t["mean"] <= t["max"] for t in stats["tokens"].values())
    assert "characters / 4" in stats["token_note"]

    result = run_cli("stats", fixture("mistral_example.json"), "--tokenizer", "chars")
    assert result.returncode == 0, result.stderr
    assert "schema problems       1" in result.stdout and "unknown tool" in result.stdout
    assert "tokens (hermes)" in result.stdout and "tokens (mistral)" in result.stdout


def test_stats_token_counts_match_rendered_text():
    from fc.formats import get_format

    conversations = load(fixture("glaive.json"))
    stats = data.describe(conversations, tokenizer=None)
    lengths = [len(get_format("hermes").render_text(c["messages"], c["tools"])) / 4 for c in conversations]
    assert stats.tokens["hermes"]["max"] == round(max(lengths))
    assert stats.calls == 3 and stats.parallel_call_turns == 1 and stats.distinct_tools == 2


def test_stats_with_gemma_tokenizer():
    from fc.formats import get_format

    try:
        tokenizer = data._load_tokenizer("gemma-3-270m")  # fc.model.load_tokenizer, cached for describe
    except Exception as error:  # the model stack is another helper's; without it the fallback is tested above
        pytest.skip(f"gemma-3-270m tokenizer unavailable: {error}")
    conversations = load(fixture("canonical.jsonl"))
    stats = data.describe(conversations)
    lengths = [len(tokenizer(get_format("mistral").render_text(c["messages"], c["tools"]))["input_ids"])
               for c in conversations]
    assert stats.tokens["mistral"] == {"mean": sum(lengths) / 3, "max": max(lengths)}
    assert stats.token_note.startswith("gemma-3-270m tokenizer")
