"""fc.train: the assistant-only label mask, the LM head at loss positions (same loss and
gradients as full logits), and short runs on tiny-random (adapter, run files, resume, stop).

    .venv/bin/python -m pytest tests/test_train.py -m "not slow"
"""

import json
import threading

import pytest
import torch

from fc.data import load as load_conversations
from fc.formats import get_format
from fc.model import EMBEDDED_MODEL, TINY_MODEL, load_model
from fc import train as fct

WEATHER = {"type": "function", "function": {
    "name": "get_weather", "description": "Current weather in a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"},
                                                     "unit": {"type": "string", "enum": ["C", "F"]}},
                   "required": ["city"]}}}
CONVERSATION = {
    "id": "weather-1",
    "tools": [WEATHER],
    "messages": [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "How warm is it in Lyon right now?"},
        {"role": "assistant", "thinking": "The user wants the weather in Lyon.", "content": "",
         "tool_calls": [{"name": "get_weather", "arguments": {"city": "Lyon", "unit": "C"}}]},
        {"role": "tool", "name": "get_weather", "content": "{\"temperature\": 21, \"sky\": \"clear\"}"},
        {"role": "assistant", "content": "It is 21 °C and clear in Lyon."},
        {"role": "user", "content": "Thanks!"},
        {"role": "assistant", "content": "You're welcome."},
    ],
    "meta": {"source": "test"},
}
USER_TEXT = ("You are a helpful assistant.", "How warm is it in Lyon right now?", "Thanks!", "temperature")


def conversations(n: int) -> list[dict]:
    cities = ["Lyon", "Oslo", "Lima", "Pune", "Kobe", "Graz", "Bonn", "Cork"]
    out = []
    for i in range(n):
        city = cities[i % len(cities)]
        out.append({"id": f"w{i}", "tools": [WEATHER], "meta": {}, "messages": [
            {"role": "user", "content": f"Weather in {city}?"},
            {"role": "assistant", "content": "", "tool_calls": [{"name": "get_weather", "arguments": {"city": city}}]},
            {"role": "tool", "name": "get_weather", "content": json.dumps({"temperature": 10 + i})},
            {"role": "assistant", "content": f"It is {10 + i} degrees in {city}."}]})
    return out


@pytest.fixture()
def data_file(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in conversations(8)))
    return path


def labelled_runs(ids, mask, tokenizer) -> list[str]:
    runs, current = [], []
    for token, bit in zip(ids, mask):
        if bit:
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [tokenizer.decode(run) for run in runs]


# ---------------------------------------------------------------------------- data


@pytest.mark.parametrize("format_name", ["hermes", "mistral"])
def test_labelled_tokens_are_exactly_the_assistant_bodies(tiny, format_name):
    fmt = get_format(format_name)
    encoded = fct.encode_conversation(CONVERSATION, fmt, tiny.tokenizer)
    got = labelled_runs(encoded["input_ids"], encoded["assistant_masks"], tiny.tokenizer)
    assistant = [m for m in CONVERSATION["messages"] if m["role"] == "assistant"]
    want = [fmt.assistant_body(m) + "<end_of_turn>" for m in assistant]
    assert got == want
    # thinking, the call and the answers are in; system, user and tool text never are
    labelled = "".join(got)
    assert "The user wants the weather in Lyon." in labelled and '"city":"Lyon"' in labelled.replace(" ", "")
    assert not any(text in labelled for text in USER_TEXT)
    assert encoded["input_ids"][0] == tiny.tokenizer.bos_token_id and encoded["assistant_masks"][0] == 0


def test_dropping_thinking_removes_it_from_the_labels(tiny):
    fmt = get_format("hermes")
    encoded = fct.encode_conversation(CONVERSATION, fmt, tiny.tokenizer, keep_thinking=False)
    labelled = "".join(labelled_runs(encoded["input_ids"], encoded["assistant_masks"], tiny.tokenizer))
    assert "The user wants" not in labelled and "get_weather" in labelled


def test_thinking_before_results_can_be_dropped_while_the_thinking_after_a_result_stays(tiny):
    """think_before_results=False (the shipped recipe from attempt 10): the first call is written at
    once, and the turn that reads the tool's result still thinks before answering."""
    after = "get_weather returned 21 and clear. That is what the user asked for."
    conversation = json.loads(json.dumps(CONVERSATION))
    conversation["messages"][4]["thinking"] = after
    fmt = get_format("hermes")
    encoded = fct.encode_conversation(conversation, fmt, tiny.tokenizer, think_before_results=False)
    got = labelled_runs(encoded["input_ids"], encoded["assistant_masks"], tiny.tokenizer)
    assert got[0].startswith("<tool_call>") and "The user wants" not in "".join(got)
    assert got[1] == f"<think>{after}</think>\nIt is 21 °C and clear in Lyon.<end_of_turn>"
    assert conversation["messages"][2]["thinking"] == "The user wants the weather in Lyon."  # input untouched
    # a decline (no tool result in the conversation) is written at once too
    decline = {"id": "d", "tools": [WEATHER], "messages": [
        {"role": "user", "content": "Book me a table."},
        {"role": "assistant", "thinking": "get_weather does not book tables: no call.", "content": "I can't book."}]}
    encoded = fct.encode_conversation(decline, fmt, tiny.tokenizer, think_before_results=False)
    assert labelled_runs(encoded["input_ids"], encoded["assistant_masks"], tiny.tokenizer) == [
        "I can't book.<end_of_turn>"]


def test_build_dataset_truncates_drops_and_names_bad_records(tiny):
    fmt = get_format("hermes")
    prompt_only = fct.encode_conversation(CONVERSATION, fmt, tiny.tokenizer)["assistant_masks"].index(1)
    data, stats = fct.build_dataset([CONVERSATION, *conversations(2)], fmt, tiny.tokenizer, keep_thinking=True,
                                    max_length=prompt_only, source="mem")
    assert stats["dropped_ids"] == ["weather-1"] and stats["used"] == 2 == len(data)
    assert all(len(row) <= prompt_only for row in data["input_ids"])
    broken = {**conversations(1)[0], "id": "bad-7", "messages": [{"role": "narrator", "content": "x"}]}
    with pytest.raises(fct.TrainError, match=r"mem, record 2 \(id bad-7\)"):
        fct.build_dataset([CONVERSATION, broken], fmt, tiny.tokenizer, keep_thinking=True, max_length=100,
                          source="mem")
    with pytest.raises(fct.TrainError, match="nothing to train on"):
        fct.build_dataset([CONVERSATION], fmt, tiny.tokenizer, keep_thinking=True, max_length=3, source="mem")


def test_data_hash_is_the_canonical_jsonl():
    a = conversations(3)
    reordered = [json.loads(json.dumps(c, sort_keys=True)) for c in a]
    assert fct.data_hash(a) == fct.data_hash(reordered)
    assert fct.data_hash(a) != fct.data_hash(a[:2])


# ---------------------------------------------------------------------------- loss


def test_head_at_loss_positions_equals_full_logits(tiny_model_dir):
    """Loss and every gradient (LoRA, tag rows) equal the plain transformers path, softcapping on."""
    from peft import LoraConfig, get_peft_model

    loaded = load_model(TINY_MODEL, device="cpu", dtype="float32")  # our own copy: PEFT edits it
    model = loaded.model
    model.config.final_logit_softcapping = 30.0  # Gemma 2's; exercises that branch too
    fmt = get_format("hermes")
    _, tag_ids = fct._tag_ids(fmt, loaded.tokenizer)
    fct.add_selected_lm_head(model)
    torch.manual_seed(0)
    model = get_peft_model(model, LoraConfig(r=4, lora_alpha=16, target_modules=list(fct.TARGET_MODULES),
                                             trainable_token_indices=tag_ids, task_type="CAUSAL_LM",
                                             init_lora_weights=False))  # non-zero B: every LoRA factor gets grads
    rows = model.get_base_model().get_input_embeddings().token_adapter.trainable_tokens_delta["default"]
    with torch.no_grad():
        rows.add_(torch.randn_like(rows) * 0.05)  # trained rows differ from the frozen ones
    model.train()
    torch.manual_seed(1)  # dropout masks differ between the two passes otherwise
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0

    encoded = [fct.encode_conversation(c, fmt, loaded.tokenizer) for c in (CONVERSATION, conversations(1)[0])]
    length = max(len(e["input_ids"]) for e in encoded)
    ids = torch.zeros(2, length, dtype=torch.long)
    labels = torch.full((2, length), -100)
    attention = torch.zeros(2, length, dtype=torch.long)
    for i, e in enumerate(encoded):
        n = len(e["input_ids"])
        ids[i, :n] = torch.tensor(e["input_ids"])
        attention[i, :n] = 1
        labels[i, :n] = torch.where(torch.tensor(e["assistant_masks"]) == 1, ids[i, :n], -100)
    assert set(tag_ids) & set(labels[labels != -100].tolist())  # tag tokens are predicted, not just read
    n_items = int((labels[:, 1:] != -100).sum()) + 7  # as if other micro-batches shared the accumulation

    def loss_and_grads(selected: bool):
        model.zero_grad()
        if selected:
            out = model(input_ids=ids, attention_mask=attention, labels=labels, selected_lm_head=True)
            loss = out.loss_sum / n_items
        else:
            loss = model(input_ids=ids, attention_mask=attention, labels=labels, num_items_in_batch=n_items).loss
        loss.backward()
        return loss.detach(), {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}

    plain_loss, plain = loss_and_grads(False)
    fast_loss, fast = loss_and_grads(True)
    torch.testing.assert_close(fast_loss, plain_loss, atol=1e-5, rtol=1e-5)
    assert plain.keys() == fast.keys() and any("trainable_tokens_delta" in n for n in plain)
    for name in plain:
        torch.testing.assert_close(fast[name], plain[name], atol=1e-5, rtol=1e-4, msg=name)
    assert plain[next(n for n in plain if "trainable_tokens_delta" in n)].abs().sum() > 0


def test_neftune_noise_reaches_the_fast_embedding_path(tiny_model_dir):
    """--neftune-noise-alpha reaches SFTConfig, and the noise transformers' hook adds reaches the
    selected-head forward, whose embedding lookup bypasses the hooked module: bounded by
    alpha/sqrt(length*width), only while training."""
    from peft import LoraConfig, get_peft_model
    from transformers.integrations.neftune import activate_neftune

    assert fct._sft_config(fct.parse_config(["--neftune-noise-alpha", "100"]), torch.float32,
                           False).neftune_noise_alpha == 100
    assert fct._sft_config(fct.TrainConfig(), torch.float32, False).neftune_noise_alpha is None
    loaded = load_model(TINY_MODEL, device="cpu", dtype="float32")
    _, tag_ids = fct._tag_ids(get_format("hermes"), loaded.tokenizer)
    model = get_peft_model(loaded.model, LoraConfig(r=4, target_modules=["q_proj"], task_type="CAUSAL_LM",
                                                    trainable_token_indices=tag_ids))
    embedding = model.get_input_embeddings()
    ids = torch.tensor([[2, 10, tag_ids[0], 20]])
    model.eval()
    clean = fct._embed(embedding, ids)
    alpha = 100.0
    activate_neftune(model, alpha)
    assert torch.equal(fct._embed(embedding, ids), clean)  # no noise outside training
    model.train()
    noisy = fct._embed(embedding, ids)
    bound = alpha / (ids.shape[1] * clean.shape[-1]) ** 0.5
    difference = (noisy - clean).abs()
    assert 0 < difference.max() <= bound * (1 + 1e-6)
    assert (difference.mean(-1) > bound / 10).all()  # every position, the tag row's too


def lora_trainer(loaded, data, tmp_path):
    """(PEFT model, SelectedHeadSFTTrainer) on `data`: LoRA r=4 on q_proj, the selected head."""
    from peft import LoraConfig, get_peft_model

    model = loaded.model
    fct.add_selected_lm_head(model)
    model = get_peft_model(model, LoraConfig(r=4, target_modules=["q_proj"], task_type="CAUSAL_LM"))
    config = fct.TrainConfig(model=TINY_MODEL, output=str(tmp_path), max_steps=1)
    trainer = fct.SelectedHeadSFTTrainer(model=model, args=fct._sft_config(config, torch.float32, False),
                                         train_dataset=data, processing_class=loaded.tokenizer)
    return model, trainer


def test_trainer_normalises_like_trl(tiny_model_dir, tmp_path):
    """compute_loss divides by num_items_in_batch when given (gradient accumulation), else by
    the batch's own loss tokens: the plain path's normalisation."""
    loaded = load_model(TINY_MODEL, device="cpu", dtype="float32")
    fmt = get_format("hermes")
    data, _ = fct.build_dataset(conversations(2), fmt, loaded.tokenizer, keep_thinking=True, max_length=512,
                                source="mem")
    model, trainer = lora_trainer(loaded, data, tmp_path)
    batch = trainer.data_collator([trainer.train_dataset[0]])
    # the labels TRL builds from our assistant_masks are the assistant tokens, nothing else
    row = data[0]
    want = [t if m else -100 for t, m in zip(row["input_ids"], row["assistant_masks"])]
    assert batch["labels"][0].tolist() == want
    model.eval()
    with torch.no_grad():
        reference = model(**{k: v for k, v in batch.items()}).loss  # transformers' mean over loss tokens
        n = int((batch["labels"][:, 1:] != -100).sum())
        own = trainer.compute_loss(model, dict(batch))
        accumulated = trainer.compute_loss(model, dict(batch), num_items_in_batch=torch.tensor(4 * n))
    torch.testing.assert_close(own, reference, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(accumulated, reference / 4, atol=1e-5, rtol=1e-5)


def test_decision_weight_scales_the_loss_of_each_assistant_turns_first_token(tiny_model_dir, tmp_path):
    """--decision-weight w: the first loss token of every assistant turn (a call tag or a reply's
    opening) counts w times in the loss, the other loss tokens once; the column survives TRL's
    preparation and the Trainer's dataloader."""
    assert fct.decision_weights([0, 0, 1, 1, 1, 0, 0, 1, 1], 5.0) == [0, 0, 5, 1, 1, 0, 0, 5, 1]
    loaded = load_model(TINY_MODEL, device="cpu", dtype="float32")
    fmt = get_format("hermes")
    plain, _ = fct.build_dataset([CONVERSATION], fmt, loaded.tokenizer, keep_thinking=True, max_length=512,
                                 source="mem", think_before_results=False)
    assert "loss_weights" not in plain.column_names  # weight 1: the plain path, untouched
    data, _ = fct.build_dataset([CONVERSATION], fmt, loaded.tokenizer, keep_thinking=True, max_length=512,
                                source="mem", think_before_results=False, decision_weight=5.0)
    row = data[0]
    starts = [loaded.tokenizer.decode(t) for t, w in zip(row["input_ids"], row["loss_weights"]) if w == 5]
    assert starts == ["<tool_call>", "It", "You"]  # the call, the answer to its result, the reply to thanks
    model, trainer = lora_trainer(loaded, data, tmp_path)
    batch = next(iter(trainer.get_train_dataloader()))
    assert batch["loss_weights"][0].tolist() == row["loss_weights"]
    model.eval()
    with torch.no_grad():
        logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits[:, :-1]
        targets, weights = batch["labels"][:, 1:], batch["loss_weights"][:, 1:]
        mask = targets != -100
        token_losses = torch.nn.functional.cross_entropy(logits[mask].float(), targets[mask], reduction="none")
        want = (token_losses * weights[mask]).sum() / mask.sum()
        got = trainer.compute_loss(model, dict(batch))
    torch.testing.assert_close(got, want, atol=1e-5, rtol=1e-5)
    assert not torch.isclose(got, token_losses.mean(), rtol=1e-3)  # the weights did change the loss


def test_bf16_head_stays_close_to_the_fp32_head(tiny_model_dir):
    """On bf16 weights the head's products run in bf16 (read out in fp32): the loss and the
    gradients stay within bf16 rounding of an fp32 head on the same weights."""
    from peft import LoraConfig, get_peft_model

    results = {}
    for head_dtype in (None, torch.float32):
        loaded = load_model(TINY_MODEL, device="cpu", dtype="bfloat16")
        fmt = get_format("hermes")
        _, tag_ids = fct._tag_ids(fmt, loaded.tokenizer)
        fct.add_selected_lm_head(loaded.model, head_dtype=head_dtype)
        torch.manual_seed(0)
        model = get_peft_model(loaded.model, LoraConfig(r=4, lora_alpha=16, lora_dropout=0.0, task_type="CAUSAL_LM",
                                                        target_modules=["q_proj", "v_proj"], init_lora_weights=False,
                                                        trainable_token_indices=tag_ids))
        encoded = fct.encode_conversation(CONVERSATION, fmt, loaded.tokenizer)
        ids = torch.tensor([encoded["input_ids"]])
        labels = torch.where(torch.tensor([encoded["assistant_masks"]]) == 1, ids, -100)
        out = model(input_ids=ids, attention_mask=torch.ones_like(ids), labels=labels, selected_lm_head=True)
        loss = out.loss_sum / out.n_loss_tokens
        loss.backward()
        grads = torch.cat([p.grad.float().flatten() for p in model.parameters() if p.requires_grad])
        results[head_dtype] = (loss.item(), grads)
    (bf16_loss, bf16_grads), (fp32_loss, fp32_grads) = results[None], results[torch.float32]
    assert bf16_loss == pytest.approx(fp32_loss, rel=2e-3)
    assert not torch.equal(bf16_grads, fp32_grads)  # the two paths did differ
    assert (bf16_grads - fp32_grads).norm() / fp32_grads.norm() < 0.05


def test_cpu_dropout_has_dropouts_distribution_and_gradient():
    torch.manual_seed(0)
    dropout = fct.CPUDropout(0.05).train()
    x = torch.ones(1000, 1000, requires_grad=True)
    y = dropout(x)
    kept = y != 0
    assert kept.float().mean().item() == pytest.approx(0.95, abs=2e-3)
    assert y.mean().item() == pytest.approx(1.0, abs=3e-3)  # scaled by 1 / (1 - p)
    assert torch.allclose(y[kept], torch.full_like(y[kept], 32768 / (32768 - 1638)))
    y.sum().backward()
    assert torch.equal(x.grad, y.detach())  # gradient: the same mask and scale
    again = dropout(x)
    assert not torch.equal(again != 0, kept)  # a fresh mask every call
    assert dropout.eval()(x) is x and fct.CPUDropout(0.0).train()(x) is x
    torch.manual_seed(1)
    first = dropout.train()(x)
    torch.manual_seed(1)
    assert torch.equal(dropout(x), first)  # seeded by torch's generator


def test_prepare_lora_model_on_cpu(tiny_model_dir):
    from peft import LoraConfig

    loaded = load_model(TINY_MODEL, device="cpu", dtype="float32")
    model = fct.prepare_lora_model(loaded.model, LoraConfig(r=4, lora_dropout=0.1, target_modules=["q_proj", "k_proj"],
                                                            task_type="CAUSAL_LM"), device="cpu")
    dropouts = [m for m in model.modules() if isinstance(m, fct.CPUDropout)]
    assert dropouts and all(d.p == 0.1 for d in dropouts)
    assert not any(isinstance(m, torch.nn.Dropout) for name, m in model.named_modules() if "lora_dropout" in name)
    assert model.get_base_model().config._attn_implementation == "eager"
    assert model.get_base_model()._fc_selected_head


def test_bf16_weights_train_under_bf16_autocast(tmp_path):
    config = fct.TrainConfig(model=TINY_MODEL, output=str(tmp_path))
    assert fct._sft_config(config, torch.bfloat16, False).bf16
    fp32 = fct._sft_config(config, torch.float32, False)
    assert not fp32.bf16 and not fp32.fp16  # never on fp32 weights: 15-30x slower on AVX2 CPUs


# ---------------------------------------------------------------------------- runs


def run_config(data_file, out, **overrides) -> fct.TrainConfig:
    settings = dict(model=TINY_MODEL, dataset=str(data_file), output=str(out), max_steps=3, save_steps=2,
                    logging_steps=1, gradient_accumulation_steps=2, batch_size=2, lora_r=4, lora_alpha=8)
    return fct.TrainConfig(**{**settings, **overrides})


def test_short_run_writes_a_loadable_run(data_file, tmp_path):
    progress = []
    config = run_config(data_file, tmp_path / "run", eval_dataset=str(data_file), eval_limit=2, merge=True,
                        decision_weight=3.0)  # batches of 2 pad the loss_weights column too
    result = fct.train(config, on_progress=progress.append)
    run_dir = tmp_path / "run"

    assert result.status == "completed" and result.global_step == 3
    assert result.last_loss is not None and torch.isfinite(torch.tensor(result.last_loss))
    assert result.eval_loss is not None and result.adapter_mb < 5
    assert [p["step"] for p in progress] == [1, 2, 3]
    assert set(progress[-1]) >= {"step", "max_steps", "loss", "lr", "tokens_per_s", "eta_s", "epoch"}
    assert progress[-1]["max_steps"] == 3 and progress[-1]["tokens_per_s"] > 0 and progress[-1]["eta_s"] == 0

    adapter_config = json.loads((run_dir / "adapter_config.json").read_text())
    assert adapter_config["base_model_name_or_path"] == TINY_MODEL
    assert adapter_config["trainable_token_indices"]  # the tag rows, not whole embedding matrices
    assert not adapter_config.get("modules_to_save")
    run = json.loads((run_dir / "fc_run.json").read_text())
    assert run["format"] == "hermes" and run["status"] == "completed" and run["config"]["lora_r"] == 4
    assert run["config"]["decision_weight"] == 3.0
    assert run["data"]["sha256"] == fct.data_hash(load_conversations(str(data_file))) and run["versions"]["trl"]
    assert run["train"]["global_step"] == 3 and "date" in run and "git_commit" in run
    assert fct.parse_config(["--config", str(run_dir / "train_config.json")]) == config
    metrics = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    assert all(0 < m["peak_rss_gb"] < 64 for m in metrics)
    assert [m["step"] for m in metrics if "loss" in m] == [1, 2, 3] and any("eval_loss" in m for m in metrics)
    card = (run_dir / "README.md").read_text()
    assert "base_model: tiny-random" in card and "sha256" in card and "Not evaluated yet" in card
    assert "each assistant turn's first token (a call tag or a reply's opening) weighs 3.0" in card
    assert (run_dir / "checkpoint-2" / "adapter_config.json").is_file()

    loaded = load_model(str(run_dir), dtype="float32")  # fp32: the comparison below is to 1e-4
    assert loaded.adapter and loaded.base == TINY_MODEL and loaded.format == "hermes"
    merged = load_model(str(run_dir / "merged"), dtype="float32")
    prompt = loaded.tokenizer("<start_of_turn>user\nWeather in Oslo?<end_of_turn>\n<tool_call>",
                              return_tensors="pt")
    with torch.no_grad():
        torch.testing.assert_close(merged.model(**prompt).logits, loaded.model(**prompt).logits,
                                   atol=1e-4, rtol=1e-4)

    fct.write_model_card(run_dir, {"bfcl:simple_python": {"ast_accuracy": 0.425, "n": 400}})
    card = (run_dir / "README.md").read_text()
    assert "| bfcl:simple_python | 0.425 | 400 |" in card and "Not evaluated yet" not in card
    fct.write_model_card(run_dir)  # scores are kept in fc_run.json
    assert "0.425" in (run_dir / "README.md").read_text()


def test_resume_continues_from_the_last_checkpoint(data_file, tmp_path):
    first = fct.train(run_config(data_file, tmp_path / "run", max_steps=2))
    assert first.global_step == 2
    second = fct.train(run_config(data_file, tmp_path / "run", max_steps=3, resume=True))
    assert second.global_step == 3
    run = json.loads((tmp_path / "run" / "fc_run.json").read_text())
    assert run["train"]["resumed_from"] == "checkpoint-2"
    steps = [json.loads(line)["step"] for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()
             if "loss" in json.loads(line)]
    assert steps == [1, 2, 3]
    with pytest.raises(fct.TrainError, match="no checkpoint"):
        fct.train(run_config(data_file, tmp_path / "empty", resume=True))


def test_stop_event_leaves_a_usable_adapter(data_file, tmp_path):
    stop = threading.Event()
    result = fct.train(run_config(data_file, tmp_path / "run", max_steps=50, save_steps=100),
                       stop_event=stop, on_progress=lambda p: stop.set())
    assert result.status == "stopped" and result.global_step == 1
    assert json.loads((tmp_path / "run" / "fc_run.json").read_text())["status"] == "stopped"
    loaded = load_model(str(tmp_path / "run"))
    assert loaded.adapter is not None


def test_cli_config_file_and_flags(tmp_path):
    path = tmp_path / "recipe.yaml"
    path.write_text("model: tiny-random\nlora_r: 8\ntarget_modules: [q_proj, v_proj]\nmax_steps: 7\n")
    config = fct.parse_config(["--config", str(path), "--max-steps", "9", "--format", "mistral"])
    assert (config.model, config.lora_r, config.target_modules, config.max_steps) == \
        (TINY_MODEL, 8, ["q_proj", "v_proj"], 9)
    assert config.output == "runs/tiny-random-mistral" and config.eval_steps == config.save_steps
    path.write_text("lora_rank: 8\n")
    with pytest.raises(fct.TrainError, match="unknown field.*lora_rank"):
        fct.parse_config(["--config", str(path)])
    assert fct.main(["--config", str(path)]) == 2
    assert fct.main(["--model", "tiny-random", "--decision-weight", "-1"]) == 2
    assert fct.parse_config(["--decision-weight", "5"]).decision_weight == 5.0
    with pytest.raises(fct.TrainError, match="sft-args"):
        fct._sft_config(fct.TrainConfig(sft_args="{\"no_such_field\": 1}"), torch.float32, False)


# ---------------------------------------------------------------------------- embedded model


@pytest.mark.slow
def test_twenty_steps_on_the_embedded_model(tmp_path):
    """20 steps on the real Gemma 3 270M lower the loss, write an adapter under 50 MB that
    loads by path, and resume from their checkpoint."""
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(c) + "\n" for c in conversations(8)))
    config = fct.TrainConfig(model=EMBEDDED_MODEL, dataset=str(data), output=str(tmp_path / "run"), max_steps=20,
                             gradient_accumulation_steps=1, save_steps=10, logging_steps=1, learning_rate=3e-4,
                             warmup_ratio=0.0)
    result = fct.train(config)
    losses = [json.loads(line)["loss"] for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()
              if "loss" in json.loads(line)]
    print(f"losses {[round(x, 3) for x in losses]}, adapter {result.adapter_mb:.2f} MB, "
          f"{result.tokens_per_s:.1f} tokens/s")  # shown with -s
    assert result.global_step == 20 and len(losses) == 20
    assert sum(losses[-5:]) / 5 < 0.7 * sum(losses[:5]) / 5
    assert result.adapter_mb < 50
    loaded = load_model(str(tmp_path / "run"))
    assert loaded.base == EMBEDDED_MODEL and loaded.format == "hermes"
    resumed = fct.train(fct.TrainConfig(**{**vars(config), "max_steps": 22, "resume": True}))
    assert resumed.global_step == 22
