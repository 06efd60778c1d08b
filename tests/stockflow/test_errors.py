"""Bad declarations and failed integrations: each raises a stockflow error naming its cause.

One table of (bad step, exception, message pattern), PySD style. Each bad step gets a fresh
small model that is valid until the step is applied; compiling or simulating it must then
raise.
"""

import numpy as np
import pytest

import stockflow as sf

DIMS = {"origin": ["n", "s", "e"], "corridor": ["w", "x", "y", "z"]}


def base_model():
    m = sf.Model("base", start="2020-01", dims=DIMS)
    m.param("k", 0.1, units="1/month", bounds=(0, 1))
    m.stock("pool", 10.0, dims="origin")
    m.stock("waiting", 0.0, dims=("origin", "corridor"))
    m.flow(
        "leave",
        lambda v: v.k[:, None, None] * v.pool[..., None] * np.full(4, 0.25),
        source="pool",
        target="waiting",
        dims=("origin", "corridor"),
    )
    return m


def run(m, **kwargs):
    return sf.simulate(m, 3, method="rk4", **kwargs)


def cycle(m):
    m.aux("a", lambda v: v.b + 1)
    m.aux("b", lambda v: v.c * 2)
    m.aux("c", lambda v: v.a - v.k)
    run(m)


CASES = [
    # (id, bad step, exception, message pattern)
    (
        "flow to an unknown stock",
        lambda m: (
            m.flow("lost", lambda v: v.pool, source="pool", target="nowhere", dims="origin"),
            run(m),
        ),
        sf.DeclarationError,
        r"flow 'lost': target 'nowhere' is not a declared stock",
    ),
    (
        "flow from an auxiliary",
        lambda m: (
            m.aux("helper", lambda v: v.k),
            m.flow("f", lambda v: v.k, source="helper"),
            run(m),
        ),
        sf.DeclarationError,
        r"flow 'f': source 'helper' is not a declared stock",
    ),
    (
        "flow with neither source nor target",
        lambda m: m.flow("f", lambda v: v.k),
        sf.DeclarationError,
        r"flow 'f' needs a source stock, a target stock or both",
    ),
    (
        "equation returns a wrong shape",
        lambda m: (m.aux("per_origin", lambda v: np.ones(4), dims="origin"), run(m)),
        sf.DeclarationError,
        r"dimension mismatch in 'per_origin'.*\(4,\).*\('origin',\)",
    ),
    (
        "equation forgets its dimension",
        lambda m: (m.aux("total", lambda v: v.pool.sum(axis=1), dims="origin"), run(m)),
        sf.DeclarationError,
        r"dimension mismatch in 'total'",
    ),
    (
        "flow lacking its stock's dimension",
        lambda m: (m.flow("drain", lambda v: v.k, source="pool"), run(m)),
        sf.DeclarationError,
        r"flow 'drain' with dims \(\) cannot move stock 'pool'",
    ),
    (
        "values of different rank combined without alignment",
        lambda m: (m.flow("drain", lambda v: v.k * v.pool, source="pool", dims="origin"), run(m)),
        sf.DeclarationError,
        r"equation of 'drain' failed.*must be aligned.*v\.k\[:, None\]",
    ),
    (
        "initial value of the wrong shape",
        lambda m: (m.stock("late", lambda v: v.pool.sum(axis=1), dims="origin"), run(m)),
        sf.DeclarationError,
        r"dimension mismatch in 'late'",
    ),
    (
        "dims out of model order",
        lambda m: m.stock("wrong_order", 0.0, dims=("corridor", "origin")),
        sf.DeclarationError,
        r"variable 'wrong_order': dims \('corridor', 'origin'\) must follow",
    ),
    (
        "unknown dimension",
        lambda m: m.aux("by_region", lambda v: v.k, dims="region"),
        sf.DeclarationError,
        r"variable 'by_region': unknown dimension 'region'",
    ),
    (
        "value that does not fit its dims",
        lambda m: m.param("shares", [0.5, 0.5], dims="corridor"),
        sf.DeclarationError,
        r"variable 'shares': value of shape \(2,\) does not fit dims",
    ),
    (
        "cycle among auxiliaries",
        cycle,
        sf.DeclarationError,
        r"cycle among auxiliaries: (a -> b -> c -> a|b -> c -> a -> b|"
        r"c -> a -> b -> c|a -> c -> b -> a|c -> b -> a -> c|b -> a -> c -> b)",
    ),
    (
        "equation reading an undeclared name",
        lambda m: (m.aux("a", lambda v: v.k * v.undeclared), run(m)),
        sf.DeclarationError,
        r"equation of 'a' refers to unknown variable 'undeclared'",
    ),
    (
        "equation that raises",
        lambda m: (m.aux("a", lambda v: v.k["x"]), run(m)),
        sf.DeclarationError,
        r"equation of 'a' failed: IndexError",
    ),
    (
        "duplicate name",
        lambda m: m.stock("pool", 1.0),
        sf.DeclarationError,
        r"variable 'pool' is declared twice",
    ),
    (
        "lookup named like a variable",
        lambda m: m.lookup("k", [0, 1], [0, 1]),
        sf.DeclarationError,
        r"variable 'k' is declared twice",
    ),
    (
        "reserved name",
        lambda m: m.aux("t", lambda v: v.k),
        sf.DeclarationError,
        r"'t' is not a valid variable name",
    ),
    (
        "lookup with decreasing x",
        lambda m: m.lookup("effect", [0.0, 2.0, 1.0], [1.0, 0.5, 0.2]),
        sf.DeclarationError,
        r"lookup 'effect': needs at least two points with strictly increasing x",
    ),
    (
        "lookup with unequal lengths",
        lambda m: m.lookup("effect", [0.0, 1.0, 2.0], [1.0, 0.5]),
        sf.DeclarationError,
        r"lookup 'effect'.*x of shape \(3,\), y of shape \(2,\)",
    ),
    (
        "lookup with one point",
        lambda m: m.lookup("effect", [0.0], [1.0]),
        sf.DeclarationError,
        r"lookup 'effect'",
    ),
    (
        "lookup with a missing value",
        lambda m: m.lookup("effect", [0.0, 1.0], [1.0, np.nan]),
        sf.DeclarationError,
        r"lookup 'effect': x and y must be finite",
    ),
    (
        "series with unsorted dates",
        lambda m: m.series("level", ["2020-05", "2020-03"], [1.0, 2.0]),
        sf.DeclarationError,
        r"series 'level': times must be strictly increasing",
    ),
    (
        "series with too few values",
        lambda m: m.series("level", ["2020-03", "2020-05"], [1.0]),
        sf.DeclarationError,
        r"series 'level': 2 times but 1 values",
    ),
    (
        "series with a scalar value",
        lambda m: m.series("level", ["2020-03", "2020-05"], 1.0),
        sf.DeclarationError,
        r"series 'level': 2 times but 1 values",
    ),
    (
        "series with a missing value",
        lambda m: m.series("level", ["2020-03", "2020-05"], [1.0, np.nan]),
        sf.DeclarationError,
        r"series 'level': values must be finite",
    ),
    (
        "series named like a variable",
        lambda m: m.series("pool", ["2020-03"], [1.0]),
        sf.DeclarationError,
        r"variable 'pool' is declared twice",
    ),
    (
        "series with an unknown interpolation",
        lambda m: m.series("level", ["2020-03"], [1.0], interpolation="cubic"),
        sf.DeclarationError,
        r"series 'level': interpolation must be 'linear' or 'step'",
    ),
    (
        "parameter default outside its bounds",
        lambda m: m.param("rate", 2.0, bounds=(0, 1)),
        sf.DeclarationError,
        r"parameter 'rate': default .* outside bounds",
    ),
    (
        "unknown parameter in simulate",
        lambda m: run(m, params={"kk": 0.2}),
        sf.DeclarationError,
        r"unknown parameter 'kk'; the model's parameters: \['k'\]",
    ),
    (
        "parameter value outside its bounds",
        lambda m: run(m, params={"k": [0.5, 1.5]}),
        sf.DeclarationError,
        r"parameter 'k': values must lie in \[0.0, 1.0\]",
    ),
    (
        "parameter value of the wrong shape",
        lambda m: run(m, params={"k": np.zeros((2, 2))}),
        sf.DeclarationError,
        r"parameter 'k': value of shape \(2, 2\) does not fit dims \(\)",
    ),
    (
        "unknown input in simulate",
        lambda m: run(m, inputs={"policy": lambda t, v: 1.0}),
        sf.DeclarationError,
        r"unknown input 'policy'",
    ),
    (
        "input function of the wrong shape",
        lambda m: (
            m.input("policy", 0.0, dims="origin"),
            run(m, inputs={"policy": lambda t, v: np.ones(4)}),
        ),
        sf.DeclarationError,
        r"input 'policy': its function gives shape \(4,\)",
    ),
    (
        "unknown variable requested",
        lambda m: run(m, variables=["pool", "nope"]),
        sf.DeclarationError,
        r"cannot return 'nope'",
    ),
    (
        "initial value that is not finite",
        lambda m: (m.stock("bad", lambda v: v.k / 0.0), run(m)),
        sf.DeclarationError,
        r"initial value of stock 'bad' is not finite",
    ),
    (
        "unknown method",
        lambda m: sf.simulate(m, 3, method="rk5"),
        ValueError,
        r"`method` must be one of",
    ),
    ("zero step", lambda m: run(m, dt=0.0), ValueError, r"`dt` must be positive"),
    (
        "zero chunk size",
        lambda m: run(m, chunk_size=0),
        ValueError,
        r"`chunk_size` must be a positive integer, got 0",
    ),
    (
        "end before the start",
        lambda m: sf.simulate(m, "2019-06"),
        ValueError,
        r"`end` must be at or after the start month 2020-01",
    ),
    (
        "params that are not a mapping",
        lambda m: run(m, params=[0.1]),
        TypeError,
        r"`params` must be a mapping",
    ),
]


@pytest.mark.parametrize(("bad", "error", "match"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_bad_declaration_raises(bad, error, match):
    m = base_model()
    with pytest.raises(error, match=match):
        bad(m)


def test_base_model_is_valid():
    ds = run(base_model())
    sf.check_ledger(ds)


def test_declaration_error_is_a_value_error():
    with pytest.raises(ValueError):
        base_model().stock("pool", 1.0)


# -------------------------------------------------------------- integration
def nan_model():
    """An equation that turns to NaN after t = 5.5 months."""
    m = sf.Model("nan", start="2020-01")
    m.stock("x", 1.0, nonnegative=False)
    m.flow("grow", lambda v: np.where(v.t > 5.5, np.nan, 0.1 * v.x), target="x")
    return m


@pytest.mark.parametrize("method", sf.METHODS)
def test_non_finite_derivative_raises_integration_error(method):
    with pytest.raises(sf.IntegrationError, match=rf"{method} failed (at|by) t = \d") as info:
        sf.simulate(nan_model(), 12, method=method)
    reached = info.value.t_reached
    # adaptive solvers stop where they met the NaN (LSODA may have stepped past 5.5 first);
    # fixed-step ones report the month end at which the state was found non-finite
    assert 5.5 - 1e-6 <= reached < 7, reached
    assert info.value.solver_message


@pytest.mark.parametrize("method", ["RK45", "LSODA", "rk4"])
def test_blow_up_raises_integration_error(method):
    """dx/dt = x^2 from x = 1 reaches infinity at t = 1."""
    m = sf.Model("blow-up", start="2020-01")
    m.stock("x", 1.0)
    m.flow("grow", lambda v: v.x**2, target="x")
    with np.errstate(over="ignore", invalid="ignore"):
        with pytest.raises(sf.IntegrationError) as info:
            sf.simulate(m, 12, method=method)
    assert 0.99 < info.value.t_reached <= 2.0
    assert "failed" in str(info.value)


def test_ensemble_failure_names_the_member():
    m = sf.Model("one bad member", start="2020-01")
    m.param("r", 0.1)
    m.stock("x", 1.0)
    m.flow("grow", lambda v: np.where(v.r > 1, np.inf, v.r) * v.x, target="x")
    with pytest.raises(sf.IntegrationError, match=r"stock 'x' of member 2 is not finite"):
        sf.simulate(m, 3, method="euler", params={"r": [0.1, 0.2, 5.0]}, chunk_size=2)
