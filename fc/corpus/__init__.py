"""The project's own training corpus: API catalogue, value kinds, surface forms, generator, contamination check.

    .venv/bin/python -m fc.data generate --seed 0 --out data/
    .venv/bin/python -m fc.data check-contamination data:train bfcl:all
"""
