"""Which dtype is faster on this machine: fp32 or bf16, for generation and for a LoRA training step.

Measures, on the embedded Gemma 3 270M, per dtype:
- prefill: one forward pass over a ~400-token prompt (last position's logits, as in generation);
- greedy generation tokens/s (fc.inference.generate) at batch 1 and batch 8;
- one LoRA training step (forward + backward) on a 256-token batch.
Prints a table and writes bench/results/dtype_speed.json. fc.model.choose_dtype uses the
answer for the CPU default.

    python bench/dtype_speed.py                # a few minutes on 2 CPU cores
    python bench/dtype_speed.py --steps 1 --new-tokens 8 --device cuda
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import torch
import transformers

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, as a script

from fc.inference import generate  # noqa: E402
from fc.model import EMBEDDED_MODEL, fingerprint, load_model  # noqa: E402

PARAGRAPH = ("The history of the city begins with a small settlement on the river, where traders met to "
             "exchange grain, salt and cloth. Over the centuries the market grew into a town, the town into a "
             "city, and the city into the capital of a large and prosperous region. ")


@dataclass
class Settings:
    model: str = EMBEDDED_MODEL
    device: str = "cpu"
    dtypes: tuple[str, ...] = ("float32", "bfloat16")
    prompt_tokens: int = 400  # about the length of a tool-use prompt with a few schemas
    new_tokens: int = 32  # enough decode steps that the prefill does not dominate
    batch_sizes: tuple[int, ...] = (1, 8)
    train_tokens: int = 256  # one sequence, like a short SFT example
    lora_rank: int = 16
    steps: int = 3  # timed repetitions per dtype, interleaved (median reported), after one warm-up
    seed: int = 0


def prompt_of(tokenizer, n_tokens: int) -> str:
    ids = tokenizer.encode(PARAGRAPH * (n_tokens // 40 + 2), add_special_tokens=False)[: n_tokens - 1]
    return tokenizer.decode(ids)


def interleaved(runs: dict[str, Callable[[], object]], steps: int) -> dict[str, float]:
    """Median seconds of each run, the dtypes taking turns step by step: on a machine shared
    with other jobs, a burst of load then slows both alike instead of whichever ran then."""
    for run in runs.values():
        run()  # warm-up: first calls pay for allocation and kernel selection
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(steps):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def measure(settings: Settings) -> list[dict]:
    from peft import LoraConfig, get_peft_model

    loaded = {dtype: load_model(settings.model, device=settings.device, dtype=dtype) for dtype in settings.dtypes}
    tokenizer = next(iter(loaded.values())).tokenizer
    prompt = prompt_of(tokenizer, settings.prompt_tokens)
    ids = tokenizer(prompt, return_tensors="pt").input_ids.to(settings.device)
    rows = {dtype: {"dtype": dtype, "fingerprint": fingerprint(m), "prompt_tokens": ids.shape[1]}
            for dtype, m in loaded.items()}

    def prefill(m):
        def run():
            with torch.inference_mode():  # logits of the last position only, as generate() computes them
                m.model(ids, logits_to_keep=1)
        return run

    for dtype, seconds in interleaved({d: prefill(m) for d, m in loaded.items()}, settings.steps).items():
        rows[dtype]["prefill_s"] = seconds

    new_tokens: dict[str, int] = {}

    def generation(dtype, m, batch):
        def run():
            out = generate(m, [prompt] * batch, max_new_tokens=settings.new_tokens, batch_size=batch)
            new_tokens[dtype] = sum(g.n_new_tokens for g in out)
        return run

    for batch in settings.batch_sizes:
        seconds = interleaved({d: generation(d, m, batch) for d, m in loaded.items()}, settings.steps)
        for dtype in loaded:
            rows[dtype][f"generate_b{batch}_s"] = seconds[dtype]
            rows[dtype][f"generate_b{batch}_tok_per_s"] = new_tokens[dtype] / seconds[dtype]

    batch_ids = tokenizer(PARAGRAPH * 10, return_tensors="pt").input_ids[:, : settings.train_tokens].to(settings.device)
    lora = LoraConfig(r=settings.lora_rank, lora_alpha=2 * settings.lora_rank,
                      target_modules=["q_proj", "k_proj", "v_proj", "o_proj"])

    def train_step(m):
        torch.manual_seed(settings.seed)
        model = get_peft_model(m.model, lora)
        model.train()

        def run():
            model.zero_grad(set_to_none=True)
            model(input_ids=batch_ids, labels=batch_ids).loss.backward()
        return run

    for dtype, seconds in interleaved({d: train_step(m) for d, m in loaded.items()}, settings.steps).items():
        rows[dtype]["train_tokens"] = batch_ids.shape[1]
        rows[dtype]["train_step_s"] = seconds
    return [rows[d] for d in settings.dtypes]


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True,
                              cwd=Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def print_table(rows: list[dict], settings: Settings) -> None:
    columns = [("prefill_s", f"prefill {settings.prompt_tokens} tok (s)")]
    columns += [(f"generate_b{b}_tok_per_s", f"generate b{b} (tok/s)") for b in settings.batch_sizes]
    columns += [("train_step_s", f"LoRA step {settings.train_tokens} tok (s)")]
    print("| dtype | " + " | ".join(title for _, title in columns) + " |")
    print("| --- " * (len(columns) + 1) + "|")
    for row in rows:
        print(f"| {row['dtype']} | " + " | ".join(f"{row[key]:.2f}" for key, _ in columns) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=Settings.model)
    parser.add_argument("--device", default=Settings.device)
    parser.add_argument("--steps", type=int, default=Settings.steps)
    parser.add_argument("--new-tokens", type=int, default=Settings.new_tokens)
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "dtype_speed.json"))
    args = parser.parse_args()
    settings = Settings(model=args.model, device=args.device, steps=args.steps, new_tokens=args.new_tokens)
    load_before = os.getloadavg()
    rows = measure(settings)
    print_table(rows, settings)
    fp32, bf16 = rows[0], rows[1]
    report = {
        "benchmark": "dtype_speed",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "git_commit": git_commit(),
        "settings": asdict(settings),
        "machine": {"cpu": cpu_name(), "cores": os.cpu_count(), "torch_threads": torch.get_num_threads(),
                    "load_average_before_after": [load_before[0], os.getloadavg()[0]],
                    "cuda": torch.cuda.get_device_name() if torch.cuda.is_available() else None},
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                     "python": platform.python_version()},
        "results": rows,
        "bf16_over_fp32": {  # > 1: bf16 takes that many times longer (or gives that many times fewer tok/s)
            "prefill": bf16["prefill_s"] / fp32["prefill_s"],
            **{f"generate_b{b}": fp32[f"generate_b{b}_tok_per_s"] / bf16[f"generate_b{b}_tok_per_s"]
               for b in settings.batch_sizes},
            "train_step": bf16["train_step_s"] / fp32["train_step_s"],
        },
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
