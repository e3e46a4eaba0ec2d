"""fc.agent: the Think -> Act -> Observe loop.

The loop logic is checked with a scripted "model" (a stream function that replays fixed
generations, so each branch is hit deterministically); the real loop runs end to end on
tiny-random, whose random output must end in bounded steps without an exception.
"""

from __future__ import annotations

import json

import pytest

from fc import agent
from fc.agent import Answer, Call, Finish, Observation, ParseFailure, Partial, Thought, run_agent
from fc.formats import get_format
from fc.tools import open_world, tool_from_schema, tool_schemas

HERMES = get_format("hermes")
USER = [{"role": "user", "content": "What's the status of my transaction T1001?"}]


def call_text(name: str, arguments: dict, thinking: str | None = None) -> str:
    """What a model writes for a call, in hermes (rendered by the format itself)."""
    message = {"role": "assistant", "content": "", "tool_calls": [{"name": name, "arguments": arguments}]}
    if thinking:
        message["thinking"] = thinking
    return HERMES.assistant_body(message)


class Script:
    """A stand-in for fc.inference.stream: each call replays the next scripted generation in
    growing pieces, and records the prompt it was given."""

    def __init__(self, *generations: str):
        self.generations = list(generations)
        self.prompts: list[str] = []

    def __call__(self, loaded, prompt: str, *, max_new_tokens: int = 256):
        self.prompts.append(prompt)
        text = self.generations.pop(0) if self.generations else "I am done."
        for end in range(0, len(text), 7):
            yield text[:end + 7]


def run(script: Script, tools=None, **kw) -> list:
    tools = tool_schemas(["retrieve_payment_status"]) if tools is None else tools
    kw.setdefault("world", open_world())
    return list(run_agent(None, USER, tools, stream=script, **kw))


def kinds(events) -> list[str]:
    return [type(e).__name__ for e in events if not isinstance(e, Partial)]


def test_call_observe_answer():
    script = Script(call_text("retrieve_payment_status", {"transaction_id": "T1001"}, "The user wants the status."),
                    "Your transaction T1001 has been paid.")
    events = run(script)
    assert kinds(events) == ["Thought", "Call", "Observation", "Answer", "Finish"]
    thought, call, observation, answer, finish = [e for e in events if not isinstance(e, Partial)]
    assert thought.text == "The user wants the status."
    assert (call.name, call.arguments, call.valid, call.problems) == (
        "retrieve_payment_status", {"transaction_id": "T1001"}, True, ())
    assert observation.ok and observation.source == "tool"
    assert json.loads(observation.content) == {"transaction_id": "T1001", "status": "Paid"}
    assert answer.text == "Your transaction T1001 has been paid."
    assert (finish.reason, finish.steps) == ("answered", 2)
    # Observe: the second prompt carries the call and the tool's result back to the model.
    assert "<tool_response>" in script.prompts[1] and '"status":"Paid"' in script.prompts[1].replace(" ", "")
    roles = [m["role"] for m in finish.messages]
    assert roles == ["user", "assistant", "tool", "assistant"]
    assert finish.messages[1]["tool_calls"] == [{"name": "retrieve_payment_status",
                                                 "arguments": {"transaction_id": "T1001"}}]
    # Streaming: partial texts grow within a step.
    partials = [e.text for e in events if isinstance(e, Partial) and e.step == 2]
    assert partials[-1] == "Your transaction T1001 has been paid." and len(partials) > 1


def test_invalid_arguments_become_the_tool_message_and_the_loop_goes_on():
    script = Script(call_text("retrieve_payment_status", {"id": "T1001"}), "Sorry.")
    events = run(script)
    call = next(e for e in events if isinstance(e, Call))
    observation = next(e for e in events if isinstance(e, Observation))
    assert not call.valid
    assert any("'transaction_id' is required" in p for p in call.problems)
    assert any("Unknown argument 'id'" in p for p in call.problems)
    assert not observation.ok and "transaction_id" in json.loads(observation.content)["error"]
    assert events[-1].reason == "answered" and events[-1].steps == 2


def test_a_tool_that_fails_returns_its_error_as_the_result():
    script = Script(call_text("retrieve_payment_status", {"transaction_id": "T9999"}), "No such transaction.")
    observation = next(e for e in run(script) if isinstance(e, Observation))
    assert not observation.ok and observation.source == "tool"
    assert "No transaction with id" in json.loads(observation.content)["error"]


def test_a_tool_that_was_not_offered_is_not_run():
    script = Script(call_text("refund_payment", {"transaction_id": "T1001", "reason": "x"}), "ok")
    world = open_world()
    events = run(script, world=world)
    call = next(e for e in events if isinstance(e, Call))
    assert not call.valid and "Unknown tool 'refund_payment'" in call.problems[0]
    assert "retrieve_payment_status" in call.problems[0]  # it names what is offered
    assert world.query_one("SELECT status FROM transactions WHERE id = 'T1001'")["status"] == "Paid"


def test_stateful_tools_act_on_the_world_given():
    world = open_world()
    script = Script(call_text("refund_payment", {"transaction_id": "T1001", "reason": "damaged"}),
                    call_text("retrieve_payment_status", {"transaction_id": "T1001"}), "Refunded.")
    events = run(script, tools=tool_schemas(["refund_payment", "retrieve_payment_status"]), world=world)
    observations = [e for e in events if isinstance(e, Observation)]
    assert [o.ok for o in observations] == [True, True]
    assert json.loads(observations[1].content)["status"] == "Refunded"
    assert world.query_one("SELECT status FROM transactions WHERE id = 'T1001'")["status"] == "Refunded"


def test_parallel_calls_in_one_step():
    text = HERMES.assistant_body({"role": "assistant", "content": "", "tool_calls": [
        {"name": "retrieve_payment_status", "arguments": {"transaction_id": "T1001"}},
        {"name": "retrieve_payment_status", "arguments": {"transaction_id": "T1003"}}]})
    events = run(Script(text, "Paid and failed."))
    observations = [e for e in events if isinstance(e, Observation)]
    assert [(o.step, o.index) for o in observations] == [(1, 0), (1, 1)]
    assert [json.loads(o.content)["status"] for o in observations] == ["Paid", "Failed"]
    assert [m["role"] for m in events[-1].messages] == ["user", "assistant", "tool", "tool", "assistant"]


def test_garbage_is_a_parse_failure_not_an_exception():
    raw = '<tool_call>\n{"name": "retrieve_payment_status", "arguments": {"transaction_id": T1001}\n</tool_call>'
    events = run(Script(raw))
    failure = next(e for e in events if isinstance(e, ParseFailure))
    assert failure.kind == "invalid_json" and "T1001" in failure.raw
    assert not any(isinstance(e, Call) for e in events)
    assert events[-1] == Finish(1, "parse_error", events[-1].messages)
    assert events[-1].messages[-1]["role"] == "assistant" and "T1001" in events[-1].messages[-1]["content"]


def test_the_loop_is_bounded():
    always = call_text("retrieve_payment_status", {"transaction_id": "T1001"})
    script = Script(*[always] * 10)
    events = run(script, max_steps=3)
    assert len(script.prompts) == 3
    assert [e.step for e in events if isinstance(e, Observation)] == [1, 2, 3]
    assert events[-1].reason == "max_steps" and events[-1].steps == 3
    assert sum(isinstance(e, Finish) for e in events) == 1


def test_a_pasted_tool_gets_the_result_the_user_typed():
    pasted = tool_from_schema(json.dumps({"name": "get_loyalty_points", "description": "Points of a customer.",
                                          "parameters": {"type": "object", "properties": {
                                              "customer_id": {"type": "string"}}, "required": ["customer_id"]}}))
    call = call_text("get_loyalty_points", {"customer_id": "C001"})
    typed = run(Script(call, "You have 120 points."), tools=[pasted], user_tool_results={"get_loyalty_points": '{"points": 120}'})
    observation = next(e for e in typed if isinstance(e, Observation))
    assert (observation.ok, observation.content, observation.source) == (True, '{"points": 120}', "user")
    # A callback gets the arguments; with nothing typed the model is told there is no result.
    seen = []
    run(Script(call, "ok"), tools=[pasted], user_tool_results=lambda name, args: seen.append((name, args)) or "42")
    assert seen == [("get_loyalty_points", {"customer_id": "C001"})]
    missing = next(e for e in run(Script(call, "ok"), tools=[pasted]) if isinstance(e, Observation))
    assert (missing.ok, missing.content, missing.source) == (False, agent.NO_RESULT, "none")
    # A pasted schema that borrows a shipped tool's name is still a pasted tool: it does not run.
    borrowed = tool_from_schema(json.dumps({"name": "retrieve_payment_status", "description": "Mine.",
                                            "parameters": {"type": "object", "properties": {"ref": {"type": "string"}}}}))
    mine = next(e for e in run(Script(call_text("retrieve_payment_status", {"ref": "x"}), "ok"), tools=[borrowed],
                               user_tool_results={"retrieve_payment_status": "typed"}) if isinstance(e, Observation))
    assert (mine.ok, mine.content, mine.source) == (True, "typed", "user")
    # Arguments of pasted tools are validated too.
    bad = next(e for e in run(Script(call_text("get_loyalty_points", {}), "ok"), tools=[pasted]) if isinstance(e, Call))
    assert not bad.valid and "'customer_id' is required" in bad.problems[0]


def test_a_plain_answer_is_one_step():
    events = run(Script("Hello! How can I help?"))
    assert kinds(events) == ["Answer", "Finish"]
    assert events[-1].reason == "answered" and len(events[-1].messages) == 2


def test_the_format_follows_the_model_unless_given():
    class Loaded:
        format = "mistral"

    script = Script("ok")
    list(run_agent(Loaded(), USER, tool_schemas(["retrieve_payment_status"]), stream=script, world=open_world()))
    assert "[AVAILABLE_TOOLS]" in script.prompts[0]
    script = Script("ok")
    list(run_agent(Loaded(), USER, tool_schemas(["retrieve_payment_status"]), format="hermes", stream=script))
    assert "<tools>" in script.prompts[0]


def test_guided_runs_stream_with_a_guide_for_the_offered_tools():
    guides = []

    def stream(loaded, prompt, *, max_new_tokens=256, guide=None):
        guides.append(guide)
        yield "Done."

    tools = tool_schemas(["retrieve_payment_status", "retrieve_payment_date"])
    list(run_agent(None, USER, tools, stream=stream, world=open_world(), guided=True))
    (guide,) = guides
    assert list(guide.schemas) == ["retrieve_payment_status", "retrieve_payment_date"]
    assert guide.check('{"name":"retrieve_payment_status","arguments":{"transaction_id":7') == "invalid"
    list(run_agent(None, USER, tools, stream=Script("ok"), world=open_world()))  # unguided: no guide= passed


@pytest.fixture(scope="module")
def tiny():
    from fc.model import load_model

    return load_model("tiny-random")


def test_real_loop_on_tiny_random(tiny):
    """Random weights write random tokens: the loop must stream, parse, and stop within bounds."""
    events = list(run_agent(tiny, USER, tool_schemas(["retrieve_payment_status", "retrieve_payment_date"]),
                            world=open_world(), max_steps=2, max_new_tokens=12))
    assert any(isinstance(e, Partial) for e in events)
    finish = events[-1]
    assert isinstance(finish, Finish) and 1 <= finish.steps <= 2
    assert finish.reason in ("answered", "max_steps", "parse_error")
    assert finish.messages[0] == USER[0] and finish.messages[1]["role"] == "assistant"
    assert sum(isinstance(e, Finish) for e in events) == 1
    for event in events:
        assert isinstance(event, (Partial, Thought, Call, Observation, ParseFailure, Answer, Finish))
