"""Arithmetic: a safe expression evaluator (an ast whitelist, never eval), roots, divisors, primes.

    .venv/bin/python -c "from fc.tools import run_tool; print(run_tool('evaluate_expression', {'expression': '2^10 + sqrt(16)'}).content)"
"""

from __future__ import annotations

import ast
import math
import operator
import warnings
from typing import Callable

from fc.tools import Example, tool

DOMAIN = "math"
STATEFUL = False

MAX_EXPRESSION_CHARS = 500  # longer input is not a calculation a person asks for; bounds parse depth too
MAX_RESULT_BITS = 4096  # ~1233 decimal digits: enough for any real question, too small to exhaust memory
MAX_EXPONENT = 10_000  # |exponent| bound before the bit estimate; keeps float powers cheap as well
MAX_FACTORIAL = 450  # 450! is just under MAX_RESULT_BITS
MAX_PRIME_INPUT = 10**12  # trial division up to its square root (5e5 odd steps) stays well under a second

_BINARY: dict[type, Callable] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
}
_UNARY: dict[type, Callable] = {ast.UAdd: operator.pos, ast.USub: operator.neg}
_CONSTANTS = {"pi": math.pi, "e": math.e, "tau": math.tau}


def _factorial(n: float) -> int:
    if not float(n).is_integer() or n < 0:
        raise ValueError(f"factorial needs a whole number that is not negative, got {n}")
    if n > MAX_FACTORIAL:
        raise ValueError(f"factorial({int(n)}) is too large (at most factorial({MAX_FACTORIAL}))")
    return math.factorial(int(n))


def _log(x: float, base: float = math.e) -> float:
    return math.log(x, base)


_FUNCTIONS: dict[str, Callable] = {
    "sqrt": math.sqrt, "cbrt": math.cbrt, "exp": math.exp, "log": _log, "ln": math.log, "log10": math.log10,
    "log2": math.log2, "sin": math.sin, "cos": math.cos, "tan": math.tan, "asin": math.asin,
    "acos": math.acos, "atan": math.atan, "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh,
    "degrees": math.degrees, "radians": math.radians, "abs": abs, "round": round, "floor": math.floor,
    "ceil": math.ceil, "factorial": _factorial, "min": min, "max": max, "hypot": math.hypot,
}


class _Evaluator:
    """Walks a parsed expression, allowing only numbers, + - * / // % ** ^, the names in _CONSTANTS
    and calls of the functions in _FUNCTIONS. Anything else (names, attributes, subscripts,
    strings, lambdas, comprehensions ...) is refused before it can run."""

    def visit(self, node: ast.AST) -> int | float:
        if isinstance(node, ast.Expression):
            return self.visit(node.body)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise ValueError(f"only numbers are allowed, not {node.value!r}")
            return self._check(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = self.visit(node.left), self.visit(node.right)
            if isinstance(node.op, ast.Pow):
                self._check_power(left, right)
            if type(node.op) in (ast.Div, ast.FloorDiv, ast.Mod) and right == 0:
                raise ValueError("division by zero")
            return self._check(_BINARY[type(node.op)](left, right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
            return self._check(_UNARY[type(node.op)](self.visit(node.operand)))
        if isinstance(node, ast.Name):
            if node.id in _CONSTANTS:
                return _CONSTANTS[node.id]
            raise ValueError(f"unknown name {node.id!r} (constants: {', '.join(_CONSTANTS)})")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
                what = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
                raise ValueError(f"unknown function {what!r} (functions: {', '.join(_FUNCTIONS)})")
            if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
                raise ValueError(f"{node.func.id}() takes plain arguments only")
            args = [self.visit(a) for a in node.args]
            try:
                return self._check(_FUNCTIONS[node.func.id](*args))
            except TypeError as error:
                raise ValueError(f"{node.func.id}() cannot take these arguments ({error})") from None
        raise ValueError(f"{type(node).__name__} is not allowed in an expression (only numbers, operators "
                         f"+ - * / // % ** ^, parentheses, constants and math functions)")

    @staticmethod
    def _check_power(base: int | float, exponent: int | float) -> None:
        if abs(exponent) > MAX_EXPONENT:
            raise ValueError(f"exponent {exponent} is too large (at most {MAX_EXPONENT})")
        if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
            if exponent * math.log2(abs(base)) > MAX_RESULT_BITS:
                raise ValueError(f"{base}**{exponent} is too large (results are limited to {MAX_RESULT_BITS} bits)")

    @staticmethod
    def _check(value: int | float) -> int | float:
        if isinstance(value, complex):
            raise ValueError("the result is not a real number")
        if isinstance(value, int) and value.bit_length() > MAX_RESULT_BITS:
            raise ValueError(f"the result is too large (more than {MAX_RESULT_BITS} bits)")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("the result is too large or undefined (not a finite number)")
        return value


def evaluate(expression: str) -> int | float:
    """The value of an arithmetic expression, computed by the whitelist evaluator. ValueError when it is
    not arithmetic, too long, too large, or undefined (division by zero, sqrt(-1))."""
    # People write 2^10 for a power and nobody asks a calculator for XOR; rewriting the text
    # (not the tree) gives ^ the precedence of a power.
    text = expression.replace("^", "**").replace("×", "*").replace("÷", "/").replace("−", "-").strip()
    if not text:
        raise ValueError("the expression is empty")
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ValueError(f"the expression is too long ({len(text)} characters, at most {MAX_EXPRESSION_CHARS})")
    try:
        with warnings.catch_warnings():  # "2or 3" parses with a SyntaxWarning; the user sees our errors only
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise ValueError(f"cannot read the expression {expression!r}: {error.msg}") from None
    except (RecursionError, MemoryError):
        raise ValueError("the expression is nested too deeply") from None
    try:
        return _Evaluator().visit(tree)
    except RecursionError:
        raise ValueError("the expression is nested too deeply") from None
    except OverflowError:
        raise ValueError(f"cannot compute {expression!r}: the result is too large") from None
    except ZeroDivisionError as error:
        raise ValueError(f"cannot compute {expression!r}: {error}") from None
    except ValueError as error:
        if str(error) == "math domain error":
            raise ValueError(f"cannot compute {expression!r}: a function got a value outside its domain") from None
        raise


def tidy(value: float, digits: int = 12) -> int | float:
    """A float without binary noise (0.1 + 0.2 -> 0.3): `digits` significant digits."""
    if isinstance(value, int):
        return value
    return float(f"{value:.{digits}g}")


@tool(
    Example({"expression": "2^10 + sqrt(16)"}, {"result": 1028.0}),
    Example({"expression": "(17 * 23 - 5) / 4"}, {"result": 96.5}),
    Example({"expression": "0.1 + 0.2"}, {"result": 0.3}),
    Example({"expression": "round(pi * 3**2, 2)"}, {"result": 28.27}),
    Example({"expression": "__import__('os').system('ls')"}, error="unknown function"),
    Example({"expression": "(1).__class__"}, error="Attribute is not allowed"),
    Example({"expression": "1 / 0"}, error="division by zero"),
    Example({"expression": "9**9**9"}, error="too large"),
)
def evaluate_expression(expression: str) -> dict:
    """Evaluate an arithmetic expression exactly like a calculator.

    Supports + - * / // % and powers (** or ^), parentheses, the constants pi, e and tau, and the
    functions sqrt, cbrt, exp, log (optional base), ln, log10, log2, sin, cos, tan, asin, acos,
    atan, sinh, cosh, tanh, degrees, radians, abs, round, floor, ceil, factorial, min, max and hypot.

    Args:
        expression: The expression, e.g. "(17 * 23 - 5) / 4" or "2^10 + sqrt(16)".

    Returns:
        The expression and its value.
    """
    return {"expression": expression, "result": tidy(evaluate(expression))}


@tool(
    Example({"a": 1.0, "b": -3.0, "c": 2.0}, {"roots": [1.0, 2.0], "kind": "two real roots", "discriminant": 1.0}),
    Example({"a": 1.0, "b": 2.0, "c": 5.0}, {"kind": "two complex roots",
                                             "roots": [{"real": -1.0, "imaginary": -2.0},
                                                       {"real": -1.0, "imaginary": 2.0}]}),
    Example({"a": 0.0, "b": 2.0, "c": 1.0}, error="a must not be 0"),
)
def find_quadratic_roots(a: float, b: float, c: float) -> dict:
    """Solve the quadratic equation a*x^2 + b*x + c = 0.

    Args:
        a: The coefficient of x^2 (not 0).
        b: The coefficient of x.
        c: The constant term.

    Returns:
        The discriminant, what kind of roots there are, and the roots (smallest first; complex ones as real and imaginary parts).
    """
    if a == 0:
        raise ValueError("a must not be 0 (that is a linear equation, not a quadratic)")
    discriminant = b * b - 4 * a * c
    if not math.isfinite(discriminant):
        raise ValueError("the coefficients are too large")
    if discriminant >= 0:
        root = math.sqrt(discriminant)
        roots = sorted({tidy((-b - root) / (2 * a)), tidy((-b + root) / (2 * a))})
        kind = "one repeated real root" if discriminant == 0 else "two real roots"
    else:
        real, imaginary = tidy(-b / (2 * a)), tidy(abs(math.sqrt(-discriminant) / (2 * a)))
        roots = [{"real": real, "imaginary": -imaginary}, {"real": real, "imaginary": imaginary}]
        kind = "two complex roots"
    return {"a": a, "b": b, "c": c, "discriminant": tidy(discriminant), "kind": kind, "roots": roots}


@tool(
    Example({"numbers": [48, 180, 66]}, {"gcd": 6}),
    Example({"numbers": [17]}, {"gcd": 17}),
    Example({"numbers": []}, error="at least one number"),
)
def greatest_common_divisor(numbers: list[int]) -> dict:
    """Find the greatest common divisor of whole numbers.

    Args:
        numbers: The whole numbers, e.g. [48, 180, 66].

    Returns:
        Their greatest common divisor.
    """
    if not numbers:
        raise ValueError("give at least one number")
    return {"numbers": numbers, "gcd": math.gcd(*numbers)}


@tool(
    Example({"numbers": [4, 6, 10]}, {"lcm": 60}),
    Example({"numbers": [0, 5]}, {"lcm": 0}),
    Example({"numbers": []}, error="at least one number"),
)
def least_common_multiple(numbers: list[int]) -> dict:
    """Find the least common multiple of whole numbers.

    Args:
        numbers: The whole numbers, e.g. [4, 6, 10].

    Returns:
        Their least common multiple.
    """
    if not numbers:
        raise ValueError("give at least one number")
    value = math.lcm(*numbers)
    if value.bit_length() > MAX_RESULT_BITS:
        raise ValueError(f"the least common multiple is too large (more than {MAX_RESULT_BITS} bits)")
    return {"numbers": numbers, "lcm": value}


def _factorize(n: int) -> list[int]:
    factors, d = [], 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1 if d == 2 else 2
    if n > 1:
        factors.append(n)
    return factors


def _check_size(n: int) -> None:
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    if n > MAX_PRIME_INPUT:
        raise ValueError(f"n is too large (at most {MAX_PRIME_INPUT})")


@tool(
    Example({"n": 97}, {"n": 97, "is_prime": True}),
    Example({"n": 91}, {"is_prime": False, "smallest_factor": 7}),
    Example({"n": 1}, error="n must be at least 2"),
)
def check_prime(n: int) -> dict:
    """Tell whether a whole number is prime, and if not, its smallest factor.

    Args:
        n: The number to test (at least 2).

    Returns:
        Whether n is prime, and its smallest prime factor.
    """
    _check_size(n)
    smallest = _factorize(n)[0]
    return {"n": n, "is_prime": smallest == n, "smallest_factor": smallest}


@tool(
    Example({"n": 360}, {"factors": [2, 2, 2, 3, 3, 5], "powers": {"2": 3, "3": 2, "5": 1}}),
    Example({"n": 9973}, {"factors": [9973]}),
    Example({"n": -8}, error="n must be at least 2"),
)
def factorize_integer(n: int) -> dict:
    """Break a whole number into its prime factors.

    Args:
        n: The number to factor (at least 2).

    Returns:
        The prime factors in ascending order, with repeats, and each prime's power.
    """
    _check_size(n)
    factors = _factorize(n)
    powers = {str(p): factors.count(p) for p in sorted(set(factors))}
    return {"n": n, "factors": factors, "powers": powers}
