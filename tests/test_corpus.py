"""The generated corpus (fc.corpus): reproducible, well formed, honestly split, uncontaminated.

    .venv/bin/python -m pytest tests/test_corpus.py
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from random import Random

import pytest

from fc.conversation import check_tool_calls, validate_conversation
from fc.corpus import contamination, generate, surface
from fc.corpus.apis import CONCEPTS
from fc.corpus.kinds import make_kind

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = ("train", "heldout", "heldout-mini")


def _rows(name: str) -> list[dict]:
    with open(DATA / f"{name}.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def shipped() -> dict[str, list[dict]]:
    return {name: _rows(name) for name in FILES}


@pytest.fixture(scope="module")
def splits():
    return generate.build_splits(generate.CorpusConfig())


def _names(rows: list[dict]) -> set[str]:
    return {tool["function"]["name"] for row in rows for tool in row["tools"]}


# ------------------------------------------------------------------ reproducible


def test_generate_with_seed_0_reproduces_the_shipped_files_byte_for_byte(tmp_path, capsys):
    from fc.data import main

    assert main(["generate", "--seed", "0", "--out", str(tmp_path)]) == 0
    for name in FILES:
        made = hashlib.sha256((tmp_path / f"{name}.jsonl").read_bytes()).hexdigest()
        ours = hashlib.sha256((DATA / f"{name}.jsonl").read_bytes()).hexdigest()
        assert made == ours, f"data/{name}.jsonl differs from what `make data` generates: regenerate and commit it"
    assert "result: clean" in capsys.readouterr().out


def test_a_different_seed_gives_a_different_corpus(splits):
    train, _ = splits
    assert generate.draft(train, 0, 7) == generate.draft(train, 0, 7)
    assert generate.draft(train, 0, 7) != generate.draft(train, 1, 7)


def test_shipped_files_are_small_enough():
    assert sum((DATA / f"{name}.jsonl").stat().st_size for name in FILES) < 25 * 2**20


# ------------------------------------------------------------------ well formed


def test_every_shipped_row_validates(shipped):
    for name, rows in shipped.items():
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
        for row in rows:
            assert set(row) == {"id", "messages", "tools", "meta"}
            problems = validate_conversation(row) + check_tool_calls(row) + generate.integer_problems(row)
            assert problems == [], f"{name} {row['id']}: {problems[:3]}"
            for message in row["messages"]:
                if message.get("tool_calls"):
                    assert message.get("thinking"), f"{row['id']}: a call without its thinking line"


def test_shipped_files_load_as_data_specs(shipped):
    from fc.data import describe, load

    rows = load("data:heldout-mini")
    assert [row["id"] for row in rows] == [row["id"] for row in shipped["heldout-mini"]]
    assert describe(rows, tokenizer=None, formats=()).schema_problems == []


def test_sizes_and_the_mini_subset(shipped):
    assert 4000 <= len(shipped["train"]) <= 6000
    assert 500 <= len(shipped["heldout"]) <= 800
    assert 60 <= len(shipped["heldout-mini"]) <= 100
    heldout = {row["id"]: row for row in shipped["heldout"]}
    assert all(heldout[row["id"]] == row for row in shipped["heldout-mini"])


def test_the_mix_covers_every_conversation_kind(shipped):
    for name in ("train", "heldout"):
        kinds = Counter(row["meta"]["kind"] for row in shipped[name])
        assert set(kinds) == set(generate.KINDS), name
        assert min(kinds.values()) >= 0.02 * len(shipped[name]), kinds
    rows = shipped["train"]
    assert any(len(m.get("tool_calls") or []) > 2 for row in rows for m in row["messages"])  # parallel
    assert any(row["meta"]["kind"] == "irrelevance" and not any(m.get("tool_calls") for m in row["messages"])
               for row in rows)
    multi = [row for row in rows if row["meta"]["kind"] == "multi_step"]
    assert all(sum(bool(m.get("tool_calls")) for m in row["messages"]) >= 2 for row in multi)
    assert all(row["messages"][-1]["role"] == "assistant" and row["messages"][-1].get("content") for row in multi)
    missing = [row for row in rows if row["meta"]["kind"] == "missing"]
    assert all(not row["messages"][-3].get("tool_calls") and row["messages"][-3]["content"].endswith("?")
               for row in missing)  # it asks before it calls


def test_the_tool_that_fits_is_not_always_listed_first(shipped):
    """Where several tools are offered, the first call's tool sits anywhere in the list, about
    uniformly: a fixed position is a shortcut a model learns instead of reading the request."""
    for name in ("train", "heldout"):
        positions = Counter()
        for row in shipped[name]:
            offered = [tool["function"]["name"] for tool in row["tools"]]
            call = next((m["tool_calls"][0]["name"] for m in row["messages"] if m.get("tool_calls")), None)
            if row["meta"]["kind"] == "choose" and call in offered:
                positions[(offered.index(call), len(offered))] += 1
        for size in (2, 3, 4):
            counts = [positions[(i, size)] for i in range(size)]
            assert min(counts) >= 0.5 * sum(counts) / size, (name, size, counts)


def test_joint_requests_name_several_values_and_make_one_call(shipped):
    """Values of different parameters said together ("base and height of 6 and 10") make one call;
    several values of one or two parameters make several (parallel: "A and B for 20 and 15 minutes
    respectively"). Parallel thinking opens like a single call's and lists a varying parameter's values
    in call order ("duration=20 | 15"), so one call or several is decided where the second value is
    written. The second adapter split 44 of 400 single BFCL requests into two calls without the
    contrast; the third, trained with different openers for the two, made one call on all parallel ones."""
    joint = [row for row in shipped["train"] if row["meta"]["kind"] == "joint"]
    assert len(joint) >= 0.06 * len(shipped["train"])
    for row in joint:
        calls = [c for m in row["messages"] if m.get("tool_calls") for c in m["tool_calls"]]
        assert len(calls) == 1 and len(calls[0]["arguments"]) >= 2, row["id"]
        user = next(m["content"] for m in row["messages"] if m["role"] == "user")
        assert " and " in user and "respectively" not in user, row["id"]
    parallel = [row for row in shipped["train"] if row["meta"]["kind"] == "parallel"]
    varying = Counter()
    for row in parallel:
        turn = next(m for m in row["messages"] if m.get("tool_calls"))
        calls = turn["tool_calls"]
        differing = [key for key in calls[0]["arguments"]
                     if len({json.dumps(c["arguments"].get(key)) for c in calls}) > 1]
        varying[len(differing)] += 1
        assert len(differing) in (1, 2), row["id"]
        for key in differing:
            listed = " | ".join(json.dumps(c["arguments"][key], ensure_ascii=False) for c in calls)
            assert f"{key}={listed}" in turn["thinking"], row["id"]
        openers = [shape.split("{")[0] or calls[0]["name"] for shape in generate.CALL_THINKING]  # "{n} fits": the name
        assert turn["thinking"].startswith(tuple(openers)), row["id"]
    assert varying[2] >= 0.25 * len(parallel) and varying[1] >= 0.4 * len(parallel), varying


def test_answers_from_a_result_stop_beside_tools_that_could_be_chained(shipped):
    """`answer` rows: one call, then an answer, often with related tools offered that a model could
    call next (the demo's status question sits beside refund and convert tools); most answers think
    first, naming the tool whose result answers the request."""
    rows = [row for row in shipped["train"] if row["meta"]["kind"] == "answer"]
    assert len(rows) >= 0.1 * len(shipped["train"])
    for row in rows:
        assert sum(len(m.get("tool_calls") or []) for m in row["messages"]) == 1, row["id"]
        assert row["messages"][-1]["role"] == "assistant" and row["messages"][-1]["content"], row["id"]
    crowded = [row for row in rows if len(row["tools"]) >= 3]
    assert len(crowded) >= 0.4 * len(rows)
    thinking = [row for row in rows if row["messages"][-1].get("thinking")]
    assert 0.4 * len(rows) <= len(thinking) <= 0.8 * len(rows)
    for row in thinking:  # it names the tool that answered, or quotes its result
        said, result = row["messages"][-1]["thinking"], json.loads(row["messages"][-2]["content"])
        assert row["messages"][-3]["tool_calls"][0]["name"] in said or any(
            json.dumps(v, ensure_ascii=False) in said for v in result.values()), row["id"]


def test_the_demo_tool_is_trained_with_real_results(shipped):
    rows = [row for row in shipped["train"] if "retrieve_payment_status" in _names([row])]
    assert len(rows) >= 10
    results = [m for row in rows for m in row["messages"] if m["role"] == "tool" and m["name"] == "retrieve_payment_status"]
    from fc.tools import run_tool

    for message in results:
        transaction = json.loads(message["content"]).get("transaction_id")
        if transaction:
            assert message["content"] == run_tool("retrieve_payment_status", {"transaction_id": transaction}).content


# ------------------------------------------------------------------ the split


def test_no_held_out_tool_or_domain_appears_in_training(shipped, splits):
    train_split, heldout_split = splits
    train_names, heldout_names = _names(shipped["train"]), _names(shipped["heldout"])
    assert train_names.isdisjoint(heldout_names)
    assert train_names <= {f.name for f in train_split.functions}
    assert heldout_names <= {f.name for f in heldout_split.functions}
    domain_of = {f.name: f.domain for f in train_split.functions + heldout_split.functions}
    assert {domain_of[n] for n in train_names}.isdisjoint(generate.HELDOUT_DOMAINS)
    assert len({domain_of[n] for n in heldout_names} & set(generate.HELDOUT_DOMAINS)) >= 2
    assert "retrieve_payment_status" in train_names
    assert len({domain_of[n] for n in train_names}) >= 30


@pytest.mark.parametrize("seed", [0, 1])
def test_adding_concepts_moves_no_other_concept_between_train_and_held_out(monkeypatch, seed):
    config = generate.CorpusConfig(seed=seed)
    before = [{c.key for c in side} for side in generate.split_concepts(config)]
    # New concepts in a domain that already has some, and in a domain of their own.
    template = next(c for c in CONCEPTS if not c.executable and c.domain not in generate.HELDOUT_DOMAINS)
    added = [dataclasses.replace(template, key=f"{domain}.added_{i}", names=(f"added_{domain}_{i}",), domain=domain)
             for i in range(40) for domain in (template.domain, "newdomain")]
    monkeypatch.setattr(generate, "CONCEPTS", list(CONCEPTS) + added)
    after = [{c.key for c in side} for side in generate.split_concepts(config)]
    added_keys = {c.key for c in added}
    assert after[0] - added_keys == before[0] and after[1] - added_keys == before[1]
    # The new ones are split by the held-out share, not all on one side.
    assert 0 < len(after[1] & added_keys) < len(added_keys) / 2


def test_the_frozen_split_names_each_concept_on_one_side_and_holds_out_whole_domains():
    frozen = json.loads(generate.SPLIT_FILE.read_text())
    assert set(frozen["train"]).isdisjoint(frozen["heldout"])
    assert len(frozen["train"]) >= 100 and len(frozen["heldout"]) >= 40
    assert {c.key for c in CONCEPTS if not c.executable and c.domain in generate.HELDOUT_DOMAINS} <= set(frozen["heldout"])


def test_the_catalogue_spans_30_domains_and_every_executable_tool():
    from fc.tools import TOOLS

    synthetic = {c.domain for c in CONCEPTS if not c.executable}
    assert len(synthetic) >= 30
    assert {c.names[0] for c in CONCEPTS if c.executable} == set(TOOLS)
    types = {make_kind(prm.kind).type for c in CONCEPTS for prm in c.params}
    assert types >= {"string", "integer", "number", "boolean", "array", "object"}
    assert any("enum" in make_kind(prm.kind).schema for c in CONCEPTS for prm in c.params)


# ------------------------------------------------------------------ contamination


def test_contamination_check_passes_on_the_shipped_data(capsys):
    assert contamination.main(["data:train", "bfcl:all"]) == 0
    assert contamination.main(["data:heldout", "bfcl:all"]) == 0
    assert contamination.main(["data:train", "data:heldout"]) == 0
    out = capsys.readouterr().out
    assert out.count("result: clean") == 3 and "bfcl:all" in out and "shared tool names: 0" in out


def test_contamination_check_runs_through_fc_data(capsys):
    from fc.data import main

    assert main(["check-contamination", "data:heldout-mini", "bfcl:simple_python"]) == 0
    assert "compared data:heldout-mini" in capsys.readouterr().out


def test_contamination_check_catches_planted_rows(tmp_path, capsys, shipped):
    bfcl = contamination.read_bfcl("simple_python")
    name = sorted(n for n in bfcl.names if "." not in n)[0]
    question = bfcl.questions[0][1]
    words = question.split()
    paraphrase = " ".join(words[:-2] + ["please", words[-1]])  # one word changed: still a copy
    planted = [
        {"id": "plant-name", "tools": [{"type": "function", "function": {"name": name, "parameters": {"type": "object"}}}],
         "messages": [{"role": "user", "content": "hello there"}, {"role": "assistant", "content": "hi"}]},
        {"id": "plant-question", "tools": [],
         "messages": [{"role": "user", "content": paraphrase}, {"role": "assistant", "content": "ok"}]},
    ]
    path = tmp_path / "planted.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in shipped["heldout-mini"][:5] + planted), encoding="utf-8")
    assert contamination.main([str(path), "bfcl:simple_python"]) == 1
    out = capsys.readouterr().out
    assert f"shared tool names: 1\n  {name}" in out
    assert "plant-question messages[0]" in out and "result: CONTAMINATED" in out
    # a held-out tool name planted in training is caught too
    heldout_tool = shipped["heldout"][0]["tools"][0]
    planted[0]["tools"] = [heldout_tool]
    path.write_text("".join(json.dumps(r) + "\n" for r in shipped["train"][:5] + planted[:1]), encoding="utf-8")
    assert contamination.main([str(path), "data:heldout"]) == 1


def test_normalised_near_duplicates():
    assert contamination.normalise("  What's the AREA,  of a circle?") == "whats the area of a circle"
    index = contamination.QuestionIndex([("q", "Find the area of a triangle with a base of 10 units and height of 5 units.")])
    assert index.match("find the area of a triangle with a base of 10 units and height of 5 units") is not None
    assert index.match("Find the area of a triangle with a base of 12 units and height of 5 units.") is not None
    assert index.match("Compute the perimeter of a square whose side is 4 meters.") is None


def test_the_generator_refuses_to_write_contaminated_files(tmp_path, monkeypatch, capsys):
    from fc.tools import TOOLS

    fake = contamination.Side(spec="bfcl:all", names=set(TOOLS))
    monkeypatch.setattr(contamination, "read_bfcl", lambda category="all": fake)
    monkeypatch.setattr(contamination, "bfcl_function_names", lambda: frozenset())
    assert generate.main(["--seed", "0", "--out", str(tmp_path), "--train", "200", "--heldout", "40",
                          "--heldout-mini", "5"]) == 1
    assert list(tmp_path.iterdir()) == []
    assert "CONTAMINATED" in capsys.readouterr().out


# ------------------------------------------------------------------ surface forms and arguments


def _read_number(text: str) -> float:
    """A number as a request writes it ("1,200", "5k", "two and a half", "a dozen", "$3.5 million")."""
    text = text.lower().replace(",", "").replace("$", "").replace("€", "").replace("£", "").strip()
    scale = 1
    for suffix, factor in ((" million", 1e6), ("k", 1e3)):
        if text.endswith(suffix):
            text, scale = text[: -len(suffix)].strip(), factor
    fractions = {"and a half": 0.5, "and a quarter": 0.25, "and three quarters": 0.75}
    for words, value in fractions.items():
        if text.endswith(words):
            return (surface.parse_number_words(text[: -len(words)]) + value) * scale
    if text in ("a half", "a quarter", "three quarters"):
        return {"a half": 0.5, "a quarter": 0.25, "three quarters": 0.75}[text]
    if re.fullmatch(r"-?[\d.]+", text):
        return float(text) * scale
    if text.endswith(" thousand"):
        return surface.parse_number_words(text[:-9]) * 1000
    return surface.parse_number_words(text) * scale


@pytest.mark.parametrize("spec,unit_words", [
    ("int(1,5000)", ()), ("num(0,100,2)", ()), ("qty.km(1,500,1)", ("kilometer", "km")),
    ("iqty.year(1,40)", ("year", "yrs")), ("money(10,90000)", ("dollars", "USD", "")),
    ("pct(1,15,2)", ("%", "percent")), ("frac(1,12,2)", ("%", "percent")),
])
def test_a_stated_number_reads_back_as_the_argument(spec, unit_words):
    kind = make_kind(spec)
    rng = Random(3)
    for _ in range(300):
        fact = kind.sample(rng)
        said = kind.say(rng, fact)
        argument = kind.argument(fact)
        number = re.sub(r"\s*(%|percent|kilometers?|km|years?|yrs|dollars|USD)$", "", said).strip()
        value = _read_number(number)
        expected = argument * 100 if spec.startswith("frac") else argument
        assert value == pytest.approx(expected), f"{spec}: {said!r} -> {argument!r}"
        if spec.startswith(("int", "iqty")):
            assert isinstance(argument, int) and not isinstance(argument, bool)
        if unit_words and unit_words != ("dollars", "USD", ""):
            assert any(w in said for w in unit_words), said


def test_rates_without_a_stated_convention_are_decimal_fractions(shipped):
    """A schema that says only "The annual interest rate." means 0.05 for 5% (numpy-financial's and
    BFCL's convention); the third adapter wrote 5. Percent-valued parameters always say so."""
    neutral = Counter()
    for row in shipped["train"]:
        calls = {c["name"]: c["arguments"] for m in row["messages"] for c in m.get("tool_calls") or []}
        for tool in row["tools"]:
            for name, schema in tool["function"]["parameters"]["properties"].items():
                said = schema.get("description", "")
                if name in calls.get(tool["function"]["name"], {}) and (
                        "as a decimal" in said or re.fullmatch(r"The [a-z ]+ rate\.", said)):
                    neutral["neutral" if said.endswith(" rate.") else "explicit"] += 1
                    assert 0 <= calls[tool["function"]["name"]][name] < 1, (row["id"], name, said)
    assert neutral["neutral"] >= 20 and neutral["explicit"] >= 20, neutral


def test_rates_are_decimal_fractions_more_often_than_percents(shipped):
    """Most rate parameters in training take 0.05 for 5%: adapters trained where percent-valued
    rates (the loan's rate, the savings plan's return) were nearly as common as decimal ones wrote
    5 for "5%" on 12 of BFCL simple_python's rate cases, three of them described as decimal."""
    written = Counter()
    for row in shipped["train"]:
        for message in row["messages"]:
            for call in message.get("tool_calls") or []:
                for name, value in call["arguments"].items():
                    if re.search(r"(^|_)(rate|return)$", name) and isinstance(value, (int, float)):
                        written["decimal" if 0 <= value < 1 else "percent"] += 1
    assert written["decimal"] > 1.5 * written["percent"], written


def test_a_length_said_with_a_unit_reads_back_as_its_number_and_unit():
    kind, units = make_kind("mqty.len(1,500,1)"), make_kind("unitof.radius")
    rng = Random(4)
    bare = 0
    for _ in range(300):
        fact = kind.sample(rng)
        said, (number, unit) = kind.say(rng, fact), fact
        assert kind.argument(fact) == number
        if unit is None:
            bare += 1
            assert _read_number(said) == pytest.approx(number), said
        else:
            assert said.endswith(unit) and _read_number(said[: -len(unit)]) == pytest.approx(number), said
    assert 30 < bare < 120
    assert units.type == "string" and units.unit_of == "radius" and "enum" not in units.schema


def test_a_unit_said_with_a_length_is_the_unit_argument(shipped, splits):
    """BFCL's geometry gold writes the unit a length was given in ("a radius of 5cm" -> radius 5,
    unit "cm"), and leaves it out when none was said; attempt 23 left it out on 4 of the first 100
    parallel cases and simple_python_7. A unit is never phrased apart from its value."""
    train, _ = splits
    holders = {f.name: next(b for b in f.params if b.kind.unit_of) for f in train.functions
               if any(b.kind.unit_of for b in f.params)}
    assert len({f.concept.key for f in train.functions if f.name in holders}) >= 5
    with_unit = without = 0
    for row in shipped["train"]:
        user = " ".join(m["content"] for m in row["messages"] if m["role"] == "user")
        for message in row["messages"]:
            for call in message.get("tool_calls") or []:
                if call["name"] not in holders:
                    continue
                unit = call["arguments"].get(holders[call["name"]].name)
                if unit is None:
                    without += 1
                    continue
                with_unit += 1
                assert re.search(rf"\w ?{re.escape(unit)}\b", user), (unit, user)
                assert not re.search(rf"\b(in|unit|units) {re.escape(unit)}\b", user), user
    assert with_unit >= 80 and without >= 20, (with_unit, without)
    assert not [row["id"] for row in shipped["train"] for m in row["messages"]
                if m["role"] == "user" and re.search(r"\bNone\b", m["content"])]


def test_parallel_sets_said_one_by_one_make_one_call_each(shipped):
    """Parallel requests that say each call's values together ("for two cases. In the first, ...
    In the second, ...", "for the pairs of ... (1100, 20.72) and (1200, 6.7)") make exactly one call
    per set, and two calls are the commonest count: attempts 24 and 26 added a third call to 17-19
    of BFCL's first 100 parallel requests, mostly ones that say two sets in long sentences."""
    words = {"two": 2, "three": 3, "four": 4}
    ordinals = ("first", "second", "third", "fourth", "fifth")
    counts, sets, pairs = Counter(), 0, 0
    for row in shipped["train"]:
        if row["meta"]["kind"] != "parallel":
            continue
        user = " ".join(m["content"] for m in row["messages"] if m["role"] == "user")
        calls = next(m for m in row["messages"] if m["role"] == "assistant")["tool_calls"]
        counts[len(calls)] += 1
        said = re.search(r" for (two|three|four) (cases|sets of values|scenarios)\. ", user)
        if said:
            sets += 1
            n = words[said.group(1)]
            assert len(calls) == n, (row["id"], user)
            assert all(re.search(rf"(In the|The) {o}\b", user) for o in ordinals[:n]), user
            assert not re.search(rf"\b{ordinals[n]}\b", user), user
        shown = re.findall(r"\((-?[\d.e+-]+), (-?[\d.e+-]+)\)", user) if " for the pairs of " in user else []
        if shown:
            pairs += 1
            assert len(shown) == len(calls), (row["id"], user)
            for (x, y), call in zip(shown, calls):
                values = [v for v in call["arguments"].values() if isinstance(v, (int, float))]
                assert float(x) in values and float(y) in values, (row["id"], x, y, call)
    assert sets >= 40 and pairs >= 10, (sets, pairs)
    assert counts[2] > counts[3] > counts[4] > 0, counts


def test_irrelevance_thinking_opens_like_a_call_and_says_what_the_tools_do(shipped):
    """Half of the irrelevance thoughts open as call thoughts do ("The user wants to ..."), then say
    what the offered tools do: the third adapter, whose call thoughts alone opened that way, called an
    unrelated tool on 38 of 50 BFCL irrelevance cases right after writing that opener."""
    rows = [row for row in shipped["train"] if row["meta"]["kind"] == "irrelevance"]
    opened = [row for row in rows if row["messages"][1].get("thinking", "").startswith(("The user wants to", "To "))]
    assert 0.35 * len(rows) <= len(opened) <= 0.75 * len(rows)
    for row in opened:
        assert any(f"{tool['function']['name']} can " in row["messages"][1]["thinking"] for tool in row["tools"]), row["id"]


def test_every_first_turn_that_makes_no_call_opens_with_the_same_token(shipped):
    """Greedy decoding picks a token, not a decision: attempt 12's declines were spread over "Sorry",
    "None" and "I", and lost to <tool_call> on 20 BFCL irrelevance cases where they outweighed it
    together. Declines and questions for a missing value all open with "I", so the choice not to
    call is one token's probability."""
    from fc.model import load_tokenizer

    tokenizer = load_tokenizer("gemma-3-270m")
    first_tokens = Counter()
    for split in ("train", "heldout"):
        for row in shipped[split]:
            first = next(m for m in row["messages"] if m["role"] == "assistant")
            if not first.get("tool_calls"):
                first_tokens[tokenizer.encode(first["content"], add_special_tokens=False)[0]] += 1
    assert [tokenizer.decode([token]) for token in first_tokens] == ["I"], first_tokens
    assert sum(first_tokens.values()) >= 0.2 * len(shipped["train"])


def test_dates_are_said_many_ways_and_written_in_the_schema_layout():
    kind = make_kind("date.us")
    rng = Random(1)
    forms = set()
    for _ in range(200):
        fact = kind.sample(rng)
        said = kind.say(rng, fact)
        assert re.fullmatch(r"\d\d/\d\d/\d{4}", kind.argument(fact))
        assert str(fact.year) in said
        forms.add(re.sub(r"\d+", "9", said.replace(surface.MONTHS[fact.month - 1], "M")))
    assert len(forms) >= 5


def test_quoted_values_in_requests_are_copied_verbatim_into_calls(shipped):
    checked = 0
    for row in shipped["train"]:
        if row["meta"]["kind"] not in ("single", "choose", "optional", "answer"):
            continue
        user = next(m["content"] for m in row["messages"] if m["role"] == "user")
        strings = [v for m in row["messages"] for c in m.get("tool_calls") or [] for v in _leaves(c["arguments"])
                   if isinstance(v, str)]
        for quoted in re.findall(r"(?<!\w)[\"“']([^\"”']{6,})[\"”'](?!\w)", user):
            assert quoted in strings, f"{row['id']}: {quoted!r} not copied into {strings}"
            checked += 1
    assert checked > 100


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def test_optional_arguments_are_in_the_call_exactly_when_stated(splits):
    train, _ = splits
    fn = next(f for f in train.functions if not f.concept.executable and sum(not b.required for b in f.params) >= 2)
    optional = [b.param.names[0] for b in fn.params if not b.required]
    rng = Random(5)
    for stated in ([], optional[:1], optional):
        facts = generate._facts(fn, rng)
        text = generate.request_clause(fn, facts, stated, rng)
        arguments = generate._arguments(fn, facts, stated)
        named = {b.param.names[0]: b.name for b in fn.params}
        assert {k for k in arguments if k not in {named[n] for n in stated}} == \
            {b.name for b in fn.params if b.required}
        for name in stated:
            bound = fn.bound(name)
            if bound.kind.type == "string" and "enum" not in bound.kind.schema:
                assert facts[name] in text or str(bound.kind.argument(facts[name])) in text


def test_a_number_glued_to_letters_is_written_in_digits(splits):
    """"s{season}e{episode}" reads "s6e19": a number said in words there ("shalf a dozene19") is garbage."""
    fn = next(f for split in splits for f in split.functions if any("s{season}e{episode}" in a for a in f.concept.asks))
    glued = 0
    for seed in range(60):
        rng = Random(seed)
        text = generate.request_clause(fn, generate._facts(fn, rng), [], rng)
        if "season" not in text:
            glued += 1
            assert re.search(r" s\d+e\d+\b", text), text
    assert glued >= 10


def test_numbers_in_single_call_rows_appear_in_the_request(shipped):
    """Spot check: a number argument of a one-call row is stated in the user's words (digits, words, k,
    million, a percent for a fraction), never invented."""
    checked = failures = 0
    for row in shipped["train"][:1500]:
        if row["meta"]["kind"] not in ("single", "choose", "joint"):
            continue
        user = " ".join(m["content"] for m in row["messages"] if m["role"] == "user").lower().replace(",", "")
        call = next(m for m in row["messages"] if m.get("tool_calls"))["tool_calls"][0]
        for value in _leaves(call["arguments"]):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            checked += 1
            candidates = {surface.plain_number(value), surface.plain_number(round(value * 100, 6)),
                          surface.plain_number(value / 1000) + "k", surface.plain_number(value / 1e6) + " million"}
            if float(value).is_integer() and 0 <= value < 1000:
                candidates.add(surface.number_words(int(value)))
            if float(value).is_integer() and value in (6, 12, 24, 36, 100, 1000):
                candidates |= {"dozen", "a hundred", "a thousand"}
            if not any(c in user for c in candidates) and not re.search(r"\b(and a half|quarter)", user):
                failures += 1
    assert checked > 300
    assert failures <= 0.01 * checked, f"{failures} of {checked} numbers not found in the request"


@pytest.mark.parametrize("spec", ["money(0,1)", "num(0.5,3,2)", "qty.m(1,5,1)"])
def test_a_range_under_ten_wide_seldom_draws_a_whole_number(spec):
    # A price per kWh drawn from (0, 1) used to come out $0 or $1 nearly half the time; now only
    # a decimal that rounds to a whole number (0.96 at one place) gives one.
    kind = make_kind(spec)
    rng = Random(0)
    values = [kind.sample(rng) for _ in range(1000)]
    assert sum(float(v).is_integer() for v in values) < 150
