"""eval.cases, eval.runner (run, score, cache), the CLI and the evaluate metric.

Model runs use the `tiny` fixture (tiny-random, seconds) with a few cases and few
new tokens; one slow test runs the embedded Gemma 3 270M.
"""

from __future__ import annotations

import json

import pytest

from eval.__main__ import main
from eval.cases import build_cases, case_from_json, case_to_json, load_cases
from eval.leaderboard import read_runs
from eval.runner import (
    PredictionCache,
    PredictionsError,
    RunConfig,
    generate_predictions,
    generation_settings,
    read_predictions,
    run,
    score_file,
)
from eval.scoring import Outcome, first_acceptable_calls, prediction_from_output, score_case, summarise
from fc.conversation import as_tool
from fc.formats import get_format
from fc.schema_guide import GUIDE_VERSION

WEATHER = as_tool({"name": "get_weather", "description": "Current weather.", "parameters": {
    "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}})
CONVERSATION = {
    "id": "w1",
    "tools": [WEATHER],
    "meta": {"category": "weather"},
    "messages": [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Weather in Oslo?"},
        {"role": "assistant", "content": "", "tool_calls": [{"name": "get_weather", "arguments": {"city": "Oslo"}}]},
        {"role": "tool", "name": "get_weather", "content": "{\"temp\": 3}"},
        {"role": "assistant", "content": "3 degrees."},
        {"role": "user", "content": "Thanks!"},
        {"role": "assistant", "content": "You're welcome."},
    ],
}


# ---------------------------------------------------------------- cases


def test_every_assistant_turn_is_a_case_with_the_gold_history():
    cases = build_cases([CONVERSATION])
    assert [c.id for c in cases] == ["w1:2", "w1:4", "w1:6"]
    first, second, third = cases
    assert first.expect == "call" and first.expected_calls == [{"name": "get_weather", "arguments": {"city": "Oslo"}}]
    assert first.messages == CONVERSATION["messages"][:2] and first.possible_answer is None
    assert second.expect == "no_call" and second.expected_calls == []
    assert second.messages[-1]["role"] == "tool" and second.messages[2]["tool_calls"]  # gold history
    assert third.expect == "no_call" and third.category == "weather"
    no_tools = {**CONVERSATION, "id": "plain", "tools": []}
    assert [c.id for c in build_cases([no_tools])] == ["plain:2"]  # a call is still a case; chat is not


def test_bfcl_records_are_one_case_each_with_bfcl_ids():
    simple = load_cases("bfcl:simple_python", limit=3)
    assert [c.id for c in simple] == ["simple_python_0", "simple_python_1", "simple_python_2"]
    case = simple[0]
    assert case.expect == "call" and case.category == "simple_python"
    assert case.messages[-1]["role"] == "user"  # the loader's gold turn is not in the prompt
    assert case.possible_answer == [{"calculate_triangle_area": {"base": [10], "height": [5], "unit": ["units", ""]}}]
    assert simple[1].name_map["math_factorial"] == "math.factorial"
    irrelevance = load_cases("bfcl:irrelevance", limit=1)[0]
    assert irrelevance.expect == "no_call" and irrelevance.expected_calls == [] and irrelevance.possible_answer is None
    relevance = load_cases("bfcl:live_relevance", limit=1)[0]
    assert relevance.expect == "any_call" and relevance.expected_calls is None
    assert relevance.messages[-1]["role"] == "user"


def test_bad_cases_give_clear_errors():
    with pytest.raises(ValueError, match="duplicate case id 'w1:2'"):
        build_cases([CONVERSATION, CONVERSATION])
    bad = {**CONVERSATION, "meta": {"expect": "sometimes"}}
    with pytest.raises(ValueError, match="meta.expect"):
        build_cases([bad])
    with pytest.raises(ValueError, match="missing"):
        case_from_json(json.dumps({"id": "x"}))
    with pytest.raises(ValueError, match="conversation 1: expected an object with a messages array"):
        build_cases([CONVERSATION, {"id": "m"}])
    anonymous = {key: value for key, value in CONVERSATION.items() if key != "id"}
    assert [c.id for c in build_cases([anonymous])] == ["#0:2", "#0:4", "#0:6"]


def test_case_json_round_trip():
    for case in load_cases("bfcl:parallel", limit=2) + build_cases([CONVERSATION]):
        assert case_from_json(case_to_json(case)) == case


# Where the loader's own gold turn (fc.data.choose_gold_arguments: first value that is
# neither "" nor null) fails the AST check: BFCL gold contradicting its schema.
# (tests/test_eval_scoring.py lists the contradictions for the first-acceptable oracle.)
LOADER_GOLD_CONTRADICTIONS = {
    "parallel_multiple_12": "calculate_voltage_difference.permeability: unexpected parameter",
    "parallel_multiple_26": "bank_calculate_balance.type: unexpected parameter",
    "live_simple_106-63-0": "record.auto_loan_payment_start: required parameter missing",
    "live_simple_112-68-0": "record.acc_routing_start: required parameter missing",
    "live_multiple_507-149-4": "Flights_4_SearchOnewayFlight.origin_airport: required parameter missing",
    "live_multiple_862-181-3": "Trains_1_FindTrains.journey_start_time: unexpected parameter",
    "live_multiple_964-207-0": "transfer_to_human_agent.statement: required parameter missing",
}


def test_oracle_through_the_loader():
    from fc.data import BFCL_CATEGORIES
    from test_eval_scoring import GOLD_CONTRADICTIONS  # tests/ is on sys.path under pytest

    oracle_failures, loader_failures = {}, {}
    for category in BFCL_CATEGORIES:
        for case in load_cases(f"bfcl:{category}"):
            if case.expect == "any_call":
                tool = case.tools[0]["function"]["name"]
                oracle, loader = [{"name": tool, "arguments": {}}], []
            else:
                oracle = first_acceptable_calls(case.possible_answer) if case.expect == "call" else []
                loader = case.expected_calls
            verdict = score_case(case, prediction_from_output(_hermes(oracle), "hermes")).verdict
            if not verdict.valid:
                oracle_failures[case.id] = verdict.detail
            if case.expect != "any_call":
                verdict = score_case(case, prediction_from_output(_hermes(loader), "hermes")).verdict
                if not verdict.valid:
                    loader_failures[case.id] = verdict.detail
    assert oracle_failures == {case_id: detail for case_id, (_, detail) in GOLD_CONTRADICTIONS.items()}
    assert loader_failures == LOADER_GOLD_CONTRADICTIONS


def _hermes(calls: list[dict]) -> str:
    """What a perfect hermes model would write for these calls."""
    return get_format("hermes").assistant_body({"role": "assistant", "content": "", "tool_calls": calls})


# ---------------------------------------------------------------- scoring predictions made elsewhere


def test_score_file_reads_raw_outputs_and_tool_calls(tmp_path):
    cases = load_cases("bfcl:simple_python", limit=4)
    path = tmp_path / "preds.jsonl"
    lines = [
        {"id": cases[0].id, "output": _hermes(first_acceptable_calls(cases[0].possible_answer))},
        {"id": cases[1].id, "tool_calls": first_acceptable_calls(cases[1].possible_answer)},
        {"id": cases[2].id, "output": "<tool_call>\n{\"name\": \"math_hypot\", \"arguments\": {\"x\": 4"},
    ]  # cases[3] has no prediction
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    summary = score_file("bfcl:simple_python", path, tmp_path / "out", limit=4)
    rows = [json.loads(line) for line in (tmp_path / "out" / "cases.jsonl").read_text().splitlines()]
    assert [r["outcome"] for r in rows] == ["correct", "correct", "parse_error", "parse_error"]
    assert rows[3]["detail"] == "no prediction submitted for this case"
    assert summary["missing_predictions"] == 1 and summary["n"] == 4
    assert summary["scores"]["overall"]["ast_accuracy"]["value"] == 0.5
    assert set(rows[0]) >= {"id", "category", "expected", "predicted", "name_match", "args_exact", "ast_match",
                            "outcome", "detail"}


def test_bad_prediction_files_name_file_and_line(tmp_path):
    path = tmp_path / "p.jsonl"
    for text, message in [
        ('{"id": "a", "tool_calls": []}\nnot json\n', r"p.jsonl:2: not JSON"),
        ('{"tool_calls": []}\n', r"p.jsonl:1.id: expected a string id"),
        ('{"id": "a", "tool_calls": {}}\n', r"p.jsonl:1.tool_calls: expected an array"),
        ('{"id": "a", "tool_calls": []}\n{"id": "a", "tool_calls": []}\n', r"p.jsonl:2.id: duplicate id 'a'"),
        ('{"id": "a"}\n', r'p.jsonl:1: expected "output"'),
    ]:
        path.write_text(text)
        with pytest.raises(PredictionsError, match=message):
            read_predictions(path, "hermes")
    path.write_text('{"id": "nope", "tool_calls": []}\n')
    with pytest.raises(PredictionsError, match="not cases of bfcl:simple_python"):
        score_file("bfcl:simple_python", path, tmp_path / "out", limit=2)
    path.write_text('{"id": "simple_python_0", "tool_calls": [{"name": "calculate_triangle_area"}]}\n')
    score_file("bfcl:simple_python", path, tmp_path / "out", limit=1)  # a malformed call is scored, not fatal
    row = json.loads((tmp_path / "out" / "cases.jsonl").read_text())
    assert (row["outcome"], row["detail"]) == ("parse_error", "tool_calls[0].arguments: expected an object, got null")


def test_score_cli(tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "irrelevance_0", "tool_calls": []}) + "\n")
    assert main(["score", "--dataset", "bfcl:irrelevance", "--limit", "1", "--predictions", str(path),
                 "--out", str(tmp_path / "out")]) == 0
    assert "abstention 100.0%" in capsys.readouterr().out
    assert main(["score", "--dataset", "bfcl:nope", "--predictions", str(path), "--out", str(tmp_path / "x")]) == 1
    assert "error:" in capsys.readouterr().err


def test_evaluate_metric_gives_the_same_numbers(tmp_path):
    import evaluate

    cases = load_cases("bfcl:parallel", limit=3) + load_cases("bfcl:irrelevance", limit=2)
    outputs = [_hermes(first_acceptable_calls(cases[0].possible_answer)), "I cannot.",
               "<tool_call>\n{bad", _hermes([]), _hermes([{"name": "x", "arguments": {}}])]
    metric = evaluate.load("eval/metric/fc_tool_calls")
    result = metric.compute(predictions=outputs, references=[case_to_json(c) for c in cases], format="hermes")
    expected = summarise([score_case(c, prediction_from_output(o, "hermes")) for c, o in zip(cases, outputs)])
    assert result["summary"] == json.loads(json.dumps(expected))
    assert result["ast_accuracy"] == expected["overall"]["ast_accuracy"]["value"] == 2 / 5
    assert result["parse_error_rate"] == 1 / 5 and result["abstention_accuracy"] == 1 / 2
    calls = [json.dumps(first_acceptable_calls(c.possible_answer)) if c.possible_answer else "[]" for c in cases]
    assert metric.compute(predictions=calls, references=[case_to_json(c) for c in cases])["ast_accuracy"] == 1.0


# ---------------------------------------------------------------- runs with a model


def _config(tmp_path, **overrides) -> RunConfig:
    base = dict(models=["tiny-random"], datasets=["bfcl:simple_python"], out=tmp_path / "run", limit=3,
                max_new_tokens=8, batch_size=2, cache=tmp_path / "cache.sqlite",
                leaderboard=tmp_path / "lb.sqlite", progress=False)
    return RunConfig(**{**base, **overrides})


def test_run_writes_predictions_cases_summary_and_leaderboard_row(tiny, tmp_path):
    (summary,) = run(_config(tmp_path), preloaded={"tiny-random": tiny})
    out = tmp_path / "run"
    predictions = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    rows = [json.loads(line) for line in (out / "cases.jsonl").read_text().splitlines()]
    on_disk = json.loads((out / "summary.json").read_text())
    assert [p["id"] for p in predictions] == ["simple_python_0", "simple_python_1", "simple_python_2"]
    assert all(isinstance(p["output"], str) and p["latency"] > 0 and not p["cached"] for p in predictions)
    assert all(0 < p["n_new_tokens"] <= 8 for p in predictions)
    assert [r["id"] for r in rows] == [p["id"] for p in predictions]
    assert all(r["outcome"] in {o.value for o in Outcome} for r in rows)
    for key in ("model", "adapter", "dataset", "data_version", "data_hash", "n", "seed", "settings", "git", "date",
                "versions", "fingerprint", "format", "scores"):
        assert key in on_disk, key
    assert on_disk == json.loads(json.dumps(summary))
    assert on_disk["format"] == "hermes" and on_disk["n"] == 3
    assert on_disk["settings"]["max_new_tokens"] == 8
    assert on_disk["scores"]["overall"]["latency_mean_s"] > 0
    (row,) = read_runs(tmp_path / "lb.sqlite")
    assert row["model"] == "tiny-random" and row["n"] == 3 and row["settings"]["max_new_tokens"] == 8


def test_repeated_run_is_served_from_the_cache(tiny, tmp_path):
    config = _config(tmp_path)
    run(config, preloaded={"tiny-random": tiny})
    first = (tmp_path / "run" / "predictions.jsonl").read_text()
    (summary,) = run(config, preloaded={"tiny-random": tiny})
    again = [json.loads(line) for line in (tmp_path / "run" / "predictions.jsonl").read_text().splitlines()]
    assert summary["cached_cases"] == 3 and all(p["cached"] for p in again)
    assert [p["output"] for p in again] == [json.loads(line)["output"] for line in first.splitlines()]
    # other generation settings are other cache entries
    (other,) = run(_config(tmp_path, max_new_tokens=4), preloaded={"tiny-random": tiny})
    assert other["cached_cases"] == 0
    assert len(read_runs(tmp_path / "lb.sqlite")) == 2  # one row per settings


def test_interrupted_run_resumes(tiny, tmp_path):
    from fc.inference import generate

    cases = load_cases("bfcl:simple_python", limit=5)
    config = _config(tmp_path, batch_size=1)  # chunks of 4 cases
    settings = generation_settings(config, tiny)
    cache = PredictionCache(tmp_path / "cache.sqlite")
    calls = []

    def interrupted(*args, **kwargs):
        if calls:
            raise KeyboardInterrupt
        calls.append(1)
        return generate(*args, **kwargs)

    with pytest.raises(KeyboardInterrupt):
        generate_predictions(tiny, cases, "hermes", max_new_tokens=4, batch_size=1, settings=settings,
                             cache=cache, progress=False, generate=interrupted)
    records = generate_predictions(tiny, cases, "hermes", max_new_tokens=4, batch_size=1, settings=settings,
                                   cache=cache, progress=False)
    assert sum(r.cached for r in records) == 4 and [r.id for r in records] == [c.id for c in cases]
    fresh = generate_predictions(tiny, cases, "hermes", max_new_tokens=4, batch_size=1, settings=settings,
                                 cache=None, progress=False)
    assert [r.output for r in records] == [r.output for r in fresh]
    cache.close()


def test_several_models_and_datasets_go_to_subfolders(tiny, tmp_path):
    config = _config(tmp_path, datasets=["bfcl:simple_python", "bfcl:irrelevance"], limit=2)
    summaries = run(config, preloaded={"tiny-random": tiny})
    assert [s["dataset"] for s in summaries] == ["bfcl:simple_python", "bfcl:irrelevance"]
    for summary, dataset in zip(summaries, ("bfcl-simple_python", "bfcl-irrelevance")):
        folder = tmp_path / "run" / "tiny-random" / dataset
        assert {p.name for p in folder.iterdir()} == {"predictions.jsonl", "cases.jsonl", "summary.json"}
        assert summary["output_dir"] == str(folder)  # the app's failures browser reads it


def test_run_cli(tiny, tmp_path, capsys):
    assert main(["run", "--model", "tiny-random", "--dataset", "bfcl:irrelevance", "--limit", "2",
                 "--batch-size", "2", "--max-new-tokens", "4", "--out", str(tmp_path / "cli"),
                 "--cache", str(tmp_path / "c.sqlite"), "--leaderboard", str(tmp_path / "lb.sqlite"),
                 "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "tiny-random on bfcl:irrelevance (hermes): n=2" in out
    assert (tmp_path / "cli" / "summary.json").is_file()
    assert main(["run", "--model", "tiny-random", "--dataset", "bfcl:irrelevance", "--format", "nope",
                 "--out", str(tmp_path / "x"), "--no-cache", "--no-leaderboard"]) == 1
    assert "unknown tool-call format 'nope'" in capsys.readouterr().err


def test_first_token_counts_a_call_tag_that_wins_only_against_each_opening_alone():
    from eval.first_token import FirstToken, summarise

    rows = [FirstToken("a", 0.40, (("I", 0.30), ("Sorry", 0.20))),   # greedy calls; the openings weigh 0.6
            FirstToken("b", 0.70, (("I", 0.20),)),                   # calls, and rightly
            FirstToken("c", 0.10, (("I", 0.85),))]                   # declines
    assert [(r.greedy_calls, r.outweighed) for r in rows] == [(True, True), (True, False), (False, False)]
    summary = summarise(rows)
    assert (summary.n, summary.greedy_calls, summary.outweighed) == (3, 2, 1)
    assert summary.mean_p_call == pytest.approx(0.4) and summary.openings == {"I": 3}


def test_first_token_cli_agrees_with_greedy_generation(tiny, tmp_path, capsys):
    from fc.inference import generate

    out = tmp_path / "first.jsonl"
    assert main(["first-token", "--model", "tiny-random", "--dataset", "bfcl:irrelevance", "--limit", "3",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "call tag first (greedy): " in printed and "mean P(call tag): " in printed
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    cases = load_cases("bfcl:irrelevance", limit=3)
    assert [r["case_id"] for r in rows] == [c.id for c in cases]
    prompts = [get_format("hermes").render_prompt(c.messages, c.tools) for c in cases]
    firsts = generate(tiny, prompts, max_new_tokens=1, batch_size=1)
    for row, first in zip(rows, firsts):
        assert 0 <= row["p_call"] + sum(p for _, p in row["others"]) <= 1.0001
        likeliest = "<tool_call>" if row["p_call"] >= row["others"][0][1] else row["others"][0][0]
        assert first.text == likeliest, (row, first.text)  # the probe sees the prompt as generation does
    assert main(["first-token", "--model", "tiny-random", "--dataset", "bfcl:nope"]) == 1
    assert "error" in capsys.readouterr().err


@pytest.mark.slow
def test_embedded_model_end_to_end_and_on_the_leaderboard_beside_tiny(embedded, tiny, tmp_path):
    config = _config(tmp_path, models=["tiny-random", "gemma-3-270m"], limit=2, max_new_tokens=48)
    summaries = run(config, preloaded={"tiny-random": tiny, "gemma-3-270m": embedded})
    assert [s["model"] for s in summaries] == ["tiny-random", "gemma-3-270m"]
    rows = (tmp_path / "run" / "gemma-3-270m" / "bfcl-simple_python" / "predictions.jsonl").read_text().splitlines()
    assert len(rows) == 2
    from eval.leaderboard import render_table

    table = render_table(tmp_path / "lb.sqlite")
    assert "| tiny-random |" in table and "| gemma-3-270m |" in table


def test_schema_decoding_guides_each_case_by_its_own_tools_and_is_its_own_row(tiny, tmp_path):
    from fc.inference import generate

    cases = load_cases("bfcl:simple_python", limit=3)
    batches = []

    def spy(loaded, prompts, **kwargs):
        batches.append(kwargs.get("guides"))
        return generate(loaded, prompts, **kwargs)

    generate_predictions(tiny, cases, "hermes", max_new_tokens=4, batch_size=2, settings={}, cache=None,
                         progress=False, generate=spy, guided=True)
    guides = [guide for batch in batches for guide in batch]
    assert sorted(tuple(g.schemas) for g in guides) == sorted((c.tools[0]["function"]["name"],) for c in cases)
    assert all(g.close_tag == "</tool_call>" for g in guides)
    greedy, = run(_config(tmp_path), preloaded={"tiny-random": tiny})
    schema, = run(_config(tmp_path, decoding="schema"), preloaded={"tiny-random": tiny})
    guided_name = f"greedy+schema-v{GUIDE_VERSION}"  # a new version of the guide gets new cache keys
    assert (greedy["settings"]["decoding"], schema["settings"]["decoding"]) == ("greedy", guided_name)
    assert schema["cached_cases"] == 0  # not served greedy's predictions
    assert sorted(r["settings"]["decoding"] for r in read_runs(tmp_path / "lb.sqlite")) == ["greedy", guided_name]
    with pytest.raises(ValueError, match="decoding"):
        run(_config(tmp_path, decoding="beam"), preloaded={"tiny-random": tiny})


def test_run_cli_takes_the_decoding(tiny, tmp_path, capsys):
    assert main(["run", "--model", "tiny-random", "--dataset", "bfcl:simple_python", "--limit", "2",
                 "--max-new-tokens", "4", "--decoding", "schema", "--out", str(tmp_path / "cli"),
                 "--no-cache", "--no-leaderboard", "--no-progress"]) == 0
    assert json.loads((tmp_path / "cli" / "summary.json").read_text())["settings"]["decoding"] == f"greedy+schema-v{GUIDE_VERSION}"
    with pytest.raises(SystemExit):
        main(["run", "--model", "tiny-random", "--dataset", "bfcl:simple_python", "--decoding", "beam",
              "--out", str(tmp_path / "x")])
