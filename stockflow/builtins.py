"""Time functions a modeler expects: STEP, RAMP and PULSE.

They are plain vectorized functions of model time ``t`` [months], meant to be called inside
equations (``lambda v: 100 + step(v.t, 50, 12)``). Their switch times are discontinuities:
declare them with :meth:`stockflow.Model.add_breakpoints` so that the integrators split the
integration there instead of stepping over them. They follow Vensim's conventions, so that a
model moved between the two tools gives the same numbers.
"""

from __future__ import annotations

import numpy as np

from stockflow.trace import Sym


def _as_time(t, dtype=None):
    """`t` as an array, or as it is when the equation is being traced (stockflow.trace)."""
    return t if isinstance(t, Sym) else np.asarray(t, dtype=dtype)


def step(t, height, start):
    """``height`` from time `start` on, 0 before (Vensim ``STEP``).

    Parameters
    ----------
    t : float or array-like
        Model time [months] (``v.t`` in an equation).
    height : float or array-like
        Value from `start` on, in the units of the result.
    start : float
        Switch time [months].

    Returns
    -------
    ndarray
        Shaped like `t` (broadcast with `height`).

    Examples
    --------
    >>> step([0.0, 11.9, 12.0, 20.0], 50.0, 12).tolist()
    [0.0, 0.0, 50.0, 50.0]
    """
    return np.where(_as_time(t) >= start, height, 0.0)


def ramp(t, slope, start, end=None):
    """0 before `start`, then rising by `slope` per month, flat after `end` (Vensim ``RAMP``).

    Parameters
    ----------
    t : float or array-like
        Model time [months].
    slope : float or array-like
        Rise per month, in the result's units per month.
    start : float
        Time the ramp starts [months].
    end : float, optional
        Time it stops rising [months]; default never.

    Returns
    -------
    ndarray
        Shaped like `t` (broadcast with `slope`).

    Examples
    --------
    >>> ramp([0.0, 2.0, 4.0, 9.0], 10.0, 1, 5).tolist()
    [0.0, 10.0, 30.0, 40.0]
    """
    t = _as_time(t, float)
    stop = np.inf if end is None else end
    return slope * (np.clip(t, start, stop) - start)


def pulse(t, start, width):
    """1 from `start` for `width` months, 0 elsewhere (Vensim ``PULSE``).

    Parameters
    ----------
    t : float or array-like
        Model time [months].
    start : float
        Time the pulse starts [months].
    width : float
        Its duration [months]; the pulse ends just before ``start + width``.

    Returns
    -------
    ndarray
        Shaped like `t`.

    Examples
    --------
    >>> pulse([0.0, 3.0, 4.5, 5.0], 3, 2).tolist()
    [0.0, 1.0, 1.0, 0.0]
    """
    t = _as_time(t, float)
    return np.where((t >= start) & (t < start + width), 1.0, 0.0)
