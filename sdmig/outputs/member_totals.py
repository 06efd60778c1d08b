"""Member-level monthly totals, saved with an ensemble so its tables can be recomputed.

``forecast.nc`` holds an ensemble reduced to quantiles (:func:`~sdmig.outputs.tables.reduce_members`),
and quantiles cannot be differenced member by member. So that the paired comparison
(:func:`sdmig.outputs.compare.compare`) and the levels table
(:func:`sdmig.outputs.tables.summary_table`) can be recomputed from the file, it also keeps,
for each member, the monthly totals (summed over origins and corridors) of the variables
those tables read: :func:`member_totals` makes them, :func:`members_from_totals` turns a
Dataset read back from the file into a member-level Dataset those functions accept, giving
the numbers of the run that wrote it.

The totals are named ``<variable>_by_member`` and run along :data:`MEMBER_DIM` rather than
``member``, so that the rest of the file still reads as quantiles.
"""

from __future__ import annotations

import xarray as xr

__all__ = ["MEMBER_DIM", "SUFFIX", "has_member_totals", "member_totals", "members_from_totals"]

#: The dimension of the saved totals (``member`` in the Dataset they come from).
MEMBER_DIM = "ensemble_member"
#: Suffix of a saved total's name.
SUFFIX = "_by_member"


def _variables() -> tuple[str, ...]:
    """The variables the comparison and the levels table read (and the noise-free encounters)."""
    from sdmig.outputs.compare import COMPARE_METRICS
    from sdmig.outputs.tables import SUMMARY_COLUMNS

    names = [var for _m, var, _h, _u in COMPARE_METRICS]
    names += [var for _l, var, _h, _u in SUMMARY_COLUMNS]
    return tuple(dict.fromkeys([*names, "expected_encounters"]))


def member_totals(ds: xr.Dataset) -> xr.Dataset:
    """Each member's monthly totals of the variables the comparison and the levels read.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast with a ``member`` dimension (:func:`sdmig.run.forecast.forecast`).

    Returns
    -------
    xarray.Dataset
        ``<variable>_by_member`` on (``scenario``, :data:`MEMBER_DIM`, ``time``), summed over
        every other dimension, with the variable's attrs; empty when `ds` has no members.
    """
    if "member" not in ds.dims:
        return xr.Dataset()
    out = {}
    for var in _variables():
        if var not in ds:
            continue
        da = ds[var]
        da = da.sum(
            [d for d in da.dims if d not in ("scenario", "time", "member")], keep_attrs=True
        )
        da.attrs = {
            **ds[var].attrs,
            "long_name": f"{ds[var].attrs.get('long_name', var)}, per ensemble member, "
            "summed over origins and corridors",
        }
        out[var + SUFFIX] = da.rename(member=MEMBER_DIM) if "member" in da.dims else da
    return xr.Dataset(out)


def has_member_totals(ds: xr.Dataset) -> bool:
    """Whether `ds` holds the totals :func:`member_totals` makes (as read from forecast.nc).

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast, or a forecast file's contents.

    Returns
    -------
    bool
    """
    return MEMBER_DIM in ds.dims and any(str(v).endswith(SUFFIX) for v in ds.data_vars)


def members_from_totals(ds: xr.Dataset) -> xr.Dataset:
    """The member-level Dataset of the saved totals, with `ds`'s attrs.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast file's contents, holding ``<variable>_by_member`` totals.

    Returns
    -------
    xarray.Dataset
        The variables under their own names on (``scenario``, ``member``, ``time``), which
        :func:`~sdmig.outputs.compare.compare` and
        :func:`~sdmig.outputs.tables.summary_table` accept.
    """
    out = {
        str(v)[: -len(SUFFIX)]: (
            ds[v].rename({MEMBER_DIM: "member"}) if MEMBER_DIM in ds[v].dims else ds[v]
        )
        for v in ds.data_vars
        if str(v).endswith(SUFFIX)
    }
    members = xr.Dataset(out)
    members.attrs = dict(ds.attrs)
    return members
