"""The layout of each history CSV shipped in ``sdmig/data``, and the reader that checks it.

Every file :func:`sdmig.data.history.load_history` reads, shipped or supplied in a history
folder, goes through :func:`read_checked`: the header must name exactly the columns of
:data:`SPECS`, every cell must parse (months as ``YYYY-MM``, years as ``YYYY``, values as
numbers >= 0), series must be known, keys must not repeat, and the monthly series of a file
must each have one row for every month from the file's first to its last month. The first
problem found is raised as one :class:`~sdmig.errors.DataError` naming the file, the line,
the field, the value and what is allowed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sdmig.errors import DataError

__all__ = ["SPECS", "FileSpec", "check_header", "decode_csv", "read_checked"]

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class FileSpec:
    """How one history CSV is laid out.

    Parameters
    ----------
    columns : tuple of str
        The header, exactly and in this order.
    series : tuple of str
        Values allowed in the ``series`` column.
    required : tuple of str
        Series that must have at least one row (with ``preferred`` = 1 where the file has
        that column): the ones the loader reads.
    unique : tuple of str
        Columns whose values together may appear only once (among the rows with
        ``preferred`` = 1 where the file has that column).
    complete : str or None
        ``"month"``: every series has one row per month from the file's first to its last
        month. ``"fiscal_year"``: each series' preferred rows cover every fiscal year from
        its first to its last. None: gaps are allowed (scattered annual figures).
    """

    columns: tuple[str, ...]
    series: tuple[str, ...]
    required: tuple[str, ...]
    unique: tuple[str, ...]
    complete: str | None = None


_MONTHLY_COLUMNS = ("month", "fiscal_year", "series", "value", "source_id")
_ANNUAL_COLUMNS = ("year", "year_type", "series", "value", "source_id", "preferred", "note")
#: The nine Southwest Border Patrol sectors, as named in the sector file.
_SECTORS = tuple(
    f"sector_{s}"
    for s in (
        "big_bend_tx",
        "del_rio_tx",
        "el_centro_ca",
        "el_paso_tx",
        "laredo_tx",
        "rio_grande_valley_tx",
        "san_diego_ca",
        "tucson_az",
        "yuma_az",
    )
)

#: Layout of each history CSV, by file name.
SPECS: dict[str, FileSpec] = {
    "cbp_sw_encounters_monthly.csv": FileSpec(
        _MONTHLY_COLUMNS,
        series=(
            "total",
            "usbp_total",
            "ofo_total",
            "title8_total",
            "title42_total",
            "usbp_title8_apprehensions",
            "usbp_title42_expulsions",
            "ofo_title8_inadmissibles",
            "ofo_title42_expulsions",
        ),
        required=("total", "usbp_total", "ofo_total", "title8_total", "title42_total"),
        unique=("month", "series"),
        complete="month",
    ),
    "cbp_sw_encounters_by_citizenship_monthly.csv": FileSpec(
        _MONTHLY_COLUMNS,
        series=tuple(
            f"{component}{group}"
            for group in ("mexico", "guatemala", "honduras", "el_salvador", "other")
            for component in ("", "usbp_", "ofo_")
        )
        + ("gt_hn_sv_combined",),
        required=("mexico", "guatemala", "honduras", "el_salvador"),
        unique=("month", "series"),
        complete="month",
    ),
    "usbp_sw_encounters_by_sector_monthly.csv": FileSpec(
        _MONTHLY_COLUMNS,
        series=_SECTORS,
        required=_SECTORS,  # a missing sector would silently shrink its corridor
        unique=("month", "series"),
        complete="month",
    ),
    "eoir_caseload_fy.csv": FileSpec(
        ("fiscal_year", "period_end", "series", "value", "source_id", "preferred", "note"),
        series=(
            "pending_cases_end_of_period",
            "initial_receipts_in_period",
            "total_completions_in_period",
        ),
        required=(
            "pending_cases_end_of_period",
            "initial_receipts_in_period",
            "total_completions_in_period",
        ),
        unique=("fiscal_year", "series"),
        complete="fiscal_year",
    ),
    "eoir_immigration_judges.csv": FileSpec(
        ("as_of", "fiscal_year", "series", "value", "source_id", "note"),
        series=("ij_on_board", "ij_hired_in_fy"),
        required=("ij_on_board", "ij_hired_in_fy"),
        unique=("as_of", "series"),
    ),
    "mexico_upm_irregular_events_annual.csv": FileSpec(
        _ANNUAL_COLUMNS,
        series=("upm_events_irregular", "upm_events_irregular_jan_nov", "inm_alojados_estaciones"),
        required=("upm_events_irregular",),
        unique=("year", "year_type", "series"),
    ),
    "border_migrant_deaths_annual.csv": FileSpec(
        _ANNUAL_COLUMNS,
        series=("iom_mmp_us_mexico_border_dead_missing", "usbp_swb_deaths"),
        required=("iom_mmp_us_mexico_border_dead_missing", "usbp_swb_deaths"),
        unique=("year", "year_type", "series"),
    ),
}


def _text(value: str) -> str:
    return value


def _pattern(regex: re.Pattern, expected: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if not regex.fullmatch(value):
            raise ValueError(f"is not {expected}")
        return value

    return parse


def _year(value: str) -> int:
    if not _YEAR.fullmatch(value):
        raise ValueError("is not a year; expected YYYY, e.g. 2024")
    return int(value)


def _count(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = np.nan
    if not np.isfinite(number):
        raise ValueError("is not a number; expected a count >= 0")
    if number < 0:
        raise ValueError("is negative; counts must be >= 0")
    return number


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"is not allowed; allowed: {', '.join(allowed)}")
        return value

    return parse


_PARSERS: dict[str, Callable[[str], object]] = {
    "month": _pattern(_MONTH, "a month; expected YYYY-MM, e.g. 2024-03"),
    "period_end": _pattern(_MONTH, "a month; expected YYYY-MM, e.g. 2024-09"),
    "as_of": _pattern(re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?"), "a date; expected YYYY-MM or YYYY"),
    "fiscal_year": _year,
    "year": _year,
    "year_type": _choice("CY", "FY"),
    "value": _count,
    "preferred": lambda v: int(_choice("0", "1")(v)),
    "source_id": _text,
    "note": _text,
}


def decode_csv(name: str, data: bytes, header: str) -> str:
    """`data` as text (UTF-8, an optional BOM dropped); an empty file is an error.

    Parameters
    ----------
    name : str
        How to name the file in messages.
    data : bytes
        The file's content.
    header : str
        The expected header, shown when the file is empty.

    Returns
    -------
    str

    Raises
    ------
    DataError
        If the bytes are not UTF-8 or hold only white space.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError(
            f"{name}: byte {err.start} is not UTF-8; save the file as UTF-8 CSV."
        ) from None
    if not text.strip():
        raise DataError(f"{name}: the file is empty; expected the header {header} and data rows.")
    return text


def check_header(name: str, columns: list[str], expected: tuple[str, ...]) -> None:
    """Raise a :class:`DataError` unless `columns` are exactly `expected`, in order.

    Parameters
    ----------
    name : str
        How to name the file in messages.
    columns : list of str
        The file's header.
    expected : tuple of str
        The header the file must have.
    """
    if tuple(columns) == expected:
        return
    missing = [c for c in expected if c not in columns]
    extra = [c for c in columns if c not in expected]
    why = [f"missing {', '.join(missing)}"] * bool(missing) + [
        f"unexpected {', '.join(extra)}"
    ] * bool(extra)
    raise DataError(
        f"{name}, line 1: columns are {','.join(columns)} ({'; '.join(why) or 'wrong order'}); "
        f"expected exactly {','.join(expected)}."
    )


def read_checked(name: str, data: bytes, spec: FileSpec) -> pd.DataFrame:
    """Parse and check one history CSV against its layout.

    Parameters
    ----------
    name : str
        How to name the file in messages (its path).
    data : bytes
        The file's content.
    spec : FileSpec
        Its layout (an entry of :data:`SPECS`).

    Returns
    -------
    pandas.DataFrame
        The rows, columns as in the file (years and ``preferred`` as int, ``value`` as
        float, the rest as str), plus ``line``, the row's line number in the file.

    Raises
    ------
    DataError
        On the first problem: not UTF-8, empty, wrong header, a row with the wrong number
        of fields, a cell that does not parse, an unknown series, a fiscal year that does
        not match its month, a repeated key, a required series without rows, or a monthly
        series with a month missing.
    """
    header = ",".join(spec.columns)
    reader = csv.reader(io.StringIO(decode_csv(name, data, header)))
    check_header(name, [c.strip() for c in next(reader)], spec.columns)
    rows = []
    for fields in reader:
        if not any(f.strip() for f in fields):
            continue
        rows.append(_parse_row(f"{name}, line {reader.line_num}", fields, spec, reader.line_num))
    if not rows:
        raise DataError(
            f"{name}: the file has a header but no data rows; expected rows of {header}."
        )
    table = pd.DataFrame(rows, columns=[*spec.columns, "line"])
    chosen = table[table["preferred"] == 1] if "preferred" in table else table
    _check_unique(name, chosen, spec)
    for series in spec.required:
        if not (chosen["series"] == series).any():
            which = " with preferred=1" if "preferred" in table else ""
            raise DataError(
                f"{name}: no row{which} for series {series}; the file needs rows for "
                f"{', '.join(spec.required)}."
            )
    if spec.complete == "month":
        _check_months(name, table)
    elif spec.complete == "fiscal_year":
        _check_fiscal_years(name, chosen)
    return table


def _parse_row(where: str, fields: list[str], spec: FileSpec, line: int) -> list:
    if len(fields) != len(spec.columns):
        raise DataError(
            f"{where}: {len(fields)} fields; expected {len(spec.columns)} ({','.join(spec.columns)})."
        )
    row = dict(zip(spec.columns, (f.strip() for f in fields), strict=True))
    parsed = []
    for column, raw in row.items():
        if column == "series":
            if raw not in spec.series:
                raise DataError(
                    f"{where}: series = {raw!r} is unknown; allowed: {', '.join(spec.series)}."
                )
            parsed.append(raw)
            continue
        try:
            parsed.append(_PARSERS[column](raw))
        except ValueError as err:
            label = f" for {row['series']}" if column == "value" else ""
            raise DataError(f"{where}: {column} = {raw!r}{label} {err}.") from None
    if "month" in row and "fiscal_year" in row:
        fiscal_year = int(row["month"][:4]) + (int(row["month"][5:]) >= 10)
        if int(row["fiscal_year"]) != fiscal_year:
            raise DataError(
                f"{where}: fiscal_year = {row['fiscal_year']} does not match month "
                f"{row['month']}; expected {fiscal_year} (a fiscal year runs October to "
                "September and is named by the year it ends in)."
            )
    return [*parsed, line]


def _check_unique(name: str, table: pd.DataFrame, spec: FileSpec) -> None:
    repeated = table[table.duplicated(list(spec.unique), keep=False)]
    if repeated.empty:
        return
    first = repeated.iloc[0]
    same = repeated[(repeated[list(spec.unique)] == first[list(spec.unique)]).all(axis=1)]
    a, b = same["line"].iloc[:2].tolist()
    key = ", ".join(f"{c} {first[c]}" for c in spec.unique)
    rule = f"each ({', '.join(spec.unique)}) may appear only once"
    if "preferred" in table:
        rule += " among the rows with preferred=1; mark the others preferred=0"
    raise DataError(f"{name}, lines {a} and {b}: two rows for {key}; {rule}.")


def _check_months(name: str, table: pd.DataFrame) -> None:
    def index(month: str) -> int:
        return int(month[:4]) * 12 + int(month[5:]) - 1

    def label(i: int) -> str:
        return f"{i // 12:04d}-{i % 12 + 1:02d}"

    rows: dict[str, list[tuple[int, int]]] = {}
    for series, month, line in zip(table["series"], table["month"], table["line"], strict=True):
        rows.setdefault(series, []).append((index(month), int(line)))
    lo = min(i for pairs in rows.values() for i, _ in pairs)
    hi = max(i for pairs in rows.values() for i, _ in pairs)
    for series, pairs in rows.items():
        pairs.sort()
        months = [i for i, _ in pairs]
        if months == list(range(lo, hi + 1)):
            continue
        k = next((j for j in range(1, len(months)) if months[j] > months[j - 1] + 1), None)
        if months[0] > lo:
            gap, line = (lo, months[0] - 1), pairs[0][1]
            what = f"starts at {label(months[0])}, after the file's first month {label(lo)}"
        elif k is not None:
            gap, line = (months[k - 1] + 1, months[k] - 1), pairs[k][1]
            what = f"jumps from {label(months[k - 1])} to {label(months[k])}"
        else:
            gap, line = (months[-1] + 1, hi), pairs[-1][1]
            what = f"ends at {label(months[-1])}, before the file's last month {label(hi)}"
        span = label(gap[0]) if gap[0] == gap[1] else f"{label(gap[0])}..{label(gap[1])}"
        raise DataError(
            f"{name}, line {line}: series {series} {what}; {span} missing. Every series "
            f"needs one row per month from {label(lo)} to {label(hi)}."
        )


def _check_fiscal_years(name: str, table: pd.DataFrame) -> None:
    for series, rows in table.groupby("series", sort=False):
        rows = rows.sort_values("fiscal_year")
        years = rows["fiscal_year"].to_numpy()
        steps = np.flatnonzero(np.diff(years) > 1)
        if steps.size:
            i = int(steps[0])
            missing = list(range(years[i] + 1, years[i + 1]))
            span = f"FY{missing[0]}" if len(missing) == 1 else f"FY{missing[0]}..FY{missing[-1]}"
            raise DataError(
                f"{name}, line {rows['line'].iloc[i + 1]}: series {series} (preferred=1) jumps "
                f"from FY{years[i]} to FY{years[i + 1]}; {span} missing. Each series needs "
                "one preferred row per fiscal year from its first to its last."
            )
