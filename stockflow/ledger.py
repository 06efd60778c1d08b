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
    the tolerance is relative to what was integrated. Returns the ledger when it balances.
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
