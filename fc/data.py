"""Load tool-calling conversations from every layout people keep them in, as canonical conversations.

A spec names where the data is:
  - a file: `.jsonl` (one record a line), `.json` (a list of records, or JSON lines as BFCL
    writes them), `.parquet`; the layout is sniffed from each record or given with `layout=`;
  - `hf:<repo_id>[:<split>]`: a Hugging Face dataset through `datasets.load_dataset` (a hub id,
    or a local folder of data files: `hf:/path/to/folder`);
  - `bfcl:<category>`: a BFCL category from the installed `bfcl-eval` data, with its gold;
  - `data:<name>`: the project's shipped corpus, `data/<name>.jsonl`.
Layouts (the `LAYOUTS` registry): canonical, openai (also Mistral), hermes, glaive, xlam, bfcl.
The canonical conversation is described in docs/ARCHITECTURE.md and fc/conversation.py.

Example:
    .venv/bin/python -m fc.data stats bfcl:simple_python
    .venv/bin/python -m fc.data convert ../shared/datasets/glaive/glaive_toolcall_en_demo.json --out /tmp/glaive.jsonl
"""

from __future__ import annotations

import argparse
import ast
import functools
import importlib.resources
import json
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from fc.conversation import (
    as_tool,
    check_tool_calls,
    function_of,
    json_type,
    normalise_bfcl_schema,
    prompt_name,
    validate_conversation,
)
from fc.formats import get_format

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"  # where `data:<name>` specs point

# The single-turn BFCL categories this project evaluates (multi-turn ones need a stateful executor).
BFCL_CATEGORIES: tuple[str, ...] = (
    "simple_python", "multiple", "parallel", "parallel_multiple", "irrelevance",
    "live_simple", "live_multiple", "live_parallel", "live_parallel_multiple",
    "live_irrelevance", "live_relevance",
)
# What the final assistant turn of a BFCL case expects where the gold is not a list of calls.
_BFCL_EXPECT = {"irrelevance": "no_call", "live_irrelevance": "no_call", "live_relevance": "any_call"}


class DataError(ValueError):
    """A spec or record that cannot be loaded. The message names the source (file or spec),
    the record ("line 3" in JSON lines, "index 2" in a JSON list, "row 2" in a table) and the field."""

    def __init__(self, message: str, *, source: str | None = None, record: str | None = None,
                 field: str | None = None):
        self.message, self.source, self.record, self.field = message, source, record, field
        where = " ".join(part for part in (source, record) if part)
        text = f"{field}: {message}" if field else message
        super().__init__(f"{where}: {text}" if where else text)

    def located(self, source: str, record: str) -> DataError:
        """The same error, placed in a source and record."""
        return DataError(self.message, source=source, record=record, field=self.field)


@dataclass
class LoadReport:
    """What one `load_with_report` call read: the conversations, and the records it skipped."""

    spec: str
    conversations: list[dict] = field(default_factory=list)
    records: int = 0  # records read, valid or not
    skipped: list[str] = field(default_factory=list)  # one error message per skipped record
    layouts: Counter = field(default_factory=Counter)  # layout name -> records read as it

    @property
    def n_skipped(self) -> int:
        return len(self.skipped)

    def summary(self) -> str:
        layouts = ", ".join(f"{name}: {n}" for name, n in self.layouts.most_common())
        text = f"{len(self.conversations)} conversations from {self.spec}" + (f" ({layouts})" if layouts else "")
        if self.skipped:
            text += f"; skipped {len(self.skipped)} invalid records (first: {self.skipped[0]})"
        return text


# ------------------------------------------------------------------------- small readers


def _decode(value: Any, field: str, want: type | tuple[type, ...]) -> Any:
    """A field that holds JSON, or JSON written as a string (xLAM, Glaive, OpenAI arguments).
    Python literals are accepted too: Hermes data writes calls and tools with single quotes."""
    wanted = want if isinstance(want, tuple) else (want,)
    if isinstance(value, str) and str not in wanted:
        text = value.strip()
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            try:
                value = json.loads(json.dumps(ast.literal_eval(text)))  # tuples -> lists, keys -> str
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                raise DataError(f"not valid JSON ({error.msg} at column {error.colno}): {_clip(text)}",
                                field=field) from None
    if not isinstance(value, want):
        names = {dict: "an object", list: "an array", str: "a string"}
        raise DataError(f"expected {' or '.join(names.get(t, t.__name__) for t in wanted)}, got {json_type(value)}",
                        field=field)
    return value


def _clip(text: str, n: int = 80) -> str:
    return repr(text if len(text) <= n else text[:n] + "...")


def _field(record: dict, key: str, want: type | tuple[type, ...], where: str = "") -> Any:
    """A required field of a record, decoded when it is a JSON string."""
    name = f"{where}.{key}" if where else key
    if key not in record:
        raise DataError("missing", field=name)
    return _decode(record[key], name, want)


def _text(value: Any, field: str) -> str:
    """Message content as text: a string, null, or a list of text parts."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        texts = []
        for k, part in enumerate(value):
            kind, text = _part(part, f"{field}[{k}]")
            if kind != "text":
                raise DataError(f"only text parts are read here, got {kind!r}", field=f"{field}[{k}].type")
            texts.append(text)
        return "".join(texts)
    if isinstance(value, dict):  # a tool result given as an object
        return json.dumps(value, ensure_ascii=False)
    raise DataError(f"expected a string or a list of content parts, got {json_type(value)}", field=field)


_PART_KINDS = {"text": "text", "reasoning": "thinking", "thinking": "thinking", "tool_call": "tool_call"}


def _lookup(table: dict[str, str], key: Any) -> str | None:
    """table[key] for a string key; None for anything else (a list as a role must not crash)."""
    return table.get(key) if isinstance(key, str) else None


def _part(part: Any, field: str) -> tuple[str, Any]:
    """One typed content part: OpenAI's {"type": "text", "text": ...} or the
    {"type": "text"|"reasoning"|"tool_call", "value": ...} parts of LLaMA-Factory's reasoning data."""
    if isinstance(part, str):
        return "text", part
    if not isinstance(part, dict):
        raise DataError(f"expected a content part object, got {json_type(part)}", field=field)
    kind = _lookup(_PART_KINDS, part.get("type"))
    if kind is None:
        raise DataError(f"unsupported content part type {part.get('type')!r} "
                        f"(read: {', '.join(_PART_KINDS)})", field=f"{field}.type")
    key = next((k for k in (part.get("type"), "text", "value", "content") if k in part), None)
    if key is None:
        raise DataError("content part has no text, value or content", field=field)
    value = part[key]
    if kind != "tool_call" and not isinstance(value, str):
        raise DataError(f"expected a string, got {json_type(value)}", field=f"{field}.{key}")
    return kind, value


def _call(raw: Any, field: str) -> dict:
    """A tool call in any of the shapes data writes it: {"name", "arguments"} (arguments an
    object or a JSON string), OpenAI's {"id", "type", "function": {...}}, or a JSON string of either."""
    raw = _decode(raw, field, dict)
    if isinstance(raw.get("function"), dict):
        raw, field = raw["function"], f"{field}.function"
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataError("missing" if name is None else f"expected a tool name, got {name!r}", field=f"{field}.name")
    key = "arguments" if "arguments" in raw else "parameters"  # Llama-style calls say "parameters"
    arguments = raw.get(key)
    if arguments is None or (isinstance(arguments, str) and not arguments.strip()):
        arguments = {}
    return {"name": name.strip(), "arguments": _decode(arguments, f"{field}.{key}", dict)}


class _CallNames:
    """Names of the calls awaiting results: data often leaves the tool's name off its result
    (OpenAI gives only tool_call_id; Glaive and Hermes give neither), so take it from the call."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.by_id: dict[str, str] = {}

    def called(self, calls: list[dict], ids: list[Any] = ()) -> None:
        self.pending = [call["name"] for call in calls]
        for call_id, call in zip(ids, calls):
            if call_id is not None:
                self.by_id[str(call_id)] = call["name"]

    def resolve(self, name: Any, call_id: Any, field: str) -> str:
        if not (isinstance(name, str) and name):
            name = self.by_id.get(str(call_id)) if call_id is not None else None
        if name is None and self.pending:
            name = self.pending[0]
        if name is None:
            raise DataError("a tool result that names no tool and answers no call", field=field)
        if name in self.pending:
            self.pending.remove(name)
        return name


def _assistant(content: str = "", thinking: str = "", calls: list[dict] | None = None) -> dict:
    message: dict[str, Any] = {"role": "assistant"}
    if thinking:
        message["thinking"] = thinking
    message["content"] = content
    if calls:
        message["tool_calls"] = calls
    return message


# --------------------------------------------------------------------------- tool schemas

_SCHEMA_KEYS = {"type", "properties", "required", "additionalProperties", "description", "title",
                "$schema", "$defs", "definitions", "anyOf", "oneOf", "allOf"}


def _annotation_schema(annotation: str) -> tuple[dict, bool]:
    """xLAM / APIGen write parameter types as Python annotations ("str, optional", "List[int]",
    "Dict[str, Any]"): a JSON Schema fragment, and whether the parameter is optional. Scalar
    names ("str", "float", "dict") are left for normalise_bfcl_schema, which owns that mapping."""
    text = annotation.strip()
    optional = False
    match = re.fullmatch(r"(.*?),\s*optional", text, flags=re.IGNORECASE)
    if match:
        text, optional = match.group(1).strip(), True
    match = re.fullmatch(r"(?:typing\.)?Optional\[(.*)\]", text)
    if match:
        text, optional = match.group(1).strip(), True
    match = re.fullmatch(r"(?:typing\.)?(\w+)\[(.*)\]", text)
    if match:
        outer, inner = match.group(1).lower(), match.group(2).strip()
        if outer in ("list", "set", "sequence", "iterable"):
            return {"type": "array", "items": _annotation_schema(inner)[0]}, optional
        if outer == "tuple":
            return {"type": "array"}, optional
        if outer in ("dict", "mapping"):
            return {"type": "object"}, optional
        return {}, optional  # Union[...], Literal[...], Callable[...]: no type constraint
    if "|" in text:
        return {}, optional
    return {"type": text}, optional


def _replace_type(schema: dict, fragment: dict) -> dict:
    """schema with its "type" replaced by fragment's keys, in the same place (keeps key order)."""
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "type":
            out.update(fragment)
        elif key not in fragment:
            out[key] = value
    if "type" not in schema:
        out.update(fragment)
    return out


def _with_annotations(schema: Any) -> tuple[Any, list[str]]:
    """A parameters schema whose property types may be Python annotations (the reasoning
    tool-use data mixes them into JSON Schema); returns it fixed and the names marked optional."""
    if not isinstance(schema, dict):
        return schema, []
    out = dict(schema)
    optional = []
    if isinstance(out.get("type"), str) and re.search(r"[\[,|]", out["type"]):
        fragment, _ = _annotation_schema(out.pop("type"))
        out = {**fragment, **out}
    if isinstance(out.get("properties"), dict):
        properties = {}
        for name, sub in out["properties"].items():
            if isinstance(sub, dict) and isinstance(sub.get("type"), str):
                fragment, is_optional = _annotation_schema(sub["type"])
                if is_optional:
                    optional.append(name)
                sub = _replace_type(sub, fragment)
            properties[name] = _with_annotations(sub)[0]
        out["properties"] = properties
    if isinstance(out.get("items"), dict):
        out["items"] = _with_annotations(out["items"])[0]
    return out, optional


def _from_parameter_specs(specs: dict, field: str) -> dict:
    """xLAM's parameters: a map of name -> {"type": annotation, "description", "default"} rather
    than a JSON Schema. A parameter is required unless its annotation says optional."""
    properties, required = {}, []
    for name, spec in specs.items():
        if not isinstance(spec, dict):
            raise DataError(f"expected a parameter spec object, got {json_type(spec)}", field=f"{field}.{name}")
        fragment, optional = _annotation_schema(spec["type"]) if isinstance(spec.get("type"), str) else ({}, False)
        properties[name] = _replace_type(spec, fragment)
        if not optional:
            required.append(name)
    return {"type": "object", "properties": properties, "required": required}


def _standard_tool(raw: Any, field: str) -> dict:
    """Any tool description (OpenAI tool, bare function schema, xLAM spec, a JSON string of one)
    as an OpenAI tool with standard JSON Schema types."""
    tool = _decode(raw, field, dict)
    function = function_of(tool)
    if function is not tool:
        field = f"{field}.function"
    name = function.get("name")
    if not isinstance(name, str) or not name:
        raise DataError("missing" if name is None else f"expected a tool name, got {name!r}", field=f"{field}.name")
    parameters = function.get("parameters")
    parameters = {} if parameters is None else _decode(parameters, f"{field}.parameters", dict)
    if set(parameters) <= _SCHEMA_KEYS and not isinstance(parameters.get("type"), dict):
        parameters, optional = _with_annotations(parameters)
    elif all(isinstance(spec, dict) for spec in parameters.values()):
        parameters, optional = _from_parameter_specs(parameters, f"{field}.parameters"), []
    else:
        raise DataError("neither a JSON Schema nor a map of parameter specs", field=f"{field}.parameters")
    # The reasoning tool-use data puts "required" beside "parameters" instead of inside it.
    if "required" not in parameters and isinstance(function.get("required"), list):
        parameters["required"] = function["required"]
    if optional and isinstance(parameters.get("required"), list):
        parameters["required"] = [n for n in parameters["required"] if n not in optional]
    return as_tool(normalise_bfcl_schema({**function, "parameters": parameters}))


def _standard_tools(raw: Any, field: str) -> list[dict]:
    if raw is None or raw == "":
        return []
    tools = _decode(raw, field, (list, dict))
    tools = [tools] if isinstance(tools, dict) else tools
    return [_standard_tool(tool, f"{field}[{k}]") for k, tool in enumerate(tools)]


# ------------------------------------------------------------------------------- layouts


def _from_canonical(record: dict) -> dict:
    """The project's own layout: already canonical; kept as it is (validated by the caller)."""
    conversation = {key: record[key] for key in ("id", "messages", "tools", "meta") if key in record}
    conversation.setdefault("tools", [])
    return conversation


_OPENAI_ROLES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant",
                 "tool": "tool", "function": "tool", "ipython": "tool"}


def _from_openai(record: dict) -> dict:
    """OpenAI / Mistral chat messages: tool_calls (arguments a JSON string or object), the legacy
    function_call, tool results by name or tool_call_id, `tools` or legacy `functions`, content as
    a string or typed parts (text / reasoning / tool_call), reasoning in `reasoning_content`."""
    raw_messages = _field(record, "messages", list)
    tools_key = "tools" if record.get("tools") is not None else "functions"
    tools = _standard_tools(record.get(tools_key), tools_key)
    names = _CallNames()
    messages = []
    for i, raw in enumerate(raw_messages):
        at = f"messages[{i}]"
        if not isinstance(raw, dict):
            raise DataError(f"expected a message object, got {json_type(raw)}", field=at)
        role = _lookup(_OPENAI_ROLES, raw.get("role"))
        if role is None:
            raise DataError(f"unknown role {raw.get('role')!r} (expected one of {', '.join(_OPENAI_ROLES)})",
                            field=f"{at}.role")
        if role in ("system", "user"):
            messages.append({"role": role, "content": _text(raw.get("content"), f"{at}.content")})
        elif role == "tool":
            text = _text(raw.get("content"), f"{at}.content")
            for name, call_id, content in _bundled_results(text) or [(raw.get("name"), raw.get("tool_call_id"), text)]:
                messages.append({"role": "tool", "name": names.resolve(name, call_id, f"{at}.name"), "content": content})
        else:
            messages.append(_openai_assistant(raw, at, names))
    return {"id": record.get("id"), "messages": messages, "tools": tools, "meta": _meta_of(record)}


def _bundled_results(text: str) -> list[tuple[Any, Any, str]]:
    """Several results in one tool message, as LLaMA-Factory's reasoning data writes parallel
    results: a JSON list of {"tool_call_id"?, "name"?, "content"}. Empty when the text is not that."""
    if not text.lstrip().startswith("[{"):
        return []
    try:
        items = json.loads(text)
    except json.JSONDecodeError:
        return []
    if not all(isinstance(i, dict) and "content" in i and ("name" in i or "tool_call_id" in i) for i in items):
        return []
    return [(i.get("name"), i.get("tool_call_id"), _result_text(i["content"])) for i in items]


def _result_text(content: Any) -> str:
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)


def _openai_assistant(raw: dict, at: str, names: _CallNames) -> dict:
    texts, thoughts, calls, ids = [], [], [], []
    content = raw.get("content")
    if isinstance(content, list):
        for k, part in enumerate(content):
            kind, value = _part(part, f"{at}.content[{k}]")
            if kind == "tool_call":
                calls.append(_call(value, f"{at}.content[{k}]"))
                ids.append(None)
            else:
                (texts if kind == "text" else thoughts).append(value)
    else:
        texts.append(_text(content, f"{at}.content"))
    for key in ("reasoning_content", "reasoning", "thinking"):
        if isinstance(raw.get(key), str) and raw[key]:
            thoughts.insert(0, raw[key])
    raw_calls = raw.get("tool_calls") or []
    if not isinstance(raw_calls, list):
        raise DataError(f"expected an array, got {json_type(raw_calls)}", field=f"{at}.tool_calls")
    for j, raw_call in enumerate(raw_calls):
        calls.append(_call(raw_call, f"{at}.tool_calls[{j}]"))
        ids.append(raw_call.get("id") if isinstance(raw_call, dict) else None)
    if raw.get("function_call"):  # the legacy single-call field
        calls.append(_call(raw["function_call"], f"{at}.function_call"))
        ids.append(None)
    names.called(calls, ids)
    return _assistant("".join(texts), "\n\n".join(thoughts), calls)


_HERMES_ROLES = {"system": "system", "human": "user", "user": "user", "gpt": "assistant", "model": "assistant",
                 "assistant": "assistant", "tool": "tool", "function": "tool", "observation": "tool"}
_TOOLS_BLOCK = re.compile(r"<tools>(.*?)</tools>", re.DOTALL)
_RESPONSE_BLOCK = re.compile(r"<tool_response>(.*?)(?:</tool_response>|$)", re.DOTALL)


def _hermes_tools(text: str, field: str) -> list[dict] | None:
    """The tools of a Hermes system prompt: the first non-empty <tools> block (the prompt's own
    sentence "within <tools></tools> XML tags" is an empty one). The block holds a JSON or
    Python-literal list, or objects one after another."""
    for block in _TOOLS_BLOCK.findall(text):
        block = block.strip()
        if not block:
            continue
        if not block.startswith("["):  # objects one after another, as Hermes 2 Pro's own prompt writes them
            block = "[" + re.sub(r"}\s*,?\s*{", "},{", block) + "]"
        return _standard_tools(_decode(block, f"{field} <tools>", list), f"{field} <tools>")
    return None


def _hermes_assistant(text: str, field: str, names: _CallNames) -> dict:
    """A Hermes assistant turn: optional <think>, text, and <tool_call> blocks; read with the
    hermes format's own parser, which is what reads a model's output in that format.

    Every parse error rejects the record, unclosed_think included. That one is no call error,
    and the parser rightly lets a generation stop mid-thought; but in a recorded turn a <think>
    that never closes swallows the rest of it, answer and calls alike, into the thought, and
    training on that would teach the model to hide its answer in a thought. A call error must not
    load as "no call", and an untagged call must not load as an answer. --skip-invalid counts them."""
    parsed = get_format("hermes").parse(text)  # the one reader of <tool_call> text
    if parsed.errors:
        error = parsed.errors[0]
        why = " (the turn's answer or calls cannot be told from the thought)" if error.kind == "unclosed_think" else ""
        raise DataError(f"{error.message}{why} in {_clip(error.raw)}", field=field)
    calls = [{"name": c["name"], "arguments": c["arguments"]} for c in parsed.tool_calls]
    names.called(calls)
    return _assistant(parsed.content, parsed.thinking or "", calls)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _hermes_results(text: str, field: str, names: _CallNames) -> list[dict]:
    """A Hermes tool turn: one <tool_response> block per result, each {"name", "content"} or bare text."""
    blocks = [b.strip() for b in _RESPONSE_BLOCK.findall(text)] or [text.strip()]
    results = []
    for block in blocks:
        name, content = None, block
        try:
            value = _decode(block, field, (dict, list))
        except DataError:
            value = None  # plain text
        if isinstance(value, dict) and "name" in value and "content" in value:
            name, content = value["name"], _result_text(value["content"])
        elif value is not None and not _is_json(block):
            content = json.dumps(value, ensure_ascii=False)  # a Python-literal result, as JSON text
        results.append({"role": "tool", "name": names.resolve(name, None, field), "content": content})
    return results


def _from_hermes(record: dict) -> dict:
    """Hermes / ShareGPT: `conversations` of {from, value} (NousResearch/hermes-function-calling-v1)
    or {role, content} with roles human / model / tool (Jofthomas/hermes-function-calling-thinking-V1).
    The tools come from the <tools> block of the system prompt; that prompt is then dropped, since it
    only instructs the Hermes tool format, which fc.formats renders itself."""
    key = "conversations" if "conversations" in record else "messages"
    turns = _field(record, key, list)
    tools: list[dict] = []
    messages: list[dict] = []
    names = _CallNames()
    for i, turn in enumerate(turns):
        at = f"{key}[{i}]"
        if not isinstance(turn, dict):
            raise DataError(f"expected a turn object, got {json_type(turn)}", field=at)
        role_key = "from" if "from" in turn else "role"
        text_key = "value" if "value" in turn else "content"
        role = _lookup(_HERMES_ROLES, turn.get(role_key))
        if role is None:
            raise DataError(f"unknown role {turn.get(role_key)!r} (expected one of {', '.join(_HERMES_ROLES)})",
                            field=f"{at}.{role_key}")
        text = turn.get(text_key)
        if not isinstance(text, str):
            raise DataError("missing" if text is None else f"expected a string, got {json_type(text)}",
                            field=f"{at}.{text_key}")
        if role == "system":
            found = _hermes_tools(text, f"{at}.{text_key}")
            if found is None:
                messages.append({"role": "system", "content": text})
            else:
                tools = found
        elif role == "user":
            messages.append({"role": "user", "content": text})
        elif role == "assistant":
            messages.append(_hermes_assistant(text, f"{at}.{text_key}", names))
        else:
            messages.extend(_hermes_results(text, f"{at}.{text_key}", names))
    if record.get("tools") and not tools:
        tools = _standard_tools(record["tools"], "tools")
    return {"id": record.get("id"), "messages": messages, "tools": tools, "meta": _meta_of(record)}


_GLAIVE_ROLES = {"human": "user", "user": "user", "gpt": "assistant", "assistant": "assistant",
                 "function_call": "call", "observation": "tool", "system": "system"}


def _from_glaive(record: dict) -> dict:
    """Glaive in LLaMA-Factory's ShareGPT layout: `conversations` of {from: human | gpt |
    function_call | observation, value}, a `tools` JSON string, optionally a `system` prompt.
    A function_call value is a call object or a list of them (parallel calls)."""
    turns = _field(record, "conversations", list)
    tools = _standard_tools(record.get("tools"), "tools")
    messages: list[dict] = []
    if isinstance(record.get("system"), str) and record["system"]:
        messages.append({"role": "system", "content": record["system"]})
    names = _CallNames()
    for i, turn in enumerate(turns):
        at = f"conversations[{i}]"
        if not isinstance(turn, dict):
            raise DataError(f"expected a turn object, got {json_type(turn)}", field=at)
        role = _lookup(_GLAIVE_ROLES, turn.get("from"))
        if role is None:
            raise DataError(f"unknown role {turn.get('from')!r} (expected one of {', '.join(_GLAIVE_ROLES)})",
                            field=f"{at}.from")
        if "value" not in turn:
            raise DataError("missing", field=f"{at}.value")
        value = turn["value"]
        if role == "call":
            raw_calls = _decode(value, f"{at}.value", (dict, list))
            raw_calls = raw_calls if isinstance(raw_calls, list) else [raw_calls]
            calls = [_call(c, f"{at}.value" + (f"[{k}]" if len(raw_calls) > 1 else ""))
                     for k, c in enumerate(raw_calls)]
            names.called(calls)
            messages.append(_assistant(calls=calls))
        elif role == "tool":
            name = names.resolve(None, None, f"{at}.value")
            messages.append({"role": "tool", "name": name, "content": _text(value, f"{at}.value")})
        elif role == "assistant":
            messages.append(_assistant(_text(value, f"{at}.value")))
        else:
            messages.append({"role": role, "content": _text(value, f"{at}.value")})
    return {"id": record.get("id"), "messages": messages, "tools": tools, "meta": _meta_of(record)}


def _from_xlam(record: dict) -> dict:
    """xLAM / APIGen (Salesforce/xlam-function-calling-60k): `query`, and `tools` and `answers`
    as JSON strings; one user message and the assistant's calls. No answers means no call."""
    query = _field(record, "query", str)
    tools = _standard_tools(_field(record, "tools", (list, dict)), "tools")
    answers = _field(record, "answers", list)
    calls = [_call(answer, f"answers[{k}]") for k, answer in enumerate(answers)]
    meta = _meta_of(record)
    if not calls:
        meta["expect"] = "no_call"
    messages = [{"role": "user", "content": query}, _assistant(calls=calls)]
    return {"id": record.get("id"), "messages": messages, "tools": tools, "meta": meta}


def _bfcl_category(case_id: str) -> str:
    """BFCL ids are <category>_<n> or <category>_<n>-<m>-<k>."""
    match = re.fullmatch(r"(.+?)_\d+(?:-\d+)*", case_id)
    return match.group(1) if match else ""


def choose_gold_arguments(acceptable: dict, parameters: dict | None = None) -> dict:
    """One concrete argument object from BFCL's acceptable-value lists, for each parameter:
    the first acceptable value that is neither "" (BFCL's "may be omitted") nor null and fits the
    parameter's schema (when `parameters`, the tool's JSON Schema, is given); else omitted where ""
    is acceptable; else the first such value even against the schema (BFCL's gold sometimes
    contradicts its own schema); else null when null is the only acceptable value. BFCL nests
    acceptable-value lists inside object values and inside lists of objects: those are unwrapped
    the same way.

    >>> choose_gold_arguments({"base": [10], "unit": ["units", ""], "z": ["", None]})
    {'base': 10, 'unit': 'units'}
    >>> choose_gold_arguments({"unit": ["", "N/A"]}, {"properties": {"unit": {"enum": ["s", "ms"]}}})
    {}
    """
    properties = (parameters or {}).get("properties") or {}
    chosen = {}
    for name, values in acceptable.items():
        schema = properties.get(name) if isinstance(properties.get(name), dict) else None
        if not isinstance(values, list):
            chosen[name] = _concrete(values, schema)
            continue
        candidates = [_concrete(v, schema) for v in values if v != "" and v is not None]
        fitting = [v for v in candidates if schema is None or _fits(v, schema)]
        if fitting:
            chosen[name] = fitting[0]
        elif "" in values:
            continue  # omitted, as BFCL allows
        elif candidates:
            chosen[name] = candidates[0]
        elif None in values:
            chosen[name] = None  # null is the only acceptable value
    return chosen


def _concrete(value: Any, schema: dict | None) -> Any:
    if isinstance(value, dict):
        return choose_gold_arguments(value, schema)
    if isinstance(value, list):
        items = schema.get("items") if isinstance(schema, dict) and isinstance(schema.get("items"), dict) else None
        return [_concrete(v, items) if isinstance(v, dict) else v for v in value]
    return value


def _fits(value: Any, schema: dict) -> bool:
    import jsonschema  # only BFCL gold needs it here

    try:
        return jsonschema.Draft202012Validator(schema).is_valid(value)
    except Exception:  # a schema jsonschema cannot apply says nothing against the value
        return True


def _from_bfcl(record: dict) -> dict:
    """A BFCL record (`id`, `question`, `function`, and `possible_answer` or `ground_truth` when the
    gold is attached). Names become prompt-safe (meta.name_map maps them back), schemas standard;
    the conversation ends with the gold's first acceptable calls so it is training-shaped, and
    meta.possible_answer keeps every acceptable value for scoring. Irrelevance cases end with an
    empty assistant turn and meta.expect = "no_call"; live_relevance ones with meta.expect = "any_call"."""
    case_id = _field(record, "id", str)
    category = record.get("category") or _bfcl_category(case_id)
    question = _field(record, "question", list)
    if question and all(isinstance(turn, list) for turn in question):
        if len(question) != 1 or category.startswith("multi_turn"):
            raise DataError(f"{len(question)} turns: multi-turn BFCL cases are not supported "
                            f"(supported categories: {', '.join(BFCL_CATEGORIES)})", field="question")
        question, turn_field = question[0], "question[0]"
    else:  # BFCL v1/v2 wrote one flat list of messages
        turn_field = "question"
    messages = []
    for i, raw in enumerate(question):
        at = f"{turn_field}[{i}]"
        if not isinstance(raw, dict) or raw.get("role") not in ("system", "user", "assistant"):
            raise DataError("expected a {role: system|user|assistant, content} message", field=at)
        messages.append({"role": raw["role"], "content": _text(raw.get("content"), f"{at}.content")})
    functions = _field(record, "function", (list, dict))
    functions = [functions] if isinstance(functions, dict) else functions
    tools, name_map = [], {}
    for k, function in enumerate(functions):
        if not isinstance(function, dict) or not isinstance(function.get("name"), str):
            raise DataError("expected a function with a name", field=f"function[{k}]")
        name = prompt_name(function["name"])
        name_map[name] = function["name"]
        tools.append(as_tool(normalise_bfcl_schema({**function, "name": name})))
    parameters = {function_of(tool)["name"]: function_of(tool)["parameters"] for tool in tools}
    meta: dict[str, Any] = {"category": category, "name_map": name_map}
    gold = record.get("possible_answer", record.get("ground_truth"))
    if category in _BFCL_EXPECT:
        meta["expect"] = _BFCL_EXPECT[category]
        if meta["expect"] == "no_call":
            meta["possible_answer"] = []
        messages.append(_assistant())  # the case's turn; it has no gold text, only an expectation
    elif gold is not None:
        gold = _decode(gold, "possible_answer", list)
        possible, calls = [], []
        for k, entry in enumerate(gold):
            if not isinstance(entry, dict) or len(entry) != 1:
                raise DataError("expected {function name: {parameter: [acceptable values]}}",
                                field=f"possible_answer[{k}]")
            (original, acceptable), = entry.items()
            if not isinstance(acceptable, dict):
                raise DataError(f"expected an object, got {json_type(acceptable)}",
                                field=f"possible_answer[{k}].{original}")
            possible.append({prompt_name(original): acceptable})
            arguments = choose_gold_arguments(acceptable, parameters.get(prompt_name(original)))
            calls.append({"name": prompt_name(original), "arguments": arguments})
        meta["possible_answer"] = possible
        messages.append(_assistant(calls=calls))
    return {"id": case_id, "messages": messages, "tools": tools, "meta": meta}


def _meta_of(record: dict) -> dict:
    meta = record.get("meta")
    return dict(meta) if isinstance(meta, dict) else {}


# A registry: layout name -> converter of one record to a conversation (id may be None).
LAYOUTS: dict[str, Callable[[dict], dict]] = {
    "canonical": _from_canonical,
    "openai": _from_openai,
    "hermes": _from_hermes,
    "glaive": _from_glaive,
    "xlam": _from_xlam,
    "bfcl": _from_bfcl,
}


def _is_canonical(record: dict) -> bool:
    messages = record.get("messages")
    if not isinstance(messages, list) or not isinstance(record.get("tools", []), list):
        return False
    for message in messages:
        if not isinstance(message, dict) or message.get("role") not in ("system", "user", "assistant", "tool"):
            return False
        if not isinstance(message.get("content", ""), str) or "function_call" in message:
            return False
        if message.get("role") == "tool" and "name" not in message:
            return False
        for call in message.get("tool_calls") or []:
            if not (isinstance(call, dict) and "function" not in call and isinstance(call.get("arguments"), dict)):
                return False
    return all(isinstance(t, dict) and "function" in t for t in record.get("tools", []))


def sniff_layout(record: Any) -> str:
    """The layout of one record, from its keys. Raises DataError when none fits."""
    if isinstance(record, dict):
        if "question" in record and "function" in record:
            return "bfcl"
        if "query" in record and "answers" in record:
            return "xlam"
        if isinstance(record.get("conversations"), list):
            turns = [t for t in record["conversations"] if isinstance(t, dict)]
            roles = {str(t.get("from", t.get("role"))) for t in turns}
            if roles & {"function_call", "observation"}:
                return "glaive"
            system = " ".join(str(t.get("value", t.get("content"))) for t in turns
                              if t.get("from", t.get("role")) == "system")
            return "glaive" if "tools" in record and "<tools>" not in system else "hermes"
        if isinstance(record.get("messages"), list):
            return "canonical" if _is_canonical(record) else "openai"
        keys = ", ".join(sorted(map(str, record))) or "none"
    else:
        keys = f"a {json_type(record)}, not an object"
    raise DataError(f"no known layout fits this record (keys: {keys}); expected messages (canonical/openai), "
                    "conversations (hermes/glaive), query+answers (xlam) or question+function (bfcl)")


def convert_record(record: Any, layout: str | None = None) -> tuple[dict, str]:
    """One record as a canonical conversation (id may be missing), and the layout it was read as.
    Raises DataError naming the field."""
    if isinstance(record, list):  # a bare list of messages, as in the Mistral API docs
        record = {"messages": record}
    layout = layout or sniff_layout(record)
    if not isinstance(record, dict):
        raise DataError(f"expected an object, got {json_type(record)}")
    conversation = LAYOUTS[layout](record)
    if conversation.get("id") is None:
        conversation.pop("id", None)
    else:
        conversation["id"] = str(conversation["id"])
    conversation["meta"] = conversation.get("meta") or {}
    problems = [p for p in validate_conversation(conversation) if not _is_case_placeholder(conversation, p)]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(f"read as {layout}, the conversation is invalid: {problems[0]}{more}")
    return conversation, layout


def _is_case_placeholder(conversation: dict, problem: str) -> bool:
    """The final assistant turn of a no-call / any-call case has nothing in it by design: meta.expect
    says what it expects. validate_conversation rightly rejects empty assistant turns elsewhere."""
    last = len(conversation["messages"]) - 1
    return (conversation["meta"].get("expect") in ("no_call", "any_call")
            and problem == f"messages[{last}]: assistant message has no content, thinking or tool_calls")


# -------------------------------------------------------------------------------- sources


def _read_jsonl(path: Path, source: str) -> Iterator[tuple[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield f"line {number}", json.loads(line.strip())
            except json.JSONDecodeError as error:
                yield f"line {number}", DataError(f"not valid JSON ({error.msg} at column {error.colno})",
                                                  source=source, record=f"line {number}")


def _read_json(path: Path, source: str) -> Iterator[tuple[str, Any]]:
    text = path.read_text(encoding="utf-8")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # JSON lines in a .json file, as BFCL ships them
            yield from _read_jsonl(path, source)
            return
        raise DataError(f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})",
                        source=source) from None
    if isinstance(value, list) and value and all(isinstance(v, dict) and "role" in v for v in value):
        yield "index 0", {"messages": value}  # one conversation written as its list of messages
    elif isinstance(value, list):
        for index, record in enumerate(value):
            yield f"index {index}", record
    else:
        yield "index 0", value


def _drop_nulls(value: Any) -> Any:
    """Arrow tables pad each struct with every key seen in the column, as nulls; drop them so a
    record reads back as written (a null that was really there is indistinguishable, and dropped too)."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def _read_parquet(path: Path, source: str) -> Iterator[tuple[str, Any]]:
    import datasets  # decodes the JSON columns `datasets` writes (pyarrow alone gives their text)
    import pyarrow.parquet

    try:  # in memory: no cache files for a file that is already on disk
        table = datasets.Dataset(pyarrow.parquet.read_table(path))
    except Exception as error:  # pyarrow's errors have no common base; the message says what
        raise DataError(f"cannot read Parquet: {type(error).__name__}: {error}", source=source) from None
    for index, row in enumerate(table):
        yield f"row {index}", _drop_nulls(row)


# datasets' packaged builders for a single local data file (load_dataset reads a folder or a hub
# id by itself, but a file path only through its builder and data_files).
_HF_FILE_BUILDERS = {".json": "json", ".jsonl": "json", ".ndjson": "json", ".parquet": "parquet", ".csv": "csv"}


def _read_hf(target: str, source: str) -> Iterator[tuple[str, Any]]:
    repo, split = target, None
    if ":" in target and "/" not in target.rsplit(":", 1)[1]:
        repo, split = target.rsplit(":", 1)
    import datasets

    local = Path(repo)
    if local.is_file():
        if local.suffix.lower() not in _HF_FILE_BUILDERS:
            raise DataError(f"unknown file type {local.suffix!r}; expected one of {', '.join(_HF_FILE_BUILDERS)}",
                            source=source)
        args, kwargs = (_HF_FILE_BUILDERS[local.suffix.lower()],), {"data_files": str(local)}
        hint = "check the file, or read it without datasets: python -m fc.data convert FILE --out OUT.jsonl"
    else:
        args, kwargs = (repo,), {}
        hint = ("without network access (or with HF_HUB_OFFLINE=1) download the dataset's data files "
                "elsewhere and load them as a local file (python -m fc.data convert FILE.jsonl --out OUT.jsonl, "
                "or hf:/path/to/FILE.jsonl) or folder (hf:/path/to/folder)")
    try:
        loaded = datasets.load_dataset(*args, split=split or None, **kwargs)
    except Exception as error:  # offline, unknown repo, bad files: datasets raises many kinds
        raise DataError(f"cannot load the Hugging Face dataset {repo!r} ({type(error).__name__}: {error}). "
                        f"{hint[0].upper()}{hint[1:]}", source=source) from None
    if isinstance(loaded, datasets.DatasetDict):
        if "train" in loaded or len(loaded) == 1:
            loaded = loaded["train"] if "train" in loaded else next(iter(loaded.values()))
        else:
            raise DataError(f"several splits ({', '.join(loaded)}); name one: hf:{repo}:<split>", source=source)
    for index, row in enumerate(loaded):
        yield f"row {index}", _drop_nulls(row)


def _bfcl_files(category: str, source: str) -> tuple[Any, Any]:
    if category not in BFCL_CATEGORIES:
        why = "multi-turn BFCL categories are not supported" if category.startswith("multi_turn") \
            else "unknown or unsupported BFCL category"
        raise DataError(f"{why}: {category!r}; supported: {', '.join(BFCL_CATEGORIES)}", source=source)
    try:
        root = importlib.resources.files("bfcl_eval") / "data"  # data files only; no bfcl_eval code runs
    except ModuleNotFoundError:
        raise DataError("the bfcl-eval package is not installed: pip install --no-deps bfcl-eval==2026.3.23",
                        source=source) from None
    names = sorted((p.name for p in root.iterdir() if re.fullmatch(rf"BFCL_v\d+_{category}\.json", p.name)),
                   key=lambda n: int(re.search(r"\d+", n).group()))
    if not names:
        raise DataError(f"no BFCL_v*_{category}.json under {root}", source=source)
    answers = root / "possible_answer" / names[-1]
    return root / names[-1], (answers if answers.is_file() else None)


def _read_bfcl(category: str, source: str) -> Iterator[tuple[str, Any]]:
    questions, answers = _bfcl_files(category, source)
    gold: dict[str, Any] = {}
    if answers is not None:
        for line in answers.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                gold[entry["id"]] = entry["ground_truth"]
    for number, line in enumerate(questions.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        record["category"] = category
        if answers is not None:
            if record.get("id") not in gold:
                yield f"line {number}", DataError(f"no possible answer for {record.get('id')!r} in {answers.name}",
                                                  source=source, record=f"line {number}")
                continue
            record["possible_answer"] = gold[record["id"]]
        yield f"line {number}", record


def _records(spec: str) -> tuple[Iterator[tuple[str, Any]], str, str | None]:
    """The records of a spec, the name to cite in errors, and the layout the spec implies."""
    kind, _, rest = spec.partition(":")
    if kind == "bfcl":
        return _read_bfcl(rest, spec), spec, "bfcl"
    if kind == "hf":
        return _read_hf(rest, spec), spec, None
    if kind == "data":
        path = DATA_DIR / f"{rest}.jsonl"
        if not path.is_file():
            have = ", ".join(sorted(p.stem for p in DATA_DIR.glob("*.jsonl"))) or "none"
            raise DataError(f"no {path} (shipped: {have}); make it with: python -m fc.data generate --seed 0 "
                            "--out data/", source=spec)
        return _read_jsonl(path, spec), spec, None
    path = Path(spec)
    if not path.is_file():
        hint = f"; for a folder of data files use hf:{spec}" if path.is_dir() else ""
        raise DataError(f"no such file (specs: a .json/.jsonl/.parquet path, hf:<repo_id>[:<split>], "
                        f"bfcl:<category>, data:<name>){hint}", source=spec)
    readers = {".jsonl": _read_jsonl, ".ndjson": _read_jsonl, ".json": _read_json, ".parquet": _read_parquet}
    if path.suffix.lower() not in readers:
        raise DataError(f"unknown file type {path.suffix!r}; expected .json, .jsonl or .parquet", source=spec)
    return readers[path.suffix.lower()](path, spec), spec, None


def _default_id(spec: str, where: str) -> str:
    stem = Path(spec.split(":", 1)[1] if spec.startswith(("hf:", "data:")) else spec).stem or "record"
    return f"{stem}-{where.split()[-1]}"


def load_with_report(spec: str, *, layout: str | None = None, skip_invalid: bool = False,
                     limit: int | None = None) -> LoadReport:
    """Like `load`, and also says how many records were read and skipped, and as which layouts."""
    if layout is not None and layout not in LAYOUTS:
        raise DataError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    records, source, implied = _records(spec)
    layout = layout or implied
    report = LoadReport(spec=spec)
    for where, record in records:
        if limit is not None and len(report.conversations) >= limit:
            break
        report.records += 1
        try:
            if isinstance(record, DataError):
                raise record
            conversation, used = convert_record(record, layout)
        except DataError as error:
            error = error if error.source else error.located(source, where)
            if not skip_invalid:
                raise error from None
            report.skipped.append(str(error))
            continue
        conversation = {"id": conversation.get("id") or _default_id(spec, where), **conversation}
        conversation["meta"].setdefault("source", spec)
        report.layouts[used] += 1
        report.conversations.append(conversation)
    if report.skipped:
        log.warning("skipped %d invalid records of %s; first: %s", report.n_skipped, spec, report.skipped[0])
    return report


def load(spec: str, *, layout: str | None = None, skip_invalid: bool = False,
         limit: int | None = None) -> list[dict]:
    """Canonical conversations from a spec (a file path, hf:<repo_id>[:<split>], bfcl:<category>,
    data:<name>). A malformed record raises DataError naming the file, the record and the field;
    with skip_invalid=True it is skipped and counted (see load_with_report). Schema problems of
    calls are not errors here: `stats` reports them."""
    return load_with_report(spec, layout=layout, skip_invalid=skip_invalid, limit=limit).conversations


# ---------------------------------------------------------------------------------- stats


@dataclass
class DataStats:
    """Counts over a set of conversations, as `python -m fc.data stats` prints them."""

    conversations: int = 0
    turns: int = 0  # messages of every role
    assistant_turns: int = 0
    calls: int = 0
    parallel_call_turns: int = 0  # assistant turns with more than one call
    distinct_tools: int = 0
    schema_problems: list[str] = field(default_factory=list)  # "<id>: <problem>" from check_tool_calls
    tokens: dict[str, dict[str, float]] = field(default_factory=dict)  # format -> {"mean", "max"}
    token_note: str = ""  # how tokens were counted


@functools.lru_cache(maxsize=2)
def _load_tokenizer(name: str):
    from fc.model import load_tokenizer  # torch and transformers: only when tokens are counted

    return load_tokenizer(name)


def _token_counter(tokenizer: str | None) -> tuple[Callable[[list[str]], list[int]], str]:
    """Token counts with the named model's tokenizer; characters / 4 when it cannot be loaded."""
    def estimate(texts: list[str]) -> list[int]:
        return [round(len(text) / 4) for text in texts]

    if tokenizer is None:
        return estimate, "estimated as characters / 4"
    try:
        loaded = _load_tokenizer(tokenizer)
    except Exception as error:  # no model stack, no prepared model, no network: fall back, say so
        return estimate, f"estimated as characters / 4: the {tokenizer} tokenizer could not be loaded ({error})"

    def count(texts: list[str]) -> list[int]:
        return [len(ids) for ids in loaded(texts)["input_ids"]]

    return count, f"{tokenizer} tokenizer, with BOS"


def describe(conversations: list[dict], *, tokenizer: str | None = "gemma-3-270m",
             formats: tuple[str, ...] = ("hermes", "mistral")) -> DataStats:
    """Counts, schema problems and token lengths (per format) of conversations."""
    stats = DataStats(conversations=len(conversations))
    tools = set()
    for conversation in conversations:
        tools.update(function_of(tool)["name"] for tool in conversation.get("tools", []))
        for message in conversation["messages"]:
            stats.turns += 1
            if message["role"] == "assistant":
                stats.assistant_turns += 1
                calls = message.get("tool_calls") or []
                stats.calls += len(calls)
                stats.parallel_call_turns += len(calls) > 1
        stats.schema_problems += [f"{conversation.get('id')}: {p}" for p in check_tool_calls(conversation)]
    stats.distinct_tools = len(tools)
    if conversations and formats:
        count, stats.token_note = _token_counter(tokenizer)
        for name in formats:
            fmt = get_format(name)
            lengths = count([fmt.render_text(c["messages"], c.get("tools", [])) for c in conversations])
            stats.tokens[name] = {"mean": sum(lengths) / len(lengths), "max": max(lengths)}
    return stats


def format_stats(stats: DataStats, *, problems_shown: int = 5) -> str:
    rows = [("conversations", stats.conversations), ("turns", stats.turns),
            ("assistant turns", stats.assistant_turns), ("tool calls", stats.calls),
            ("parallel-call turns", stats.parallel_call_turns), ("distinct tools", stats.distinct_tools),
            ("schema problems", len(stats.schema_problems))]
    lines = [f"{label:<22}{value}" for label, value in rows]
    lines += [f"  {problem}" for problem in stats.schema_problems[:problems_shown]]
    if len(stats.schema_problems) > problems_shown:
        lines.append(f"  ... and {len(stats.schema_problems) - problems_shown} more")
    for name, length in stats.tokens.items():
        lines.append(f"{'tokens (' + name + ')':<22}mean {length['mean']:.1f}  max {length['max']}")
    if stats.token_note:
        lines.append(f"{'tokens counted':<22}{stats.token_note}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ CLI


def write_jsonl(conversations: list[dict], path: str | Path) -> None:
    """Canonical JSONL: one conversation a line, UTF-8 kept as is (the shipped corpus's bytes)."""
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        for conversation in conversations:
            file.write(json.dumps(conversation, ensure_ascii=False) + "\n")


def _convert_command(args: argparse.Namespace) -> int:
    report = load_with_report(args.spec, layout=args.layout, skip_invalid=args.skip_invalid, limit=args.limit)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_jsonl(report.conversations, out)
    print(f"wrote {out}: {report.summary()}")
    return 0


def _stats_command(args: argparse.Namespace) -> int:
    report = load_with_report(args.spec, layout=args.layout, skip_invalid=args.skip_invalid, limit=args.limit)
    stats = describe(report.conversations, tokenizer=None if args.tokenizer == "chars" else args.tokenizer)
    if args.json:
        print(json.dumps({"spec": args.spec, "skipped": report.n_skipped, **stats.__dict__}, indent=1))
    else:
        print(f"{'source':<22}{args.spec}")
        if report.n_skipped:
            print(f"{'skipped records':<22}{report.n_skipped} (first: {report.skipped[0]})")
        print(format_stats(stats))
    return 0


def _generate_command(args: argparse.Namespace) -> int:
    from fc.corpus import generate  # the corpus generator owns its own options

    return generate.main(["--seed", str(args.seed), "--out", args.out, *args.extra]) or 0


def _contamination_command(args: argparse.Namespace) -> int:
    from fc.corpus import contamination

    return contamination.main([args.a, args.b, *args.extra]) or 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fc.data", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    def with_spec(command: argparse.ArgumentParser) -> None:
        command.add_argument("spec", help="file path, hf:<repo_id>[:<split>], bfcl:<category> or data:<name>")
        command.add_argument("--layout", choices=sorted(LAYOUTS), help="default: sniffed from each record")
        command.add_argument("--skip-invalid", action="store_true", help="skip and count malformed records")
        command.add_argument("--limit", type=int, help="read at most this many conversations")

    convert = commands.add_parser("convert", help="write canonical JSONL")
    with_spec(convert)
    convert.add_argument("--out", required=True, help="the .jsonl file to write")
    convert.set_defaults(run=_convert_command)

    stats = commands.add_parser("stats", help="print counts, schema problems and token lengths")
    with_spec(stats)
    stats.add_argument("--tokenizer", default="gemma-3-270m",
                       help="model string whose tokenizer counts tokens, or 'chars' for characters / 4")
    stats.add_argument("--json", action="store_true", help="print the numbers as JSON")
    stats.set_defaults(run=_stats_command)

    generate = commands.add_parser("generate", help="generate the shipped corpus (fc.corpus)")
    generate.add_argument("--seed", type=int, default=0)
    generate.add_argument("--out", default="data/")
    generate.set_defaults(run=_generate_command)

    contamination = commands.add_parser("check-contamination", help="check two specs for overlap (fc.corpus)")
    contamination.add_argument("a")
    contamination.add_argument("b")
    contamination.set_defaults(run=_contamination_command)

    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in ("generate", "check-contamination"):  # those pass options on to fc.corpus
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    try:
        return args.run(args)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
