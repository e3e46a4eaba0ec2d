"""Value kinds: what a parameter holds, how a user says it, and how a call writes it.

A kind turns one sampled fact into three things that must agree: the argument in the call
(typed as the schema says: integer 5, number 2.5, "2024-03-15"), the words in the user's
request ("five", "two and a half", "March 15th, 2024") and the text of an answer that reports
it. Kinds are named by short specs that the API catalogue (fc.corpus.catalogue) writes:

    int(1,20)          integer               qty.km(1,500,1)    number + unit in the request
    iqty.day(1,14)     integer + unit        money(10,5000)     number, "$1,200" / "1200 dollars"
    pct(1,12,2)        number, "4.5%"->4.5   frac(1,12,2)       number, "4.5%"->0.045
    prob               number in [0, 1]      year(1950,2030)    integer
    date / time / datetime                   string, layout stated in the description
    enum(a,b,c)        string enum           bool               boolean
    city, title, ...   a word pool (fc.corpus.vocab.POOLS), copied verbatim
    id.ORD             "ORD-48213"           email, phone, url, ip, zip, isbn, flight, plate
    list.city(2,4)     array of a kind       nums(3,6,0,100,1)  array of numbers
    obj.coords / obj.dims / obj.date_range / obj.price_range / obj.guests / obj.address
    pick(T1001,T1002)  string from a fixed list, no enum in the schema (ids of the tools' world)
    pick.q(a,b)        the same, quoted in the request (texts to copy verbatim)
    expr               an arithmetic expression, copied verbatim
    point(2)           [x, y] coordinates       points(3,5)       a list of [x, y] corners
    day(2025-06-02,2025-06-08)  a date in that range, "YYYY-MM-DD" in the call, any form in the request
    enumw(km:kilometers,mi:miles)  a code in the call, its words (or the code) in the request
    mqty.len(1,500,1)  number said with a unit the user picks ("5 meters", "12cm", or bare "5")
    imqty.len(1,50)    the same, integer         unitof.radius      string: the unit the radius was said in

Example:
    .venv/bin/python -c "from random import Random; from fc.corpus.kinds import make_kind; \
k = make_kind('qty.km(1,500,1)'); r = Random(0); f = k.sample(r); print(k.argument(f), k.say(r, f))"
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from random import Random
from typing import Any, Callable

from fc.corpus import surface
from fc.corpus.vocab import CITIES, POOLS

_US_CITIES = tuple(c for c in CITIES if c[2])


@dataclass(frozen=True)
class Kind:
    """One kind of value. `sample` draws a fact; `argument` is the fact as the call writes it;
    `say` as a user writes it (random surface form); `show` as an answer reports it."""

    spec: str
    type: str  # JSON Schema type of the argument
    sample: Callable[[Random], Any]
    argument: Callable[[Any], Any]
    say: Callable[[Random, Any], str]
    show: Callable[[Any], str]
    describe: tuple[str, ...]  # description templates; {label} is the parameter's words
    phrases: tuple[str, ...]  # default request phrases; {v} is the surface value
    schema: dict = field(default_factory=dict)  # extra JSON Schema keys (enum, items, properties ...)
    quoted: bool = False  # a string the user marks with quotes and the call copies verbatim
    unit: str | None = None
    # mqty: the fact is (number, unit as the user wrote it, or None for a bare number)
    unit_said: bool = False
    # unitof: the canonical name of the mqty parameter whose said unit this parameter holds
    unit_of: str | None = None


_NUMBER_PHRASES = ("with {a_label} of {v}", "where the {label} is {v}", "using {a_label} of {v}",
                   "with {label} set to {v}", "with {label} {v}")
_ENTITY_PHRASES = ("for {v}",)
_SPEC = re.compile(r"^(?P<base>[a-z_]+)(?:\.(?P<sub>[A-Za-z0-9_]+))?(?:\((?P<args>[^)]*)\))?$")


def rng_choice(rng: Random, options: list):
    """rng.choice for a list built on the spot (named so the draw order stays visible)."""
    return options[rng.randrange(len(options))]


def _num(x: float, decimals: int) -> int | float:
    """A sampled number: an int when it has no fraction (so JSON shows 5, not 5.0)."""
    x = round(x, decimals)
    return int(x) if float(x).is_integer() else x


def _sample_number(rng: Random, lo: float, hi: float, decimals: int) -> int | float:
    # People mostly give round numbers, but a range under 10 wide holds too few of them: a price
    # per kWh in (0, 1) would be $0 or $1, so such a range always takes decimals.
    if decimals == 0 or (rng.random() < 0.45 and hi - lo >= 10):
        value = rng.randint(math.ceil(lo), math.floor(hi))
        if hi - lo >= 50 and rng.random() < 0.6:
            step = 10 if hi - lo < 1000 else 100 if hi - lo < 20000 else 1000
            value = max(math.ceil(lo), min(math.floor(hi), round(value / step) * step))
        return value
    return _num(rng.uniform(lo, hi), rng.randint(1, decimals))


def _show_number(x: int | float) -> str:
    return surface.with_commas(x) if abs(x) >= 10000 else surface.plain_number(x)


def _args(text: str | None) -> list[str]:
    """Arguments split at commas; "\\," is a comma inside a value ("10 Queen Street\\, Melbourne")."""
    if not text:
        return []
    return [a.strip().replace("\0", ",") for a in text.replace("\\,", "\0").split(",")]


def make_kind(spec: str, rng: Random | None = None) -> Kind:
    """The kind a spec names; rng picks the variant choices a schema states (a date layout).
    Raises ValueError naming the spec when it is not one of the forms in the module docstring."""
    match = _SPEC.match(spec.strip())
    if not match:
        raise ValueError(f"kind spec {spec!r}: expected base[.sub][(args)]")
    base, sub, args = match["base"], match["sub"], _args(match["args"])
    builder = _BUILDERS.get(base)
    if builder is None:
        if base in POOLS and sub is None:
            return _pool_kind(spec, base)
        raise ValueError(f"kind spec {spec!r}: unknown kind {base!r} (known: {', '.join(sorted(_BUILDERS))} "
                         f"and the pools {', '.join(sorted(POOLS))})")
    try:
        return builder(spec, sub, args, rng or Random(0))
    except (TypeError, ValueError, KeyError, IndexError) as error:
        raise ValueError(f"kind spec {spec!r}: {error}") from error


# ------------------------------------------------------------------ numbers


def _int_kind(spec, sub, args, rng):
    lo, hi = (int(args[0]), int(args[1])) if args else (1, 100)
    return Kind(spec, "integer", lambda r: _sample_number(r, lo, hi, 0), lambda f: f,
                lambda r, f: surface.say_integer(r, f), _show_number,
                ("The {label}.", "The {label} (a whole number).", "Number of {label}."), _NUMBER_PHRASES)


def _num_kind(spec, sub, args, rng):
    lo, hi = float(args[0]), float(args[1])
    decimals = int(args[2]) if len(args) > 2 else 2
    return Kind(spec, "number", lambda r: _sample_number(r, lo, hi, decimals), lambda f: f,
                lambda r, f: surface.say_number(r, f), _show_number, ("The {label}.", "The value of the {label}."),
                _NUMBER_PHRASES)


def _qty_kind(spec, sub, args, rng, integer=False):
    unit = sub
    if unit not in surface.UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    lo, hi = float(args[0]), float(args[1])
    decimals = 0 if integer else int(args[2]) if len(args) > 2 else 1
    singular, plural, short = surface.UNITS[unit]
    words = unit not in {"c", "f", "k"}
    return Kind(spec, "integer" if integer else "number", lambda r: _sample_number(r, lo, hi, decimals),
                lambda f: f, lambda r, f: surface.say_quantity(r, f, unit, words=words),
                lambda f: f"{_show_number(f)} {singular if f == 1 else plural}",
                (f"The {{label}} in {plural}.", f"The {{label}}, measured in {plural}.", f"The {{label}} ({short})."),
                ("of {v}", "with {a_label} of {v}", "where the {label} is {v}"), unit=unit)


# Units a user may give a length in: BFCL's geometry gold copies the unit as written ("5cm" ->
# "cm", "5 meters" -> "meters", "4 inches" -> "inches"), so the call writes what the request says.
_SAID_UNITS = {"len": ("cm", "m", "in", "ft", "km", "mm")}


def _mqty_kind(spec, sub, args, rng, integer=False):
    if sub not in _SAID_UNITS:
        raise ValueError(f"unknown unit family {sub!r} (known: {', '.join(_SAID_UNITS)})")
    lo, hi = float(args[0]), float(args[1])
    decimals = 0 if integer else int(args[2]) if len(args) > 2 else 1

    def sample(r: Random):
        number = _sample_number(r, lo, hi, decimals)
        if r.random() < 0.25:
            return number, None  # "a radius of 5": no unit said, none written
        _, plural, short = surface.UNITS[rng_choice(r, list(_SAID_UNITS[sub]))]
        # plural even for 1: the lengths of one request share the unit as written ("1 meters and 7 meters")
        forms = [plural] + ([short] if short != "in" else [])  # "5 in" reads as a preposition
        return number, rng_choice(r, forms)

    def say(r: Random, f) -> str:
        number, unit = f
        words = surface.say_number(r, number) if isinstance(number, float) else surface.say_integer(r, number)
        if unit is None:
            return words
        if len(unit) <= 2 and words[-1].isdigit() and r.random() < 0.5:
            return f"{words}{unit}"  # "12cm"
        return f"{words} {unit}"

    def show(f) -> str:
        return _show_number(f[0]) if f[1] is None else f"{_show_number(f[0])} {f[1]}"

    return Kind(spec, "integer" if integer else "number", sample, lambda f: f[0], say, show,
                ("The {label}.", "The {label} in the unit given.", "The {label}, in the unit the user gives."),
                ("of {v}", "with {a_label} of {v}", "where the {label} is {v}"), unit_said=True)


def _unitof_kind(spec, sub, args, rng):
    if not sub:
        raise ValueError("unitof names the parameter whose unit it holds: unitof.radius")
    what = sub.replace("_", " ")
    return Kind(spec, "string", lambda r: None, lambda f: f, lambda r, f: str(f), str,
                (f"The unit of measurement for the {what}. Default is 'cm'.", f"The unit the {what} is given in (default: m).",
                 f"Unit of the {what}, e.g. 'cm' or 'inches'.", f"The measurement unit of the {what} (optional, default is 'cm')."),
                ("in {v}",), unit_of=sub)


def _money_kind(spec, sub, args, rng, integer=False):
    lo, hi = (float(args[0]), float(args[1])) if args else (10.0, 5000.0)
    currency = sub or "USD"

    def sample(r: Random):
        x = _sample_number(r, lo, hi, 0 if integer else 2)
        if not integer and isinstance(x, float) and hi > 1000:
            x = int(x)  # large amounts rarely carry cents in a request
        return x

    noun = {"USD": "US dollars", "EUR": "euros", "GBP": "British pounds", "JPY": "Japanese yen"}.get(currency, currency)
    return Kind(spec, "integer" if integer else "number", sample, lambda f: f,
                lambda r, f: surface.say_money(r, f, currency),
                lambda f: _show_money(f, currency),
                (f"The {{label}} in {noun}.", f"The {{label}}, in {currency}.", "The {label} (amount of money)."),
                ("of {v}", "with {a_label} of {v}", "where the {label} is {v}", "for {v}"))


def _show_money(amount, currency):
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(currency)
    text = f"{amount:,.2f}" if isinstance(amount, float) else f"{amount:,}"
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def _pct_kind(spec, sub, args, rng, fraction=False):
    lo, hi = (float(args[0]), float(args[1])) if args else (1.0, 15.0)
    decimals = int(args[2]) if len(args) > 2 else 2

    def sample(r: Random):
        x = _sample_number(r, lo, hi, decimals)
        return _num(round(x * 4) / 4, 2) if isinstance(x, float) and r.random() < 0.6 else x  # 4.25, 6.5 ...

    if fraction:
        return Kind(spec, "number", sample, lambda f: _num(f / 100, 6), lambda r, f: surface.say_percent(r, f),
                    lambda f: f"{surface.plain_number(f)}%",
                    # Half the time the bare "The annual interest rate.": finance libraries (numpy-financial)
                    # and BFCL's schemas mean 0.05 for 5% when they say nothing more.
                    ("The {label} as a decimal fraction (e.g. 0.05 for 5%).", "The {label}, expressed as a decimal "
                     "between 0 and 1 (0.05 means 5%).", "The {label}.", "The {label}."),
                    ("of {v}", "at {v}", "with {a_label} of {v}"))
    return Kind(spec, "number", sample, lambda f: f, lambda r, f: surface.say_percent(r, f),
                lambda f: f"{surface.plain_number(f)}%",
                ("The {label} as a percentage (e.g. 5 for 5%).", "The {label} in percent."),
                ("of {v}", "at {v}", "with {a_label} of {v}"))


def _prob_kind(spec, sub, args, rng):
    def say(r: Random, f):
        return rng_choice(r, [surface.plain_number(f)] * 2 + [f"{surface.plain_number(_num(f * 100, 4))}%"])

    return Kind(spec, "number", lambda r: _num(r.choice([0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9,
                                                         0.15, 0.35, 0.45, 0.65, 0.85, 0.95]), 2),
                lambda f: f, say, surface.plain_number,
                ("The {label}, a probability between 0 and 1.", "The {label} (0 to 1)."),
                ("with {a_label} of {v}", "where the {label} is {v}"))


def _year_kind(spec, sub, args, rng):
    lo, hi = (int(args[0]), int(args[1])) if args else (1990, 2030)
    return Kind(spec, "integer", lambda r: r.randint(lo, hi), lambda f: f, lambda r, f: str(f), str,
                ("The {label} (four-digit year).", "The {label}, e.g. 2021."), ("in {v}", "for {v}", "for the year {v}"))


# ------------------------------------------------------------------ dates and times


def _date_kind(spec, sub, args, rng):
    layout = {"us": "MM/DD/YYYY", "eu": "DD-MM-YYYY", "iso": "YYYY-MM-DD"}.get(sub or "", None)
    if layout is None:
        layout = rng_choice(rng, ["YYYY-MM-DD"] * 6 + ["MM/DD/YYYY", "DD-MM-YYYY"])
    lo, hi = (int(args[0]), int(args[1])) if args else (2024, 2026)
    start = dt.date(lo, 1, 1).toordinal()
    end = dt.date(hi, 12, 31).toordinal()
    return Kind(spec, "string", lambda r: dt.date.fromordinal(r.randint(start, end)),
                lambda f: surface.format_date(f, layout), surface.say_date,
                lambda f: f"{surface.MONTHS[f.month - 1]} {f.day}, {f.year}",
                (f"The {{label}} in {layout} format.", f"The {{label}} ({layout}).", f"The {{label}}, formatted as {layout}."),
                ("on {v}", "for {v}"))


def _time_kind(spec, sub, args, rng):
    return Kind(spec, "string", lambda r: (r.randint(6, 22), r.choice([0, 0, 15, 30, 30, 45])),
                lambda f: f"{f[0]:02d}:{f[1]:02d}", lambda r, f: surface.say_time(r, *f),
                lambda f: f"{f[0]:02d}:{f[1]:02d}",
                ("The {label} in 24-hour HH:MM format.", "The {label} (HH:MM, 24-hour clock)."), ("at {v}",))


def _datetime_kind(spec, sub, args, rng):
    start = dt.date(2024, 1, 1).toordinal()
    end = dt.date(2026, 12, 31).toordinal()

    def sample(r: Random):
        return dt.date.fromordinal(r.randint(start, end)), r.randint(7, 21), r.choice([0, 0, 15, 30, 45])

    sep = " " if sub == "space" else "T"
    return Kind(spec, "string", sample, lambda f: f"{f[0].isoformat()}{sep}{f[1]:02d}:{f[2]:02d}",
                lambda r, f: rng_choice(r, ["{d} at {t}", "{t} on {d}"]).format(
                    d=surface.say_date(r, f[0]), t=surface.say_time(r, f[1], f[2])),
                lambda f: f"{f[0].isoformat()} {f[1]:02d}:{f[2]:02d}",
                ("The {label} in ISO 8601 format (YYYY-MM-DDTHH:MM).", "The {label} as YYYY-MM-DDTHH:MM."),
                ("on {v}", "for {v}", "at {v}"))


# ------------------------------------------------------------------ strings


_QUOTED_POOLS = frozenset({"title", "message", "note", "review", "case_name", "game", "tv_show", "podcast",
                           "artwork", "file_name", "hashtag", "dna"})
_POOL_PHRASES = {
    "city": ("in {v}", "for {v}"), "us_city": ("in {v}", "for {v}"), "country": ("in {v}", "for {v}"),
    "us_state": ("in {v}", "for {v}"), "person": ("for {v}",), "message": ("saying {v}", "with the text {v}"),
    "note": ("saying {v}", "with the text {v}"), "review": ("saying {v}",), "title": ("called {v}", "titled {v}"),
    "language": ("in {v}",), "airport": ("from {v}",), "ticker": ("for {v}",), "company": ("for {v}",),
}


def _pool_kind(spec: str, pool: str) -> Kind:
    values = POOLS[pool]
    quoted = pool in _QUOTED_POOLS

    def say(r: Random, f: str) -> str:
        if quoted or (r.random() < 0.12 and pool in {"person", "band", "company", "restaurant", "hotel", "venue"}):
            return surface.quote(r, f)
        return f

    return Kind(spec, "string", lambda r: r.choice(values), lambda f: f, say, lambda f: f,
                ("The {label}.", "The {label}, e.g. '" + values[len(values) // 3] + "'.", "Name of the {label}."),
                _POOL_PHRASES.get(pool, _ENTITY_PHRASES), quoted=quoted)


def _enum_kind(spec, sub, args, rng):
    values = [a for a in args if a]
    if len(values) < 2:
        raise ValueError("an enum needs at least two values")

    def say(r: Random, f: str) -> str:
        words = f.replace("_", " ")
        options = [words, words, words.title() if len(words) > 3 else words.upper()]
        return r.choice(options)

    return Kind(spec, "string", lambda r: r.choice(values), lambda f: f, say, lambda f: f.replace("_", " "),
                ("The {label}.", "The {label}; one of: " + ", ".join(values) + ".", "Which {label} to use."),
                ("with {label} {v}", "using {v}"), schema={"enum": values})


def _bool_kind(spec, sub, args, rng):
    return Kind(spec, "boolean", lambda r: r.random() < 0.7, lambda f: f, lambda r, f: "yes" if f else "no",
                lambda f: "yes" if f else "no", ("Whether to {label}.", "If true, {label}."), ())


def _id_kind(spec, sub, args, rng):
    prefix = sub or "ID"
    shape = rng_choice(rng, ["{p}-{n}", "{p}{n}", "{p}-{n}"])
    digits = int(args[0]) if args else 5

    def sample(r: Random) -> str:
        return shape.format(p=prefix, n=r.randint(10 ** (digits - 1), 10 ** digits - 1))

    return Kind(spec, "string", sample, lambda f: f, lambda r, f: f, lambda f: f,
                ("The {label}.", f"The {{label}}, e.g. '{sample(Random(7))}'.", "Unique {label}."),
                ("for {v}", "with {label} {v}", "{v}"))


def _email_kind(spec, sub, args, rng):
    def sample(r: Random) -> str:
        first, last = r.choice(POOLS["first_name"]).lower(), r.choice(POOLS["person"]).split()[-1].lower()
        return f"{first}.{last}@{r.choice(POOLS['web_domain'])}"

    return Kind(spec, "string", sample, lambda f: f, lambda r, f: f, lambda f: f,
                ("The {label}.", "The {label} (email address)."), ("to {v}", "for {v}", "at {v}"))


def _phone_kind(spec, sub, args, rng):
    def sample(r: Random) -> str:
        return r.choice(["+1-{a}-{b}-{c}", "+44 20 {b} {c}", "+1 {a} {b} {c}", "({a}) {b}-{c}"]).format(
            a=r.randint(201, 989), b=r.randint(200, 999), c=r.randint(1000, 9999))

    return Kind(spec, "string", sample, lambda f: f, lambda r, f: f, lambda f: f,
                ("The {label}, including the country code where known.", "The {label}."), ("at {v}", "to {v}"))


def _simple_string_kind(spec, sample, describe, phrases=("for {v}",)):
    return Kind(spec, "string", sample, lambda f: f, lambda r, f: f, lambda f: f, describe, phrases)


def _url_kind(spec, sub, args, rng):
    return _simple_string_kind(spec, lambda r: f"https://www.{r.choice(POOLS['web_domain'])}/"
                               f"{r.choice(['blog', 'docs', 'news', 'shop', 'about'])}/{r.randint(100, 999)}",
                               ("The {label}.", "The full {label}, including https://."), ("for {v}", "at {v}"))


def _ip_kind(spec, sub, args, rng):
    return _simple_string_kind(spec, lambda r: r.choice(["192.168.{}.{}", "10.0.{}.{}", "172.16.{}.{}"]).format(
        r.randint(0, 20), r.randint(2, 254)), ("The {label} (IPv4).", "The IPv4 {label}."), ("for {v}", "at {v}"))


def _zip_kind(spec, sub, args, rng):
    return _simple_string_kind(spec, lambda r: f"{r.randint(10000, 99950):05d}",
                               ("The {label} (5-digit US ZIP code).", "The {label}."), ("in {v}", "for {v}"))


def _isbn_kind(spec, sub, args, rng):
    return _simple_string_kind(spec, lambda r: f"978-{r.randint(0, 1)}-{r.randint(100, 999)}-{r.randint(10000, 99999)}-"
                               f"{r.randint(0, 9)}", ("The {label} (ISBN-13).", "The book's {label}."), ("with ISBN {v}",))


def _flight_kind(spec, sub, args, rng):
    return _simple_string_kind(spec, lambda r: f"{r.choice(['SK', 'QX', 'MR', 'PJ', 'AU', 'TX'])}{r.randint(100, 2999)}",
                               ("The {label} (airline code and number, e.g. QX218).", "The {label}."), ("{v}", "for {v}"))


def _plate_kind(spec, sub, args, rng):
    return _simple_string_kind(spec, lambda r: f"{r.randint(1, 9)}{''.join(r.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}"
                               f"{r.randint(100, 999)}", ("The vehicle {label}.", "The {label}."), ("with plate {v}",))


def _vin_kind(spec, sub, args, rng):
    chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return _simple_string_kind(spec, lambda r: "".join(r.choice(chars) for _ in range(17)),
                               ("The 17-character {label}.", "The vehicle identification number."), ("with VIN {v}",))


# ------------------------------------------------------------------ arrays and objects


def _list_kind(spec, sub, args, rng):
    inner = make_kind(sub if not args[2:] else f"{sub}({','.join(args[2:])})", rng)
    lo, hi = (int(args[0]), int(args[1])) if args else (2, 4)

    def sample(r: Random) -> list:
        n = r.randint(lo, hi)
        facts: list = []
        for _ in range(n * 4):
            fact = inner.sample(r)
            if fact not in facts:
                facts.append(fact)
            if len(facts) == n:
                break
        return facts

    def say(r: Random, facts: list) -> str:
        # One style for the whole list: the same quotes, digits throughout, the unit said once.
        if inner.quoted:
            style = r.choice(surface.QUOTES)
            return surface.say_list(r, [style.format(inner.argument(f)) for f in facts])
        if inner.type in ("integer", "number"):
            text = surface.say_list(r, [surface.plain_number(f) for f in facts])
            return f"{text} {surface.UNITS[inner.unit][1]}" if inner.unit else text
        return surface.say_list(r, [inner.say(r, f) for f in facts])

    return Kind(spec, "array", sample, lambda fs: [inner.argument(f) for f in fs], say,
                lambda fs: surface.join_words([inner.show(f) for f in fs]),
                ("A list of {label}.", "The {label}, as a list."), ("for {v}", "with {label} {v}"),
                schema={"items": {"type": inner.type, **inner.schema}}, quoted=inner.quoted, unit=inner.unit)


def _nums_kind(spec, sub, args, rng):
    lo_n, hi_n, lo, hi = int(args[0]), int(args[1]), float(args[2]), float(args[3])
    decimals = int(args[4]) if len(args) > 4 else 1
    integer = sub == "int"

    def sample(r: Random) -> list:
        n = r.randint(lo_n, hi_n)
        if integer:
            return [r.randint(int(lo), int(hi)) for _ in range(n)]
        return [_num(r.uniform(lo, hi), decimals) for _ in range(n)]

    def say(r: Random, facts: list) -> str:
        texts = [surface.plain_number(f) for f in facts]
        return rng_choice(r, [", ".join(texts), surface.join_words(texts), "[" + ", ".join(texts) + "]"])

    return Kind(spec, "array", sample, list, say, lambda fs: ", ".join(surface.plain_number(f) for f in fs),
                ("The {label}, as a list of numbers.", "List of {label}."), ("for {v}", "with {label} {v}"),
                schema={"items": {"type": "integer" if integer else "number"}})


_OBJECTS: dict[str, dict] = {
    "coords": {"properties": {"latitude": ("number", "Latitude in decimal degrees."),
                              "longitude": ("number", "Longitude in decimal degrees.")},
               "describe": ("The {label} as latitude and longitude.", "Geographic {label}.")},
    "dims": {"properties": {"length": ("number", "Length in centimeters."), "width": ("number", "Width in centimeters."),
                            "height": ("number", "Height in centimeters.")},
             "describe": ("The {label} of the item, in centimeters.", "Package {label} (cm).")},
    "date_range": {"properties": {"start_date": ("string", "First day, YYYY-MM-DD."),
                                  "end_date": ("string", "Last day, YYYY-MM-DD.")},
                   "describe": ("The {label}, with start and end dates in YYYY-MM-DD format.", "The {label} to cover.")},
    "price_range": {"properties": {"min_price": ("number", "Lowest price in US dollars."),
                                   "max_price": ("number", "Highest price in US dollars.")},
                    "describe": ("The {label} in US dollars.", "Acceptable {label} (USD).")},
    "guests": {"properties": {"adults": ("integer", "Number of adults."),
                              "children": ("integer", "Number of children.")},
               "describe": ("Who is travelling: the number of adults and children.", "The {label}.")},
    "address": {"properties": {"street": ("string", "Street and number."), "city": ("string", "City."),
                               "postal_code": ("string", "Postal or ZIP code.")},
                "describe": ("The {label}.", "The full {label}: street, city and postal code.")},
}


def _obj_kind(spec, sub, args, rng):
    shape = _OBJECTS[sub]
    props = {name: {"type": t, "description": d} for name, (t, d) in shape["properties"].items()}
    schema = {"properties": props, "required": list(props)}

    def sample(r: Random) -> dict:
        if sub == "coords":
            return {"latitude": round(r.uniform(-50, 65), 4), "longitude": round(r.uniform(-150, 150), 4)}
        if sub == "dims":
            return {k: _sample_number(r, 5, 120, 1) for k in ("length", "width", "height")}
        if sub == "date_range":
            start = dt.date(2024, 1, 1) + dt.timedelta(days=r.randint(0, 900))
            return {"start_date": start, "end_date": start + dt.timedelta(days=r.randint(2, 14))}
        if sub == "price_range":
            low = r.choice([50, 100, 150, 200, 300, 500, 1000])
            return {"min_price": low, "max_price": low * r.choice([2, 3, 4])}
        if sub == "guests":
            return {"adults": r.randint(1, 4), "children": r.randint(0, 3)}
        street = f"{r.randint(2, 980)} {r.choice(['Oak', 'Maple', 'Harbor', 'Station', 'Mill', 'Cedar'])} " \
                 f"{r.choice(['Street', 'Avenue', 'Road', 'Lane'])}"
        city, _, _ = r.choice(_US_CITIES)
        return {"street": street, "city": city, "postal_code": f"{r.randint(10000, 99950):05d}"}

    def argument(f: dict) -> dict:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in f.items()}

    def say(r: Random, f: dict) -> str:
        if sub == "coords":
            lat, lon = surface.plain_number(f["latitude"]), surface.plain_number(f["longitude"])
            return rng_choice(r, [f"latitude {lat} and longitude {lon}", f"coordinates ({lat}, {lon})", f"{lat}, {lon}"])
        if sub == "dims":
            l, w, h = (surface.plain_number(f[k]) for k in ("length", "width", "height"))
            return rng_choice(r, [f"{l} x {w} x {h} cm", f"{l} cm long, {w} cm wide and {h} cm high"])
        if sub == "date_range":
            a, b = surface.say_date(r, f["start_date"]), surface.say_date(r, f["end_date"])
            return rng_choice(r, [f"from {a} to {b}", f"between {a} and {b}"])
        if sub == "price_range":
            return rng_choice(r, [f"between ${f['min_price']} and ${f['max_price']}",
                                  f"from ${f['min_price']} to ${f['max_price']}"])
        if sub == "guests":
            kids = f["children"]
            adults = f"{surface.say_integer(r, f['adults'])} adult{'s' if f['adults'] != 1 else ''}"
            return adults + (f" and {surface.say_integer(r, kids)} child{'ren' if kids != 1 else ''}" if kids else
                             " and no children")
        return f"{f['street']}, {f['city']} {f['postal_code']}"

    def show(f: dict) -> str:
        return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in argument(f).items())

    return Kind(spec, "object", sample, argument, say, show, shape["describe"], ("for {v}", "with {v}"),
                schema=schema)


def _pick_kind(spec, sub, args, rng):
    values = [a for a in args if a]
    if not values:
        raise ValueError("pick needs at least one value")
    if sub == "q":  # a text the user quotes and the call copies verbatim
        return Kind(spec, "string", lambda r: r.choice(values), lambda f: f, surface.quote, lambda f: f,
                    ("The {label}.",), ("{v}",), quoted=True)
    return _simple_string_kind(spec, lambda r: r.choice(values), ("The {label}.",), ("for {v}", "{v}"))


_EXPR_SHAPES = ("{a} * {b} + {c}", "({a} + {b}) * {c}", "{a}^2 - {b}", "sqrt({sq}) + {a}", "{a} / {b} - {c}",
                "({a} - {c}) * ({b} + {c})", "{a} % {b}", "2^{e} + {c}", "{a} * ({b} - {c}) / 2", "{big} / {a}")


def _expr_kind(spec, sub, args, rng):
    def sample(r: Random) -> str:
        return r.choice(_EXPR_SHAPES).format(a=r.randint(2, 99), b=r.randint(2, 60), c=r.randint(1, 40),
                                             sq=r.choice([16, 25, 49, 81, 144, 225, 2, 10]), e=r.randint(3, 16),
                                             big=r.randint(100, 9999))

    return _simple_string_kind(spec, sample, ("The arithmetic {label}.",), ("{v}",))


def _say_point(p: list) -> str:
    return "(" + ", ".join(surface.plain_number(x) for x in p) + ")"


def _point_kind(spec, sub, args, rng):
    dims = int(args[0]) if args else 2

    def sample(r: Random) -> list:
        return [_num(r.uniform(-20, 20), 1) if r.random() < 0.3 else r.randint(-10, 20) for _ in range(dims)]

    return Kind(spec, "array", sample, list, lambda r, f: _say_point(f), _say_point,
                ("The {label} as a list of coordinates.",), ("at {v}",), schema={"items": {"type": "number"}})


def _points_kind(spec, sub, args, rng):
    lo, hi = (int(args[0]), int(args[1])) if args else (3, 5)

    def sample(r: Random) -> list:
        shapes = [[[0, 0], [4, 0], [4, 3]], [[0, 0], [6, 0], [6, 4], [0, 4]], [[1, 1], [5, 1], [3, 6]],
                  [[0, 0], [5, 0], [7, 4], [2, 6]], [[0, 0], [8, 0], [8, 2], [4, 5], [0, 2]]]
        base = r.choice([s for s in shapes if lo <= len(s) <= hi] or shapes)
        k = r.randint(1, 3)
        return [[x * k, y * k] for x, y in base]

    def say(r: Random, f: list) -> str:
        return surface.say_list(r, [_say_point(p) for p in f])

    return Kind(spec, "array", sample, lambda f: [list(p) for p in f], say,
                lambda f: ", ".join(_say_point(p) for p in f), ("The {label} as [x, y] pairs.",), ("{v}",),
                schema={"items": {"type": "array", "items": {"type": "number"}}})


def _day_kind(spec, sub, args, rng):
    lo, hi = dt.date.fromisoformat(args[0]).toordinal(), dt.date.fromisoformat(args[1]).toordinal()
    return Kind(spec, "string", lambda r: dt.date.fromordinal(r.randint(lo, hi)), lambda f: f.isoformat(),
                surface.say_date, lambda f: f"{surface.MONTHS[f.month - 1]} {f.day}, {f.year}",
                ("The {label} in YYYY-MM-DD format.",), ("on {v}", "for {v}"))


def _enumw_kind(spec, sub, args, rng):
    pairs = [a.split(":", 1) for a in args if a]
    if len(pairs) < 2 or any(len(pair) != 2 for pair in pairs):
        raise ValueError("enumw needs at least two code:words pairs")
    words = {code: text for code, text in pairs}
    codes = [code for code, _ in pairs]

    def say(r: Random, f: str) -> str:
        return words[f] if r.random() < 0.8 else f

    return Kind(spec, "string", lambda r: r.choice(codes), lambda f: f, say, lambda f: words[f],
                ("The {label}; one of: " + ", ".join(codes) + ".",), ("in {v}",), schema={"enum": codes})


_BUILDERS: dict[str, Callable] = {
    "day": _day_kind, "enumw": _enumw_kind,
    "pick": _pick_kind, "expr": _expr_kind, "point": _point_kind, "points": _points_kind,
    "int": _int_kind, "num": _num_kind, "qty": _qty_kind, "mqty": _mqty_kind, "unitof": _unitof_kind,
    "imqty": lambda spec, sub, args, rng: _mqty_kind(spec, sub, args, rng, integer=True),
    "iqty": lambda spec, sub, args, rng: _qty_kind(spec, sub, args, rng, integer=True),
    "money": _money_kind, "imoney": lambda spec, sub, args, rng: _money_kind(spec, sub, args, rng, integer=True),
    "pct": _pct_kind, "frac": lambda spec, sub, args, rng: _pct_kind(spec, sub, args, rng, fraction=True),
    "prob": _prob_kind, "year": _year_kind, "date": _date_kind, "time": _time_kind, "datetime": _datetime_kind,
    "enum": _enum_kind, "bool": _bool_kind, "id": _id_kind, "email": _email_kind, "phone": _phone_kind,
    "url": _url_kind, "ip": _ip_kind, "zip": _zip_kind, "isbn": _isbn_kind, "flight": _flight_kind,
    "plate": _plate_kind, "vin": _vin_kind, "list": _list_kind, "nums": _nums_kind, "obj": _obj_kind,
}
