"""Executable tools: typed Python functions, their schemas, the one argument validator, run_tool.

A tool is a plain function with type hints and a Google-style docstring, marked with @tool
(which keeps its example calls beside it); its JSON Schema comes from
`transformers.utils.get_json_schema`, never written by hand. One module per domain
(payments.py, orders.py, ... statistics.py); the stateful ones act on the SQLite world of
fc/tools/world.py. A model's call runs through `run_tool`, which validates the arguments with
`validate_arguments` (the one validator of model-made calls) and turns every failure into a
result the model can read, never an exception.

TOOLS is built on first use, not at import: get_json_schema imports torch when torch is
installed, and `import fc.tools` must stay light for scoring and corpus code.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('retrieve_payment_status', {'transaction_id': 'T1001'}))"
"""

from __future__ import annotations

import copy
import difflib
import functools
import importlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema

from fc.conversation import as_tool, function_of, json_type
from fc.tools.world import World, current_world, open_world, use_world

# The domain modules, in the order their tools are listed. Each sets DOMAIN and STATEFUL.
DOMAIN_MODULES: tuple[str, ...] = (
    "payments", "orders", "calendar", "contacts", "inventory", "bookings",
    "math", "units", "currency", "dates", "text", "geometry", "statistics",
)

# ------------------------------------------------------------------------------ registry


@dataclass(frozen=True)
class Example:
    """A call a tool answers, kept beside the tool: its arguments, and either a part of the
    result it returns (`result`, compared key by key) or a fragment of the error it raises."""

    arguments: dict[str, Any]
    result: dict[str, Any] | None = None
    error: str | None = None


def tool(*examples: Example) -> Callable[[Callable], Callable]:
    """Mark a function of a domain module as a tool, with example calls (at least one that succeeds)."""

    def mark(function: Callable) -> Callable:
        function.__fc_examples__ = tuple(examples)
        return function

    return mark


@dataclass(frozen=True)
class Tool:
    name: str
    function: Callable[..., dict]
    schema: dict  # OpenAI tool shape {"type": "function", "function": {name, description, parameters}}
    domain: str
    stateful: bool  # reads or writes the World
    examples: tuple[Example, ...] = ()

    @property
    def description(self) -> str:
        return self.schema["function"]["description"]

    @property
    def parameters(self) -> dict:
        return self.schema["function"]["parameters"]


class UnknownToolError(KeyError):
    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


def schema_of(function: Callable) -> dict:
    """The OpenAI tool schema of a typed, documented function, from get_json_schema.

    The "return" entry get_json_schema adds is dropped: prompts (ours and BFCL's) show
    name, description and parameters only, and a model should learn from what it will see."""
    from transformers.utils import get_json_schema  # lazily: it imports torch

    schema = get_json_schema(function)
    schema["function"].pop("return", None)
    return schema


def build_tools() -> dict[str, Tool]:
    """Import every domain module and collect its @tool functions, in definition order."""
    tools: dict[str, Tool] = {}
    for module_name in DOMAIN_MODULES:
        module = importlib.import_module(f"fc.tools.{module_name}")
        for function in vars(module).values():
            if not hasattr(function, "__fc_examples__") or function.__module__ != module.__name__:
                continue
            name = function.__name__
            if name in tools:
                raise ValueError(f"fc/tools/{module_name}.py: tool name {name!r} is already used by "
                                 f"the {tools[name].domain} domain")
            tools[name] = Tool(name, function, schema_of(function), module.DOMAIN, module.STATEFUL,
                               function.__fc_examples__)
    return tools


class _Registry(Mapping[str, Tool]):
    """name -> Tool, built on first access (see the module docstring for why)."""

    def __init__(self) -> None:
        self._tools: dict[str, Tool] | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[str, Tool]:
        if self._tools is None:
            with self._lock:
                if self._tools is None:
                    self._tools = build_tools()
        return self._tools

    def __getitem__(self, name: str) -> Tool:
        return self._load()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __contains__(self, name: object) -> bool:
        return name in self._load()

    def __repr__(self) -> str:
        return f"TOOLS({len(self)} tools)" if self._tools is not None else "TOOLS(not built yet)"


TOOLS: Mapping[str, Tool] = _Registry()


def close_names(name: str, names: Iterable[str], n: int = 5) -> list[str]:
    """Known names that look like `name`, best first."""
    names = list(names)
    close = difflib.get_close_matches(str(name), names, n=n, cutoff=0.6)
    lowered = str(name).lower()
    close += [k for k in names if lowered and (lowered in k.lower() or k.lower() in lowered) and k not in close]
    return close[:n]


def get_tool(name: str) -> Tool:
    """The registered tool called `name`; UnknownToolError (a KeyError) names similar tools."""
    if name in TOOLS:
        return TOOLS[name]
    similar = close_names(name, TOOLS)
    hint = f"; did you mean {', '.join(similar)}?" if similar else f" ({len(TOOLS)} tools are registered)"
    raise UnknownToolError(f"Unknown tool {name!r}{hint}")


def tool_schemas(names: Iterable[str] | None = None) -> list[dict]:
    """OpenAI tool schemas of the named tools (all tools when None), in the order given. Copies:
    callers may edit them."""
    return [copy.deepcopy(get_tool(name).schema) for name in (TOOLS if names is None else names)]


# ------------------------------------------------------------------------------ validation


def _show(value: Any, limit: int = 60) -> str:
    text = f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _where(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


@functools.lru_cache(maxsize=1024)
def _validator(parameters_json: str) -> jsonschema.protocols.Validator:
    parameters = json.loads(parameters_json)
    cls = jsonschema.validators.validator_for(parameters, default=jsonschema.Draft202012Validator)
    cls.check_schema(parameters)
    return cls(parameters)


def parameters_of(schema: dict) -> dict:
    """The parameters JSON Schema of an OpenAI tool, a bare function schema, or itself."""
    function = function_of(schema) if isinstance(schema, dict) else schema
    if isinstance(function, dict) and "name" in function:
        parameters = function.get("parameters")
        return parameters if isinstance(parameters, dict) else {"type": "object", "properties": {}}
    return function


def _unknown_keys(instance: dict, schema: dict) -> list[str]:
    properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    patterns = list(schema.get("patternProperties") or {})
    return [k for k in instance if k not in properties and not any(re.search(p, k) for p in patterns)]


def _message(error: jsonschema.ValidationError) -> list[str]:
    where, kind, instance, schema = _where(error.absolute_path), error.validator, error.instance, error.schema
    if kind == "type" and instance is None and isinstance(schema, dict) and schema.get("nullable") is True:
        return []  # OpenAPI's "nullable" (get_json_schema writes it for Optional hints) allows null
    if kind == "required":
        return [f"Argument '{_join(where, key)}' is required" for key in error.validator_value
                if isinstance(instance, dict) and key not in instance]
    if kind == "additionalProperties" and isinstance(instance, dict) and error.validator_value is False:
        return [f"Unknown argument '{_join(where, key)}'" for key in _unknown_keys(instance, schema)]
    label = f"Argument '{where}'" if where else "Arguments"
    if kind == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return [f"{label} must be of type {' or '.join(map(str, types))}, got {_show(instance)} ({json_type(instance)})"]
    if kind == "enum":
        choices = ", ".join(_show(v) for v in error.validator_value)
        return [f"{label} must be one of {choices}, got {_show(instance)}"]
    if kind == "const":
        return [f"{label} must be {_show(error.validator_value)}, got {_show(instance)}"]
    if kind in ("anyOf", "oneOf"):
        return [f"{label} matches none of the allowed forms, got {_show(instance)} ({json_type(instance)})"]
    return [f"{label}: {error.message}"]


def validate_arguments(schema: dict, arguments: Any) -> list[str]:
    """Why a model-made call's `arguments` do not fit `schema` (an OpenAI tool, a function schema
    or a parameters schema), one precise message each; empty when they fit. Never raises.

    An argument the schema does not declare is an error unless the schema allows extra
    properties explicitly: a Python function would reject it, and a model that invents
    parameters should be told so."""
    if not isinstance(arguments, dict):
        return [f"Arguments must be a JSON object, got {_show(arguments)} ({json_type(arguments)})"]
    try:
        parameters = parameters_of(schema)
        if not isinstance(parameters, dict):
            raise ValueError(f"expected an object, got {json_type(parameters)}")
        validator = _validator(json.dumps(parameters, sort_keys=True))
    except Exception as error:  # a broken schema is the tool's fault; say so rather than crash
        message = getattr(error, "message", None) or str(error)
        return [f"The tool's parameters schema is not valid JSON Schema: {message}"]
    problems: list[str] = []
    try:
        if parameters.get("additionalProperties") is None:  # not declared: unknown names are errors
            expected = list(parameters.get("properties") or {})
            for key in _unknown_keys(arguments, parameters):
                problems.append(f"Unknown argument '{key}' (expected: {', '.join(expected) or 'no arguments'})")
        errors = sorted(validator.iter_errors(arguments),
                        key=lambda e: (e.validator != "required", list(map(str, e.path))))
        for error in errors:
            problems.extend(m for m in _message(error) if m not in problems)
    except Exception as error:  # jsonschema accepts some schemas it cannot apply (a bad regex ...)
        problems.append(f"The arguments could not be checked against the tool's schema: {error}")
    return problems


# ------------------------------------------------------------------------------ running


@dataclass(frozen=True)
class ToolResult:
    ok: bool
    content: str  # what the model reads: the result as JSON text, or '{"error": "..."}'
    error: str | None = None  # the error message alone, when not ok
    seconds: float = 0.0  # how long the call took (the app shows it)


def _failure(message: str, started: float) -> ToolResult:
    return ToolResult(False, json.dumps({"error": message}, ensure_ascii=False), message,
                      time.perf_counter() - started)


def _exception_text(error: Exception) -> str:
    if isinstance(error, OverflowError):  # floats near 1e308 in, arithmetic overflow inside
        return "the numbers are too large to compute with (overflow)"
    if isinstance(error, (ValueError, LookupError, RuntimeError)) and error.args:
        return str(error.args[0])  # our tools' own messages, written for the reader
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _integral_to_int(arguments: dict, parameters: dict) -> dict:
    """JSON cannot tell 3 from 3.0 and JSON Schema calls 3.0 an integer; Python functions can tell."""
    properties = parameters.get("properties") or {}
    out = dict(arguments)
    for key, value in arguments.items():
        if isinstance(value, float) and value.is_integer() and (properties.get(key) or {}).get("type") == "integer":
            out[key] = int(value)
    return out


def run_tool(name: str, arguments: Any, *, world: World | None = None) -> ToolResult:
    """Run a model-made call of a registered tool. Never raises: an unknown tool, arguments that
    do not fit its schema (a dict, or JSON text of one) and an exception inside the tool all
    become an error result whose content tells the model what went wrong.

    Stateful tools act on `world`; with None they get a fresh seeded world that is discarded
    after the call (nothing persists, every call sees the seed)."""
    started = time.perf_counter()
    try:
        if isinstance(arguments, str):
            try:
                arguments = json.loads(arguments) if arguments.strip() else {}
            except json.JSONDecodeError as error:
                return _failure(f"Arguments are not valid JSON: {error}", started)
        if arguments is None:
            arguments = {}
        if not isinstance(name, str) or name not in TOOLS:
            similar = close_names(name, TOOLS) if isinstance(name, str) else []
            hint = f" Did you mean: {', '.join(similar)}?" if similar else " No registered tool has a similar name."
            return _failure(f"Unknown tool {_show(name)}.{hint}", started)
        found = TOOLS[name]
        started = time.perf_counter()  # the call's own time, not the first use's registry build
        problems = validate_arguments(found.schema, arguments)
        if problems:
            return _failure(f"Invalid arguments for {name}: " + "; ".join(problems), started)
        arguments = _integral_to_int(arguments, found.parameters)
        own_world = world is None and found.stateful
        active = open_world() if own_world else world
        try:
            if active is None:
                value = found.function(**arguments)
            else:
                with use_world(active):
                    value = found.function(**arguments)
        finally:
            if own_world:
                active.close()
        try:
            content = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except ValueError:  # JSON has no inf or nan
            return _failure("the result is too large to represent (not a finite number)", started)
        except TypeError as error:
            return _failure(f"{name} returned a value that is not JSON ({error})", started)
        return ToolResult(True, content, None, time.perf_counter() - started)
    except Exception as error:  # the promise is "never raises": whatever broke becomes the result
        return _failure(_exception_text(error), started)


# ------------------------------------------------------------------------------ pasted schemas


class SchemaError(ValueError):
    """A pasted tool schema that cannot be used; the message says where and why."""


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")
_TYPE_HINT = "JSON Schema types are object, array, string, number, integer, boolean and null"


def tool_from_schema(schema_json: str | dict) -> dict:
    """An OpenAI tool dict from a schema a user pasted (an OpenAI tool or a bare function schema,
    as JSON text). Its calls cannot run: the app asks the user for their results.
    Raises SchemaError naming the problem: broken JSON, not a function schema, or parameters
    that are not valid JSON Schema (checked against the meta-schema)."""
    if isinstance(schema_json, (str, bytes)):
        try:
            data = json.loads(schema_json)
        except json.JSONDecodeError as error:
            raise SchemaError(f"Not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}") from None
    else:
        data = schema_json
    if isinstance(data, list):
        if len(data) != 1:
            raise SchemaError(f"Expected one tool schema, got a list of {len(data)}: paste one tool at a time")
        data = data[0]
    if not isinstance(data, dict):
        raise SchemaError(f"Expected a JSON object (a function schema), got {json_type(data)}")
    if "function" in data and data.get("type", "function") != "function":
        raise SchemaError(f"type: expected 'function', got {_show(data['type'])}")
    function = function_of(data)
    where = "function." if function is not data else ""
    if not isinstance(function, dict):
        raise SchemaError(f"function: expected an object, got {json_type(function)}")
    name = function.get("name")
    if name is None:
        raise SchemaError(f"{where}name: missing (a function schema has a name, a description and parameters)")
    if not isinstance(name, str) or not _NAME.match(name):
        raise SchemaError(f"{where}name: {_show(name)} is not a usable function name (letters, digits, "
                          "'_', '.', '-', starting with a letter or '_', at most 64 characters)")
    description = function.get("description", "")
    if not isinstance(description, str):
        raise SchemaError(f"{where}description: expected a string, got {json_type(description)}")
    parameters = function.get("parameters", {"type": "object", "properties": {}})
    if not isinstance(parameters, dict):
        raise SchemaError(f"{where}parameters: expected an object, got {json_type(parameters)}")
    if parameters.get("type", "object") != "object":
        raise SchemaError(f"{where}parameters.type: expected 'object', got {_show(parameters['type'])}")
    parameters = {"type": "object", **parameters}
    cls = jsonschema.validators.validator_for(parameters, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(parameters)
    except jsonschema.SchemaError as error:
        at = _where(error.absolute_path)
        hint = f" ({_TYPE_HINT})" if error.absolute_path and error.absolute_path[-1] == "type" else ""
        raise SchemaError(f"{where}parameters{'.' + at if at else ''}: not valid JSON Schema: "
                          f"{error.message}{hint}") from None
    properties = parameters.get("properties") or {}
    for key in parameters.get("required") or []:
        if key not in properties:
            raise SchemaError(f"{where}parameters.required: {_show(key)} is not one of the properties "
                              f"({', '.join(properties) or 'none'})")
    return as_tool({"name": name, "description": description, "parameters": parameters})


__all__ = [
    "DOMAIN_MODULES", "Example", "SchemaError", "TOOLS", "Tool", "ToolResult", "UnknownToolError", "World",
    "build_tools", "current_world", "get_tool", "open_world", "parameters_of", "run_tool", "schema_of",
    "tool", "tool_from_schema", "tool_schemas", "use_world", "validate_arguments",
]
