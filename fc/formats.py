"""Tool-call formats: how a conversation becomes model text, and how model text becomes calls.

Each format renders the canonical conversation (fc.conversation) into Gemma turns with its own
tags (single special tokens, see SPECIAL_TOKENS) and parses what a model generates back into
thinking, calls and content, or into structured ParseErrors: a malformed call is never "no call".

Hermes layout (one conversation; the system text and the tools open the first user turn,
because Gemma has no system role; tool results come back in a user turn):

    <start_of_turn>user
    {system}

    {HERMES_TOOLS_INSTRUCTION}
    <tools>
    {"name":"get_weather","description":"...","parameters":{...}}
    </tools>

    {user}<end_of_turn>
    <start_of_turn>model
    <think>{thinking}</think>
    <tool_call>
    {"name":"get_weather","arguments":{"city":"Paris"}}
    </tool_call><end_of_turn>
    <start_of_turn>user
    <tool_response>
    {result}
    </tool_response><end_of_turn>
    <start_of_turn>model
    {answer}<end_of_turn>

Mistral uses the same turns with [AVAILABLE_TOOLS][{...},{...}][/AVAILABLE_TOOLS],
[THINK]...[/THINK], [TOOL_CALLS][{"name":...,"arguments":{...}},...] and
[TOOL_RESULTS]{"name":...,"content":...}[/TOOL_RESULTS].

Example (print the first two conversations of a canonical JSONL file, rendered):
    .venv/bin/python -m fc.formats mistral conversations.jsonl 2
"""

from __future__ import annotations

import ast
import json
import re
import sys
from dataclasses import dataclass
from typing import Any, Literal, get_args

from fc.conversation import function_of

# ------------------------------------------------------------------------------ tokens

HERMES_TOKENS: tuple[str, ...] = (
    "<tools>", "</tools>", "<think>", "</think>",
    "<tool_call>", "</tool_call>", "<tool_response>", "</tool_response>",
)
MISTRAL_TOKENS: tuple[str, ...] = (
    "[AVAILABLE_TOOLS]", "[/AVAILABLE_TOOLS]", "[TOOL_CALLS]",
    "[TOOL_RESULTS]", "[/TOOL_RESULTS]", "[THINK]", "[/THINK]",
)
# fc.model maps these onto Gemma's <unused0>.. slots in this order: never reorder, only append.
SPECIAL_TOKENS: tuple[str, ...] = HERMES_TOKENS + MISTRAL_TOKENS
TURN_TOKENS: tuple[str, str] = ("<start_of_turn>", "<end_of_turn>")
START_OF_TURN, END_OF_TURN = TURN_TOKENS
# Where a generation is over: the turn closed, the model emitted EOS, or it started a new turn.
_STOP_MARKERS = (END_OF_TURN, "<eos>", START_OF_TURN)

# Compact JSON everywhere (separators "," and ":"): fewer tokens per schema and per call on a
# 2-core CPU budget, and the same bytes as the chat template's tojson(separators=(',', ':')).
# ensure_ascii=False keeps non-ASCII text as text (fewer tokens, what the model reads elsewhere)
# and matches transformers' tojson default.
_SEPARATORS = (",", ":")


def compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=_SEPARATORS)


def _text(value: Any) -> str:
    """A message field as prompt text: strings as they are, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return "" if value is None else compact_json(value)


# ------------------------------------------------------------------------------ results


@dataclass(frozen=True)
class Segment:
    text: str
    trainable: bool  # True only for assistant turn bodies (and their <end_of_turn>)


ParseErrorKind = Literal[
    "unclosed",           # a call opened and never closed, and what follows does not parse (cut off)
    "invalid_json",       # a call block that is neither JSON nor a Python literal
    "not_an_object",      # a call that parsed but is not an object (a string, a number ...)
    "missing_name",       # a call object without "name"
    "invalid_name",       # "name" is not a non-empty string
    "invalid_arguments",  # "arguments" is not an object (nor a string holding one)
    "empty_call",         # a call tag with nothing in it
    "untagged_call",      # a call-shaped JSON object written without the format's tags
    "unclosed_think",     # thinking opened and never closed (not a call error)
]
# Kinds that mean "the model tried to call a tool and the call could not be read".
CALL_ERROR_KINDS: frozenset[str] = frozenset(get_args(ParseErrorKind)) - {"unclosed_think"}


@dataclass(frozen=True)
class ParseError:
    kind: ParseErrorKind
    message: str
    raw: str  # the offending text, as the model wrote it


@dataclass(frozen=True)
class ParsedTurn:
    content: str
    thinking: str | None
    tool_calls: tuple[dict, ...]  # each {"name": str, "arguments": dict}
    errors: tuple[ParseError, ...]

    @property
    def tried_to_call(self) -> bool:
        """The turn made a call, or wrote something call-shaped that could not be read."""
        return bool(self.tool_calls) or any(e.kind in CALL_ERROR_KINDS for e in self.errors)

    @property
    def ok(self) -> bool:
        return not self.errors


# ------------------------------------------------------------------ reading JSON-ish text

_LITERAL_NAMES = {"true": True, "false": False, "null": None, "True": True, "False": False, "None": None}


def _literal(node: ast.AST) -> Any:
    """A JSON value from a Python-literal expression; JSON's true/false/null are accepted too,
    so half-Python half-JSON text (single quotes and true) still reads."""
    if isinstance(node, ast.Constant) and (node.value is None or type(node.value) in (str, int, float, bool)):
        return node.value
    if isinstance(node, ast.Name) and node.id in _LITERAL_NAMES:
        return _LITERAL_NAMES[node.id]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_literal(item) for item in node.elts]
    if isinstance(node, ast.Dict):
        out = {}
        for key, value in zip(node.keys, node.values):
            key = None if key is None else _literal(key)
            if not isinstance(key, str):
                raise ValueError("object keys must be strings")
            out[key] = _literal(value)
        return out
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _literal(node.operand)
        if type(value) in (int, float):
            return -value if isinstance(node.op, ast.USub) else value
    raise ValueError(f"not a literal: {type(node).__name__}")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _decode_one(span: str) -> Any:
    """Strict JSON (no NaN or Infinity), else a Python literal. Raises ValueError when neither reads."""
    try:
        return json.loads(span, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        pass
    try:
        return _literal(ast.parse(span.strip(), mode="eval").body)
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError) as error:
        raise ValueError(str(error)) from None


def _balanced_end(text: str, start: int) -> int | None:
    """End of the bracketed value opening at text[start] ("{" or "["), skipping quoted strings
    of either quote style; None when the text ends first (a cut-off generation)."""
    depth, quote, i, n = 0, None, start, len(text)
    while i < n:
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _skip_separators(text: str, i: int) -> int:
    while i < len(text) and (text[i].isspace() or text[i] == ","):
        i += 1
    return i


def _decode_leading(text: str) -> tuple[list[Any], int, bool]:
    """The bracketed values at the start of text, one after another (whitespace or commas
    between them). Returns (values, end, cut_off): cut_off when a value opens and never closes."""
    values: list[Any] = []
    i = end = _skip_separators(text, 0)
    while i < len(text) and text[i] in "{[":
        close = _balanced_end(text, i)
        if close is None:
            return values, end, True
        try:
            values.append(_decode_one(text[i:close]))
        except ValueError:
            break
        end = close
        i = _skip_separators(text, close)
    return values, end, False


_FENCE = re.compile(r"^\s*```[A-Za-z]*\s*\n?|\n?\s*```\s*$")


def _unfence(text: str) -> str:
    """Drop a Markdown code fence around a call (```json ... ```): models love them."""
    return _FENCE.sub("", text) if text.lstrip().startswith("```") else text


# ------------------------------------------------------------------------ reading calls


def _call_from(value: Any, raw: str) -> dict | ParseError:
    """One canonical call from one decoded value.

    The OpenAI wrapper {"type": "function", "function": {...}} is unwrapped; "parameters" is
    accepted for "arguments"; arguments written as a JSON string are decoded. A call with no
    arguments key at all (or arguments null / "") means a call without arguments, {}: zero-argument
    tools are commonly called that way, and a missing required argument is then reported by
    argument validation, where it belongs, rather than as a parse failure.
    """
    if not isinstance(value, dict):
        return ParseError("not_an_object", f"a call must be a JSON object, got {type(value).__name__}", raw)
    value = function_of(value)
    if "name" not in value:
        return ParseError("missing_name", 'call object has no "name"', raw)
    name = value["name"]
    if not isinstance(name, str) or not name.strip():
        return ParseError("invalid_name", f'"name" must be a non-empty string, got {name!r}', raw)
    key = "arguments" if "arguments" in value else "parameters"
    arguments = value.get(key)
    if isinstance(arguments, str):
        if not arguments.strip():
            arguments = None
        else:
            try:
                arguments = _decode_one(arguments)
            except ValueError:
                return ParseError("invalid_arguments", f'"{key}" is a string that does not hold an object', raw)
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        return ParseError("invalid_arguments", f'"{key}" must be an object, got {type(arguments).__name__}', raw)
    return {"name": name, "arguments": arguments}


def _calls_from(values: list[Any], raw: str, calls: list[dict], errors: list[ParseError]) -> None:
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            call = _call_from(item, raw)
            (errors if isinstance(call, ParseError) else calls).append(call)
        if isinstance(value, list) and not value:
            errors.append(ParseError("empty_call", "an empty list of calls", raw))


def _read_block(block: str, cut_off: bool, calls: list[dict], errors: list[ParseError], raw: str) -> str:
    """Calls from the text of one call block (raw: the block with its tags, for errors).
    Returns text after the calls that is not part of them (only when the block was never
    closed: the model went on writing prose)."""
    body = _unfence(block)
    if not body.strip():
        errors.append(ParseError("unclosed" if cut_off else "empty_call",
                                 "a call tag with no call after it" if cut_off else "an empty call block", raw))
        return ""
    values, end, truncated = _decode_leading(body)
    if not values and body.lstrip()[:1] not in ("{", "["):
        try:  # a bare scalar ("f", 3): it parses, but it is no call
            values, end = [_decode_one(body)], len(body)
        except ValueError:
            pass
    rest = body[end:]
    if values and not rest.strip():
        _calls_from(values, raw, calls, errors)
        return ""
    if values and cut_off and not truncated and rest.lstrip()[:1] not in ("{", "["):
        _calls_from(values, raw, calls, errors)  # closing tag forgotten, prose follows
        return rest
    if cut_off:
        errors.append(ParseError("unclosed", "a call that never closes and does not parse "
                                             "(generation probably stopped mid-call)", raw))
    else:
        what = "unbalanced brackets" if truncated else "neither JSON nor a Python literal"
        errors.append(ParseError("invalid_json", f"a call block that is {what}", raw))
    return ""


_CALL_START = re.compile(r"\{\s*[\"'](?:name|function)[\"']\s*:")
_CUT_CALL = re.compile(r"\{\s*[\"']name[\"']\s*:\s*[\"'][^\"']*[\"']\s*,\s*[\"'](?:arguments|parameters)[\"']")


def _untagged_calls(content: str) -> list[ParseError]:
    """Call-shaped objects in prose: {"name": ..., "arguments": ...} written without tags.
    The harness must see these as "tried to call, failed to parse", not as an answer."""
    errors, pos = [], 0
    while (match := _CALL_START.search(content, pos)) is not None:
        start = match.start()
        close = _balanced_end(content, start)
        if close is None:
            if _CUT_CALL.match(content, start):
                errors.append(ParseError("untagged_call", "a cut-off call written without tags", content[start:]))
            break
        pos = close
        try:
            value = _decode_one(content[start:close])
        except ValueError:
            continue
        if isinstance(value, dict):
            value = function_of(value)
            if "name" in value and ("arguments" in value or "parameters" in value):
                errors.append(ParseError("untagged_call", "a call written without tags", content[start:close]))
    return errors


def _cut_at_stop(text: str) -> str:
    ends = [i for i in (text.find(marker) for marker in _STOP_MARKERS) if i >= 0]
    return text[: min(ends)] if ends else text


# ------------------------------------------------------------------------------ formats

_INSTRUCTION_TAIL = "if no tool fits, answer directly, and if a required value is missing, ask for it."
HERMES_TOOLS_INSTRUCTION = ('You may call these tools, each call written as <tool_call>{"name":<tool name>,'
                            '"arguments":<JSON object>}</tool_call>; ' + _INSTRUCTION_TAIL)
MISTRAL_TOOLS_INSTRUCTION = ('You may call these tools, all calls written as [TOOL_CALLS][{"name":<tool name>,'
                             '"arguments":<JSON object>},...]; ' + _INSTRUCTION_TAIL)


def _function_json(tool: dict) -> str:
    """A tool as its function schema only (name, description, parameters), compact JSON."""
    function = function_of(tool)
    text = '{"name":' + compact_json(function.get("name"))
    if "description" in function:
        text += ',"description":' + compact_json(function["description"])
    if "parameters" in function:
        text += ',"parameters":' + compact_json(function["parameters"])
    return text + "}"


def _call_json(call: dict) -> str:
    """A call as the model writes it: {"name":...,"arguments":{...}}. TRL's wrapped calls
    ({"type": "function", "function": {...}}) are accepted; string arguments go in verbatim."""
    function = function_of(call)
    arguments = function.get("arguments", {})
    arguments = arguments if isinstance(arguments, str) else compact_json(arguments)
    return '{"name":' + compact_json(function.get("name")) + ',"arguments":' + arguments + "}"


class ToolCallFormat:
    """A render/parse pair. Subclasses say how tools, thoughts, calls and results look."""

    name: str = ""
    special_tokens: tuple[str, ...] = ()
    think_tags: tuple[str, str] = ("", "")
    call_tag: str = ""
    call_close_tag: str = ""  # what ends a call region ("" where the payload's own bracket does)
    calls_in_list: bool = False  # the region holds a JSON list of calls, not one call
    chat_template: str = ""

    # --- the pieces a format defines
    def tools_block(self, tools: list[dict]) -> str:
        raise NotImplementedError

    def calls_text(self, calls: list[dict]) -> str:
        raise NotImplementedError

    def tool_result(self, message: dict) -> str:
        raise NotImplementedError

    def read_calls(self, text: str, start: int, calls: list[dict], errors: list[ParseError]) -> tuple[int, str]:
        """Read the calls whose tag (call_tag) is at text[start]: append them to calls (or
        errors), and return (where reading stopped, prose to keep as content)."""
        raise NotImplementedError

    # --- shared
    def assistant_body(self, message: dict, *, keep_thinking: bool = True) -> str:
        parts = []
        thinking = message.get("thinking") or message.get("reasoning_content")
        if keep_thinking and thinking:
            parts.append(self.think_tags[0] + _text(thinking) + self.think_tags[1])
        if message.get("content"):
            parts.append(_text(message["content"]))
        if message.get("tool_calls"):
            parts.append(self.calls_text(message["tool_calls"]))
        return "\n".join(parts)

    def render(self, messages: list[dict], tools: list[dict] | None = None, *,
               add_generation_prompt: bool = False, keep_thinking: bool = True) -> list[Segment]:
        """The conversation as text segments, WITHOUT the BOS token (the tokenizer adds it).
        Trainable segments are exactly each assistant turn's body and its <end_of_turn>.

        Runs of system/user/tool messages share one user turn (Gemma alternates turns): parts are
        separated by a blank line, consecutive tool results by one newline. The tools block goes
        after the leading system text, before the first user text or tool result.
        hermes_chat_template follows the same steps; keep the two in step.
        """
        segments: list[Segment] = []
        state = {"open": False, "prev": None, "tools_done": not tools}

        def emit(text: str, trainable: bool = False) -> None:
            if not text:
                return
            if segments and segments[-1].trainable == trainable:
                segments[-1] = Segment(segments[-1].text + text, trainable)
            else:
                segments.append(Segment(text, trainable))

        def add_part(kind: str, text: str) -> None:
            if not state["open"]:
                emit(START_OF_TURN + "user\n")
                state["open"] = True
            else:
                emit("\n" if kind == "tool" and state["prev"] == "tool" else "\n\n")
            emit(text)
            state["prev"] = kind

        def add_tools() -> None:
            if not state["tools_done"]:
                add_part("tools", self.tools_block(tools))
                state["tools_done"] = True

        for i, message in enumerate(messages):
            role = message.get("role") if isinstance(message, dict) else None
            if role == "assistant":
                add_tools()
                if state["open"]:
                    emit(END_OF_TURN + "\n")
                    state["open"] = False
                emit(START_OF_TURN + "model\n")
                emit(self.assistant_body(message, keep_thinking=keep_thinking) + END_OF_TURN, trainable=True)
                emit("\n")
            elif role == "system":
                add_part("system", _text(message.get("content")))
            elif role in ("user", "tool"):
                add_tools()
                add_part(role, _text(message.get("content")) if role == "user" else self.tool_result(message))
            else:
                raise ValueError(f"messages[{i}].role: expected system, user, assistant or tool, got {role!r}")
        add_tools()
        if state["open"]:
            emit(END_OF_TURN + "\n")
        if add_generation_prompt:
            emit(START_OF_TURN + "model\n")
        return segments

    def render_text(self, messages: list[dict], tools: list[dict] | None = None, **kwargs) -> str:
        return "".join(segment.text for segment in self.render(messages, tools, **kwargs))

    def render_prompt(self, messages: list[dict], tools: list[dict] | None = None, **kwargs) -> str:
        """The conversation so far and the opening of a model turn: what generation continues."""
        return self.render_text(messages, tools, add_generation_prompt=True, **kwargs)

    def parse(self, text: str) -> ParsedTurn:
        """Thinking, calls and content from what a model generated after render_prompt.
        Never raises: whatever cannot be read becomes a ParseError.

        One pass from left to right, so that a tag inside a call's argument strings is text,
        and a call inside a thought is thought. The turn tokens end the turn wherever they
        appear: they are the stop tokens, so a generation holds them only at its end.
        """
        text = text if isinstance(text, str) else ""
        try:
            return self._parse(_cut_at_stop(text))
        except Exception as error:  # a parser bug must not crash an evaluation run
            return ParsedTurn(text.strip(), None, (), (ParseError("invalid_json", f"parser failed: {error!r}", text),))

    def _parse(self, text: str) -> ParsedTurn:
        think_open, think_close = self.think_tags
        content: list[str] = []
        thoughts: list[str] = []
        calls: list[dict] = []
        errors: list[ParseError] = []
        pos = 0
        first_close = text.find(think_close)
        before = [i for i in (text.find(think_open), text.find(self.call_tag)) if i >= 0]
        if first_close >= 0 and all(first_close < i for i in before):
            # a close tag with no open tag: the thought was opened in the prompt (some templates do)
            thoughts.append(text[:first_close])
            pos = first_close + len(think_close)
        while True:
            think_at, call_at = text.find(think_open, pos), text.find(self.call_tag, pos)
            if think_at < 0 and call_at < 0:
                content.append(text[pos:])
                break
            if think_at >= 0 and (call_at < 0 or think_at < call_at):
                content.append(text[pos:think_at])
                start = think_at + len(think_open)
                end = text.find(think_close, start)
                if end < 0:
                    thoughts.append(text[start:])
                    errors.append(ParseError("unclosed_think", f"{think_open} never closed", text[think_at:]))
                    break
                thoughts.append(text[start:end])
                pos = end + len(think_close)
            else:
                content.append(text[pos:call_at])
                pos, prose = self.read_calls(text, call_at, calls, errors)
                content.append(prose)
        thinking = "\n".join(t.strip() for t in thoughts) if thoughts else None
        rest = "".join(content).strip()
        call_errors = [e for e in errors if e.kind != "unclosed_think"]
        other_errors = [e for e in errors if e.kind == "unclosed_think"]
        return ParsedTurn(rest, thinking, tuple(calls), tuple(call_errors + _untagged_calls(rest) + other_errors))

    def __repr__(self) -> str:
        return f"<ToolCallFormat {self.name}>"


class HermesFormat(ToolCallFormat):
    """The agents-course / NousResearch Hermes format: <tools>, <think>, <tool_call>, <tool_response>."""

    name = "hermes"
    special_tokens = HERMES_TOKENS
    think_tags = ("<think>", "</think>")
    call_tag = "<tool_call>"
    call_close_tag = "</tool_call>"

    def tools_block(self, tools: list[dict]) -> str:
        lines = "\n".join(_function_json(tool) for tool in tools)
        return f"{HERMES_TOOLS_INSTRUCTION}\n<tools>\n{lines}\n</tools>"

    def calls_text(self, calls: list[dict]) -> str:
        return "\n".join(f"<tool_call>\n{_call_json(call)}\n</tool_call>" for call in calls)

    def tool_result(self, message: dict) -> str:
        return f"<tool_response>\n{_text(message.get('content'))}\n</tool_response>"

    def read_calls(self, text: str, start: int, calls: list[dict], errors: list[ParseError]) -> tuple[int, str]:
        open_tag, close_tag = self.call_tag, "</tool_call>"
        body = start + len(open_tag)
        # Read the values first and only then look for the close tag, so that a close tag
        # inside an argument string does not end the call.
        values, end, _ = _decode_leading(text[body:])
        after = body + end
        close_at = after + len(text[after:]) - len(text[after:].lstrip())
        if values and text.startswith(close_tag, close_at):
            end = close_at + len(close_tag)
            _calls_from(values, text[start:end], calls, errors)
            return end, ""
        close, reopen = text.find(close_tag, body), text.find(open_tag, body)
        if close >= 0 and (reopen < 0 or close < reopen):
            end = close + len(close_tag)
            _read_block(text[body:close], False, calls, errors, text[start:end])
            return end, ""
        end = reopen if reopen >= 0 else len(text)  # never closed: runs to the next call or the end
        return end, _read_block(text[body:end], True, calls, errors, text[start:end])


class MistralFormat(ToolCallFormat):
    """Mistral's tags: [AVAILABLE_TOOLS] json list, [TOOL_CALLS] json list, [TOOL_RESULTS], [THINK]."""

    name = "mistral"
    special_tokens = MISTRAL_TOKENS
    think_tags = ("[THINK]", "[/THINK]")
    call_tag = "[TOOL_CALLS]"
    calls_in_list = True

    def tools_block(self, tools: list[dict]) -> str:
        listing = ",".join(_function_json(tool) for tool in tools)
        return f"{MISTRAL_TOOLS_INSTRUCTION}\n[AVAILABLE_TOOLS][{listing}][/AVAILABLE_TOOLS]"

    def calls_text(self, calls: list[dict]) -> str:
        return "[TOOL_CALLS][" + ",".join(_call_json(call) for call in calls) + "]"

    def tool_result(self, message: dict) -> str:
        # The content goes in verbatim, as in Mistral's own template: it is usually JSON text already.
        return ('[TOOL_RESULTS]{"name":' + compact_json(message.get("name")) + ',"content":'
                + _text(message.get("content")) + "}[/TOOL_RESULTS]")

    def read_calls(self, text: str, start: int, calls: list[dict], errors: list[ParseError]) -> tuple[int, str]:
        tag = self.call_tag
        body = start + len(tag)
        # [TOOL_CALLS] has no closing tag: the payload is the bracketed value after it.
        values, end, truncated = _decode_leading(text[body:])
        if values:
            _calls_from(values, text[start:body + end], calls, errors)
            return body + end, ""
        following = text.find(tag, body)
        stop = following if following >= 0 else len(text)
        piece, raw = text[body:stop], text[start:stop]
        if piece.lstrip().startswith("```"):  # a fenced payload
            fenced = _unfence(piece)
            values, end, truncated = _decode_leading(fenced)
            if values:
                _calls_from(values, raw, calls, errors)
                return stop, fenced[end:]
        if not piece.strip():
            errors.append(ParseError("empty_call", f"{tag} with no calls after it", raw))
        elif truncated:
            errors.append(ParseError("unclosed", "a call list cut off before it closes "
                                                 "(generation probably stopped mid-call)", raw))
        else:
            errors.append(ParseError("invalid_json", "calls that are neither JSON nor a Python literal", raw))
        return stop, ""


# --------------------------------------------------------------------- chat templates

# Jinja twins of ToolCallFormat.render for tokenizer.chat_template (transformers' sandboxed
# renderer: its tojson takes separators and keeps non-ASCII). They start with bos_token, as
# Gemma's own template does, because apply_chat_template(tokenize=True) adds no special tokens:
# apply_chat_template(...) == bos_token + render_text(...). Assistant bodies sit in
# {% generation %} blocks, so TRL's assistant_only_loss masks exactly the trainable segments.
# Every whitespace between tags is trimmed ({%- -%}); all literal text is in string literals.
_TEMPLATE_HEAD = r"""
{%- macro text(x) -%}
  {%- if x is string -%}{{- x -}}
  {%- elif x is defined and x is not none -%}{{- x | tojson(separators=(',', ':')) -}}
  {%- endif -%}
{%- endmacro -%}
{%- macro function_json(tool) -%}
  {%- set fn = tool.function if (tool.function is mapping and tool.name is not defined) else tool -%}
  {{- '{"name":' + fn.name | tojson -}}
  {%- if fn.description is defined -%}{{- ',"description":' + fn.description | tojson -}}{%- endif -%}
  {%- if fn.parameters is defined -%}{{- ',"parameters":' + fn.parameters | tojson(separators=(',', ':')) -}}{%- endif -%}
  {{- '}' -}}
{%- endmacro -%}
{%- macro call_json(call) -%}
  {%- set fn = call.function if (call.function is mapping and call.name is not defined) else call -%}
  {%- set args = fn.arguments if fn.arguments is defined else {} -%}
  {{- '{"name":' + fn.name | tojson + ',"arguments":' -}}
  {%- if args is string -%}{{- args -}}{%- else -%}{{- args | tojson(separators=(',', ':')) -}}{%- endif -%}
  {{- '}' -}}
{%- endmacro -%}
{%- macro add_part(ns, kind) -%}
  {%- if not ns.open -%}{{- '<start_of_turn>user\n' -}}
  {%- elif kind == 'tool' and ns.prev == 'tool' -%}{{- '\n' -}}
  {%- else -%}{{- '\n\n' -}}
  {%- endif -%}
{%- endmacro -%}
{{- bos_token -}}
{%- set keep_thinking = keep_thinking if keep_thinking is defined else true -%}
{%- set ns = namespace(open=false, prev='', tools_done=not tools, first=true) -%}
"""

# The steps of ToolCallFormat.render; TOOLS_BLOCK, BODY and TOOL_RESULT are filled per format.
_TEMPLATE_LOOP = r"""
{%- for message in messages -%}
  {%- if message.role in ['assistant', 'user', 'tool'] and not ns.tools_done -%}
    {{- add_part(ns, 'tools') -}}{%- set ns.open = true -%}{%- set ns.prev = 'tools' -%}{%- set ns.tools_done = true -%}
    @TOOLS_BLOCK@
  {%- endif -%}
  {%- if message.role == 'assistant' -%}
    {%- if ns.open -%}{{- '<end_of_turn>\n' -}}{%- set ns.open = false -%}{%- endif -%}
    {{- '<start_of_turn>model\n' -}}
    {%- generation -%}
    {%- set ns.first = true -%}
    {%- set thinking = message.thinking or message.reasoning_content -%}
    {%- if keep_thinking and thinking -%}
      @THINK@{%- set ns.first = false -%}
    {%- endif -%}
    {%- if message.content -%}
      {%- if not ns.first -%}{{- '\n' -}}{%- endif -%}{{- text(message.content) -}}{%- set ns.first = false -%}
    {%- endif -%}
    {%- if message.tool_calls -%}
      {%- if not ns.first -%}{{- '\n' -}}{%- endif -%}
      @CALLS@
    {%- endif -%}
    {{- '<end_of_turn>' -}}
    {%- endgeneration -%}
    {{- '\n' -}}
  {%- elif message.role in ['system', 'user', 'tool'] -%}
    {{- add_part(ns, message.role) -}}{%- set ns.open = true -%}{%- set ns.prev = message.role -%}
    {%- if message.role == 'tool' -%}@TOOL_RESULT@{%- else -%}{{- text(message.content) -}}{%- endif -%}
  {%- else -%}
    {{- raise_exception('messages[' ~ loop.index0 ~ '].role: expected system, user, assistant or tool, got ' ~ message.role) -}}
  {%- endif -%}
{%- endfor -%}
{%- if not ns.tools_done -%}
  {{- add_part(ns, 'tools') -}}{%- set ns.open = true -%}
  @TOOLS_BLOCK@
{%- endif -%}
{%- if ns.open -%}{{- '<end_of_turn>\n' -}}{%- endif -%}
{%- if add_generation_prompt -%}{{- '<start_of_turn>model\n' -}}{%- endif -%}
"""


def _jinja_string(text: str) -> str:
    """A Python string as a Jinja string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def _chat_template(tools_block: str, think: str, calls: str, tool_result: str) -> str:
    loop = (_TEMPLATE_LOOP.replace("@TOOLS_BLOCK@", tools_block).replace("@THINK@", think)
            .replace("@CALLS@", calls).replace("@TOOL_RESULT@", tool_result))
    return "".join(line.strip() for line in (_TEMPLATE_HEAD + loop).splitlines())


hermes_chat_template: str = _chat_template(
    tools_block=("{{- " + _jinja_string(HERMES_TOOLS_INSTRUCTION + "\n<tools>") + " -}}"
                 "{%- for tool in tools -%}{{- '\\n' + function_json(tool) -}}{%- endfor -%}"
                 "{{- '\\n</tools>' -}}"),
    think="{{- '<think>' + text(thinking) + '</think>' -}}",
    calls=("{%- for call in message.tool_calls -%}{%- if not loop.first -%}{{- '\\n' -}}{%- endif -%}"
           "{{- '<tool_call>\\n' + call_json(call) + '\\n</tool_call>' -}}{%- endfor -%}"),
    tool_result="{{- '<tool_response>\\n' + text(message.content) + '\\n</tool_response>' -}}",
)

mistral_chat_template: str = _chat_template(
    tools_block=("{{- " + _jinja_string(MISTRAL_TOOLS_INSTRUCTION + "\n[AVAILABLE_TOOLS][") + " -}}"
                 "{%- for tool in tools -%}{%- if not loop.first -%}{{- ',' -}}{%- endif -%}"
                 "{{- function_json(tool) -}}{%- endfor -%}"
                 "{{- '][/AVAILABLE_TOOLS]' -}}"),
    think="{{- '[THINK]' + text(thinking) + '[/THINK]' -}}",
    calls=("{{- '[TOOL_CALLS][' -}}{%- for call in message.tool_calls -%}"
           "{%- if not loop.first -%}{{- ',' -}}{%- endif -%}{{- call_json(call) -}}{%- endfor -%}{{- ']' -}}"),
    tool_result=("{{- '[TOOL_RESULTS]{\"name\":' + message.name | tojson + ',\"content\":' "
                 "+ text(message.content) + '}[/TOOL_RESULTS]' -}}"),
)

HermesFormat.chat_template = hermes_chat_template
MistralFormat.chat_template = mistral_chat_template

# ------------------------------------------------------------------------------ registry

FORMATS: dict[str, ToolCallFormat] = {"hermes": HermesFormat(), "mistral": MistralFormat()}
DEFAULT_FORMAT = "hermes"


def get_format(name: str | ToolCallFormat) -> ToolCallFormat:
    """The format called `name` (a ToolCallFormat passes through)."""
    if isinstance(name, ToolCallFormat):
        return name
    try:
        return FORMATS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown tool-call format {name!r}; known formats: {', '.join(FORMATS)}") from None


def main(argv: list[str]) -> int:
    """Print conversations of a canonical JSONL file rendered in a format (default: the first one)."""
    if len(argv) < 2:
        print("usage: python -m fc.formats FORMAT FILE.jsonl [N]", file=sys.stderr)
        return 2
    fmt = get_format(argv[0])
    count = int(argv[2]) if len(argv) > 2 else 1
    with open(argv[1], encoding="utf-8") as lines:
        for _, line in zip(range(count), lines):
            conversation = json.loads(line)
            print(fmt.render_text(conversation["messages"], conversation.get("tools")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
