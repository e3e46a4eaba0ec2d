"""The leaderboard store (SQLite) and its ranked table, BFCL-style.

Every `python -m eval run` (and `score --leaderboard`) upserts one row per
model x dataset x format x generation settings, with its timestamp and the
project's git commit. The table merges a model's rows over datasets (one line per
model x format x settings): per-category AST accuracy (cases pooled when two
datasets share a category), overall = the unweighted mean of the category
accuracies (BFCL's convention, so a big category does not drown the small ones),
then the case count, abstention accuracy, parse-error rate and mean latency.

Example:
    python -m eval leaderboard --format md
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import statistics
from pathlib import Path

COLUMNS = (
    "model TEXT NOT NULL, dataset TEXT NOT NULL, format TEXT NOT NULL, settings TEXT NOT NULL, "
    "base TEXT, adapter TEXT, fingerprint TEXT, n INTEGER, ast_accuracy REAL, name_accuracy REAL, "
    "args_exact_accuracy REAL, parse_error_rate REAL, abstention_accuracy REAL, "
    "bfcl_irrelevance_accuracy REAL, hallucinated_tool_rate REAL, latency_mean_s REAL, latency_p95_s REAL, "
    "categories TEXT, summary TEXT, timestamp TEXT, git_commit TEXT, "
    "PRIMARY KEY (model, dataset, format, settings)"
)
RATES = ("ast_accuracy", "name_accuracy", "args_exact_accuracy", "parse_error_rate", "abstention_accuracy",
         "bfcl_irrelevance_accuracy", "hallucinated_tool_rate")


def open_store(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute(f"CREATE TABLE IF NOT EXISTS runs ({COLUMNS})")
    return db


def record_run(path: Path, summary: dict, *, settings: dict) -> None:
    """Upsert the row of one run (a summary.json as written by eval.runner)."""
    overall = summary["scores"]["overall"]
    categories = {
        name: {metric: {k: group[metric][k] for k in ("k", "n")}
               for metric in ("ast_accuracy", "parse_error_rate", "abstention_accuracy")}
        | {"latency_mean_s": group["latency_mean_s"]}
        for name, group in summary["scores"]["per_category"].items()
    }
    row = {
        "model": summary["model"],
        "dataset": summary["dataset"],
        "format": summary["format"],
        "settings": json.dumps(settings, sort_keys=True),
        "base": summary.get("base"),
        "adapter": summary.get("adapter"),
        "fingerprint": summary.get("fingerprint"),
        "n": summary["n"],
        **{rate: overall[rate]["value"] for rate in RATES},
        "latency_mean_s": overall["latency_mean_s"],
        "latency_p95_s": overall["latency_p95_s"],
        "categories": json.dumps(categories, sort_keys=True),
        "summary": json.dumps(summary, sort_keys=True),
        "timestamp": summary["date"],
        "git_commit": (summary.get("git") or {}).get("commit"),
    }
    db = open_store(path)
    try:
        db.execute(f"INSERT OR REPLACE INTO runs ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                   list(row.values()))
        db.commit()
    finally:
        db.close()


def read_runs(path: Path) -> list[dict]:
    """Every stored row, as dicts (JSON columns decoded)."""
    if not Path(path).is_file():
        return []
    db = open_store(Path(path))
    try:
        db.row_factory = sqlite3.Row
        rows = [dict(r) for r in db.execute("SELECT * FROM runs ORDER BY model, dataset")]
    finally:
        db.close()
    for row in rows:
        row["settings"] = json.loads(row["settings"])
        row["categories"] = json.loads(row["categories"])
    return rows


def _settings_text(settings: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in sorted(settings.items()))


def build_table(runs: list[dict], *, datasets: list[str] | None = None) -> tuple[list[str], list[dict]]:
    """(category names, ranked lines) from stored runs, one line per model x format x settings."""
    if datasets:
        runs = [r for r in runs if r["dataset"] in datasets]
    groups: dict[tuple, list[dict]] = {}
    for run in runs:
        groups.setdefault((run["model"], run["format"], json.dumps(run["settings"], sort_keys=True)), []).append(run)
    categories = sorted({c for run in runs for c in run["categories"]})
    lines = []
    for (model, format_name, settings), members in groups.items():
        pooled: dict[str, dict[str, list[int]]] = {}
        for run in members:
            for category, group in run["categories"].items():
                slot = pooled.setdefault(category, {})
                for metric in ("ast_accuracy", "parse_error_rate", "abstention_accuracy"):
                    k_n = slot.setdefault(metric, [0, 0])
                    k_n[0] += group[metric]["k"]
                    k_n[1] += group[metric]["n"]
        per_category = {c: m["ast_accuracy"][0] / m["ast_accuracy"][1] for c, m in pooled.items()
                        if m["ast_accuracy"][1]}

        def pooled_rate(metric: str) -> float | None:
            k = sum(m[metric][0] for m in pooled.values())
            n = sum(m[metric][1] for m in pooled.values())
            return k / n if n else None

        timed = [(r["latency_mean_s"], r["n"]) for r in members if r["latency_mean_s"] is not None]
        lines.append({
            "model": model,
            "format": format_name,
            "settings": _settings_text(json.loads(settings)),
            "overall": statistics.fmean(per_category.values()) if per_category else None,
            "n": sum(r["n"] for r in members),
            "categories": per_category,
            "abstention_accuracy": pooled_rate("abstention_accuracy"),
            "parse_error_rate": pooled_rate("parse_error_rate"),
            "latency_mean_s": sum(t * n for t, n in timed) / sum(n for _, n in timed) if timed else None,
            "datasets": sorted(r["dataset"] for r in members),
            "timestamp": max(r["timestamp"] for r in members),
            "git_commit": next((r["git_commit"] for r in sorted(members, key=lambda r: r["timestamp"], reverse=True)
                                if r["git_commit"]), None),
        })
    lines.sort(key=lambda line: (-(line["overall"] if line["overall"] is not None else -1), line["model"]))
    for rank, line in enumerate(lines, 1):
        line["rank"] = rank
    return categories, lines


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def table_rows(categories: list[str], lines: list[dict]) -> tuple[list[str], list[list[str]]]:
    header = ["rank", "model", "format", "overall AST %", *[f"{c} %" for c in categories], "cases",
              "abstention %", "parse errors %", "latency s/case", "settings", "date", "commit"]
    body = []
    for line in lines:
        body.append([
            str(line["rank"]), line["model"], line["format"], _percent(line["overall"]),
            *[_percent(line["categories"].get(c)) for c in categories],
            str(line["n"]), _percent(line["abstention_accuracy"]), _percent(line["parse_error_rate"]),
            "-" if line["latency_mean_s"] is None else f"{line['latency_mean_s']:.3f}",
            line["settings"], line["timestamp"][:10], (line["git_commit"] or "-")[:8],
        ])
    return header, body


def render_table(path: Path, *, fmt: str = "md", datasets: list[str] | None = None) -> str:
    """The ranked leaderboard as Markdown or CSV text."""
    categories, lines = build_table(read_runs(path), datasets=datasets)
    header, body = table_rows(categories, lines)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
        return buffer.getvalue()
    if fmt != "md":
        raise ValueError(f"unknown table format {fmt!r}; use md or csv")
    if not lines:
        return f"(no runs recorded in {path})\n"
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in body]
    return "\n".join(out) + "\n"
