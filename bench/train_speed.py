"""Training speed: the agents-course recipe (plain TRL SFTTrainer) against fc.train, same model and data.

Every variant trains a LoRA (r=16, alpha=64, dropout 0.05 on q/k/v/o/gate/up/down) on the same
pre-tokenized conversations, taken in the same order, one conversation per optimizer step, for a
few warm-up steps and then the timed ones; each runs in its own child process so that its peak
RSS is its own.

The course recipe, as published (Hugging Face agents-course, bonus unit 1, notebook
bonus-unit1/bonus-unit1.ipynb, "Step 9: Let's configure the LoRA" and the SFTConfig after it;
checked in copies of the notebook and in the adapter_config.json its students pushed, e.g.
hf.co/bstraehle/gemma-2-2B-it-thinking-function_calling-V0):
    LoraConfig(r=16, lora_alpha=64, lora_dropout=0.05, task_type=CAUSAL_LM,
               target_modules=[gate_proj, q_proj, lm_head, o_proj, k_proj, embed_tokens,
                               down_proj, up_proj, v_proj])          # modules_to_save: none
    SFTConfig(per_device_train_batch_size=1, gradient_accumulation_steps=4, learning_rate=1e-4,
              max_grad_norm=1.0, weight_decay=0.1, warmup_ratio=0.1, lr_scheduler_type="cosine",
              bf16=True, gradient_checkpointing=True, gradient_checkpointing_kwargs={"use_reentrant":
              False}, packing=True, max_seq_length=1500, num_train_epochs=1)
    base weights loaded in bf16 (torch_dtype=torch.bfloat16), embeddings resized for new tags.
embed_tokens and lm_head get LoRA there (they are in target_modules, not modules_to_save); the
2.48 GB adapter comes from PEFT's save_embedding_layers="auto", which saves the full embedding
and output matrices with the adapter whenever an embedding layer is targeted (Gemma 2 2B:
2 x 256k x 2304 bf16 ~ 2.36 GB, plus the LoRA weights).

- course-published: that recipe as far as it runs here: LoRA also on embed_tokens and lm_head,
  gradient checkpointing (non-reentrant), the full logits (the course's TRL applied the LM head
  at every position; TRL 1.x's fused head is bypassed), bf16 base weights and bf16=True
  autocast (on a CPU TrainingArguments wants use_cpu=True for it). Measured here, that is the
  recipe's fastest form: 1.6x the tokens/s of the same in fp32 (course-published-fp32).
  Two deliberate departures, both so that tokens/s compares like with like:
  * no packing and one conversation per optimizer step (gradient accumulation 1): the same
    per-step token budget and data order as every other row. Packing into 1500-token rows with
    accumulation 4 would make a step ~6000 tokens, its attention would span unrelated
    conversations, and the losses would no longer line up with the other rows; for a LoRA the
    optimizer steps it saves take tens of milliseconds against seconds of forward and backward.
  * the loss on the assistant tokens only, like the other rows: the course's loss covered every
    token, which costs the same once the logits exist at every position.
  No embedding resize: fc's tags are single tokens of Gemma 3's vocabulary already.
- course-published-fp32: the same with fp32 base weights and bf16 off.
- course-lora-only: the baseline this benchmark used first: the full logits (transformers' own
  loss), fp32, LoRA on the seven projections only, no gradient checkpointing, no tag rows.
- trl: stock `trl.SFTTrainer` as installed (TRL >= 1.16 applies the LM head at loss positions
  itself, "fused_lm_head"), fp32, LoRA only: stock TRL cannot train the tag rows with PEFT's
  `trainable_token_indices` (its fused head reads `lm_head.bias`, which PEFT's wrapper lacks).
- full-logits+tokens: full logits with PEFT's own `trainable_token_indices` forward, fp32: the
  tag rows' price when trained PEFT's way.
- fc-fp32: fc.train's model and trainer (fc.train.prepare_lora_model: the LM head at loss
  positions only, tag rows looked up directly, eager attention and fc.train.CPUDropout on a
  CPU), tag rows trained, fp32 base, no autocast.
- fc-no-autocast: the same with bf16 base weights (the head's products in bf16, softmax and
  loss in fp32) and fp32 LoRA products.
- fc: what `python -m fc.train` runs: fc.train's default dtype (fc.model.choose_dtype: bf16
  base weights on a CPU with native bf16) and then bf16 autocast; LoRA weights, tag rows,
  softmax and loss in fp32.
- fc-no-tokens: fc without the tag rows, to show what they cost there.

Every variant checks the sha256 of the conversations it trained on; the table refuses to
compare variants that saw different data (a corpus regenerated mid-run, say).

Figures are wall-clock; tokens per CPU-second are given too, as the CPU may be shared.

    .venv/bin/python bench/train_speed.py                 # embedded model, data:train, batch 1
    .venv/bin/python bench/train_speed.py --steps 4 --variants course-published fc

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
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "train_speed.json"
BASELINES = ("course-published", "course-published-fp32", "course-lora-only")  # ratios are given against each


@dataclass(frozen=True)
class Variant:
    loss: str  # "full-logits" (the head at every position), "trl" (stock SFTTrainer) or "fc"
    dtype: str  # base weights; "auto" = fc.train's choice (fc.model.choose_dtype)
    tag_rows: bool = False  # train the format's tag rows (trainable_token_indices)
    lora_on_embeddings: bool = False  # LoRA on embed_tokens and lm_head too, as the course did
    gradient_checkpointing: bool = False
    autocast: bool | None = False  # SFTConfig(bf16=True); None: as fc.train decides (bf16 weights: on)


VARIANTS = {
    "course-published": Variant("full-logits", "bfloat16", lora_on_embeddings=True, gradient_checkpointing=True,
                                autocast=True),
    "course-published-fp32": Variant("full-logits", "float32", lora_on_embeddings=True, gradient_checkpointing=True),
    "course-lora-only": Variant("full-logits", "float32"),
    "trl": Variant("trl", "float32"),
    "full-logits+tokens": Variant("full-logits", "float32", tag_rows=True),
    "fc-fp32": Variant("fc", "float32", tag_rows=True, autocast=None),
    "fc-no-autocast": Variant("fc", "auto", tag_rows=True),
    "fc": Variant("fc", "auto", tag_rows=True, autocast=None),
    "fc-no-tokens": Variant("fc", "auto", autocast=None),
}
NOTES = [
    "course-published: the agents-course notebook's recipe as written (LoRA also on embed_tokens and lm_head, "
    "gradient checkpointing, full logits, bf16 weights and bf16 autocast), except no packing and one conversation "
    "per optimizer step, as in every row, so tokens/s compares the same tokens; course-published-fp32: the same in "
    "fp32 with bf16 off.",
    "course-lora-only: full logits, fp32, LoRA on the seven projections only, no gradient checkpointing.",
    "tokens/s: input tokens per wall-clock second over the timed steps; tokens/CPU-s: per second of this "
    "process's CPU time (the machine may be shared).",
]


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
    recipe = VARIANTS[variant]
    dtype = choose_dtype("cpu") if recipe.dtype == "auto" else getattr(torch, recipe.dtype)
    spec, conversations = _conversations(args.data, args.examples)
    loaded = load_model(args.model, device="cpu", dtype=str(dtype).removeprefix("torch."))
    fmt = get_format(args.format)
    dataset, stats = fct.build_dataset(conversations, fmt, loaded.tokenizer, keep_thinking=True,
                                       max_length=args.max_length, source=spec)
    config = fct.TrainConfig(model=args.model, format=args.format, output=str(Path(args.workdir) / variant),
                             batch_size=args.batch_size, gradient_accumulation_steps=1,
                             max_steps=args.warmup + args.steps, save_steps=10**6, logging_steps=1,
                             group_by_length=False, max_length=args.max_length,
                             sft_args={"gradient_checkpointing": recipe.gradient_checkpointing,
                                       "gradient_checkpointing_kwargs": {"use_reentrant": False},
                                       # in SFTConfig(...): its __post_init__ acts on it
                                       **({} if recipe.autocast is None else {
                                           "bf16": recipe.autocast,
                                           "use_cpu": not torch.cuda.is_available()})})  # bf16 on a CPU needs it said
    _, tag_ids = fct._tag_ids(fmt, loaded.tokenizer)
    targets = list(config.target_modules) + (["embed_tokens", "lm_head"] if recipe.lora_on_embeddings else [])
    lora = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                      target_modules=targets, task_type="CAUSAL_LM",
                      trainable_token_indices=tag_ids if recipe.tag_rows else None)
    # fc.train's own preparation (LM head at loss positions, eager attention and its dropout
    # on a CPU); the others as stock PEFT makes them.
    model = fct.prepare_lora_model(loaded.model, lora, device="cpu") if recipe.loss == "fc" \
        else get_peft_model(loaded.model, lora)
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
            self.marks = []  # (step, time, tokens seen, loss, cpu seconds); marks[0]: the start

        def _mark(self, state):
            usage = resource.getrusage(resource.RUSAGE_SELF)
            self.marks.append([state.global_step, time.perf_counter(), state.num_input_tokens_seen, None,
                               usage.ru_utime + usage.ru_stime])

        def on_train_begin(self, args_, state, control, **kwargs):
            self._mark(state)

        def on_step_end(self, args_, state, control, **kwargs):
            self._mark(state)

        def on_log(self, args_, state, control, logs=None, **kwargs):
            if logs and "loss" in logs and self.marks:
                self.marks[-1][3] = logs["loss"]

    trainer_class = {"trl": SFTTrainer, "full-logits": FullLogitsTrainer, "fc": fct.SelectedHeadSFTTrainer}[recipe.loss]
    load_before = os.getloadavg()[0]
    clock = Clock()
    head, head_grad_norms = model.get_output_embeddings(), []
    if recipe.lora_on_embeddings:
        # TRL 1.16 refuses a LoRA on lm_head, as its fused head would bypass it. The course's TRL
        # (0.x, early 2025) took the loss from the model's full logits, through the adapter, as
        # FullLogitsTrainer does: let TRL see the plain head while it checks, and record the
        # adapter's gradients to show that it does train.
        for weight in head.lora_B.parameters():
            weight.register_hook(lambda grad: head_grad_norms.append(float(grad.norm())))
        model.get_output_embeddings = head.get_base_layer
    try:
        trainer = trainer_class(model=model, args=sft, train_dataset=dataset, processing_class=loaded.tokenizer,
                                callbacks=[clock])
    finally:
        vars(model).pop("get_output_embeddings", None)
    started = time.perf_counter()
    trainer.train()
    total = time.perf_counter() - started
    if recipe.lora_on_embeddings and not any(head_grad_norms):
        raise RuntimeError(f"{variant}: the LoRA on lm_head got no gradient")
    checkpointing = bool(getattr(model.get_base_model(), "is_gradient_checkpointing", False))
    if checkpointing != recipe.gradient_checkpointing:
        raise RuntimeError(f"{variant}: gradient checkpointing was {'on' if checkpointing else 'off'}, "
                           f"expected {'on' if recipe.gradient_checkpointing else 'off'}")
    first, last = clock.marks[args.warmup], clock.marks[-1]  # after the warm-up steps, the last
    timed_steps = last[0] - first[0]
    seconds = last[1] - first[1]
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {
        "variant": variant,
        "dtype": str(dtype).removeprefix("torch."),
        "tag_rows": recipe.tag_rows,
        "settings": asdict(recipe),
        "tokens_per_s": (last[2] - first[2]) / seconds,
        "tokens_per_cpu_s": (last[2] - first[2]) / (last[4] - first[4]),
        "load_average": [load_before, os.getloadavg()[0]],
        "s_per_step": seconds / timed_steps,
        "timed_steps": timed_steps,
        "timed_tokens": last[2] - first[2],
        "peak_rss_gb": fct._peak_rss_gb(),  # as fc.train's metrics.jsonl records it
        "losses": [m[3] for m in clock.marks[1:]],
        "trainable_parameters": trainable,
        "lm_head_lora_grad_norms": head_grad_norms or None,
        "mixed_precision": trainer.accelerator.mixed_precision,  # "bf16" when autocast was on
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
    bases = {name: next((r for r in results if r["variant"] == name and "error" not in r), None) for name in BASELINES}
    print(f"\nmodel {args.model}, data {results[0].get('data', args.data)} ({args.examples} conversations), "
          f"batch {args.batch_size}, one conversation per optimizer step, {args.steps} timed steps after "
          f"{args.warmup}, load average {os.getloadavg()[0]:.1f}")
    print("| variant | base dtype | tag rows | trainable M | tokens/s | s/step | peak RSS GB | "
          + " | ".join(f"vs {name}" for name in BASELINES)
          + " | tokens/CPU-s | vs course-published (CPU) | first loss |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | " + "---: | " * len(BASELINES) + "---: | ---: | ---: |")

    def times(value):
        return "-" if value is None else f"{value:.2f}x"

    for r in results:
        if "error" in r:
            print(f"| {r['variant']} | failed |" + " |" * (8 + len(BASELINES)))
            continue
        for name, base in bases.items():
            key = name.replace("-", "_")
            r[f"ratio_vs_{key}"] = r["tokens_per_s"] / base["tokens_per_s"] if base else None
            r[f"cpu_ratio_vs_{key}"] = r["tokens_per_cpu_s"] / base["tokens_per_cpu_s"] if base else None
        first = r["losses"][0]
        ratios = " | ".join(times(r[f"ratio_vs_{name.replace('-', '_')}"]) for name in BASELINES)
        autocast = " + bf16 autocast" if r["mixed_precision"] == "bf16" else ""
        print(f"| {r['variant']} | {r['dtype']}{autocast} | {'yes' if r['tag_rows'] else 'no'} | "
              f"{r['trainable_parameters'] / 1e6:.1f} | {r['tokens_per_s']:.1f} | {r['s_per_step']:.2f} | "
              f"{r['peak_rss_gb']:.2f} | {ratios} | {r['tokens_per_cpu_s']:.1f} | "
              f"{times(r['cpu_ratio_vs_course_published'])} | {'-' if first is None else f'{first:.4f}'} |")
    print("\n" + "\n".join(NOTES))
    # A variant's own threads make a load of about torch's thread count; more means another job
    # shared the cores, and oversubscribed OpenMP threads spin: CPU-seconds inflate too.
    busy = [r for r in results if "error" not in r and max(r["load_average"]) > os.cpu_count() + 0.5]
    if busy:
        print("warning: the machine was busy during " + ", ".join(
            f"{r['variant']} (load average {r['load_average'][0]:.1f} -> {r['load_average'][1]:.1f})" for r in busy)
            + f" on {os.cpu_count()} CPUs: their figures are unreliable; rerun on a quiet machine", file=sys.stderr)
    import torch
    import transformers
    import trl

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "settings": {k: v for k, v in vars(args).items() if k not in ("child", "out")},
        "variants": {name: asdict(VARIANTS[name]) for name in args.variants},
        "notes": NOTES,
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
