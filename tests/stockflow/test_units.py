"""Units: parsing and normalising units strings, and the flow-against-stock check."""

from fractions import Fraction

import pytest

import stockflow as sf
from stockflow.units import (
    DIMENSIONLESS,
    Units,
    UnitsSyntaxError,
    check_units,
    parse_units,
)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("people", "people"),
        ("people/month", "people/month"),
        ("people / Month", "people/month"),
        ("people*month^-1", "people/month"),
        ("people*month**-1", "people/month"),
        ("1/month", "1/month"),
        ("1/months", "1/month"),
        ("USD/(people*Month)", "USD/(month*people)"),
        ("USD/people/month", "USD/(month*people)"),
        ("(people/month)*month", "people"),
        ("people^2/people", "people"),
        ("m^(1/2)*m^(1/2)", "m"),
        ("m^(1/2)", "m^(1/2)"),
        ("cases/month", "cases/month"),
        ("judges", "judges"),
        ("1", "1"),
        ("", "1"),
        ("dmnl", "1"),
        ("Dimensionless", "1"),
        ("month/month", "1"),
    ],
)
def test_units_normalise(text, normal):
    assert str(parse_units(text)) == normal


def test_units_arithmetic():
    people, month = parse_units("people"), parse_units("month")
    assert people / month == parse_units("people/month")
    assert (people / month) * month == people
    assert month**-1 == parse_units("1/month")
    assert parse_units("1").is_dimensionless and Units() == DIMENSIONLESS
    assert parse_units("m^(2/3)").powers == (("m", Fraction(2, 3)),)
    # names are case-sensitive, except the time unit
    assert parse_units("USD") != parse_units("usd")
    assert parse_units("Months") == parse_units("month")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1000*people", "scale factor"),
        ("people/", "ends too early"),
        ("(people", "ends too early"),
        ("(people]", "cannot read"),
        ("people^x", "exponent must be a number"),
        ("people%", "cannot read"),
        ("people month", "unexpected 'month'"),
    ],
)
def test_unreadable_units(text, message):
    with pytest.raises(UnitsSyntaxError, match=message):
        parse_units(text)


def _model(flow_units, stock_units="people", **flow_kwargs):
    m = sf.Model("u", start="2020-01")
    m.stock("s", 10.0, units=stock_units)
    m.stock("other", 0.0, units="cases")
    m.flow("f", lambda v: 0.1 * v.s, units=flow_units, **(flow_kwargs or {"source": "s"}))
    return m


def test_a_flow_with_its_stocks_units_per_month_compiles():
    sf.compile_model(_model("people/month"))
    sf.compile_model(_model("people / Month"))
    sf.compile_model(_model("people*month^-1"))


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (
            _model("people"),
            r"flow 'f' has units 'people' but its source stock 's' has units 'people': a flow "
            r"out of 's' must have units 'people/month'",
        ),
        (
            _model("people/month", target="other"),
            r"flow 'f' has units 'people/month' but its target stock 'other' has units "
            r"'cases': a flow into 'other' must have units 'cases/month'",
        ),
        (
            _model("people/month", source="s", target="other"),
            r"flow 'f' .* target stock 'other' has units 'cases'",
        ),
        (_model("people//month"), r"variable 'f': cannot read its units"),
    ],
    ids=["not per month", "target in other units", "source fine, target not", "unreadable"],
)
def test_mismatched_units_are_named(model, message):
    with pytest.raises(sf.DeclarationError, match=message):
        sf.compile_model(model)


def test_undeclared_flow_units_are_not_checked():
    """A flow left at the default units '1' (no flow can be dimensionless) is undeclared."""
    sf.compile_model(_model("1"))


def test_builtins_declare_consistent_units():
    m = sf.Model("b", start="2020-01")
    m.stock("x", 5.0, units="people")
    m.flow("out", lambda v: v.x / 4, source="x", units="people/month")
    m.smooth("seen", "x", 3.0, units="people")
    m.delay3("late", "out", 2.0, units="people/month", target="x")
    m.delay1("later", "out", 2.0, units="people / Month")
    cm = sf.compile_model(m)
    assert cm.model.variables["late__stage1"].units == "people"
    assert cm.model.variables["seen__adjust"].units == "people/month"


def test_the_binational_model_is_consistent():
    from sdmig.model.border import build_model

    model = build_model()
    check_units(model)
    flows = [v for v in model.of_kind("flow") if not v.internal]
    assert flows and all(not parse_units(f.units).is_dimensionless for f in flows)
