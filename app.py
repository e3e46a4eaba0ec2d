"""The Gradio app: train an adapter, evaluate models on held-out tool calls, compare two side by side.

Three tabs, each action also reachable by its api_name through gradio_client:

- Train: a base model, a dataset (shipped corpus, bfcl:/hf: spec, or an uploaded .jsonl/.json)
  with a preview of rendered conversations, hyperparameters (fc.train.TrainConfig), Start/Stop,
  a live loss curve. One training job at a time for the whole app. Finished adapters appear in
  every model picker.
- Evaluate: models x a held-out dataset through eval.runner, the leaderboard (eval.leaderboard),
  a per-category AST chart, a failures browser, CSV and predictions downloads.
- Compare: two chats (fc.agent's Think -> Act -> Observe loop) on one input, streaming, with
  thoughts, tool calls and tool results as collapsible bubbles.

Models are loaded when first used, never at import time. FC_APP_BASE (default gemma-3-270m) and
FC_APP_TUNED (default models/gemma-3-270m-fc if it exists, else the base) choose Compare's two
sides; FC_APP_RUNS (default runs/) is where adapters are trained and the leaderboard lives;
FC_APP_HOME (default $FC_HOME/app) holds uploads, evaluation outputs and the tools' worlds. No
model or dataset string a user types may point outside models/, runs/, data/ and FC_APP_HOME.

    .venv/bin/python app.py                                 # http://127.0.0.1:7860
    FC_APP_BASE=tiny-random FC_APP_TUNED=tiny-random .venv/bin/python app.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import inspect
import json
import os
import queue
import re
import shutil
import threading
import time
import traceback
from collections import OrderedDict
from pathlib import Path
from typing import Any, Iterator

import gradio as gr
import pandas as pd

from eval.runner import DECODINGS
from fc import agent
from fc.formats import DEFAULT_FORMAT, FORMATS, SPECIAL_TOKENS, TURN_TOKENS, get_format
from fc.model import BUILTIN_MODELS, EMBEDDED_MODEL, fc_home

REPO = Path(__file__).resolve().parent
SHIPPED_ADAPTER = "models/gemma-3-270m-fc"
EXAMPLE_PROMPTS = [
    "What's the status of my transaction T1001?",
    "Where is my order O5002?",
    "Convert 150 US dollars to euros.",
    "What is 17% of 2,340?",
    "When it is 09:00 on 2025-06-02 in Paris, what time is it in Tokyo?",
    "Please refund transaction T1001, the headphones arrived broken.",
    "Write a haiku about compilers.",
]
MODEL_CACHE_SIZE = 3  # both Compare sides plus one more; the embedded model is ~1 GB in fp32
MAX_COMPARE_STEPS = 8  # bound on the loop a user can ask for: each step is a full generation
COMPARE_MAX_NEW_TOKENS = 256  # a thought, a call or a short answer; bounds a model that never stops
UPLOAD_SUFFIXES = (".jsonl", ".json")
PREVIEW_CONVERSATIONS = 2


# ------------------------------------------------------------------------------ places


def app_home() -> Path:
    """Where the app keeps what users give it (uploads) and what it makes (eval outputs, the tools'
    worlds): $FC_APP_HOME, default $FC_HOME/app."""
    return Path(os.environ.get("FC_APP_HOME") or fc_home() / "app").expanduser().resolve()


def uploads_dir() -> Path:
    return app_home() / "uploads"


def evaluations_dir() -> Path:
    return app_home() / "evaluations"


def runs_dir() -> Path:
    return Path(os.environ.get("FC_APP_RUNS") or REPO / "runs").resolve()


def allowed_roots() -> list[Path]:
    """The only folders a model or dataset path may point into."""
    return [(REPO / "models").resolve(), runs_dir(), (REPO / "data").resolve(), app_home().resolve()]


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _display(path: Path) -> str:
    """A folder as the pickers show it: relative to the repo where it is inside it."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def base_model() -> str:
    return os.environ.get("FC_APP_BASE") or EMBEDDED_MODEL


def tuned_model() -> str:
    if os.environ.get("FC_APP_TUNED"):
        return os.environ["FC_APP_TUNED"]
    return SHIPPED_ADAPTER if (REPO / SHIPPED_ADAPTER).is_dir() else base_model()


# ------------------------------------------------------------------------------ checking user strings

_HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")
_DATA_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_HF_SPEC = re.compile(r"^hf:[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?(:[A-Za-z0-9._\[\]%:+-]+)?$")


def _checked_path(text: str, what: str) -> Path:
    """The resolved path `text` names (relative to the repo), if it lies inside an allowed root."""
    path = Path(text).expanduser()
    path = (path if path.is_absolute() else REPO / path).resolve()
    if not _inside(path, allowed_roots()):
        roots = ", ".join(_display(r) for r in allowed_roots())
        raise ValueError(f"{what} {text!r} is outside the folders the app may read ({roots}).")
    return path


def _looks_like_path(text: str) -> bool:
    return (text.startswith(("/", ".", "~")) or "\\" in text or ".." in text.split("/")
            or (REPO / text).exists() or Path(text).exists())


def check_model(name: str | None) -> str:
    """The model string to load for what a user picked or typed: a built-in name, a folder inside
    models/, runs/ or the app's data dir (as an absolute path), or a hub id. Raises ValueError."""
    name = (name or "").strip()
    if not name:
        raise ValueError("Pick a model first.")
    if name in BUILTIN_MODELS:
        return name
    if _looks_like_path(name):
        path = _checked_path(name, "Model")
        if not path.is_dir():
            raise ValueError(f"Model {name!r} is not a folder.")
        return str(path)
    if _HUB_ID.match(name):
        return name  # a hub id: fc.model says clearly when it cannot be fetched
    raise ValueError(f"Model {name!r} is neither a built-in model ({', '.join(BUILTIN_MODELS)}), "
                     "a folder under models/ or runs/, nor a hub id (owner/name).")


def check_dataset(spec: str | None) -> str:
    """The spec to load for what a user picked or typed: data:<name>, bfcl:<category>, hf:<repo id>,
    or a file inside data/, runs/, models/ or the uploads folder (as an absolute path)."""
    spec = (spec or "").strip()
    if not spec:
        raise ValueError("Pick a dataset first.")
    if spec.startswith("data:"):
        if not _DATA_NAME.match(spec[5:]):
            raise ValueError(f"Dataset {spec!r}: data:<name> takes a file name of data/, without folders.")
        return spec
    if spec.startswith("bfcl:"):
        if not re.fullmatch(r"bfcl:[a-z_]+", spec):
            raise ValueError(f"Dataset {spec!r}: bfcl:<category> takes a category name such as simple_python.")
        return spec
    if spec.startswith("hf:"):
        # hf: also reads local folders (hf:/path); only hub ids are allowed from the app.
        if not _HF_SPEC.match(spec) or _looks_like_path(spec[3:].split(":")[0]):
            raise ValueError(f"Dataset {spec!r}: hf:<owner/name>[:split] takes a hub dataset id, not a path.")
        return spec
    path = _checked_path(spec, "Dataset")
    if not path.is_file():
        raise ValueError(f"Dataset {spec!r} is not a file.")
    return str(path)


# ------------------------------------------------------------------------------ model pickers


def list_models() -> list[str]:
    """Every model the pickers offer: built-ins, shipped adapters (models/*), trained ones (runs/*)."""
    found = [base_model(), tuned_model(), EMBEDDED_MODEL, "tiny-random"]
    for root, depth in ((REPO / "models", 1), (runs_dir(), 2)):
        if not root.is_dir():
            continue
        folders = [p for d in range(1, depth + 1) for p in root.glob("/".join(["*"] * d)) if p.is_dir()]
        for folder in sorted(folders, key=lambda p: p.stat().st_mtime, reverse=root != REPO / "models"):
            if folder.name.startswith("checkpoint-"):
                continue
            if (folder / "adapter_config.json").is_file() or (folder / "config.json").is_file():
                found.append(_display(folder))
    return list(dict.fromkeys(found))


def dataset_choices(kind: str) -> list[str]:
    """Dataset specs for a picker: the shipped corpus, BFCL categories (evaluation), uploads."""
    from fc.data import BFCL_CATEGORIES

    shipped = sorted(f"data:{p.stem}" for p in (REPO / "data").glob("*.jsonl"))
    first = [s for s in shipped if ("heldout" in s) == (kind == "evaluate")]
    rest = [s for s in shipped if s not in first]
    bfcl = [f"bfcl:{c}" for c in BFCL_CATEGORIES]
    uploads = sorted(_display(p) for p in uploads_dir().glob("*") if p.suffix in UPLOAD_SUFFIXES) \
        if uploads_dir().is_dir() else []
    ordered = first + (bfcl + rest if kind == "evaluate" else rest + bfcl) + uploads
    return ordered


def refresh_models() -> list[str]:
    """The model list as the pickers show it (api: /models)."""
    return list_models()


# ------------------------------------------------------------------------------ loaded models

_models: OrderedDict[tuple, Any] = OrderedDict()
_models_lock = threading.Lock()


def _model_key(model: str) -> tuple:
    # A folder retrained in place must not be served from the cache: key on its files' times.
    path = Path(model)
    if path.is_dir():
        return (model, max((p.stat().st_mtime_ns for p in path.iterdir() if p.is_file()), default=0))
    return (model,)


def get_model(name: str):
    """The loaded model for a picker value (checked first), from a small LRU cache."""
    from fc.model import load_model

    model = check_model(name)
    key = _model_key(model)
    # One lock for loads too: two conversions of the embedded model at once would double the RAM.
    with _models_lock:
        if key in _models:
            _models.move_to_end(key)
            return _models[key]
        loaded = load_model(model)
        _models[key] = loaded
        while len(_models) > MODEL_CACHE_SIZE:
            _models.popitem(last=False)
        return loaded


# ------------------------------------------------------------------------------ Compare: tools


def tool_names() -> list[str]:
    from fc.tools import TOOLS

    return sorted(TOOLS)


def default_tools() -> list[str]:
    """What Compare offers at first: the seed's payment tools and a few everyday ones (a short
    tools block keeps each step fast on a CPU)."""
    wanted = ("retrieve_payment_status", "retrieve_payment_date", "refund_payment", "lookup_order",
              "convert_money", "evaluate_expression", "convert_time_between_zones")
    names = tool_names()
    chosen = [n for n in wanted if n in names]
    return chosen or names[:4]


def offered_tools(names: list[str] | None, schema_text: str | None, schema_result: str | None
                  ) -> tuple[list[dict], dict[str, str]]:
    """(tool schemas to offer, typed results of pasted tools). Raises ValueError for a bad schema."""
    from fc.tools import tool_from_schema, tool_schemas

    known = set(tool_names())
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        raise ValueError(f"Unknown tools: {', '.join(unknown)}")
    tools = tool_schemas(list(names)) if names else []
    typed: dict[str, str] = {}
    if schema_text and schema_text.strip():
        pasted = tool_from_schema(schema_text)
        from fc.conversation import function_of

        pasted_name = function_of(pasted)["name"]
        tools = [t for t in tools if function_of(t)["name"] != pasted_name] + [pasted]
        if schema_result and schema_result.strip():
            typed[pasted_name] = schema_result.strip()
    return tools, typed


# ------------------------------------------------------------------------------ Compare: events -> bubbles


def _fence(text: str, language: str = "") -> str:
    text = text.replace("```", "`\u200b``")  # a fence inside must not close ours
    return f"```{language}\n{text}\n```"


def _bubble(content: str, **metadata) -> dict:
    return {"role": "assistant", "content": content, "metadata": {k: v for k, v in metadata.items() if v is not None}}


def _drop_live(chat: list[dict]) -> None:
    while chat and str(chat[-1].get("metadata", {}).get("id", "")).startswith("live"):
        chat.pop()


def show_event(chat: list[dict], event) -> None:
    """Add one fc.agent event to a chat (a list of gr.ChatMessage-shaped dicts), in place."""
    if isinstance(event, agent.Partial):
        live = _bubble(_fence(event.text) if event.text else "…", title=f"Writing (step {event.step})",
                       status="pending", id=f"live-{event.step}")
        _drop_live(chat)
        chat.append(live)
        return
    _drop_live(chat)
    if isinstance(event, agent.Thought):
        chat.append(_bubble(event.text, title="Thinking", status="done", duration=round(event.seconds, 2)))
    elif isinstance(event, agent.Call):
        arguments = json.dumps(event.arguments, ensure_ascii=False, indent=1)
        log = "arguments valid" if event.valid else "not run: " + "; ".join(event.problems)
        chat.append(_bubble(_fence(arguments, "json"), title=f"Called tool {event.name}", status="pending",
                            id=f"call-{event.step}-{event.index}", log=log))
    elif isinstance(event, agent.Observation):
        call_id = f"call-{event.step}-{event.index}"
        for message in chat:
            if message.get("metadata", {}).get("id") == call_id:
                message["metadata"]["status"] = "done"
                message["metadata"]["duration"] = round(event.seconds, 3)
        if event.source == "none":
            title = "Not run"  # the content says why: unknown tool, bad arguments, no typed result
        else:
            title = ("Result" if event.ok else "Error") + (" (typed by you)" if event.source == "user" else "")
        chat.append(_bubble(_fence(event.content), title=title, parent_id=call_id, status="done",
                            duration=round(event.seconds, 3)))
    elif isinstance(event, agent.ParseFailure):
        chat.append(_bubble(f"{event.message}\n\n{_fence(event.raw)}", title=f"Parse error: {event.kind}",
                            status="done"))
    elif isinstance(event, agent.Answer):
        chat.append({"role": "assistant", "content": event.text or "*(empty answer)*"})
    elif isinstance(event, agent.Finish) and event.reason == "max_steps":
        chat.append(_bubble(f"The model was still calling tools after {event.steps} steps.",
                            title="Stopped", status="done"))


def show_error(chat: list[dict], message: str) -> None:
    _drop_live(chat)
    chat.append(_bubble(message, title="Error", status="done"))


# ------------------------------------------------------------------------------ Compare: the loop on both sides

_worlds: OrderedDict[tuple, Path] = OrderedDict()
_worlds_lock = threading.Lock()
MAX_WORLDS = 64  # per (session, side); older sessions' databases are deleted


def world_path(session: str, side: int) -> Path:
    """The SQLite file of one chat side's world: each side acts on its own copy, per session,
    so what one model does (a refund, a booking) does not change what the other one sees."""
    with _worlds_lock:
        key = (session, side)
        if key not in _worlds:
            folder = app_home() / "worlds"
            folder.mkdir(parents=True, exist_ok=True)
            safe = re.sub(r"[^A-Za-z0-9_-]", "_", session)[:64] or "default"
            _worlds[key] = folder / f"{safe}-{side}.sqlite"
        _worlds.move_to_end(key)
        while len(_worlds) > MAX_WORLDS:
            _, old = _worlds.popitem(last=False)
            old.unlink(missing_ok=True)
        return _worlds[key]


def new_side() -> dict:
    """A chat side's state: the canonical conversation and the chat as shown."""
    return {"messages": [], "chat": []}


def _run_side(side: int, model: str, messages: list[dict], tools: list[dict], typed: dict[str, str],
              max_steps: int, session: str, events: queue.Queue, guided: bool = False) -> None:
    from fc.tools import open_world

    world = None
    try:
        loaded = get_model(model)
        events.put((side, "loaded"))
        world = open_world(world_path(session, side))
        for event in agent.run_agent(loaded, messages, tools, world=world, max_steps=max_steps,
                                     max_new_tokens=COMPARE_MAX_NEW_TOKENS, user_tool_results=typed,
                                     guided=guided):
            events.put((side, event))
    except Exception as error:  # shown in that side's chat; the other side goes on
        message = str(error) if isinstance(error, (ValueError, RuntimeError)) else f"{type(error).__name__}: {error}"
        traceback.print_exc()
        events.put((side, RuntimeError(message or type(error).__name__)))
    finally:
        if world is not None:
            world.close()
        events.put((side, None))


def _side_status(name: str, model: str, progress: dict) -> str:
    if progress.get("error"):
        return f"{name} ({model}): error"
    if "finish" not in progress:
        return f"{name} ({model}): " + (f"step {progress['step']}" if progress.get("step") else "loading")
    finish, reason = progress["finish"], {"answered": "answered", "max_steps": "stopped at the step limit",
                                          "parse_error": "unreadable call"}[progress["finish"].reason]
    return f"{name} ({model}): {reason} after {finish.steps} step{'s' * (finish.steps > 1)}, {progress['seconds']:.1f} s"


def compare(message: str, left_model: str, right_model: str, tools: list[str] | None, schema_text: str,
            schema_result: str, max_steps: float, left: dict | None, right: dict | None,
            guided: bool = False, request: gr.Request | None = None) -> Iterator[tuple]:
    """Send one message to both models and stream both loops (api: /compare); `guided`: both
    sides write their calls with schema-guided decoding (fc.schema_guide).
    Yields (left chat, right chat, left state, right state, input box, status line)."""
    message = (message or "").strip()
    states = [dict(left or new_side()), dict(right or new_side())]
    for state in states:
        state["messages"] = list(state["messages"])
        state["chat"] = list(state["chat"])
    if not message:
        yield states[0]["chat"], states[1]["chat"], states[0], states[1], "", "Type a message first."
        return
    try:
        offered, typed = offered_tools(tools, schema_text, schema_result)
    except ValueError as error:  # the message stays in the box, to send again once the schema is fixed
        yield states[0]["chat"], states[1]["chat"], states[0], states[1], message, f"Error: {error}"
        return
    steps = max(1, min(MAX_COMPARE_STEPS, int(max_steps or 1)))
    session = getattr(request, "session_hash", None) or "default"
    models = (left_model, right_model)
    events: queue.Queue = queue.Queue()
    started = time.perf_counter()
    progress: list[dict] = [{}, {}]
    for side, (state, model) in enumerate(zip(states, models)):
        state["messages"].append({"role": "user", "content": message})
        state["chat"].append({"role": "user", "content": message})
        state["chat"].append(_bubble(f"Loading {model} …", title="Loading model", status="pending", id="live-load"))
        threading.Thread(target=_run_side, daemon=True,
                         args=(side, model, list(state["messages"]), offered, typed, steps, session, events,
                               bool(guided))).start()

    def status() -> str:
        sides = " · ".join(_side_status(n, m, p) for n, m, p in zip(("Left", "Right"), models, progress))
        return f"Done in {time.perf_counter() - started:.1f} s. {sides}" if running == 0 else f"Running… {sides}"

    running = 2
    yield list(states[0]["chat"]), list(states[1]["chat"]), states[0], states[1], "", status()
    while running:
        batch = [events.get()]
        while not events.empty():  # apply what queued up while the browser drew, then draw once
            batch.append(events.get_nowait())
        for side, event in batch:
            state = states[side]
            if event is None:
                running -= 1
                _drop_live(state["chat"])
            elif event == "loaded":
                _drop_live(state["chat"])
            elif isinstance(event, Exception):
                progress[side]["error"] = str(event)
                show_error(state["chat"], str(event))
            else:
                show_event(state["chat"], event)
                progress[side]["step"] = getattr(event, "step", None)
                if isinstance(event, agent.Finish):
                    state["messages"] = list(event.messages)
                    progress[side].update(finish=event, seconds=time.perf_counter() - started)
        yield list(states[0]["chat"]), list(states[1]["chat"]), states[0], states[1], "", status()


def retry(left_model: str, right_model: str, tools: list[str] | None, schema_text: str, schema_result: str,
          max_steps: float, left: dict | None, right: dict | None, guided: bool = False,
          request: gr.Request | None = None) -> Iterator[tuple]:
    """Run the last message again on both sides (api: /retry)."""
    states = [dict(left or new_side()), dict(right or new_side())]
    last = None
    for state in states:
        messages, chat = list(state["messages"]), list(state["chat"])
        users = [i for i, m in enumerate(messages) if m.get("role") == "user"]
        shown = [i for i, m in enumerate(chat) if m.get("role") == "user"]
        if users:
            last = messages[users[-1]]["content"]
            messages = messages[:users[-1]]
        if shown:
            chat = chat[:shown[-1]]
        state["messages"], state["chat"] = messages, chat
    if last is None:
        yield states[0]["chat"], states[1]["chat"], states[0], states[1], "", "Nothing to retry yet."
        return
    yield from compare(last, left_model, right_model, tools, schema_text, schema_result, max_steps,
                       states[0], states[1], guided, request)


def clear_chats() -> tuple:
    """Empty both chats (api: /clear)."""
    return [], [], new_side(), new_side(), "", ""


# ------------------------------------------------------------------------------ Train: data


def upload_dataset(file: str | None) -> tuple:
    """Copy an uploaded .jsonl/.json into the app's uploads folder, then inspect it (api: /upload).
    Returns (dataset picker update, what was read, preview)."""
    if not file:
        return gr.skip(), "", []
    source = Path(file)
    if source.suffix.lower() not in UPLOAD_SUFFIXES:
        return gr.skip(), f"Error: {source.name}: upload a .jsonl or .json file.", []
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", source.name)[-80:]
    target = uploads_dir() / f"{digest}-{safe}"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    spec = _display(target)
    info, preview = inspect_dataset(spec, DEFAULT_FORMAT)
    return gr.update(choices=dataset_choices("train"), value=spec), info, preview


def _highlight(segments) -> list[tuple[str, str | None]]:
    """Rendered segments as (text, label) pieces: the tags, and the text the loss is computed on."""
    tags = sorted(SPECIAL_TOKENS + TURN_TOKENS, key=len, reverse=True)
    splitter = re.compile("(" + "|".join(re.escape(t) for t in tags) + ")")
    pieces: list[tuple[str, str | None]] = []
    for segment in segments:
        for part in splitter.split(segment.text):
            if not part:
                continue
            label = "special token" if part in tags else ("trained on" if segment.trainable else None)
            pieces.append((part, label))
    return pieces


_inspected: OrderedDict[tuple, tuple[str, list]] = OrderedDict()  # every page load inspects the default


def inspect_dataset(spec: str | None, format_name: str | None) -> tuple[str, list]:
    """(what the loader read, a highlighted preview of the first conversations) (api: /inspect).
    A file that does not load shows the loader's error."""
    try:
        checked = check_dataset(spec)
        format_name = get_format(format_name or DEFAULT_FORMAT).name
    except ValueError as error:
        return f"Error: {error}", []
    path = REPO / "data" / f"{checked[5:]}.jsonl" if checked.startswith("data:") else Path(checked)
    key = (checked, format_name, path.stat().st_mtime_ns if path.is_file() else None)
    if key in _inspected:
        return _inspected[key]
    info, preview = _inspect(checked, spec, format_name)
    if not info.startswith("Error"):  # a failure (offline hub, a file being fixed) is tried again
        _inspected[key] = info, preview
        while len(_inspected) > 32:
            _inspected.popitem(last=False)
    return info, preview


def _inspect(checked: str, spec: str, format_name: str) -> tuple[str, list]:
    from fc.data import DataError, load_with_report

    try:
        report = load_with_report(checked)
    except DataError as error:
        return f"Error: {error}", []
    except Exception as error:  # a loader bug or an unreadable file must not take the tab down
        return f"Error: {type(error).__name__}: {error}", []
    layouts = ", ".join(f"{name} ({count})" for name, count in report.layouts.most_common()) or "-"
    conversations = report.conversations
    calls = sum(len(m.get("tool_calls") or []) for c in conversations for m in c["messages"])
    info = (f"**{len(conversations)} conversations** from `{spec}` · read as: {layouts} · "
            f"{calls} tool calls")
    fmt = get_format(format_name)
    preview: list[tuple[str, str | None]] = []
    for conversation in conversations[:PREVIEW_CONVERSATIONS]:
        preview += _highlight(fmt.render(conversation["messages"], conversation.get("tools")))
        preview.append(("\n\n", None))
    return info, preview


# ------------------------------------------------------------------------------ Train: the job


@dataclasses.dataclass
class TrainingJob:
    """The one training job of the app, shared by every session."""

    output: Path
    base: str
    dataset: str
    started: float
    stop: threading.Event
    log: list[str] = dataclasses.field(default_factory=list)
    latest: dict = dataclasses.field(default_factory=dict)  # the last fc.train progress report
    state: str = "running"  # running | completed | stopped | interrupted | failed
    error: str | None = None
    ended: float | None = None


_job: TrainingJob | None = None
_job_lock = threading.Lock()
_models_version = 0  # bumped when a job ends: sessions whose pickers are older refresh them

# Set by the app itself, or not safe from a web form: sft_args could point TRL's output_dir anywhere.
APP_SET_FIELDS = frozenset({"model", "dataset", "format", "output", "resume", "merge", "sft_args"})
BASIC_HYPERPARAMETERS = ("max_steps", "epochs", "learning_rate", "lora_r", "limit")
# The form's starting values where TrainConfig's would not suit a browser demo: a full epoch of
# data:train is about three hours on a 2-core CPU, 60 steps about ten minutes; and the shipped
# recipe's thinking (only after tool results: `make finetune`, docs/TRAINING_LOG.md attempt 10).
FORM_DEFAULTS = {"max_steps": 60, "think_before_results": False}
_FORM_TYPES = ("int", "float", "bool", "str", "int | None", "float | None", "str | None")


def training_fields() -> list[dataclasses.Field]:
    """TrainConfig's fields the form shows, in the dataclass's order: scalars the app does not set."""
    from fc.train import TrainConfig

    return [f for f in dataclasses.fields(TrainConfig)
            if f.name not in APP_SET_FIELDS and str(f.type) in _FORM_TYPES]


def _default(field: dataclasses.Field) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        return field.default_factory()  # type: ignore[misc]
    return None


def _coerce(field: dataclasses.Field, value: Any) -> Any:
    """A form value as the TrainConfig field's type; ValueError naming the field when it is not."""
    kind = str(field.type)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None if "None" in kind else _default(field)
    if kind.startswith("bool"):
        return bool(value)
    if kind.startswith("str"):
        return str(value).strip()
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{field.name.replace('_', ' ')}: expected a number, got {value!r}") from None
    if "None" in kind and number == 0:
        return None  # a cleared number box reads 0: for an optional count (limit ...) that means unset
    if kind.startswith("int"):
        if not number.is_integer():
            raise ValueError(f"{field.name.replace('_', ' ')}: expected a whole number, got {value!r}")
        return int(number)
    return number


def _on_progress(job: TrainingJob, report: dict) -> None:
    job.latest = dict(report)


def _train_in_background(job: TrainingJob, config) -> None:
    global _models_version
    from fc.train import train

    try:
        result = train(config, on_progress=lambda report: _on_progress(job, report), stop_event=job.stop)
        job.state = result.status
        job.log.append(f"{result.status} after {result.global_step} steps in {result.seconds:.0f} s; "
                       f"the adapter ({result.adapter_mb or 0:.1f} MB) is {_display(job.output)}")
    except Exception as error:  # shown in the tab; the app goes on
        traceback.print_exc()
        job.state, job.error = "failed", f"{type(error).__name__}: {error}" if not isinstance(error, ValueError) \
            else str(error)
        job.log.append(f"failed: {job.error}")
    finally:
        job.ended = time.time()
        with _job_lock:
            _models_version += 1


def start_training(base: str, dataset: str, format_name: str, *values) -> str:
    """Start the app's training job, unless one is running (api: /train). `values` are the form's
    hyperparameters in training_fields() order. Returns a status line."""
    global _job
    from fc.train import TrainConfig

    try:
        model, spec = check_model(base), check_dataset(dataset)
        format_name = get_format(format_name or DEFAULT_FORMAT).name
        hyper = {f.name: _coerce(f, v) for f, v in zip(training_fields(), values)}
        if hyper.get("eval_dataset"):
            hyper["eval_dataset"] = check_dataset(hyper["eval_dataset"])
    except (TypeError, ValueError) as error:
        return f"Error: {error}"
    with _job_lock:
        if _job is not None and _job.state == "running":
            started = time.strftime("%H:%M:%S", time.localtime(_job.started))
            return (f"A training job is already running ({_job.base} on {_job.dataset}, started {started}, "
                    f"step {_job.latest.get('step', 0)}/{_job.latest.get('max_steps') or '?'}). "
                    "One job runs at a time: wait for it to end, or stop it.")
        output = runs_dir() / f"app-{dt.datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
        try:
            config = TrainConfig(model=model, dataset=spec, format=format_name, output=str(output), **hyper)
        except (TypeError, ValueError) as error:
            return f"Error: {error}"
        job = TrainingJob(output=output, base=base, dataset=dataset, started=time.time(), stop=threading.Event())
        job.log.append(f"training {base} on {dataset} ({format_name}) into {_display(output)}")
        _job = job
        threading.Thread(target=_train_in_background, args=(job, config), daemon=True).start()
    return f"Training started: {base} on {dataset}, into {_display(output)}."


def _name_training_parameters() -> None:
    """Give start_training's *values the TrainConfig field names, so that gradio_client callers
    can pass hyperparameters by name: predict(base=..., dataset=..., max_steps=20, api_name="/train")."""
    fixed = [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in ("base", "dataset", "format_name")]
    named = [inspect.Parameter(f.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=_default(f))
             for f in training_fields()]
    start_training.__signature__ = inspect.Signature(fixed + named, return_annotation=str)


def stop_training() -> str:
    """Ask the running job to stop at the next step; it still saves a usable adapter (api: /stop)."""
    with _job_lock:
        if _job is None or _job.state != "running":
            return "No training job is running."
        _job.stop.set()
    return "Stopping at the next step; the adapter so far will be saved."


def _progress_html(job: TrainingJob | None) -> str:
    if job is None:
        return "<div id='train-progress'><p>No training job yet.</p></div>"
    report = job.latest
    step, total = int(report.get("step") or 0), report.get("max_steps") or None
    fraction = min(1.0, step / total) if total else 0.0
    elapsed = (job.ended or time.time()) - job.started
    bits = [f"<b>{job.state}</b>", f"step {step}/{total or '?'}", f"{elapsed:.0f} s elapsed"]
    if job.state == "running" and report.get("eta_s") is not None:
        bits.append(f"ETA {float(report['eta_s']):.0f} s")
    if report.get("tokens_per_s"):
        bits.append(f"{float(report['tokens_per_s']):.0f} tokens/s")
    if report.get("loss") is not None:
        bits.append(f"loss {float(report['loss']):.4f}")
    if report.get("eval_loss") is not None:
        bits.append(f"validation loss {float(report['eval_loss']):.4f}")
    if job.error:
        bits.append(f"<span style='color:#c00'>{html.escape(job.error)}</span>")
    return (f"<div id='train-progress'><progress value='{fraction:.3f}' max='1' style='width:100%'></progress>"
            f"<p>{' · '.join(bits)}</p></div>")


def loss_points(job: TrainingJob | None) -> pd.DataFrame:
    """The logged training losses of the job (its metrics.jsonl): the points of the loss curve.
    (One series: gradio 6.31's LinePlot loses its line when a `color` plot is updated live;
    the validation loss is in the progress line.)"""
    rows = []
    path = job.output / "metrics.jsonl" if job else None
    if path is not None and path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:  # a line being written right now
                continue
            if isinstance(record.get("loss"), (int, float)):
                rows.append({"step": record["step"], "loss": record["loss"]})
    # Typed even when empty: the plot takes its axis types from the first frame it gets, and an
    # empty frame's object columns would make them categorical for good.
    return pd.DataFrame(rows, columns=["step", "loss"]).astype({"step": "int64", "loss": "float64"})


def _log_text(job: TrainingJob | None) -> str:
    if job is None:
        return ""
    lines = list(job.log)
    report = job.latest
    if report and job.state == "running":
        lines.append(" · ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}"
                                for k, v in report.items() if v is not None))
    return "\n".join(lines[-200:])


def training_status(seen: dict | None = None) -> tuple:
    """Progress, loss curve, log and model pickers (api: /train_status), polled every second by
    each open page. `seen` is what this page already shows: unchanged parts are skipped, so the
    plot is not redrawn each second and the pickers refresh only after a job ended.
    Returns (progress html, loss frame, log, seen, *4 picker updates)."""
    seen = dict(seen or {})
    job = _job
    frame, log = loss_points(job), _log_text(job)
    plot_key = [str(job.output) if job else None, len(frame)]
    plot = gr.skip() if seen.get("plot") == plot_key else frame
    log_out = gr.skip() if seen.get("log") == log else log
    pickers = [gr.skip()] * 4
    if seen.get("version") != _models_version:
        pickers = [gr.update(choices=list_models())] * 4
    seen.update(plot=plot_key, log=log, version=_models_version)
    return (_progress_html(job), plot, log_out, seen, *pickers)


# ------------------------------------------------------------------------------ Evaluate

_eval_lock = threading.Lock()


def leaderboard_path() -> Path:
    return runs_dir() / "leaderboard.sqlite"


def leaderboard_frame(new_models: list[str] | None = None) -> Any:
    """The ranked leaderboard; rows of the models just evaluated are highlighted (api: /leaderboard)."""
    from eval.leaderboard import build_table, read_runs, table_rows

    categories, lines = build_table(read_runs(leaderboard_path()))
    header, body = table_rows(categories, lines)
    frame = pd.DataFrame(body, columns=header)
    if not new_models or frame.empty:
        return frame
    new = set(new_models)
    return frame.style.apply(lambda row: ["background-color: #fff3b0" if row["model"] in new else ""] * len(row),
                             axis=1)


def _category_frame(summaries: list[dict]) -> pd.DataFrame:
    rows = []
    for summary in summaries:
        for category, group in summary["scores"]["per_category"].items():
            value = group["ast_accuracy"]["value"]
            rows.append({"category": category, "model": summary["model"],
                         "AST accuracy %": None if value is None else round(100 * value, 1)})
    return pd.DataFrame(rows, columns=["category", "model", "AST accuracy %"]).astype({"AST accuracy %": "float64"})


def _read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _failures(summaries: list[dict], cases_by_id: dict[str, Any]) -> list[dict]:
    failures = []
    for summary in summaries:
        folder = Path(summary["output_dir"])
        outputs = {row["id"]: row for row in _read_jsonl(folder / "predictions.jsonl")}
        for row in _read_jsonl(folder / "cases.jsonl"):
            if row["outcome"] == "correct":
                continue
            case = cases_by_id.get(row["id"])
            prompt = ""
            if case is not None:
                prompt = next((m.get("content", "") for m in reversed(case.messages) if m["role"] == "user"), "")
            failures.append({
                "model": summary["model"], "id": row["id"], "category": row["category"], "outcome": row["outcome"],
                "detail": row.get("detail", ""), "prompt": prompt, "expected": row.get("expected"),
                "output": outputs.get(row["id"], {}).get("output", ""),
            })
    return failures


def show_failure(choice: str | None, failures: list[dict] | None) -> str:
    """One failing case: prompt, expected call, raw output, outcome (api: /failure)."""
    for failure in failures or []:
        if f"{failure['model']} · {failure['id']}" == choice:
            expected = json.dumps(failure["expected"], ensure_ascii=False, indent=1)
            return (f"**{failure['id']}** ({failure['category']}) on `{failure['model']}` → "
                    f"**{failure['outcome']}** {failure['detail'] or ''}\n\n"
                    f"**Prompt**\n\n{_fence(failure['prompt'])}\n\n**Expected**\n\n{_fence(expected, 'json')}\n\n"
                    f"**Raw output**\n\n{_fence(failure['output'] or '(empty)')}")
    return "Pick a failing case."


def _paired_lines(summaries: list[dict]) -> list[str]:
    """Each later model against the first, case by case (eval.compare): the cases only one got
    right and the exact McNemar p-value, which says more than two overlapping intervals."""
    from eval.compare import compare, read_run

    if len(summaries) < 2:
        return []
    lines = []
    for summary in summaries[1:]:
        try:
            first, other = (read_run(Path(s["output_dir"])) for s in (summaries[0], summary))
        except (OSError, ValueError) as error:  # the scores above stand without this line
            lines.append(f"Case by case: not available ({error}).")
            continue
        paired = compare(first, other)[0]
        lines.append(f"Case by case, `{other.label}` against `{first.label}`: right only in `{other.label}` "
                     f"on {paired.only_b}, only in `{first.label}` on {paired.only_a} of {paired.n} "
                     f"(exact McNemar p = {paired.p_value:.2g}; `python -m eval compare` lists them).")
    return lines


def run_evaluation(models: list[str] | str | None, dataset: str, limit: float | None, format_name: str,
                   decoding: str = "greedy", progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple:
    """Evaluate models on a dataset with eval.runner (api: /evaluate); decoding "greedy" or
    "schema" (eval.runner.DECODINGS). Returns (status, leaderboard,
    per-category frame, failure picker, failures, CSV file, predictions file)."""
    from eval.cases import load_cases
    from eval.runner import RunConfig, run

    models = [models] if isinstance(models, str) else list(models or [])
    unchanged = (gr.skip(),) * 6
    try:
        if not models:
            raise ValueError("Pick at least one model.")
        checked = [check_model(m) for m in models]
        spec = check_dataset(dataset)
        n = int(limit) if limit else None
        if n is not None and n < 1:
            raise ValueError("The limit must be at least 1 (or empty for every case).")
        if decoding not in DECODINGS:
            raise ValueError(f"Decoding must be one of {', '.join(DECODINGS)}, not {decoding!r}.")
    except ValueError as error:
        return (f"Error: {error}", *unchanged)
    if not _eval_lock.acquire(blocking=False):
        return ("An evaluation is already running; one runs at a time on this CPU. Try again when it ends.",
                *unchanged)
    try:
        out = evaluations_dir() / dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        config = RunConfig(models=checked, datasets=[spec], out=out, format=None if format_name == "auto" else format_name,
                           limit=n, decoding=decoding, cache=runs_dir() / "cache" / "predictions.sqlite",
                           leaderboard=leaderboard_path(), progress=True)
        progress(0, desc="loading")
        started = time.perf_counter()
        summaries = run(config)
        seconds = time.perf_counter() - started
        cases_by_id = {c.id: c for c in load_cases(spec, limit=n)}
    except Exception as error:  # a model or dataset that fails shows its message, the app goes on
        traceback.print_exc()
        return (f"Error: {error}", *unchanged)
    finally:
        _eval_lock.release()
    failures = _failures(summaries, cases_by_id)
    csv_path = out / "leaderboard.csv"
    from eval.leaderboard import render_table

    csv_path.write_text(render_table(leaderboard_path(), fmt="csv"), encoding="utf-8")
    predictions = out / "predictions.zip" if len(summaries) > 1 else out / "predictions.jsonl"
    if len(summaries) > 1:
        shutil.make_archive(str(predictions.with_suffix("")), "zip", out)
    lines = []
    for summary in summaries:
        overall = summary["scores"]["overall"]
        lines.append(f"`{summary['model']}`: AST {100 * (overall['ast_accuracy']['value'] or 0):.1f}% · "
                     f"parse errors {100 * (overall['parse_error_rate']['value'] or 0):.1f}% on {summary['n']} cases")
    lines += _paired_lines(summaries)
    status = f"Evaluated on `{dataset}` in {seconds:.0f} s.\n\n" + "\n\n".join(lines)
    choices = [f"{f['model']} · {f['id']}" for f in failures]
    return (status, leaderboard_frame([_display(Path(m)) if Path(m).is_absolute() else m for m in checked] + models),
            _category_frame(summaries), gr.update(choices=choices, value=choices[0] if choices else None),
            failures, str(csv_path), str(predictions))


# ------------------------------------------------------------------------------ layout



def build_app() -> gr.Blocks:
    """The Blocks app. Reads the model and dataset lists (files only): loads no model."""
    models = list_models()
    with gr.Blocks(title="fc: function calling with a 270M model") as demo:
        gr.Markdown("# fc · function calling with Gemma 3 270M\nTrain a LoRA adapter, evaluate it on held-out "
                    "tools, and compare it with the base model as it calls real tools.")
        seen = gr.State({})  # what this page shows of the training job (see training_status)
        with gr.Tabs(selected="compare"):
            with gr.Tab("Train", id="train"):
                with gr.Row():
                    train_base = gr.Dropdown(models, value=base_model(), allow_custom_value=True, label="Base model")
                    train_data = gr.Dropdown(dataset_choices("train"), value=(dataset_choices("train") or [None])[0],
                                             allow_custom_value=True, label="Dataset (data:, bfcl:, hf: or a file)")
                    train_format = gr.Radio(list(FORMATS), value=DEFAULT_FORMAT, label="Tool-call format")
                upload = gr.File(label="…or upload a .jsonl / .json dataset", file_types=list(UPLOAD_SUFFIXES),
                                 type="filepath", height=90, elem_id="train-upload")
                data_info = gr.Markdown(elem_id="dataset-info")
                with gr.Accordion("Preview (special tokens and the text the loss is computed on)", open=False):
                    preview = gr.HighlightedText(show_legend=True, combine_adjacent=True, label="Rendered",
                                                 color_map={"special token": "orange", "trained on": "green"})
                hyper_inputs = _hyperparameter_inputs()
                with gr.Row():
                    start = gr.Button("Start training", variant="primary", elem_id="train-start")
                    stop = gr.Button("Stop", variant="stop")
                train_message = gr.Markdown(elem_id="train-message")
                progress_html = gr.HTML(_progress_html(None))
                loss_plot = gr.LinePlot(x="step", y="loss", title="Training loss", height=280,
                                        elem_id="loss-plot", x_title="step", y_title="loss")
                train_log = gr.Textbox(label="Log", lines=8, max_lines=8, autoscroll=True, elem_id="train-log")
                timer = gr.Timer(1.0)
            with gr.Tab("Evaluate", id="evaluate"):
                with gr.Row():
                    eval_models = gr.Dropdown(models, value=list(dict.fromkeys([base_model(), tuned_model()])),
                                              multiselect=True, allow_custom_value=True, label="Models")
                    eval_data = gr.Dropdown(dataset_choices("evaluate"),
                                            value=(dataset_choices("evaluate") or [None])[0],
                                            allow_custom_value=True, label="Held-out dataset")
                    eval_limit = gr.Number(20, precision=0, minimum=1, label="Limit (cases; empty for all)",
                                           elem_id="eval-limit")
                    eval_format = gr.Radio(["auto", *FORMATS], value="auto", label="Format (auto: the model's own)")
                    eval_decoding = gr.Radio(list(DECODINGS), value="greedy", label="Decoding",
                                             info="schema: greedy, with each call kept to the tools' schemas",
                                             elem_id="eval-decoding")
                run_eval = gr.Button("Run evaluation", variant="primary", elem_id="eval-run")
                eval_status = gr.Markdown(elem_id="eval-status")
                leaderboard = gr.Dataframe(label="Leaderboard (new rows highlighted)", interactive=False,
                                           elem_id="leaderboard", wrap=True)
                refresh_board = gr.Button("Refresh leaderboard", size="sm")
                category_plot = gr.BarPlot(x="category", y="AST accuracy %", color="model", title="AST accuracy by category",
                                           height=280, y_lim=[0, 100])
                with gr.Row():
                    download_csv = gr.DownloadButton("Leaderboard CSV", value=None)
                    download_predictions = gr.DownloadButton("Predictions", value=None)
                gr.Markdown("### Failures")
                failures_state = gr.State([])
                failure_pick = gr.Dropdown([], label="Failing case", allow_custom_value=False)
                failure_view = gr.Markdown()
            with gr.Tab("Compare", id="compare"):
                with gr.Row():
                    left_model = gr.Dropdown(models, value=base_model(), allow_custom_value=True, label="Left model")
                    right_model = gr.Dropdown(models, value=tuned_model(), allow_custom_value=True, label="Right model")
                with gr.Row():
                    left_chat = gr.Chatbot(label="Left", elem_id="left-chat", height=480)
                    right_chat = gr.Chatbot(label="Right", elem_id="right-chat", height=480)
                with gr.Row():
                    message = gr.Textbox(placeholder="Ask both models…", show_label=False, scale=6,
                                         elem_id="compare-input", submit_btn=False)
                    send = gr.Button("Send", variant="primary", scale=1, elem_id="compare-send")
                with gr.Row():
                    retry_button = gr.Button("Retry", size="sm")
                    clear_button = gr.Button("Clear", size="sm")
                    guided = gr.Checkbox(False, label="Schema-guided calls",
                                         info="names, keys and value types kept to the tools' schemas",
                                         elem_id="compare-guided")
                compare_status = gr.Markdown(elem_id="compare-status")
                gr.Examples(EXAMPLE_PROMPTS, inputs=message, label="Examples")
                with gr.Accordion("Tools offered to both models", open=False):
                    tools = gr.CheckboxGroup(tool_names(), value=default_tools(), label="Executable tools")
                    with gr.Row():
                        schema_text = gr.Code(language="json", label="Paste a JSON schema: a tool that cannot run here",
                                              lines=6)
                        schema_result = gr.Textbox(label="Its result, as the tool would return it", lines=6,
                                                   placeholder='{"status": "Paid"}')
                    max_steps = gr.Slider(1, MAX_COMPARE_STEPS, value=5, step=1, label="Max steps per message")
                left_state, right_state = gr.State(new_side()), gr.State(new_side())

        # --- Train events
        train_data.change(inspect_dataset, [train_data, train_format], [data_info, preview], api_name="inspect")
        train_format.change(inspect_dataset, [train_data, train_format], [data_info, preview], api_visibility="private")
        upload.upload(upload_dataset, upload, [train_data, data_info, preview], api_name="upload")
        _name_training_parameters()
        start.click(start_training, [train_base, train_data, train_format, *hyper_inputs], train_message,
                    api_name="train")
        stop.click(stop_training, None, train_message, api_name="stop")
        pickers = [train_base, eval_models, left_model, right_model]
        timer.tick(training_status, seen, [progress_html, loss_plot, train_log, seen, *pickers],
                   api_name="train_status", show_progress="hidden", queue=False)
        # --- Evaluate events
        run_eval.click(run_evaluation, [eval_models, eval_data, eval_limit, eval_format, eval_decoding],
                       [eval_status, leaderboard, category_plot, failure_pick, failures_state, download_csv,
                        download_predictions], api_name="evaluate")
        refresh_board.click(leaderboard_frame, None, leaderboard, api_name="leaderboard")
        demo.load(leaderboard_frame, None, leaderboard, api_visibility="private")
        failure_pick.change(show_failure, [failure_pick, failures_state], failure_view, api_name="failure")
        # --- Compare events
        compare_inputs = [message, left_model, right_model, tools, schema_text, schema_result, max_steps,
                          left_state, right_state, guided]
        compare_outputs = [left_chat, right_chat, left_state, right_state, message, compare_status]
        send.click(compare, compare_inputs, compare_outputs, api_name="compare")
        message.submit(compare, compare_inputs, compare_outputs, api_visibility="private")
        retry_button.click(retry, compare_inputs[1:], compare_outputs, api_name="retry")
        clear_button.click(clear_chats, None, compare_outputs, api_name="clear")
        gr.api(refresh_models, api_name="models")
        demo.load(inspect_dataset, [train_data, train_format], [data_info, preview], api_visibility="private")
    return demo


def _hyperparameter_inputs() -> list[gr.components.Component]:
    """One input per TrainConfig field: the basic ones in view, the rest in an accordion.
    Defaults and help come from the dataclass, so the form follows the recipe."""
    fields = training_fields()
    components: dict[str, gr.components.Component] = {}

    def make(field: dataclasses.Field) -> gr.components.Component:
        kind, default = str(field.type), FORM_DEFAULTS.get(field.name, _default(field))
        label = field.name.replace("_", " ")
        info = (field.metadata or {}).get("help")
        if "None" in kind and kind != "str | None":
            info = f"{info or ''} (0: unset)".strip()
        if kind.startswith("bool"):
            return gr.Checkbox(value=bool(default), label=label, info=info, elem_id=f"hp-{field.name}")
        if kind.startswith("int"):
            return gr.Number(value=default, precision=0, label=label, info=info, elem_id=f"hp-{field.name}")
        if kind.startswith("float"):
            return gr.Number(value=default, label=label, info=info, elem_id=f"hp-{field.name}")
        return gr.Textbox(value="" if default is None else str(default), label=label, info=info,
                          elem_id=f"hp-{field.name}")

    basic = [f for f in fields if f.name in BASIC_HYPERPARAMETERS]
    rest = [f for f in fields if f.name not in BASIC_HYPERPARAMETERS]
    with gr.Row():
        for field in basic:
            components[field.name] = make(field)
    with gr.Accordion("More hyperparameters", open=False):
        for start in range(0, len(rest), 4):
            with gr.Row():
                for field in rest[start:start + 4]:
                    components[field.name] = make(field)
    return [components[f.name] for f in fields]


demo = build_app()

if __name__ == "__main__":
    demo.queue(default_concurrency_limit=4).launch(
        server_name=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        server_port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
        # Only the evaluation outputs are served as downloads; uploads and worlds stay private.
        allowed_paths=[str(evaluations_dir())],
        max_file_size="50mb",
    )
