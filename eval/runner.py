"""Run models on evaluation cases and score them: predictions, per-case rows, summaries.

`run` renders each case's prompt with a tool-call format, generates greedily in
batches through fc.inference.generate (left padding, KV cache, stop at the end of
turn, bounded new tokens), caches every prediction, scores it (eval.scoring) and
writes three files per model x dataset:

    predictions.jsonl  id, output (raw text), tool_calls (parsed), parse_errors, latency, cached
    cases.jsonl        id, category, expected, predicted, name_match, args_exact, ast_match, outcome, detail
    summary.json       model, adapter, dataset, data version and hash, n, seed, settings,
                       git commit, date, versions, and the scores overall and per category

With one model and one dataset they go straight into --out; with several, into
--out/<model-slug>/<dataset-slug>/. Each run also upserts a row into the
leaderboard store (eval.leaderboard).

A case's latency is its share of its batch's generation time (batch wall time / batch
size), so mean latency is the harness's time per case at that batch size.

Predictions are cached in SQLite (runs/cache/predictions.sqlite by default), keyed
by model fingerprint, format, generation settings, case id and a hash of the
prompt: an interrupted run resumes where it stopped and a repeated run is instant.
The batch size is not part of the key (it changes speed, not greedy outputs beyond
float noise), so a run may resume with another batch size.

`score` scores predictions made anywhere (no model stack needed).

Example:
    python -m eval run --model tiny-random --dataset bfcl:simple_python --limit 16 --out runs/tiny
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import re
import sqlite3
import subprocess
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterator

from eval.cases import Case, load_cases
from eval.scoring import (
    CaseScore,
    Prediction,
    case_row,
    prediction_from_output,
    score_case,
    summarise,
)

ROOT = Path(__file__).resolve().parents[1]
RUNS_DIR = ROOT / "runs"
DEFAULT_CACHE = RUNS_DIR / "cache" / "predictions.sqlite"
DEFAULT_LEADERBOARD = RUNS_DIR / "leaderboard.sqlite"
DECODINGS = ("greedy", "schema")
CACHE_SCHEMA_VERSION = 1  # bump when the cache key or row layout changes


@dataclass
class RunConfig:
    # --- what to evaluate
    models: list[str]
    datasets: list[str]
    out: Path
    format: str | None = None  # None: the model's own format (from its run dir) else hermes
    limit: int | None = None  # first N cases of each dataset
    # --- generation
    max_new_tokens: int = 256  # a BFCL call fits in ~100 tokens; bounds a model that never stops
    batch_size: int = 16  # measured on 2 CPU cores, bf16, BFCL prompts (~200 tokens): 16 beat 8 and 32
    device: str | None = None  # None: fc.model chooses (cuda if present, else cpu)
    dtype: str | None = None  # None: fc.model chooses for the device
    seed: int = 0  # recorded; greedy decoding uses no randomness
    decoding: str = "greedy"  # or "schema": greedy, kept to the offered tools' schemas inside calls
    # --- stores
    cache: Path | None = DEFAULT_CACHE  # None: no prediction cache
    leaderboard: Path | None = DEFAULT_LEADERBOARD  # None: do not record the run
    progress: bool = True  # tqdm bars on stderr


# ---------------------------------------------------------------------------
# the prediction cache


class PredictionCache:
    """SQLite store of raw generations keyed by (fingerprint, format, settings, case, prompt)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS predictions (key TEXT PRIMARY KEY, fingerprint TEXT, format TEXT, "
            "settings TEXT, case_id TEXT, output TEXT, n_new_tokens INTEGER, seconds REAL, created TEXT)"
        )
        self.db.commit()

    @staticmethod
    def key(fingerprint: str, format_name: str, settings: dict, case_id: str, prompt: str) -> str:
        parts = [CACHE_SCHEMA_VERSION, fingerprint, format_name, settings, case_id,
                 hashlib.sha256(prompt.encode()).hexdigest()]
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def get(self, keys: list[str]) -> dict[str, tuple[str, int, float]]:
        found: dict[str, tuple[str, int, float]] = {}
        for start in range(0, len(keys), 500):  # SQLite caps the number of bound parameters
            chunk = keys[start:start + 500]
            rows = self.db.execute(
                f"SELECT key, output, n_new_tokens, seconds FROM predictions WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update({k: (o, n, s) for k, o, n, s in rows})
        return found

    def put(self, rows: list[tuple[str, str, str, str, str, str, int, float]]) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self.db.executemany(
            "INSERT OR REPLACE INTO predictions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, now) for row in rows],
        )
        self.db.commit()  # after every chunk: an interrupted run keeps what it generated

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------------------
# generation


@dataclass(frozen=True)
class PredictionRecord:
    """One predictions.jsonl row before parsing."""

    id: str
    output: str
    n_new_tokens: int
    latency: float
    cached: bool


def guided_decoding_name() -> str:
    """The settings' name for schema-guided decoding; version 1 was "greedy+schema"."""
    from fc.schema_guide import GUIDE_VERSION

    return f"greedy+schema-v{GUIDE_VERSION}"


def generation_settings(config: RunConfig, loaded: Any) -> dict:
    """What changes greedy outputs besides weights and format: the cache and leaderboard key."""
    return {
        "max_new_tokens": config.max_new_tokens,
        # "greedy" alone keeps the cache keys of runs made before schema-guided decoding existed
        "decoding": "greedy" if config.decoding == "greedy" else guided_decoding_name(),
        "dtype": str(loaded.dtype).removeprefix("torch."),
        "device": getattr(loaded.device, "type", str(loaded.device)),
    }


def generate_predictions(
    loaded: Any,
    cases: list[Case],
    format_name: str,
    *,
    max_new_tokens: int,
    batch_size: int,
    settings: dict,
    cache: PredictionCache | None,
    progress: bool = True,
    generate: Callable | None = None,
    guided: bool = False,
) -> list[PredictionRecord]:
    """Raw generations for every case, in case order, from the cache or the model;
    guided: schema-guided decoding inside calls (fc.schema_guide), each case by its own tools.

    Uncached prompts are generated shortest first in chunks of a few batches; each
    chunk is written to the cache as soon as it is done.
    """
    from fc.formats import get_format
    from fc.model import fingerprint
    from fc.schema_guide import ToolSchemaGuide

    if generate is None:
        from fc.inference import generate

    fmt = get_format(format_name)
    prompts = [fmt.render_prompt(case.messages, case.tools) for case in cases]
    model_id = fingerprint(loaded)
    keys = [PredictionCache.key(model_id, format_name, settings, c.id, p) for c, p in zip(cases, prompts)]
    hits = cache.get(keys) if cache else {}
    records: dict[int, PredictionRecord] = {
        i: PredictionRecord(c.id, *hits[k], cached=True) for i, (c, k) in enumerate(zip(cases, keys)) if k in hits
    }
    todo = sorted((i for i in range(len(cases)) if i not in records), key=lambda i: len(prompts[i]))
    bar = _progress_bar(len(cases), len(records), progress)
    chunk_size = max(1, batch_size) * 4  # resume granularity; large enough to fill batches
    try:
        for start in range(0, len(todo), chunk_size):
            chunk = todo[start:start + chunk_size]
            shown = bar.n if bar else 0

            def advance(done: int, total: int, shown: int = shown) -> None:  # per batch, not per chunk
                if bar:
                    bar.update(shown + done - bar.n)

            options = {"guides": [ToolSchemaGuide(format_name, cases[i].tools) for i in chunk]} if guided else {}
            generations = generate(loaded, [prompts[i] for i in chunk], max_new_tokens=max_new_tokens,
                                   batch_size=batch_size, progress=advance, **options)
            rows = []
            for i, generation in zip(chunk, generations):
                records[i] = PredictionRecord(cases[i].id, generation.text, generation.n_new_tokens,
                                              generation.seconds, cached=False)
                rows.append((keys[i], model_id, format_name, json.dumps(settings, sort_keys=True), cases[i].id,
                             generation.text, generation.n_new_tokens, generation.seconds))
            if cache:
                cache.put(rows)
            if bar:
                bar.update(shown + len(chunk) - bar.n)
    finally:
        if bar:
            bar.close()
    return [records[i] for i in range(len(cases))]


def _progress_bar(total: int, done: int, enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, initial=done, unit="case", desc=f"generating ({done} cached)")


# ---------------------------------------------------------------------------
# scoring and writing


def score_all(cases: list[Case], predictions: list[Prediction]) -> list[CaseScore]:
    return [score_case(case, prediction) for case, prediction in zip(cases, predictions)]


def dataset_fingerprint(cases: list[Case]) -> str:
    """sha256 of the cases exactly as scored (prompts, tools, gold): the data version."""
    digest = hashlib.sha256()
    for case in cases:
        digest.update(json.dumps(asdict(case), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def git_commit() -> dict:
    """The project's commit and whether the working tree had changes (None outside git)."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def versions() -> dict:
    out = {"python": platform.python_version()}
    for package in ("torch", "transformers", "peft", "bfcl-eval", "evaluate"):
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = None
    return out


def data_version(spec: str) -> str | None:
    """A human-readable version of a dataset's source where one exists."""
    if spec.startswith("bfcl:"):
        try:
            return f"bfcl-eval {metadata.version('bfcl-eval')}"
        except metadata.PackageNotFoundError:
            return None
    path = Path(spec.removeprefix("data:"))
    if spec.startswith("data:"):
        path = ROOT / "data" / f"{path}.jsonl"
    if path.is_file():
        return f"sha256:{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}"
    return None


def write_results(out: Path, cases: list[Case], predictions: list[Prediction], scores: list[CaseScore],
                  records: list[dict], meta: dict) -> dict:
    """Write predictions.jsonl, cases.jsonl and summary.json into out; return the summary."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "predictions.jsonl", "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(out / "cases.jsonl", "w", encoding="utf-8") as f:
        for case, prediction, score in zip(cases, predictions, scores):
            f.write(json.dumps(case_row(score, case, prediction), ensure_ascii=False) + "\n")
    summary = {
        **meta,
        "n": len(cases),
        "data_hash": dataset_fingerprint(cases),
        "git": git_commit(),
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(),
        "scores": summarise(scores),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


def slug(text: str) -> str:
    """A folder-safe name: 'bfcl:simple_python' -> 'bfcl-simple_python', 'runs/lora/' -> 'runs-lora'."""
    return re.sub(r"[^A-Za-z0-9._]+", "-", text).strip("-.") or "x"


def output_dir(config: RunConfig, model: str, dataset: str) -> Path:
    if len(config.models) == 1 and len(config.datasets) == 1:
        return Path(config.out)
    return Path(config.out) / slug(model) / slug(dataset)


def run(config: RunConfig, *, preloaded: dict[str, Any] | None = None) -> list[dict]:
    """Generate, score, write and record every model x dataset; return the summaries.

    preloaded maps model strings to already loaded models (fc.model.LoadedModel), which
    are used instead of loading them again (the app and the tests hold one).
    """
    from fc.formats import DEFAULT_FORMAT, get_format
    from fc.model import fingerprint, load_model

    if config.format is not None:
        get_format(config.format)  # fail before loading anything
    if config.decoding not in DECODINGS:
        raise ValueError(f"decoding: expected one of {', '.join(DECODINGS)}, got {config.decoding!r}")
    datasets = {spec: load_cases(spec, limit=config.limit) for spec in config.datasets}
    cache = PredictionCache(Path(config.cache)) if config.cache else None
    summaries = []
    try:
        for model_name in config.models:
            if preloaded and model_name in preloaded:
                loaded = preloaded[model_name]
            else:
                loaded = load_model(model_name, device=config.device, dtype=config.dtype)
            format_name = config.format or loaded.format or DEFAULT_FORMAT
            settings = generation_settings(config, loaded)
            for spec, cases in datasets.items():
                started = time.perf_counter()
                records = generate_predictions(
                    loaded, cases, format_name, max_new_tokens=config.max_new_tokens,
                    batch_size=config.batch_size, settings=settings, cache=cache, progress=config.progress,
                    guided=config.decoding == "schema")
                wall = time.perf_counter() - started
                predictions = [prediction_from_output(r.output, format_name, latency=r.latency) for r in records]
                rows = [{"id": r.id, "output": r.output, "tool_calls": list(p.tool_calls),
                         "parse_errors": list(p.parse_errors), "latency": r.latency,
                         "n_new_tokens": r.n_new_tokens, "cached": r.cached}
                        for r, p in zip(records, predictions)]
                folder = output_dir(config, model_name, spec)
                meta = {
                    "output_dir": str(folder),  # where this summary's predictions and cases are
                    "model": model_name,
                    "base": loaded.base,
                    "adapter": loaded.adapter,
                    "fingerprint": fingerprint(loaded),
                    "dataset": spec,
                    "data_version": data_version(spec),
                    "format": format_name,
                    "seed": config.seed,
                    "settings": {**settings, "batch_size": config.batch_size, "limit": config.limit},
                    "wall_seconds": wall,
                    "cached_cases": sum(r.cached for r in records),
                }
                summary = write_results(folder, cases, predictions,
                                        score_all(cases, predictions), rows, meta)
                if config.leaderboard:
                    from eval.leaderboard import record_run

                    record_run(Path(config.leaderboard), summary, settings=settings)
                summaries.append(summary)
            del loaded
    finally:
        if cache:
            cache.close()
    return summaries


# ---------------------------------------------------------------------------
# scoring predictions made elsewhere


MISSING_PREDICTION = Prediction(parse_errors=("no prediction submitted for this case",))


class PredictionsError(ValueError):
    """A predictions file that cannot be scored; the message names file, line and field."""


def jsonl_rows(path: Path, error: type[Exception] = ValueError) -> Iterator[tuple[str, Any]]:
    """(where, value) for each non-blank line of a JSONL file; where is "path:line", and a line
    that is not JSON raises error naming it."""
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as problem:
                raise error(f"{where}: not JSON ({problem.msg})") from None


def read_predictions(path: Path, format_name: str) -> dict[str, Prediction]:
    """id -> Prediction from a JSONL file of {"id", "output"} or {"id", "tool_calls"} lines."""
    predictions: dict[str, Prediction] = {}
    for where, row in jsonl_rows(path, PredictionsError):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str | int):
            raise PredictionsError(f"{where}.id: expected a string id")
        case_id = str(row["id"])
        if case_id in predictions:
            raise PredictionsError(f"{where}.id: duplicate id {case_id!r}")
        latency = row.get("latency") if isinstance(row.get("latency"), int | float) else None
        if "tool_calls" in row:
            calls = row["tool_calls"]
            if not isinstance(calls, list):
                raise PredictionsError(f"{where}.tool_calls: expected an array ([] for no call)")
            # malformed calls are not rejected here: score_case scores them as parse errors
            predictions[case_id] = Prediction(tuple(calls), latency=latency)
        elif isinstance(row.get("output"), str):
            predictions[case_id] = prediction_from_output(row["output"], format_name, latency=latency)
        else:
            raise PredictionsError(f"{where}: expected \"output\" (a string) or \"tool_calls\" (an array)")
    return predictions


def score_file(dataset: str, predictions_path: Path, out: Path, *, format_name: str = "hermes",
               limit: int | None = None, leaderboard: Path | None = None, model: str | None = None) -> dict:
    """Score a predictions file against a dataset's cases. A case without a prediction is
    scored as a parse error (never as a correct abstention) and counted in the summary."""
    cases = load_cases(dataset, limit=limit)
    by_id = read_predictions(Path(predictions_path), format_name)
    known = {case.id for case in cases}
    unknown = [i for i in by_id if i not in known]
    if unknown:
        raise PredictionsError(f"{predictions_path}: {len(unknown)} ids are not cases of {dataset}, "
                               f"e.g. {unknown[0]!r}")
    missing = [case.id for case in cases if case.id not in by_id]
    predictions = [by_id.get(case.id, MISSING_PREDICTION) for case in cases]
    rows = [{"id": c.id, "output": p.output, "tool_calls": list(p.tool_calls), "parse_errors": list(p.parse_errors),
             "latency": p.latency, "missing": c.id in missing} for c, p in zip(cases, predictions)]
    meta = {
        "model": model or Path(predictions_path).stem,
        "base": None,
        "adapter": None,
        "fingerprint": None,
        "dataset": dataset,
        "data_version": data_version(dataset),
        "format": format_name,
        "seed": None,
        "settings": {"predictions": str(predictions_path), "limit": limit},
        "missing_predictions": len(missing),
    }
    summary = write_results(Path(out), cases, predictions, score_all(cases, predictions), rows, meta)
    if leaderboard:
        from eval.leaderboard import record_run

        record_run(Path(leaderboard), summary, settings={"submission": True})
    return summary
