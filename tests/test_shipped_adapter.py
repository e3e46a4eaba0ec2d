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


def test_schema_guided_decoding_quotes_the_strings_the_adapter_leaves_bare():
    """BFCL simple_python 303 and 147: the adapter writes `"season":2019-2020` and
    `"companies":[Microsoft,Google]` (parse errors); guided by the schema, the same greedy pass
    writes well-formed calls with the quotes in (`"2 weeks"` for the string duration it wrote
    as `2`), and 303's is right."""
    from eval.cases import load_cases
    from eval.runner import generate_predictions, score_all
    from eval.scoring import Outcome, prediction_from_output
    from fc.model import load_model

    cases = [c for c in load_cases("bfcl:simple_python") if c.id in ("simple_python_147", "simple_python_303")]
    loaded = load_model(str(ADAPTER))
    outcomes = {}
    for guided in (False, True):
        records = generate_predictions(loaded, cases, "hermes", max_new_tokens=128, batch_size=2, settings={},
                                       cache=None, progress=False, guided=guided)
        scores = score_all(cases, [prediction_from_output(r.output, "hermes") for r in records])
        outcomes[guided] = [(s.outcome, r.output) for s, r in zip(scores, records)]
    assert [o for o, _ in outcomes[False]] == [Outcome.PARSE_ERROR] * 2, outcomes[False]
    assert Outcome.PARSE_ERROR not in [o for o, _ in outcomes[True]], outcomes[True]
    assert outcomes[True][1][0] is Outcome.CORRECT and '"season":"2019-2020"' in outcomes[True][1][1]
    assert '"duration":"2 weeks"' in outcomes[True][0][1]
