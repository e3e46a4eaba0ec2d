"""Synthetic API schemas: concepts from the catalogue, expanded into many distinct functions.

A *concept* (fc.corpus.catalogue) is one thing an API can do — "calculate compound interest",
"find flights" — with its parameters (name alternatives, value kinds, required or optional),
the ways a user asks for it, and what it returns. `expand` turns a concept into function
*variants*: different names (verb synonyms, a domain prefix, camelCase), descriptions,
parameter names, parameter descriptions, optional parameters present or absent and
`default` keys. Training on many such schemas is what teaches a model to read a schema it
has not seen. Names that are BFCL function names are never produced (fc.corpus.contamination).

Example:
    .venv/bin/python -m fc.corpus.apis finance   # print a few variants of each finance concept
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass
from random import Random

from fc.corpus.kinds import Kind, make_kind
from fc.corpus.surface import humanise

# ------------------------------------------------------------------ the catalogue's vocabulary


@dataclass(frozen=True)
class Param:
    """One parameter of a concept. `names[0]` is its canonical name (the slot name in asks)."""

    names: tuple[str, ...]
    kind: str  # a kind spec (fc.corpus.kinds)
    required: bool
    phrases: tuple[str, ...]  # request phrases with {v}; for a boolean: the "true" phrases
    off_phrases: tuple[str, ...]  # boolean only: the "false" phrases
    descriptions: tuple[str, ...]  # empty: from the kind's templates
    label: str  # words for the parameter in requests and questions ("annual rate")


@dataclass(frozen=True)
class Concept:
    domain: str
    key: str  # unique, "<domain>.<first name>"
    names: tuple[str, ...]
    descriptions: tuple[str, ...]
    asks: tuple[str, ...]  # request templates (lower-case, no final punctuation); {param} slots
    params: tuple[Param, ...]
    returns: tuple[tuple[str, str], ...]  # (field, kind spec) of the result
    answers: tuple[str, ...]  # answer templates; {field} slots from the result or the arguments
    executable: bool = False  # an fc.tools tool: its one real schema, results from running it


_PARAM = re.compile(r"^(?P<names>[a-z][a-z0-9_|]*):(?P<kind>[^!]+?)(?P<req>!?)$")


def p(spec: str, say: str = "", desc: str = "", label: str = "") -> Param:
    """A parameter from "name|alt_name:kind!" ("!" = required). `say` lists request phrases
    separated by "|" (a boolean's "true" and "false" phrases are separated by " / ");
    `desc` lists description variants separated by "|"."""
    match = _PARAM.match(spec.strip())
    if not match:
        raise ValueError(f"parameter spec {spec!r}: expected name|alt:kind or name|alt:kind!")
    names = tuple(match["names"].split("|"))
    kind = match["kind"].strip()
    on, _, off = say.partition(" / ")
    return Param(names=names, kind=kind, required=bool(match["req"]),
                 phrases=tuple(s.strip() for s in on.split("|") if s.strip()),
                 off_phrases=tuple(s.strip() for s in off.split("|") if s.strip()),
                 descriptions=tuple(d.strip() for d in desc.split("|") if d.strip()),
                 label=label or humanise(names[0]))


CONCEPTS: list[Concept] = []  # filled by fc.corpus.catalogue at import


def api(domain: str, names: str, desc: str, ask: str, params: list[Param], returns: str = "",
        answer: str = "", executable: bool = False) -> Concept:
    """Register a concept (called by fc.corpus.catalogue). Raises ValueError naming the concept
    when a template names a slot that is neither a parameter nor a returned field."""
    name_list = tuple(names.split())
    key = f"{domain}.{name_list[0]}"
    # "field:kind field:kind"; a kind may hold spaces (pick(full moon,new moon)), a field name may not
    returns_list = tuple(re.findall(r"(\w+):(\S.*?)(?=\s+\w+:|\s*$)", returns))
    concept = Concept(domain=domain, key=key, names=name_list,
                      descriptions=tuple(d.strip() for d in desc.split("|")),
                      asks=tuple(a.strip() for a in ask.split("|")), params=tuple(params),
                      returns=returns_list, answers=tuple(a.strip() for a in answer.split("|") if a.strip()),
                      executable=executable)
    param_names = {prm.names[0] for prm in params}
    fields = {f for f, _ in returns_list}
    for template in concept.asks:
        for slot in re.findall(r"{(\w+)}", template):
            if slot not in param_names:
                raise ValueError(f"concept {key}: ask {template!r} names {{{slot}}}, not a parameter")
    if not any(set(re.findall(r"{(\w+)}", t)) <= {q.names[0] for q in params if q.required}
               for t in concept.asks):
        raise ValueError(f"concept {key}: needs an ask that names required parameters only")
    for template in concept.answers:
        for slot in re.findall(r"{(\w+)}", template):
            if slot not in param_names | fields and not executable:
                raise ValueError(f"concept {key}: answer {template!r} names {{{slot}}}, neither a parameter nor a field")
    for prm in params:
        kind = make_kind(prm.kind)  # fail at import, naming the spec, not mid-generation
        if kind.unit_of is not None:
            of = next((q for q in params if q.names[0] == kind.unit_of), None)
            if of is None or not of.required or not make_kind(of.kind).unit_said or prm.required:
                raise ValueError(f"concept {key}: {prm.names[0]} ({prm.kind}) must be optional and name a "
                                 f"required mqty parameter")
        if prm.kind == "bool" and not (prm.phrases and prm.off_phrases):
            raise ValueError(f"concept {key}: boolean {prm.names[0]} needs 'true phrases / false phrases'")
    if any(c.key == key for c in CONCEPTS):
        raise ValueError(f"concept {key}: defined twice")
    CONCEPTS.append(concept)
    return concept


# ------------------------------------------------------------------ variants

# First words of a name and what else an API might call the same action.
VERB_SYNONYMS: dict[str, tuple[str, ...]] = {
    "get": ("fetch", "retrieve", "lookup", "query"), "calculate": ("compute", "calc", "estimate"),
    "compute": ("calculate", "calc"), "find": ("search", "locate", "lookup"), "search": ("find", "lookup", "query"),
    "create": ("add", "new", "make"), "book": ("reserve",), "reserve": ("book",), "send": ("post", "dispatch"),
    "list": ("get", "fetch", "browse"), "convert": ("transform",), "check": ("verify", "get"),
    "update": ("set", "modify", "change"), "cancel": ("delete", "remove"), "estimate": ("calculate", "predict"),
    "analyze": ("analyse", "evaluate", "assess"), "predict": ("forecast", "estimate"), "track": ("get", "monitor"),
    "recommend": ("suggest",), "suggest": ("recommend",), "schedule": ("plan", "create"), "translate": ("convert",),
    "generate": ("create", "make", "build"), "compare": ("diff",), "lookup": ("get", "find"),
}


@dataclass(frozen=True)
class BoundParam:
    """A concept parameter as one variant states it."""

    param: Param
    name: str
    kind: Kind
    required: bool
    description: str
    default: object = None  # the schema's default, when the variant writes one


@dataclass(frozen=True)
class ApiFunction:
    """One function variant: its schema (OpenAI tool shape) and the parameters behind it."""

    concept: Concept
    name: str
    description: str
    params: tuple[BoundParam, ...]
    fixed_schema: dict | None = None  # an executable tool's own schema (from fc.tools)

    @property
    def domain(self) -> str:
        return self.concept.domain

    def schema(self) -> dict:
        if self.fixed_schema is not None:
            return copy.deepcopy(self.fixed_schema)
        properties: dict[str, dict] = {}
        for bound in self.params:
            properties[bound.name] = bound_schema(bound)
        required = [b.name for b in self.params if b.required]
        parameters = {"type": "object", "properties": properties, "required": required}
        return {"type": "function", "function": {"name": self.name, "description": self.description,
                                                 "parameters": parameters}}

    def bound(self, canonical: str) -> BoundParam | None:
        for b in self.params:
            if b.param.names[0] == canonical:
                return b
        return None


def bound_schema(bound: BoundParam) -> dict:
    """The JSON Schema of one parameter as the variant states it."""
    kind = bound.kind
    schema: dict = {"type": kind.type, "description": bound.description}
    for key, value in kind.schema.items():
        if key == "items":
            schema["items"] = dict(value)
        elif key == "properties":
            schema["properties"] = {k: dict(v) for k, v in value.items()}
        else:
            schema[key] = list(value) if isinstance(value, list) else value
    if bound.default is not None:
        schema["default"] = bound.default
    return schema


def _name_forms(concept: Concept) -> list[str]:
    """Every name a variant of the concept may carry, in a fixed order."""
    forms: list[str] = []
    for name in concept.names:
        forms.append(name)
        head, _, rest = name.partition("_")
        for synonym in VERB_SYNONYMS.get(head, ()):
            if rest:
                forms.append(f"{synonym}_{rest}")
    prefix = concept.domain.split("_")[0]
    for name in concept.names[:2]:
        if not name.startswith(prefix):
            forms.append(f"{prefix}_{name}")
    return list(dict.fromkeys(forms))


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def _describe(rng: Random, bound_param: Param, kind: Kind, label: str) -> str:
    if bound_param.descriptions:
        return rng.choice(bound_param.descriptions)
    template = rng.choice(kind.describe)
    text = template.replace("{label}", label)
    return text[0].upper() + text[1:]


def expand(concept: Concept, rng: Random, n: int, *, banned: frozenset[str] = frozenset()) -> list[ApiFunction]:
    """Up to n variants of a concept with distinct names, none of them in `banned`
    (BFCL names, names already taken by other concepts). Deterministic given rng's state.
    An executable concept has exactly one variant: the tool's real schema."""
    if concept.executable:
        return [executable_variant(concept)]
    forms = [f for f in _name_forms(concept) if f not in banned]
    variants: list[ApiFunction] = []
    used: set[str] = set()
    for i in range(n * 3):
        if len(variants) == n or not forms:
            break
        name = forms[i % len(forms)] if i < len(forms) else rng.choice(forms)
        if rng.random() < 0.06:
            name = camel_case(name)
        if name in used or name in banned:
            continue
        used.add(name)
        variants.append(make_variant(concept, name, rng))
    return variants


def make_variant(concept: Concept, name: str, rng: Random) -> ApiFunction:
    """One variant named `name`: parameter names, descriptions, optional parameters and defaults drawn from rng."""
    bounds: list[BoundParam] = []
    for prm in concept.params:
        if not prm.required and rng.random() < 0.2:
            continue  # this API does not offer the option at all
        pname = prm.names[0] if len(prm.names) == 1 or rng.random() < 0.55 else rng.choice(prm.names[1:])
        kind = make_kind(prm.kind, rng)
        default = None
        if not prm.required and rng.random() < 0.35:
            if kind.type == "boolean":
                default = False
            elif "enum" in kind.schema:
                default = kind.schema["enum"][0]
        description = _describe(rng, prm, kind, prm.label)
        if default is not None and rng.random() < 0.5:
            description += f" Defaults to {str(default).lower() if isinstance(default, bool) else default}."
        bounds.append(BoundParam(param=prm, name=pname, kind=kind, required=prm.required, description=description,
                                 default=default))
    return ApiFunction(concept=concept, name=name, description=rng.choice(concept.descriptions), params=tuple(bounds))


def executable_variant(concept: Concept) -> ApiFunction:
    """The one function of an executable concept: the fc.tools schema, its parameters bound to the
    concept's kinds by name. Raises ValueError naming the tool when the two disagree."""
    from fc.tools import get_tool  # lazily: building the registry imports transformers

    found = get_tool(concept.names[0])
    properties = found.parameters.get("properties", {})
    required = set(found.parameters.get("required", []))
    by_name = {prm.names[0]: prm for prm in concept.params}
    if set(by_name) - set(properties) or required - set(by_name):
        raise ValueError(f"concept {concept.key}: parameters {sorted(by_name)} do not match the tool's "
                         f"{sorted(properties)} (required: {sorted(required)})")
    bounds = tuple(BoundParam(param=prm, name=name, kind=make_kind(prm.kind), required=name in required,
                              description=properties[name].get("description", ""))
                   for name, prm in by_name.items())
    return ApiFunction(concept=concept, name=found.name, description=found.description, params=bounds,
                       fixed_schema=found.schema)


def main(argv: list[str] | None = None) -> int:
    from fc.corpus import catalogue  # noqa: F401  (registers the concepts)
    import json

    argv = sys.argv[1:] if argv is None else argv
    domains = set(argv)
    rng = Random(0)
    for concept in CONCEPTS:
        if domains and concept.domain not in domains:
            continue
        for variant in expand(concept, rng, 2):
            print(json.dumps(variant.schema(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
