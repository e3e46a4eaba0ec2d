"""eval.compare: two scored runs case by case, with an exact McNemar test (no model needed:
the runs are scored prediction files, as `eval score` writes them)."""

from __future__ import annotations

import json

import pytest

from eval.__main__ import main
from eval.cases import load_cases
from eval.compare import compare, flipped, mcnemar_exact, meta_groups, read_run, render
from eval.runner import score_file
from eval.scoring import first_acceptable_calls


def test_mcnemar_exact_is_the_two_sided_binomial_tail_of_the_discordant_cases():
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(0, 10) == pytest.approx(2 / 1024)  # ten flips all one way
    assert mcnemar_exact(10, 0) == mcnemar_exact(0, 10)
    assert mcnemar_exact(3, 1) == pytest.approx(2 * 5 / 16)  # P(X <= 1) for Binomial(4, 1/2), doubled
    assert mcnemar_exact(5, 5) == 1.0  # capped


def _score(tmp_path, name: str, dataset: str, calls_by_id: dict[str, list[dict]], limit: int | None = None):
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps({"id": i, "tool_calls": c}) + "\n" for i, c in calls_by_id.items()))
    score_file(dataset, path, tmp_path / name, model=name, limit=limit)
    return tmp_path / name


def _gold(case) -> list[dict]:
    return first_acceptable_calls(case.possible_answer) if case.possible_answer else list(case.expected_calls or [])


def test_two_scored_runs_compared_case_by_case_and_per_kind(tmp_path):
    cases = load_cases("data:heldout-mini")
    half = len(cases) // 2
    gold = _score(tmp_path, "gold", "data:heldout-mini", {c.id: _gold(c) for c in cases})
    # The second run says nothing from halfway on: right there only where no call was expected.
    silent = _score(tmp_path, "silent", "data:heldout-mini",
                    {c.id: _gold(c) if n < half else [] for n, c in enumerate(cases)})
    a, b = read_run(gold), read_run(silent)
    lost = [c.id for c in cases[half:] if c.expect == "call"]
    assert lost, "the mini set has calls in its second half"

    overall = compare(a, b)[0]
    assert (overall.group, overall.n) == ("all", len(cases))
    assert (overall.both, overall.only_a, overall.only_b, overall.neither) == (len(cases) - len(lost), len(lost), 0, 0)
    assert overall.p_value == pytest.approx(mcnemar_exact(len(lost), 0)) and overall.p_value < 0.001
    assert flipped(a, b) == (lost, [])

    kinds = meta_groups("data:heldout-mini", "kind")
    by_kind = compare(a, b, groups=kinds)
    assert by_kind[0] == overall
    assert {p.group for p in by_kind[1:]} == set(kinds.values()) >= {"single", "parallel", "irrelevance"}
    assert sum(p.n for p in by_kind[1:]) == len(cases)
    assert next(p for p in by_kind if p.group == "irrelevance").only_a == 0  # silence is right there

    text = render(a, b, show=2, groups=kinds)
    assert text.startswith(f"A: gold ({len(cases)} cases)\nB: silent ({len(cases)} cases)\n")
    assert f"| all | {len(cases)} | 100.0% |" in text
    assert f"Right only in A ({len(lost)}, first 2):" in text and "Right only in B" not in text
    assert f"- {lost[0]}: A {cases[[c.id for c in cases].index(lost[0])].expected_calls[0]['name']}(" in text
    assert "| B no call" in text


def test_runs_of_other_cases_compare_only_the_shared_ids_and_say_so(tmp_path):
    simple = load_cases("bfcl:simple_python", limit=6)
    a = _score(tmp_path, "a", "bfcl:simple_python", {c.id: _gold(c) for c in simple}, limit=6)
    b_rows = tmp_path / "b.jsonl"  # a bare cases.jsonl: four of a's cases, the last two wrong
    rows = [json.loads(line) for line in (a / "cases.jsonl").read_text().splitlines()][:4]
    for row in rows[2:]:
        row.update(ast_match=False, args_exact=False)
    b_rows.write_text("".join(json.dumps(r) + "\n" for r in rows))
    text = render(read_run(a), read_run(b_rows))
    assert "note: 2 ids only in A, 0 only in B; left out" in text
    assert "| all | 4 | 100.0% | 50.0% | -50.0 | 2 | 0 |" in text
    assert "note: different datasets (bfcl:simple_python / None)" in text


def test_bad_runs_are_named_with_file_and_line(tmp_path, capsys):
    path = tmp_path / "cases.jsonl"
    row = '{"id": "a", "ast_match": true, "name_match": true, "args_exact": true}\n'
    for text, message in [
        (row + "not json\n", "cases.jsonl:2: not JSON"),
        ('{"ast_match": true}\n', "cases.jsonl:1: expected an object with a string id"),
        (row.replace("true", "1", 1), "cases.jsonl:1: ast_match is not"),
        (row * 2, "cases.jsonl:2: duplicate id"),
    ]:
        path.write_text(text)
        with pytest.raises(ValueError, match=message):
            read_run(tmp_path)
    with pytest.raises(FileNotFoundError, match="nowhere: no such file"):
        read_run(tmp_path / "nowhere")
    assert main(["compare", str(tmp_path), str(tmp_path / "nowhere")]) == 1
    assert "error:" in capsys.readouterr().err


def test_compare_cli(tmp_path, capsys):
    cases = load_cases("bfcl:irrelevance", limit=5)
    quiet = _score(tmp_path, "quiet", "bfcl:irrelevance", {c.id: [] for c in cases}, limit=5)
    chatty = _score(tmp_path, "chatty", "bfcl:irrelevance",
                    {c.id: [{"name": c.tools[0]["function"]["name"], "arguments": {}}] if n % 2 else []
                     for n, c in enumerate(cases)}, limit=5)
    assert main(["compare", str(quiet), str(chatty), "--show", "1"]) == 0
    out = capsys.readouterr().out
    assert "| all | 5 | 100.0% | 60.0% | -40.0 | 2 | 0 | 0.5 |" in out
    assert "Right only in A (2, first 1):" in out and f"- {cases[1].id}: A no call | B " in out
    assert main(["compare", str(quiet), str(chatty), "--match", "name_match", "--by", "kind"]) == 0
    assert main(["compare", str(quiet), str(tmp_path / "quiet" / "cases.jsonl"), "--by", "kind"]) == 0
    bare = tmp_path / "bare.jsonl"
    bare.write_text((tmp_path / "quiet" / "cases.jsonl").read_text())
    assert main(["compare", str(bare), str(quiet), "--by", "kind"]) == 1
    assert "no summary.json names the dataset" in capsys.readouterr().err
