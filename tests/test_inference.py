"""fc.inference: batched greedy generation and streaming.

The random tiny model checks batching (order, padding, progress); a copy whose output
head follows a script checks the stop tokens exactly, since a random model rarely
emits one by itself.

    python -m pytest tests/test_inference.py -m "not slow"
"""

import pytest
import torch

from fc.formats import FORMATS
from fc.inference import Generation, SchemaGuidedLogits, generate, stream
from fc.model import TINY_MODEL, load_model
from fc.schema_guide import ToolSchemaGuide

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


SEASON_TOOLS = [{"type": "function", "function": {"name": "get_stats", "parameters": {
    "type": "object", "properties": {"season": {"type": "string"}, "games": {"type": "integer"}},
    "required": ["season"]}}}]


def guided_step(tokenizer, generated: str, preferred: list[str], tools: list[dict] = SEASON_TOOLS):
    """One SchemaGuidedLogits step after `generated`: the tokens of `preferred` get scores
    3, 2, 1, ... (the first is greedy's choice), every other token -100. Returns the text of
    the token that keeps all the probability, or None if the scores were left alone."""
    ids = tokenizer.encode(generated, add_special_tokens=False)
    prompt = tokenizer.encode("Q", add_special_tokens=False)
    scores = torch.full((1, len(tokenizer)), -100.0)
    for rank, text in enumerate(preferred):
        [token] = tokenizer.encode(text, add_special_tokens=False)
        scores[0, token] = float(len(preferred) - rank)
    before = scores.clone()
    processor = SchemaGuidedLogits(tokenizer, [ToolSchemaGuide("hermes", tools)], len(prompt), {1, 106})
    after = processor(torch.tensor([prompt + ids]), scores)
    if torch.equal(after, before):
        return None
    assert torch.isinf(after[0]).sum() == len(tokenizer) - 1  # exactly one token left
    return tokenizer.decode([int(after[0].argmax())])


def test_guide_replaces_only_the_tokens_that_break_the_call(tiny):
    tok = tiny.tokenizer
    start = '<tool_call>\n{"name":"get_stats","arguments":{"season":'
    # greedy's unquoted number for a string parameter gives way to the best quote
    assert guided_step(tok, start, ["2", "x", '"']) == '"'
    # a fitting choice, or any text outside a call, is left as it is
    assert guided_step(tok, start + '"', ["2", '"']) is None
    assert guided_step(tok, "Sure, 2019", ["-", '"']) is None
    assert guided_step(tok, start + '"2019-2020"}}\n</tool_call>\nok', ["<end_of_turn>"]) is None
    # no stopping inside a call; the close tag only once the call is whole; keys of the tool only
    assert guided_step(tok, start + '"2019"', ["<end_of_turn>", "</tool_call>", "}"]) == "}"
    assert guided_step(tok, start + '"2019"}', ["</tool_call>", "}"]) == "}"
    assert guided_step(tok, start + '"2019"}}\n', ["<tool_call>", "</tool_call>"]) == "</tool_call>"
    # inside a string the close tag would be text, and the call would never close
    assert guided_step(tok, start + '"2019', ["</tool_call>", '"']) == '"'
    assert guided_step(tok, start + '"2019"}}', ["</tool_call>", "\n"]) is None  # right after the call: fits
    assert guided_step(tok, '<tool_call>\n{"name":"get_stats","arguments":{"', ["name", "games"]) == "games"
    assert guided_step(tok, start + '"2019","games":', ["1", "."]) is None
    assert guided_step(tok, start + '"2019","games":1', [".", "}"]) == "}"


CARD_TOOLS = [{"type": "function", "function": {"name": "deal", "parameters": {
    "type": "object", "properties": {"cards": {"type": "array", "items": {"type": "string"}},
                                     "counts": {"type": "array", "items": {"type": "integer"}},
                                     "note": {"type": "string"}}}}}]


def test_guide_merges_the_quote_a_string_needs_into_the_token_before_it(tiny):
    tok = tiny.tokenizer
    start = '<tool_call>\n{"name":"deal","arguments":{'
    # `":[` alone means a bare value next; strings must follow, so `":["`, as the tokenizer writes it
    assert guided_step(tok, start + '"cards', ['":[', '":["'], CARD_TOOLS) == '":["'
    assert guided_step(tok, start + '"note', ['":', '":"'], CARD_TOOLS) == '":"'
    assert guided_step(tok, start + '"cards":["A"', [','], CARD_TOOLS) == ',"'
    # integers may follow, or the text is inside a string: left alone
    assert guided_step(tok, start + '"counts', ['":['], CARD_TOOLS) is None
    assert guided_step(tok, start + '"note":"Paris', [','], CARD_TOOLS) is None
    assert guided_step(tok, start + '"cards":["A","10"]', [','], CARD_TOOLS) == ',"'


def break_ties(loaded):
    """Seeded noise under the script's scores, so that the tokens a guide falls back on are
    ranked as a real model's would be, not all tied."""
    noise = torch.rand(len(loaded.tokenizer), generator=torch.Generator().manual_seed(0))
    loaded.model.get_output_embeddings().register_forward_hook(lambda module, inputs, logits: logits + noise)


def test_guided_generation_writes_only_calls_that_fit(scripted):
    tok = scripted.tokenizer
    break_ties(scripted)
    valid = '<tool_call>\n{"name":"get_stats","arguments":{"season":"2019-2020","games":3}}\n</tool_call>'
    unquoted = valid.replace('"2019-2020"', "2019-2020").replace(":3}", ":3.5}")
    scripts = [tok.encode(text, add_special_tokens=False) + [106] for text in (valid, unquoted, "No call, 2019.")]
    prompts = ["Stats a", "Stats b", "Stats c"]  # same length: row i follows script i
    guides = [ToolSchemaGuide("hermes", SEASON_TOOLS)] * 3
    free = scripted.run(scripts, prompts, max_new_tokens=40, batch_size=3)
    guided = scripted.run(scripts, prompts, max_new_tokens=40, batch_size=3, guides=guides)
    assert guided[0].text == free[0].text == valid  # a fitting call is written as greedy writes it
    assert guided[2].text == free[2].text == "No call, 2019."  # prose is never touched
    assert free[1].text == unquoted and FORMATS["hermes"].parse(free[1].text).errors
    region = guided[1].text.split("<tool_call>", 1)[1]
    assert guides[1].check(region) != "invalid"  # every token it wrote kept the call fitting
    assert region.startswith('\n{"name":"get_stats","arguments":{"season":"')
    with pytest.raises(ValueError, match="guides"):
        generate(scripted, prompts, guides=guides[:1])


def test_guided_stream_matches_guided_generate(scripted):
    tok = scripted.tokenizer
    unquoted = '<tool_call>\n{"name":"get_stats","arguments":{"season":2019}}\n</tool_call>'
    script = tok.encode(unquoted, add_special_tokens=False) + [106]
    guide = ToolSchemaGuide("hermes", SEASON_TOOLS)
    break_ties(scripted)
    [generated] = scripted.run([script], ["Stats"], max_new_tokens=30, guides=[guide])
    scripted.state.update(scripts=[script], step=0)
    assert list(stream(scripted, "Stats", max_new_tokens=30, guide=guide))[-1] == generated.text != unquoted


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
