"""eval.leaderboard: the SQLite store (upsert per model x dataset x format x settings) and the table."""

from __future__ import annotations

import json

from eval.__main__ import main
from eval.cases import load_cases
from eval.leaderboard import build_table, read_runs, record_run, render_table
from eval.runner import score_file
from eval.scoring import first_acceptable_calls


def write_predictions(path, dataset, *, correct_every: int, limit: int) -> None:
    """tool_calls predictions: the gold for every correct_every-th case, no call otherwise."""
    with open(path, "w", encoding="utf-8") as f:
        for i, case in enumerate(load_cases(dataset, limit=limit)):
            calls = first_acceptable_calls(case.possible_answer) if case.possible_answer and i % correct_every == 0 else []
            f.write(json.dumps({"id": case.id, "tool_calls": calls, "latency": 0.5}) + "\n")


def test_runs_upsert_and_rank(tmp_path):
    store = tmp_path / "leaderboard.sqlite"
    for model, every in (("weak", 4), ("strong", 1)):
        path = tmp_path / f"{model}.jsonl"
        write_predictions(path, "bfcl:simple_python", correct_every=every, limit=8)
        score_file("bfcl:simple_python", path, tmp_path / model, limit=8, leaderboard=store, model=model)
        write_predictions(path, "bfcl:irrelevance", correct_every=1, limit=4)
        score_file("bfcl:irrelevance", path, tmp_path / f"{model}-irr", limit=4, leaderboard=store, model=model)
    # the same model x dataset x format x settings again: replaced, not added
    score_file("bfcl:irrelevance", tmp_path / "strong.jsonl", tmp_path / "again", limit=4, leaderboard=store,
               model="strong")
    runs = read_runs(store)
    assert len(runs) == 4
    assert {(r["model"], r["dataset"]) for r in runs} == {
        (m, d) for m in ("weak", "strong") for d in ("bfcl:simple_python", "bfcl:irrelevance")}
    assert all(r["timestamp"] and "git_commit" in r for r in runs)

    categories, lines = build_table(runs)
    assert categories == ["irrelevance", "simple_python"]
    assert [line["model"] for line in lines] == ["strong", "weak"]
    strong, weak = lines
    assert strong["categories"] == {"irrelevance": 1.0, "simple_python": 1.0} and strong["overall"] == 1.0
    assert weak["categories"]["simple_python"] == 2 / 8
    assert weak["overall"] == (1.0 + 0.25) / 2  # unweighted mean of categories, BFCL's convention
    assert weak["n"] == 12 and weak["latency_mean_s"] == 0.5

    md = render_table(store, fmt="md")
    assert md.splitlines()[0].startswith("| rank | model | format | overall AST % | irrelevance % | simple_python %")
    assert "| 1 | strong | hermes | 100.0 | 100.0 | 100.0 | 12 |" in md
    assert "| 2 | weak | hermes | 62.5 | 100.0 | 25.0 | 12 |" in md
    csv_text = render_table(store, fmt="csv")
    assert csv_text.splitlines()[2].startswith("2,weak,hermes,62.5,100.0,25.0,12,")
    only = render_table(store, fmt="csv", datasets=["bfcl:simple_python"])
    assert "irrelevance" not in only.splitlines()[0]


def test_leaderboard_cli(tmp_path, capsys):
    store = tmp_path / "lb.sqlite"
    path = tmp_path / "p.jsonl"
    write_predictions(path, "bfcl:simple_python", correct_every=2, limit=4)
    assert main(["score", "--dataset", "bfcl:simple_python", "--limit", "4", "--predictions", str(path),
                 "--out", str(tmp_path / "s"), "--leaderboard", str(store), "--model", "half"]) == 0
    capsys.readouterr()
    assert main(["leaderboard", "--store", str(store), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("rank,model,format,overall AST %,simple_python %,cases")
    assert lines[1].startswith("1,half,hermes,50.0,50.0,4,")
    assert main(["leaderboard", "--store", str(tmp_path / "empty.sqlite")]) == 0
    assert "no runs recorded" in capsys.readouterr().out


def test_record_run_keeps_per_category_counts(tmp_path):
    path = tmp_path / "p.jsonl"
    write_predictions(path, "bfcl:simple_python", correct_every=1, limit=3)
    summary = score_file("bfcl:simple_python", path, tmp_path / "out", limit=3)
    record_run(tmp_path / "lb.sqlite", summary, settings={"submission": True})
    (run,) = read_runs(tmp_path / "lb.sqlite")
    assert run["categories"]["simple_python"]["ast_accuracy"] == {"k": 3, "n": 3}
    assert run["ast_accuracy"] == 1.0 and run["n"] == 3
    assert json.loads(run["summary"])["data_version"].startswith("bfcl-eval ")
