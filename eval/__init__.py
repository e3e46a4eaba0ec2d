"""Benchmark harness: cases (eval.cases), scoring (eval.scoring), runs (eval.runner),
the leaderboard (eval.leaderboard) and an `evaluate` metric (eval/metric/fc_tool_calls).

Example:
    python -m eval run --model tiny-random --dataset bfcl:simple_python --limit 16 --out runs/tiny
"""
