"""Batched greedy generation (left padding, KV cache, stop tokens) and streaming.

Prompts are rendered text without <bos> (the tokenizer adds it), usually from
``fc.formats`` ``render_prompt``. Generation stops at the tokenizer's stop ids
(<eos> and <end_of_turn> on Gemma); the returned text excludes the stop token.

    python -m fc.inference tiny-random "The capital of France is" --max-new-tokens 8
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator

import torch

from fc.model import LoadedModel, load_model, stop_token_ids


@dataclass
class Generation:
    text: str  # what the model wrote after the prompt, stop token excluded
    n_new_tokens: int  # tokens generated, the stop token included (it was computed too)
    seconds: float  # this prompt's share of its batch's wall time


def encode_prompt(tokenizer, prompt: str) -> list[int]:
    # A prompt that already starts with <bos> must not get a second one.
    has_bos = tokenizer.bos_token is not None and prompt.startswith(tokenizer.bos_token)
    return tokenizer.encode(prompt, add_special_tokens=not has_bos)


def _generation_config(loaded: LoadedModel, max_new_tokens: int):
    from transformers import GenerationConfig

    tokenizer = loaded.tokenizer
    # A fresh config, not the model's: Gemma's carries sampling settings (top_k, top_p)
    # that greedy decoding would only warn about.
    return GenerationConfig(
        max_new_tokens=max_new_tokens,
        do_sample=False,
        eos_token_id=stop_token_ids(tokenizer),
        pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id,
        bos_token_id=tokenizer.bos_token_id,
    )


def _left_pad(rows: list[list[int]], pad_id: int, device) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, width - len(row):] = torch.tensor(row, dtype=torch.long)
        mask[i, width - len(row):] = 1
    return ids.to(device), mask.to(device)


def _cut_at_stop(tokens: list[int], stops: set[int]) -> tuple[list[int], int]:
    """(tokens before the first stop id, number of tokens generated including that stop)."""
    for i, token in enumerate(tokens):
        if token in stops:
            return tokens[:i], i + 1
    return tokens, len(tokens)


def generate(
    loaded: LoadedModel,
    prompts: list[str],
    *,
    max_new_tokens: int = 256,
    batch_size: int = 8,
    progress: Callable[[int, int], None] | None = None,
) -> list[Generation]:
    """Greedy continuations of `prompts`, returned in input order.

    Prompts are sorted by length (longest first, so a memory problem shows at once and
    the progress estimate is pessimistic) and batched, so that little padding is computed.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    tokenizer = loaded.tokenizer
    config = _generation_config(loaded, max_new_tokens)
    stops = set(config.eos_token_id)
    encoded = [encode_prompt(tokenizer, p) for p in prompts]
    order = sorted(range(len(prompts)), key=lambda i: -len(encoded[i]))
    results: list[Generation | None] = [None] * len(prompts)
    done = 0
    for start in range(0, len(order), batch_size):
        batch = order[start:start + batch_size]
        ids, mask = _left_pad([encoded[i] for i in batch], config.pad_token_id, loaded.device)
        started = time.perf_counter()
        with torch.inference_mode():
            output = loaded.model.generate(input_ids=ids, attention_mask=mask, generation_config=config)
        share = (time.perf_counter() - started) / len(batch)
        for row, index in enumerate(batch):
            kept, n_new = _cut_at_stop(output[row, ids.shape[1]:].tolist(), stops)
            text = tokenizer.decode(kept, skip_special_tokens=False)
            results[index] = Generation(text=text, n_new_tokens=n_new, seconds=share)
        done += len(batch)
        if progress is not None:
            progress(done, len(prompts))
    return results  # type: ignore[return-value]


def stream(loaded: LoadedModel, prompt: str, *, max_new_tokens: int = 256) -> Iterator[str]:
    """Yield the growing greedy continuation of `prompt` (stop token excluded) as it is written.

    Closing the generator early (a UI's stop button) stops the generation thread at its next token.
    """
    from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

    class Cancelled(StoppingCriteria):
        def __call__(self, input_ids, scores, **kwargs):
            return torch.full((input_ids.shape[0],), cancel.is_set(), dtype=torch.bool, device=input_ids.device)

    tokenizer = loaded.tokenizer
    config = _generation_config(loaded, max_new_tokens)
    stop_texts = [tokenizer.decode([i]) for i in config.eos_token_id]
    ids, mask = _left_pad([encode_prompt(tokenizer, prompt)], config.pad_token_id, loaded.device)
    streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=False)
    cancel = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            with torch.inference_mode():  # thread-local: must be entered in this thread
                loaded.model.generate(input_ids=ids, attention_mask=mask, generation_config=config,
                                      streamer=streamer, stopping_criteria=StoppingCriteriaList([Cancelled()]))
        except BaseException as error:  # re-raised in the caller's thread below
            failure.append(error)
            streamer.end()  # unblock the consumer

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        text, shown = "", ""
        for piece in streamer:
            text += piece
            cut = min((text.find(s) for s in stop_texts if s in text), default=-1)
            if cut >= 0:
                text = text[:cut]
            if text != shown:
                yield text
                shown = text
            if cut >= 0:
                break
    finally:
        cancel.set()
        thread.join()
    if failure:
        raise failure[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fc.inference", description="Greedy continuation of a prompt.")
    parser.add_argument("model")
    parser.add_argument("prompt")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    args = parser.parse_args(argv)
    loaded = load_model(args.model)
    shown = 0
    for text in stream(loaded, args.prompt, max_new_tokens=args.max_new_tokens):
        sys.stdout.write(text[shown:])  # each yield extends the previous one
        sys.stdout.flush()
        shown = len(text)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
