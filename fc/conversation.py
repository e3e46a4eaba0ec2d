"""The canonical conversation: its shape, structural checks, schema checks of calls, BFCL schemas.

A conversation is plain JSON (one per JSONL line), the same shape TRL's SFTTrainer reads
(`messages` + `tools`): see docs/ARCHITECTURE.md. Every loader in fc.data produces it,
every format in fc.formats renders it, and eval/ cuts it into cases.

Example:
    .venv/bin/python -c "import fc.conversation as c; print(c.prompt_name('math.factorial'))"
"""

from __future__ import annotations

import copy
import re
from typing import Any, Literal, NotRequired, Required, TypedDict

import jsonschema

Role = Literal["system", "user", "assistant", "tool"]
ROLES: tuple[str, ...] = ("system", "user", "assistant", "tool")


class ToolCall(TypedDict):
    name: str
    arguments: dict[str, Any]  # always an object once loaded, never a JSON string


class Message(TypedDict, total=False):
    role: Required[Role]
    content: str  # required for system/user/tool; optional for an assistant that only calls
    thinking: str  # assistant only: the Think step
    tool_calls: list[ToolCall]  # assistant only
    name: str  # tool only: which tool produced this result


class FunctionSchema(TypedDict, total=False):
    name: Required[str]
    description: str
    parameters: dict[str, Any]  # a JSON Schema object


class Tool(TypedDict):
    type: Literal["function"]
    function: FunctionSchema


class Conversation(TypedDict):
    id: NotRequired[str]
    messages: list[Message]
    tools: NotRequired[list[Tool]]
    meta: NotRequired[dict[str, Any]]


# ---------------------------------------------------------------- tool schemas


def function_of(tool: dict) -> dict:
    """The function schema inside an OpenAI tool ({"type": "function", "function": {...}}),
    or the tool itself when it is already a bare function schema."""
    inner = tool.get("function") if isinstance(tool, dict) else None
    if isinstance(inner, dict) and "name" not in tool:
        return inner
    return tool


def as_tool(function_schema: dict) -> dict:
    """Wrap a bare function schema into the OpenAI tool shape (idempotent)."""
    return {"type": "function", "function": function_of(function_schema)}


def tool_names(conversation: dict) -> list[str]:
    """Names of the tools a conversation offers, in order."""
    names = []
    for tool in conversation.get("tools") or []:
        function = function_of(tool) if isinstance(tool, dict) else None
        if isinstance(function, dict) and isinstance(function.get("name"), str):
            names.append(function["name"])
    return names


def prompt_name(name: str) -> str:
    """A name a model can write and an OpenAI-style API accepts: "math.factorial" -> "math_factorial".

    Any character outside [A-Za-z0-9_-] becomes "_" (BFCL uses dotted Java/JS method names).
    """
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)


# ------------------------------------------------------------ structural checks


def json_type(value: Any) -> str:
    """The JSON name of a Python value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _expect(problems: list[str], where: str, value: Any, kind: type, label: str) -> bool:
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return True
    problems.append(f"{where}: expected {label}, got {json_type(value)}")
    return False


def _validate_tool(problems: list[str], where: str, tool: Any) -> str | None:
    if not _expect(problems, where, tool, dict, "an object"):
        return None
    function = function_of(tool)
    if function is not tool:
        if tool.get("type", "function") != "function":
            problems.append(f"{where}.type: expected 'function', got {tool['type']!r}")
        where = f"{where}.function"
    name = function.get("name")
    if "name" not in function:
        problems.append(f"{where}.name: missing")
        name = None
    elif not _expect(problems, f"{where}.name", name, str, "a string") or not name:
        if name == "":
            problems.append(f"{where}.name: empty")
        name = None
    if "description" in function:
        _expect(problems, f"{where}.description", function["description"], str, "a string")
    if "parameters" in function:
        parameters = function["parameters"]
        if _expect(problems, f"{where}.parameters", parameters, dict, "an object"):
            if parameters.get("type", "object") != "object":
                problems.append(f"{where}.parameters.type: expected 'object', got {parameters['type']!r}")
            if "properties" in parameters:
                _expect(problems, f"{where}.parameters.properties", parameters["properties"], dict, "an object")
    return name


def _validate_message(problems: list[str], where: str, message: Any) -> None:
    if not _expect(problems, where, message, dict, "an object"):
        return
    role = message.get("role")
    if role not in ROLES:
        got = "missing" if "role" not in message else repr(role)
        problems.append(f"{where}.role: expected one of {', '.join(ROLES)}, got {got}")
        return
    if "content" in message:
        _expect(problems, f"{where}.content", message["content"], str, "a string")
    elif role != "assistant":
        problems.append(f"{where}.content: missing")
    if role == "tool":
        if "name" not in message:
            problems.append(f"{where}.name: missing (a tool result names its tool)")
        else:
            _expect(problems, f"{where}.name", message["name"], str, "a string")
    for key in ("thinking", "tool_calls"):
        if key in message and role != "assistant":
            problems.append(f"{where}.{key}: only assistant messages carry {key}")
    if role != "assistant":
        return
    if "thinking" in message:
        _expect(problems, f"{where}.thinking", message["thinking"], str, "a string")
    calls = message.get("tool_calls")
    if "tool_calls" in message and _expect(problems, f"{where}.tool_calls", calls, list, "an array"):
        for j, call in enumerate(calls):
            at = f"{where}.tool_calls[{j}]"
            if not _expect(problems, at, call, dict, "an object"):
                continue
            if "name" not in call:
                problems.append(f"{at}.name: missing")
            elif _expect(problems, f"{at}.name", call["name"], str, "a string") and not call["name"]:
                problems.append(f"{at}.name: empty")
            if "arguments" not in call:
                problems.append(f"{at}.arguments: missing")
            else:
                _expect(problems, f"{at}.arguments", call["arguments"], dict, "an object")
    if not (message.get("content") or message.get("thinking") or message.get("tool_calls")):
        problems.append(f"{where}: assistant message has no content, thinking or tool_calls")


def validate_conversation(conv: Any) -> list[str]:
    """Structural problems of a canonical conversation, each naming the field path
    (e.g. "messages[3].tool_calls[0].arguments: expected an object, got string").
    An empty list means the conversation is well formed. Never raises."""
    problems: list[str] = []
    if not _expect(problems, "conversation", conv, dict, "an object"):
        return problems
    if "id" in conv:
        _expect(problems, "id", conv["id"], str, "a string")
    if "meta" in conv:
        _expect(problems, "meta", conv["meta"], dict, "an object")
    names: set[str] = set()
    tools = conv.get("tools", [])
    if _expect(problems, "tools", tools, list, "an array"):
        for k, tool in enumerate(tools):
            name = _validate_tool(problems, f"tools[{k}]", tool)
            if name is not None and name in names:
                problems.append(f"tools[{k}]: duplicate tool name {name!r}")
            if name is not None:
                names.add(name)
    if "messages" not in conv:
        problems.append("messages: missing")
        return problems
    messages = conv["messages"]
    if not _expect(problems, "messages", messages, list, "an array"):
        return problems
    if not messages:
        problems.append("messages: empty")
    called: list[str] | None = None  # names called by the assistant turn that tool results answer
    for i, message in enumerate(messages):
        where = f"messages[{i}]"
        _validate_message(problems, where, message)
        if not isinstance(message, dict):
            called = None
            continue
        role = message.get("role")
        if role == "assistant":
            calls = message.get("tool_calls")
            called = [c.get("name") for c in calls if isinstance(c, dict)] if isinstance(calls, list) and calls else None
        elif role == "tool":
            # Why: a result with no call before it, or answering a call never made, trains nonsense.
            if called is None:
                problems.append(f"{where}: tool result without a preceding assistant tool call")
            elif isinstance(message.get("name"), str) and message["name"] not in called:
                problems.append(f"{where}.name: {message['name']!r} answers no call of the preceding "
                                f"assistant turn (called: {', '.join(map(str, called))})")
        else:
            called = None
    return problems


# ---------------------------------------------------------------- schema checks


def _path_text(path) -> str:
    text = "arguments"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def check_tool_calls(conv: dict) -> list[str]:
    """Schema problems of the calls in a conversation: calls naming a tool the conversation does
    not offer, and arguments violating the tool's parameters (checked with jsonschema).
    Each message names the message index and call, e.g.
    "messages[2].tool_calls[0] (get_weather): arguments.city: 5 is not of type 'string'".
    Never raises; structurally broken parts are skipped (validate_conversation reports them)."""
    problems: list[str] = []
    if not isinstance(conv, dict):
        return problems
    validators: dict[str, Any] = {}
    tools = conv.get("tools") if isinstance(conv.get("tools"), list) else []
    for k, tool in enumerate(tools):
        function = function_of(tool) if isinstance(tool, dict) else None
        if not isinstance(function, dict) or not isinstance(function.get("name"), str):
            continue
        parameters = function.get("parameters", {"type": "object"})
        if not isinstance(parameters, dict):
            validators[function["name"]] = None
            continue
        cls = jsonschema.validators.validator_for(parameters, default=jsonschema.Draft202012Validator)
        try:
            cls.check_schema(parameters)
        except jsonschema.SchemaError as error:
            problems.append(f"tools[{k}] ({function['name']}): invalid parameters schema: {error.message}")
            validators[function["name"]] = None
            continue
        validators[function["name"]] = cls(parameters)
    messages = conv.get("messages") if isinstance(conv.get("messages"), list) else []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") != "assistant":
            continue
        calls = message.get("tool_calls")
        for j, call in enumerate(calls if isinstance(calls, list) else []):
            if not isinstance(call, dict) or not isinstance(call.get("name"), str):
                continue
            where = f"messages[{i}].tool_calls[{j}] ({call['name']})"
            if call["name"] not in validators:
                known = ", ".join(validators) or "none"
                problems.append(f"{where}: unknown tool (known: {known})")
                continue
            validator = validators[call["name"]]
            arguments = call.get("arguments")
            if validator is None or not isinstance(arguments, dict):
                continue
            try:
                errors = sorted(validator.iter_errors(arguments), key=lambda e: list(map(str, e.path)))
            except Exception as error:  # a schema jsonschema accepts but cannot apply (bad regex ...)
                problems.append(f"{where}: cannot check arguments: {error}")
                continue
            for error in errors:
                problems.append(f"{where}: {_path_text(error.path)}: {error.message}")
    return problems


# ---------------------------------------------------------------- BFCL schemas

# BFCL writes Python/Java/JavaScript type names; JSON Schema has seven. None = no type constraint.
_BFCL_TYPES: dict[str, str | None] = {
    "dict": "object", "object": "object", "hashmap": "object", "map": "object", "hashtable": "object",
    "float": "number", "double": "number", "number": "number", "decimal": "number",
    "int": "integer", "integer": "integer", "long": "integer", "short": "integer", "byte": "integer",
    "bigint": "integer",
    "str": "string", "string": "string", "char": "string", "character": "string",
    "bool": "boolean", "boolean": "boolean",
    "tuple": "array", "list": "array", "array": "array", "arraylist": "array", "set": "array",
    "null": "null", "none": "null",
    "any": None, "": None,
}
# Keys whose value is a dict of subschemas / a subschema / a list of subschemas.
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions")
_SCHEMA_ONE = ("items", "additionalProperties", "additionalItems", "contains", "not")
_SCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")


def _normalise_type(value: Any) -> Any:
    if isinstance(value, str):
        return _BFCL_TYPES.get(value.strip().lower())  # unknown names: no constraint, not an invalid schema
    if isinstance(value, list):
        mapped = [t for t in (_normalise_type(v) for v in value) if t is not None]
        if len(mapped) != len(value):  # "any" in a union means anything goes
            return None
        return list(dict.fromkeys(mapped)) or None
    return None


def normalise_schema(schema: Any) -> Any:
    """A JSON Schema with BFCL's type names mapped onto JSON Schema's, recursively."""
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "type":
            mapped = _normalise_type(value)
            if mapped is not None:
                out["type"] = mapped
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {k: normalise_schema(v) for k, v in value.items()}
        elif key == "items" and isinstance(value, list):  # draft-4 tuple typing -> 2020-12
            out["prefixItems"] = [normalise_schema(v) for v in value]
        elif key in _SCHEMA_ONE:
            out[key] = normalise_schema(value)
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            out[key] = [normalise_schema(v) for v in value]
        else:
            out[key] = copy.deepcopy(value)
    return out


def normalise_bfcl_schema(function: dict) -> dict:
    """A BFCL function description as a standard JSON Schema function schema.

    Types: dict -> object, float/double -> number, tuple/ArrayList/Array -> array,
    long -> integer, String/char -> string, Boolean -> boolean, any/"" -> no type constraint;
    recursively through properties, items and the combinators. Descriptions, enum, default and
    required are kept; BFCL's extra top-level keys ("response") are dropped. The name is unchanged
    (fc.conversation.prompt_name makes it prompt-safe).
    """
    out: dict[str, Any] = {"name": function["name"]}
    if "description" in function:
        out["description"] = function["description"]
    parameters = function.get("parameters")
    parameters = normalise_schema(parameters) if isinstance(parameters, dict) else {}
    parameters.setdefault("type", "object")
    parameters.setdefault("properties", {})
    out["parameters"] = parameters
    return out
