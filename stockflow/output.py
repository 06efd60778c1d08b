"""The one place where arrays get labels.

The integrators hand a :class:`Recorder` the state at each month end; it keeps only the
requested variables as bare arrays. :func:`to_dataset` then labels them once, at the end,
as an ``xarray.Dataset`` following CF conventions for attrs (``units``, ``long_name``,
``cell_methods``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import xarray as xr

from stockflow.calendar import month_starts
from stockflow.compile import CompiledModel

CELL_METHODS = {
    "stock": "time: point (end of month)",
    "flow": "time: sum (month total: the flow integrated over the month)",
    "aux": "time: point (end of month)",
    "input": "time: point (end of month)",
    "series": "time: point (end of month)",
}


class Recorder:
    """Buffers of the requested variables, shape ``(n_months, n_members, *dims)``.

    Parameters
    ----------
    cm : CompiledModel
        The model being integrated, tracking the accumulators of the flows in `names`.
    names : list of str
        Variables to keep.
    n_months : int
        Month ends to record.
    n_members : int
        Members of the ensemble.

    Examples
    --------
    >>> import numpy as np
    >>> from stockflow import Model, compile_model
    >>> m = Model("m", start="2020-01")
    >>> _ = m.stock("x", 5.0)
    >>> rec = Recorder(compile_model(m), ["x"], n_months=2, n_members=1)
    >>> rec.record(0, 1.0, np.array([[6.0]]), None, {}, 0, 1)
    >>> rec.data["x"].tolist()
    [[6.0], [0.0]]
    """

    def __init__(self, cm: CompiledModel, names: list[str], n_months: int, n_members: int):
        self.cm = cm
        self.names = names
        self.n_months = n_months
        self.n_members = n_members
        self.data = {n: np.zeros((n_months, n_members, *cm.shapes[n])) for n in names}
        self.stock_names = [s.name for s in cm.stocks]
        self.initial_values = {
            n: np.zeros((n_members, *cm.shapes[n])) for n in names if n in self.stock_names
        }
        self.needs_eval = any(
            cm.model.variables[n].kind in ("aux", "input", "series") for n in names
        )
        # where each requested variable is found: rows of the state, or the evaluated values
        rows = {s.name: (s.start, s.stop) for s in cm.stocks}
        rows.update((f, (start, start + math.prod(shape))) for f, start, shape in cm.flow_slots)
        self._plan = [(n, rows.get(n), cm.shapes[n]) for n in names]

    def initial(self, y0: np.ndarray, lo: int, hi: int) -> None:
        """Keep the initial values of the requested stocks for members `lo` to `hi`.

        Parameters
        ----------
        y0 : ndarray, shape ``(n_state, hi - lo)``
            State at time 0, one column per member.
        lo, hi : int
            Members ``lo, ..., hi - 1`` of the ensemble.
        """
        for n in self.initial_values:
            s = self.cm.slot(n)
            self.initial_values[n][lo:hi] = y0[s.start : s.stop].T.reshape(hi - lo, *s.shape)

    def record(self, i: int, t: float, y: np.ndarray, consts, inputs, lo: int, hi: int) -> None:
        """Keep month `i` (0-based) from state `y` of shape ``(n_state, hi - lo)``.

        Parameters
        ----------
        i : int
            Month index, 0 for the end of the first month.
        t : float
            Model time of the month end [months].
        y : ndarray, shape ``(n_state, hi - lo)``
            State: stocks and flow accumulators, one column per member.
        consts : dict
            The compiled model's constants (:meth:`CompiledModel.constants`), used when
            auxiliaries, inputs or series are requested.
        inputs : mapping of str to callable
            Policy inputs of the run.
        lo, hi : int
            Members ``lo, ..., hi - 1`` of the ensemble.
        """
        k = hi - lo
        ns = self.cm.evaluate(t, y, consts, inputs, tau_min=1e-3) if self.needs_eval else None
        for n, rows, shape in self._plan:
            if rows is not None:  # a stock, or the accumulator of a flow
                self.data[n][i, lo:hi] = y[rows[0] : rows[1]].T.reshape(k, *shape)
            else:
                self.data[n][i, lo:hi] = ns[n]  # broadcast over members if need be


def to_dataset(
    cm: CompiledModel, rec: Recorder, *, is_ensemble: bool, attrs: dict[str, Any]
) -> xr.Dataset:
    """Label the recorded arrays: dims ``[member,] time, *model dims``.

    Flows are returned as totals over each month (the differences of their accumulators);
    each stock also gets ``<name>_initial``, its value at time 0, and attrs naming its
    inflows and outflows for :func:`stockflow.ledger`.

    Parameters
    ----------
    cm : CompiledModel
        The model that was integrated.
    rec : Recorder
        The filled buffers.
    is_ensemble : bool
        Keep a ``member`` dimension (otherwise the single member is dropped).
    attrs : dict
        Solver diagnostics for the Dataset's attrs; ``None`` values are left out.

    Returns
    -------
    xarray.Dataset
        Labelled with the model's start month (or plain times for a model without a
        calendar) and dimension labels, with CF attrs ``units``, ``long_name`` and
        ``cell_methods``.

    Examples
    --------
    >>> import numpy as np
    >>> from stockflow import Model, compile_model
    >>> m = Model("m", start="2020-01")
    >>> _ = m.stock("x", 5.0)
    >>> cm = compile_model(m)
    >>> rec = Recorder(cm, ["x"], n_months=1, n_members=1)
    >>> rec.initial(np.array([[5.0]]), 0, 1)
    >>> rec.record(0, 1.0, np.array([[6.0]]), None, {}, 0, 1)
    >>> ds = to_dataset(cm, rec, is_ensemble=False, attrs={"solver": "euler"})
    >>> sorted(ds.data_vars), ds["x"].values.tolist(), float(ds["x_initial"])
    (['x', 'x_initial'], [6.0], 5.0)
    """
    model = cm.model
    if model.start is None:  # no calendar: the time at the end of each unit of model time
        time = np.arange(1, rec.n_months + 1, dtype=float)
    else:
        time = month_starts(model.start, rec.n_months)
    coords: dict[str, Any] = {"time": time}
    for dim, labels in model.dims.items():
        coords[dim] = list(labels)
    if is_ensemble:
        coords["member"] = np.arange(rec.n_members)
    data_vars = {}
    for n in rec.names:
        var = model.variables[n]
        arr = rec.data[n]
        if var.kind == "flow":  # accumulators -> totals over each month
            arr = np.diff(arr, axis=0, prepend=np.zeros((1, *arr.shape[1:])))
        arr = np.moveaxis(arr, 1, 0)  # (member, time, *dims)
        dims = ("member", "time", *var.dims)
        if not is_ensemble:
            arr, dims = arr[0], dims[1:]
        a = {
            "units": var.units,
            "long_name": var.long_name,
            "cell_methods": CELL_METHODS[var.kind],
            "stockflow_kind": var.kind,
        }
        if var.kind == "stock":
            s = cm.slot(n)
            a["inflows"] = " ".join(f for f, _ in s.inflows if f in rec.names)
            a["outflows"] = " ".join(f for f, _ in s.outflows if f in rec.names)
            a["complete_accounts"] = int(all(f in rec.names for f, _ in (*s.inflows, *s.outflows)))
            init = rec.initial_values[n] if is_ensemble else rec.initial_values[n][0]
            init_dims = ("member", *var.dims) if is_ensemble else var.dims
            data_vars[f"{n}_initial"] = xr.Variable(
                init_dims,
                init,
                {
                    "units": var.units,
                    "long_name": f"{var.long_name} at the start",
                    "stockflow_kind": "initial",
                },
            )
        data_vars[n] = xr.Variable(dims, arr, a)
    ds = xr.Dataset(data_vars, coords=coords)
    ds.attrs.update(
        title=model.name,
        start=str(model.start),
        time_units="month",
        **{k: v for k, v in attrs.items() if v is not None},
    )
    return ds
