"""Batched greedy generation (left padding, KV cache, stop tokens) and streaming.

Prompts are rendered text without <bos> (the tokenizer adds it), usually from
``fc.formats`` ``render_prompt``. Generation stops at the tokenizer's stop ids
(<eos> and <end_of_turn> on Gemma); the returned text excludes the stop token.
With guides (fc.schema_guide), decoding inside a tool call keeps to the offered
tools' schemas: greedy's token where it fits, else the most likely one that does.

    python -m fc.inference tiny-random "The capital of France is" --max-new-tokens 8
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator

import torch
from transformers import LogitsProcessor

from fc.model import LoadedModel, load_model, special_token_ids, stop_token_ids
from fc.schema_guide import ToolSchemaGuide


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


class SchemaGuidedLogits(LogitsProcessor):
    """A transformers logits processor: inside a call region, the best-scoring token that keeps
    the call well-formed (fc.schema_guide) takes all the probability; elsewhere scores pass as
    they are. Greedy's own choice is tried first (merged with the quote a string value needs
    next, see with_quote), then the top 64, then the whole vocabulary in score order (skipping
    every token whose first character already failed)."""

    def __init__(self, tokenizer, guides: list[ToolSchemaGuide | None], prompt_width: int, stops: set[int]):
        self.tokenizer = tokenizer
        self.guides = guides
        self.read_to = prompt_width  # generated tokens before this column are in self.texts
        self.texts = [""] * len(guides)
        self.finished = [False] * len(guides)
        self.stops = stops
        # Tags and special tokens are whole: inside a call only the format's closing tag may be
        # one. (Gemma's "\n" is an added token too, but an ordinary one.)
        self.whole_tokens = ({i for i, t in tokenizer.added_tokens_decoder.items() if t.special}
                             | set(special_token_ids(tokenizer).values()) | set(tokenizer.all_special_ids))
        self.pieces: dict[int, str] = {}
        self.quoted: dict[str, int | None] = {}  # a token's text -> the single token of text + '"'

    def piece(self, token: int) -> str:
        if token not in self.pieces:
            self.pieces[token] = self.tokenizer.decode([token], skip_special_tokens=False) \
                if token < len(self.tokenizer) else ""  # the embedding may have more rows than the tokenizer
        return self.pieces[token]

    def fits(self, guide: ToolSchemaGuide, region: str, token: int) -> bool:
        piece = self.piece(token)
        if token in self.stops or not piece:  # no stopping inside a call, no token that adds nothing
            return False
        if token in self.whole_tokens:
            # A tag only where it closes the call: inside a string its text would fit, as text
            # (`"value":"engineer</tool_call>` left a call unclosed, BFCL simple_python_96).
            return piece == guide.close_tag and guide.check(region + piece) == "closed"
        return guide.check(region + piece) != "invalid"

    def with_quote(self, guide: ToolSchemaGuide, region: str, token: int) -> int | None:
        """The token for this token's text and an opening quote (`[` -> `["`), where the call can
        go on after the token only with a string (or by closing). The tokenizer writes `["`,
        `":"` and `,"` as one token, so a model that picks `[` alone means a bare value next
        (`[A,10]` for cards of type string), and the quote it would need alone is a token it
        almost never saw there: merging it here lets the model write the value it meant inside
        the quotes (BFCL simple_python_334, 375)."""
        piece = self.piece(token)
        if not piece or piece[-1] not in "[{:,":
            return None
        after = region + piece
        if guide.check(after + '"') == "invalid" or any(guide.check(after + c) != "invalid" for c in _BARE_STARTS):
            return None
        if piece not in self.quoted:
            ids = self.tokenizer.encode(piece + '"', add_special_tokens=False)
            self.quoted[piece] = ids[0] if len(ids) == 1 else None
        merged = self.quoted[piece]
        return merged if merged is not None and self.fits(guide, region, merged) else None

    def best_fitting(self, guide: ToolSchemaGuide, region: str, scores: torch.Tensor) -> int | None:
        top = scores.topk(min(64, scores.shape[0])).indices.tolist()
        chosen = next((t for t in top if self.fits(guide, region, t)), None)
        if chosen is not None:
            return chosen
        texts = _token_texts(self.tokenizer)
        failed_first: set[str] = set()
        for token in scores.argsort(descending=True).tolist():
            piece = texts[token] if token < len(texts) else ""
            if not piece or piece[0] in failed_first:
                continue
            if self.fits(guide, region, token):
                return token
            if guide.check(region + piece[0]) == "invalid":
                failed_first.add(piece[0])
        return None

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        new = input_ids[:, self.read_to:].tolist()
        self.read_to = input_ids.shape[1]
        for row, guide in enumerate(self.guides):
            for token in new[row]:
                self.finished[row] = self.finished[row] or token in self.stops
                self.texts[row] += self.piece(token)
            if guide is None or self.finished[row]:
                continue
            region = guide.region(self.texts[row])
            if region is None:
                continue
            row_scores = scores[row]
            greedy = int(row_scores.argmax())
            if self.fits(guide, region, greedy):
                chosen = self.with_quote(guide, region, greedy)
                if chosen is None:
                    continue
            else:
                chosen = self.best_fitting(guide, region, row_scores)
            if chosen is not None:
                kept = row_scores[chosen].clone()
                row_scores.fill_(float("-inf"))
                row_scores[chosen] = kept
        return scores


_BARE_STARTS = "0123456789-tfn[{"  # the first characters of JSON values that are not strings


@functools.lru_cache(maxsize=4)
def _token_texts(tokenizer) -> list[str]:
    """Every token id's text (about 2 s for Gemma's 262k), for a guide's search of the whole vocabulary."""
    return tokenizer.batch_decode([[i] for i in range(len(tokenizer))], skip_special_tokens=False)


def _guided(loaded: LoadedModel, guides: list[ToolSchemaGuide | None] | None, prompt_width: int, config):
    """generate()'s logits_processor argument for these rows (None when nothing is guided)."""
    if not guides or all(g is None for g in guides):
        return None
    from transformers import LogitsProcessorList

    return LogitsProcessorList([SchemaGuidedLogits(loaded.tokenizer, guides, prompt_width, set(config.eos_token_id))])


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
    guides: list[ToolSchemaGuide | None] | None = None,
) -> list[Generation]:
    """Greedy continuations of `prompts`, returned in input order; with `guides` (one per
    prompt, None for unguided), schema-guided inside tool calls.

    Prompts are sorted by length (longest first, so a memory problem shows at once and
    the progress estimate is pessimistic) and batched, so that little padding is computed.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if guides is not None and len(guides) != len(prompts):
        raise ValueError(f"{len(guides)} guides for {len(prompts)} prompts")
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
        processors = _guided(loaded, [guides[i] for i in batch] if guides else None, ids.shape[1], config)
        with torch.inference_mode():
            output = loaded.model.generate(input_ids=ids, attention_mask=mask, generation_config=config,
                                           logits_processor=processors)
        share = (time.perf_counter() - started) / len(batch)
        for row, index in enumerate(batch):
            kept, n_new = _cut_at_stop(output[row, ids.shape[1]:].tolist(), stops)
            text = tokenizer.decode(kept, skip_special_tokens=False)
            results[index] = Generation(text=text, n_new_tokens=n_new, seconds=share)
        done += len(batch)
        if progress is not None:
            progress(done, len(prompts))
    return results  # type: ignore[return-value]


def stream(loaded: LoadedModel, prompt: str, *, max_new_tokens: int = 256,
           guide: ToolSchemaGuide | None = None) -> Iterator[str]:
    """Yield the growing greedy continuation of `prompt` (stop token excluded) as it is written;
    schema-guided inside tool calls when a guide is given.

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
    processors = _guided(loaded, [guide], ids.shape[1], config)
    streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=False)
    cancel = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            with torch.inference_mode():  # thread-local: must be entered in this thread
                loaded.model.generate(input_ids=ids, attention_mask=mask, generation_config=config,
                                      streamer=streamer, stopping_criteria=StoppingCriteriaList([Cancelled()]),
                                      logits_processor=processors)
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
