"""Shared fixtures: the tiny random Gemma (seconds) and the real embedded model (slow tests).

Both come from the model cache under $FC_HOME (default ~/.cache/fc), so a second test
run reuses them; tests that damage a cache work on a copy in a temporary FC_HOME.
Imports of torch/transformers stay inside the fixtures so that collecting the
parsing tests does not pay for them.

    python -m pytest tests/test_model.py -m "not slow"
"""

import pytest


@pytest.fixture(scope="session")
def tiny_model_dir():
    """The cached folder of the tiny-random model (built on first use, seconds)."""
    from fc.model import TINY_MODEL, prepare

    return prepare(TINY_MODEL)


@pytest.fixture(scope="session")
def tiny(tiny_model_dir):
    """tiny-random loaded on the CPU in fp32. Shared: tests must not modify its weights."""
    from fc.model import TINY_MODEL, load_model

    return load_model(TINY_MODEL, device="cpu", dtype="float32")


@pytest.fixture(scope="session")
def embedded():
    """The real Gemma 3 270M (converted once, about a minute; a few seconds once cached)."""
    from fc.model import EMBEDDED_MODEL, load_model

    return load_model(EMBEDDED_MODEL, device="cpu")
