"""Reading PySD's run of an exported model back into stockflow's labelled arrays."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np
import xarray as xr

from stockflow.interop.xmile_write import element_names
from stockflow.model import Model

__all__ = ["pysd_dataset"]


def pysd_dataset(df, model: Model, variables: Iterable[str] | None = None) -> xr.Dataset:
    """Label a PySD run of an exported model like stockflow's arrays.

    Parameters
    ----------
    df : pandas.DataFrame
        ``pysd.read_xmile(path).run()``: index time [months], columns ``name`` or
        ``name[elem,elem]``.
    model : Model
        The model that was exported.
    variables : iterable of str, optional
        Default: every column that names a model variable.

    Returns
    -------
    xarray.Dataset
        Dims ``t`` (the PySD times, months since the start) and the model's dimensions;
        values as PySD reports them (instantaneous: flows are rates at ``t``).
    """
    names = element_names(model)
    wanted = list(variables) if variables is not None else None
    out = {}
    for name, var in model.variables.items():
        if wanted is not None and name not in wanted:
            continue
        if not var.dims:
            if name in df.columns:
                out[name] = xr.DataArray(df[name].to_numpy(dtype=float), dims=("t",))
            continue
        arr = np.full((len(df.index), *model.shape(var.dims)), np.nan)
        found = False
        for idx in itertools.product(*(range(len(model.dims[d])) for d in var.dims)):
            elems = [names[d][model.dims[d][i]] for d, i in zip(var.dims, idx, strict=True)]
            col = f"{name}[{','.join(elems)}]"
            if col in df.columns:
                arr[(slice(None), *idx)] = df[col].to_numpy(dtype=float)
                found = True
        if found:
            out[name] = xr.DataArray(arr, dims=("t", *var.dims))
    coords = {"t": np.asarray(df.index, dtype=float)}
    coords.update({d: list(v) for d, v in model.dims.items()})
    return xr.Dataset(out, coords=coords)
