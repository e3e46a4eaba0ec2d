"""Turn canonical conversations into evaluation cases, one per assistant turn.

A case is prompted with the gold history up to its turn. A turn that calls tools
expects those calls; a turn that answers without a call, where tools were
available, expects no call. A BFCL record (as fc.data loads it: with
meta.possible_answer or meta.expect) is one case with BFCL's own id: irrelevance
categories expect no call, live_relevance any well-formed call, the others the
gold's calls (meta.possible_answer, every acceptable value). Other
cases are named "<conversation id>:<turn index>". Pure Python: no torch.

Example:
    python -m eval run --model tiny-random --dataset bfcl:simple_python --limit 8 --out runs/tiny
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Literal

from eval.scoring import first_acceptable_calls

Expect = Literal["call", "no_call", "any_call"]

# BFCL categories whose gold is "no call at all" and the one whose gold is "any call".
NO_CALL_CATEGORIES = frozenset({"irrelevance", "live_irrelevance"})
ANY_CALL_CATEGORIES = frozenset({"live_relevance"})


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    messages: list[dict]  # the prompt: gold history up to (not including) the scored turn
    tools: list[dict]  # OpenAI tool shape, prompt names
    expected_calls: list[dict] | None  # [] for no_call, None for any_call
    possible_answer: list[dict] | None  # BFCL acceptable values, or None for literal gold
    name_map: dict[str, str]  # prompt name -> original name
    expect: Expect


def _is_bfcl(conversation: dict) -> bool:
    """A BFCL record, as fc.data loads it: it carries acceptable-value gold or an expectation."""
    meta = conversation.get("meta") or {}
    return meta.get("possible_answer") is not None or meta.get("expect") is not None


def _bfcl_case(conversation: dict) -> Case:
    meta = conversation.get("meta") or {}
    category = meta.get("category") or "bfcl"
    messages = list(conversation["messages"])
    gold_turn: dict = {}
    while messages and isinstance(messages[-1], dict) and messages[-1].get("role") in ("assistant", "tool"):  # the gold answer the loader appended
        gold_turn = messages.pop()
    expect = meta.get("expect") or (
        "no_call" if category in NO_CALL_CATEGORIES else "any_call" if category in ANY_CALL_CATEGORIES else "call")
    if expect not in ("call", "no_call", "any_call"):
        raise ValueError(f"conversation {conversation.get('id')!r}: meta.expect: expected call, no_call or "
                         f"any_call, got {expect!r}")
    possible_answer = meta.get("possible_answer") if expect == "call" else None
    if expect == "call" and not possible_answer:
        raise ValueError(f"conversation {conversation.get('id')!r}: meta.possible_answer: "
                         f"BFCL category {category!r} needs its gold calls")
    if expect == "call":
        expected = gold_turn.get("tool_calls") or first_acceptable_calls(possible_answer)
    else:
        expected = [] if expect == "no_call" else None
    return Case(
        id=str(conversation["id"]),
        category=category,
        messages=messages,
        tools=list(conversation.get("tools") or []),
        expected_calls=expected,
        possible_answer=possible_answer,
        name_map=dict(meta.get("name_map") or {}),
        expect=expect,
    )


def cases_from_conversation(conversation: dict, *, number: int = 0) -> list[Case]:
    """Every scored turn of one conversation as a case (number names a conversation without id)."""
    if not isinstance(conversation, dict) or not isinstance(conversation.get("messages"), list):
        raise ValueError(f"conversation {number}: expected an object with a messages array")
    if not conversation.get("id"):
        conversation = {**conversation, "id": f"#{number}"}
    if _is_bfcl(conversation):
        return [_bfcl_case(conversation)]
    meta = conversation.get("meta") or {}
    tools = list(conversation.get("tools") or [])
    category = meta.get("category") or meta.get("source") or "default"
    cases = []
    for index, message in enumerate(conversation["messages"]):
        if not isinstance(message, dict) or message.get("role") != "assistant":
            continue
        calls = message.get("tool_calls") or []
        if not calls and not tools:  # plain chat without tools: nothing to score
            continue
        cases.append(Case(
            id=f"{conversation['id']}:{index}",
            category=category,
            messages=list(conversation["messages"][:index]),
            tools=tools,
            expected_calls=[{"name": c["name"], "arguments": c["arguments"]} for c in calls],
            possible_answer=None,
            name_map=dict(meta.get("name_map") or {}),
            expect="call" if calls else "no_call",
        ))
    return cases


def build_cases(conversations: list[dict], *, limit: int | None = None) -> list[Case]:
    """All cases of the conversations, in order; limit caps the number of cases."""
    cases: list[Case] = []
    for number, conversation in enumerate(conversations):
        cases.extend(cases_from_conversation(conversation, number=number))
        if limit is not None and len(cases) >= limit:
            cases = cases[:limit]
            break
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise ValueError(f"duplicate case id {case.id!r}: conversation ids must be unique")
        seen.add(case.id)
    return cases


def case_to_json(case: Case) -> str:
    """One case as JSON text (the `references` of the evaluate metric)."""
    return json.dumps(asdict(case), ensure_ascii=False, sort_keys=True)


def case_from_json(text: str) -> Case:
    """The inverse of case_to_json; a clear error names what is missing."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("a case must be a JSON object")
    missing = [f.name for f in fields(Case) if f.name not in data]
    if missing:
        raise ValueError(f"case {data.get('id')!r}: missing {', '.join(missing)}")
    if data["expect"] not in ("call", "no_call", "any_call"):
        raise ValueError(f"case {data['id']!r}: expect: expected call, no_call or any_call, got {data['expect']!r}")
    return Case(**{f.name: data[f.name] for f in fields(Case)})


def load_cases(spec: str, *, limit: int | None = None) -> list[Case]:
    """Cases of a dataset spec (any fc.data.load spec: data:heldout, bfcl:simple_python, a file, hf:...)."""
    from fc.data import load  # imported here: loaders may pull in heavier libraries

    return build_cases(load(spec), limit=limit)
