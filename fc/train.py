"""LoRA fine-tuning of a model string on tool-calling conversations, through TRL's SFTTrainer.

Each canonical conversation is rendered with a tool-call format (fc.formats) and tokenized
once; the loss covers the assistant turns only (thinking, calls, answers and their closing
<end_of_turn>). PEFT trains LoRA on the attention and MLP projections, and the rows of the
format's tags (<tool_call>, ...) on their own through `trainable_token_indices`, so the
adapter stays a few MB. The trainer overrides `compute_loss`: the 262k-row LM head is applied
only where a token carries loss, which is most of the speed on a CPU (see bench/train_speed.py);
with `--decision-weight` each token's loss can also be weighted (a `loss_weights` column that
the trainer's collator pads).

    python -m fc.train --model gemma-3-270m --dataset data:train --format hermes --output runs/hermes
    python -m fc.train --config runs/hermes/train_config.json --resume      # continue from the last checkpoint
    accelerate launch -m fc.train --model gemma-3-270m --output runs/gpu  # several GPUs; rank 0 writes the files

The run folder (`--output`) then holds the adapter and tokenizer (load it anywhere by its
path: `fc.model.load_model("runs/hermes")`), `fc_run.json` (format, config, data hash,
versions, git commit, date, results), `train_config.json` (reusable with `--config`),
`metrics.jsonl`, a model card `README.md`, `checkpoint-N/` folders, and with `--merge` a
merged full model in `merged/`.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
import threading
import time
import types
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Callable

import torch
from transformers import HfArgumentParser, TrainerCallback
from transformers.integrations.neftune import neftune_post_forward_hook
from transformers.modeling_outputs import ModelOutput
from transformers.trainer_utils import get_last_checkpoint
from trl import SFTConfig, SFTTrainer

from fc.data import DataError, load as load_conversations
from fc.formats import DEFAULT_FORMAT, get_format
from fc.model import CONFIG_FILE, EMBEDDED_MODEL, RUN_FILE, ModelError, load_model, prepare, resolve_dtype

TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
METRICS_FILE = "metrics.jsonl"
MODEL_CARD = "README.md"
MERGED_DIR = "merged"
SCORES_MARK = "<!-- fc:scores -->"  # write_model_card replaces what follows it


class TrainError(ValueError):
    """A training run that cannot start as asked; the message says why, for the user as is."""


# ---------------------------------------------------------------------------
# Configuration


@dataclass
class TrainConfig:
    """One fine-tuning run. Every field is a CLI flag (`--lora-r 8`) and a key of a `--config` file."""

    # What to train on
    model: str = field(default=EMBEDDED_MODEL, metadata={"help": "Model string of the base (fc.model): "
                       "'gemma-3-270m', 'tiny-random', a local folder or a hub id."})
    dataset: str = field(default="data:train", metadata={"help": "Training data spec (fc.data.load): "
                         "a file, hf:<repo>[:split], bfcl:<category> or data:<name>."})
    format: str = field(default=DEFAULT_FORMAT, metadata={"help": "Tool-call format (fc.formats): hermes or mistral."})
    output: str = field(default="", metadata={"help": "Run folder. Default: runs/<model>-<format>."})
    eval_dataset: str | None = field(default=None, metadata={"help": "Data spec for a validation loss (optional)."})
    limit: int | None = field(default=None, metadata={"help": "Use only the first N training conversations."})
    eval_limit: int | None = field(default=200, metadata={"help": "Use only the first N validation conversations "
                                   "(an evaluation pass costs about a third of a training pass per token)."})
    keep_thinking: bool = field(default=True, metadata={"help": "Keep the assistant's thinking in the "
                                "rendered turns (and so train on it)."})
    think_before_results: bool = field(default=True, metadata={"help": "With keep_thinking: keep the thinking of "
                                       "the turns before the conversation's first tool result too (where the first "
                                       "call, or a decline, is chosen). False: those turns call or answer at once; "
                                       "the turns after a result still think, since that thinking reads the result."})
    max_length: int = field(default=1500, metadata={"help": "Tokens per conversation; longer ones are cut at "
                            "the end, and dropped when no assistant token is left."})
    decision_weight: float = field(default=1.0, metadata={"help": "Loss weight of each assistant turn's first "
                                   "token, where the model chooses between a call tag and a reply (a decline, a "
                                   "question, an answer); every other loss token weighs 1, in the validation loss "
                                   "too. Meant for think_before_results=False, where that choice is the first token."})

    # Schedule (agents-course defaults)
    epochs: float = field(default=1.0, metadata={"help": "Passes over the data (ignored when --max-steps > 0)."})
    max_steps: int = field(default=-1, metadata={"help": "Optimizer steps to run; -1 = as many as --epochs take."})
    batch_size: int = field(default=1, metadata={"help": "Conversations per forward pass (per device)."})
    gradient_accumulation_steps: int = field(default=4, metadata={"help": "Forward passes per optimizer step."})
    learning_rate: float = field(default=1e-4, metadata={"help": "Peak learning rate (AdamW)."})
    lr_scheduler: str = field(default="cosine", metadata={"help": "transformers scheduler name."})
    warmup_ratio: float = field(default=0.1, metadata={"help": "Fraction of the steps spent warming up the lr."})
    weight_decay: float = field(default=0.1, metadata={"help": "AdamW weight decay."})
    seed: int = field(default=0, metadata={"help": "Seed of the data order, LoRA init and dropout."})
    neftune_noise_alpha: float | None = field(default=None, metadata={"help": "NEFTune: uniform noise of "
                                              "alpha/sqrt(length*width) on the input embeddings while training "
                                              "(transformers' own hook). Gemma scales its embeddings to about unit "
                                              "size, ~50x Llama's, so the paper's alpha 5 is ~100 here."})

    # Adapter
    lora_r: int = field(default=16, metadata={"help": "LoRA rank."})
    lora_alpha: int = field(default=64, metadata={"help": "LoRA alpha (scaling alpha/r)."})  # alpha/r = 4: the course's strong scaling for a small model
    lora_dropout: float = field(default=0.05, metadata={"help": "Dropout on the LoRA branch."})
    target_modules: list[str] = field(default_factory=lambda: list(TARGET_MODULES),
                                      metadata={"help": "Modules that get LoRA."})
    train_special_tokens: bool = field(default=True, metadata={"help": "Train the embedding rows of the "
                                       "format's tags (tied to the LM head on Gemma) with trainable_token_indices."})

    # Speed and numerics
    dtype: str = field(default="auto", metadata={"help": "Base weights: auto (bf16 where the GPU or CPU has "
                       "native bf16, else fp32), float32 or bfloat16. With bf16 the products run under bf16 autocast; "
                       "LoRA weights, tag rows, softmax and loss stay fp32.",
                       "choices": ["auto", "float32", "bfloat16"]})
    group_by_length: bool = field(default=True, metadata={"help": "Batch conversations of similar length "
                                  "(less padding)."})

    # Saving and logging
    save_steps: int = field(default=50, metadata={"help": "Write a checkpoint every N steps."})
    save_total_limit: int = field(default=2, metadata={"help": "Checkpoints kept (older ones are deleted)."})
    eval_steps: int | None = field(default=None, metadata={"help": "Validation every N steps (default: save_steps)."})
    logging_steps: int = field(default=5, metadata={"help": "Log the loss every N steps (metrics.jsonl, tqdm)."})
    resume: bool = field(default=False, metadata={"help": "Continue from the newest checkpoint in the run folder."})
    merge: bool = field(default=False, metadata={"help": "Also write the merged full model to <output>/merged."})
    sft_args: str = field(default="", metadata={"help": "JSON object of further trl.SFTConfig fields, "
                          "e.g. '{\"max_grad_norm\": 0.5}'."})

    def __post_init__(self):
        if not self.output:
            self.output = str(Path("runs") / f"{Path(self.model).name}-{self.format}")
        if self.eval_steps is None:
            self.eval_steps = self.save_steps
        if not self.decision_weight >= 0:
            raise TrainError(f"--decision-weight: expected a weight >= 0, got {self.decision_weight}")

    def sft_overrides(self) -> dict:
        if not self.sft_args:
            return {}
        if isinstance(self.sft_args, dict):  # from a config file
            return dict(self.sft_args)
        try:
            extra = json.loads(self.sft_args)
        except ValueError as error:
            raise TrainError(f"--sft-args: not JSON ({error})") from None
        if not isinstance(extra, dict):
            raise TrainError("--sft-args: expected a JSON object of SFTConfig fields")
        return extra


def read_config_file(path: str | Path) -> dict:
    """TrainConfig fields from a JSON or YAML file, checked against the dataclass."""
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as error:
        raise TrainError(f"{path}: cannot read ({error.strerror})") from None
    try:
        if path.suffix in (".yaml", ".yml"):
            import yaml

            values = yaml.safe_load(text)
        else:
            values = json.loads(text)
    except ValueError as error:  # yaml.YAMLError is a ValueError subclass only sometimes
        raise TrainError(f"{path}: not valid {path.suffix.lstrip('.') or 'JSON'} ({error})") from None
    except Exception as error:
        raise TrainError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(values, dict):
        raise TrainError(f"{path}: expected an object of TrainConfig fields, got {type(values).__name__}")
    known = {f.name for f in fields(TrainConfig)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise TrainError(f"{path}: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return values


# ---------------------------------------------------------------------------
# Data: conversations -> token ids and an assistant mask


def without_thinking_before_results(messages: list[dict]) -> list[dict]:
    """The messages with the thinking dropped from every assistant turn before the first tool result."""
    first_result = next((i for i, m in enumerate(messages) if isinstance(m, dict) and m.get("role") == "tool"),
                        len(messages))
    return [{k: v for k, v in m.items() if k not in ("thinking", "reasoning_content")}
            if i < first_result and isinstance(m, dict) and m.get("role") == "assistant" else m
            for i, m in enumerate(messages)]


def encode_conversation(conversation: dict, fmt, tokenizer, *, keep_thinking: bool = True,
                        think_before_results: bool = True, max_length: int | None = None) -> dict:
    """`input_ids` of the rendered conversation (with BOS) and `assistant_masks` (1 on the tokens
    of the trainable segments: the assistant bodies and their <end_of_turn>).

    The full text is tokenized once, as at inference, and each token takes the mask of the
    segment its first character is in, so the tokens are exactly those the model sees.
    """
    messages = conversation["messages"] if think_before_results else without_thinking_before_results(
        conversation["messages"])
    segments = fmt.render(messages, conversation.get("tools") or [], keep_thinking=keep_thinking)
    text = "".join(segment.text for segment in segments)
    spans, start = [], 0
    for segment in segments:
        if segment.trainable:
            spans.append((start, start + len(segment.text)))
        start += len(segment.text)
    encoded = tokenizer(text, return_offsets_mapping=True, add_special_tokens=True)
    ids = list(encoded["input_ids"])
    mask = [int(end > begin and any(a <= begin < b for a, b in spans)) for begin, end in encoded["offset_mapping"]]
    if max_length is not None:
        ids, mask = ids[:max_length], mask[:max_length]
    return {"input_ids": ids, "assistant_masks": mask}


def decision_weights(assistant_mask: list[int], weight: float) -> list[float]:
    """Per-token loss weights: `weight` on the first token of each run of loss tokens (an assistant
    turn's first token: a call tag or the opening of a reply), 1 on the other loss tokens, 0 elsewhere."""
    return [float(weight) if m and (i == 0 or not assistant_mask[i - 1]) else float(m)
            for i, m in enumerate(assistant_mask)]


def data_hash(conversations: list[dict]) -> str:
    """sha256 of the conversations as canonical JSONL (sorted keys, compact): the data's identity."""
    digest = hashlib.sha256()
    for conversation in conversations:
        line = json.dumps(conversation, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()


def build_dataset(conversations: list[dict], fmt, tokenizer, *, keep_thinking: bool, max_length: int,
                  source: str, think_before_results: bool = True, decision_weight: float = 1.0):
    """(datasets.Dataset of input_ids + assistant_masks, stats), with a `loss_weights` column
    (decision_weights) when decision_weight is not 1. A conversation that cannot be
    rendered raises TrainError naming the source, record and id; one left with no assistant
    token after truncation is dropped and counted."""
    from datasets import Dataset

    rows, truncated, dropped = [], 0, []
    for number, conversation in enumerate(conversations, 1):
        try:
            full = encode_conversation(conversation, fmt, tokenizer, keep_thinking=keep_thinking,
                                       think_before_results=think_before_results)
        except (ValueError, KeyError, TypeError) as error:
            raise TrainError(f"{source}, record {number} (id {conversation.get('id', '?')}): cannot be rendered "
                             f"in the {fmt.name} format: {error}") from None
        if len(full["input_ids"]) > max_length:
            truncated += 1
        row = {key: value[:max_length] for key, value in full.items()}
        if not any(row["assistant_masks"]):
            dropped.append(conversation.get("id", str(number)))
            continue
        if decision_weight != 1:
            row["loss_weights"] = decision_weights(row["assistant_masks"], decision_weight)
        rows.append(row)
    if not rows:
        raise TrainError(f"{source}: none of its {len(conversations)} conversations has an assistant turn "
                         f"within max_length={max_length} tokens, so there is nothing to train on")
    stats = {
        "conversations": len(conversations),
        "used": len(rows),
        "truncated": truncated,
        "dropped_no_assistant_tokens": len(dropped),
        "dropped_ids": dropped[:20],
        "tokens": sum(len(r["input_ids"]) for r in rows),
        "loss_tokens": sum(sum(r["assistant_masks"]) for r in rows),
        "max_tokens": max(len(r["input_ids"]) for r in rows),
    }
    return Dataset.from_list(rows), stats


# ---------------------------------------------------------------------------
# The LM head only where the loss is: forward, loss and gradients in one pass


class _SelectedHeadLoss(torch.autograd.Function):
    """Per-token cross-entropy of `hidden @ weight.T` with the tag columns taken from `rows`
    (the trainable token rows) instead of `weight`, and Gemma's final logit softcapping.

    Only the positions that carry loss come in, in chunks, so the [tokens, 262k] logits never
    exist whole. The gradients are computed in the forward, while a chunk's probabilities are
    at hand, for an upstream gradient of 1 per token; the backward only scales them. That is
    two matrix products with the 262k-row head per token instead of autograd's three (or
    TRL's recomputing kernel), and no [262k, d] weight is materialised for the tag rows.
    The two products with `weight` run in its dtype (bf16 on a CPU or GPU with native bf16:
    4-6x faster than fp32 here) and are read out in fp32; softmax, loss and gradients are fp32.
    bf16 logits carry a rounding error of at most 2^-9 of their size (about 0.03 at the
    magnitudes of Gemma 3 270M's logits); bench/head_precision.py measures what that
    does to the loss and the LoRA gradients on the embedded model.
    """

    @staticmethod
    def forward(ctx, hidden, weight, rows, row_ids, targets, softcap, need_grad):
        with torch.autocast(hidden.device.type, enabled=False):  # under GPU autocast too: as documented
            return _SelectedHeadLoss._forward(ctx, hidden, weight, rows, row_ids, targets, softcap, need_grad)

    @staticmethod
    def _forward(ctx, hidden, weight, rows, row_ids, targets, softcap, need_grad):
        n = hidden.shape[0]
        chunk = max(1, 2**26 // weight.shape[0])  # 256 rows on a 262k vocab: a 256 MB tile
        losses = torch.empty(n, dtype=torch.float32, device=hidden.device)
        correct = torch.empty(n, dtype=torch.bool, device=hidden.device)
        grad_hidden = torch.empty(hidden.shape, dtype=torch.float32, device=hidden.device) if need_grad else None
        grad_rows = (torch.empty(n, rows.shape[0], dtype=torch.float32, device=hidden.device)
                     if need_grad and rows is not None else None)
        if rows is not None:
            rows = rows.float()
            row_delta = rows - weight[row_ids].float()
        for start in range(0, n, chunk):
            end = min(start + chunk, n)
            h, t = hidden[start:end], targets[start:end]
            z = torch.mm(h.to(weight.dtype), weight.t()).float()
            if rows is not None:
                z[:, row_ids] = torch.mm(h.float(), rows.t())
            if softcap:
                tanh = z.div_(softcap).tanh_()
                z = tanh * softcap
            peak, best = z.max(-1)
            correct[start:end] = best == t
            target_logit = z.gather(1, t[:, None]).squeeze(1)
            z.sub_(peak[:, None]).exp_()
            total = z.sum(-1)
            losses[start:end] = peak + total.log() - target_logit
            if need_grad:
                grad = z.div_(total[:, None])  # softmax
                grad[torch.arange(end - start, device=grad.device), t] -= 1
                if softcap:
                    grad.mul_(tanh.mul_(tanh).neg_().add_(1))
                grad_hidden[start:end] = torch.mm(grad.to(weight.dtype), weight)
                if rows is not None:
                    tag_grad = grad[:, row_ids]
                    grad_hidden[start:end] += torch.mm(tag_grad, row_delta)
                    grad_rows[start:end] = tag_grad
        ctx.save_for_backward(hidden if grad_rows is not None else None, grad_hidden, grad_rows)
        ctx.hidden_dtype = hidden.dtype
        ctx.mark_non_differentiable(correct)
        return losses, correct

    @staticmethod
    def backward(ctx, grad_losses, _grad_correct):
        hidden, grad_hidden, grad_rows = ctx.saved_tensors
        scale = grad_losses.float()[:, None]
        d_hidden = d_rows = None
        if ctx.needs_input_grad[0] and grad_hidden is not None:
            d_hidden = (grad_hidden * scale).to(ctx.hidden_dtype)
        if ctx.needs_input_grad[2] and grad_rows is not None:
            d_rows = torch.mm((grad_rows * scale).t(), hidden.float())
        return d_hidden, None, d_rows, None, None, None, None


def _token_rows(module) -> tuple[torch.Tensor, torch.Tensor | None, torch.Tensor | None]:
    """(frozen base weight, ids of the trainable rows, the rows) of an embedding or LM head
    that PEFT may have wrapped for `trainable_token_indices`; no rows when it is not wrapped,
    disabled or merged."""
    layer = getattr(module, "token_adapter", None)
    if layer is None:
        return module.weight, None, None
    weight = layer.base_layer.weight
    names = [a for a in layer.active_adapters if a in layer.trainable_tokens_delta]
    if layer.disable_adapters or layer.merged or not names:
        return weight, None, None
    ids = torch.tensor([i for a in names for i in layer.token_indices[a]], device=weight.device)
    rows = torch.cat([layer.trainable_tokens_delta[a] for a in names]) if len(names) > 1 \
        else layer.trainable_tokens_delta[names[0]]
    return weight, ids, rows


def _embed(module, input_ids: torch.Tensor) -> torch.Tensor:
    """The input embeddings, with the trainable rows looked up directly (PEFT's own forward
    copies the whole [262k, d] table every step to swap in a handful of rows)."""
    weight, ids, rows = _token_rows(module)
    if rows is None:
        return module(input_ids)
    embeds = _embed_rows(module, input_ids, weight, ids, rows)
    # The lookup above bypasses the module's forward, and with it the forward hook by which the
    # Trainer adds NEFTune's noise: apply that hook here.
    if getattr(module, "neftune_noise_alpha", None) is not None:
        embeds = neftune_post_forward_hook(module, (input_ids,), embeds)
    return embeds


def _embed_rows(module, input_ids, weight, ids, rows) -> torch.Tensor:
    """The frozen table's rows with the trainable tag rows swapped in, scaled as the module scales."""
    layer = module.token_adapter
    embeds = layer.base_layer(input_ids)
    slot = torch.full((weight.shape[0],), -1, dtype=torch.long, device=input_ids.device)
    slot[ids] = torch.arange(len(ids), device=input_ids.device)
    slots = slot[input_ids]
    tagged = rows[slots.clamp(min=0)].to(embeds.dtype)
    scale = layer._get_embed_scale()
    if scale is not None:
        tagged = tagged * scale.to(embeds.dtype)
    return torch.where((slots >= 0)[..., None], tagged, embeds)


@dataclass
class SelectedHeadOutput(ModelOutput):
    loss_sum: torch.Tensor | None = None  # summed over the loss tokens of this batch
    n_loss_tokens: torch.Tensor | None = None
    n_correct: torch.Tensor | None = None  # loss tokens whose label is the argmax


def add_selected_lm_head(model, head_dtype: torch.dtype | None = None) -> None:
    """Let `model(..., labels=labels, selected_lm_head=True)` return a `SelectedHeadOutput`:
    the backbone runs as usual and the LM head only at positions whose next-token label is not
    -100. `loss_weights` (optional, the shape of `labels`) scales each label's loss in `loss_sum`.
    Without the flag the forward is the original one. Patch the causal LM itself (before
    or after PEFT wraps it): calls through PEFT and DDP wrappers reach it.

    `head_dtype`: the dtype of the head's matrix products; None (the default) uses the head
    weight's own. torch.float32 on a bf16 model keeps an fp32 copy of the head (670 MB for
    Gemma 3 270M) and is 4-6x slower on a CPU: bench/head_precision.py compares them."""
    if getattr(model, "_fc_selected_head", False):
        return
    original_forward = model.forward
    config = model.config.get_text_config()
    softcap = getattr(config, "final_logit_softcapping", None)
    backbone_name = model.base_model_prefix
    head_copy = {}  # the head in head_dtype (frozen), made once

    def head_weight(weight: torch.Tensor) -> torch.Tensor:
        if head_dtype is None or weight.dtype == head_dtype:
            return weight
        key = (weight.data_ptr(), weight.device, weight._version)
        if head_copy.get("key") != key:
            head_copy.update(key=key, weight=weight.detach().to(head_dtype))
        return head_copy["weight"]

    def forward(self, *args, selected_lm_head: bool = False, **kwargs):
        if not selected_lm_head:
            return original_forward(*args, **kwargs)
        labels = kwargs.pop("labels")
        loss_weights = kwargs.pop("loss_weights", None)
        input_ids = kwargs.pop("input_ids", args[0] if args else None)
        for unused in ("inputs_embeds", "num_items_in_batch", "return_dict", "use_cache", "logits_to_keep"):
            kwargs.pop(unused, None)
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        embeds = _embed(self.get_input_embeddings(), input_ids)
        hidden = getattr(self, backbone_name)(inputs_embeds=embeds, use_cache=False, **kwargs).last_hidden_state
        targets = labels[:, 1:]
        mask = targets != -100
        weight, ids, rows = _token_rows(self.get_output_embeddings())
        selected = hidden[:, :-1][mask]
        need_grad = torch.is_grad_enabled() and (selected.requires_grad or (rows is not None and rows.requires_grad))
        losses, correct = _SelectedHeadLoss.apply(selected, head_weight(weight), rows, ids, targets[mask], softcap,
                                                  need_grad)
        if loss_weights is not None:
            losses = losses * loss_weights[:, 1:][mask].to(losses.dtype)
        return SelectedHeadOutput(loss_sum=losses.sum(), n_loss_tokens=mask.sum(), n_correct=correct.sum())

    model.forward = types.MethodType(forward, model)
    model._fc_selected_head = True


class CPUDropout(torch.nn.Module):
    """Dropout with the distribution of nn.Dropout(p) up to p's rounding to 1/32768, for CPU
    tensors: torch's CPU dropout draws one random number per element through bernoulli_ and
    took ~15% of a LoRA step on the embedded model (torch.profiler); this draws 64 bits per
    four elements, 2.4x faster at the step's activation shapes here. Off a CPU it is F.dropout."""

    def __init__(self, p: float):
        super().__init__()
        self.p = p
        self.threshold = round(p * 32768)  # drop where a uniform 15-bit draw is below it

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.threshold == 0:
            return x
        if x.device.type != "cpu":
            return torch.nn.functional.dropout(x, self.p, True)
        n = x.numel()
        words = torch.empty((n + 3) // 4, dtype=torch.int64, device=x.device).random_()  # 63 random bits
        draws = words.view(torch.int16)[:n].view(x.shape) & 0x7FFF  # four 15-bit draws per word
        return x * (draws >= self.threshold) * (32768 / (32768 - self.threshold))

    def extra_repr(self) -> str:
        return f"p={self.p}"


def prepare_lora_model(model, lora, *, device: str):
    """The PEFT model fc.train trains: the LM head at loss positions (add_selected_lm_head),
    `lora` applied, and on a CPU eager attention and CPUDropout on the LoRA branches. Eager
    attention ran ~12% faster than SDPA's CPU kernels for training at these lengths
    (bench/train_speed.py); its [heads, L, L] scores are ~18 MB a layer at 1,500 tokens."""
    from peft import get_peft_model

    if device == "cpu":
        model.set_attn_implementation("eager")
    add_selected_lm_head(model)
    model = get_peft_model(model, lora)
    if device == "cpu":
        for module in model.modules():
            dropouts = getattr(module, "lora_dropout", None)
            if isinstance(dropouts, torch.nn.ModuleDict):
                for name, dropout in dropouts.items():
                    if isinstance(dropout, torch.nn.Dropout):
                        dropouts[name] = CPUDropout(dropout.p)
    return model


class LossWeightsCollator:
    """TRL's collator, plus the dataset's `loss_weights` column (build_dataset) laid out like the
    labels: padded with 0, or concatenated when the collator is padding-free."""

    def __init__(self, collator):
        self.collator = collator

    def __call__(self, examples: list[dict]) -> dict:
        batch = self.collator(examples)
        if examples and "loss_weights" in examples[0]:
            rows = [torch.tensor(example["loss_weights"], dtype=torch.float32) for example in examples]
            if getattr(self.collator, "padding_free", False):
                rows = [torch.cat(rows)]
            weights = torch.zeros(batch["labels"].shape, dtype=torch.float32)
            for i, row in enumerate(rows):
                weights[i, :len(row)] = row
            batch["loss_weights"] = weights
        return batch


class SelectedHeadSFTTrainer(SFTTrainer):
    """SFTTrainer whose loss applies the LM head only at loss positions (see add_selected_lm_head,
    which the model must carry). Same loss as TRL's: summed token losses over the number of loss
    tokens in the whole accumulated batch (`num_items_in_batch`), each token's loss scaled by the
    dataset's `loss_weights` where it has them (TrainConfig.decision_weight)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_collator = LossWeightsCollator(self.data_collator)

    def _set_signature_columns_if_needed(self):
        super()._set_signature_columns_if_needed()
        if "loss_weights" not in self._signature_columns:  # else remove_unused_columns drops them
            self._signature_columns = [*self._signature_columns, "loss_weights"]

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        network = self.accelerator.unwrap_model(model)
        if hasattr(network, "get_base_model"):  # PEFT
            network = network.get_base_model()
        if not getattr(network, "_fc_selected_head", False):
            raise TypeError("SelectedHeadSFTTrainer needs a model prepared with fc.train.add_selected_lm_head")
        mode = "train" if self.model.training else "eval"
        outputs = model(**inputs, selected_lm_head=True)
        n_tokens = outputs.n_loss_tokens
        denominator = n_tokens.clamp(min=1) if num_items_in_batch is None else num_items_in_batch
        loss = outputs.loss_sum / torch.as_tensor(denominator).to(outputs.loss_sum.device)
        if self.args.average_tokens_across_devices and num_items_in_batch is not None:
            # like Trainer/TRL: num_items_in_batch counts every rank's tokens and DDP averages gradients
            loss = loss * (self.accelerator.num_processes // self.get_tp_size())

        n_valid = self.accelerator.gather_for_metrics(n_tokens.detach()).sum()
        n_correct = self.accelerator.gather_for_metrics(outputs.n_correct.detach()).sum()
        self._metrics[mode]["mean_token_accuracy"].append((n_correct / n_valid).item() if n_valid > 0 else 0.0)
        if mode == "train" and "attention_mask" in inputs:
            self._total_train_tokens += self.accelerator.gather_for_metrics(inputs["attention_mask"].sum()).sum().item()
        self._metrics[mode]["num_tokens"] = [self._total_train_tokens]
        return (loss, outputs) if return_outputs else loss


# ---------------------------------------------------------------------------
# Callbacks: progress for the CLI/app, metrics.jsonl, the Stop button, loadable checkpoints


class RunRecorder(TrainerCallback):
    """Appends every log to metrics.jsonl, reports progress to `on_progress` after every step,
    and makes every checkpoint loadable by path (its adapter_config names the model string)."""

    def __init__(self, run_dir: Path, model_string: str, on_progress: Callable[[dict], Any] | None = None):
        self.run_dir = run_dir
        self.model_string = model_string
        self.on_progress = on_progress
        self.last = {"loss": None, "eval_loss": None}
        self.started = None
        self.first_step = self.first_tokens = 0

    def tokens_per_s(self, state) -> float | None:
        if self.started is None:
            return None
        elapsed = time.perf_counter() - self.started
        return (state.num_input_tokens_seen - self.first_tokens) / elapsed if elapsed > 0 else None

    def on_train_begin(self, args, state, control, **kwargs):
        self.started = time.perf_counter()
        self.first_step, self.first_tokens = state.global_step, state.num_input_tokens_seen

    def on_step_end(self, args, state, control, lr_scheduler=None, **kwargs):
        if not state.is_world_process_zero or self.on_progress is None:
            return
        steps_done = state.global_step - self.first_step
        elapsed = time.perf_counter() - self.started
        per_step = elapsed / steps_done if steps_done else None
        self.on_progress({
            "step": state.global_step,
            "max_steps": state.max_steps,
            "loss": self.last["loss"],
            "eval_loss": self.last["eval_loss"],
            "lr": lr_scheduler.get_last_lr()[0] if lr_scheduler is not None else None,
            "tokens_per_s": self.tokens_per_s(state),
            "eta_s": per_step * (state.max_steps - state.global_step) if per_step else None,
            "epoch": state.epoch,
        })

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or not logs:
            return
        for key in ("loss", "eval_loss"):
            if key in logs:
                self.last[key] = logs[key]
        record = {"step": state.global_step, "epoch": state.epoch, **logs,
                  "tokens_seen": state.num_input_tokens_seen, "tokens_per_s": self.tokens_per_s(state),
                  "peak_rss_gb": _peak_rss_gb(),
                  "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
        with open(self.run_dir / METRICS_FILE, "a") as out:
            out.write(json.dumps(record) + "\n")

    def on_save(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            name_adapter_base(self.run_dir / f"checkpoint-{state.global_step}", self.model_string)


def _peak_rss_gb() -> float | None:
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    scale = 1e9 if sys.platform == "darwin" else 1e6  # ru_maxrss: bytes on macOS, KiB on Linux
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale, 3)


class StopOnEvent(TrainerCallback):
    """Ends training after the current optimizer step once `event` is set (the app's Stop
    button, the CLI's first Ctrl-C); train() then saves the adapter as usual."""

    def __init__(self, event: threading.Event):
        self.event = event

    def on_step_end(self, args, state, control, **kwargs):
        if self.event.is_set():
            control.should_training_stop = True


# ---------------------------------------------------------------------------
# The run folder


def name_adapter_base(folder: Path, model_string: str) -> None:
    """Point adapter_config.json at the model string ("gemma-3-270m") rather than the cache
    folder it was trained from, so the adapter loads by model string on any machine."""
    path = Path(folder) / "adapter_config.json"
    if not path.is_file():
        return
    config = json.loads(path.read_text())
    config["base_model_name_or_path"] = model_string
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")


def _git_commit() -> str | None:
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True,
                                timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return (commit + ("-dirty" if dirty else "")) if commit else None


def _versions() -> dict:
    import accelerate
    import datasets
    import peft
    import transformers
    import trl

    return {"python": platform.python_version(), "torch": torch.__version__, "transformers": transformers.__version__,
            "trl": trl.__version__, "peft": peft.__version__, "accelerate": accelerate.__version__,
            "datasets": datasets.__version__}


def read_run(run_dir: str | Path) -> dict:
    path = Path(run_dir) / RUN_FILE
    try:
        return json.loads(path.read_text())
    except OSError:
        raise TrainError(f"{path}: missing; is {run_dir} a run folder of fc.train?") from None
    except ValueError as error:
        raise TrainError(f"{path}: not JSON ({error})") from None


def _write_json(path: Path, value: dict) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
    tmp.replace(path)


def _format_score(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1 else f"{value:.1f}"
    return str(value)


def _scores_markdown(scores) -> str:
    if not scores:
        return ("_Not evaluated yet._ The evaluation writes its scores here "
                "(`fc.train.write_model_card(run_dir, scores)`).\n")
    if isinstance(scores, str):
        return scores.rstrip() + "\n"
    metrics = list(dict.fromkeys(m for row in scores.values() for m in row))
    lines = ["| data | " + " | ".join(metrics) + " |", "| --- |" + " --- |" * len(metrics)]
    for data, row in scores.items():
        lines.append(f"| {data} | " + " | ".join(_format_score(row.get(m, "")) for m in metrics) + " |")
    return "\n".join(lines) + "\n"


def write_model_card(run_dir: str | Path, scores: dict | str | None = None) -> Path:
    """(Re)write the run's README.md from its fc_run.json. `scores` ({data: {metric: value}}, or
    markdown text) are stored in fc_run.json and shown in the Scores section; without them the
    scores already stored are kept."""
    run_dir = Path(run_dir)
    run = read_run(run_dir)
    if scores is not None:
        run["scores"] = scores
        _write_json(run_dir / RUN_FILE, run)
    config, data, result = run.get("config", {}), run.get("data", {}), run.get("train", {})
    base, fmt = run.get("model", config.get("model")), run.get("format")
    evaluation = run.get("eval_data") or {}
    tags = ", ".join(run.get("special_tokens", [])) or "none"

    def figure(value, spec=".4f"):
        return "-" if value is None else format(value, spec)

    lines = [
        "---",
        f"base_model: {base}",
        "library_name: peft",
        "pipeline_tag: text-generation",
        "tags: [fc, tool-calling, function-calling, lora, sft, trl]",
        "---",
        "",
        f"# {run_dir.name}: {base} fine-tuned to call tools ({fmt} format)",
        "",
        f"A LoRA adapter for `{base}`, trained with `fc.train` (TRL SFTTrainer + PEFT). Load it by its folder "
        f"anywhere a model string is taken: `fc.model.load_model(\"{run_dir}\")`, "
        f"`python -m fc.model info {run_dir}`. Its prompts use the `{fmt}` tool-call format of `fc.formats`.",
        "",
        "## Training data",
        "",
        f"- `{config.get('dataset')}`: {data.get('used')} of {data.get('conversations')} conversations used "
        f"({data.get('truncated', 0)} cut at {config.get('max_length')} tokens, "
        f"{data.get('dropped_no_assistant_tokens', 0)} dropped with no assistant token left), "
        f"{data.get('tokens')} tokens of which {data.get('loss_tokens')} carry loss.",
        f"- sha256 of the conversations (canonical JSONL): `{data.get('sha256')}`",
        "- Loss on the assistant turns only (thinking"
        + ("" if config.get("keep_thinking", True) else ", dropped from the prompts here")
        + ("" if not config.get("keep_thinking", True) or config.get("think_before_results", True)
           else ", kept only in the turns after a tool result")
        + ", tool calls, answers, closing `<end_of_turn>`), never on system, user or tool text"
        + ("." if config.get("decision_weight", 1.0) == 1 else
           f"; each assistant turn's first token (a call tag or a reply's opening) weighs "
           f"{config.get('decision_weight')}."),
    ]
    if evaluation:
        lines.append(f"- Validation: `{config.get('eval_dataset')}`, {evaluation.get('used')} conversations, "
                     f"sha256 `{evaluation.get('sha256')}`.")
    lines += [
        "",
        "## How it was trained",
        "",
        f"- LoRA r={config.get('lora_r')}, alpha={config.get('lora_alpha')}, dropout={config.get('lora_dropout')} "
        f"on {', '.join(config.get('target_modules', []))}.",
        f"- Tag rows trained on their own (PEFT `trainable_token_indices`): {tags}."
        if config.get("train_special_tokens") else "- Tag rows not trained.",
        f"- {result.get('global_step')} optimizer steps ({figure(result.get('epoch'), '.2f')} epochs), batch "
        f"{config.get('batch_size')} x {config.get('gradient_accumulation_steps')} accumulation x "
        f"{result.get('world_size', 1)} process(es), lr {config.get('learning_rate')} ({config.get('lr_scheduler')}, "
        f"warmup {config.get('warmup_ratio')}), weight decay {config.get('weight_decay')}, seed {config.get('seed')}, "
        f"{run.get('dtype')} on {run.get('device')}.",
        *([f"- NEFTune noise on the input embeddings, alpha {config['neftune_noise_alpha']}."]
          if config.get("neftune_noise_alpha") is not None else []),
        f"- Training loss {figure(result.get('first_loss'))} at the first log, {figure(result.get('last_loss'))} "
        f"at the last; validation loss {figure(result.get('eval_loss'))}.",
        f"- {figure(result.get('seconds'), '.0f')} s, {figure(result.get('tokens_per_s'), '.1f')} tokens/s; "
        f"adapter {figure(result.get('adapter_mb'), '.1f')} MB; ended: {run.get('status')}.",
        f"- Reproduce: `python -m fc.train --config {run_dir / CONFIG_FILE}` "
        f"(git {run.get('git_commit')}, {run.get('date')}).",
        "",
        "## Scores",
        "",
        SCORES_MARK,
        _scores_markdown(run.get("scores")),
        "## Versions",
        "",
        ", ".join(f"{k} {v}" for k, v in run.get("versions", {}).items()),
        "",
    ]
    path = run_dir / MODEL_CARD
    path.write_text("\n".join(lines))
    return path


def _adapter_mb(folder: Path) -> float | None:
    files = list(folder.glob("adapter_model.*"))
    return sum(f.stat().st_size for f in files) / 1e6 if files else None


# ---------------------------------------------------------------------------
# Training


@dataclass
class TrainResult:
    run_dir: Path
    global_step: int
    status: str  # "completed", "stopped" (stop_event) or "interrupted" (Ctrl-C twice)
    last_loss: float | None
    eval_loss: float | None
    seconds: float
    tokens_per_s: float | None
    adapter_mb: float | None


def _sft_config(config: TrainConfig, dtype: torch.dtype, has_eval: bool) -> SFTConfig:
    settings = dict(
        output_dir=config.output,
        num_train_epochs=config.epochs,
        max_steps=config.max_steps,
        per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=config.batch_size,
        gradient_accumulation_steps=config.gradient_accumulation_steps,
        learning_rate=config.learning_rate,
        lr_scheduler_type=config.lr_scheduler,
        warmup_steps=config.warmup_ratio,  # a float < 1 is a ratio of the total steps
        weight_decay=config.weight_decay,
        seed=config.seed,
        neftune_noise_alpha=config.neftune_noise_alpha,
        max_length=config.max_length,
        # bf16 autocast wherever the base weights are bf16: on a GPU, and on a CPU with native
        # bf16 (fc.model.choose_dtype), where it ran fc's step ~7% faster than bf16 weights with
        # fp32 LoRA products (bench/train_speed.py, fc vs fc-no-autocast). Never on other CPUs: TRL
        # turns it on by default, and on AVX2 CPUs it made steps 15-30x slower.
        bf16=dtype == torch.bfloat16,
        use_cpu=dtype == torch.bfloat16 and not torch.cuda.is_available(),  # else TrainingArguments refuses bf16 on a CPU
        fp16=False,
        # TRL turns it on by default; a 270M model's activations fit, and recomputing costs ~20%.
        gradient_checkpointing=False,
        train_sampling_strategy="group_by_length" if config.group_by_length else "random",
        logging_steps=config.logging_steps,
        logging_first_step=True,
        save_strategy="steps",
        save_steps=config.save_steps,
        save_total_limit=config.save_total_limit,
        eval_strategy="steps" if has_eval else "no",
        eval_steps=config.eval_steps,
        prediction_loss_only=True,  # else TRL recomputes full logits in evaluation
        include_num_input_tokens_seen="non_padding",  # for tokens/s
        report_to="none",
        dataloader_pin_memory=torch.cuda.is_available(),
    )
    settings.update(config.sft_overrides())
    try:
        return SFTConfig(**settings)
    except TypeError as error:
        raise TrainError(f"--sft-args: {error}") from None


def _tag_ids(fmt, tokenizer) -> tuple[list[str], list[int]]:
    ids = []
    for tag in fmt.special_tokens:
        encoded = tokenizer.encode(tag, add_special_tokens=False)
        if len(encoded) != 1:
            raise TrainError(f"the tokenizer splits the {fmt.name} tag {tag!r} into {len(encoded)} tokens; "
                             "fc.model should have mapped it onto one")
        ids.append(encoded[0])
    return list(fmt.special_tokens), ids


def train(config: TrainConfig, *, callbacks: list[TrainerCallback] | None = None,
          stop_event: threading.Event | None = None,
          on_progress: Callable[[dict], Any] | None = None) -> TrainResult:
    """Fine-tune as `config` says and fill the run folder. `on_progress` gets, after every
    optimizer step, {step, max_steps, loss, eval_loss, lr, tokens_per_s, eta_s, epoch} (loss is
    the last logged one); setting `stop_event` ends the run after the current step with the
    adapter saved; `callbacks` are further TrainerCallbacks."""
    from peft import LoraConfig

    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")  # TRL pings the hub on start otherwise
    started = time.perf_counter()
    try:
        fmt = get_format(config.format)
    except (KeyError, ValueError) as error:
        raise TrainError(str(error).strip("'\"")) from None
    run_dir = Path(config.output)
    checkpoint = None
    if config.resume:
        checkpoint = get_last_checkpoint(str(run_dir)) if run_dir.is_dir() else None
        if checkpoint is None:
            raise TrainError(f"--resume: no checkpoint-N folder in {run_dir} to continue from")

    device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = resolve_dtype(config.dtype, device)  # auto: fc.model's choice (bf16 where native)
    # Loaded on the CPU: the Trainer moves it to each process's own device.
    # Training on top of an adapter trains a new one on the base with it merged in (load_model merges).
    loaded = load_model(config.model, device="cpu", dtype=str(dtype).removeprefix("torch."))
    tokenizer, model = loaded.tokenizer, loaded.model

    conversations = load_conversations(config.dataset, limit=config.limit)
    train_data, train_stats = build_dataset(conversations, fmt, tokenizer, keep_thinking=config.keep_thinking,
                                            think_before_results=config.think_before_results,
                                            decision_weight=config.decision_weight, max_length=config.max_length,
                                            source=config.dataset)
    train_stats = {"spec": config.dataset, "sha256": data_hash(conversations), **train_stats}
    eval_data, eval_stats = None, None
    if config.eval_dataset:
        held = load_conversations(config.eval_dataset, limit=config.eval_limit)
        eval_data, eval_stats = build_dataset(held, fmt, tokenizer, keep_thinking=config.keep_thinking,
                                              think_before_results=config.think_before_results,
                                              decision_weight=config.decision_weight, max_length=config.max_length,
                                              source=config.eval_dataset)
        eval_stats = {"spec": config.eval_dataset, "sha256": data_hash(held), **eval_stats}
    if checkpoint is not None and (run_dir / RUN_FILE).is_file():
        before = read_run(run_dir).get("data", {}).get("sha256")
        if before and before != train_stats["sha256"]:
            raise TrainError(f"--resume: the training data differ from those {run_dir} was trained on "
                             f"(sha256 {before[:12]}... then, {train_stats['sha256'][:12]}... now)")

    tags, tag_ids = _tag_ids(fmt, tokenizer) if config.train_special_tokens else ([], [])
    lora = LoraConfig(
        r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
        target_modules=list(config.target_modules), task_type="CAUSAL_LM",
        trainable_token_indices=tag_ids or None,
    )
    model = prepare_lora_model(model, lora, device=device)
    # Saves check the base's vocab size against its config: name the local folder while training
    # (no hub lookup), and the model string in what is written (name_adapter_base).
    model.peft_config["default"].base_model_name_or_path = str(prepare(config.model))
    model.train()

    recorder = RunRecorder(run_dir, loaded.name if loaded.adapter is None else config.model, on_progress)
    trainer = SelectedHeadSFTTrainer(
        model=model,
        args=_sft_config(config, dtype, eval_data is not None),
        train_dataset=train_data,
        eval_dataset=eval_data,
        processing_class=tokenizer,
        callbacks=[recorder, *([StopOnEvent(stop_event)] if stop_event is not None else []), *(callbacks or [])],
    )
    main = trainer.is_world_process_zero()
    run = {
        "format": fmt.name,
        "model": config.model,
        "status": "running",
        "config": asdict(config),
        "special_tokens": tags,
        "data": train_stats,
        "eval_data": eval_stats,
        "train": {},
        "scores": (read_run(run_dir).get("scores") if checkpoint and (run_dir / RUN_FILE).is_file() else None),
        "device": str(trainer.args.device),
        "dtype": str(dtype).removeprefix("torch."),
        "versions": _versions(),
        "git_commit": _git_commit(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    if main:
        run_dir.mkdir(parents=True, exist_ok=True)
        if checkpoint is None:
            (run_dir / METRICS_FILE).unlink(missing_ok=True)
        _write_json(run_dir / CONFIG_FILE, asdict(config) | {"resume": False})
        _write_json(run_dir / RUN_FILE, run)

    status = "completed"
    try:
        trainer.train(resume_from_checkpoint=checkpoint)
        if stop_event is not None and stop_event.is_set():
            status = "stopped"
    except KeyboardInterrupt:
        status = "interrupted"  # the weights are those of the last finished step
    trainer.save_model(str(run_dir))
    state = trainer.state
    losses = [r["loss"] for r in state.log_history if "loss" in r]
    evals = [r["eval_loss"] for r in state.log_history if "eval_loss" in r]
    result = TrainResult(
        run_dir=run_dir, global_step=state.global_step, status=status,
        last_loss=losses[-1] if losses else None, eval_loss=evals[-1] if evals else None,
        seconds=time.perf_counter() - started, tokens_per_s=recorder.tokens_per_s(state),
        adapter_mb=_adapter_mb(run_dir) if main else None)
    if main:
        name_adapter_base(run_dir, recorder.model_string)
        run["status"] = status
        run["train"] = {
            "global_step": state.global_step, "max_steps": state.max_steps, "epoch": state.epoch,
            "first_loss": losses[0] if losses else None, "last_loss": result.last_loss,
            "eval_loss": result.eval_loss, "seconds": round(result.seconds, 1),
            "tokens_seen": state.num_input_tokens_seen, "tokens_per_s": result.tokens_per_s,
            "adapter_mb": result.adapter_mb, "world_size": trainer.args.world_size,
            "resumed_from": Path(checkpoint).name if checkpoint else None,
        }
        _write_json(run_dir / RUN_FILE, run)
        write_model_card(run_dir)
        if config.merge:
            merge_run(run_dir)
    return result


def merge_run(run_dir: str | Path) -> Path:
    """Write the run's adapter folded into its base as a full fp32 model in run_dir/merged,
    loadable by path (the run's fc_run.json, one folder up, gives its format). The base is
    loaded afresh in fp32, so the merged weights are exact whatever dtype training used."""
    run_dir = Path(run_dir)
    out = run_dir / MERGED_DIR
    loaded = load_model(str(run_dir), device="cpu", dtype="float32")  # load_model merges adapters
    merged = loaded.model
    merged.config.name_or_path = str(out)
    merged.save_pretrained(str(out))
    loaded.tokenizer.save_pretrained(str(out))
    return out


# ---------------------------------------------------------------------------
# CLI


def parse_config(argv: list[str] | None = None) -> TrainConfig:
    """TrainConfig from the command line; `--config FILE` (JSON/YAML) gives defaults that flags override."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config")
    known, _ = pre.parse_known_args(argv)
    parser = HfArgumentParser(TrainConfig, prog="python -m fc.train",
                              description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("--config", help="JSON or YAML file of these fields; flags given here override it")
    if known.config:
        parser.set_defaults(**read_config_file(known.config))
    config, _ = parser.parse_args_into_dataclasses(args=argv)
    return config


def main(argv: list[str] | None = None) -> int:
    try:
        config = parse_config(argv)
    except TrainError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def on_interrupt(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("\nfc.train: stopping after this step and saving the adapter (Ctrl-C again to stop now)",
              file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        result = train(config, stop_event=stop)
    except (TrainError, DataError, ModelError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGINT, previous)
    print(f"fc.train: {result.status} at step {result.global_step}; last loss "
          f"{result.last_loss if result.last_loss is not None else '-'}; adapter in {result.run_dir}"
          + (f" ({result.adapter_mb:.1f} MB)" if result.adapter_mb else ""))
    return 0 if result.status == "completed" else 130 if result.status == "interrupted" else 0


if __name__ == "__main__":
    sys.exit(main())
