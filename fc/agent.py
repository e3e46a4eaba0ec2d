"""The Think -> Act -> Observe loop: a model answers, calls tools, reads their results, answers.

UI-free. `run_agent` yields events (plain frozen dataclasses) while it works, so the app's
Compare tab, a CLI or a test can show or check every step:

    Partial      the text of the current generation so far (streaming)
    Thought      the model's thinking for a step
    Call         a tool call it made, with its arguments and whether they fit the schema
    Observation  the tool's result (ok or error text), and how long it took
    ParseFailure text the model wrote that could not be read (raw text + message)
    Answer       the text it answered with (a step without a call)
    Finish       why the loop stopped, and the conversation with every turn appended

Each step renders the conversation with the tool-call format, streams a generation, and parses
it. Calls to the project's executable tools run through fc.tools.run_tool (arguments validated
against the schema; an error becomes the tool message the model reads). A tool the user pasted
as a bare schema cannot run: its result comes from `user_tool_results` (what the user typed).
The loop ends when the model answers without a call, or after `max_steps` generations. Garbage
from a model is a ParseFailure event, never an exception.

    .venv/bin/python -m fc.agent tiny-random "What's the status of my transaction T1001?"
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Literal, Mapping, Union

from fc.conversation import function_of
from fc.formats import DEFAULT_FORMAT, get_format
from fc.schema_guide import ToolSchemaGuide

# ------------------------------------------------------------------------------ events


@dataclass(frozen=True)
class Partial:
    step: int
    text: str  # everything generated in this step so far, raw (tags included)


@dataclass(frozen=True)
class Thought:
    step: int
    text: str
    seconds: float  # the generation time of the step the thought belongs to


@dataclass(frozen=True)
class Call:
    step: int
    index: int  # position among the step's calls (parallel calls share a step)
    name: str
    arguments: dict
    valid: bool  # the tool is offered and the arguments fit its schema
    problems: tuple[str, ...]  # why not valid, one message each


@dataclass(frozen=True)
class Observation:
    step: int
    index: int  # the Call it answers
    name: str
    ok: bool
    content: str  # what the model reads back (the result, or the error text)
    seconds: float
    source: Literal["tool", "user", "none"]  # ran for real, typed by the user, or nothing to run


@dataclass(frozen=True)
class ParseFailure:
    step: int
    kind: str  # fc.formats.ParseError.kind
    message: str
    raw: str


@dataclass(frozen=True)
class Answer:
    step: int
    text: str
    seconds: float


@dataclass(frozen=True)
class Finish:
    steps: int
    reason: Literal["answered", "max_steps", "parse_error"]
    messages: tuple[dict, ...]  # the input conversation with every assistant and tool turn appended


AgentEvent = Union[Partial, Thought, Call, Observation, ParseFailure, Answer, Finish]

# What a pasted tool's result comes from: text per tool name, or a function of (name, arguments).
UserToolResults = Union[Mapping[str, str], Callable[[str, dict], str]]

NO_RESULT = json.dumps({"error": "this tool cannot run here and no result was typed for it"})


# ------------------------------------------------------------------------------ acting


def _schemas_by_name(tools: list[dict]) -> dict[str, dict]:
    out = {}
    for tool in tools or []:
        function = function_of(tool)
        if isinstance(function.get("name"), str):
            out[function["name"]] = tool
    return out


def check_call(call: dict, offered: Mapping[str, dict]) -> list[str]:
    """Why a model-made call cannot run as it is (empty when it can): an unknown tool, or
    arguments that break the offered schema (fc.tools.validate_arguments, the one validator)."""
    from fc.tools import validate_arguments

    name = call.get("name")
    if name not in offered:
        known = ", ".join(sorted(offered)) or "none"
        return [f"Unknown tool '{name}'; the tools offered are: {known}"]
    return list(validate_arguments(offered[name], call.get("arguments") or {}))


def _user_result(name: str, arguments: dict, results: UserToolResults | None) -> str | None:
    if results is None:
        return None
    if callable(results):
        return results(name, arguments)
    return results.get(name)


def is_executable(name: str, offered: Mapping[str, dict]) -> bool:
    """The offered tool is one of fc.tools' (same schema), not a pasted one that shares its name."""
    from fc.tools import TOOLS

    return name in TOOLS and name in offered and function_of(offered[name]) == function_of(TOOLS[name].schema)


def act(call: dict, problems: list[str] | tuple[str, ...], offered: Mapping[str, dict], *, world=None,
        user_tool_results: UserToolResults | None = None) -> tuple[bool, str, str]:
    """Run one call whose check_call `problems` are known: (ok, content for the model, source).
    A call with problems does not run: the problems are what the model reads. Never raises."""
    from fc.tools import run_tool

    name, arguments = call.get("name"), call.get("arguments") or {}
    if problems:
        return False, json.dumps({"error": "; ".join(problems)}, ensure_ascii=False), "none"
    if is_executable(name, offered):
        result = run_tool(name, arguments, world=world)
        return result.ok, result.content, "tool"
    try:
        typed = _user_result(name, arguments, user_tool_results)
    except Exception as error:  # a user callback must not end the loop
        return False, json.dumps({"error": f"the result for '{name}' could not be produced ({error})"}), "user"
    if typed is None or not str(typed).strip():
        return False, NO_RESULT, "none"
    return True, str(typed), "user"


# ------------------------------------------------------------------------------ the loop


def _assistant_message(parsed, raw: str) -> dict:
    message: dict[str, Any] = {"role": "assistant", "content": parsed.content}
    if parsed.thinking:
        message["thinking"] = parsed.thinking
    if parsed.tool_calls:
        message["tool_calls"] = [{"name": c["name"], "arguments": c["arguments"]} for c in parsed.tool_calls]
    if not parsed.ok and not parsed.tool_calls and not parsed.content:
        message["content"] = raw.strip()  # keep what it wrote, so the history shows the failed turn
    return message


def run_agent(loaded, messages: list[dict], tools: list[dict], *, format: str | None = None, world=None,
              max_steps: int = 5, max_new_tokens: int = 256,
              user_tool_results: UserToolResults | None = None,
              stream: Callable[..., Iterator[str]] | None = None, guided: bool = False) -> Iterator[AgentEvent]:
    """Think -> Act -> Observe until the model answers without a call, or `max_steps` generations.

    `loaded` is an fc.model.LoadedModel; `messages` the conversation so far (canonical dicts,
    ending with the user's turn); `tools` OpenAI tool schemas. `format` defaults to the
    format the model was trained with (its run's fc_run.json), else hermes. `world` is the
    fc.tools World stateful tools act on. `stream(loaded, prompt, max_new_tokens=...)` yields the
    growing generation (default fc.inference.stream). `guided` keeps each call the model writes
    to the offered tools' schemas (fc.schema_guide; passed to stream as guide=). The last event
    is always a Finish.
    """
    if stream is None:
        from fc.inference import stream

    fmt = get_format(format or getattr(loaded, "format", None) or DEFAULT_FORMAT)
    offered = _schemas_by_name(tools)
    history = [dict(m) for m in messages]
    guide = {"guide": ToolSchemaGuide(fmt.name, list(offered.values()))} if guided and offered else {}
    max_steps = max(1, int(max_steps))
    for step in range(1, max_steps + 1):
        prompt = fmt.render_prompt(history, list(offered.values()) or None)
        started, text = time.perf_counter(), ""
        for text in stream(loaded, prompt, max_new_tokens=max_new_tokens, **guide):
            yield Partial(step, text)
        seconds = time.perf_counter() - started
        parsed = fmt.parse(text)
        if parsed.thinking:
            yield Thought(step, parsed.thinking, seconds)
        for error in parsed.errors:
            yield ParseFailure(step, error.kind, error.message, error.raw)
        history.append(_assistant_message(parsed, text))
        if not parsed.tool_calls:
            if parsed.content or not parsed.tried_to_call:
                yield Answer(step, parsed.content, seconds)
            reason = "parse_error" if parsed.tried_to_call else "answered"
            yield Finish(step, reason, tuple(history))
            return
        for index, call in enumerate(parsed.tool_calls):
            problems = check_call(call, offered)
            yield Call(step, index, call["name"], call["arguments"], not problems, tuple(problems))
            started = time.perf_counter()
            ok, content, source = act(call, problems, offered, world=world, user_tool_results=user_tool_results)
            yield Observation(step, index, call["name"], ok, content, time.perf_counter() - started, source)
            history.append({"role": "tool", "name": call["name"], "content": content})
    yield Finish(max_steps, "max_steps", tuple(history))


# ------------------------------------------------------------------------------ CLI


def main(argv: list[str]) -> int:
    """Run the loop once and print its events: MODEL PROMPT [TOOL ...] (default: every tool)."""
    if len(argv) < 2:
        print("usage: python -m fc.agent MODEL PROMPT [TOOL ...]", file=sys.stderr)
        return 2
    from fc.model import load_model
    from fc.tools import open_world, tool_schemas

    loaded = load_model(argv[0])
    tools = tool_schemas(argv[2:] or None)
    for event in run_agent(loaded, [{"role": "user", "content": argv[1]}], tools, world=open_world()):
        if isinstance(event, Partial):
            continue
        if isinstance(event, Finish):
            print(f"finish: {event.reason} after {event.steps} step(s)")
        else:
            fields = {k: v for k, v in vars(event).items() if k != "step"}
            print(f"[{event.step}] {type(event).__name__}: {json.dumps(fields, ensure_ascii=False, default=str)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
