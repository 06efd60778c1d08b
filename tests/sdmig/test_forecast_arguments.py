"""Bad arguments of :func:`sdmig.run.forecast.forecast`: one message naming the argument."""

import numpy as np
import pytest

from sdmig.errors import ForecastError
from sdmig.run.forecast import forecast


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seed": -1, "members": 3}, "seed = -1 must be at least 0"),
        ({"seed": 1.5}, "seed = 1.5 must be a whole number, at least 0"),
        ({"seed": "7"}, "seed = '7' must be a whole number, at least 0"),
        ({"seed": True}, "seed = True must be a whole number, at least 0"),
        ({"members": 0}, "members = 0 must be at least 1"),
        ({"members": 2.5}, "members = 2.5 must be a whole number, at least 1"),
        ({"members": np.int64(-2)}, "members = -2 must be at least 1"),
    ],
)
def test_bad_seed_or_members_is_a_value_error_naming_the_argument(kwargs, message):
    with pytest.raises(ForecastError, match=f"^{message}$") as info:
        forecast(["baseline"], end="2020-01", **kwargs)
    assert isinstance(info.value, ValueError)
