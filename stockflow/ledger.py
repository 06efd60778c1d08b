"""The ledger: every stock's accounts balance.

For each stock, ``initial + integrated inflows - integrated outflows = final``. The
integrated flows are the accumulators the integrators carry beside the stocks, so the
ledger checks the integration itself, not a re-derivation of it.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from stockflow.errors import LedgerError


def ledger(ds: xr.Dataset) -> xr.Dataset:
    """The accounts of every stock in a simulation result.

    Parameters
    ----------
    ds : xarray.Dataset
        A result of :func:`stockflow.simulate` that returned each stock with all its
        flows (attr ``complete_accounts = 1``).

    Returns
    -------
    xarray.Dataset
        One variable per stock with a leading ``account`` dimension: ``initial``,
        ``inflow``, ``outflow``, ``final`` and ``residual`` (initial + inflow - outflow -
        final), summed over time.

    Examples
    --------
    >>> import stockflow
    >>> m = stockflow.Model("m", start="2020-01")
    >>> _ = m.stock("x", 100.0)
    >>> _ = m.flow("out", lambda v: 0.1 * v.x, source="x")
    >>> book = ledger(stockflow.simulate(m, 12, method="rk4"))
    >>> book["x"].sel(account=["initial", "outflow", "final"]).values.round(2).tolist()
    [100.0, 69.88, 30.12]
    """
    out = {}
    for name, var in ds.data_vars.items():
        if var.attrs.get("stockflow_kind") != "stock" or not var.attrs.get("complete_accounts"):
            continue
        initial = ds[f"{name}_initial"]
        inflow = _total(ds, var.attrs["inflows"], initial)
        outflow = _total(ds, var.attrs["outflows"], initial)
        final = var.isel(time=-1, drop=True)
        residual = initial + inflow - outflow - final
        out[name] = xr.concat(
            [initial, inflow, outflow, final, residual],
            dim=xr.DataArray(
                ["initial", "inflow", "outflow", "final", "residual"],
                dims="account",
                name="account",
            ),
        )
    return xr.Dataset(out)


def _total(ds: xr.Dataset, names: str, like: xr.DataArray) -> xr.DataArray:
    """Flows `names` summed over time and over the dimensions the stock `like` lacks."""
    total = xr.zeros_like(like)
    for f in names.split():
        flow = ds[f].sum("time")
        extra = [d for d in flow.dims if d not in like.dims]
        total = total + (flow.sum(extra) if extra else flow)
    return total


def check_ledger(ds: xr.Dataset, *, rtol: float = 1e-9, atol: float = 1e-9) -> xr.Dataset:
    """Raise :class:`LedgerError` unless every stock's accounts balance.

    A stock balances when ``|residual| <= atol + rtol * (|initial| + inflow + outflow)``,
    element by element; the scale is the gross volume that passed through the stock, so
    the tolerance is relative to what was integrated.

    Parameters
    ----------
    ds : xarray.Dataset
        A result of :func:`stockflow.simulate`; stocks returned without all their flows
        are not checked.
    rtol, atol : float, default 1e-9
        Relative and absolute tolerance, in the stocks' units.

    Returns
    -------
    xarray.Dataset
        The ledger (see :func:`ledger`), when every stock balances.

    Raises
    ------
    LedgerError
        Naming the first stock that does not balance and its worst relative residual.

    Examples
    --------
    >>> import stockflow
    >>> m = stockflow.Model("m", start="2020-01")
    >>> _ = m.stock("x", 100.0)
    >>> _ = m.flow("out", lambda v: 0.1 * v.x, source="x")
    >>> book = check_ledger(stockflow.simulate(m, 12, method="euler"))
    >>> abs(float(book["x"].sel(account="residual"))) < 1e-9
    True
    """
    book = ledger(ds)
    for name, acc in book.data_vars.items():
        res = np.abs(acc.sel(account="residual"))
        scale = (
            np.abs(acc.sel(account="initial"))
            + np.abs(acc.sel(account="inflow"))
            + np.abs(acc.sel(account="outflow"))
        )
        bad = res > atol + rtol * scale
        if bool(bad.any()):
            worst = float((res / (scale + atol)).max())
            raise LedgerError(
                f"stock {name!r} does not balance: residual up to {worst:.3g} of the "
                f"volume through it (tolerance rtol={rtol}, atol={atol})"
            )
    return book
