"""The call-or-not decision at the first generated token.

With no thinking before the first call, a model calls or declines at its first token. Greedy
decoding takes the single likeliest token, so a decline spread over several openings ("Sorry",
"None", "I") loses to the call tag even where the openings together outweigh it
(docs/TRAINING_LOG.md, attempt 13). This reports, per case, P(call tag) and the likeliest
other first tokens:

    python -m eval first-token --model models/gemma-3-270m-fc --dataset bfcl:irrelevance --limit 100
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eval.cases import Case


@dataclass(frozen=True)
class FirstToken:
    case_id: str
    p_call: float  # probability of the format's call tag as the first generated token
    others: tuple[tuple[str, float], ...]  # the likeliest other first tokens, most likely first

    @property
    def greedy_calls(self) -> bool:
        return not self.others or self.p_call >= self.others[0][1]

    @property
    def outweighed(self) -> bool:
        """Greedy writes the call tag although every other first token together is likelier."""
        return self.greedy_calls and self.p_call < 0.5


@dataclass
class FirstTokenSummary:
    n: int
    greedy_calls: int
    outweighed: int
    mean_p_call: float
    openings: Counter = field(default_factory=Counter)  # the likeliest other token, per case

    def lines(self) -> list[str]:
        top = ", ".join(f"{token!r} {count}" for token, count in self.openings.most_common(5))
        return [f"cases: {self.n}",
                f"call tag first (greedy): {self.greedy_calls}",
                f"  of those, other first tokens together likelier: {self.outweighed}",
                f"mean P(call tag): {self.mean_p_call:.3f}",
                f"likeliest other first token: {top}"]


def first_tokens(loaded: Any, cases: list[Case], format_name: str, *, top_k: int = 4) -> list[FirstToken]:
    import torch

    from fc.formats import get_format
    from fc.inference import encode_prompt
    from fc.model import special_token_ids

    fmt = get_format(format_name)
    tokenizer = loaded.tokenizer
    call_id = special_token_ids(tokenizer).get(fmt.call_tag)
    if call_id is None:
        raise ValueError(f"{fmt.call_tag} is not one token for this tokenizer: "
                         "the first-token decision is not one token's probability")
    rows = []
    for case in cases:
        ids = torch.tensor([encode_prompt(tokenizer, fmt.render_prompt(case.messages, case.tools))],
                           device=loaded.device)
        with torch.inference_mode():
            probs = loaded.model(input_ids=ids).logits[0, -1].float().softmax(-1)
        top = torch.topk(probs, top_k + 1)
        others = tuple((tokenizer.decode([i]), p) for p, i in zip(top.values.tolist(), top.indices.tolist())
                       if i != call_id)[:top_k]
        rows.append(FirstToken(case.id, probs[call_id].item(), others))
    return rows


def summarise(rows: list[FirstToken]) -> FirstTokenSummary:
    return FirstTokenSummary(
        n=len(rows), greedy_calls=sum(r.greedy_calls for r in rows), outweighed=sum(r.outweighed for r in rows),
        mean_p_call=sum(r.p_call for r in rows) / len(rows) if rows else 0.0,
        openings=Counter(r.others[0][0] for r in rows if r.others))
