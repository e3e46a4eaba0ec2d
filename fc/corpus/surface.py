"""Surface forms: how a user writes a value in a request, and how to read it back.

A generated request states each argument in one of several ways ("5", "five", "5.0",
"1,200", "two dozen", "$5k", "50 kilometers", "March 3, 2024", "3:30 PM", "A, B and C"),
while the call holds the value in the type its schema asks for (an integer 5, a number
2.5, the date "2024-03-03"). Every function here takes the random generator it may draw
from, so a corpus is reproducible from its seed.

Example:
    .venv/bin/python -c "from fc.corpus.surface import number_words as w; print(w(1215))"
"""

from __future__ import annotations

import datetime as dt
import re
from random import Random

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"), (100, "hundred"))
MONTHS = ("January February March April May June July August September October November "
          "December").split()


# ------------------------------------------------------------------ numbers


def number_words(n: int) -> str:
    """An integer in English words: 21 -> "twenty-one", 1215 -> "one thousand two hundred fifteen"."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    for scale, word in _SCALES:
        if n >= scale:
            head, rest = divmod(n, scale)
            text = f"{number_words(head)} {word}"
            return text + (f" {number_words(rest)}" if rest else "")
    raise AssertionError(n)  # unreachable: every n >= 100 meets a scale


_WORD_VALUES = {word: i for i, word in enumerate(_ONES)}
_WORD_VALUES.update({word: 10 * i for i, word in enumerate(_TENS) if word != "_"})
_SCALE_VALUES = {word: scale for scale, word in _SCALES}
_SPECIAL = {"a dozen": 12, "half a dozen": 6, "two dozen": 24, "three dozen": 36, "a hundred": 100,
            "a thousand": 1000, "a score": 20}


def parse_number_words(text: str) -> int:
    """The inverse of number_words (and of the idioms "a dozen", "two dozen", "a hundred"):
    "one thousand two hundred fifteen" -> 1215. Raises ValueError naming the word it cannot read."""
    text = text.strip().lower()
    if text in _SPECIAL:
        return _SPECIAL[text]
    if text.startswith("minus "):
        return -parse_number_words(text[6:])
    total = current = 0
    for word in text.replace("-", " ").split():
        if word == "and":
            continue
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "hundred":
            current *= 100
        elif word in _SCALE_VALUES:
            total += current * _SCALE_VALUES[word]
            current = 0
        else:
            raise ValueError(f"parse_number_words: cannot read {word!r} in {text!r}")
    return total + current


def with_commas(n: int | float) -> str:
    """1200 -> "1,200"; 1234.5 -> "1,234.5"."""
    if isinstance(n, float) and not n.is_integer():
        whole, frac = f"{n}".split(".")
        return f"{int(whole):,}.{frac}"
    return f"{int(n):,}"


def plain_number(x: int | float) -> str:
    """The shortest faithful digits: 5 -> "5", 5.0 -> "5", 2.50 -> "2.5", 0.045 -> "0.045"."""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return repr(x) if isinstance(x, float) else str(x)


_FRACTION_WORDS = {0.5: "and a half", 0.25: "and a quarter", 0.75: "and three quarters"}


def _pick(rng: Random, weighted: list[tuple[float, str]]) -> str:
    """One option, drawn by weight (a list, never a set: the order is part of the seed's contract)."""
    total = sum(w for w, _ in weighted)
    x = rng.random() * total
    for weight, option in weighted:
        x -= weight
        if x < 0:
            return option
    return weighted[-1][1]


def say_integer(rng: Random, n: int, *, words: bool = True) -> str:
    """An integer the way people write it: mostly digits, words for some small ones, commas,
    "5k" or "1.2 million" for large ones, "a dozen" / "two dozen" for dozens."""
    options = [(6.0, str(n))]
    if words and 0 <= n <= 20:
        options.append((2.0, number_words(n)))
    elif words and 20 < n < 100 and n % 5 == 0:
        options.append((1.0, number_words(n)))
    if n >= 1000:
        options.append((6.0, with_commas(n)))
    if 1000 <= n < 1_000_000 and n % 1000 == 0:
        options.append((1.5, f"{n // 1000}k"))
        if n // 1000 <= 20:
            options.append((1.0, f"{number_words(n // 1000)} thousand"))
    if n >= 1_000_000 and n % 100_000 == 0:
        options.append((3.0, f"{plain_number(n / 1_000_000)} million"))
    if words and n in (12, 24, 36):
        options.append((1.5, {12: "a dozen", 24: "two dozen", 36: "three dozen"}[n]))
    if words and n == 6:
        options.append((0.7, "half a dozen"))
    if words and n in (100, 1000):
        options.append((1.0, {100: "a hundred", 1000: "a thousand"}[n]))
    return _pick(rng, options)


def say_number(rng: Random, x: int | float, *, words: bool = True) -> str:
    """A number that may carry decimals: "2.5", "two and a half", "2.50", "1,250.75"."""
    if isinstance(x, int) or float(x).is_integer():
        return say_integer(rng, int(x), words=words)
    whole = int(x)
    frac = round(x - whole, 6)
    options = [(6.0, plain_number(x))]
    if abs(x) >= 1000:
        options.append((4.0, with_commas(x)))
    if words and 0 <= whole <= 20 and frac in _FRACTION_WORDS:
        options.append((2.0, f"{number_words(whole)} {_FRACTION_WORDS[frac]}" if whole else
                        {0.5: "a half", 0.25: "a quarter", 0.75: "three quarters"}[frac]))
    return _pick(rng, options)


def say_money(rng: Random, amount: int | float, currency: str = "USD") -> str:
    """An amount of money: "$5,000", "5000 dollars", "$5k", "5,000 USD", "€120.50", "120.50 euros"."""
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(currency, "")
    noun = {"USD": "dollars", "EUR": "euros", "GBP": "pounds", "JPY": "yen"}.get(currency, currency)
    digits = with_commas(amount) if amount >= 1000 else plain_number(amount)
    if isinstance(amount, float) and not amount.is_integer():
        digits = f"{amount:,.2f}"
    options = [f"{digits} {currency}", f"{digits} {noun}"]
    if symbol:
        options += [f"{symbol}{digits}"] * 3
    if amount >= 1000 and amount % 1000 == 0 and amount < 1_000_000 and symbol:
        options.append(f"{symbol}{int(amount) // 1000}k")
    if amount >= 1_000_000 and amount % 100_000 == 0:
        options.append(f"{symbol}{plain_number(amount / 1_000_000)} million" if symbol else
                       f"{plain_number(amount / 1_000_000)} million {noun}")
    return rng.choice(options)


def say_percent(rng: Random, percent: int | float) -> str:
    """A percentage: "4.5%", "4.5 percent", "five percent"."""
    text = plain_number(percent)
    options = [f"{text}%", f"{text}%", f"{text} percent"]
    if float(percent).is_integer() and 0 < percent <= 20:
        options.append(f"{number_words(int(percent))} percent")
    return rng.choice(options)


# Units a request may name, each with the forms people write it in (singular, plural, short).
UNITS: dict[str, tuple[str, str, str]] = {
    "km": ("kilometer", "kilometers", "km"), "mi": ("mile", "miles", "mi"),
    "m": ("meter", "meters", "m"), "cm": ("centimeter", "centimeters", "cm"),
    "mm": ("millimeter", "millimeters", "mm"), "ft": ("foot", "feet", "ft"),
    "in": ("inch", "inches", "in"), "kg": ("kilogram", "kilograms", "kg"),
    "g": ("gram", "grams", "g"), "mg": ("milligram", "milligrams", "mg"),
    "lb": ("pound", "pounds", "lbs"), "oz": ("ounce", "ounces", "oz"),
    "l": ("liter", "liters", "L"), "ml": ("milliliter", "milliliters", "mL"),
    "s": ("second", "seconds", "s"), "min": ("minute", "minutes", "min"),
    "h": ("hour", "hours", "h"), "day": ("day", "days", "days"), "week": ("week", "weeks", "weeks"),
    "month": ("month", "months", "months"), "year": ("year", "years", "yrs"),
    "c": ("degree Celsius", "degrees Celsius", "°C"), "f": ("degree Fahrenheit", "degrees Fahrenheit", "°F"),
    "k": ("kelvin", "kelvin", "K"), "kmh": ("kilometer per hour", "kilometers per hour", "km/h"),
    "mph": ("mile per hour", "miles per hour", "mph"), "ms": ("meter per second", "meters per second", "m/s"),
    "m2": ("square meter", "square meters", "m²"), "sqft": ("square foot", "square feet", "sq ft"),
    "ha": ("hectare", "hectares", "ha"), "acre": ("acre", "acres", "acres"),
    "kwh": ("kilowatt-hour", "kilowatt-hours", "kWh"), "w": ("watt", "watts", "W"),
    "kw": ("kilowatt", "kilowatts", "kW"), "j": ("joule", "joules", "J"), "v": ("volt", "volts", "V"),
    "a": ("ampere", "amperes", "A"), "ohm": ("ohm", "ohms", "Ω"), "hz": ("hertz", "hertz", "Hz"),
    "n": ("newton", "newtons", "N"), "pa": ("pascal", "pascals", "Pa"), "kpa": ("kilopascal", "kilopascals", "kPa"),
    "atm": ("atmosphere", "atmospheres", "atm"), "mol": ("mole", "moles", "mol"),
    "m_conc": ("molar", "molar", "M"), "nm": ("nanometer", "nanometers", "nm"),
    "ly": ("light-year", "light-years", "ly"), "au": ("astronomical unit", "astronomical units", "AU"),
    "kcal": ("calorie", "calories", "kcal"), "bpm": ("beat per minute", "beats per minute", "bpm"),
    "mmhg": ("millimeter of mercury", "millimeters of mercury", "mmHg"), "gb": ("gigabyte", "gigabytes", "GB"),
    "mbps": ("megabit per second", "megabits per second", "Mbps"), "knot": ("knot", "knots", "kn"),
    "nmi": ("nautical mile", "nautical miles", "nmi"), "t": ("tonne", "tonnes", "t"),
    "cup": ("cup", "cups", "cups"), "tbsp": ("tablespoon", "tablespoons", "tbsp"),
    "person": ("person", "people", "people"), "item": ("item", "items", "items"),
    "unit": ("unit", "units", "units"),  # BFCL's geometry questions: "a base of 10 units"
}


def say_quantity(rng: Random, value: int | float, unit: str, *, words: bool = True) -> str:
    """A measured value with its unit: "50 kilometers", "50 km", "fifty kilometers", "2.5 kg",
    "72°F". The argument keeps only the number; the unit lives in the question (or an enum)."""
    singular, plural, short = UNITS[unit]
    number = say_number(rng, value, words=words) if isinstance(value, float) else say_integer(rng, value, words=words)
    noun = singular if value == 1 else plural
    if short.startswith("°"):
        return rng.choice([f"{number}{short}", f"{number} {noun}", f"{number} {short}"])
    options = [f"{number} {noun}", f"{number} {noun}"]
    if number[-1].isdigit():
        options.append(f"{number} {short}" if len(short) > 1 or short.isupper() else f"{number}{short}")
        if len(short) <= 3 and short.isalpha() and short.islower():
            options.append(f"{number}{short}")
    return rng.choice(options)


# ------------------------------------------------------------------ dates and times


def ordinal(n: int) -> str:
    """1 -> "1st", 22 -> "22nd", 13 -> "13th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def say_date(rng: Random, day: dt.date) -> str:
    """A calendar date as users write it: "March 3, 2024", "3 March 2024", "2024-03-03",
    "March 3rd, 2024", "the 3rd of March 2024", "Mar 3 2024", "03/03/2024" (US order only
    when the day makes it unambiguous)."""
    month = MONTHS[day.month - 1]
    options = [
        f"{month} {day.day}, {day.year}", f"{day.day} {month} {day.year}", day.isoformat(),
        f"{month} {ordinal(day.day)}, {day.year}", f"the {ordinal(day.day)} of {month} {day.year}",
        f"{month[:3]} {day.day} {day.year}",
    ]
    if day.day > 12:  # 03/15/2024 can only be March 15th; 03/04/2024 could be either
        options.append(f"{day.month:02d}/{day.day:02d}/{day.year}")
    return rng.choice(options)


DATE_FORMATS = {
    "YYYY-MM-DD": "%Y-%m-%d", "MM/DD/YYYY": "%m/%d/%Y", "DD-MM-YYYY": "%d-%m-%Y", "YYYYMMDD": "%Y%m%d",
}


def format_date(day: dt.date, layout: str) -> str:
    """A date in a schema's declared layout ("YYYY-MM-DD", "MM/DD/YYYY", "DD-MM-YYYY", "YYYYMMDD")."""
    return day.strftime(DATE_FORMATS[layout])


def say_time(rng: Random, hour: int, minute: int) -> str:
    """A time of day: "3:30 PM", "15:30", "3:30pm", "half past three in the afternoon", "noon"."""
    h12 = hour % 12 or 12
    half = "AM" if hour < 12 else "PM"
    options = [f"{h12}:{minute:02d} {half}", f"{hour:02d}:{minute:02d}", f"{h12}:{minute:02d}{half.lower()}"]
    if minute == 0:
        options += [f"{h12} {half}", f"{h12}{half.lower()}"]
        if hour == 12:
            options.append("noon")
    if minute == 30 and 6 <= hour <= 21:
        part = "in the morning" if hour < 12 else "in the afternoon" if hour < 18 else "in the evening"
        options.append(f"half past {number_words(h12)} {part}")
    return rng.choice(options)


# ------------------------------------------------------------------ text


def join_words(items: list[str], conjunction: str = "and", *, oxford: bool = False) -> str:
    """["a", "b", "c"] -> "a, b and c" (or "a, b, and c" with the Oxford comma)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return ", ".join(items[:-1]) + ("," if oxford else "") + f" {conjunction} {items[-1]}"


def say_list(rng: Random, items: list[str]) -> str:
    """A list in a request: "A, B and C", "A, B, and C", "A, B, C", "A/B/C"."""
    style = rng.random()
    if style < 0.45:
        return join_words(items)
    if style < 0.7:
        return join_words(items, oxford=True)
    if style < 0.9 or len(items) < 2:
        return ", ".join(items)
    return "[" + ", ".join(items) + "]"


QUOTES = ('"{}"', '"{}"', "'{}'", "“{}”")


def quote(rng: Random, text: str) -> str:
    """A string the call must copy verbatim, marked the way users mark it: "x", 'x', “x”."""
    return rng.choice(QUOTES).format(text)


def article(phrase: str) -> str:
    """"a" or "an" for the phrase that follows (by its first sound, roughly)."""
    word = phrase.lstrip("\"'“").lower()
    if re.match(r"(one\b|uni|use|eu|u[bcfhjkqrstn][aeiou])", word):
        return "a"
    if re.match(r"(hour|honest|honou?r|heir|[aeiou]|[fhlmnrsx]\b|8|11\b|18\b|80)", word):
        return "an"
    return "a"


def capitalise(text: str) -> str:
    """First letter upper-case, the rest untouched ("iPhone prices" -> "IPhone prices" is avoided
    by leaving text that starts with a lower-case word followed by an upper-case letter)."""
    if not text or (len(text) > 1 and text[0].islower() and text[1].isupper()):
        return text
    return text[0].upper() + text[1:]


def humanise(name: str) -> str:
    """A snake_case identifier as words: "annual_rate" -> "annual rate", "max_price_usd" -> "max price USD"."""
    words = []
    for word in name.split("_"):
        words.append(word.upper() if word in {"usd", "eur", "id", "url", "ip", "gpa", "bmi", "isbn", "iata", "vin",
                                              "dna", "rna", "ph", "co2", "gdp", "api", "sku", "pdf"} else word)
    return " ".join(w for w in words if w)
