"""XMILE 1.0 export: write any stockflow model so that Stella and PySD can read it.

stockflow equations are Python callables over NumPy arrays; nothing is parsed. To write
them in XMILE each equation is *traced* into an expression tree with dimension labels,
which is then printed as an XMILE equation. :func:`export_xmile` writes the whole model:

- dimensions as XMILE ``<dimensions>``, arrayed variables apply-to-all (one equation
  with dimension names as subscripts) or element by element where an equation builds
  its value element by element (``np.stack``, constant arrays);
- stocks with their inflows and outflows (a flow with more dimensions than its stock is
  summed over the extra ones by a flow of its own, ``<flow>__<stock>``), ``<non_negative/>``
  and stockflow's limit on the outflows of non-negative stocks as explicit auxiliaries;
- parameters as constants, lookups as graphical functions (``<gf>``), dated series and
  the run's policy inputs as graphical functions of ``TIME``;
- smooths and delays as the builtins ``SMTH1``, ``DELAY1`` and ``DELAY3``;
- sums over a dimension written out term by term, ``MIN``/``MAX``, ``EXP``/``LN``/``SQRT``,
  ``IF THEN ELSE``; units (normalised by :mod:`stockflow.units`) and long names as
  ``<units>`` and ``<doc>``.

An Euler run of the document at its ``DT`` reproduces stockflow's Euler run on the same
uniform grid (:func:`euler_reference`): both evaluate every equation at the same times.
See ``docs/interop.md`` for what PySD reads and what it does not.

The work is done in three modules, re-exported here:

- :mod:`stockflow.interop.xmile_trace`, the tracer: each equation is called once with
  symbolic arrays that record every operation into an expression tree with dimension
  labels. Python control flow on a traced value (``if v.t >= 12``, ``float(v.x)``,
  ``np.searchsorted``) cannot be recorded and is reported (:class:`ExportError`, naming
  the variable); write such choices with ``np.where``, ``np.minimum`` or ``np.clip``;
- :mod:`stockflow.interop.xmile_write`, the writer: :func:`export_xmile`,
  :func:`euler_reference`, :func:`element_names`, :func:`step_of`;
- :mod:`stockflow.interop.pysd_helpers`: :func:`pysd_dataset` labels a PySD run of an
  exported model like stockflow's arrays.
"""

from stockflow.interop.pysd_helpers import pysd_dataset
from stockflow.interop.xmile_write import (
    BUILTINS,
    ExportError,
    XmileExport,
    element_names,
    euler_reference,
    export_xmile,
    step_of,
)

__all__ = [
    "BUILTINS",
    "ExportError",
    "XmileExport",
    "element_names",
    "euler_reference",
    "export_xmile",
    "pysd_dataset",
    "step_of",
]
