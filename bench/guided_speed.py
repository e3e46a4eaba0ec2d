"""Benchmark: what schema-guided decoding costs against plain greedy decoding.

Both run the same cases through eval.runner.generate_predictions (batched, no prediction
cache) on the same loaded model in one process; the guided run adds fc.inference's
SchemaGuidedLogits (a schema check of the call region at every step inside a call, a search
of the vocabulary when greedy's token does not fit). Prints seconds, cases/s and new tokens/s
for each, the guided/greedy time ratio, and what each run scored (AST, parse errors), and
writes JSON to bench/results/.

Example:
    .venv/bin/python bench/guided_speed.py --model models/gemma-3-270m-fc --dataset bfcl:simple_python --n 32
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # a bench script runs on its own, from any directory

from eval.runner import RunConfig  # noqa: E402  (no torch at import)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="models/gemma-3-270m-fc")
    parser.add_argument("--dataset", default="bfcl:simple_python")
    parser.add_argument("--n", type=int, default=32, help="number of cases (the first N)")
    parser.add_argument("--batch-size", type=int, default=RunConfig.batch_size)
    parser.add_argument("--max-new-tokens", type=int, default=RunConfig.max_new_tokens)
    parser.add_argument("--format", default=None, help="default: the model's own, else hermes")
    parser.add_argument("--out", type=Path, default=None, help="default: bench/results/guided_speed_<model>_<n>.json")
    args = parser.parse_args(argv)

    import torch

    from eval.cases import load_cases
    from eval.runner import generate_predictions, generation_settings, git_commit, score_all, slug, versions
    from eval.scoring import prediction_from_output, summarise
    from fc.formats import DEFAULT_FORMAT
    from fc.model import fingerprint, load_model

    cases = load_cases(args.dataset, limit=args.n)
    loaded = load_model(args.model)
    format_name = args.format or loaded.format or DEFAULT_FORMAT
    # warm-up (first-call allocations), unmeasured
    generate_predictions(loaded, cases[:1], format_name, max_new_tokens=8, batch_size=1, settings={}, cache=None,
                         progress=False)
    runs = {}
    for decoding in ("greedy", "schema"):
        config = RunConfig(models=[args.model], datasets=[args.dataset], out=Path("."), decoding=decoding,
                           max_new_tokens=args.max_new_tokens, batch_size=args.batch_size)
        started = time.perf_counter()
        records = generate_predictions(loaded, cases, format_name, max_new_tokens=args.max_new_tokens,
                                       batch_size=args.batch_size, settings=generation_settings(config, loaded),
                                       cache=None, progress=False, guided=decoding == "schema")
        seconds = time.perf_counter() - started
        overall = summarise(score_all(cases, [prediction_from_output(r.output, format_name) for r in records]))["overall"]
        runs[decoding] = {
            "seconds": seconds,
            "cases_per_second": len(cases) / seconds,
            "new_tokens_per_second": sum(r.n_new_tokens for r in records) / seconds,
            "ast_accuracy": overall["ast_accuracy"]["value"],
            "parse_error_rate": overall["parse_error_rate"]["value"],
        }
    ratio = runs["schema"]["seconds"] / runs["greedy"]["seconds"]
    report = {
        "model": args.model, "fingerprint": fingerprint(loaded), "dataset": args.dataset, "n": len(cases),
        "format": format_name, "batch_size": args.batch_size, "max_new_tokens": args.max_new_tokens,
        "device": loaded.device.type, "dtype": str(loaded.dtype).removeprefix("torch."),
        "threads": torch.get_num_threads(), "runs": runs, "time_ratio_schema_over_greedy": ratio,
        "git": git_commit(), "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(),
    }
    print(f"{args.model} on {args.dataset}: {len(cases)} cases, batch {args.batch_size}, "
          f"{report['device']} {report['dtype']}, {report['threads']} threads")
    print("| decoding | seconds | cases/s | new tokens/s | time vs greedy | AST | parse errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in runs.items():
        print(f"| {name} | {r['seconds']:.1f} | {r['cases_per_second']:.2f} | {r['new_tokens_per_second']:.1f} | "
              f"{r['seconds'] / runs['greedy']['seconds']:.2f}x | {100 * r['ast_accuracy']:.1f}% | "
              f"{100 * r['parse_error_rate']:.1f}% |")
    out = args.out or ROOT / "bench" / "results" / f"guided_speed_{slug(args.model)}_{len(cases)}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
