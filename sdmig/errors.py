"""Exceptions and warnings raised by sdmig.

Every error a user can cause by bad input derives from :class:`SdmigError`; the CLI turns
exactly these into one line on stderr and exit status 1, and lets anything else (a bug)
show its traceback. Messages follow one shape: *where* (file, field) -> *what* (with the
value) -> *what is allowed* -> a hint.

Every warning derives from :class:`SdmigWarning`, so ``warnings.filterwarnings("ignore",
category=SdmigWarning)`` silences them all.
"""


class SdmigError(Exception):
    """Base class of the errors caused by bad input or an impossible request."""


class DataError(SdmigError, ValueError):
    """A history file is malformed: wrong columns, gaps, duplicates, negative counts."""


class LeverError(SdmigError, ValueError):
    """A lever is unknown, badly declared, or given a value outside its range."""


class ScenarioError(SdmigError, ValueError):
    """A scenario file or scenario object is invalid."""


class CalibrationError(SdmigError, RuntimeError):
    """Calibration could not run or produced an unusable result."""


class ForecastError(SdmigError, ValueError):
    """A forecast request is impossible: window out of range, bad member count, ..."""


class ClusterError(SdmigError, RuntimeError):
    """The Dask cluster cannot be reached, or it lost work it could not redo."""


class SensitivityError(SdmigError, ValueError):
    """A sensitivity request is impossible: unknown factor, empty range, bad sample size."""


class SdmigWarning(UserWarning):
    """Base class of every warning issued by sdmig."""


class LeverLoadWarning(SdmigWarning):
    """A lever plugin failed to import, or two plugins claim one name."""


class ConvergenceWarning(SdmigWarning):
    """The optimizer stopped without a clean convergence; the message says what to try."""
