"""Tests of sdmig.data.history: the shipped historical data, its identities, and tidy history files."""

import csv
import hashlib
import re
import shutil
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from sdmig.data.history import (
    CORRIDORS,
    COURT_VINTAGE,
    HISTORY_FILES,
    ORIGINS,
    SECTOR_CORRIDOR,
    TIDY_COLUMNS,
    TIDY_SERIES,
    history_checksum,
    load_history,
    write_history_csv,
)
from sdmig.data.schema import SPECS, read_checked
from sdmig.errors import DataError

DATA = Path(str(files("sdmig.data")))
MONTHLY = [
    "encounters_total",
    "encounters_title8",
    "encounters_title42",
    "encounters_usbp",
    "encounters_ofo",
    "encounters_by_origin",
    "usbp_by_corridor",
]
# OHSS rounds every sector-month to the nearest 10, so each of the 9 sectors is off by at most
# 5 and their sum by at most 9 * 5 = 45 from the exact CBP USBP total.
SECTOR_ROUNDING_TOLERANCE = 9 * 5


@pytest.fixture(scope="module")
def ds() -> xr.Dataset:
    return load_history()


def raw_rows(name: str) -> list[dict[str, str]]:
    """The rows of a shipped CSV, read with the csv module (independent of sdmig.data.history)."""
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def raw_value(name: str, month: str, series: str) -> int:
    (row,) = [r for r in raw_rows(name) if r["month"] == month and r["series"] == series]
    return int(row["value"])


# --- the shipped data set -------------------------------------------------------------------


def test_shipped_coords(ds):
    expected = pd.date_range("2018-10-01", "2024-12-01", freq="MS")
    assert ds.indexes["time"].equals(expected)
    assert pd.DatetimeIndex(ds.indexes["time"], freq="infer").freqstr == "MS"
    assert ds.origin.values.tolist() == list(ORIGINS) == ["MEX", "NTCA", "OTHER"]
    assert ds.corridor.values.tolist() == list(CORRIDORS)
    assert ds.fiscal_year.values.tolist() == list(range(2015, 2025))
    assert ds.year.values.tolist() == list(range(2018, 2025))
    assert ds.judges_as_of.values.tolist() == ["2017-01", "2019-09", "2020", "2023-03", "2023-09"]


@pytest.mark.parametrize(
    ("name", "dims", "units"),
    [
        ("encounters_total", ("time",), "encounters/month"),
        ("encounters_title8", ("time",), "encounters/month"),
        ("encounters_title42", ("time",), "encounters/month"),
        ("encounters_usbp", ("time",), "encounters/month"),
        ("encounters_ofo", ("time",), "encounters/month"),
        ("encounters_by_origin", ("time", "origin"), "encounters/month"),
        ("usbp_by_corridor", ("time", "corridor"), "encounters/month"),
        ("court_pending", ("fiscal_year",), "cases"),
        ("court_receipts", ("fiscal_year",), "cases/year"),
        ("court_completions", ("fiscal_year",), "cases/year"),
        ("immigration_judges", ("judges_as_of",), "judges"),
        ("immigration_judges_hired", ("fiscal_year",), "judges/year"),
        ("mexico_apprehension_events", ("year",), "events/year"),
        ("border_deaths", ("year",), "deaths/year"),
        ("usbp_border_deaths", ("fiscal_year",), "deaths/year"),
    ],
)
def test_variables_have_dims_units_and_provenance(ds, name, dims, units):
    da = ds[name]
    assert da.dims == dims
    assert da.attrs["units"] == units
    assert da.attrs["long_name"]
    assert da.attrs["source"]
    assert da.dtype == np.float64


def test_every_variable_is_listed(ds):
    assert len(ds.data_vars) == 15


def test_dataset_attrs(ds):
    assert ds.attrs["title"]
    assert "SOURCES.md" in ds.attrs["source"]
    assert COURT_VINTAGE in ds.attrs["vintage"]
    assert re.fullmatch(r"[0-9a-f]{64}", ds.attrs["sha256"])
    assert ds.attrs["sha256"] == history_checksum()
    assert all(isinstance(v, str | int | float) for v in ds.attrs.values())


def test_sources_md_names_every_source_id(ds):
    text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    ids = {row["source_id"] for name in HISTORY_FILES for row in raw_rows(name)}
    assert sorted(i for i in ids if f"### {i}" not in text and f"/ {i}" not in text) == []
    for name in HISTORY_FILES:
        assert name in text


def test_monthly_series_have_no_gaps(ds):
    for name in MONTHLY:
        through = "2024-11" if name == "usbp_by_corridor" else "2024-12"
        assert not ds[name].sel(time=slice(None, through)).isnull().any(), name
    # the OHSS sector file ends a month before the CBP files
    assert ds.usbp_by_corridor.sel(time="2024-12-01").isnull().all()
    window = ds.encounters_by_origin.sel(time=slice("2019-10", "2023-09"))
    assert window.sizes["time"] == 48
    assert not window.isnull().any()


# --- identities on the shipped data ---------------------------------------------------------


def test_title8_plus_title42_is_total(ds):
    xr.testing.assert_equal(ds.encounters_title8 + ds.encounters_title42, ds.encounters_total)


def test_usbp_plus_ofo_is_total(ds):
    xr.testing.assert_equal(ds.encounters_usbp + ds.encounters_ofo, ds.encounters_total)


def test_origins_sum_to_total(ds):
    xr.testing.assert_equal(ds.encounters_by_origin.sum("origin"), ds.encounters_total)


def test_other_equals_cbp_other_group(ds):
    """OTHER is derived as total - MEX - NTCA; it matches CBP's own 'other' group exactly."""
    rows = raw_rows("cbp_sw_encounters_by_citizenship_monthly.csv")
    cbp_other = {r["month"]: int(r["value"]) for r in rows if r["series"] == "other"}
    other = ds.encounters_by_origin.sel(origin="OTHER")
    assert dict(zip(ds.indexes["time"].strftime("%Y-%m"), other.values, strict=True)) == cbp_other


def test_ntca_equals_cbp_combined_group(ds):
    rows = raw_rows("cbp_sw_encounters_by_citizenship_monthly.csv")
    combined = {r["month"]: int(r["value"]) for r in rows if r["series"] == "gt_hn_sv_combined"}
    ntca = ds.encounters_by_origin.sel(origin="NTCA")
    assert dict(zip(ds.indexes["time"].strftime("%Y-%m"), ntca.values, strict=True)) == combined


def test_corridors_sum_to_usbp_within_rounding(ds):
    diff = ds.usbp_by_corridor.sum("corridor", skipna=False) - ds.encounters_usbp
    assert float(abs(diff).max()) <= SECTOR_ROUNDING_TOLERANCE
    assert float(abs(diff).max()) == 34  # the largest difference in the shipped data (2020-07)
    assert (ds.usbp_by_corridor.dropna("time") % 10 == 0).all()


def test_fiscal_year_totals_match_published_totals(ds):
    """FY sums of the monthly totals equal CBP's published FY totals (SOURCES.md); FY2024
    equals the sum checked against the source file (2,135,005)."""
    published = {2019: 977_509, 2020: 458_088, 2021: 1_734_686, 2022: 2_378_944, 2023: 2_475_669}
    published[2024] = 2_135_005
    time = ds.indexes["time"]
    total = ds.encounters_total.assign_coords(fy=("time", time.year + (time.month >= 10)))
    sums = total.groupby("fy").sum().to_series().astype(int).to_dict()
    assert sums.pop(2025) == sum(
        raw_value("cbp_sw_encounters_monthly.csv", m, "total")
        for m in ("2024-10", "2024-11", "2024-12")
    )
    assert sums == published


# --- spot values straight from the CSVs -----------------------------------------------------


def test_spot_total_2022_12(ds):
    expected = raw_value("cbp_sw_encounters_monthly.csv", "2022-12", "total")
    assert expected == 252_315
    assert ds.encounters_total.sel(time="2022-12-01").item() == expected


def test_spot_september_2023_matches_cbp_release(ds):
    """CBP's Sept-2023 release (SOURCES.md, cbp_sbo_fy22_fy25_aug): 269,735 total, 218,763 USBP."""
    name = "cbp_sw_encounters_monthly.csv"
    assert ds.encounters_total.sel(time="2023-09-01").item() == raw_value(name, "2023-09", "total")
    assert ds.encounters_total.sel(time="2023-09-01").item() == 269_735
    assert ds.encounters_usbp.sel(time="2023-09-01").item() == 218_763


def test_spot_december_2024(ds):
    name = "cbp_sw_encounters_monthly.csv"
    assert ds.encounters_total.sel(time="2024-12-01").item() == raw_value(name, "2024-12", "total")
    origin = ds.encounters_by_origin.sel(time="2024-12-01")
    cit = "cbp_sw_encounters_by_citizenship_monthly.csv"
    assert origin.sel(origin="MEX").item() == raw_value(cit, "2024-12", "mexico")
    assert origin.sel(origin="OTHER").item() == raw_value(cit, "2024-12", "other")


def test_spot_origins(ds):
    name = "cbp_sw_encounters_by_citizenship_monthly.csv"
    month = "2019-05"
    ntca = sum(raw_value(name, month, s) for s in ("guatemala", "honduras", "el_salvador"))
    origin = ds.encounters_by_origin.sel(time=f"{month}-01")
    assert origin.sel(origin="MEX").item() == raw_value(name, month, "mexico")
    assert origin.sel(origin="NTCA").item() == ntca == raw_value(name, month, "gt_hn_sv_combined")


def test_spot_corridors(ds):
    name, month = "usbp_sw_encounters_by_sector_monthly.csv", "2023-05"
    rows = [r for r in raw_rows(name) if r["month"] == month]
    corridor = ds.usbp_by_corridor.sel(time=f"{month}-01")
    for sector, code in SECTOR_CORRIDOR.items():
        assert corridor.sel(corridor=code).item() == raw_value(name, month, sector)
    rest = sum(int(r["value"]) for r in rows if r["series"] not in SECTOR_CORRIDOR)
    assert len(rows) == 9
    assert corridor.sel(corridor="rest_of_border").item() == rest


def test_court_uses_one_vintage(ds):
    rows = [r for r in raw_rows("eoir_caseload_fy.csv") if r["source_id"] == COURT_VINTAGE]
    assert {r["preferred"] for r in rows} == {"1"}
    pending = {
        int(r["fiscal_year"]): int(r["value"]) for r in rows if r["series"].startswith("pend")
    }
    assert ds.court_pending.to_series().astype(int).to_dict() == pending
    assert ds.court_pending.sel(fiscal_year=2020).item() == 1_504_246  # not the 2021 vintage
    assert ds.court_receipts.sel(fiscal_year=2023).item() == 1_206_107
    assert ds.court_completions.sel(fiscal_year=2023).item() == 526_648
    # FY2024 from EOIR, not CRS's "3.6 million" or TRAC's counts (preferred=0)
    assert ds.court_pending.sel(fiscal_year=2024).item() == 3_884_956
    assert ds.court_receipts.sel(fiscal_year=2024).item() == 1_783_915
    assert ds.court_completions.sel(fiscal_year=2024).item() == 704_514


def test_annual_series_choose_the_documented_rows(ds):
    events = ds.mexico_apprehension_events
    assert events.sel(year=2019).item() == 182_940  # UPM events, not INM's 179,971 people
    assert events.sel(year=2022).item() == 441_409  # full year, not the Jan-Nov 388,611
    assert events.sel(year=2023).item() == 782_176  # EFE, not the compilation's 778,907
    assert events.sel(year=2024).item() == 1_234_698
    assert ds.border_deaths.sel(year=2022).item() == 686
    assert np.isnan(ds.border_deaths.sel(year=2020).item())
    assert ds.usbp_border_deaths.sel(fiscal_year=2021).item() == 568  # not the preliminary 557
    assert ds.immigration_judges.sel(judges_as_of="2023-09").item() == 734
    assert ds.immigration_judges_hired.sel(fiscal_year=2022).item() == 104


# --- checksum -------------------------------------------------------------------------------


def test_checksum_is_sha256_of_sorted_files():
    digest = hashlib.sha256(b"".join((DATA / n).read_bytes() for n in sorted(HISTORY_FILES)))
    assert history_checksum() == history_checksum() == digest.hexdigest()


def test_checksum_changes_when_a_file_changes(tmp_path):
    for name in HISTORY_FILES:
        shutil.copy(DATA / name, tmp_path / name)
    assert history_checksum(tmp_path) == history_checksum()
    target = tmp_path / "cbp_sw_encounters_monthly.csv"
    target.write_bytes(target.read_bytes().replace(b",60781,", b",60782,", 1))
    assert history_checksum(tmp_path) != history_checksum()


def test_checksum_of_tidy_file(tmp_path, ds):
    path = tmp_path / "hist.csv"
    write_history_csv(ds, path)
    before = history_checksum(path)
    assert before == load_history(path).attrs["sha256"]
    assert before == hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_text(path.read_text().replace(",60781\n", ",60780\n", 1))
    assert history_checksum(path) != before
    assert history_checksum(path) == load_history(path).attrs["sha256"]


# --- tidy files: round trip -----------------------------------------------------------------


def test_round_trip(tmp_path, ds):
    path = tmp_path / "hist.csv"
    write_history_csv(ds, path)
    assert [p.name for p in tmp_path.iterdir()] == ["hist.csv"]  # no temporary file left
    with open(path, newline="") as fh:
        assert tuple(next(csv.reader(fh))) == TIDY_COLUMNS
    back = load_history(path)
    assert list(back.data_vars) == list(TIDY_SERIES)
    xr.testing.assert_allclose(back[MONTHLY], ds[MONTHLY])
    xr.testing.assert_allclose(back[list(TIDY_SERIES)], ds[list(TIDY_SERIES)])
    assert pd.DatetimeIndex(back.indexes["time"], freq="infer").freqstr == "MS"
    for name in TIDY_SERIES:
        assert back[name].attrs["units"] == ds[name].attrs["units"]
    again = tmp_path / "again.csv"
    write_history_csv(back, again)
    assert again.read_bytes() == path.read_bytes()


def test_partial_tidy_file(tmp_path):
    path = tmp_path / "hist.csv"
    path.write_text(
        "month,series,origin,corridor,value\n"
        "2021-01,encounters_by_origin,MEX,,10\n"
        "2021-02,encounters_by_origin,MEX,,12.5\n"
        "\n"
        "2021-02,encounters_by_origin,NTCA,,7\n"
        "2020-09,court_pending,,,1500000\n"
    )
    ds = load_history(path)
    assert list(ds.data_vars) == ["encounters_by_origin", "court_pending"]
    assert ds.encounters_by_origin.sel(origin="MEX").values.tolist() == [10.0, 12.5]
    assert np.isnan(ds.encounters_by_origin.sel(origin="NTCA", time="2021-01-01").item())
    assert np.isnan(ds.encounters_by_origin.sel(origin="OTHER")).all()
    assert ds.court_pending.sel(fiscal_year=2020).item() == 1_500_000
    assert ds.encounters_by_origin.attrs["units"] == "encounters/month"


def test_write_without_tidy_series_leaves_no_file(tmp_path):
    with pytest.raises(DataError, match="none of the tidy series"):
        write_history_csv(xr.Dataset({"x": ("time", [1.0])}), tmp_path / "hist.csv")
    assert list(tmp_path.iterdir()) == []


# --- tidy files: validation -----------------------------------------------------------------

HEADER = "month,series,origin,corridor,value\n"
TWO = "2021-01,encounters_total,,,100\n2021-02,encounters_total,,,110\n"
ALLOWED_SERIES = ", ".join(TIDY_SERIES)

BAD_FILES = [
    (
        "missing-columns",
        "month,series,value\n2021-01,encounters_total,5\n",
        "hist.csv, line 1: columns are month,series,value (missing origin, corridor); "
        "expected exactly month,series,origin,corridor,value.",
    ),
    (
        "extra-column",
        "month,series,origin,corridor,value,note\n",
        "line 1: columns are month,series,origin,corridor,value,note (unexpected note); "
        "expected exactly month,series,origin,corridor,value.",
    ),
    (
        "wrong-columns",
        "date,series,origin,corridor,count\n",
        "(missing month, value; unexpected date, count)",
    ),
    ("column-order", "series,month,origin,corridor,value\n", "(wrong order)"),
    (
        "bad-month",
        HEADER + TWO + "2021-13,encounters_total,,,120\n",
        "hist.csv, line 4: month = '2021-13' is not a month; expected YYYY-MM, e.g. 2021-03.",
    ),
    ("month-words", HEADER + "March 2021,encounters_total,,,1\n", "line 2: month = 'March 2021'"),
    (
        "unknown-series",
        HEADER + "2021-01,encounter_total,,,1\n",
        f"line 2: series = 'encounter_total' is unknown; allowed: {ALLOWED_SERIES}.",
    ),
    (
        "unknown-origin",
        HEADER + "2021-01,encounters_by_origin,GUA,,1\n",
        "line 2: origin = 'GUA' for encounters_by_origin is unknown; allowed: MEX, NTCA, OTHER.",
    ),
    (
        "missing-origin",
        HEADER + "2021-01,encounters_by_origin,,,1\n",
        "line 2: origin = '' for encounters_by_origin is empty; allowed: MEX, NTCA, OTHER.",
    ),
    (
        "unknown-corridor",
        HEADER + "2021-01,usbp_by_corridor,,nogales,1\n",
        "line 2: corridor = 'nogales' for usbp_by_corridor is unknown; allowed: "
        "tijuana_san_diego, juarez_el_paso, reynosa_mcallen, rest_of_border.",
    ),
    (
        "origin-not-applicable",
        HEADER + "2021-01,encounters_total,MEX,,1\n",
        "line 2: origin = 'MEX' given for encounters_total, which has no origin; leave it empty.",
    ),
    (
        "negative",
        HEADER + TWO + "2021-03,encounters_total,,,-5\n",
        "hist.csv, line 4: value = -5 for encounters_total 2021-03 is negative; "
        "counts must be >= 0.",
    ),
    (
        "non-numeric",
        HEADER + "2021-01,encounters_by_origin,NTCA,,lots\n",
        "line 2: value = 'lots' for encounters_by_origin NTCA 2021-01 is not a number; "
        "expected a count >= 0.",
    ),
    ("empty-value", HEADER + "2021-01,encounters_total,,,\n", "line 2: value = '' for"),
    ("nan-value", HEADER + "2021-01,encounters_total,,,nan\n", "value = 'nan' for"),
    (
        "field-count",
        HEADER + "2021-01,encounters_total,,100\n",
        "line 2: 4 fields; expected 5 (month,series,origin,corridor,value).",
    ),
    (
        "duplicate",
        HEADER + TWO + "2021-01,encounters_total,,,101\n",
        "hist.csv, lines 2 and 4: duplicate row for encounters_total 2021-01; each "
        "(month, series, origin, corridor) may appear only once.",
    ),
    (
        "line-after-blank",
        HEADER + "2021-01,encounters_total,,,1\n\n2021-02,encounters_total,,,x\n",
        "line 4: value = 'x'",
    ),
    (
        "gap",
        HEADER
        + "2021-03,encounters_by_origin,MEX,,1\n2021-06,encounters_by_origin,MEX,,1\n"
        + "2021-03,encounters_by_origin,NTCA,,1\n2021-04,encounters_by_origin,NTCA,,1\n",
        "hist.csv: months 2021-04, 2021-05 are missing from series encounters_by_origin "
        "(origin MEX); a complete monthly series from first to last month is required.",
    ),
    (
        "gap-total",
        HEADER + "2021-01,encounters_total,,,1\n2021-03,encounters_total,,,1\n",
        "months 2021-02 are missing from series encounters_total; a complete monthly series",
    ),
    (
        "court-month",
        HEADER + "2021-06,court_pending,,,5\n",
        "line 2: month = 2021-06 for court_pending is not a fiscal-year end; court series "
        "take the month YYYY-09 that ends the fiscal year.",
    ),
    (
        "court-gap",
        HEADER + "2019-09,court_pending,,,5\n2021-09,court_pending,,,7\n",
        "months 2020-09 are missing from series court_pending; a complete annual series",
    ),
    (
        "empty-file",
        "",
        "hist.csv: the file is empty; expected the header month,series,origin,corridor,value",
    ),
    ("blank-file", "\n  \n", "the file is empty"),
    ("header-only", HEADER, "hist.csv: the file has a header but no data rows"),
    ("not-utf8", b"month,series,origin,corridor,value\n2021-01,\xff,,,1\n", "is not UTF-8"),
]


@pytest.mark.parametrize(
    ("content", "message"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_bad_file(tmp_path, content, message):
    path = tmp_path / "hist.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        load_history(path)


def test_file_not_found(tmp_path):
    path = tmp_path / "nowhere.csv"
    with pytest.raises(DataError, match=re.escape(f"{path}: file not found")):
        load_history(path)
    with pytest.raises(DataError, match="nowhere.csv: file not found"):
        history_checksum(path)


def test_data_error_is_value_error(tmp_path):
    path = tmp_path / "hist.csv"
    path.write_text(HEADER)
    with pytest.raises(ValueError):
        load_history(path)


# --- history folders ------------------------------------------------------------------------

MONTHLY_FILE = "cbp_sw_encounters_monthly.csv"
MONTHLY_SERIES = [
    "total",
    "usbp_total",
    "ofo_total",
    "title8_total",
    "title42_total",
    "usbp_title8_apprehensions",
    "usbp_title42_expulsions",
    "ofo_title8_inadmissibles",
    "ofo_title42_expulsions",
]


def copy_history(folder: Path, names=HISTORY_FILES) -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(DATA / name, folder / name)
    return folder


def line_of(path: Path, start: str) -> int:
    """1-based line number of the first line of `path` that starts with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(start))


def append_month(path: Path, month: str, fiscal_year: int, values: dict[str, int]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as fh:
        for series, value in values.items():
            fh.write(f"{month},{fiscal_year},{series},{value},user_update\n")


def test_folder_of_copies_equals_the_shipped_history(tmp_path, ds):
    folder = copy_history(tmp_path / "hist")
    back = load_history(folder)
    xr.testing.assert_identical(back.drop_attrs(), ds.drop_attrs())
    assert back.attrs["sha256"] == ds.attrs["sha256"] == history_checksum(folder)
    assert str(folder) in back.attrs["source"] and str(folder) in back.attrs["vintage"]


def test_folder_with_months_past_the_shipped_end_is_used(tmp_path, ds):
    folder = tmp_path / "hist"
    folder.mkdir()
    shutil.copy(DATA / MONTHLY_FILE, folder / MONTHLY_FILE)  # only this file is replaced
    new = dict.fromkeys(MONTHLY_SERIES, 0) | {"total": 61_000, "usbp_total": 29_000}
    new |= {"ofo_total": 32_000, "title8_total": 61_000}
    append_month(folder / MONTHLY_FILE, "2025-01", 2025, new)
    back = load_history(folder)
    assert str(back.time.values[-1])[:7] == "2025-01"
    assert back.sizes["time"] == ds.sizes["time"] + 1
    assert back.encounters_total.sel(time="2025-01-01").item() == 61_000
    assert back.encounters_usbp.sel(time="2025-01-01").item() == 29_000
    # the citizenship and sector files come from sdmig/data and end where they end
    assert back.encounters_by_origin.sel(time="2025-01-01").isnull().all()
    xr.testing.assert_equal(back.encounters_by_origin.sel(time=ds.time), ds.encounters_by_origin)
    assert back.attrs["sha256"] != ds.attrs["sha256"]
    assert back.attrs["sha256"] == history_checksum(folder)
    assert "user_update (2025-01..2025-01)" in back.encounters_total.attrs["source"]
    assert f"{folder}: {MONTHLY_FILE}" in back.attrs["vintage"]
    assert "2018-10..2025-01" in back.attrs["vintage"]


def test_folder_with_a_new_fiscal_year_of_court_data(tmp_path):
    folder = copy_history(tmp_path / "hist", ["eoir_caseload_fy.csv"])
    with open(folder / "eoir_caseload_fy.csv", "a", encoding="utf-8") as fh:
        for series, value in (
            ("pending_cases_end_of_period", 4_000_000),
            ("initial_receipts_in_period", 1_500_000),
            ("total_completions_in_period", 800_000),
        ):
            fh.write(f"2025,2025-09,{series},{value},my_vintage,1,\n")
    back = load_history(folder)
    assert back.fiscal_year.values[-1] == 2025
    assert back.court_pending.sel(fiscal_year=2025).item() == 4_000_000


def test_folder_with_other_reference_files_is_quiet_and_unknown_csvs_warn(tmp_path):
    folder = copy_history(tmp_path / "hist", [MONTHLY_FILE])
    shutil.copy(DATA / "policy_events.csv", folder / "policy_events.csv")
    load_history(folder)  # policy_events.csv is a known file that is not read
    (folder / "cbp_sw_encounters_montly.csv").write_text("month\n")
    with pytest.warns(UserWarning, match=r"cbp_sw_encounters_montly\.csv not read"):
        load_history(folder)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _drop_line(path: Path, start: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def _bad_folder(folder: Path, case: str) -> str:
    """Break one file of `folder` (a copy of sdmig/data) as `case` says; the expected message."""
    monthly = folder / MONTHLY_FILE
    name = str(monthly)
    if case == "no-history-files":
        for p in folder.iterdir():
            p.unlink()
        (folder / "notes.txt").write_text("nothing here")
        return (
            f"{folder}: the folder holds none of the history files; expected one or more of "
            f"{', '.join(HISTORY_FILES)} (same names and columns as in sdmig/data), or give a "
            "tidy history CSV instead."
        )
    if case == "wrong-columns":
        _edit(
            monthly, "month,fiscal_year,series,value,source_id", "month,fy,series,count,source_id"
        )
        return (
            f"{name}, line 1: columns are month,fy,series,count,source_id (missing fiscal_year, "
            "value; unexpected fy, count); expected exactly "
            "month,fiscal_year,series,value,source_id."
        )
    if case == "gap":
        row = f"2021-05,2021,total,{raw_value(MONTHLY_FILE, '2021-05', 'total')},"
        line = line_of(monthly, row)  # after the row is dropped, 2021-06 is on this line
        _drop_line(monthly, row)
        return (
            f"{name}, line {line}: series total jumps from 2021-04 to 2021-06; 2021-05 "
            "missing. Every series needs one row per month from 2018-10 to 2024-12."
        )
    if case == "missing-last-month":
        row = f"2024-12,2025,ofo_total,{raw_value(MONTHLY_FILE, '2024-12', 'ofo_total')},"
        line = line_of(monthly, row) - 1  # the series' row for 2024-11
        _drop_line(monthly, row)
        return (
            f"{name}, line {line}: series ofo_total ends at 2024-11, before the file's last "
            "month 2024-12; 2024-12 missing. Every series needs one row per month from "
            "2018-10 to 2024-12."
        )
    if case == "duplicate-month":
        row = f"2021-05,2021,total,{raw_value(MONTHLY_FILE, '2021-05', 'total')},"
        first = line_of(monthly, row)
        n = len(monthly.read_text(encoding="utf-8").splitlines())
        append_month(monthly, "2021-05", 2021, {"total": 1})
        return (
            f"{name}, lines {first} and {n + 1}: two rows for month 2021-05, series total; "
            "each (month, series) may appear only once."
        )
    if case in ("negative", "text-in-number"):
        value = raw_value(MONTHLY_FILE, "2022-12", "total")
        line = line_of(monthly, f"2022-12,2023,total,{value},")
        bad = "-5" if case == "negative" else "about 250k"
        _edit(monthly, f"2022-12,2023,total,{value},", f"2022-12,2023,total,{bad},")
        why = (
            "is negative; counts must be >= 0"
            if case == "negative"
            else ("is not a number; expected a count >= 0")
        )
        return f"{name}, line {line}: value = '{bad}' for total {why}."
    if case == "text-in-year":
        court = folder / "eoir_caseload_fy.csv"
        _edit(court, "2024,2024-09,pending", "FY2024,2024-09,pending")
        line = line_of(court, "FY2024,")
        return (
            f"{court}, line {line}: fiscal_year = 'FY2024' is not a year; expected YYYY, e.g. 2024."
        )
    if case == "bad-month":
        n = len(monthly.read_text(encoding="utf-8").splitlines())
        append_month(monthly, "2025-13", 2025, {"total": 1})
        return (
            f"{name}, line {n + 1}: month = '2025-13' is not a month; expected YYYY-MM, "
            "e.g. 2024-03."
        )
    if case == "fiscal-year-mismatch":
        n = len(monthly.read_text(encoding="utf-8").splitlines())
        append_month(monthly, "2025-01", 2024, {"total": 1})
        return (
            f"{name}, line {n + 1}: fiscal_year = 2024 does not match month 2025-01; expected "
            "2025 (a fiscal year runs October to September and is named by the year it ends "
            "in)."
        )
    if case == "unknown-series":
        n = len(monthly.read_text(encoding="utf-8").splitlines())
        append_month(monthly, "2025-01", 2025, {"totals": 1})
        return (
            f"{name}, line {n + 1}: series = 'totals' is unknown; allowed: "
            f"{', '.join(MONTHLY_SERIES)}."
        )
    if case == "two-preferred-rows":
        court = folder / "eoir_caseload_fy.csv"
        _edit(court, "3600000,crs_in12492,0", "3600000,crs_in12492,1")
        first = line_of(court, "2024,2024-09,pending_cases_end_of_period,3884956")
        second = line_of(court, "2024,2024-09,pending_cases_end_of_period,3600000")
        lo, hi = sorted((first, second))
        return (
            f"{court}, lines {lo} and {hi}: two rows for fiscal_year 2024, series "
            "pending_cases_end_of_period; each (fiscal_year, series) may appear only once "
            "among the rows with preferred=1; mark the others preferred=0."
        )
    if case == "court-gap":
        court = folder / "eoir_caseload_fy.csv"
        _drop_line(court, "2021,2021-09,pending_cases_end_of_period,1655551")
        line = line_of(court, "2022,2022-09,pending_cases_end_of_period,2063123")
        return (
            f"{court}, line {line}: series pending_cases_end_of_period (preferred=1) jumps "
            "from FY2020 to FY2022; FY2021 missing. Each series needs one preferred row per "
            "fiscal year from its first to its last."
        )
    if case == "missing-series":
        sectors = folder / "usbp_sw_encounters_by_sector_monthly.csv"
        lines = sectors.read_text(encoding="utf-8").splitlines()
        sectors.write_text(
            "\n".join(t for t in lines if ",sector_yuma_az," not in t) + "\n", encoding="utf-8"
        )
        allowed = ", ".join(SPECS[sectors.name].required)
        return f"{sectors}: no row for series sector_yuma_az; the file needs rows for {allowed}."
    if case == "field-count":
        n = len(monthly.read_text(encoding="utf-8").splitlines())
        with open(monthly, "a", encoding="utf-8") as fh:
            fh.write("2025-01,2025,total,5\n")
        return (
            f"{name}, line {n + 1}: 4 fields; expected 5 (month,fiscal_year,series,value,"
            "source_id)."
        )
    if case == "header-only":
        monthly.write_text("month,fiscal_year,series,value,source_id\n", encoding="utf-8")
        return (
            f"{name}: the file has a header but no data rows; expected rows of "
            "month,fiscal_year,series,value,source_id."
        )
    raise AssertionError(case)


BAD_FOLDERS = [
    "no-history-files",
    "wrong-columns",
    "gap",
    "missing-last-month",
    "duplicate-month",
    "negative",
    "text-in-number",
    "text-in-year",
    "bad-month",
    "fiscal-year-mismatch",
    "unknown-series",
    "two-preferred-rows",
    "court-gap",
    "missing-series",
    "field-count",
    "header-only",
]


@pytest.mark.parametrize("case", BAD_FOLDERS)
def test_bad_history_folder(tmp_path, case):
    folder = copy_history(tmp_path / "hist")
    message = _bad_folder(folder, case)
    with pytest.raises(DataError) as err:
        load_history(folder)
    assert str(err.value) == message


def test_checksum_of_a_folder_without_history_files(tmp_path):
    with pytest.raises(DataError, match="holds none of the history files"):
        history_checksum(tmp_path)


def test_shipped_files_pass_the_folder_checks():
    """The shipped files get the same checks a folder's files get (SPECS), and pass them."""
    for name in HISTORY_FILES:
        table = read_checked(name, (DATA / name).read_bytes(), SPECS[name])
        assert len(table) == len(raw_rows(name))
