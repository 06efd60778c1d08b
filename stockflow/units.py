"""Units of measure: read declared units strings, normalise them, check flows against stocks.

Every stockflow variable declares its units as a string (``"people"``, ``"people/month"``,
``"1"``). :func:`parse_units` reads such a string into a :class:`Units` value, a product of
named base units raised to rational powers; two strings that mean the same thing give
equal values (``"people/month"``, ``"people*month^-1"``, ``"people / (month)"``).
:func:`check_units` is called by :func:`stockflow.compile_model`: the units of every flow
must be the units of the stocks it moves per month, the model's time unit.

Syntax
------
- a base unit is a name: letters, digits (not first), ``_`` and ``$`` (``people``, ``USD``,
  ``cases``);
- ``*`` multiplies, ``/`` divides (left to right: ``a/b*c`` is ``a*c/b``), parentheses
  group, ``^`` or ``**`` raises to a whole or fractional power (``month^-1``, ``m^(1/2)``);
- ``1`` is dimensionless, and so are ``""``, ``dmnl`` and ``dimensionless``;
- the time unit may be written ``month``, ``months`` or ``Month``; other names are
  case-sensitive and taken as written (``person`` and ``people`` are different units).

Numbers other than 1 (scale factors such as ``1000*people``) are not units and are
rejected.

Examples
--------
>>> str(parse_units("people / month"))
'people/month'
>>> parse_units("1/month") * parse_units("people") == parse_units("people*months^-1")
True
>>> str(parse_units("USD/(people*Month)"))
'USD/(month*people)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from stockflow.errors import DeclarationError

#: The unit of model time ``t``: every flow is per month.
TIME_UNIT = "month"

#: Spellings read as another unit (``"1"``: dimensionless).
ALIASES = {
    "months": TIME_UNIT,
    "Month": TIME_UNIT,
    "Months": TIME_UNIT,
    "dmnl": "1",
    "Dmnl": "1",
    "dimensionless": "1",
    "Dimensionless": "1",
}

_TOKEN = re.compile(r"\s*(?:(\*\*|[*/^()])|([A-Za-z_$][A-Za-z0-9_$]*)|(\d+(?:\.\d*)?)|(-))")


class UnitsSyntaxError(ValueError):
    """A units string that cannot be read; the message says where."""


@dataclass(frozen=True)
class Units:
    """A product of base units raised to rational powers; ``Units(())`` is dimensionless.

    Build one with :func:`parse_units` or :meth:`Units.of`, which sort the names and drop
    zero exponents, so that equal units compare equal.

    Parameters
    ----------
    powers : tuple of (str, Fraction)
        Base unit and its non-zero exponent, sorted by name.

    Examples
    --------
    >>> from fractions import Fraction
    >>> speed = Units.of({"km": Fraction(1), "month": Fraction(-1)})
    >>> str(speed), str(speed * parse_units("month"))
    ('km/month', 'km')
    """

    powers: tuple[tuple[str, Fraction], ...] = ()

    @classmethod
    def of(cls, mapping: dict[str, Fraction]) -> Units:
        return cls(tuple(sorted((k, Fraction(v)) for k, v in mapping.items() if v != 0)))

    def __mul__(self, other: Units) -> Units:
        out = dict(self.powers)
        for name, p in other.powers:
            out[name] = out.get(name, Fraction(0)) + p
        return Units.of(out)

    def __truediv__(self, other: Units) -> Units:
        return self * other**-1

    def __pow__(self, exponent: int | Fraction) -> Units:
        return Units.of({k: p * Fraction(exponent) for k, p in self.powers})

    @property
    def is_dimensionless(self) -> bool:
        return not self.powers

    def __str__(self) -> str:
        def term(name: str, p: Fraction) -> str:
            if p == 1:
                return name
            shown = str(p) if p.denominator == 1 else f"({p})"
            return f"{name}^{shown}"

        num = [term(k, p) for k, p in self.powers if p > 0]
        den = [term(k, -p) for k, p in self.powers if p < 0]
        top = "*".join(num) or "1"
        if not den:
            return top
        bottom = den[0] if len(den) == 1 else "(" + "*".join(den) + ")"
        return f"{top}/{bottom}"


DIMENSIONLESS = Units()
PER_TIME = Units.of({TIME_UNIT: Fraction(-1)})


def parse_units(text: str) -> Units:
    """Read a units string; see the module docstring for the syntax.

    Parameters
    ----------
    text : str
        Units as declared (``"people/month"``); empty means dimensionless.

    Returns
    -------
    Units

    Raises
    ------
    UnitsSyntaxError
        The string is not a product, quotient or power of names, holds a number other than
        1, or is not a string (the message quotes it).

    Examples
    --------
    >>> str(parse_units("people*months^-1"))
    'people/month'
    >>> parse_units("1000*people")
    Traceback (most recent call last):
    ...
    stockflow.units.UnitsSyntaxError: '1000*people': 1000 is a scale factor, not a unit (only 1 is allowed)
    """
    if not isinstance(text, str):
        raise UnitsSyntaxError(f"units must be a string, got {type(text).__name__}")
    tokens = _tokenize(text)
    if not tokens:
        return DIMENSIONLESS
    parser = _Parser(tokens, text)
    units = parser.product()
    if parser.i != len(tokens):
        raise UnitsSyntaxError(f"{text!r}: unexpected {tokens[parser.i][1]!r}")
    return units


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text_r = text.rstrip()
    while pos < len(text_r):
        m = _TOKEN.match(text_r, pos)
        if m is None:
            raise UnitsSyntaxError(f"{text!r}: cannot read {text_r[pos:].strip()!r}")
        op, name, number, minus = m.groups()
        if op:
            tokens.append(("op", "^" if op == "**" else op))
        elif name:
            tokens.append(("name", name))
        elif number:
            tokens.append(("number", number))
        else:
            tokens.append(("op", minus))
        pos = m.end()
    return tokens


class _Parser:
    """Recursive descent over ``product := power (('*'|'/') power)*``."""

    def __init__(self, tokens: list[tuple[str, str]], text: str):
        self.tokens, self.text, self.i = tokens, text, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise UnitsSyntaxError(f"{self.text!r}: ends too early")
        self.i += 1
        return tok

    def product(self) -> Units:
        units = self.power()
        while (tok := self.peek()) in (("op", "*"), ("op", "/")):
            self.take()
            rhs = self.power()
            units = units * rhs if tok[1] == "*" else units / rhs
        return units

    def power(self) -> Units:
        base = self.atom()
        if self.peek() == ("op", "^"):
            self.take()
            base = base ** self.exponent()
        return base

    def atom(self) -> Units:
        kind, value = self.take()
        if (kind, value) == ("op", "("):
            inner = self.product()
            if self.take() != ("op", ")"):
                raise UnitsSyntaxError(f"{self.text!r}: missing ')'")
            return inner
        if kind == "number":
            if float(value) != 1.0:
                raise UnitsSyntaxError(
                    f"{self.text!r}: {value} is a scale factor, not a unit (only 1 is allowed)"
                )
            return DIMENSIONLESS
        if kind == "name":
            value = ALIASES.get(value, value)
            return DIMENSIONLESS if value == "1" else Units.of({value: Fraction(1)})
        raise UnitsSyntaxError(f"{self.text!r}: unexpected {value!r}")

    def exponent(self) -> Fraction:
        sign = 1
        if self.peek() == ("op", "-"):
            self.take()
            sign = -1
        kind, value = self.take()
        if (kind, value) == ("op", "("):
            num = self.exponent()
            if self.peek() == ("op", "/"):
                self.take()
                num = num / self.exponent()
            if self.take() != ("op", ")"):
                raise UnitsSyntaxError(f"{self.text!r}: missing ')' in an exponent")
            return sign * num
        if kind != "number":
            raise UnitsSyntaxError(f"{self.text!r}: an exponent must be a number, got {value!r}")
        return sign * Fraction(value)


def units_of(name: str, text: str) -> Units:
    """:func:`parse_units`, raising :class:`DeclarationError` naming variable `name`.

    Parameters
    ----------
    name : str
        Variable whose units these are, for the message.
    text : str
        Its units string.

    Returns
    -------
    Units

    Raises
    ------
    DeclarationError
        If `text` cannot be read.

    Examples
    --------
    >>> units_of("arrivals", "people/(month")
    Traceback (most recent call last):
    ...
    stockflow.errors.DeclarationError: variable 'arrivals': cannot read its units: 'people/(month': ends too early
    """
    try:
        return parse_units(text)
    except UnitsSyntaxError as exc:
        raise DeclarationError(f"variable {name!r}: cannot read its units: {exc}") from None


def check_units(model) -> None:
    """Check that every flow has the units of the stocks it moves per month.

    Every variable's units string must parse. A flow whose units are ``"1"`` (the default,
    which no flow can truly have: a flow is per unit of time) is taken as undeclared and not
    checked; declare it (``units="people/month"``) to have it checked.

    Parameters
    ----------
    model : Model
        The model whose declarations are checked (it is not changed).

    Raises
    ------
    DeclarationError
        Naming the variable whose units do not parse, or the flow, its units, the stock
        and its units, and the units the flow needs.

    Examples
    --------
    >>> from stockflow import Model
    >>> m = Model("m", start="2020-01")
    >>> _ = m.stock("x", 1.0, units="people")
    >>> _ = m.flow("out", lambda v: v.x, source="x", units="people")
    >>> check_units(m)
    Traceback (most recent call last):
    ...
    stockflow.errors.DeclarationError: flow 'out' has units 'people' but its source stock 'x' has units 'people': a flow out of 'x' must have units 'people/month' (the stock's units per month); declare the flow with units='people/month' or fix the stock's units
    """
    parsed = {name: units_of(name, v.units) for name, v in model.variables.items()}
    for lookup in model.lookups.values():
        units_of(lookup.name, lookup.units)
    for f in model.of_kind("flow"):
        if parsed[f.name].is_dimensionless:
            continue  # undeclared: see the docstring
        for role, stock in (("source", f.source), ("target", f.target)):
            if stock is None:
                continue
            needed = parsed[stock] * PER_TIME
            if parsed[f.name] != needed:
                raise DeclarationError(
                    f"flow {f.name!r} has units {f.units!r} but its {role} stock {stock!r} "
                    f"has units {model.variables[stock].units!r}: a flow {_direction(role)} "
                    f"{stock!r} must have units {str(needed)!r} (the stock's units per "
                    f"{TIME_UNIT}); declare the flow with units={str(needed)!r} or fix the "
                    "stock's units"
                )


def _direction(role: str) -> str:
    return "out of" if role == "source" else "into"
