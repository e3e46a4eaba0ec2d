"""Training speed: the agents-course recipe (plain TRL SFTTrainer) against fc.train, same model and data.

Every variant trains the same LoRA (r=16, alpha=64 on q/k/v/o/gate/up/down) on the same
pre-tokenized conversations, taken in the same order, for a few warm-up steps and then the
timed ones; each runs in its own child process so that its peak RSS is its own.

- course: the agents-course recipe's loss, as SFTTrainer computed it before TRL 1.x's fused
  head: transformers' own loss on the full logits (the LM head at every position), fp32, LoRA
  only (no tag rows).
- trl: stock `trl.SFTTrainer` as installed (TRL >= 1.16 applies the LM head at loss positions
  itself, "fused_lm_head"), fp32, LoRA only: stock TRL cannot train the tag rows with PEFT's
  `trainable_token_indices` (its fused head reads `lm_head.bias`, which PEFT's wrapper lacks).
- full-logits+tokens: full logits with PEFT's own `trainable_token_indices` forward, fp32: the
  tag rows' price when trained PEFT's way.
- fc-fp32: fc.train's trainer (LM head at loss positions only, tag rows looked up directly),
  tag rows trained, fp32 base.
- fc: the same with fc.train's default dtype (fc.model.choose_dtype: bf16 base weights on a CPU
  with native bf16; LoRA, tag rows and logits in fp32): what `python -m fc.train` runs.
- fc-no-tokens: fc without the tag rows, to show what they cost there.

Every variant checks the sha256 of the conversations it trained on; the table refuses to
compare variants that saw different data (a corpus regenerated mid-run, say).

Figures are wall-clock; tokens per CPU-second are given too, as the CPU may be shared.

    .venv/bin/python bench/train_speed.py                 # embedded model, data:train, batch 1
    .venv/bin/python bench/train_speed.py --steps 4 --variants course fc

Prints a table and writes bench/results/train_speed.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "train_speed.json"
# variant -> (loss path, base dtype ("auto" = fc.train's choice), tag rows trained)
VARIANTS = {
    "course": ("full-logits", "float32", False),
    "trl": ("trl", "float32", False),
    "full-logits+tokens": ("full-logits", "float32", True),
    "fc-fp32": ("fc", "float32", True),
    "fc": ("fc", "auto", True),
    "fc-no-tokens": ("fc", "auto", False),
}


def _conversations(spec: str, n: int) -> tuple[str, list[dict]]:
    from fc.data import load

    try:
        return spec, load(spec, limit=n)
    except Exception as error:  # data:train not generated yet: BFCL's cases have the same shape
        if spec != "data:train":
            raise
        print(f"note: {spec} unavailable ({error}); using bfcl:simple_python instead", file=sys.stderr)
        return "bfcl:simple_python", load("bfcl:simple_python", limit=n)


def run_variant(variant: str, args) -> dict:
    """Train `variant` for warmup + steps optimizer steps in this process; its figures."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import TrainerCallback
    from trl import SFTTrainer

    from fc import train as fct
    from fc.formats import get_format
    from fc.model import choose_dtype, load_model

    torch.manual_seed(0)
    path, dtype, with_tokens = VARIANTS[variant]
    dtype = choose_dtype("cpu") if dtype == "auto" else getattr(torch, dtype)
    spec, conversations = _conversations(args.data, args.examples)
    loaded = load_model(args.model, device="cpu", dtype=str(dtype).removeprefix("torch."))
    fmt = get_format(args.format)
    dataset, stats = fct.build_dataset(conversations, fmt, loaded.tokenizer, keep_thinking=True,
                                       max_length=args.max_length, source=spec)
    config = fct.TrainConfig(model=args.model, format=args.format, output=str(Path(args.workdir) / variant),
                             batch_size=args.batch_size, gradient_accumulation_steps=1,
                             max_steps=args.warmup + args.steps, save_steps=10**6, logging_steps=1,
                             group_by_length=False, max_length=args.max_length)
    _, tag_ids = fct._tag_ids(fmt, loaded.tokenizer)
    lora = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                      target_modules=list(config.target_modules), task_type="CAUSAL_LM",
                      trainable_token_indices=tag_ids if with_tokens else None)
    model = loaded.model
    if path == "fc":
        fct.add_selected_lm_head(model)
    model = get_peft_model(model, lora)
    model.train()
    sft = fct._sft_config(config, dtype, has_eval=False)
    sft.train_sampling_strategy = "sequential"  # every variant sees the same examples in the same order
    sft.save_strategy = "no"
    sft.disable_tqdm = True

    class FullLogitsTrainer(SFTTrainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            outputs = model(**inputs, num_items_in_batch=num_items_in_batch)
            return (outputs.loss, outputs) if return_outputs else outputs.loss

    class Clock(TrainerCallback):
        def __init__(self):
            self.marks = []  # (step, time, tokens seen, loss, cpu seconds)

        def on_step_end(self, args_, state, control, **kwargs):
            usage = resource.getrusage(resource.RUSAGE_SELF)
            self.marks.append([state.global_step, time.perf_counter(), state.num_input_tokens_seen, None,
                               usage.ru_utime + usage.ru_stime])

        def on_log(self, args_, state, control, logs=None, **kwargs):
            if logs and "loss" in logs and self.marks:
                self.marks[-1][3] = logs["loss"]

    trainer_class = {"trl": SFTTrainer, "full-logits": FullLogitsTrainer, "fc": fct.SelectedHeadSFTTrainer}[path]
    load_before = os.getloadavg()[0]
    clock = Clock()
    trainer = trainer_class(model=model, args=sft, train_dataset=dataset, processing_class=loaded.tokenizer,
                            callbacks=[clock])
    started = time.perf_counter()
    trainer.train()
    total = time.perf_counter() - started
    first, last = clock.marks[args.warmup - 1], clock.marks[-1]
    timed_steps = last[0] - first[0]
    seconds = last[1] - first[1]
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {
        "variant": variant,
        "dtype": str(dtype).removeprefix("torch."),
        "tag_rows": with_tokens,
        "tokens_per_s": (last[2] - first[2]) / seconds,
        "tokens_per_cpu_s": (last[2] - first[2]) / (last[4] - first[4]),
        "load_average": [load_before, os.getloadavg()[0]],
        "s_per_step": seconds / timed_steps,
        "timed_steps": timed_steps,
        "timed_tokens": last[2] - first[2],
        "peak_rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6,  # KiB on Linux
        "losses": [m[3] for m in clock.marks],
        "trainable_parameters": trainable,
        "total_seconds": total,
        "data": spec,
        "data_sha256": fct.data_hash(conversations),
        "data_tokens": stats["tokens"],
        "data_loss_tokens": stats["loss_tokens"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="gemma-3-270m")
    parser.add_argument("--data", default="data:train")
    parser.add_argument("--format", default="hermes")
    parser.add_argument("--examples", type=int, default=48, help="conversations loaded (first N)")
    parser.add_argument("--batch-size", type=int, default=1)
    parser.add_argument("--max-length", type=int, default=1500)
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps first")
    parser.add_argument("--steps", type=int, default=8, help="timed optimizer steps (1 accumulation step each)")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--workdir", default="/tmp/fc-train-speed")
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--child", help=argparse.SUPPRESS)  # run one variant, print its JSON
    args = parser.parse_args(argv)

    if args.child:
        print("RESULT " + json.dumps(run_variant(args.child, args)), flush=True)
        return 0

    results = []
    for variant in args.variants:
        command = [sys.executable, str(Path(__file__).resolve()), "--child", variant,
                   *[a for a in (argv if argv is not None else sys.argv[1:])]]
        print(f"running {variant} ...", file=sys.stderr, flush=True)
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if done.returncode != 0 or not lines:
            print(f"{variant} failed (exit {done.returncode}):\n{done.stderr[-3000:]}", file=sys.stderr)
            results.append({"variant": variant, "error": done.stderr[-3000:]})
            continue
        results.append(json.loads(lines[-1][len("RESULT "):]))

    hashes = {r["data_sha256"] for r in results if "error" not in r}
    if len(hashes) > 1:
        print("error: the variants trained on different data (the corpus changed during the run): "
              + ", ".join(f"{r['variant']} {r['data_sha256'][:12]}" for r in results if "error" not in r),
              file=sys.stderr)
        return 1
    base = next((r for r in results if r["variant"] == "course" and "error" not in r), None)
    print(f"\nmodel {args.model}, data {results[0].get('data', args.data)} ({args.examples} conversations), "
          f"batch {args.batch_size}, {args.steps} timed steps after {args.warmup}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| variant | base dtype | tag rows | tokens/s | s/step | peak RSS GB | vs course | tokens/CPU-s | "
          "vs course (CPU) | first loss |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        if "error" in r:
            print(f"| {r['variant']} | failed | | | | | | | | |")
            continue
        ratio = r["tokens_per_s"] / base["tokens_per_s"] if base else None
        cpu_ratio = r["tokens_per_cpu_s"] / base["tokens_per_cpu_s"] if base else None
        r["ratio_vs_course"], r["cpu_ratio_vs_course"] = ratio, cpu_ratio
        first = r["losses"][0]
        print(f"| {r['variant']} | {r['dtype']} | {'yes' if r['tag_rows'] else 'no'} | {r['tokens_per_s']:.1f} | "
              f"{r['s_per_step']:.2f} | {r['peak_rss_gb']:.2f} | {'-' if ratio is None else f'{ratio:.2f}x'} | "
              f"{r['tokens_per_cpu_s']:.1f} | {'-' if cpu_ratio is None else f'{cpu_ratio:.2f}x'} | "
              f"{'-' if first is None else f'{first:.4f}'} |")
    import torch
    import transformers
    import trl

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "settings": {k: v for k, v in vars(args).items() if k not in ("child", "out")},
        "results": results,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "torch": torch.__version__, "transformers": transformers.__version__, "trl": trl.__version__,
                    "threads": torch.get_num_threads()},
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "git_commit": subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                     text=True).stdout.strip() or None,
    }, indent=2) + "\n")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
