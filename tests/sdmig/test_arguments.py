"""The public API checks its arguments and names them as Python spells them."""

import subprocess
import sys

import pytest

import sdmig
from sdmig.errors import ForecastError


def test_one_scenario_name_is_one_scenario_not_its_letters():
    ds = sdmig.forecast("baseline", end="2019-12", origin="open-loop").dataset
    assert ds.scenario.values.tolist() == ["baseline"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"members": "3"}, "members = '3' must be a whole number, at least 1"),
        ({"end": "2031-01"}, "end = 2031-01 is outside the simulated range 2019-10..2028-12"),
        ({"end": "2027-13"}, "end = '2027-13' is not a month; use YYYY-MM"),
        ({"scenarios": 5}, "scenarios must be a scenario name, a scenario file, a Scenario"),
        ({"scenarios": []}, "scenarios must name at least one scenario"),
        ({"scenarios": ["baseline", 7]}, "scenarios holds 7; each must be a scenario name"),
        ({"chunk_size": 0}, "chunk_size = 0 must be at least 1"),
    ],
)
def test_bad_argument_is_one_message_naming_it(kwargs, message):
    kwargs = {"scenarios": ["baseline"], "end": "2019-12", "origin": "open-loop", **kwargs}
    with pytest.raises(ForecastError) as info:
        sdmig.forecast(**kwargs)
    assert str(info.value).startswith(message)
    assert "--" not in str(info.value)


def test_public_names_are_importable_from_the_package():
    for name in sdmig.__all__:
        assert getattr(sdmig, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        sdmig.nope  # noqa: B018


def test_importing_sdmig_registers_the_accessor():
    code = "import xarray as xr, sdmig; print(type(xr.Dataset().sdmig).__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "SdmigAccessor"
