"""Which continuations of a tool call fit the offered tools' JSON schemas.

Schema-guided decoding keeps greedy decoding's choice wherever it fits and, inside a
call, replaces a token that cannot be part of a well-formed call by the most likely one
that can: the name one of the offered tools, argument keys that tool's parameters (each
once, the required ones before the object closes), and every value of its declared type
(a quote before a `string`, digits without a fraction for an `integer`, one of the `enum`
values, `true`/`false` for a `boolean`). Outside a call (prose, a decline, thoughts) it
changes nothing, so the model still decides whether to call. fc.inference applies it as a
logits processor (`generate(..., guides=...)`, `stream(..., guide=...)`); this module is
the pure-Python grammar and needs no torch.

Calls are compact JSON, as the formats write them (whitespace only around a call). A
region is the text after the format's call tag (hermes: one `{"name":..,"arguments":..}`
object then `</tool_call>`; mistral: a JSON list of such objects). `ToolSchemaGuide.check`
parses a region from its start each time: regions are a few hundred characters, so a check
costs well under a millisecond, small beside a decoding step.

    >>> guide = ToolSchemaGuide("hermes", [{"name": "f", "parameters": {"type": "object",
    ...     "properties": {"n": {"type": "integer"}}, "required": ["n"]}}])
    >>> guide.check('{"name":"f","arguments":{"n":'), guide.check('{"name":"f","arguments":{"n":"')
    ('open', 'invalid')
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fc.conversation import normalise_schema
from fc.formats import compact_json, function_of, get_format

# What schema-guided decoding writes (this grammar with fc.inference.SchemaGuidedLogits) is
# versioned: the version is in the prediction cache's key (eval.runner), so changing either
# re-generates guided predictions instead of serving the old ones. 2: a token before a value
# that must be a string carries the opening quote (`":[` -> `":["`), and the close tag is
# written only where it closes the call (not as text inside a string).
GUIDE_VERSION = 2

Status = Literal["open", "closed", "invalid"]
_WHITESPACE = " \t\n\r"
_ESCAPES = '"\\/bfnrtu'
_HEX = "0123456789abcdefABCDEF"
_DIGITS = "0123456789"


class _NeedMore(Exception):
    """The text ended inside a value that can still become valid."""


class _Invalid(Exception):
    """No continuation of the text fits the schema."""


class _Parser:
    """A recursive-descent JSON parser over a prefix, checking values against a schema.

    Each method takes a position and returns where its value ends; it raises _NeedMore
    when the text runs out inside a value that can still be completed, and _Invalid when it
    cannot. No whitespace inside a call: the formats write compact JSON, and whitespace is
    where a guided model loops (`[` then newlines instead of the quote it does not want).
    """

    def __init__(self, text: str):
        self.text = text

    # --- characters
    def at(self, i: int) -> str:
        if i >= len(self.text):
            raise _NeedMore
        return self.text[i]

    def skip_lines(self, i: int) -> int:
        """Whitespace around a call, as the format puts a newline on each side of it."""
        while i < len(self.text) and self.text[i] in _WHITESPACE:
            i += 1
        return i

    def expect(self, i: int, char: str) -> int:
        if self.at(i) != char:
            raise _Invalid
        return i + 1

    def literal(self, i: int, options: list[str]) -> int:
        """One of `options` (exact text) at i: quoted strings, words or numbers."""
        rest = self.text[i:]
        if any(o.startswith(rest) and len(o) > len(rest) for o in options):
            raise _NeedMore
        for option in sorted(options, key=len, reverse=True):  # numeric enums: 10 before 1
            if rest.startswith(option):
                return i + len(option)
        raise _Invalid

    # --- JSON values
    def string(self, i: int) -> int:
        i = self.expect(i, '"')
        while True:
            char = self.at(i)
            if char == '"':
                return i + 1
            if char == "\\":
                escape = self.at(i + 1)
                if escape not in _ESCAPES:
                    raise _Invalid
                if escape == "u":
                    for k in range(4):
                        if self.at(i + 2 + k) not in _HEX:
                            raise _Invalid
                    i += 6
                else:
                    i += 2
            elif ord(char) < 0x20:  # JSON strings hold no raw control characters (a newline is \n)
                raise _Invalid
            else:
                i += 1

    def number(self, i: int, integer: bool) -> int:
        if self.at(i) == "-":
            i += 1
        char = self.at(i)
        if char not in _DIGITS:
            raise _Invalid
        i += 1
        if char != "0":
            while i < len(self.text) and self.text[i] in _DIGITS:
                i += 1
        if integer:
            return self._number_end(i)
        if i < len(self.text) and self.text[i] == ".":
            i += 1
            if self.at(i) not in _DIGITS:
                raise _Invalid
            while i < len(self.text) and self.text[i] in _DIGITS:
                i += 1
        if i < len(self.text) and self.text[i] in "eE":
            i += 1
            if self.at(i) in "+-":
                i += 1
            if self.at(i) not in _DIGITS:
                raise _Invalid
            while i < len(self.text) and self.text[i] in _DIGITS:
                i += 1
        return self._number_end(i)

    def _number_end(self, i: int) -> int:
        # A number is only known to be over when something follows it.
        if i >= len(self.text):
            raise _NeedMore
        if self.text[i] in _DIGITS + ".eE":  # "01", "5." on an integer, ...
            raise _Invalid
        return i

    def value(self, i: int, schema: Any) -> int:
        """A JSON value that fits `schema` (JSON Schema subset: type, enum, properties,
        required, items, anyOf/oneOf; anything else is accepted as any JSON value)."""
        schema = schema if isinstance(schema, dict) else {}
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return self.literal(i, [compact_json(v) for v in schema["enum"]])
        alternatives = schema.get("anyOf") or schema.get("oneOf")
        kinds = schema.get("type")
        if isinstance(alternatives, list) and alternatives:
            return self._first_fitting(i, alternatives)
        if isinstance(kinds, list) and kinds:
            return self._first_fitting(i, [{**schema, "type": k} for k in kinds])
        kind = kinds if isinstance(kinds, str) else None
        if kind == "string":
            return self.string(i)
        if kind in ("integer", "number"):
            return self.number(i, integer=kind == "integer")
        if kind == "boolean":
            return self.literal(i, ["true", "false"])
        if kind == "null":
            return self.literal(i, ["null"])
        if kind == "array":
            return self.array(i, schema.get("items"))
        if kind == "object":
            return self.object(i, schema)
        return self.any_value(i)

    def _first_fitting(self, i: int, schemas: list) -> int:
        need_more = False
        for option in schemas:
            try:
                return self.value(i, option)
            except _NeedMore:
                need_more = True
            except _Invalid:
                pass
        raise _NeedMore if need_more else _Invalid

    def any_value(self, i: int) -> int:
        char = self.at(i)
        if char == '"':
            return self.string(i)
        if char == "{":
            return self.object(i, {})
        if char == "[":
            return self.array(i, None)
        if char == "-" or char in _DIGITS:
            return self.number(i, integer=False)
        return self.literal(i, ["true", "false", "null"])

    def array(self, i: int, items: Any) -> int:
        i = self.expect(i, "[")
        if self.at(i) == "]":
            return i + 1
        while True:
            i = self.value(i, items)
            char = self.at(i)
            if char == "]":
                return i + 1
            if char != ",":
                raise _Invalid
            i += 1

    def object(self, i: int, schema: dict) -> int:
        """An object whose keys are the schema's properties (any keys where it lists none),
        each at most once, closing only once every required key is there."""
        properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else None
        required = schema.get("required")
        required = [k for k in required if isinstance(k, str)] if isinstance(required, list) else []
        open_keys = properties is None or schema.get("additionalProperties") not in (None, False)
        seen: set[str] = set()
        i = self.expect(i, "{")
        first = True
        while True:
            char = self.at(i)
            if char == "}":
                if any(k not in seen for k in required if properties is None or k in properties):
                    raise _Invalid
                return i + 1
            if not first:
                if char != ",":
                    raise _Invalid
                i += 1
            if properties is not None and not open_keys:
                unused = [k for k in properties if k not in seen]
                if not unused:
                    raise _Invalid
                end = self.literal(i, [compact_json(k) for k in unused])
                key = json.loads(self.text[i:end])
            else:
                end = self.string(i)
                key = json.loads(self.text[i:end])
                if key in seen:
                    raise _Invalid
            seen.add(key)
            i = self.expect(end, ":")
            i = self.value(i, (properties or {}).get(key))
            first = False


class ToolSchemaGuide:
    """The calls a format's call region may hold, given the offered tools."""

    def __init__(self, format_name: str, tools: list[dict]):
        fmt = get_format(format_name)
        self.open_tag = fmt.call_tag
        self.close_tag = fmt.call_close_tag
        self.calls_in_list = fmt.calls_in_list
        self.schemas: dict[str, dict] = {}
        for tool in tools or []:
            function = function_of(tool)
            name = function.get("name")
            if isinstance(name, str) and name:
                parameters = function.get("parameters")
                # BFCL's type names ("float", "dict", "tuple", "String") as JSON Schema's
                self.schemas[name] = (normalise_schema(parameters) if isinstance(parameters, dict)
                                      else {"type": "object"})

    def _call(self, parser: _Parser, i: int) -> int:
        # The order the format writes: "name" first, so that "arguments" knows its schema.
        i = parser.expect(i, "{")
        i = parser.literal(i, ['"name"'])
        i = parser.expect(i, ":")
        start = i
        i = parser.literal(i, [compact_json(name) for name in self.schemas])
        name = json.loads(parser.text[start:i])
        i = parser.expect(i, ",")
        i = parser.literal(i, ['"arguments"'])
        i = parser.expect(i, ":")
        i = parser.object(i, {"type": "object", **self.schemas[name]})
        return parser.expect(i, "}")

    def check(self, region: str) -> Status:
        """Whether `region` (text after the call tag) can still become well-formed calls ("open"),
        already holds them and has left the call ("closed"), or cannot ("invalid")."""
        if not self.schemas:
            return "closed"  # no tools offered: nothing to guide
        parser = _Parser(region)
        try:
            i = parser.skip_lines(0)
            if self.calls_in_list:
                i = parser.expect(i, "[")
                while True:
                    i = self._call(parser, i)
                    char = parser.at(i)
                    if char == "]":
                        return "closed"
                    if char != ",":
                        raise _Invalid
                    i += 1
            i = parser.skip_lines(self._call(parser, i))
        except _NeedMore:
            return "open"
        except _Invalid:
            return "invalid"
        rest = region[i:]
        if rest.startswith(self.close_tag):
            return "closed"
        return "open" if self.close_tag.startswith(rest) else "invalid"

    def region(self, generated: str) -> str | None:
        """The open call region `generated` ends in: None outside any call, and in a call already
        off its schema (nothing left to guide there)."""
        at = generated.rfind(self.open_tag) if self.open_tag else -1
        if at < 0:
            return None
        region = generated[at + len(self.open_tag):]
        return region if self.check(region) == "open" else None
