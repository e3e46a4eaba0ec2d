"""Text utilities: counting, slugs, reversing, changing case, find and replace.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('slugify_text', {'text': 'Hello, World!'}).content)"
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from fc.tools import Example, tool

DOMAIN = "text"
STATEFUL = False

MAX_TEXT_CHARS = 100_000  # a pasted document, not a corpus; keeps every tool instant

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")  # letters/digits, with inner apostrophes and hyphens
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


def _check(text: str, field: str = "text") -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"{field} is too long ({len(text)} characters, at most {MAX_TEXT_CHARS})")
    return text


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@tool(
    Example({"text": "The quick brown fox. It's fast!"},
            {"words": 6, "characters": 31, "characters_without_spaces": 26, "sentences": 2, "lines": 1}),
    Example({"text": ""}, {"words": 0, "sentences": 0, "lines": 0}),
)
def count_text_words(text: str) -> dict:
    """Count the words, characters, sentences and lines of a text.

    Args:
        text: The text to count.

    Returns:
        The numbers of words, characters (with and without spaces), sentences and lines.
    """
    _check(text)
    sentences = len(_SENTENCE_END.findall(text))
    if not sentences and text.strip():
        sentences = 1  # a text without final punctuation is still one sentence
    return {"words": len(_words(text)), "characters": len(text),
            "characters_without_spaces": len("".join(text.split())), "sentences": sentences,
            "lines": len(text.splitlines())}


@tool(
    Example({"text": "Hello, World! Crème brûlée 2025"}, {"slug": "hello-world-creme-brulee-2025"}),
    Example({"text": "  Quarterly Report (Final) ", "separator": "_"}, {"slug": "quarterly_report_final"}),
    Example({"text": "!!!"}, error="no letters or digits"),
)
def slugify_text(text: str, separator: Literal["-", "_"] = "-") -> dict:
    """Turn a title into a URL- and file-name-safe slug: lowercase ASCII letters and digits joined by a separator.

    Args:
        text: The text to turn into a slug, e.g. a page title.
        separator: The character between words (default "-").

    Returns:
        The slug.
    """
    ascii_text = unicodedata.normalize("NFKD", _check(text)).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    if not parts:
        raise ValueError(f"text {text!r} has no letters or digits to make a slug from")
    return {"text": text, "slug": separator.join(parts)}


@tool(
    Example({"text": "stressed"}, {"result": "desserts"}),
    Example({"text": "one two three", "unit": "words"}, {"result": "three two one"}),
)
def reverse_text(text: str, unit: Literal["characters", "words"] = "characters") -> dict:
    """Reverse a text, character by character or word by word.

    Args:
        text: The text to reverse.
        unit: Reverse the order of characters or of words (default "characters").

    Returns:
        The reversed text, and whether the original reads the same backwards (a palindrome).
    """
    _check(text)
    result = text[::-1] if unit == "characters" else " ".join(reversed(text.split()))
    letters = [c.lower() for c in text if c.isalnum()]
    return {"text": text, "unit": unit, "result": result, "is_palindrome": bool(letters) and letters == letters[::-1]}


@tool(
    Example({"text": "hello big world", "case": "title"}, {"result": "Hello Big World"}),
    Example({"text": "Total Amount Due", "case": "snake"}, {"result": "total_amount_due"}),
    Example({"text": "total amount due", "case": "camel"}, {"result": "totalAmountDue"}),
    Example({"text": "ONE more TIME", "case": "sentence"}, {"result": "One more time"}),
    Example({"text": "x", "case": "shouting"}, error="must be one of"),
)
def change_text_case(text: str, case: Literal["upper", "lower", "title", "sentence", "snake", "camel", "kebab"]) -> dict:
    """Rewrite a text in another letter case or identifier style.

    Args:
        text: The text to rewrite.
        case: upper, lower, title (each word capitalised), sentence (first letter only), snake (snake_case), camel (camelCase) or kebab (kebab-case).

    Returns:
        The rewritten text.
    """
    _check(text)
    words = [w.lower() for w in re.findall(r"[^\W_]+", text)]
    result = {
        "upper": lambda: text.upper(),
        "lower": lambda: text.lower(),
        "title": lambda: re.sub(r"[^\W_]+(?:['’][^\W_]+)*", lambda m: m.group(0).capitalize(), text),
        "sentence": lambda: text[:1].upper() + text[1:].lower() if text else "",
        "snake": lambda: "_".join(words),
        "camel": lambda: words[0] + "".join(w.capitalize() for w in words[1:]) if words else "",
        "kebab": lambda: "-".join(words),
    }[case]()
    return {"text": text, "case": case, "result": result}


@tool(
    Example({"text": "I like cats. Cats like me.", "find": "cats", "replace_with": "dogs"},
            {"result": "I like dogs. Cats like me.", "replacements": 1}),
    Example({"text": "I like cats. Cats like me.", "find": "cats", "replace_with": "dogs", "case_sensitive": False},
            {"result": "I like dogs. dogs like me.", "replacements": 2}),
    Example({"text": "abc", "find": "", "replace_with": "x"}, error="find is empty"),
)
def replace_in_text(text: str, find: str, replace_with: str, case_sensitive: bool = True) -> dict:
    """Replace every occurrence of a piece of text with another (plain text, not a regular expression).

    Args:
        text: The text to edit.
        find: The text to look for.
        replace_with: What to put in its place (may be empty to delete it).
        case_sensitive: Whether "Cats" and "cats" differ (default true).

    Returns:
        The edited text and how many replacements were made.
    """
    _check(text)
    if not find:
        raise ValueError("find is empty")
    pattern = re.compile(re.escape(find), 0 if case_sensitive else re.IGNORECASE)
    matches = pattern.findall(text)
    if len(text) + len(matches) * len(replace_with) > MAX_TEXT_CHARS:  # check before building it
        raise ValueError(f"the result would be too long (more than {MAX_TEXT_CHARS} characters)")
    result, count = pattern.subn(lambda _: replace_with, text)
    return {"result": result, "replacements": count}
