"""fc.inference: batched greedy generation and streaming.

The random tiny model checks batching (order, padding, progress); a copy whose output
head follows a script checks the stop tokens exactly, since a random model rarely
emits one by itself.

    python -m pytest tests/test_inference.py -m "not slow"
"""

import pytest
import torch

from fc.formats import FORMATS
from fc.inference import Generation, generate, stream
from fc.model import TINY_MODEL, load_model

PROMPTS = [
    "The capital of France is",
    "Hi",
    "A much longer prompt that needs several more tokens than the others do, so it gets padded least",
    "Once upon a time",
    "<tool_call>",
]


def test_batched_generation_matches_one_by_one_in_input_order(tiny):
    one_by_one = [generate(tiny, [p], max_new_tokens=6)[0] for p in PROMPTS]
    batched = generate(tiny, PROMPTS, max_new_tokens=6, batch_size=3)
    assert [g.text for g in batched] == [g.text for g in one_by_one]
    assert all(isinstance(g, Generation) and g.n_new_tokens == 6 and g.seconds > 0 for g in batched)


def test_progress_reports_each_batch(tiny):
    calls = []
    generate(tiny, PROMPTS, max_new_tokens=2, batch_size=2, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(2, 5), (4, 5), (5, 5)]


def test_prompt_with_its_own_bos_gets_no_second_one(tiny):
    assert generate(tiny, ["<bos>Hello"], max_new_tokens=4)[0].text == generate(tiny, ["Hello"], max_new_tokens=4)[0].text


def test_empty_prompt_list_and_bad_batch_size(tiny):
    assert generate(tiny, [], max_new_tokens=4) == []
    with pytest.raises(ValueError, match="batch_size"):
        generate(tiny, ["x"], batch_size=0)


def test_stream_yields_growing_text_ending_in_the_generated_text(tiny):
    pieces = list(stream(tiny, "The capital of France is", max_new_tokens=8))
    assert pieces and all(a == b[:len(a)] for a, b in zip(pieces, pieces[1:]))
    assert pieces[-1] == generate(tiny, ["The capital of France is"], max_new_tokens=8)[0].text


@pytest.fixture
def scripted():
    """A fresh tiny-random whose output head writes, for batch row i, scripts[i] token by
    token (the last id repeated); a real model and a real generate() around it."""
    loaded = load_model(TINY_MODEL, device="cpu")
    state = {"scripts": [], "step": 0}

    def follow_script(module, inputs, logits):
        forced = torch.full_like(logits, -1e4)
        for row, script in enumerate(state["scripts"][: logits.shape[0]]):
            forced[row, :, script[min(state["step"], len(script) - 1)]] = 1e4
        state["step"] += 1
        return forced

    loaded.model.get_output_embeddings().register_forward_hook(follow_script)

    def run(scripts, prompts, **kw):
        state.update(scripts=scripts, step=0)
        return generate(loaded, prompts, **kw)

    loaded.run = run
    loaded.state = state
    return loaded


def test_generation_stops_at_end_of_turn_and_eos_and_drops_the_stop(scripted):
    tok = scripted.tokenizer
    call = tok.encode('Sure.<tool_call>{"name": "f", "arguments": {}}</tool_call>', add_special_tokens=False)
    junk = tok.encode(" after the stop", add_special_tokens=False)
    # same-length prompts keep input order within the batch, so row i follows script i
    scripts = [call + [106] + junk, [1] + junk, junk * 10]
    out = scripted.run(scripts, ["Hello a", "Hello b", "Hello c"], max_new_tokens=20, batch_size=3)
    assert out[0].text == 'Sure.<tool_call>{"name": "f", "arguments": {}}</tool_call>'
    assert out[0].n_new_tokens == len(call) + 1
    assert (out[1].text, out[1].n_new_tokens) == ("", 1)
    assert out[2].n_new_tokens == 20 and "after the stop" in out[2].text  # ran to max_new_tokens
    assert FORMATS["hermes"].parse(out[0].text).tool_calls == ({"name": "f", "arguments": {}},)


def test_stream_stops_at_the_stop_token(scripted):
    tok = scripted.tokenizer
    answer = tok.encode("<think>hmm</think>Paris", add_special_tokens=False)
    scripted.state.update(scripts=[answer + [106] + answer], step=0)
    pieces = list(stream(scripted, "Capital of France?", max_new_tokens=30))
    assert pieces[-1] == "<think>hmm</think>Paris"
    assert all("<end_of_turn>" not in p for p in pieces)


def test_closing_a_stream_stops_the_generation(scripted):
    scripted.state.update(scripts=[scripted.tokenizer.encode(" word", add_special_tokens=False)], step=0)
    pieces = stream(scripted, "Go on forever", max_new_tokens=2000)
    first = next(text for text in pieces if text.strip())  # the streamer hands out whole words
    assert first.split()[0] == "word"
    pieces.close()  # what a UI does when the user presses stop
    assert scripted.state["step"] < 50


def test_generation_on_an_adapter(tmp_path):
    from peft import LoraConfig, get_peft_model

    loaded = load_model(TINY_MODEL, device="cpu")
    loaded.model = get_peft_model(loaded.model, LoraConfig(r=2, target_modules=["q_proj"])).eval()
    assert generate(loaded, ["Hello", "Hi there"], max_new_tokens=3)[1].n_new_tokens == 3


@pytest.mark.slow
def test_embedded_batched_greedy_is_coherent(embedded):
    prompts = ["Question: What is the capital of France?\nAnswer:", "def fibonacci(n):", "Once upon a time,"]
    out = generate(embedded, prompts, max_new_tokens=8, batch_size=2)
    assert out[0].text.strip().startswith("Paris")
    assert "if n" in out[1].text
    assert [g.text for g in out] == [generate(embedded, [p], max_new_tokens=8)[0].text for p in prompts]
