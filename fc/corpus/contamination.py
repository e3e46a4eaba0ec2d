"""Contamination check: does a training set share tool names or questions with an evaluation set?

Two specs are compared (A: the training side, B: the evaluation side). Contamination is
  - a tool name of A that B also offers (held-out tools, BFCL functions: names and their
    prompt-safe forms), and
  - when B is BFCL: a user message of A that is a near duplicate of one of B's questions: the
    same normalised text (lower case, punctuation stripped, whitespace collapsed), or word 4-gram
    containment of at least NEAR_DUPLICATE (the share of the shorter message's 4-grams found in
    the other). Between two of our own sets (train and held-out) only tool names count: they
    share value pools by design ("Paris", a quoted text), which is no leak of an evaluation.
B may be `bfcl:all` (every category file of the installed bfcl-eval, multi-turn with its
function docs, Java and JavaScript included; not the `unused_datasets` folder, which no category uses), `bfcl:<category>`, or any fc.data spec. The check prints
what it compared and what it found, and exits 1 on contamination. fc.corpus.generate runs it
before it writes anything.

Example:
    .venv/bin/python -m fc.data check-contamination data:train bfcl:all
    .venv/bin/python -m fc.data check-contamination data:train data:heldout
"""

from __future__ import annotations

import argparse
import functools
import importlib.resources
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from fc.conversation import prompt_name, tool_names

NEAR_DUPLICATE = 0.6  # one value changed in a 15-word question leaves ~0.7 of its 4-grams: still a copy
SHINGLE = 4  # words per n-gram: short enough for paraphrases, long enough that "what is the" is no match


def normalise(text: str) -> str:
    """Lower case, punctuation stripped, whitespace collapsed: "What's  the Area?" -> "whats the area"."""
    text = re.sub(r"['’`]", "", text.lower())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = normalise(text).split()
    if len(words) < SHINGLE:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


@dataclass
class Side:
    """What one spec contributes to the comparison: its tool names and its user questions."""

    spec: str
    conversations: int = 0
    names: set[str] = field(default_factory=set)
    questions: list[tuple[str, str]] = field(default_factory=list)  # (where, text)


# ------------------------------------------------------------------ reading the two sides


def _bfcl_root():
    try:
        return importlib.resources.files("bfcl_eval") / "data"
    except ModuleNotFoundError:
        raise SystemExit("error: the bfcl-eval package is not installed: pip install --no-deps bfcl-eval") from None


def _json_records(path) -> Iterator[dict]:
    """Records of a BFCL file: JSON lines (most files) or one JSON document."""
    text = path.read_text(encoding="utf-8")
    try:
        for line in text.splitlines():
            if line.strip():
                record = json.loads(line)
                if isinstance(record, dict):
                    yield record
    except json.JSONDecodeError:
        return  # not JSON lines (format_sensitivity's config): no functions or questions in it


def _user_texts(question) -> Iterator[str]:
    """User contents of a BFCL `question`: a list of turns, each a list of messages (or one message)."""
    stack = [question]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict) and item.get("role") == "user" and isinstance(item.get("content"), str):
            yield item["content"]


def _function_names(value) -> Iterator[str]:
    functions = value if isinstance(value, list) else [value]
    for function in functions:
        if isinstance(function, dict) and isinstance(function.get("name"), str):
            yield function["name"]
            yield prompt_name(function["name"])


def bfcl_files(category: str = "all") -> list:
    """The BFCL data files of a category ("all": every question and function-doc file)."""
    root = _bfcl_root()
    files = sorted((f for f in root.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    if category != "all":
        files = [f for f in files if re.fullmatch(rf"BFCL_v\d+_{re.escape(category)}\.json", f.name)]
        if not files:
            raise SystemExit(f"error: no BFCL file for category {category!r} under {root}")
        return files
    docs = root / "multi_turn_func_doc"  # the functions the multi-turn categories offer
    if docs.is_dir():
        files += sorted((f for f in docs.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    return files


@functools.lru_cache(maxsize=4)
def read_bfcl(category: str = "all") -> Side:
    side = Side(spec=f"bfcl:{category}")
    for path in bfcl_files(category):
        for number, record in enumerate(_json_records(path), 1):
            if "question" in record:
                side.conversations += 1
                for text in _user_texts(record["question"]):
                    side.questions.append((f"{path.name} {record.get('id', number)}", text))
            side.names.update(_function_names(record.get("function", record if "name" in record else [])))
    return side


def bfcl_function_names() -> frozenset[str]:
    """Every function name in every BFCL file (and its prompt-safe form)."""
    return frozenset(read_bfcl("all").names)


def side_of_conversations(spec: str, conversations: Iterable[dict]) -> Side:
    side = Side(spec=spec)
    for conversation in conversations:
        side.conversations += 1
        side.names.update(tool_names(conversation))
        for index, message in enumerate(conversation.get("messages", [])):
            if message.get("role") == "user" and isinstance(message.get("content"), str):
                side.questions.append((f"{conversation.get('id')} messages[{index}]", message["content"]))
    return side


def read_side(spec: str) -> Side:
    if spec.startswith("bfcl:"):
        return read_bfcl(spec.split(":", 1)[1] or "all")
    from fc.data import load

    return side_of_conversations(spec, load(spec))


# ------------------------------------------------------------------ comparing


class QuestionIndex:
    """Near-duplicate lookup over one side's questions (exact normalised text, then 4-gram containment)."""

    def __init__(self, questions: list[tuple[str, str]]):
        self.questions = questions
        self.exact: dict[str, int] = {}
        self.grams: list[frozenset] = []
        self.postings: dict[tuple, list[int]] = defaultdict(list)
        for i, (_, text) in enumerate(questions):
            self.exact.setdefault(normalise(text), i)
            grams = shingles(text)
            self.grams.append(grams)
            for gram in grams:
                self.postings[gram].append(i)

    def match(self, text: str) -> tuple[int, float] | None:
        """(index of the closest question, overlap) when `text` is a near duplicate of one; else None."""
        key = normalise(text)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key], 1.0
        grams = shingles(text)
        counts: dict[int, int] = defaultdict(int)
        for gram in grams:
            for i in self.postings.get(gram, ()):
                counts[i] += 1
        best = None
        for i, shared in counts.items():
            overlap = shared / max(1, min(len(grams), len(self.grams[i])))
            if overlap >= NEAR_DUPLICATE and (best is None or overlap > best[1]):
                best = (i, overlap)
        return best


@dataclass
class Report:
    a: Side
    b: Side
    shared_names: list[str]
    near_duplicates: list[tuple[str, str, str, float]]  # (where in A, text in A, where in B, overlap)
    questions_compared: bool = True

    @property
    def clean(self) -> bool:
        return not self.shared_names and not self.near_duplicates

    def text(self, shown: int = 10) -> str:
        lines = [f"compared {self.a.spec} ({self.a.conversations} conversations, {len(self.a.names)} tool names, "
                 f"{len(self.a.questions)} user messages)",
                 f"    with {self.b.spec} ({self.b.conversations} conversations, {len(self.b.names)} tool names, "
                 f"{len(self.b.questions)} user messages)",
                 f"shared tool names: {len(self.shared_names)}"]
        lines += [f"  {name}" for name in self.shared_names[:shown]]
        if not self.questions_compared:
            lines.append("user messages: not compared (only against BFCL questions)")
        else:
            lines.append(f"near-duplicate user messages (normalised, 4-gram containment >= {NEAR_DUPLICATE}): "
                         f"{len(self.near_duplicates)}")
        for where, text, other, overlap in self.near_duplicates[:shown]:
            lines.append(f"  {where}: {text[:90]!r} ~ {other} ({overlap:.2f})")
        lines.append("result: clean" if self.clean else "result: CONTAMINATED")
        return "\n".join(lines)


def compare(a: Side, b: Side, index: QuestionIndex | None = None) -> Report:
    if not b.spec.startswith("bfcl:"):
        return Report(a, b, sorted(a.names & b.names), [], questions_compared=False)
    index = index or QuestionIndex(b.questions)
    duplicates = []
    for where, text in a.questions:
        found = index.match(text)
        if found is not None:
            duplicates.append((where, text, b.questions[found[0]][0], found[1]))
    return Report(a, b, sorted(a.names & b.names), duplicates)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fc.data check-contamination", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", help="the training side: an fc.data spec (data:train, a .jsonl file ...)")
    parser.add_argument("b", help="the evaluation side: bfcl:all, bfcl:<category> or an fc.data spec")
    args = parser.parse_args(argv)
    from fc.data import DataError

    try:
        report = compare(read_side(args.a), read_side(args.b))
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(report.text())
    return 0 if report.clean else 1


if __name__ == "__main__":
    sys.exit(main())
