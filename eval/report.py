"""The README's results table: base and fine-tuned side by side, with published anchors.

`python -m eval run --model A --model B --dataset D1 --dataset D2 ... --out runs/results`
writes runs/results/<model>/<dataset>/summary.json; this module reads those summaries and
renders one markdown table (a row per dataset x model x decoding: tool-name, args-exact and AST accuracy
with 95% Wilson intervals, parse-error rate, mean latency per case), then replaces the text
between the README's results markers with it. `make results` does both steps.

    python -m eval report --runs runs/results --readme README.md

Published figures are other people's numbers on BFCL, shown for scale and labelled as
such; they were not measured by this harness.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

START = "<!-- results:start -->"
END = "<!-- results:end -->"

# (model, dataset, AST %, where it was published)
PUBLISHED = [
    ("gemma-2-2b-it (prompt mode)", "bfcl:simple_python", 36.3, "BFCL V3 leaderboard, python simple"),
    ("FunctionGemma 270M", "bfcl:simple_python", 61.6, "its model card, simple"),
]


def read_summaries(runs: Path) -> list[dict]:
    """Every summary.json under runs (one per model x dataset), in a stable order."""
    summaries = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(runs.rglob("summary.json"))]
    if not summaries:
        raise FileNotFoundError(f"no summary.json under {runs}: run `python -m eval run ... --out {runs}` first")
    return summaries


def _rate(block: dict, name: str) -> str:
    rate = block[name]
    if rate["value"] is None:
        return "-"
    text = f"{100 * rate['value']:.1f}"
    if rate.get("ci95"):
        low, high = rate["ci95"]
        text += f" ({100 * low:.0f}-{100 * high:.0f})"
    return text


def _model_label(summary: dict) -> str:
    """The model, and how it decoded where that is not plain greedy (eval.runner generation_settings)."""
    decoding = (summary.get("settings") or {}).get("decoding", "greedy")
    label = f"`{summary['model']}`"
    return label if decoding == "greedy" else label + (", schema-guided" if decoding.startswith("greedy+schema")
                                                       else f", {decoding}")


def results_table(summaries: list[dict], datasets: list[str] | None = None) -> str:
    """Markdown: a row per dataset x model, in the order of `datasets` (default: as found)."""
    order = datasets or list(dict.fromkeys(s["dataset"] for s in summaries))
    rows = ["| dataset | model | n | tool name | args exact | AST | abstention | parse errors | latency/case |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for dataset in order:
        for summary in (s for s in summaries if s["dataset"] == dataset):
            overall = summary["scores"]["overall"]
            latency = overall.get("latency_mean_s")
            rows.append("| " + " | ".join([
                f"`{dataset}`", _model_label(summary), str(summary["n"]),
                _rate(overall, "name_accuracy"), _rate(overall, "args_exact_accuracy"),
                _rate(overall, "ast_accuracy"), _rate(overall, "abstention_accuracy"),
                _rate(overall, "parse_error_rate"), "-" if latency is None else f"{latency:.2f} s",
            ]) + " |")
        for model, published_dataset, ast, source in PUBLISHED:
            if published_dataset == dataset:
                rows.append(f"| `{dataset}` | {model}, published | | | | {ast:.1f} | | | ({source}) |")
    return "\n".join(rows) + "\n"


def replace_between_markers(text: str, table: str) -> str:
    if START not in text or END not in text or text.index(START) > text.index(END):
        raise ValueError(f"the README needs the markers {START} and {END} around the results table")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table}{END}{tail}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=Path, default=Path("runs/results"), help="folder of summary.json files")
    parser.add_argument("--readme", type=Path, default=None, help="rewrite the table between this file's markers")
    parser.add_argument("--dataset", action="append", default=None, help="datasets in this order (repeatable)")


def report(args: argparse.Namespace) -> int:
    """Print the table (and rewrite the README's, with --readme); 1 with a message on failure."""
    try:
        table = results_table(read_summaries(args.runs), args.dataset)
        if args.readme:
            args.readme.write_text(replace_between_markers(args.readme.read_text(encoding="utf-8"), table),
                                   encoding="utf-8")
    except (OSError, ValueError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(table)
    return 0
