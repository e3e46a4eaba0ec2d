"""The README results table: read real summaries, render, and rewrite between the markers."""

import json

import pytest

from eval.__main__ import main as eval_cli
from eval.report import END, START, replace_between_markers, results_table, read_summaries
from eval.runner import score_file


@pytest.fixture()
def runs(tmp_path):
    """Two 'models' scored on 4 BFCL simple_python cases: one right on all, one that never calls."""
    from eval.cases import load_cases

    cases = load_cases("bfcl:simple_python", limit=4)
    right = tmp_path / "right.jsonl"
    right.write_text("".join(json.dumps({"id": c.id, "tool_calls": c.expected_calls}) + "\n" for c in cases))
    silent = tmp_path / "silent.jsonl"
    silent.write_text("".join(json.dumps({"id": c.id, "output": "I cannot help with that."}) + "\n" for c in cases))
    for name, path in (("right", right), ("silent", silent)):
        score_file("bfcl:simple_python", path, tmp_path / "results" / name, limit=4, model=name)
    return tmp_path / "results"


def test_table_has_a_row_per_model_with_intervals_and_the_published_anchors(runs):
    table = results_table(read_summaries(runs))
    lines = table.splitlines()
    right = next(line for line in lines if "`right`" in line)
    silent = next(line for line in lines if "`silent`" in line)
    assert "| 4 |" in right and "100.0 (51-100)" in right  # 4/4 with its Wilson interval
    assert "| 0.0 (0-49) |" in silent
    assert any("FunctionGemma 270M, published" in line and "61.6" in line for line in lines)


def test_cli_rewrites_only_the_text_between_the_markers(runs, tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(f"# title\n\nbefore\n{START}\nold table\n{END}\nafter\n")
    assert eval_cli(["report", "--runs", str(runs), "--readme", str(readme)]) == 0
    text = readme.read_text()
    assert text.startswith("# title\n\nbefore\n") and text.endswith(f"{END}\nafter\n")
    assert "old table" not in text and "`right`" in text and "`right`" in capsys.readouterr().out


def test_missing_markers_or_runs_are_clear_errors(runs, tmp_path, capsys):
    with pytest.raises(ValueError, match="markers"):
        replace_between_markers("no markers here", "| table |\n")
    assert eval_cli(["report", "--runs", str(tmp_path / "empty")]) == 1
    assert "no summary.json" in capsys.readouterr().err


def test_a_schema_guided_run_is_its_own_labelled_row(runs):
    summary_path = runs / "right" / "summary.json"
    guided = json.loads(summary_path.read_text())
    guided["settings"] = {**(guided.get("settings") or {}), "decoding": "greedy+schema"}
    (runs / "schema").mkdir()
    (runs / "schema" / "summary.json").write_text(json.dumps(guided))
    rows = [line for line in results_table(read_summaries(runs)).splitlines() if "`right`" in line]
    assert len(rows) == 2 and sum("`right`, schema-guided |" in line for line in rows) == 1
