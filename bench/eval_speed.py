"""Benchmark: the eval harness (batched, length-sorted) vs a naive per-case generate loop.

Both run the same cases on the same loaded model, in one process, greedy with the
same stop tokens and the same bound on new tokens; the naive loop calls
`model.generate` once per case (batch 1), the harness goes through
eval.runner.generate_predictions (fc.inference.generate: left padding, KV cache,
batches of --batch-size, shortest prompts together), with no prediction cache.
Prints cases/s for each and the ratio; writes JSON to bench/results/.

Example:
    .venv/bin/python bench/eval_speed.py --model gemma-3-270m --dataset bfcl:simple_python --n 16
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


def naive_loop(loaded, prompts: list[str], max_new_tokens: int) -> list[str]:
    """What one writes first: tokenise, generate and decode one case at a time."""
    import torch
    from transformers import GenerationConfig

    from fc.model import stop_token_ids

    tokenizer = loaded.tokenizer
    stops = stop_token_ids(tokenizer)
    config = GenerationConfig(max_new_tokens=max_new_tokens, do_sample=False, eos_token_id=stops,
                              pad_token_id=tokenizer.pad_token_id)
    texts = []
    for prompt in prompts:
        inputs = tokenizer(prompt, return_tensors="pt").to(loaded.device)
        with torch.inference_mode():
            output = loaded.model.generate(**inputs, generation_config=config)
        new = output[0, inputs["input_ids"].shape[1]:].tolist()
        new = new[: next((i for i, t in enumerate(new) if t in stops), len(new))]
        texts.append(tokenizer.decode(new, skip_special_tokens=False))
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="gemma-3-270m")
    parser.add_argument("--dataset", default="bfcl:simple_python")
    parser.add_argument("--n", type=int, default=16, help="number of cases (the first N)")
    parser.add_argument("--batch-size", type=int, default=RunConfig.batch_size)
    parser.add_argument("--max-new-tokens", type=int, default=128)
    parser.add_argument("--format", default=None, help="default: the model's own, else hermes")
    parser.add_argument("--device", default=None)
    parser.add_argument("--dtype", default=None, help="default: fc.model's choice for the device")
    parser.add_argument("--skip-naive", action="store_true", help="time the harness only (e.g. all 400 cases)")
    parser.add_argument("--out", type=Path, default=None, help="default: bench/results/eval_speed_<model>_<n>.json")
    args = parser.parse_args(argv)

    import torch

    from eval.cases import load_cases
    from eval.runner import generate_predictions, generation_settings, git_commit, slug, versions
    from eval.scoring import prediction_from_output, score_case
    from fc.formats import DEFAULT_FORMAT, get_format
    from fc.model import fingerprint, load_model

    cases = load_cases(args.dataset, limit=args.n)
    loaded = load_model(args.model, device=args.device, dtype=args.dtype)
    format_name = args.format or loaded.format or DEFAULT_FORMAT
    fmt = get_format(format_name)
    prompts = [fmt.render_prompt(case.messages, case.tools) for case in cases]
    config = RunConfig(models=[args.model], datasets=[args.dataset], out=Path("."),
                       max_new_tokens=args.max_new_tokens, batch_size=args.batch_size)
    settings = generation_settings(config, loaded)

    results = {}
    if not args.skip_naive:
        started = time.perf_counter()
        naive_texts = naive_loop(loaded, prompts, args.max_new_tokens)
        results["naive loop (batch 1)"] = time.perf_counter() - started
    started = time.perf_counter()
    records = generate_predictions(loaded, cases, format_name, max_new_tokens=args.max_new_tokens,
                                   batch_size=args.batch_size, settings=settings, cache=None, progress=False)
    results[f"harness (batch {args.batch_size})"] = time.perf_counter() - started

    harness_scores = [score_case(c, prediction_from_output(r.output, format_name)) for c, r in zip(cases, records)]
    report = {
        "model": args.model,
        "fingerprint": fingerprint(loaded),
        "dataset": args.dataset,
        "n": len(cases),
        "format": format_name,
        "settings": {**settings, "batch_size": args.batch_size},
        "threads": torch.get_num_threads(),
        "seconds": results,
        "cases_per_second": {k: len(cases) / v for k, v in results.items()},
        "harness_ast_accuracy": sum(s.ast_match for s in harness_scores) / len(cases),
        "git": git_commit(),
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(),
    }
    if not args.skip_naive:
        naive, harness = results.values()
        report["speedup"] = naive / harness
        # Batched greedy decoding can differ from batch 1 by float noise in padded rows.
        report["same_output_fraction"] = sum(a == r.output for a, r in zip(naive_texts, records)) / len(cases)

    print(f"{args.model} on {args.dataset}: {len(cases)} cases, max_new_tokens={args.max_new_tokens}, "
          f"{settings['device']}, {report['threads']} threads")
    print(f"{'method':<24} {'seconds':>9} {'cases/s':>9}")
    for name, seconds in results.items():
        print(f"{name:<24} {seconds:>9.1f} {len(cases) / seconds:>9.2f}")
    if "speedup" in report:
        print(f"speedup: {report['speedup']:.2f}x  (identical outputs: {100 * report['same_output_fraction']:.0f}%)")
    name = f"eval_speed_{slug(args.model)}_{settings['dtype']}_{len(cases)}.json"
    out = args.out or ROOT / "bench" / "results" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
