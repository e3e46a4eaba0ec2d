"""fc.model: every kind of model string, the tag mapping, the cache's safety, the CLI.

    python -m pytest tests/test_model.py -m "not slow"
"""

import json
import math
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from fc.formats import FORMATS, SPECIAL_TOKENS, TURN_TOKENS
from fc.model import (
    CONFIG_FILE,
    EMBEDDED_MODEL,
    GEMMA_TOKENIZER,
    MARKER,
    RUN_FILE,
    TAG_PIECES,
    TINY_MODEL,
    LoadedModel,
    ModelError,
    _prepare_cached,
    cache_problem,
    choose_dtype,
    cpu_has_bf16,
    fingerprint,
    main as model_cli,
    load_model,
    load_tokenizer,
    models_dir,
    prepare,
    read_marker,
    special_token_ids,
    stop_token_ids,
)

REPO = Path(__file__).resolve().parents[1]


def logits_of(loaded: LoadedModel, text: str = "Hello <tool_call> world") -> torch.Tensor:
    ids = loaded.tokenizer(text, return_tensors="pt").input_ids
    with torch.inference_mode():
        return loaded.model(ids).logits


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "fc.model", *args], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


# --- tiny-random and the tag mapping -----------------------------------------------------


def test_tiny_random_is_a_small_seeded_gemma(tiny, tiny_model_dir):
    assert type(tiny.model).__name__ == "Gemma3ForCausalLM"
    assert tiny.model.config.num_hidden_layers == 2 and not tiny.model.training
    assert (tiny.name, tiny.base, tiny.adapter, tiny.format) == (TINY_MODEL, TINY_MODEL, None, None)
    assert tiny.dtype == torch.float32 and tiny.device.type == "cpu"
    assert tiny.model.get_input_embeddings().num_embeddings == len(tiny.tokenizer) == 262144
    assert sum(p.numel() for p in tiny.model.parameters()) < 20_000_000
    assert cache_problem(tiny_model_dir, read_marker(tiny_model_dir)["recipe"]) is None
    assert list(tiny.model.generation_config.eos_token_id) == [1, 106]


def test_each_tag_is_one_token_and_decodes_back(tiny):
    tokenizer = tiny.tokenizer
    for index, tag in enumerate(SPECIAL_TOKENS):
        ids = tokenizer.encode(tag, add_special_tokens=False)
        assert ids == [6 + index], f"{tag} -> {ids}: expected the <unused{index}> slot"
        assert tokenizer.decode(ids) == tag
        # kept when special tokens are skipped: a caller stripping <eos>/<pad> still sees the call
        assert tokenizer.decode(ids, skip_special_tokens=True) == tag
    assert [tokenizer.convert_tokens_to_ids(t) for t in TURN_TOKENS] == [105, 106]
    for name, fmt in FORMATS.items():
        assert set(fmt.special_tokens) <= set(special_token_ids(tokenizer)), name


def test_tags_inside_text_split_off_as_single_tokens(tiny):
    tokenizer = tiny.tokenizer
    text = 'Sure.<tool_call>\n{"name": "f", "arguments": {}}\n</tool_call><end_of_turn>'
    ids = tokenizer.encode(text, add_special_tokens=False)
    assert ids.count(10) == 1 and ids.count(11) == 1 and ids[-1] == 106
    assert tokenizer.decode(ids) == text
    # the rest of the vocabulary is untouched: ordinary text still tokenizes as before
    assert tokenizer.convert_ids_to_tokens(tokenizer.encode("<unused0>", add_special_tokens=False)) != ["<tools>"]
    assert tokenizer.decode(tokenizer.encode("The capital of France", add_special_tokens=False)) == "The capital of France"


def test_rendered_conversation_round_trips_through_the_tokenizer(tiny):
    messages = [
        {"role": "user", "content": "Status of T1001?"},
        {"role": "assistant", "content": "", "tool_calls": [{"name": "status", "arguments": {"id": "T1001"}}]},
        {"role": "tool", "name": "status", "content": '{"status": "Paid"}'},
        {"role": "assistant", "content": "It is paid."},
    ]
    tools = [{"type": "function", "function": {"name": "status", "description": "Payment status",
                                               "parameters": {"type": "object", "properties": {"id": {"type": "string"}}}}}]
    for fmt in FORMATS.values():
        text = fmt.render_text(messages, tools)
        ids = tiny.tokenizer.encode(text, add_special_tokens=False)
        assert tiny.tokenizer.decode(ids) == text
        for tag in fmt.special_tokens:
            assert text.count(tag) == ids.count(tiny.tokenizer.convert_tokens_to_ids(tag)), tag


def test_chat_template_is_the_hermes_format(tiny):
    messages = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]
    rendered = tiny.tokenizer.apply_chat_template(messages, tokenize=False)
    assert rendered.removeprefix("<bos>") == FORMATS["hermes"].render_text(messages, [])


def test_tag_rows_start_as_the_mean_of_their_pieces(tiny, tiny_model_dir):
    pieces = json.loads((tiny_model_dir / TAG_PIECES).read_text())
    assert set(pieces) == set(SPECIAL_TOKENS) and all(len(p) > 1 for p in pieces.values())
    weight = tiny.model.get_input_embeddings().weight
    for tag, piece_ids in pieces.items():
        row = tiny.tokenizer.convert_tokens_to_ids(tag)
        torch.testing.assert_close(weight[row], weight[piece_ids].mean(0))
    # tied: the output row is the same row
    assert tiny.model.get_output_embeddings().weight.data_ptr() == weight.data_ptr()


def test_stop_tokens_are_eos_and_end_of_turn(tiny):
    assert stop_token_ids(tiny.tokenizer) == [1, 106]


def test_load_tokenizer_alone(tiny_model_dir):
    tokenizer = load_tokenizer(TINY_MODEL)
    assert tokenizer.encode("<tool_call>", add_special_tokens=False) == [10]
    assert tokenizer.padding_side == "left"
    # loads share the parsed vocabulary, not their settings
    tokenizer.padding_side, tokenizer.chat_template, tokenizer.pad_token = "right", None, "<eos>"
    again = load_tokenizer(TINY_MODEL)
    assert (again.padding_side, again.pad_token) == ("left", "<pad>") and again.chat_template


# --- local directories ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def full_dir(tiny, tmp_path_factory):
    folder = tmp_path_factory.mktemp("full")
    tiny.model.save_pretrained(folder)
    tiny.tokenizer.save_pretrained(folder)
    return folder


def test_local_full_dir_loads_the_same_weights(tiny, full_dir):
    loaded = load_model(str(full_dir), device="cpu", dtype="float32")
    assert (loaded.name, loaded.base, loaded.adapter) == (str(full_dir), str(full_dir), None)
    torch.testing.assert_close(logits_of(loaded), logits_of(tiny))
    assert loaded.tokenizer.encode("</tool_response>", add_special_tokens=False) == [13]
    assert fingerprint(loaded) == fingerprint(load_model(str(full_dir), device="cpu", dtype="float32"))


def test_run_file_gives_the_format(full_dir, tmp_path):
    folder = tmp_path / "run"
    shutil.copytree(full_dir, folder)
    (folder / RUN_FILE).write_text(json.dumps({"format": "mistral"}))
    assert load_model(str(folder), device="cpu", dtype="float32").format == "mistral"


def lora_dir(base: str, out: Path, run_format: str | None = "hermes") -> tuple[Path, torch.Tensor]:
    """A LoRA adapter on `base` with random (non-zero) B matrices; its logits, for comparison."""
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(1)
    loaded = load_model(base, device="cpu", dtype="float32")
    config = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    peft_model = get_peft_model(loaded.model, config)
    peft_model.save_pretrained(out, save_embedding_layers=False)  # no hub lookup for "tiny-random"
    if run_format:
        (out / RUN_FILE).write_text(json.dumps({"format": run_format, "base": base}))
    peft_model.eval()
    return out, logits_of(LoadedModel(peft_model, loaded.tokenizer, base, base, None, None, loaded.device, loaded.dtype))


def test_adapter_dir_resolves_its_base_from_adapter_config(tiny, tmp_path):
    from peft import PeftModel

    folder, expected = lora_dir(TINY_MODEL, tmp_path / "adapter")
    # PEFT records the model string we loaded, not a cache path
    assert json.loads((folder / "adapter_config.json").read_text())["base_model_name_or_path"] == TINY_MODEL
    loaded = load_model(str(folder), device="cpu", dtype="float32")
    assert not isinstance(loaded.model, PeftModel) and not loaded.model.training  # merged for inference
    assert (loaded.name, loaded.base, loaded.adapter, loaded.format) == (str(folder), TINY_MODEL, str(folder), "hermes")
    torch.testing.assert_close(logits_of(loaded), expected)
    unmerged = load_model(str(folder), device="cpu", dtype="float32", merge=False)
    assert isinstance(unmerged.model, PeftModel)
    torch.testing.assert_close(logits_of(unmerged), expected)  # merging changes nothing in fp32
    assert not torch.allclose(logits_of(loaded), logits_of(tiny))  # the adapter does something
    assert fingerprint(loaded) != fingerprint(tiny)


def test_a_run_moved_and_its_config_rewritten_keeps_its_fingerprint(tiny, tmp_path):
    """Promoting a run (moving it into models/ and rewriting train_config.json's output path)
    must not throw away its cached predictions; changing what decides them must."""
    folder, _ = lora_dir(TINY_MODEL, tmp_path / "runs" / "attempt")
    (folder / CONFIG_FILE).write_text(json.dumps({"output": str(folder)}))
    (folder / "training_args.bin").write_bytes(b"trainer state")
    before = fingerprint(load_model(str(folder), device="cpu", dtype="float32"))
    moved = tmp_path / "models" / "shipped"
    shutil.copytree(folder, moved)
    (moved / CONFIG_FILE).write_text(json.dumps({"output": str(moved)}))
    (moved / "training_args.bin").write_bytes(b"another trainer state")
    (moved / RUN_FILE).write_text(json.dumps({"format": "hermes", "base": TINY_MODEL, "scores": "a table"}))
    assert fingerprint(load_model(str(moved), device="cpu", dtype="float32")) == before
    config = json.loads((moved / "adapter_config.json").read_text())
    (moved / "adapter_config.json").write_text(json.dumps(config | {"lora_alpha": 16}))
    assert fingerprint(load_model(str(moved), device="cpu", dtype="float32")) != before


def test_adapter_on_a_local_base_dir(full_dir, tmp_path):
    folder, expected = lora_dir(str(full_dir), tmp_path / "adapter", run_format=None)
    loaded = load_model(str(folder), device="cpu", dtype="float32")
    assert loaded.base == str(full_dir) and loaded.format is None
    torch.testing.assert_close(logits_of(loaded), expected)


def test_adapter_without_base_is_a_clear_error(tmp_path):
    folder, _ = lora_dir(TINY_MODEL, tmp_path / "adapter", run_format=None)
    config = json.loads((folder / "adapter_config.json").read_text())
    config["base_model_name_or_path"] = None
    (folder / "adapter_config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="base_model_name_or_path"):
        load_model(str(folder))


def test_unmapped_gemma_dir_gets_its_tags_mapped_and_initialised(tiny_model_dir, tmp_path):
    """A Gemma folder from elsewhere (tags not yet renamed): mapped onto <unused> at load."""
    folder = tmp_path / "gemma"
    folder.mkdir()
    for name in ("config.json", "model.safetensors", "generation_config.json", "tokenizer_config.json"):
        shutil.copy(tiny_model_dir / name, folder / name)
    data = json.loads((tiny_model_dir / "tokenizer.json").read_text())
    for entry in data["added_tokens"]:
        if entry["content"] in SPECIAL_TOKENS:
            index = SPECIAL_TOKENS.index(entry["content"])
            data["model"]["vocab"][f"<unused{index}>"] = data["model"]["vocab"].pop(entry["content"])
            entry.update(content=f"<unused{index}>", special=True)
    (folder / "tokenizer.json").write_text(json.dumps(data, ensure_ascii=False))
    from transformers import AutoTokenizer

    original = AutoTokenizer.from_pretrained(folder)
    assert len(original.encode("<tool_call>", add_special_tokens=False)) > 1

    loaded = load_model(str(folder), device="cpu", dtype="float32")
    weight = loaded.model.get_input_embeddings().weight
    assert weight.shape[0] == 262144  # renamed, not resized
    for index, tag in enumerate(SPECIAL_TOKENS):
        assert loaded.tokenizer.encode(tag, add_special_tokens=False) == [6 + index]
        pieces = original.encode(tag, add_special_tokens=False)
        torch.testing.assert_close(weight[6 + index], weight[pieces].mean(0))


def test_other_tokenizers_get_the_tags_added_and_the_embedding_resized(tmp_path):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    backend = Tokenizer(models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=["<|end|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    backend.train_from_iterator(["the tools call a function and think about the response"] * 20, trainer)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, eos_token="<|end|>")
    torch.manual_seed(0)
    network = LlamaForCausalLM(LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64,
                                           num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=1,
                                           tie_word_embeddings=False, eos_token_id=tokenizer.eos_token_id))
    folder = tmp_path / "llama"
    network.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    n_before = len(tokenizer)

    loaded = load_model(str(folder), device="cpu", dtype="float32")
    tags = (*SPECIAL_TOKENS, *TURN_TOKENS)
    assert len(loaded.tokenizer) == n_before + len(tags)
    assert loaded.model.get_input_embeddings().num_embeddings == len(loaded.tokenizer)
    for tag in tags:
        ids = loaded.tokenizer.encode(tag, add_special_tokens=False)
        assert len(ids) == 1 and ids[0] >= n_before and loaded.tokenizer.decode(ids) == tag
        pieces = tokenizer.encode(tag, add_special_tokens=False)
        for matrix in (loaded.model.get_input_embeddings().weight, loaded.model.get_output_embeddings().weight):
            torch.testing.assert_close(matrix[ids[0]], matrix[pieces].mean(0))
    assert stop_token_ids(loaded.tokenizer) == [tokenizer.eos_token_id, loaded.tokenizer.convert_tokens_to_ids("<end_of_turn>")]
    assert loaded.tokenizer.pad_token is not None
    again = load_model(str(folder), device="cpu", dtype="float32")  # the first load's additions must not leak into the second
    assert len(again.tokenizer) == len(loaded.tokenizer) == again.model.get_input_embeddings().num_embeddings


# --- hub ids and bad strings ---------------------------------------------------------------


def test_hub_id_offline_is_one_clear_paragraph(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError) as caught:
        load_model("google/gemma-3-270m")
    message = str(caught.value)
    assert "google/gemma-3-270m" in message and "local" in message and "offline" in message
    assert "\n" not in message


def test_hub_id_offline_cli_prints_the_message_and_exits_2():
    result = run_cli("info", "google/gemma-3-270m", env={"HF_HUB_OFFLINE": "1"})
    assert result.returncode == 2
    assert "google/gemma-3-270m" in result.stderr and "local path" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("model", ["./no/such/dir", "/no/such/dir", "not a model!"])
def test_bad_model_strings_are_clear_errors(model):
    with pytest.raises(ModelError):
        prepare(model)


def test_dir_without_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="config.json"):
        prepare(str(tmp_path))


# --- dtype ---------------------------------------------------------------------------------


def test_dtype_choice_and_override(tiny_model_dir):
    # bf16 only where the CPU runs it natively (measured faster here: bench/dtype_speed.py)
    assert choose_dtype("cpu") == (torch.bfloat16 if cpu_has_bf16() else torch.float32)
    loaded = load_model(TINY_MODEL, device="cpu", dtype="bfloat16")
    assert loaded.dtype == torch.bfloat16 and loaded.model.get_input_embeddings().weight.dtype == torch.bfloat16
    assert torch.isfinite(logits_of(loaded)).all()
    assert fingerprint(loaded) != fingerprint(load_model(TINY_MODEL, device="cpu", dtype="float32"))
    with pytest.raises(ModelError, match="dtype"):
        load_model(TINY_MODEL, dtype="int3")


# --- the cache -----------------------------------------------------------------------------


@pytest.fixture
def home_copy(tiny_model_dir, tmp_path, monkeypatch):
    """A private FC_HOME holding copies of the tiny-random and tokenizer caches."""
    for name in (TINY_MODEL, GEMMA_TOKENIZER):
        shutil.copytree(tiny_model_dir.parent / name, tmp_path / "models" / name)
    monkeypatch.setenv("FC_HOME", str(tmp_path))
    return tmp_path / "models" / TINY_MODEL


def truncate_weights(folder: Path) -> None:
    path = folder / "model.safetensors"
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 2)


def remove_marker(folder: Path) -> None:
    (folder / MARKER).unlink()


def remove_weights(folder: Path) -> None:
    (folder / "model.safetensors").unlink()


def stale_recipe(folder: Path) -> None:
    marker = json.loads((folder / MARKER).read_text())
    marker["recipe"]["version"] = -1
    (folder / MARKER).write_text(json.dumps(marker))


@pytest.mark.parametrize("damage", [truncate_weights, remove_marker, remove_weights, stale_recipe])
def test_broken_cache_is_detected_and_rebuilt(home_copy, tiny, damage):
    recipe = read_marker(home_copy)["recipe"]
    damage(home_copy)
    assert cache_problem(home_copy, recipe if damage is not stale_recipe else recipe) is not None
    assert prepare(TINY_MODEL) == home_copy
    assert cache_problem(home_copy, recipe) is None
    rebuilt = load_model(TINY_MODEL, device="cpu", dtype="float32")
    torch.testing.assert_close(logits_of(rebuilt), logits_of(tiny))  # seeded: the same weights


def test_interrupted_build_leaves_nothing_half_written(home_copy):
    def build(out: Path) -> None:
        (out / "model.safetensors").write_bytes(b"partial")
        raise KeyboardInterrupt  # the user pressed Ctrl-C mid-conversion

    with pytest.raises(KeyboardInterrupt):
        _prepare_cached("thing", build, {"v": 1})
    assert sorted(p.name for p in models_dir().iterdir() if p.is_dir()) == [GEMMA_TOKENIZER, TINY_MODEL]


def test_leftovers_of_a_killed_build_are_cleaned_up(home_copy):
    leftover = models_dir() / f".{TINY_MODEL}.tmp-killed"
    leftover.mkdir()
    (leftover / "model.safetensors").write_bytes(b"partial")
    remove_marker(home_copy)
    prepare(TINY_MODEL)
    assert not leftover.exists()


def slow_build(out: Path) -> None:
    with (out.parent / "builds.log").open("a") as log:  # one line per build actually run
        log.write(f"{os.getpid()}\n")
    time.sleep(1.0)  # long enough for the other process to arrive while this one builds
    (out / "weights.bin").write_bytes(os.urandom(1 << 16))


def prepare_thing(queue) -> None:
    queue.put(str(_prepare_cached("thing", slow_build, {"v": 1})))


def test_two_processes_preparing_at_once_build_once(tmp_path, monkeypatch):
    monkeypatch.setenv("FC_HOME", str(tmp_path))
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=prepare_thing, args=(queue,)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    paths = {queue.get(timeout=5) for _ in workers}
    assert paths == {str(tmp_path / "models" / "thing")}
    assert len((tmp_path / "models" / "builds.log").read_text().split()) == 1
    assert cache_problem(tmp_path / "models" / "thing", {"v": 1}) is None


# --- CLI -----------------------------------------------------------------------------------


def test_cli_prepare_and_info(tiny_model_dir, capsys):
    assert model_cli(["prepare", TINY_MODEL]) == 0
    assert capsys.readouterr().out.strip() == str(tiny_model_dir)
    assert model_cli(["info", TINY_MODEL]) == 0
    out = capsys.readouterr().out
    assert "parameters: 16,847,488" in out
    assert f"dtype: {str(choose_dtype('cpu')).removeprefix('torch.')}" in out
    assert "vocab size: 262,144" in out and "context length: 32768" in out
    assert "hermes tokens: <tools>=6, </tools>=7" in out and "<tool_call>=10" in out
    assert "mistral tokens: [AVAILABLE_TOOLS]=14" in out and "<end_of_turn>=106" in out


# --- the real embedded model ---------------------------------------------------------------


@pytest.mark.slow
def test_embedded_cache_is_complete_and_reloads_fast(embedded):
    folder = prepare(EMBEDDED_MODEL)
    assert folder == models_dir() / EMBEDDED_MODEL
    assert cache_problem(folder, read_marker(folder)["recipe"]) is None
    started = time.perf_counter()
    again = load_model(EMBEDDED_MODEL, device="cpu")
    assert time.perf_counter() - started < 60
    assert fingerprint(again) == fingerprint(embedded)
    assert sum(p.numel() for p in embedded.model.parameters()) == 268_098_176


@pytest.mark.slow
def test_embedded_continues_the_capital_of_france(embedded):
    from fc.inference import generate

    bare, question = generate(embedded, ["The capital of France is",
                                         "Question: What is the capital of France?\nAnswer:"], max_new_tokens=12)
    # The 270M base model (4-bit) continues the bare prompt about France without naming the
    # city in its first sentence; asked as a question it answers Paris.
    assert "France" in bare.text and bare.text.isascii() and len(bare.text.split()) >= 6
    assert question.text.strip().splitlines()[0].strip() == "Paris"


@pytest.mark.slow
def test_embedded_perplexity_of_plain_english_is_low(embedded):
    text = ("The sun rose slowly over the quiet village. Farmers walked to their fields, and children ran to "
            "school along the dusty road. In the market square, merchants opened their stalls and began to sell "
            "fresh bread, fruit and vegetables. It was the start of another busy day.")
    ids = embedded.tokenizer(text, return_tensors="pt").input_ids
    with torch.inference_mode():
        loss = embedded.model(ids, labels=ids).loss
    assert math.exp(loss.item()) < 20


@pytest.mark.slow
def test_embedded_tags_are_mapped(embedded):
    for index, tag in enumerate(SPECIAL_TOKENS):
        assert embedded.tokenizer.encode(tag, add_special_tokens=False) == [6 + index]
    assert stop_token_ids(embedded.tokenizer) == [1, 106]
    info = run_cli("info", EMBEDDED_MODEL)  # a real process: the CLI as a user runs it
    assert info.returncode == 0, info.stderr
    assert "parameters: 268,098,176" in info.stdout and "context length: 32768" in info.stdout
