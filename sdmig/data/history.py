"""Historical data for calibration: the CSVs shipped in ``sdmig/data``, history folders, tidy files.

The shipped data cover 2018-10 … 2024-12 (Border Patrol sectors to 2024-11; court series
FY2015–FY2024; Mexico CY2018–CY2024); their provenance is in ``sdmig/data/SOURCES.md``. A
user's history is either a folder laid out like ``sdmig/data`` whose files replace the
shipped ones of the same name, or one tidy CSV with the columns :data:`TIDY_COLUMNS` and the
series :data:`TIDY_SERIES`; :func:`write_history_csv` writes a Dataset in the tidy format and
:func:`load_history` reads all three. The layout and checks of the shipped files are in
:mod:`sdmig.data.schema`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import warnings
from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from sdmig.data.schema import SPECS, check_header, decode_csv, read_checked
from sdmig.errors import DataError, SdmigWarning
from sdmig.files import atomic_write

__all__ = [
    "CORRIDORS",
    "COURT_VINTAGE",
    "HISTORY_FILES",
    "ORIGINS",
    "OTHER_REFERENCE_FILES",
    "SECTOR_CORRIDOR",
    "TIDY_COLUMNS",
    "TIDY_SERIES",
    "history_checksum",
    "load_history",
    "write_history_csv",
]

ORIGINS = ("MEX", "NTCA", "OTHER")
CORRIDORS = ("tijuana_san_diego", "juarez_el_paso", "reynosa_mcallen", "rest_of_border")
#: Border Patrol sector -> corridor; every other Southwest sector goes to ``rest_of_border``.
SECTOR_CORRIDOR = {
    "sector_san_diego_ca": "tijuana_san_diego",
    "sector_el_paso_tx": "juarez_el_paso",
    "sector_rio_grande_valley_tx": "reynosa_mcallen",
}
#: CBP citizenship series summed into the origin ``NTCA``.
NTCA_SERIES = ("guatemala", "honduras", "el_salvador")
#: The one EOIR vintage of the shipped court series (the court rows with preferred=1).
COURT_VINTAGE = "eoir_pending_new_completions_2025-07-31"

_FILES = {
    "monthly": "cbp_sw_encounters_monthly.csv",
    "citizenship": "cbp_sw_encounters_by_citizenship_monthly.csv",
    "sector": "usbp_sw_encounters_by_sector_monthly.csv",
    "court": "eoir_caseload_fy.csv",
    "judges": "eoir_immigration_judges.csv",
    "mexico": "mexico_upm_irregular_events_annual.csv",
    "deaths": "border_migrant_deaths_annual.csv",
}
#: The shipped CSVs :func:`load_history` reads, in the order the checksum concatenates them.
HISTORY_FILES = tuple(sorted(_FILES.values()))
_MONTHLY_FILES = ("monthly", "citizenship", "sector")
#: Files of the reference set that :func:`load_history` does not read; a history folder may
#: hold them (``policy_events.csv`` is shipped, for the record of policy dates).
OTHER_REFERENCE_FILES = (
    "cbp_one_appointments.csv",
    "cbp_sw_encounters_by_demographic_monthly.csv",
    "cbp_sw_encounters_by_state_monthly.csv",
    "cbp_sw_encounters_fy_totals.csv",
    "mexico_comar_asylum_applications_annual.csv",
    "policy_events.csv",
    "policy_events_2019_2023.csv",
    "uscis_credible_fear_fy.csv",
)

TIDY_COLUMNS = ("month", "series", "origin", "corridor", "value")
#: Series allowed in a tidy history file. ``encounters_by_origin`` needs ``origin``,
#: ``usbp_by_corridor`` needs ``corridor``; the ``court_*`` series are annual, one row per
#: fiscal year with the month ``YYYY-09`` that ends it. All other series are monthly.
TIDY_SERIES = (
    "encounters_total",
    "encounters_title8",
    "encounters_title42",
    "encounters_usbp",
    "encounters_ofo",
    "encounters_by_origin",
    "usbp_by_corridor",
    "court_pending",
    "court_receipts",
    "court_completions",
)
_COURT = ("court_pending", "court_receipts", "court_completions")
_MONTHLY = {  # variable: series in cbp_sw_encounters_monthly.csv
    "encounters_total": "total",
    "encounters_title8": "title8_total",
    "encounters_title42": "title42_total",
    "encounters_usbp": "usbp_total",
    "encounters_ofo": "ofo_total",
}
_ANNUAL = {  # variable: (file key, series, period column, dim); rows with preferred=1 only
    "court_pending": ("court", "pending_cases_end_of_period", "fiscal_year", "fiscal_year"),
    "court_receipts": ("court", "initial_receipts_in_period", "fiscal_year", "fiscal_year"),
    "court_completions": ("court", "total_completions_in_period", "fiscal_year", "fiscal_year"),
    "immigration_judges_hired": ("judges", "ij_hired_in_fy", "fiscal_year", "fiscal_year"),
    "usbp_border_deaths": ("deaths", "usbp_swb_deaths", "year", "fiscal_year"),
    "mexico_apprehension_events": ("mexico", "upm_events_irregular", "year", "year"),
    "border_deaths": ("deaths", "iom_mmp_us_mexico_border_dead_missing", "year", "year"),
    "immigration_judges": ("judges", "ij_on_board", "as_of", "judges_as_of"),
}
_LABEL_DIM = {"encounters_by_origin": "origin", "usbp_by_corridor": "corridor"}
_ALLOWED = {"origin": ORIGINS, "corridor": CORRIDORS}
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

_SWB = "CBP Southwest land-border encounters"
_META = {  # name: (units, long_name)
    "encounters_total": ("encounters/month", f"{_SWB}, USBP + OFO, Title 8 + Title 42"),
    "encounters_title8": ("encounters/month", f"{_SWB} under Title 8"),
    "encounters_title42": ("encounters/month", f"{_SWB}: Title 42 expulsions"),
    "encounters_usbp": ("encounters/month", f"{_SWB} by U.S. Border Patrol (between ports)"),
    "encounters_ofo": ("encounters/month", f"{_SWB} by OFO (at ports of entry)"),
    "encounters_by_origin": ("encounters/month", f"{_SWB} by citizenship group"),
    "usbp_by_corridor": ("encounters/month", "USBP Southwest encounters by corridor"),
    "court_pending": ("cases", "EOIR immigration-court cases pending at fiscal-year end"),
    "court_receipts": ("cases/year", "EOIR initial receipts in the fiscal year"),
    "court_completions": ("cases/year", "EOIR total completions in the fiscal year"),
    "immigration_judges": ("judges", "Immigration judges on board (point counts)"),
    "immigration_judges_hired": ("judges/year", "Immigration judges hired in the fiscal year"),
    "mexico_apprehension_events": ("events/year", "Mexico SEGOB/UPM irregular-migrant events"),
    "border_deaths": ("deaths/year", "IOM MMP dead and missing, U.S.-Mexico border"),
    "usbp_border_deaths": ("deaths/year", "U.S. Border Patrol Southwest-border migrant deaths"),
}
_NOTES = {
    "usbp_by_corridor": "sum of OHSS sector values, each rounded to the nearest 10 by OHSS; "
    "so it can differ from encounters_usbp by up to 9 * 5 = 45 per month",
    **dict.fromkeys(
        _COURT,
        "rows with preferred=1; in the shipped file these are one EOIR vintage only, "
        f"{COURT_VINTAGE}",
    ),
    "immigration_judges": "scattered point counts; judges_as_of '2020' has no known month",
    "mexico_apprehension_events": "events, not people; calendar year; INM people counts and "
    "the Jan-Nov 2022 partial total are excluded; 2018 (131445) equals an INM figure for 2018; "
    "2023 is EFE's 782176, not a compilation's 778907 (preferred=0)",
    "border_deaths": "calendar year, preferred=1; 2020 not found; 2019 and 2021 come from "
    "older MMP downloads that IOM later revised upward",
    "usbp_border_deaths": "fiscal year, preferred=1; FY2020 not found; FY2022 'approximately 900'",
}


def load_history(path: str | os.PathLike[str] | None = None) -> xr.Dataset:
    """Load the historical series as a labelled Dataset.

    Parameters
    ----------
    path : str or path-like, optional
        One of:

        - None (default): the CSVs shipped in ``sdmig/data`` (:data:`HISTORY_FILES`;
          provenance in ``sdmig/data/SOURCES.md``).
        - A **history folder** laid out like ``sdmig/data``: files with the names of
          :data:`HISTORY_FILES` and the same columns. Each history file present in the folder
          replaces the shipped file of that name, whole; a history file absent from the
          folder is taken from the shipped data. So a newer vintage is added by copying the
          shipped file and appending rows (months past the shipped end extend the ``time``
          axis; a new fiscal or calendar year extends ``fiscal_year`` or ``year``), or by
          pointing at a complete set of newer files. Other files in the folder are not read
          (a CSV whose name is neither a history file nor another file of the reference set
          gets a warning, in case its name is mistyped). A folder holding none of the
          history files is an error.
        - A **tidy history CSV** (columns :data:`TIDY_COLUMNS`, series :data:`TIDY_SERIES`,
          month as ``YYYY-MM``, header on line 1), as :func:`write_history_csv` writes it.

    Returns
    -------
    xarray.Dataset
        Monthly variables on ``time`` (month starts, freq MS), in encounters/month:
        ``encounters_total``, ``encounters_title8``, ``encounters_title42``,
        ``encounters_usbp``, ``encounters_ofo``, ``encounters_by_origin`` (time, origin) and
        ``usbp_by_corridor`` (time, corridor). On ``fiscal_year``: ``court_pending`` [cases],
        ``court_receipts`` and ``court_completions`` [cases/year]. The shipped data and
        history folders add ``immigration_judges`` [judges] on ``judges_as_of``,
        ``immigration_judges_hired`` [judges/year] and ``usbp_border_deaths`` [deaths/year]
        on ``fiscal_year``, and ``mexico_apprehension_events`` [events/year] and
        ``border_deaths`` [deaths/year] on calendar ``year``. ``time`` runs from the first
        to the last month of the monthly files; a series whose file ends earlier is NaN
        after its end (the shipped sector file ends 2024-11, the others 2024-12). NaN marks
        a period without data. Every variable has ``units``, ``long_name`` and ``source``;
        the Dataset has ``title``, ``source``, ``vintage``, ``files`` and ``sha256`` (see
        :func:`history_checksum`).

    Raises
    ------
    DataError
        On the first problem found, in one message that names the file, the line (where
        there is one), the field, the value and what is allowed. Every file read, shipped
        or from a folder, gets the same checks: a missing path or a folder with none of the
        history files; a file that is not UTF-8, is empty or has only a header; columns
        other than the shipped ones (names and order); a row with the wrong number of
        fields; a month that is not ``YYYY-MM``, a year that is not ``YYYY``, a value that
        is not a number or is negative; an unknown series or code; a fiscal year that does
        not match its month; a key that appears twice (two rows for one month and series,
        or two rows marked ``preferred`` = 1 for one year and series); a series the loader
        needs without rows; a monthly series missing a month between its file's first and
        last month (a court series missing a fiscal year).

    See Also
    --------
    write_history_csv, history_checksum

    Notes
    -----
    NTCA = Guatemala + Honduras + El Salvador and OTHER = total - MEX - NTCA. A corridor is
    the sum of its Border Patrol sectors (:data:`SECTOR_CORRIDOR`), whose values the source
    rounds to 10, so corridors sum to ``encounters_usbp`` only to within 45 per month. The
    annual series use the rows with ``preferred`` = 1 (for the court series of the shipped
    data: the one EOIR vintage :data:`COURT_VINTAGE`).

    Examples
    --------
    >>> ds = load_history()
    >>> int(ds.encounters_total.sel(time="2022-12").item())
    252315
    >>> ds.encounters_by_origin.origin.values.tolist()
    ['MEX', 'NTCA', 'OTHER']
    >>> str(ds.time.values[-1])[:7]
    '2024-12'
    """
    if path is not None and not Path(path).is_dir():
        return _read_tidy(Path(path))
    blobs, where, replaced = _history_files(path)
    ds = _build_shipped(blobs, where)
    if path is not None:
        folder = os.fspath(path)
        ds.attrs.update(
            title=f"{ds.attrs['title']}, from history folder {Path(folder).name}",
            source=f"history folder {folder} ({', '.join(replaced)}) over the shipped "
            "sdmig/data (SOURCES.md); source ids in each variable's `source` attr",
            vintage=f"{folder}: {', '.join(replaced)}; {ds.attrs['vintage']}",
            files=", ".join(f"{where[name]}" for name in HISTORY_FILES),
        )
    return ds.assign_attrs(sha256=_sha256(blobs.values()))


def history_checksum(path: str | os.PathLike[str] | None = None) -> str:
    """SHA-256 (hex) of the history data, to record what a calibration was fitted to.

    Parameters
    ----------
    path : str or path-like, optional
        A tidy history file (checksum of its bytes), or a history folder (checksum of the
        :data:`HISTORY_FILES` it uses, its own or the shipped ones, concatenated in that
        order). Default None: the shipped CSVs.

    Returns
    -------
    str
        64 hexadecimal digits, equal to ``load_history(path).attrs["sha256"]``. A folder
        holding copies of the shipped files has the shipped checksum.

    Raises
    ------
    DataError
        If the file does not exist, or the folder holds none of :data:`HISTORY_FILES`.
    """
    if path is not None and not Path(path).is_dir():
        return _sha256([_read_bytes(Path(path))])
    return _sha256(_history_files(path)[0].values())


def write_history_csv(ds: xr.Dataset, path: str | os.PathLike[str]) -> None:
    """Write the :data:`TIDY_SERIES` variables of `ds` as a tidy history CSV.

    Parameters
    ----------
    ds : xarray.Dataset
        As returned by :func:`load_history`; other variables are ignored, NaN values skipped.
    path : str or path-like
        Target file. It is written to a temporary file in the same folder, then moved into
        place with :func:`os.replace`, so a failed write leaves no partial file.

    Raises
    ------
    DataError
        If `ds` holds none of the :data:`TIDY_SERIES`.

    See Also
    --------
    load_history : reads the file back; the tidy series round-trip exactly.
    """
    path = Path(path)
    present = [name for name in TIDY_SERIES if name in ds.data_vars]
    if not present:
        raise DataError(f"`ds` holds none of the tidy series; expected some of {TIDY_SERIES}.")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(TIDY_COLUMNS)
    for name in present:
        label_dim = _LABEL_DIM.get(name)
        for label in ds[label_dim].values if label_dim else [""]:
            da = ds[name].sel({label_dim: label}) if label_dim else ds[name]
            for period, value in zip(da[da.dims[0]].values, da.values.astype(float), strict=True):
                if np.isnan(value):
                    continue
                month = f"{period}-09" if name in _COURT else f"{period}"[:7]
                origin, corridor = (label, "") if label_dim == "origin" else ("", label)
                text = str(int(value)) if value.is_integer() else repr(float(value))
                writer.writerow([month, name, origin, corridor, text])
    text = buf.getvalue()
    atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8", newline=""))


def _sha256(blobs: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for blob in blobs:
        digest.update(blob)
    return digest.hexdigest()


def _read_bytes(path: Traversable) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: file not found; check the path.") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a folder; expected a CSV file.") from None


def _history_files(
    folder: str | os.PathLike[str] | None,
) -> tuple[dict[str, bytes], dict[str, str], list[str]]:
    """The bytes of each history file, where each came from, and the names `folder` replaced.

    Files come from `folder` where it has them, else from the shipped ``sdmig/data``.
    """
    shipped = files("sdmig.data")
    root = Path(folder) if folder is not None else None
    blobs, where, replaced = {}, {}, []
    for name in HISTORY_FILES:
        if root is not None and (root / name).is_file():
            blobs[name], where[name] = _read_bytes(root / name), os.fspath(root / name)
            replaced.append(name)
        else:
            blobs[name], where[name] = _read_bytes(shipped.joinpath(name)), f"sdmig/data/{name}"
    if root is not None:
        if not replaced:
            raise DataError(
                f"{root}: the folder holds none of the history files; expected one or more "
                f"of {', '.join(HISTORY_FILES)} (same names and columns as in sdmig/data), "
                "or give a tidy history CSV instead."
            )
        unknown = sorted(
            p.name
            for p in root.glob("*.csv")
            if p.name not in HISTORY_FILES and p.name not in OTHER_REFERENCE_FILES
        )
        if unknown:
            warnings.warn(
                f"{root}: {', '.join(unknown)} not read; the history files are "
                f"{', '.join(HISTORY_FILES)}.",
                SdmigWarning,
                stacklevel=4,
            )
    return blobs, where, replaced


def _dataset(data_vars: dict, sources: dict, notes: dict, coords: dict, attrs: dict) -> xr.Dataset:
    """Label `data_vars` ({name: (dims, values)}) with units, long_name, source and note."""
    arrays = {}
    for name, (dims, values) in data_vars.items():
        units, long_name = _META[name]
        attrs_ = {"units": units, "long_name": long_name, "source": sources[name]}
        attrs_.update({"note": notes[name]} if name in notes else {})
        arrays[name] = xr.DataArray(np.asarray(values, float), dims=dims, attrs=attrs_)
    return xr.Dataset(arrays, coords=coords, attrs=attrs)


def _build_shipped(blobs: dict[str, bytes], where: dict[str, str]) -> xr.Dataset:
    t = {key: read_checked(where[name], blobs[name], SPECS[name]) for key, name in _FILES.items()}
    months = pd.concat([t[k]["month"] for k in ("monthly", "citizenship", "sector")])
    time = pd.date_range(f"{months.min()}-01", f"{months.max()}-01", freq="MS", name="time")

    def wide(df: pd.DataFrame) -> pd.DataFrame:
        table = df.pivot(index="month", columns="series", values="value").astype(float)
        return table.set_axis(pd.to_datetime(table.index + "-01"), axis=0).reindex(time)

    def sources(df: pd.DataFrame, key: str) -> str:
        parts = []
        for sid, rows in df.groupby("source_id", sort=False):
            keys = rows[key].astype(str).unique()
            span = f"{keys[0]}..{keys[-1]}" if key == "month" else ", ".join(keys)
            parts.append(f"{sid} ({span})")
        return "; ".join(parts)

    enc, cit, sec = wide(t["monthly"]), wide(t["citizenship"]), wide(t["sector"])
    mex = cit["mexico"].to_numpy()
    ntca = cit[list(NTCA_SERIES)].to_numpy().sum(axis=1)
    corridor_of = np.array([SECTOR_CORRIDOR.get(s, "rest_of_border") for s in sec.columns])
    by_corridor = [sec.loc[:, corridor_of == k].to_numpy().sum(axis=1) for k in CORRIDORS]
    data_vars = {name: ("time", enc[series]) for name, series in _MONTHLY.items()}
    data_vars["encounters_by_origin"] = (
        ("time", "origin"),
        np.stack([mex, ntca, enc["total"] - mex - ntca], axis=1),
    )
    data_vars["usbp_by_corridor"] = (("time", "corridor"), np.stack(by_corridor, axis=1))
    src = dict.fromkeys(data_vars, sources(t["monthly"], "month"))
    src["encounters_by_origin"] = sources(t["citizenship"], "month")
    src["usbp_by_corridor"] = sources(t["sector"], "month")

    rows = {}
    for name, (key, series, _, _) in _ANNUAL.items():
        df = t[key]
        rows[name] = df[(df["series"] == series) & (df.get("preferred", 1) == 1)]
    coords = {"time": time, "origin": list(ORIGINS), "corridor": list(CORRIDORS)}
    for dim in ("fiscal_year", "year", "judges_as_of"):
        keys = pd.concat([rows[n][_ANNUAL[n][2]] for n in _ANNUAL if _ANNUAL[n][3] == dim])
        scattered = dim == "judges_as_of"  # point counts keep their own dates, no range
        coords[dim] = keys.to_numpy(str) if scattered else np.arange(keys.min(), keys.max() + 1)
    for name, (_, _, key, dim) in _ANNUAL.items():
        data_vars[name] = (dim, rows[name].set_index(key)["value"].reindex(coords[dim]))
        src[name] = sources(rows[name], key)
    span = f"{time[0]:%Y-%m}..{time[-1]:%Y-%m}"
    ends = {
        k: f"{t[k]['month'].min()}..{t[k]['month'].max()}" for k in _FILES if k in _MONTHLY_FILES
    }
    court_ids = ", ".join(rows["court_pending"]["source_id"].unique())
    attrs = {
        "title": f"sdmig history: U.S.-Mexico border migration, {span}",
        "source": "sdmig/data/SOURCES.md; source ids in each variable's `source` attr",
        "vintage": f"CBP SBO encounters {' + '.join(t['monthly']['source_id'].unique())}; "
        f"OHSS sectors {' + '.join(t['sector']['source_id'].unique())}; EOIR {court_ids}; "
        f"monthly data {span}",
        "files": ", ".join(HISTORY_FILES),
        "missing_values": "NaN where a series has no data for a period; each monthly series "
        f"is complete over its file's months (encounters {ends['monthly']}, citizenship "
        f"{ends['citizenship']}, sectors {ends['sector']}); "
        "the annual ones have gaps (see each variable's `note`)",
    }
    return _dataset(data_vars, src, _NOTES, coords, attrs)


def _read_tidy(path: Path) -> xr.Dataset:
    name, data = os.fspath(path), _read_bytes(path)
    header = ",".join(TIDY_COLUMNS)
    reader = csv.reader(io.StringIO(decode_csv(name, data, header)))
    check_header(name, [c.strip() for c in next(reader)], TIDY_COLUMNS)
    lines: dict[tuple, int] = {}
    values: dict[tuple, float] = {}
    for fields in reader:
        if not any(f.strip() for f in fields):
            continue
        key, value = _parse_row(f"{name}, line {reader.line_num}", fields)
        if key in lines:
            raise DataError(
                f"{name}, lines {lines[key]} and {reader.line_num}: duplicate row for "
                f"{' '.join(filter(None, key[:3]))} {key[3]}; each (month, series, origin, "
                "corridor) may appear only once."
            )
        lines[key], values[key] = reader.line_num, value
    if not values:
        raise DataError(
            f"{name}: the file has a header but no data rows; expected rows of {header}."
        )
    groups: dict[tuple, list[pd.Period]] = {}
    for series, origin, corridor, month in values:
        groups.setdefault((series, origin, corridor), []).append(month)
    for (series, origin, corridor), months in groups.items():
        step = 12 if series in _COURT else 1
        if missing := sorted(
            set(pd.period_range(min(months), max(months), freq="M")[::step]) - set(months)
        ):
            label = (
                f" (origin {origin})" if origin else f" (corridor {corridor})" if corridor else ""
            )
            kind = (
                "annual series (one YYYY-09 row per fiscal year)"
                if step == 12
                else "monthly series"
            )
            raise DataError(
                f"{name}: months {', '.join(map(str, missing))} are missing from series "
                f"{series}{label}; a complete {kind} from first to last month is required."
            )
    return _tidy_dataset(values, path, _sha256([data]))


def _parse_row(where: str, fields: list[str]) -> tuple[tuple, float]:
    if len(fields) != len(TIDY_COLUMNS):
        raise DataError(
            f"{where}: {len(fields)} fields; expected {len(TIDY_COLUMNS)} "
            f"({','.join(TIDY_COLUMNS)})."
        )
    row = dict(zip(TIDY_COLUMNS, (f.strip() for f in fields), strict=True))
    month, series = row["month"], row["series"]
    if not _MONTH.fullmatch(month):
        raise DataError(
            f"{where}: month = {month!r} is not a month; expected YYYY-MM, e.g. 2021-03."
        )
    if series not in TIDY_SERIES:
        raise DataError(
            f"{where}: series = {series!r} is unknown; allowed: {', '.join(TIDY_SERIES)}."
        )
    if series in _COURT and not month.endswith("-09"):
        raise DataError(
            f"{where}: month = {month} for {series} is not a fiscal-year end; court series take "
            "the month YYYY-09 that ends the fiscal year."
        )
    for field, allowed in _ALLOWED.items():
        code, needed = row[field], field == _LABEL_DIM.get(series)
        if needed and code not in allowed:
            state = "unknown" if code else "empty"
            raise DataError(
                f"{where}: {field} = {code!r} for {series} is {state}; "
                f"allowed: {', '.join(allowed)}."
            )
        if code and not needed:
            raise DataError(
                f"{where}: {field} = {code!r} given for {series}, which has no {field}; "
                "leave it empty."
            )
    what = f"for {' '.join(filter(None, [series, row['origin'], row['corridor'], month]))}"
    try:
        value = float(row["value"])
    except ValueError:
        value = np.nan
    if not np.isfinite(value):
        raise DataError(
            f"{where}: value = {row['value']!r} {what} is not a number; expected a count >= 0."
        )
    if value < 0:
        raise DataError(f"{where}: value = {row['value']} {what} is negative; counts must be >= 0.")
    return (series, row["origin"], row["corridor"], pd.Period(month, freq="M")), value


def _tidy_dataset(values: dict[tuple, float], path: Path, checksum: str) -> xr.Dataset:
    monthly = [m for s, _, _, m in values if s not in _COURT]
    annual = [m.year for s, _, _, m in values if s in _COURT]
    coords: dict[str, object] = {}
    if monthly:
        coords["time"] = pd.date_range(
            min(monthly).to_timestamp(), max(monthly).to_timestamp(), freq="MS", name="time"
        )
    if annual:
        coords["fiscal_year"] = np.arange(min(annual), max(annual) + 1)
    data_vars = {}
    present = {s for s, _, _, _ in values}
    for series in (s for s in TIDY_SERIES if s in present):
        period_dim = "fiscal_year" if series in _COURT else "time"
        label_dim = _LABEL_DIM.get(series)
        points = {
            (m.year if series in _COURT else m.to_timestamp(), o or c): v
            for (s, o, c, m), v in values.items()
            if s == series
        }
        labels = list(_ALLOWED[label_dim]) if label_dim else [""]
        table = pd.Series(points).unstack().reindex(index=coords[period_dim], columns=labels)
        data_vars[series] = (
            ((period_dim, label_dim), table) if label_dim else (period_dim, table[""])
        )
        if label_dim:
            coords[label_dim] = labels
    attrs = {
        "title": f"sdmig history from {path.name}",
        "source": os.fspath(path),
        "vintage": f"user file {path.name}",
        "sha256": checksum,
        "missing_values": "NaN where a series has no data for a period",
    }
    return _dataset(
        data_vars, dict.fromkeys(data_vars, f"user file {path.name}"), {}, coords, attrs
    )
