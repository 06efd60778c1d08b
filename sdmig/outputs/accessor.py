"""The ``ds.sdmig`` accessor: plots and comparison tables of a forecast in a notebook.

Importing this module registers the accessor on every :class:`xarray.Dataset`::

    import sdmig  # imports sdmig.outputs.accessor
    ds = sdmig.forecast(["baseline", "binational_phased"], members=50).dataset
    ds.sdmig.plot("encounters")            # a matplotlib Figure; shows itself in Jupyter
    ds.sdmig.compare()                     # each scenario minus the baseline, per phase
    ds.sdmig.table("2026-07", "2028-12")   # sdmig.outputs.tables.summary_table

    ds = xarray.open_dataset("out/forecast.nc")  # written by sdmig forecast --out out
    ds.sdmig.compare()                     # the numbers of out/comparison.csv

The accessor holds only a reference to the Dataset (composition, not a subclass; xarray
caches one accessor per Dataset object). Plotting imports matplotlib on first use.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import xarray as xr

from sdmig.errors import ForecastError
from sdmig.model.parameters import REPORT_WINDOW

__all__ = ["SdmigAccessor"]

DEFAULT_START = REPORT_WINDOW[0]


@xr.register_dataset_accessor("sdmig")
class SdmigAccessor:
    """sdmig methods on a forecast Dataset (:func:`sdmig.forecast.forecast`).

    Registered as ``Dataset.sdmig`` when sdmig is imported; xarray makes it, not the user.

    Parameters
    ----------
    ds : xarray.Dataset
        The forecast, as returned or as read back from ``forecast.nc``.

    Examples
    --------
    >>> import xarray as xr
    >>> isinstance(xr.Dataset().sdmig, SdmigAccessor)
    True
    """

    def __init__(self, ds: xr.Dataset):
        self._ds = ds

    def plot(self, kind: str = "encounters", **kwargs: Any):
        """A plot of the forecast: :func:`sdmig.outputs.plots.plot`.

        Parameters
        ----------
        kind : str, default "encounters"
            One of :data:`sdmig.outputs.plots.PLOT_KINDS`: ``encounters``,
            ``encounters_by_origin``, ``encounters_by_corridor``, ``backlog``, ``deaths``,
            ``difference``.
        **kwargs
            ``scenarios`` (name -> Scenario, for the phase dates), ``history`` (a history
            Dataset, or False for none), ``baseline`` (default "baseline").

        Returns
        -------
        matplotlib.figure.Figure

        Raises
        ------
        ForecastError
            An unknown `kind`, or a Dataset the plot cannot use.
        """
        from sdmig.outputs.plots import plot

        return plot(self._ds, kind, **kwargs)

    def table(self, start: str | None = None, end: str | None = None) -> pd.DataFrame:
        """The comparison table of :func:`sdmig.outputs.tables.summary_table` over `start`..`end`.

        Works on a forecast read back from ``forecast.nc`` too: the file keeps each
        member's totals (:mod:`sdmig.outputs.member_totals`).

        Parameters
        ----------
        start : str, optional
            First month of the window, ``YYYY-MM``; default the reporting window's
            (attr ``report_start`` of a written forecast), else 2026-07.
        end : str, optional
            Last month of the window; default the reporting window's (attr
            ``report_end``), else the forecast's last month.

        Returns
        -------
        pandas.DataFrame
            One row per scenario (for an ensemble, rows ``(scenario, statistic)`` with
            the median, p10 and p90 across members).

        Raises
        ------
        ForecastError
            A window that does not parse or lies outside the forecast, or a Dataset
            whose members were already reduced to quantiles.
        """
        from sdmig.outputs.tables import summary_table

        ds = self._checked()
        start, end = self._window(start, end)
        return summary_table(ds, start, end)

    def compare(
        self,
        baseline: str = "baseline",
        start: str | None = None,
        end: str | None = None,
        *,
        scenarios=None,
    ) -> pd.DataFrame:
        """Each scenario against `baseline`, over the window and per phase.

        The comparison ``sdmig forecast`` prints and writes to ``comparison.csv``
        (:func:`sdmig.outputs.compare.compare`): the same numbers and the same rows. For
        an ensemble the differences are paired member by member, and each row gives the
        median and the 10 % and 90 % quantiles across members of (scenario - baseline);
        encounters are compared without their observation noise. On a forecast read back
        from ``forecast.nc`` the differences are paired from the member totals the file
        keeps (:mod:`sdmig.outputs.member_totals`), over the window it was written with, so
        ``xr.open_dataset("forecast.nc").sdmig.compare()`` gives ``comparison.csv``.

        Parameters
        ----------
        baseline : str, default "baseline"
            The scenario subtracted; it gets no row.
        start : str, optional
            First month of the window, ``YYYY-MM``; default the reporting window's
            (attr ``report_start`` of a written forecast), else 2026-07.
        end : str, optional
            Last month of the window; default the reporting window's (attr
            ``report_end``), else the forecast's last month.
        scenarios : mapping of str to Scenario, optional
            For the phases; default the scenario files recorded in the Dataset's attrs.

        Returns
        -------
        pandas.DataFrame
            Long table: scenario, period (``window``, then each phase), from, to,
            metric, units, median, p10, p90.

        Raises
        ------
        ForecastError
            `baseline` is not a scenario of the Dataset or is its only one, a bad window,
            or a Dataset reduced to quantiles.
        """
        from sdmig.outputs.compare import compare
        from sdmig.outputs.plots import _others

        ds = self._checked()
        start, end = self._window(start, end)
        _others(ds, baseline)
        return compare(ds, baseline=baseline, start=start, end=end, scenarios=scenarios)

    # ---------------------------------------------------------------- internals
    def _checked(self) -> xr.Dataset:
        from sdmig.outputs.member_totals import has_member_totals, members_from_totals

        ds = self._ds
        if "quantile" in ds.dims and has_member_totals(ds):
            ds = members_from_totals(ds)
        elif "quantile" in ds.dims:
            raise ForecastError(
                "the Dataset holds quantiles (sdmig.outputs.tables.reduce_members), which cannot be "
                "summed over months, origins or corridors; call this on the Dataset with the "
                "`member` dimension"
            )
        if "scenario" not in ds.dims:
            raise ForecastError(
                "the Dataset has no `scenario` dimension; call this on the Dataset "
                "sdmig.forecast.forecast returns (select scenarios with a list, "
                "ds.sel(scenario=[...]))"
            )
        return ds

    def _window(self, start: str | None, end: str | None) -> tuple[str, str]:
        """`start` and `end` as ``YYYY-MM``, checked against the forecast's months."""
        months = pd.DatetimeIndex(self._ds["time"].values).to_period("M")
        first, last = months[0], months[-1]
        if start is None:
            start = self._ds.attrs.get("report_start", DEFAULT_START)
        if end is None:
            end = self._ds.attrs.get("report_end")
        window = []
        for name, value in (("start", start), ("end", str(last) if end is None else end)):
            text = str(value)
            if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
                raise ForecastError(f"`{name}` = {value!r} is not a month; use YYYY-MM")
            month = pd.Period(text, freq="M")
            if not first <= month <= last:
                raise ForecastError(
                    f"`{name}` = {month} is outside the forecast, which runs {first}..{last}"
                )
            window.append(month)
        if window[0] > window[1]:
            raise ForecastError(f"`start` = {window[0]} is after `end` = {window[1]}")
        return str(window[0]), str(window[1])
