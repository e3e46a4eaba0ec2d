"""What computing the LM head's products in bf16 does to the loss and the gradients.

fc.train applies the 262k-row head only at loss positions and, on bf16 base weights, runs its
two matrix products in bf16 (read out in fp32; softmax, loss and gradients in fp32): 4-6x
faster on this CPU than an fp32 copy of the head. This compares, on the same bf16 weights and
conversations, that head against the fp32 one: per-conversation loss and all trainable
gradients (LoRA and tag rows), from the shipped adapter's weights (a trained LoRA, so every
factor has a gradient) or from a fresh LoRA when it is not there. Dropout is off in both.

    .venv/bin/python bench/head_precision.py            # embedded model, 8 conversations of data:train
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def losses_and_grads(args, head_dtype):
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model

    from fc import train as fct
    from fc.data import load
    from fc.formats import get_format
    from fc.model import load_model

    loaded = load_model(args.model, device="cpu", dtype="bfloat16")
    fmt = get_format(args.format)
    data, _ = fct.build_dataset(load(args.data, limit=args.examples), fmt, loaded.tokenizer, keep_thinking=True,
                                max_length=1500, source=args.data)
    fct.add_selected_lm_head(loaded.model, head_dtype=head_dtype)
    torch.manual_seed(0)
    if Path(args.adapter).is_dir():
        model = PeftModel.from_pretrained(loaded.model, args.adapter, is_trainable=True)
    else:
        _, tag_ids = fct._tag_ids(fmt, loaded.tokenizer)
        model = get_peft_model(loaded.model, LoraConfig(r=16, lora_alpha=64, target_modules=list(fct.TARGET_MODULES),
                                                        task_type="CAUSAL_LM", trainable_token_indices=tag_ids))
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0
    model.train()
    losses = []
    for row in data:
        ids = torch.tensor([row["input_ids"]])
        labels = torch.where(torch.tensor([row["assistant_masks"]]) == 1, ids, -100)
        out = model(input_ids=ids, attention_mask=torch.ones_like(ids), labels=labels, selected_lm_head=True)
        loss = out.loss_sum / out.n_loss_tokens
        loss.backward()
        losses.append(loss.item())
    grads = torch.cat([p.grad.double().flatten() for p in model.parameters() if p.requires_grad])
    return losses, grads


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="gemma-3-270m")
    parser.add_argument("--adapter", default=str(ROOT / "models" / "gemma-3-270m-fc"))
    parser.add_argument("--data", default="data:train")
    parser.add_argument("--format", default="hermes")
    parser.add_argument("--examples", type=int, default=8)
    args = parser.parse_args(argv)
    import torch

    bf16_losses, bf16_grads = losses_and_grads(args, None)
    fp32_losses, fp32_grads = losses_and_grads(args, torch.float32)
    print(f"model {args.model}, bf16 weights, {len(bf16_losses)} conversations of {args.data}")
    print("| head products | mean loss | max abs loss difference | gradient relative error | gradient cosine |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| fp32 (reference) | {sum(fp32_losses) / len(fp32_losses):.4f} | - | - | - |")
    diff = max(abs(a - b) for a, b in zip(bf16_losses, fp32_losses))
    error = ((bf16_grads - fp32_grads).norm() / fp32_grads.norm()).item()
    cosine = torch.nn.functional.cosine_similarity(bf16_grads, fp32_grads, dim=0).item()
    print(f"| bf16 (fc.train) | {sum(bf16_losses) / len(bf16_losses):.4f} | {diff:.4f} | {error:.4f} | {cosine:.5f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
