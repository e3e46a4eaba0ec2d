"""Two runs on the same cases, case by case: what each got right that the other did not, per
category, and whether the difference is more than chance.

    python -m eval compare runs/results/base/bfcl-parallel runs/results/tuned/bfcl-parallel

Each run is a folder `python -m eval run` or `eval score` wrote (its cases.jsonl), or that file
itself. Two adapters a few points apart have overlapping 95% intervals on a few hundred cases,
yet both answered the same cases; the exact McNemar test uses that pairing: only the cases one
got right and the other did not (the discordant ones) say which is better, and under "no
difference" each of them is a fair coin. The flipped cases are listed, so a change to the
corpus or the recipe can be read off the cases it won and lost.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from eval.runner import jsonl_rows

MATCHES = ("ast_match", "name_match", "args_exact")


@dataclass(frozen=True)
class Run:
    """One run's per-case rows (by id, in file order) and its label."""

    label: str
    rows: dict[str, dict]
    dataset: str | None = None
    data_hash: str | None = None


@dataclass(frozen=True)
class Paired:
    """Counts over the cases both runs scored, for one group (all, or a category)."""

    group: str
    both: int
    only_a: int
    only_b: int
    neither: int

    @property
    def n(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def accuracy_a(self) -> float:
        return (self.both + self.only_a) / self.n if self.n else 0.0

    @property
    def accuracy_b(self) -> float:
        return (self.both + self.only_b) / self.n if self.n else 0.0

    @property
    def p_value(self) -> float:
        return mcnemar_exact(self.only_a, self.only_b)


def mcnemar_exact(only_a: int, only_b: int) -> float:
    """Two-sided exact McNemar p-value: the discordant cases as fair coin flips (binomial, p=1/2)."""
    discordant = only_a + only_b
    if discordant == 0:
        return 1.0
    tail = sum(math.comb(discordant, i) for i in range(min(only_a, only_b) + 1)) / 2 ** discordant
    return min(1.0, 2 * tail)


def read_run(path: Path) -> Run:
    """A run folder (cases.jsonl, and summary.json where there is one) or a cases.jsonl file."""
    path = Path(path)
    cases_path = path / "cases.jsonl" if path.is_dir() else path
    if not cases_path.is_file():
        raise FileNotFoundError(f"{cases_path}: no such file; give a folder `python -m eval run` wrote, "
                                f"or its cases.jsonl")
    rows: dict[str, dict] = {}
    for where, row in jsonl_rows(cases_path):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise ValueError(f"{where}: expected an object with a string id")
        missing = [m for m in MATCHES if not isinstance(row.get(m), bool)]
        if missing:
            raise ValueError(f"{where}: {missing[0]} is not true or false")
        if row["id"] in rows:
            raise ValueError(f"{where}: duplicate id {row['id']!r}")
        rows[row["id"]] = row
    summary_path = cases_path.parent / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.is_file() else {}
    label = summary.get("model") or str(cases_path.parent if cases_path.name == "cases.jsonl" else cases_path)
    decoding = (summary.get("settings") or {}).get("decoding")
    if decoding and decoding != "greedy":
        label += f" ({decoding})"
    return Run(label, rows, summary.get("dataset"), summary.get("data_hash"))


def meta_groups(dataset: str, key: str) -> dict[str, str]:
    """Case id -> its conversation's meta[key] ("kind" on data:heldout: single, parallel, ...)."""
    from eval.cases import cases_from_conversation
    from fc.data import load  # imported here: only --by needs the dataset itself

    groups = {}
    for number, conversation in enumerate(load(dataset)):
        value = (conversation.get("meta") or {}).get(key)
        for case in cases_from_conversation(conversation, number=number):
            groups[case.id] = "-" if value is None else str(value)
    return groups


def compare(a: Run, b: Run, match: str = "ast_match", groups: dict[str, str] | None = None) -> list[Paired]:
    """Paired counts over the ids both runs hold: all of them first, then per category (or per
    groups[id] where groups is given)."""
    if match not in MATCHES:
        raise ValueError(f"unknown match {match!r}; one of {', '.join(MATCHES)}")
    shared = [i for i in a.rows if i in b.rows]
    by_group: dict[str, list[str]] = {"all": shared}
    for case_id in shared:
        group = groups.get(case_id, "-") if groups is not None else a.rows[case_id].get("category") or "-"
        by_group.setdefault(group, []).append(case_id)
    if len(by_group) == 2:  # one group: its row would repeat "all"
        by_group = {"all": shared}
    paired = []
    for group, ids in by_group.items():
        hits = [(a.rows[i][match], b.rows[i][match]) for i in ids]
        paired.append(Paired(group, sum(x and y for x, y in hits), sum(x and not y for x, y in hits),
                             sum(y and not x for x, y in hits), sum(not x and not y for x, y in hits)))
    return paired


def flipped(a: Run, b: Run, match: str = "ast_match") -> tuple[list[str], list[str]]:
    """(ids only a got right, ids only b got right), in a's order."""
    shared = [i for i in a.rows if i in b.rows]
    return ([i for i in shared if a.rows[i][match] and not b.rows[i][match]],
            [i for i in shared if b.rows[i][match] and not a.rows[i][match]])


def _calls(row: dict) -> str:
    calls = row.get("predicted") or []
    if not calls:
        return "no call"
    return "; ".join(f"{c.get('name')}({json.dumps(c.get('arguments'), ensure_ascii=False)})" for c in calls)


def render(a: Run, b: Run, match: str = "ast_match", show: int = 10, groups: dict[str, str] | None = None) -> str:
    """The markdown report: what was compared, the paired table, then the flipped cases."""
    lines = [f"A: {a.label} ({len(a.rows)} cases)", f"B: {b.label} ({len(b.rows)} cases)"]
    if a.dataset != b.dataset:
        lines.append(f"note: different datasets ({a.dataset} / {b.dataset}); only shared ids are compared")
    elif a.data_hash and b.data_hash and a.data_hash != b.data_hash:
        lines.append(f"note: {a.dataset} changed between the runs (data hash {a.data_hash[:12]} / "
                     f"{b.data_hash[:12]}); only shared ids are compared")
    only_in = (len([i for i in a.rows if i not in b.rows]), len([i for i in b.rows if i not in a.rows]))
    if any(only_in):
        lines.append(f"note: {only_in[0]} ids only in A, {only_in[1]} only in B; left out")
    lines += ["", f"| {match} | n | A | B | B - A (points) | only A | only B | p (exact McNemar) |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for p in compare(a, b, match, groups):
        lines.append(f"| {p.group} | {p.n} | {100 * p.accuracy_a:.1f}% | {100 * p.accuracy_b:.1f}% | "
                     f"{100 * (p.accuracy_b - p.accuracy_a):+.1f} | {p.only_a} | {p.only_b} | {p.p_value:.3g} |")
    for side, ids in zip(("A", "B"), flipped(a, b, match)):
        if not ids or show <= 0:
            continue
        lines += ["", f"Right only in {side} ({len(ids)}{', first ' + str(show) if len(ids) > show else ''}):"]
        for case_id in ids[:show]:
            lines.append(f"- {case_id}: A {_calls(a.rows[case_id])} | B {_calls(b.rows[case_id])}")
    return "\n".join(lines) + "\n"
