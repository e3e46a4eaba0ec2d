"""The shipped adapter (models/gemma-3-270m-fc): what `make app` puts on Compare's right side.

These run the real embedded model with the committed adapter, so they are slow tests.
"""

from pathlib import Path

import pytest

ADAPTER = Path(__file__).resolve().parents[1] / "models" / "gemma-3-270m-fc"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (ADAPTER / "adapter_config.json").is_file(), reason="no shipped adapter"),
]


def test_adapter_is_small_and_carries_its_card_and_format():
    size_mb = sum(p.stat().st_size for p in ADAPTER.iterdir() if p.is_file()) / 1e6
    assert size_mb < 50, f"{size_mb:.1f} MB"
    card = (ADAPTER / "README.md").read_text()
    assert "gemma-3-270m" in card and "data:train" in card


def test_the_seed_demo_calls_retrieve_payment_status_and_answers_from_its_result():
    """'What's the status of my transaction T1001?' with the app's default tools: the tuned model
    calls the tool with the id, the tool runs on the seeded world (T1001 is Paid), and the answer
    reports that status. (The first two adapters chained a refund or a currency conversion after
    the result; docs/TRAINING_LOG.md.)"""
    import app
    from fc import agent
    from fc.model import load_model
    from fc.tools import open_world, tool_schemas

    loaded = load_model(str(ADAPTER))
    assert loaded.format == "hermes" and loaded.base == "gemma-3-270m"
    events = list(agent.run_agent(loaded, [{"role": "user", "content": "What's the status of my transaction T1001?"}],
                                  tool_schemas(app.default_tools()), world=open_world(), max_steps=3))
    calls = [e for e in events if isinstance(e, agent.Call)]
    observations = [e for e in events if isinstance(e, agent.Observation)]
    answers = [e for e in events if isinstance(e, agent.Answer)]
    assert calls and calls[0].name == "retrieve_payment_status" and calls[0].arguments == {"transaction_id": "T1001"}
    assert len(calls) == 1, calls  # the result answers the question: no second call chained after it
    assert observations and observations[0].ok and "Paid" in observations[0].content
    assert answers and "paid" in answers[-1].text.lower(), answers
    assert isinstance(events[-1], agent.Finish) and events[-1].reason == "answered"
