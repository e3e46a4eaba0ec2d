"""Command line of the benchmark harness: run, score, compare, leaderboard.

    python -m eval run --model tiny-random --model gemma-3-270m --dataset bfcl:simple_python --limit 20 --out runs/eval
    python -m eval score --dataset bfcl:simple_python --predictions preds.jsonl --out runs/submission
    python -m eval compare runs/base/bfcl-parallel runs/tuned/bfcl-parallel
    python -m eval leaderboard --format md
    python -m eval report --runs runs/results --readme README.md
    python -m eval first-token --model models/gemma-3-270m-fc --dataset bfcl:irrelevance --limit 100

With several --model or --dataset values, `run` writes each result into
OUT/<model-slug>/<dataset-slug>/ (e.g. runs/eval/gemma-3-270m/bfcl-simple_python/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval.compare import MATCHES
from eval.runner import DECODINGS, DEFAULT_CACHE, DEFAULT_LEADERBOARD, RunConfig


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m eval", description="Function-calling benchmark harness.")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="generate with models on datasets, score, record on the leaderboard")
    run.add_argument("--model", action="append", required=True, help="model string (repeatable)")
    run.add_argument("--dataset", action="append", required=True,
                     help="dataset spec: data:heldout, bfcl:simple_python, a file, hf:... (repeatable)")
    run.add_argument("--format", default=None, help="tool-call format (default: the model's own, else hermes)")
    run.add_argument("--limit", type=int, default=None, help="first N cases of each dataset")
    run.add_argument("--batch-size", type=int, default=RunConfig.batch_size)
    run.add_argument("--max-new-tokens", type=int, default=RunConfig.max_new_tokens)
    run.add_argument("--device", default=None)
    run.add_argument("--dtype", default=None)
    run.add_argument("--seed", type=int, default=RunConfig.seed)
    run.add_argument("--decoding", choices=DECODINGS, default=RunConfig.decoding,
                     help="greedy, or schema: greedy kept to the offered tools' schemas inside each call "
                          "(names, keys, value types); recorded as its own leaderboard row")
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="prediction cache (SQLite)")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write the prediction cache")
    run.add_argument("--leaderboard", type=Path, default=DEFAULT_LEADERBOARD)
    run.add_argument("--no-leaderboard", action="store_true", help="do not record this run")
    run.add_argument("--no-progress", action="store_true")

    score = commands.add_parser("score", help="score a predictions file made anywhere")
    score.add_argument("--dataset", required=True)
    score.add_argument("--predictions", type=Path, required=True,
                       help='JSONL lines {"id", "output"} (raw text, parsed with --format) or {"id", "tool_calls"}')
    score.add_argument("--out", type=Path, required=True)
    score.add_argument("--format", default="hermes", help="format that parses \"output\" lines")
    score.add_argument("--limit", type=int, default=None)
    score.add_argument("--model", default=None, help="name for the leaderboard (default: the file's stem)")
    score.add_argument("--leaderboard", type=Path, default=None, help="record the submission in this store")

    board = commands.add_parser("leaderboard", help="print the ranked table")
    board.add_argument("--format", choices=("md", "csv"), default="md")
    board.add_argument("--store", type=Path, default=DEFAULT_LEADERBOARD)
    board.add_argument("--dataset", action="append", default=None, help="only rows of these datasets")
    first = commands.add_parser("first-token", help="P(call tag) against the other first tokens, per case")
    first.add_argument("--model", required=True, help="model string")
    first.add_argument("--dataset", required=True, help="dataset spec, as for run")
    first.add_argument("--format", default=None, help="tool-call format (default: the model's own, else hermes)")
    first.add_argument("--limit", type=int, default=None, help="first N cases")
    first.add_argument("--device", default=None)
    first.add_argument("--dtype", default=None)
    first.add_argument("--out", type=Path, default=None, help="also write one JSON line per case here")
    paired = commands.add_parser("compare", help="two runs case by case: flipped cases and an exact McNemar test")
    paired.add_argument("run_a", type=Path, help="a run folder (or its cases.jsonl)")
    paired.add_argument("run_b", type=Path, help="another run on the same cases")
    paired.add_argument("--match", choices=MATCHES, default="ast_match",
                        help="which per-case match to compare (default: BFCL's AST)")
    paired.add_argument("--show", type=int, default=10, help="flipped cases listed each way (0: none)")
    paired.add_argument("--by", default=None, metavar="KEY",
                        help="group by the conversations' meta[KEY] (e.g. kind on data:heldout) instead of category")
    from eval.report import add_arguments

    add_arguments(commands.add_parser("report", help="the README's results table from run summaries"))
    return parser


def _headline(summary: dict) -> str:
    overall = summary["scores"]["overall"]

    def pct(name: str) -> str:
        value = overall[name]["value"]
        return "-" if value is None else f"{100 * value:.1f}%"

    cached = f" ({summary['cached_cases']} from cache)" if summary.get("cached_cases") else ""
    return (f"{summary['model']} on {summary['dataset']} ({summary['format']}): n={summary['n']}{cached} "
            f"AST {pct('ast_accuracy')}, names {pct('name_accuracy')}, exact {pct('args_exact_accuracy')}, "
            f"abstention {pct('abstention_accuracy')}, parse errors {pct('parse_error_rate')}")


def _first_token(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from eval.cases import load_cases
    from eval.first_token import first_tokens, summarise
    from fc.formats import DEFAULT_FORMAT
    from fc.model import load_model

    cases = load_cases(args.dataset, limit=args.limit)
    loaded = load_model(args.model, device=args.device, dtype=args.dtype)
    rows = first_tokens(loaded, cases, args.format or loaded.format or DEFAULT_FORMAT)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("".join(json.dumps(asdict(row), ensure_ascii=False) + "\n" for row in rows),
                            encoding="utf-8")
    print(f"{args.model} on {args.dataset}")
    print("\n".join(summarise(rows).lines()))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "report":
        from eval.report import report

        return report(args)
    if args.command == "leaderboard":
        from eval.leaderboard import render_table

        sys.stdout.write(render_table(args.store, fmt=args.format, datasets=args.dataset))
        return 0
    try:
        if args.command == "compare":
            from eval.compare import meta_groups, read_run, render

            run_a, run_b = read_run(args.run_a), read_run(args.run_b)
            if args.by and not run_a.dataset:
                raise ValueError(f"{args.run_a}: no summary.json names the dataset, so --by cannot group it")
            groups = meta_groups(run_a.dataset, args.by) if args.by else None
            sys.stdout.write(render(run_a, run_b, args.match, args.show, groups))
            return 0
        if args.command == "first-token":
            return _first_token(args)
        if args.command == "run":
            from eval.runner import run

            config = RunConfig(
                models=args.model, datasets=args.dataset, out=args.out, format=args.format, limit=args.limit,
                max_new_tokens=args.max_new_tokens, batch_size=args.batch_size, device=args.device,
                dtype=args.dtype, seed=args.seed, decoding=args.decoding, cache=None if args.no_cache else args.cache,
                leaderboard=None if args.no_leaderboard else args.leaderboard, progress=not args.no_progress,
            )
            summaries = run(config)
        else:
            from eval.runner import score_file

            summaries = [score_file(args.dataset, args.predictions, args.out, format_name=args.format,
                                    limit=args.limit, leaderboard=args.leaderboard, model=args.model)]
    except (ValueError, OSError, RuntimeError) as error:  # DataError, PredictionsError, ModelError ...
        print(f"error: {error}", file=sys.stderr)
        return 1
    for summary in summaries:
        print(_headline(summary))
    print(f"results in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
