"""Import a Vensim (``.mdl``) or XMILE model through PySD into a :class:`stockflow.Model`.

PySD parses the file (its ``translators`` turn Vensim and XMILE into one abstract model);
:func:`import_model` then builds a stockflow model from that abstract model, so that the
imported model runs under stockflow and everything built on it: ``solve_ivp`` and the
vectorized ensembles, ``check_ledger``, and any application that takes a
:class:`~stockflow.ModelHolder` (scenarios whose levers act on the constants named in
`inputs`, which become policy inputs; calibration, where every other constant is a
parameter with the model's ranges as bounds).

What is translated
------------------
- subscript ranges as dimensions, subranges, copies and mappings (each a dimension of its
  own; subranges and mapped ranges are read element by element), ranges read from
  spreadsheets; subscripted constants and equations, single elements, ``dim!``
  reductions, pieces and ``:EXCEPT:``; ranges and elements used as values;
- ``INTEG`` stocks: a rate written as ``inflow - outflow - ...`` of whole variables makes
  those variables stockflow flows between the stocks, so that the ledger balances; any
  other rate, or a stock defined piece by piece, becomes one net flow ``<stock>__net``;
- constants (parameters, or policy inputs), lookups (subscripted ones too), constants,
  lookups and data read from spreadsheets with PySD's readers; Vensim's functions
  (arithmetic with Vensim's precedence, logic, ``IF THEN ELSE``, the elementwise and
  vector functions, ``STEP``/``RAMP``/``PULSE``/``PULSE TRAIN``, ``ALLOCATE BY
  PRIORITY``, ...), the smooths, delays (``DELAY1``/``DELAY3``/``DELAY N``/``DELAY
  FIXED``), ``TREND``, ``FORECAST``, ``SAMPLE IF TRUE``, ``INITIAL``, ``ACTIVE INITIAL``
  and macros. ``docs/interop.md`` lists them all.

Anything else is listed by variable name with the reason in the :class:`PysdImportError`
raised, or in :attr:`ImportedModel.untranslated` with ``strict=False``; nothing is
dropped silently and nothing raises a traceback.

Time
----
An imported model keeps its own time unit; :meth:`ImportedModel.run` runs it on its own
clock (:func:`stockflow.run_clock`: Euler at exactly ``TIME STEP``, saved every
``SAVEPER``), as Vensim and PySD do. ``Time`` in equations is ``t + INITIAL TIME``. A
model whose time is in months also gets stockflow's calendar (`start`), so that
:func:`stockflow.simulate` and calendar-based applications run it; there ``STEP``, ``PULSE`` and ``RAMP``
switch at their time exactly (their times are breakpoints), where Vensim switches at
the nearest time step, which is the same when the time is on the grid.
"""

from __future__ import annotations

import keyword
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from stockflow.builtins import pulse, ramp, step
from stockflow.compile import CompiledModel, compile_model
from stockflow.errors import DeclarationError
from stockflow.model import Model
from stockflow.units import PER_TIME, parse_units

__all__ = ["ImportedModel", "PysdImportError", "import_model"]

VENSIM_SUFFIXES = (".mdl",)
XMILE_SUFFIXES = (".xmile", ".xml", ".stmx")
CONTROL = {"initial_time", "final_time", "time_step", "saveper"}
SMALL_VENSIM = 1e-6  # what Vensim counts as zero (its help, and PySD)
MONTHS = {"month", "months"}


class PysdImportError(DeclarationError):
    """A model cannot be imported; the message lists every variable at fault and why.

    Parameters
    ----------
    message : str
        The explanation.
    untranslated : dict of str to str, optional
        Original variable name -> why it could not be translated; kept as
        ``.untranslated``.

    Examples
    --------
    >>> err = PysdImportError("cannot import", {"Stock A": "uses an unsupported function"})
    >>> err.untranslated
    {'Stock A': 'uses an unsupported function'}
    """

    def __init__(self, message: str, untranslated: dict[str, str] | None = None):
        super().__init__(message)
        self.untranslated = dict(untranslated or {})


class _Unsupported(Exception):
    """One variable cannot be translated; the message says why."""


@dataclass(frozen=True)
class ImportedModel:
    """A model read through PySD and rebuilt on stockflow.

    Built by :func:`import_model`, not by hand.

    Parameters
    ----------
    model : stockflow.Model or None
        The stockflow model (None when some variables could not be translated).
    source : str
        The file it was read from.
    n_months : int
        Time units from ``INITIAL TIME`` to ``FINAL TIME`` (rounded up): for a model in
        months, pass it to ``simulate`` as `end`.
    dt : float
        The model's ``TIME STEP``.
    initial_time, final_time, saveper : float
        ``INITIAL TIME`` (stockflow's ``t = 0``), ``FINAL TIME``, ``SAVEPER``.
    time_units : str
        The model's time unit as written (``Month``, ``Day``, ``Minute``; may be empty).
    missing : frozenset of str
        Variables whose equations use Vensim's ``:NA:`` (a NaN on purpose).
    names : dict of str to str
        Original variable name -> stockflow name.
    untranslated : dict of str to str
        Original variable name -> why it could not be translated.
    notes : tuple of str
        Changes made on the way (units of a flow replaced, ranges dropped, ...).
    declared_dims : dict of str to tuple of str
        Subscript ranges as declared in the file -> their labels.

    Examples
    --------
    ::

        imported = import_model("teacup.mdl", start="2000-01")
        ds = stockflow.simulate(imported.model, imported.n_months, method="euler",
                                dt=imported.dt)
    """

    model: Model | None
    source: str
    n_months: int
    dt: float
    initial_time: float
    names: dict[str, str] = field(default_factory=dict)
    untranslated: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    declared_dims: dict[str, tuple[str, ...]] = field(default_factory=dict)
    final_time: float = 0.0
    saveper: float = 1.0
    time_units: str = ""
    missing: frozenset[str] = frozenset()

    # the ModelHolder protocol (stockflow.protocols): what code built on stockflow reads
    @property
    def stockflow_model(self) -> Model:
        """The stockflow model (raises if some variables could not be translated)."""
        if self.model is None:
            raise PysdImportError(
                f"{Path(self.source).name}: not translated; untranslated variables: "
                f"{sorted(self.untranslated)}",
                self.untranslated,
            )
        return self.model

    @cached_property
    def compiled(self) -> CompiledModel:
        """The compiled model, built once."""
        return compile_model(self.stockflow_model)

    def run(self, **kwargs) -> xr.Dataset:
        """Run the model on its own clock, as Vensim and PySD do (:func:`stockflow.run_clock`).

        Euler at exactly ``TIME STEP`` from ``INITIAL TIME`` to ``FINAL TIME``, saved every
        ``SAVEPER``, flows as instantaneous rates.

        Parameters
        ----------
        **kwargs
            ``params``, ``inputs``, ``variables``: passed to :func:`~stockflow.run_clock`.

        Returns
        -------
        xarray.Dataset
        """
        from stockflow.clock import run_clock

        return run_clock(
            self.compiled,
            self.final_time - self.initial_time,
            dt=self.dt,
            saveper=self.saveper,
            t0=self.initial_time,
            time_units=self.time_units,
            missing_ok=self.missing,
            **kwargs,
        )

    def run_frame(self) -> pd.DataFrame:
        """:meth:`run` as a frame: one column per variable element, constants included.

        Indexed by the model's time; columns named ``"Name[label,label]"`` with the
        original names and subscripts in their declared order, as Vensim writes them.

        Returns
        -------
        pandas.DataFrame
        """
        ds = self.run()
        times = ds["time"].values
        model = self.stockflow_model
        params = model.params_default()
        columns: dict[str, np.ndarray] = {}
        for original, ident in self.names.items():
            if ident in params:
                dims = model.variables[ident].dims
                values = np.broadcast_to(params[ident], (len(times), *params[ident].shape))
            elif ident in ds:
                dims, values = ds[ident].dims[1:], ds[ident].values
            else:
                continue
            decl = self.declared_dims.get(ident, dims)
            values = np.moveaxis(values, [1 + dims.index(d) for d in decl], range(1, 1 + len(decl)))
            labels = [model.dims[d] for d in decl]
            for idx in np.ndindex(*values.shape[1:]):
                sub = ",".join(labels[j][i] for j, i in enumerate(idx))
                columns[f"{original}[{sub}]" if decl else original] = values[(slice(None), *idx)]
        return pd.DataFrame(columns, index=pd.Index(times, name="time"))

    @property
    def start(self) -> str:
        """First simulated month (``INITIAL TIME``); the time itself without a calendar."""
        if self.stockflow_model.start is None:
            return f"{self.initial_time:g}"
        return str(self.stockflow_model.start)

    @property
    def end(self) -> str:
        """Last simulated month (ends at ``FINAL TIME``); the time without a calendar."""
        if self.stockflow_model.start is None:
            return f"{self.final_time:g}"
        return str(self.stockflow_model.start + (self.n_months - 1))


def import_model(
    path: str | Path,
    *,
    start: str = "2000-01",
    inputs: Iterable[str] = (),
    name: str | None = None,
    strict: bool = True,
) -> ImportedModel:
    """Read a Vensim or XMILE model with PySD's translators and rebuild it on stockflow.

    Parameters
    ----------
    path : str or path
        A ``.mdl`` (Vensim) or ``.xmile``/``.xml``/``.stmx`` (XMILE) file.
    start : str, default "2000-01"
        Calendar month of ``INITIAL TIME``, for the dates of stockflow's output (models
        whose time is in months; the others have no calendar).
    inputs : iterable of str
        Constants (original or stockflow names) to declare as policy inputs, so that
        scenario levers can act on them as time series; every other constant is a
        parameter.
    name : str, optional
        Title of the stockflow model (default: the file name).
    strict : bool, default True
        Raise if a variable cannot be translated; with False, return an
        :class:`ImportedModel` whose `model` is None and whose `untranslated` lists them.

    Returns
    -------
    ImportedModel

    Raises
    ------
    PysdImportError
        PySD cannot read the file; the control variables are not constants; a name in
        `inputs` is not a constant; or (`strict`) variables that cannot be translated,
        each named with the reason.
    """
    path = Path(path)
    abstract = _read_with_pysd(path)
    builder = _Builder(abstract, path, start, name or path.stem, set(inputs))
    try:
        result = builder.build()
    except PysdImportError:
        raise
    except Exception as exc:  # never a traceback: one error naming the file and the cause
        raise PysdImportError(
            f"{path.name}: cannot be translated ({type(exc).__name__}: {exc})"
        ) from exc
    if result.untranslated and strict:
        listed = "\n".join(f"  {k}: {v}" for k, v in result.untranslated.items())
        raise PysdImportError(
            f"{path.name}: {len(result.untranslated)} variable(s) cannot be translated to "
            f"stockflow:\n{listed}",
            result.untranslated,
        )
    return result


def _read_with_pysd(path: Path):
    suffix = path.suffix.lower()
    if not path.is_file():
        raise PysdImportError(f"{path}: no such file")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        try:
            if suffix in VENSIM_SUFFIXES:
                from pysd.translators.vensim.vensim_file import VensimFile

                reader = VensimFile(path)
            elif suffix in XMILE_SUFFIXES:
                from pysd.translators.xmile.xmile_file import XmileFile

                reader = XmileFile(path)
            else:
                raise PysdImportError(
                    f"{path.name}: not a Vensim ({', '.join(VENSIM_SUFFIXES)}) or XMILE "
                    f"({', '.join(XMILE_SUFFIXES)}) file"
                )
            reader.parse()
            return reader.get_abstract_model()
        except PysdImportError:
            raise
        except Exception as exc:  # PySD's parser: any failure means it cannot read the file
            raise PysdImportError(
                f"{path.name}: PySD cannot read it: {type(exc).__name__}: {exc}"
            ) from exc


def _key(name: str) -> str:
    """PySD's way of referring to a name in equations: lower case, spaces as ``_``."""
    return re.sub(r"\s+", "_", name.strip().lower())


def _identifier(name: str) -> str:
    ident = re.sub(r"\W+", "_", name.strip().strip('"').lower()).strip("_") or "v"
    if ident[0].isdigit() or keyword.iskeyword(ident) or ident == "t":
        ident = f"v_{ident}"
    return ident


# ============================================================================ expressions
@dataclass(frozen=True)
class _Expr:
    """A compiled expression: ``fn(v)`` and the dimensions of its value.

    The value is a float, or an array of shape ``(members, *lengths)`` over `dims` in the
    model's dimension order; ``"region!"`` marks an axis to be reduced by the enclosing
    ``SUM``.
    """

    fn: Callable[[Any], Any]
    dims: tuple[str, ...] = ()
    constant: float | None = None


class _Builder:
    def __init__(self, abstract, path: Path, start, title, inputs: set[str]):
        self.path = path
        self.start = start
        self.title = title
        self.wanted_inputs = inputs
        self.untranslated: dict[str, str] = {}
        self.notes: list[str] = []
        self.hidden = 0
        self.tables: dict[str, Callable] = {}
        self.lookup_sets: dict[str, tuple] = {}
        self.declared_dims: dict[str, tuple[str, ...]] = {}
        self.missing: set[str] = set()
        self._context: tuple[str, ...] = ()  # the ranges of the equation being compiled
        sections = abstract.sections
        self.macros = {_key(sec.name): sec for sec in sections[1:]}
        self._scope: dict[str, Any] = {}  # inside a macro: its names -> ours
        self.section = sections[0]

    # -------------------------------------------------------------- overview
    def build(self) -> ImportedModel:
        sec = self.section
        self.dims: dict[str, tuple[str, ...]] = {}
        self.dim_names: dict[str, str] = {}
        self.maps: dict[str, list[str]] = {}
        ranges = {_key(sub.name): sub for sub in sec.subscripts}

        def labels_of(sub, seen=()):
            if isinstance(sub.subscripts, str):  # a copy: DimB <-> DimA
                other = ranges.get(_key(sub.subscripts))
                if other is None or other.name in seen:
                    raise _Unsupported(f"copy of unknown subscript range {sub.subscripts!r}")
                return labels_of(other, (*seen, sub.name))
            if isinstance(sub.subscripts, dict):  # GET XLS/DIRECT SUBSCRIPT: from a file
                from pysd.py_backend.external import ExtSubscript

                spec = sub.subscripts
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        return list(
                            ExtSubscript(
                                spec["file"],
                                spec["tab"],
                                spec["firstcell"],
                                spec["lastcell"],
                                spec["prefix"],
                                self.path.parent,
                            ).subscript
                        )
                except Exception as exc:  # the file or its cells cannot be read
                    raise _Unsupported(
                        f"cannot read its elements from {spec.get('file')!r} "
                        f"({type(exc).__name__}: {exc})"
                    ) from None
            out = []
            for x in sub.subscripts:  # a range named among the elements stands for its own
                inner = ranges.get(_key(str(x)))
                if inner is not None and inner is not sub and inner.name not in seen:
                    out += labels_of(inner, (*seen, sub.name))
                else:
                    out.append(str(x))
            return out

        for sub in sec.subscripts:
            try:
                labels = labels_of(sub)
                if any(not isinstance(m, str) for m in sub.mapping or ()):
                    raise _Unsupported("subscript mappings of this form are not supported")
            except _Unsupported as exc:
                self.untranslated[sub.name] = str(exc)
                continue
            ident = _identifier(sub.name)
            while ident in self.dims:
                ident += "_"
            self.dims[ident] = tuple(labels)
            self.dim_names[_key(sub.name)] = ident
            self.maps[ident] = [_key(m) for m in sub.mapping or ()]
        # mappings name ranges: resolve them now that every range has an identifier
        self.maps = {
            d: [self.dim_names[m] for m in ms if m in self.dim_names] for d, ms in self.maps.items()
        }
        self.order = list(self.dims)
        self.labels = {d: {_key(lab): i for i, lab in enumerate(ls)} for d, ls in self.dims.items()}
        self.elements = {}
        self.names: dict[str, str] = {}
        taken: set[str] = set()
        control = {}
        for el in sec.elements:
            key = _key(el.name)
            if key in CONTROL:
                control[key] = el
                continue
            ident = _identifier(el.name)
            while ident in taken or ident in self.dims:
                ident += "_"
            taken.add(ident)
            self.elements[key] = el
            self.names[el.name] = ident
        self.ident = {_key(el.name): self.names[el.name] for el in self.elements.values()}
        times = self._control(control)
        self.m = Model(self.title, start=self.start if times["calendar"] else None, dims=self.dims)
        self.units = {key: self._read_units(el) for key, el in self.elements.items()}
        self.kinds = {key: self._kind(el) for key, el in self.elements.items()}
        self._check_inputs()
        self._plan_flows()
        # lookups first: equations that call them need to know how they interpolate
        ordered = sorted(self.elements.items(), key=lambda kv: self.kinds[kv[0]] != "lookup")
        for key, el in ordered:
            try:
                self._declare(key, el)
            except (_Unsupported, DeclarationError) as exc:
                self.untranslated[el.name] = str(exc)
            except Exception as exc:  # never a traceback: the variable is listed instead
                self.untranslated[el.name] = (
                    f"cannot be translated ({type(exc).__name__}: {exc})".replace("\n", " ")
                )
        model = None if self.untranslated else self.m
        return ImportedModel(
            model=model,
            source=str(self.path),
            n_months=times["n_months"],
            dt=times["dt"],
            initial_time=times["t0"],
            final_time=times["t1"],
            saveper=times["saveper"],
            time_units=times["time_units"],
            names=dict(self.names),
            untranslated=dict(self.untranslated),
            notes=tuple(self.notes),
            declared_dims=dict(self.declared_dims),
            missing=frozenset(self.missing),
        )

    def _check_inputs(self) -> None:
        """Every name in `inputs` is a constant of the model."""
        constants = sorted(
            el.name for key, el in self.elements.items() if self.kinds[key] == "constant"
        )
        for wanted in sorted(self.wanted_inputs):
            found = [
                el for el in self.elements.values() if wanted in (el.name, self.names[el.name])
            ]
            if not found:
                raise PysdImportError(
                    f"{self.path.name}: input {wanted!r} is not a variable of the model; its "
                    f"constants: {', '.join(constants) or 'none'}"
                )
            if self.kinds[_key(found[0].name)] != "constant":
                raise PysdImportError(
                    f"{self.path.name}: input {wanted!r} is not a constant; only constants "
                    f"can become policy inputs (its constants: {', '.join(constants)})"
                )

    def _control(self, control) -> dict[str, Any]:
        """INITIAL TIME, FINAL TIME, TIME STEP and SAVEPER, and the model's time unit.

        Each may be a number or a constant expression of numbers and the others
        (``SAVEPER = TIME STEP``); TIME STEP defaults to 1 and SAVEPER to TIME STEP.
        """
        found: dict[str, float] = {}

        def value(key, default=None) -> float:
            if key in found:
                return found[key]
            el = control.get(key)
            if el is None:
                if default is None:
                    raise PysdImportError(f"{self.path.name}: no {key.upper().replace('_', ' ')}")
                found[key] = default
                return default
            try:
                found[key] = _constant_expression(el.components[0].ast, value)
            except (_Unsupported, RecursionError) as exc:
                raise PysdImportError(
                    f"{self.path.name}: {el.name} must be a constant to import the model ({exc})"
                ) from None
            return found[key]

        t0 = value("initial_time")
        t1 = value("final_time")
        dt = value("time_step", 1.0)
        saveper = value("saveper", dt)
        units = [
            (control[k].units or "")
            for k in ("initial_time", "final_time", "time_step")
            if k in control
        ]
        time_units = next((u.split("[")[0].strip() for u in units if u.split("[")[0].strip()), "")
        n = t1 - t0
        if not n > 0:
            raise PysdImportError(
                f"{self.path.name}: FINAL TIME {t1:g} must be after INITIAL TIME {t0:g}"
            )
        self.t0 = t0
        self.control_values = {
            "initial_time": t0,
            "final_time": t1,
            "time_step": dt,
            "saveper": saveper,
        }
        return {
            "t0": t0,
            "t1": t1,
            "dt": dt,
            "saveper": saveper,
            "time_units": time_units,
            "calendar": time_units.lower() in MONTHS and abs(n - round(n)) <= 1e-9,
            "n_months": int(np.ceil(n - 1e-9)),
        }

    @staticmethod
    def _kind(el) -> str:
        from pysd.translators.structures import abstract_expressions as ae

        comps = el.components
        types = {type(c).__name__ for c in comps}
        if "AbstractLookup" in types:
            return "lookup"
        if types - {"AbstractComponent", "AbstractUnchangeableConstant"}:
            return "data"
        asts = [c.ast for c in comps]
        if all(
            isinstance(a, int | float | np.number | np.ndarray | ae.GetConstantsStructure)
            for a in asts
        ):
            return "constant"
        if all(isinstance(a, ae.IntegStructure) for a in asts):
            return "stock"
        return "aux"

    # ------------------------------------------------------------- flows
    def _plan_flows(self) -> None:
        """Which variables become flows between stocks: ``{var: {source, target}}``."""
        from pysd.translators.structures import abstract_expressions as ae

        self.flows: dict[str, dict[str, str | None]] = {}
        self.net: set[str] = set()
        for key, el in self.elements.items():
            if self.kinds[key] != "stock":
                continue
            if len(el.components) > 1 or el.components[0].subscripts[1]:
                self.net.add(key)  # defined piece by piece: one net rate
                continue
            integ = el.components[0].ast
            terms = _signed_terms(integ.flow, ae)
            try:
                dims = self._element_dims(el)
                ok = terms is not None and all(
                    self._element_dims(self.elements[r.reference]) == dims
                    for _, r in terms
                    if r.reference in self.elements
                )
            except _Unsupported:
                ok = False
            plan = []
            for sign, ref in (terms or ()) if ok else ():
                rk = ref.reference
                if rk not in self.elements or self.kinds[rk] != "aux":
                    ok = False
                    break
                # XMILE names a stock's flows without subscripts: the flow's own dims
                ref_dims = self._ref_dims(ref) if ref.subscripts else dims
                if ref_dims != dims:
                    ok = False
                    break
                role = "target" if sign > 0 else "source"
                comp = self.elements[rk].components
                if len(comp) == 1 and isinstance(comp[0].ast, _BUILTINS(ae)):
                    # a delay may fill a stock; a smooth, a trend, or a delay draining a
                    # stock make it a net rate
                    material = isinstance(
                        comp[0].ast,
                        ae.DelayStructure | ae.DelayNStructure | ae.DelayFixedStructure,
                    )
                    if not (material and role == "target"):
                        ok = False
                        break
                if self.flows.get(rk, {}).get(role) is not None:
                    ok = False
                    break
                plan.append((rk, role))
            if ok and len({rk for rk, _ in plan}) == len(plan):
                for rk, role in plan:
                    self.flows.setdefault(rk, {"source": None, "target": None})[role] = key
            else:
                self.net.add(key)

    def _ref_dims(self, ref) -> tuple[str, ...] | None:
        subs = ref.subscripts.subscripts if ref.subscripts else []
        out = []
        for s in subs:
            d = self.dim_names.get(_key(s))
            if d is None:
                return None
            out.append(d)
        return tuple(out)

    def _element_dims(self, el) -> tuple[str, ...]:
        """The element's dimensions in its own (Vensim) order.

        At each position, the range every piece names; where pieces name different
        subranges or single elements, the smallest range holding all of them.
        """
        comps = el.components
        n = len(comps[0].subscripts[0])
        if any(len(c.subscripts[0]) != n for c in comps):
            raise _Unsupported("its pieces have different numbers of subscripts")
        dims = []
        for i in range(n):
            subs = [c.subscripts[0][i] for c in comps]
            named = {self.dim_names.get(_key(x)) for x in subs}
            if len(named) == 1 and None not in named:
                dims.append(named.pop())
                continue
            wanted: set[str] = set()
            for x in subs:
                d = self.dim_names.get(_key(x))
                wanted |= set(self.labels[d]) if d is not None else {_key(x)}
            holders = [d for d in self.order if wanted <= set(self.labels[d])]
            if not holders:
                raise _Unsupported(f"unknown subscript {subs[0]!r}")
            holder = min(holders, key=lambda d: len(self.dims[d]))
            if wanted != set(self.labels[holder]):  # defined on fewer elements: a range
                labels = [x for x in self.dims[holder] if _key(x) in wanted]
                holder = self._implicit_dim(el.name, i, labels)
            dims.append(holder)
        for i, d in enumerate(dims):
            if d in dims[:i]:  # the same range twice: the second is a copy of it
                dims[i] = self._implicit_dim(el.name, i, list(self.dims[d]))
        return tuple(dims)

    def _implicit_dim(self, element: str, position: int, labels: list[str]) -> str:
        """A range the model does not name: the elements a variable is defined on, or a
        copy of a range the variable spans twice."""
        ident = f"{_identifier(element)}__range{position + 1}"
        if ident not in self.dims:
            self.dims[ident] = tuple(labels)
            self.labels[ident] = {_key(x): i for i, x in enumerate(labels)}
            self.order.append(ident)
            self.m.dims[ident] = tuple(labels)
        return ident

    def _mapped(self, a: str, b: str) -> bool:
        """Whether ranges `a` and `b` correspond element by element through a mapping."""
        linked = b in self.maps.get(a, ()) or a in self.maps.get(b, ())
        return linked and len(self.dims[a]) == len(self.dims[b])

    def _positions(self, sub_dim: str, dim: str) -> np.ndarray | None:
        """Where the elements of `sub_dim` sit in `dim`: a subrange (or a copy) by name,
        a mapped range by position; None if neither."""
        if sub_dim == dim:
            return np.arange(len(self.dims[dim]))
        keys = [_key(x) for x in self.dims[sub_dim]]
        if all(k in self.labels[dim] for k in keys):
            return np.array([self.labels[dim][k] for k in keys])
        if (dim in self.maps.get(sub_dim, ()) or sub_dim in self.maps.get(dim, ())) and len(
            self.dims[sub_dim]
        ) == len(self.dims[dim]):
            return np.arange(len(self.dims[dim]))
        return None

    def _dim_of_label(self, label: str) -> str | None:
        found = [d for d, labels in self.labels.items() if _key(label) in labels]
        return found[0] if len(found) == 1 else None

    def _model_order(self, dims) -> tuple[str, ...]:
        return tuple(d for d in self.order if d in dims)

    # ----------------------------------------------------------- declaring
    def _declare(self, key: str, el) -> None:
        kind = self.kinds[key]
        name = self.ident[key]
        decl = self._element_dims(el)
        self.declared_dims[name] = decl
        dims = self._model_order(decl)
        self._context = dims
        units = self.units[key]
        doc = (el.documentation or "").strip() or el.name
        if kind == "data":
            self._data(name, el, decl, dims, units, doc)
            return
        if kind == "lookup":
            self._lookup(name, el, units, doc)
        elif kind == "constant":
            value = self._constant_value(el, decl, dims)
            if el.name in self.wanted_inputs or name in self.wanted_inputs:
                self.m.input(name, value, dims=dims, units=units, long_name=doc)
            else:
                lo, hi = tuple(el.limits)[:2] if el.limits else (None, None)
                bounds = None
                if lo is not None and hi is not None:
                    arr = np.asarray(value)
                    if np.all(arr >= lo) and np.all(arr <= hi):
                        bounds = (lo, hi)
                    else:
                        self.notes.append(f"{el.name}: range [{lo}, {hi}] dropped (value outside)")
                self.m.param(name, value, dims=dims, units=units, long_name=doc, bounds=bounds)
        elif kind == "stock":
            self._stock(key, name, el, dims, units, doc)
        else:
            self._aux(key, name, el, decl, dims, units, doc)

    def _read_units(self, el) -> str:
        text = (el.units or "").split("[")[0].strip()
        try:
            return str(parse_units(text)) if text else "1"
        except ValueError:
            self.notes.append(f"{el.name}: units {text!r} cannot be read; declared as '1'")
            return "1"

    def _lookup(self, name, el, units, doc) -> None:
        if len(el.components) == 1 and not el.components[0].subscripts[0]:
            self._table(name, el.components[0].ast, units, doc, el.components[0])
            return
        # one table per element: kept until a call says which elements it reads
        decl = self._element_dims(el)
        tables: dict[tuple[int, ...], Callable] = {}
        for comp in el.components:
            lk = comp.ast
            if not hasattr(lk, "x"):  # GET XLS LOOKUPS: one table per element it covers
                xs, ys = self._read_external(comp, decl, "lookup")
                cells = list(zip(*np.nonzero(self._piece_mask(comp, decl)), strict=True))
                for cell, row in zip(cells, ys.reshape(-1, ys.shape[-1]), strict=True):
                    tables[tuple(int(i) for i in cell)] = _interpolation(xs, row)
                continue
            x, y = np.asarray(lk.x, float), np.asarray(lk.y, float)
            if lk.type == "interpolate":
                fn = _interpolation(x, y)
            elif lk.type in ("hold_backward", "extrapolate"):
                fn = _table_function(x, y, lk.type)
            else:
                raise _Unsupported(f"lookups of type {lk.type!r} are not supported")
            for cell in zip(*np.nonzero(self._piece_mask(comp, decl)), strict=True):
                tables[tuple(int(i) for i in cell)] = fn
        shape = tuple(len(self.dims[d]) for d in decl)
        if len(tables) != int(np.prod(shape)):
            raise _Unsupported("some elements of the lookup are not defined")
        self.lookup_sets[name] = (decl, tables)

    def _call_lookup_set(self, name, subscripts, arg: _Expr) -> _Expr:
        """A call of a subscripted lookup: each element's table on the matching values."""
        decl, tables = self.lookup_sets[name]
        subs = list(subscripts) if subscripts else list(decl)
        if len(subs) != len(decl):
            raise _Unsupported(f"lookup {name} takes {len(decl)} subscripts, got {len(subs)}")
        fixed: dict[str, int] = {}
        kept: dict[str, tuple[str, np.ndarray]] = {}  # lookup range -> (range read, where)
        for d, x in zip(decl, subs, strict=True):
            r = self.dim_names.get(_key(x))
            if r is not None and (pos := self._positions(r, d)) is not None:
                kept[d] = (r, pos)
            elif r is None and _key(x) in self.labels[d]:
                fixed[d] = self.labels[d][_key(x)]
            else:
                raise _Unsupported(f"subscript {x!r} of lookup {name} is not supported")
        read = tuple(r for r, _ in kept.values())
        union = _union([read, arg.dims], self.order)
        f = _align(arg, union, self.dims)
        lengths = [len(self.dims[u.rstrip("!")]) for u in union]
        cells = list(np.ndindex(*(len(self.dims[r]) for r in read)))

        def looked_up(v):
            a = np.asarray(f(v), dtype=float)
            a = np.broadcast_to(a, (a.shape[0] if a.ndim else 1, *lengths))
            out = np.empty(a.shape)
            for cell in cells:
                at = dict(zip(read, cell, strict=True))
                ix = (slice(None), *(at.get(u, slice(None)) for u in union))
                key = tuple(
                    int(kept[d][1][at[kept[d][0]]]) if d in kept else fixed[d] for d in decl
                )
                out[ix] = tables[key](a[ix])
            return out

        return _Expr(looked_up, union)

    def _table(self, name, lk, units="1", doc="", comp=None) -> None:
        """A lookup: a stockflow lookup when it interpolates, else a function of its own."""
        if not hasattr(lk, "x"):
            if comp is None:
                raise _Unsupported(f"{type(lk).__name__} is not supported here")
            x, y = self._read_external(comp, (), "lookup")
            self.m.lookup(name, x, y.reshape(-1), units=units, long_name=doc or name)
            return
        x, y = np.asarray(lk.x, float), np.asarray(lk.y, float)
        if lk.type == "interpolate":
            self.m.lookup(name, x, y, units=units, long_name=doc or name)
        elif lk.type in ("hold_backward", "extrapolate"):
            self.tables[name] = _table_function(x, y, lk.type)
        else:
            raise _Unsupported(f"lookups of type {lk.type!r} are not supported")

    def _constant_value(self, el, decl, dims, partial=False) -> np.ndarray:
        shape = tuple(len(self.dims[d]) for d in decl)
        full = np.full(shape, np.nan)
        for comp in el.components:
            if comp.subscripts[1]:  # :EXCEPT: the piece on the elements it applies to
                piece = self._constant_value(
                    type(el)(**{**el.__dict__, "components": [_without_except(comp)]}),
                    decl,
                    decl,
                    partial=True,
                )
                keep = self._piece_mask(comp, decl)
                full[keep] = piece[keep]
                continue
            idx = self._component_index(comp.subscripts[0], decl)
            ast = comp.ast
            if not isinstance(ast, int | float | np.number | np.ndarray):
                ast = self._read_external(comp, decl, "constant")
            value = np.asarray(ast, dtype=float)
            sub_shape = full[idx].shape
            if value.size == 1:
                value = value.reshape(())
            if value.ndim == 0:
                value = np.broadcast_to(value, sub_shape)
            if value.shape != sub_shape:
                try:
                    value = value.reshape(sub_shape)
                except ValueError:
                    raise _Unsupported(
                        f"values of shape {value.shape} do not fit subscripts {comp.subscripts[0]}"
                    ) from None
            full[idx] = value
        if np.isnan(full).any() and not partial:
            raise _Unsupported("some elements are not defined")
        perm = [decl.index(d) for d in dims]
        return np.transpose(full, perm) if decl else full

    def _component_index(self, subs, decl) -> tuple:
        """Index of one piece's subscripts into an array over `decl`."""
        idx: list = []
        for d, s in zip(decl, subs, strict=False):
            r = self.dim_names.get(_key(s))
            if r == d:
                idx.append(slice(None))
            elif r is not None and (pos := self._positions(r, d)) is not None:
                idx.append(pos)
            elif _key(s) in self.labels[d]:
                idx.append(self.labels[d][_key(s)])
            else:
                raise _Unsupported(f"subscript {s!r} is neither {d!r} nor one of its elements")
        idx += [slice(None)] * (len(decl) - len(idx))
        if not any(isinstance(i, np.ndarray) for i in idx):
            return tuple(idx)
        lengths = [len(self.dims[d]) for d in decl]
        axes = [
            np.arange(n)[i] if isinstance(i, slice) else np.atleast_1d(i)
            for i, n in zip(idx, lengths, strict=True)
        ]
        return np.ix_(*axes)

    def _stock(self, key, name, el, dims, units, doc) -> None:
        integ = el.components[0].ast
        comps = el.components
        if len(comps) > 1 or comps[0].subscripts[1]:  # INTEG piece by piece
            decl = self._element_dims(el)
            init = self._pieces(name, comps, decl, dims, lambda c: c.ast.initial)
            nonneg = any(bool(getattr(c.ast, "non_negative", False)) for c in comps)
            self.m.stock(name, init, dims=dims, units=units, long_name=doc, nonnegative=nonneg)
            rate = self._pieces(name, comps, decl, dims, lambda c: c.ast.flow)
            self.m.flow(
                f"{name}__net",
                rate,
                target=name,
                dims=dims,
                units=str(parse_units(units) * PER_TIME),
                long_name=f"net rate of change of {el.name}",
            )
            return
        initial = self._compile(integ.initial, name)
        init = self._to_dims(initial, dims, name)
        nonneg = bool(getattr(integ, "non_negative", False))
        if nonneg:
            self.notes.append(
                f"{el.name}: non-negative stock; stockflow limits its outflows its own way"
            )
        if initial.constant is not None:
            self.m.stock(
                name, initial.constant, dims=dims, units=units, long_name=doc, nonnegative=nonneg
            )
        else:
            self.m.stock(name, init, dims=dims, units=units, long_name=doc, nonnegative=nonneg)
        if key in self.net:
            rate = self._to_dims(self._compile(integ.flow, name), dims, name)
            per_month = str(parse_units(units) * PER_TIME)
            self.m.flow(
                f"{name}__net",
                rate,
                target=name,
                dims=dims,
                units=per_month,
                long_name=f"net rate of change of {el.name}",
            )

    def _aux(self, key, name, el, decl, dims, units, doc) -> None:
        from pysd.translators.structures import abstract_expressions as ae

        comps = el.components
        flow = self.flows.get(key)
        if len(comps) == 1 and not comps[0].subscripts[1]:
            ast = comps[0].ast
            if isinstance(ast, _BUILTINS(ae)):
                self._builtin(name, ast, dims, units, doc, flow, whole=True)
                return
            fn = self._to_dims(self._compile(ast, name), dims, name)
        else:
            fn = self._pieces(name, comps, decl, dims)
        if flow is not None:
            stock = flow["source"] or flow["target"]
            needed = str(parse_units(self.units[stock]) * PER_TIME)
            if parse_units(units) != parse_units(needed):
                self.notes.append(
                    f"{el.name}: units {units!r} replaced by {needed!r} (a flow of "
                    f"{self.elements[stock].name})"
                )
                units = needed
            self.m.flow(
                name,
                fn,
                source=self.ident[flow["source"]] if flow["source"] else None,
                target=self.ident[flow["target"]] if flow["target"] else None,
                dims=dims,
                units=units,
                long_name=doc,
            )
        else:
            self.m.aux(name, fn, dims=dims, units=units, long_name=doc)

    def _data(self, name, el, decl, dims, units, doc) -> None:
        """A data variable read from a spreadsheet (``GET XLS DATA``, ``GET DIRECT
        DATA``): its values at the file's times, between them as its keyword says
        (``interpolate``, ``look_forward``, ``hold_backward``, ``raw``), as PySD reads it."""
        from pysd.py_backend import external
        from pysd.translators.structures import abstract_expressions as ae

        final = {d: list(self.dims[d]) for d in decl}
        reader = None
        interp = None
        shape = tuple(len(self.dims[d]) for d in decl)
        fixed_mask = np.zeros(shape, dtype=bool)  # pieces that are constants
        fixed = np.zeros(shape)
        for comp in el.components:
            ast = comp.ast
            if isinstance(ast, int | float | np.number | np.ndarray | ae.GetConstantsStructure):
                if comp.subscripts[1]:
                    raise _Unsupported(":EXCEPT: in a data variable is not supported")
                value = (
                    self._read_external(comp, decl, "constant")
                    if isinstance(ast, ae.GetConstantsStructure)
                    else np.asarray(ast, dtype=float)
                )
                idx = self._component_index(comp.subscripts[0], decl)
                target = fixed[idx].shape
                fixed[idx] = value.reshape(()) if value.size == 1 else value.reshape(target)
                fixed_mask[idx] = True
                continue
            if not isinstance(ast, ae.GetDataStructure):
                raise _Unsupported(
                    f"{type(ast).__name__}: data given by a file outside the model is not supported"
                )
            coords = self._piece_coords(comp, decl)
            keyword = getattr(comp, "keyword", None) or "interpolate"
            if interp not in (None, keyword):
                raise _Unsupported("pieces of a data variable read differently")
            interp = keyword
            args = (ast.file, ast.tab, ast.time_row_or_col, ast.cell, keyword, coords)
            if reader is None:
                reader = external.ExtData(*args, self.path.parent, final, name)
            else:
                reader.add(*args)
        if reader is None:
            raise _Unsupported("a data variable without data")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader.initialize()
            except Exception as exc:  # the file or its cells cannot be read
                raise _Unsupported(
                    f"cannot read its data ({type(exc).__name__}: {exc})".replace("\n", " ")
                ) from None
        data = reader.data.transpose("time", *decl)
        if fixed_mask.any():  # constant pieces: the same value at every time
            data = data.copy()
            data.values[:, fixed_mask] = fixed[fixed_mask]
        times = np.asarray(data.coords["time"].values, dtype=float) - self.t0
        values = np.transpose(
            np.asarray(data.values, dtype=float), [0, *(1 + decl.index(d) for d in dims)]
        )
        if interp == "raw":
            self.missing.add(name)
        series = _data_function(times, values, interp)
        self.m.aux(name, lambda v: series(v.t), dims=dims, units=units, long_name=doc)

    def _piece_coords(self, comp, decl) -> dict[str, list[str]]:
        """The elements one piece covers, by range, as PySD's readers take them."""
        coords = {}
        for d, x in zip(decl, comp.subscripts[0], strict=False):
            r = self.dim_names.get(_key(x))
            if r is not None:
                coords[d] = list(self.dims[r])
            else:
                coords[d] = [self.dims[d][self.labels[d][_key(x)]]]
        return coords

    def _read_external(self, comp, decl, what: str):
        """Values a piece reads from a spreadsheet or text file (``GET XLS CONSTANTS``,
        ``GET XLS LOOKUPS``, ``GET DIRECT ...``), read by PySD's readers.

        Returns the constants over the piece's elements (in `decl` order), or for a
        lookup ``(x, y)`` with y of shape ``(*elements, len(x))``."""
        from pysd.py_backend import external

        ast = comp.ast
        coords = self._piece_coords(comp, decl)
        root = self.path.parent
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                if what == "constant":
                    reader = external.ExtConstant(
                        ast.file, ast.tab, ast.cell, coords, root, coords, "constant"
                    )
                else:
                    reader = external.ExtLookup(
                        ast.file,
                        ast.tab,
                        ast.x_row_or_col,
                        ast.cell,
                        coords,
                        root,
                        coords,
                        "lookup",
                    )
                reader.initialize()
            except Exception as exc:  # the file or the cells cannot be read
                raise _Unsupported(
                    f"cannot read {ast.file!r} ({type(exc).__name__}: {exc})".replace("\n", " ")
                ) from None
        data = reader.data
        if what == "constant":
            return np.asarray(getattr(data, "values", data), dtype=float)
        x = np.asarray(data.coords["lookup_dim"].values, dtype=float)
        y = np.asarray(data.transpose(*coords, "lookup_dim").values, dtype=float)
        return x, y

    def _piece_mask(self, comp, decl) -> np.ndarray:
        """Where one piece applies, over `decl`: its subscripts less its :EXCEPT: ones."""
        mask = np.zeros(tuple(len(self.dims[d]) for d in decl), dtype=bool)
        mask[self._component_index(comp.subscripts[0], decl)] = True
        for excluded in comp.subscripts[1] or ():
            mask[self._component_index(excluded, decl)] = False
        return mask

    def _pieces(self, name, comps, decl, dims, ast_of=None):
        """An element defined element by element: each piece where its subscripts say.

        `ast_of(component)` picks the expression (default: the component's own; for a
        stock, its initial value or its rate)."""
        ast_of = ast_of or (lambda c: c.ast)
        shape = tuple(len(self.dims[d]) for d in dims)
        parts = []
        covered = np.zeros(shape, dtype=bool)
        for comp in comps:
            ast = ast_of(comp)
            idx_decl = self._component_index(comp.subscripts[0], decl)
            mask = np.transpose(self._piece_mask(comp, decl), [decl.index(d) for d in dims])
            covered |= mask
            if isinstance(ast, int | float | np.number | np.ndarray):
                full = np.zeros(tuple(len(self.dims[d]) for d in decl))
                part = np.asarray(ast, dtype=float)
                target = full[idx_decl].shape
                full[idx_decl] = (
                    np.broadcast_to(part.reshape(()), target)
                    if part.size == 1
                    else part.reshape(target)
                )
                value = np.transpose(full, [decl.index(d) for d in dims])
                fn = lambda v, value=value: value  # noqa: E731
            else:
                outer = self._context
                self._context = tuple(
                    self.dim_names.get(_key(x)) or d
                    for d, x in zip(decl, comp.subscripts[0], strict=True)
                )
                try:
                    expr = self._compile(ast, name)
                finally:
                    self._context = outer
                for d, s in zip(decl, comp.subscripts[0], strict=True):
                    r = self.dim_names.get(_key(s))
                    if r is None or r == d:
                        continue
                    for e in [e for e in expr.dims if e not in dims and e != r]:
                        if self._mapped(e, r):  # a mapped range read element by element
                            expr = _rename(expr, e, r, self.order)
                    if r in expr.dims:
                        expr = self._widen(expr, r, d)
                fn = self._to_dims(expr, dims, name)
            parts.append((mask, fn))
        if not covered.all():
            raise _Unsupported("some elements are not defined")

        def pieced(v):
            out = None
            for mask, fn in parts:
                value = fn(v)
                out = np.where(mask, value, 0.0) if out is None else np.where(mask, value, out)
            return out

        return pieced

    # ------------------------------------------------------------ builtins
    def _builtin(self, name, ast, dims, units, doc, flow=None, whole=False) -> str:
        from pysd.translators.structures import abstract_expressions as ae

        if isinstance(ast, ae.InitialStructure):
            init = self._to_dims(self._compile(ast.initial, name), dims, name)
            self.m.stock(name, init, dims=dims, units=units, long_name=doc, nonnegative=False)
            return name
        if isinstance(ast, ae.SampleIfTrueStructure):
            return self._sample_if_true(name, ast, dims, units, doc, flow)
        inp = self._to_dims(self._compile(ast.input, name), dims, name)
        if isinstance(ast, ae.ForecastStructure):
            return self._forecast(name, ast, inp, dims, units, doc, flow)
        if isinstance(ast, ae.TrendStructure):
            return self._trend(name, ast, inp, dims, units, doc, flow)
        if isinstance(ast, ae.DelayFixedStructure):
            return self._delay_fixed(name, ast, inp, dims, units, doc, flow)
        smooth = isinstance(ast, ae.SmoothStructure | ae.SmoothNStructure)
        time_expr = self._compile(ast.smooth_time if smooth else ast.delay_time, name)
        tau = self._to_dims(time_expr, dims, name)
        order = self._fixed(ast.order)
        if order is None:  # the order is read once, at the start
            order = self._at_start(ast.order, name)
        if order is None or order != int(order) or order < 1:
            raise _Unsupported("the order of a SMOOTH or DELAY must be a whole constant")
        order = int(order)
        if smooth:
            if flow is not None:
                raise _Unsupported("a SMOOTH used as the flow of a stock is not supported")
            initial = (
                None
                if ast.initial == ast.input
                else self._to_dims(self._compile(ast.initial, name), dims, name)
            )
            if order == 1:
                self.m.smooth(
                    name, inp, tau, dims=dims, units=units, long_name=doc, initial=initial
                )
                return name
            part = (lambda tau: lambda v: tau(v) / order)(tau)
            previous = inp
            for i in range(1, order):
                previous = self.m.smooth(
                    f"{name}__smooth{i}", previous, part, dims=dims, units=units, initial=initial
                )
            self.m.smooth(
                name, previous, part, dims=dims, units=units, long_name=doc, initial=initial
            )
            return name
        fixed_time = self._fixed(ast.delay_time)
        if isinstance(ast, ae.DelayNStructure) and fixed_time is None:
            start_time = self._at_start(ast.delay_time, name)
            dt = self.control_values["time_step"]
            while start_time is not None and order > 1 and order * dt > start_time:
                order -= 1
            initial = self._to_dims(self._compile(ast.initial, name), dims, name)
            return self._delay_n_varying(name, inp, tau, initial, order, dims, units, doc, flow)
        if fixed_time is not None:
            # as Vensim and PySD: no more stages than whole TIME STEPs in the delay
            dt = self.control_values["time_step"]
            while order > 1 and order * dt > fixed_time:
                order -= 1
        target = None
        if flow is not None:
            if flow["source"] is not None:
                raise _Unsupported("a DELAY used as the outflow of a stock is not supported")
            target = self.ident[flow["target"]]
        if ast.initial == ast.input:
            initial = inp
        else:
            initial = self._to_dims(self._compile(ast.initial, name), dims, name)
        self._delay(name, inp, tau, initial, order, dims, units, doc, target)
        return name

    def _delay_n_varying(self, name, inp, tau, initial, order, dims, units, doc, flow) -> str:
        """``DELAY N`` with a delay time that changes, as Vensim and PySD compute it: stage
        ``j`` drains with the delay time of ``j`` steps before (each kept in a stock that
        takes the whole change in one step, so exact under Euler at ``TIME STEP``)."""
        if flow is not None:
            raise _Unsupported("a DELAY N with a changing delay time as a flow is not supported")
        dt = self.control_values["time_step"]
        m = self.m
        lags = [f"{name}__time{j}" for j in range(1, max(order, 2))]
        stages = [f"{name}__stage{j + 1}" for j in range(order)]

        def time_of(j):
            return tau if j == 0 else (lambda v, lag=lags[j - 1]: getattr(v, lag))

        for j, lag in enumerate(lags):
            before = time_of(j)
            m.stock(lag, lambda v: tau(v), dims=dims, nonnegative=False)
            m.flow(
                f"{lag}__shift",
                lambda v, b=before, lag=lag: (b(v) - getattr(v, lag)) / dt,
                target=lag,
                dims=dims,
            )
            m._mark_internal(lag)
            m._mark_internal(f"{lag}__shift")
        for j, st in enumerate(stages):
            own = time_of(j)
            if j == 0:
                coming = inp
            else:
                prev, prev_time = stages[j - 1], time_of(j - 1)
                coming = (lambda p, pt: lambda v: getattr(v, p) / pt(v))(prev, prev_time)
            m.stock(st, lambda v: initial(v) * tau(v), dims=dims, nonnegative=False)
            m.flow(
                f"{st}__net",
                lambda v, c=coming, st=st, own=own: (c(v) - getattr(v, st) / own(v)) * order,
                target=st,
                dims=dims,
            )
            m._mark_internal(st)
            m._mark_internal(f"{st}__net")
        # the output reads the delay time of the step before (PySD's order of updates)
        last, before = stages[-1], lags[0]
        m.aux(
            name,
            lambda v: getattr(v, last) / getattr(v, before),
            dims=dims,
            units=units,
            long_name=doc,
        )
        return name

    def _delay_fixed(self, name, ast, inp, dims, units, doc, flow) -> str:
        """``DELAY FIXED(input, delay, initial)``: a conveyor of ``n = round(delay / TIME
        STEP)`` stages, each emptied in one step. Under Euler at ``TIME STEP`` (the model's
        own clock, :func:`stockflow.run_clock`) a stage passes on exactly what it received
        a step before, so the output is the input ``n`` steps earlier, as in Vensim; other
        integrators see it as a delay of order ``n``."""
        delay = self._fixed(ast.delay_time)
        if delay is None:
            delay = self._at_start(ast.delay_time, name)
        dt = self.control_values["time_step"]
        if delay is None:
            raise _Unsupported(
                "DELAY FIXED with a delay time that depends on the model's state at the start"
            )
        # the delay time is read once, at the start, and rounded to whole steps (PySD)
        n = int(round(max(delay / dt, 1.0) + SMALL_VENSIM))
        target = None
        if flow is not None:
            if flow["source"] is not None:
                raise _Unsupported("a DELAY used as the outflow of a stock is not supported")
            target = self.ident[flow["target"]]
        initial = self._to_dims(self._compile(ast.initial, name), dims, name)
        length = n * dt
        self._delay(name, inp, lambda v: length, initial, n, dims, units, doc, target)
        return name

    def _at_start(self, ast, owner) -> float | None:
        """The value of scalar `ast` at the start when it reads only the time, constants
        and auxiliaries of those (not stocks), else None."""
        from stockflow.compile import Values

        by_ident = {ident: key for key, ident in self.ident.items()}
        builder = self

        class StartValues(Values):
            def __getattr__(self, ident):
                key = by_ident.get(ident)
                if key is None or builder.kinds[key] not in ("constant", "aux"):
                    raise AttributeError(ident)
                el = builder.elements[key]
                if builder.kinds[key] == "constant":
                    decl = builder._element_dims(el)
                    value = builder._constant_value(el, decl, builder._model_order(decl))[None]
                else:
                    if len(el.components) != 1:
                        raise AttributeError(ident)
                    value = builder._compile(el.components[0].ast, owner).fn(self)
                self.__dict__[ident] = value
                return value

        try:
            expr = self._compile(ast, owner)
            if expr.dims:
                return None
            value = np.asarray(expr.fn(StartValues({"t": 0.0, **self.m.lookups})), dtype=float)
            return float(value.reshape(-1)[0]) if value.size == 1 else None
        except Exception:  # it reads something not known before the run: not a start value
            return None

    def _fixed(self, ast) -> float | None:
        """The value of `ast` if it is a constant scalar expression (numbers, control
        variables, scalar constants of the model), else None."""

        def lookup(ref: str) -> float:
            if ref in CONTROL:
                return float(self.control_values[ref])
            el = self.elements.get(ref)
            if el is not None and len(el.components) == 1 and not el.components[0].subscripts[0]:
                comp = el.components[0]
                if self.kinds[ref] == "constant":
                    value = np.asarray(comp.ast, dtype=float)
                    if value.ndim == 0:
                        return float(value)
                elif self.kinds[ref] == "aux":
                    return _constant_expression(comp.ast, lookup, any_name=True)
            raise _Unsupported(f"{ref} is not a scalar constant")

        try:
            return _constant_expression(ast, lookup, any_name=True)
        except (_Unsupported, RecursionError):
            return None

    def _sample_if_true(self, name, ast, dims, units, doc, flow) -> str:
        """``SAMPLE IF TRUE(condition, input, initial)``: the input while the condition
        holds, else the value it had a step before. The value kept is a stock that takes
        the whole difference in one step: exact under Euler at ``TIME STEP``."""
        if flow is not None:
            raise _Unsupported("a SAMPLE IF TRUE used as the flow of a stock is not supported")
        cond = self._to_dims(self._compile(ast.condition, name), dims, name)
        inp = self._to_dims(self._compile(ast.input, name), dims, name)
        initial = self._to_dims(self._compile(ast.initial, name), dims, name)
        dt = self.control_values["time_step"]
        held = f"{name}__held"
        self.m.stock(held, initial, dims=dims, units=units, nonnegative=False)
        self.m._mark_internal(held)
        self.m.aux(
            name,
            lambda v: np.where(cond(v), inp(v), getattr(v, held)),
            dims=dims,
            units=units,
            long_name=doc,
        )
        self.m.flow(
            f"{held}__update",
            lambda v: (getattr(v, name) - getattr(v, held)) / dt,
            target=held,
            dims=dims,
        )
        self.m._mark_internal(f"{held}__update")
        return name

    def _forecast(self, name, ast, inp, dims, units, doc, flow) -> str:
        """Vensim ``FORECAST(input, average time, horizon, initial trend)`` as PySD
        computes it: the input extrapolated by its trend against a first-order smooth."""
        if flow is not None:
            raise _Unsupported("a FORECAST used as the flow of a stock is not supported")
        tau = self._to_dims(self._compile(ast.average_time, name), dims, name)
        horizon = self._to_dims(self._compile(ast.horizon, name), dims, name)
        trend0 = self._to_dims(self._compile(ast.initial_trend, name), dims, name)
        average = self.m.smooth(
            f"{name}__average",
            inp,
            tau,
            dims=dims,
            units=units,
            initial=lambda v: inp(v) / (1.0 + trend0(v)),
        )
        self.m._mark_internal(average)
        zidz = _ELEMENTWISE["zidz"][0]
        self.m.aux(
            name,
            lambda v: (
                inp(v)
                * (
                    1
                    + zidz(inp(v) - getattr(v, average), tau(v) * getattr(v, average)) * horizon(v)
                )
            ),
            dims=dims,
            units=units,
            long_name=doc,
        )
        return name

    def _trend(self, name, ast, inp, dims, units, doc, flow) -> str:
        """Vensim ``TREND(input, average time, initial trend)``: the fractional rate of
        change of `input` against its first-order smooth (as PySD computes it)."""
        if flow is not None:
            raise _Unsupported("a TREND used as the flow of a stock is not supported")
        tau = self._to_dims(self._compile(ast.average_time, name), dims, name)
        trend0 = self._to_dims(self._compile(ast.initial_trend, name), dims, name)
        average = self.m.smooth(
            f"{name}__average",
            inp,
            tau,
            dims=dims,
            units=units,
            initial=lambda v: inp(v) / (1.0 + trend0(v) * tau(v)),
        )
        self.m._mark_internal(average)
        zidz = _ELEMENTWISE["zidz"][0]
        self.m.aux(
            name,
            lambda v: zidz(inp(v) - getattr(v, average), tau(v) * np.abs(getattr(v, average))),
            dims=dims,
            long_name=doc,
        )
        return name

    def _delay(self, name, inp, tau, initial, order, dims, units, doc, target) -> None:
        """stockflow's material delay (:meth:`stockflow.Model.delay3`, with its names),
        its stages starting from `initial` instead of the input."""
        stock_units = str(parse_units(units) / PER_TIME)
        self.m._delay(
            name,
            inp,
            tau,
            order,
            dims,
            units,
            doc,
            None,
            target,
            initial=initial,
            stock_units=stock_units,
        )

    def _hidden_builtin(self, owner: str, ast, dims) -> str:
        self.hidden += 1
        name = f"{owner}__builtin{self.hidden}"
        self._builtin(name, ast, dims, "1", f"builtin inside the equation of {owner}")
        return name

    # -------------------------------------------------------- compilation
    def _to_dims(self, expr: _Expr, dims, owner) -> Callable:
        """`expr` as ``f(v)`` with shape ``(members, *dims)`` (or broadcastable)."""
        bang = [d for d in expr.dims if d.endswith("!")]
        if bang:
            raise _Unsupported(f"{bang[0]} outside SUM, PROD, VMAX or VMIN")
        for d in [d for d in expr.dims if d not in dims]:
            # a range mapped to one of the variable's ranges, or a subrange of one the
            # variable's own ranges is a subrange of: matched element by element
            target = [t for t in dims if t not in expr.dims and self._mapped(d, t)]
            if len(target) == 1:
                expr = _rename(expr, d, target[0], self.order)
        extra = [d for d in expr.dims if d not in dims]
        if extra:
            raise _Unsupported(f"its equation has dimension {extra[0]!r}, which it lacks")
        if expr.constant is not None:
            value = expr.constant
            return lambda v: value
        return _align(expr, tuple(dims), self.dims)

    def _compile(self, ast, owner: str) -> _Expr:
        from pysd.translators.structures import abstract_expressions as ae

        if isinstance(ast, bool | int | float | np.number):
            value = float(ast)
            if np.isnan(value):  # Vensim's :NA:, a missing value on purpose
                self.missing.add(owner)
            return _Expr(lambda v: value, (), value)
        if isinstance(ast, np.ndarray):
            raise _Unsupported("an array of numbers inside an equation is not supported")
        if isinstance(ast, ae.ReferenceStructure):
            return self._reference(ast, owner)
        if isinstance(ast, ae.ArithmeticStructure):
            return self._arithmetic(ast.operators, ast.arguments, owner)
        if isinstance(ast, ae.LogicStructure):
            return self._logic(ast.operators, ast.arguments, owner)
        if isinstance(ast, ae.CallStructure):
            return self._call(ast, owner)
        if isinstance(ast, ae.InlineLookupsStructure):
            self.hidden += 1
            lname = f"{owner}__lookup{self.hidden}"
            self._table(lname, ast.lookups)
            arg = self._compile(ast.argument, owner)
            return self._apply_lookup(lname, arg)
        if isinstance(ast, ae.AllocateByPriorityStructure):
            return self._allocate_by_priority(ast, owner)
        if isinstance(ast, ae.GameStructure):  # no gaming here: the expression itself
            return self._compile(ast.expression, owner)
        if isinstance(ast, _BUILTINS(ae)):
            inner = ast.initial if isinstance(ast, ae.InitialStructure) else ast.input
            dims = self._compile(inner, owner).dims
            if isinstance(ast, ae.SampleIfTrueStructure):
                parts = [self._compile(a, owner).dims for a in (ast.condition, ast.initial)]
                dims = _union([dims, *parts], self.order)
            if any(d.endswith("!") for d in dims):
                raise _Unsupported("a builtin over a dim! subscript is not supported")
            name = self._hidden_builtin(owner, ast, dims)
            return _Expr(lambda v: getattr(v, name), dims)
        raise _Unsupported(f"{type(ast).__name__} is not supported")

    def _reference(self, ast, owner) -> _Expr:
        ref = ast.reference
        if ref in self._scope:  # a name inside a macro: an argument, or the instance's own
            bound = self._scope[ref]
            if isinstance(bound, _Expr):
                if ast.subscripts:
                    raise _Unsupported("subscripted macro arguments are not supported")
                return bound
            ref = bound
            ast = type(ast)(reference=ref, subscripts=ast.subscripts)
        if ref == "time":
            t0 = self.t0
            return _Expr(lambda v: v.t + t0, ())
        if ref in CONTROL:  # constants of the run
            value = float(self.control_values[ref])
            return _Expr(lambda v: value, (), value)
        if ref in self.dim_names and not ast.subscripts and ref not in self.elements:
            # a dimension used as a value: each element's position, from 1 (Vensim)
            # the position in the range it belongs to (the first range holding all its
            # elements: ranges with the same elements in another order share numbers)
            d = self.dim_names[ref]
            keys = [_key(x) for x in self.dims[d]]
            root = next(r for r in self.order if all(k in self.labels[r] for k in keys))
            positions = np.array([1.0 + self.labels[root][k] for k in keys])[None]
            return _Expr(lambda v: positions, (d,))
        if ref not in self.elements:
            families = [d for d in self.order if ref in self.labels[d]]
            if families:  # an element used as a value: its position in its range
                value = 1.0 + self.labels[families[0]][ref]
                return _Expr(lambda v: value, (), value)
            raise _Unsupported(f"it refers to {ref!r}, which is not a variable")
        if self.kinds[ref] == "lookup":
            raise _Unsupported(f"lookup {ref!r} is used as a value")
        el = self.elements[ref]
        name = self.ident[ref]
        decl = self._element_dims(el)
        mdims = self._model_order(decl)
        subs = list(ast.subscripts.subscripts) if ast.subscripts else list(decl)
        if len(subs) != len(decl):
            raise _Unsupported(f"{ref} takes {len(decl)} subscripts, got {len(subs)}")
        keep: dict[str, str] = {}
        select: dict[str, int] = {}
        take: dict[str, tuple[str, np.ndarray]] = {}
        for d, s in zip(decl, subs, strict=True):
            bang = s.endswith("!")
            k = _key(s.rstrip("!"))
            r = self.dim_names.get(k)
            if r == d:
                keep[d] = d + ("!" if bang else "")
            elif r is not None and (pos := self._positions(r, d)) is not None:
                take[d] = (r + ("!" if bang else ""), pos)
            elif k in self.labels[d] and not bang:
                select[d] = self.labels[d][k]
            else:
                raise _Unsupported(
                    f"subscript {s!r} of {ref} is neither {d!r}, one of its elements, "
                    "a subrange nor a mapped range"
                )
        index = (slice(None),) + tuple(select.get(d, slice(None)) for d in mdims)
        expr = self._reference_value(name, mdims, keep, select, take, index, ref)
        # a range mapped to one of the equation's ranges is read element by element
        for e in [x for x in expr.dims if not x.endswith("!") and x not in self._context]:
            to = [c for c in self._context if c not in expr.dims and self._mapped(e, c)]
            if len(to) == 1:
                expr = _rename(expr, e, to[0], self.order)
        return expr

    def _reference_value(self, name, mdims, keep, select, take, index, ref) -> _Expr:
        if not take:
            out_dims = tuple(keep[d] for d in mdims if d in keep)
            if select:
                return _Expr(lambda v: getattr(v, name)[index], out_dims)
            return _Expr(lambda v: getattr(v, name), out_dims)
        # subranges and mapped ranges: take their elements, then put the axes in order
        remaining = [d for d in mdims if d not in select]
        labels = [take[d][0] if d in take else keep[d] for d in remaining]
        if len(set(x.rstrip("!") for x in labels)) != len(labels):
            raise _Unsupported(f"a reference to {ref} spans the same dimension twice")
        steps = [(1 + i, take[d][1]) for i, d in enumerate(remaining) if d in take]
        out_dims = tuple(sorted(labels, key=_sort_key(self.order)))
        perm = [0] + [1 + labels.index(x) for x in out_dims]
        sel = index if select else None

        def taken(v):
            x = getattr(v, name)
            x = x[sel] if sel is not None else x
            x = np.broadcast_to(x, (x.shape[0], *(len(self.dims[d]) for d in remaining)))
            for axis, pos in steps:
                x = np.take(x, pos, axis=axis)
            return np.transpose(x, perm)

        return _Expr(taken, out_dims)

    def _widen(self, expr: _Expr, sub_dim: str, dim: str) -> _Expr:
        """`expr` over `sub_dim` placed on the matching elements of `dim` (0 elsewhere)."""
        pos = self._positions(sub_dim, dim)
        if dim in expr.dims:
            raise _Unsupported(f"{sub_dim!r} and {dim!r} in one piece are not supported")
        own = tuple(expr.dims)
        new = tuple(sorted([d for d in own if d != sub_dim] + [dim], key=_sort_key(self.order)))
        f = _align(expr, own, self.dims)
        lengths = {d: len(self.dims[d.rstrip("!")]) for d in (*own, dim)}
        src = 1 + own.index(sub_dim)
        order_after = [d for d in own if d != sub_dim]
        dst = 1 + new.index(dim)

        def widened(v):
            x = np.asarray(f(v), dtype=float)
            if x.ndim == 0:
                x = x.reshape((1,) * (len(own) + 1))
            x = np.broadcast_to(x, (x.shape[0], *(lengths[d] for d in own)))
            x = np.moveaxis(x, src, -1)
            # remaining axes in `new` order, the widened one last
            rest = [1 + order_after.index(d) for d in new if d != dim]
            x = np.transpose(x, [0, *rest, x.ndim - 1])
            out = np.zeros((*x.shape[:-1], lengths[dim]))
            out[..., pos] = x
            return np.moveaxis(out, -1, dst)

        return _Expr(widened, new)

    def _combine(self, op, exprs: list[_Expr]) -> _Expr:
        dims = _union([e.dims for e in exprs], self.order)
        fns = [_align(e, dims, self.dims) for e in exprs]
        if all(e.constant is not None for e in exprs):
            value = float(op(*[e.constant for e in exprs]))
            return _Expr(lambda v: value, (), value)
        return _Expr(lambda v: op(*[f(v) for f in fns]), dims)

    def _arithmetic(self, ops, args, owner) -> _Expr:
        exprs = [self._compile(a, owner) for a in args]
        return _fold_arithmetic(list(ops), exprs, args, self._combine)

    def _logic(self, ops, args, owner) -> _Expr:
        exprs = [self._compile(a, owner) for a in args]
        if ops == [":NOT:"]:
            return self._combine(np.logical_not, exprs)
        out = exprs[0]
        for op, rhs in zip(ops, exprs[1:], strict=True):
            fn = _LOGIC.get(op.strip().upper() if op.startswith(":") else op)
            if fn is None:
                raise _Unsupported(f"operator {op!r} is not supported")
            out = self._combine(fn, [out, rhs])
        return out

    def _macro(self, sec, args, owner) -> _Expr:
        """One call of a macro: its variables declared afresh for this call (their own
        stocks), its parameters bound to the call's arguments; the value is the
        variable named like the macro."""
        if sec.returns:
            raise _Unsupported(f"macro {sec.name} with extra outputs is not supported")
        if len(args) != len(sec.params):
            raise _Unsupported(
                f"macro {sec.name} takes {len(sec.params)} arguments, got {len(args)}"
            )
        self.hidden += 1
        prefix = f"{owner}__{_identifier(sec.name)}{self.hidden}"
        scope = {_key(p): self._compile(a, owner) for p, a in zip(sec.params, args, strict=True)}
        fresh = {}
        for el in sec.elements:
            key = f"{prefix}__{_key(el.name)}"
            scope[_key(el.name)] = key
            fresh[key] = el
            self.elements[key] = el
            self.ident[key] = f"{prefix}__{_identifier(el.name)}"
            self.kinds[key] = self._kind(el)
            self.units[key] = self._read_units(el)
            if self.kinds[key] == "stock":
                self.net.add(key)
        result = scope.get(_key(sec.name))
        if result is None:
            raise _Unsupported(f"macro {sec.name} defines no variable of its own name")
        outer_scope, outer_context = self._scope, self._context
        self._scope = scope
        try:
            for key, el in sorted(fresh.items(), key=lambda kv: self.kinds[kv[0]] != "lookup"):
                self._declare(key, el)
                if key != result and self.ident[key] in self.m.variables:
                    self.m._mark_internal(self.ident[key])
        finally:
            self._scope, self._context = outer_scope, outer_context
        name = self.ident[result]
        dims = self._model_order(self._element_dims(self.elements[result]))
        return _Expr(lambda v: getattr(v, name), dims)

    def _apply_lookup(self, lname: str, arg: _Expr) -> _Expr:
        f = _align(arg, arg.dims, self.dims)
        if lname in self.tables:
            table = self.tables[lname]
            return _Expr(lambda v: table(f(v)), arg.dims)
        return _Expr(lambda v: getattr(v, lname)(f(v)), arg.dims)

    def _call(self, ast, owner) -> _Expr:
        fname = ast.function.reference
        args = list(ast.arguments)
        if fname in self.macros and fname not in self._scope:
            return self._macro(self.macros[fname], args, owner)
        if fname in self._scope and isinstance(self._scope[fname], str):
            fname = self._scope[fname]
        if fname in self.elements and self.kinds.get(fname) == "lookup":
            if len(args) != 1:
                raise _Unsupported(f"lookup {fname} called with {len(args)} arguments")
            if self.ident[fname] in self.lookup_sets:
                subs = ast.function.subscripts
                return self._call_lookup_set(
                    self.ident[fname],
                    subs.subscripts if subs else None,
                    self._compile(args[0], owner),
                )
            return self._apply_lookup(self.ident[fname], self._compile(args[0], owner))
        if fname == "elmcount" and len(args) == 1:
            d = self.dim_names.get(_key(getattr(args[0], "reference", "")))
            if d is None:
                raise _Unsupported("ELMCOUNT of something that is not a dimension")
            count = float(len(self.dims[d]))
            return _Expr(lambda v: count, (), count)
        exprs = [self._compile(a, owner) for a in args]
        if fname in ("vmin_xmile", "vmax_xmile") and len(exprs) == 1:
            (arg,) = exprs
            f, red = _align(arg, arg.dims, self.dims), (np.min if fname == "vmin_xmile" else np.max)
            axes = tuple(range(1, 1 + len(arg.dims)))
            return _Expr(lambda v: red(f(v), axis=axes) if axes else f(v), ())
        if fname in ("vmin_xmile", "vmax_xmile"):
            fname = "min" if fname == "vmin_xmile" else "max"
        if fname == "active_initial" and len(exprs) == 2:
            # the second argument while the initial values are computed, the first after
            from stockflow.integrate import INITIALIZING

            value, start = exprs
            dims = _union([value.dims, start.dims], self.order)
            fv, fs = _align(value, dims, self.dims), _align(start, dims, self.dims)
            return _Expr(lambda v: fs(v) if getattr(v, INITIALIZING, False) else fv(v), dims)
        if fname in ("vector_sort_order", "vector_rank", "vector_reorder") and len(exprs) == 2:
            return self._vector_order(fname, args[0], exprs)
        if fname == "vector_select" and len(exprs) == 5:
            return self._vector_select(*exprs)
        if fname == "get_time_value" and len(exprs) == 3:
            relative, offset, measure = exprs
            if relative.constant != 0 or measure.constant != 0:
                raise _Unsupported(
                    "GET TIME VALUE is supported relative to the model's time (0) in its "
                    "own unit (0) only"
                )
            t0 = self.t0
            return self._combine(lambda t, o: t + o, [_Expr(lambda v: v.t + t0, ()), offset])
        if fname == "invert_matrix" and len(exprs) == 2:
            arg = exprs[0]
            if len(arg.dims) < 2 or any(d.endswith("!") for d in arg.dims):
                raise _Unsupported("INVERT MATRIX needs a matrix over two ranges")
            f = _align(arg, arg.dims, self.dims)
            lengths = [len(self.dims[d]) for d in arg.dims]

            def inverted(v):
                x = np.asarray(f(v), dtype=float)
                x = np.broadcast_to(x, (x.shape[0] if x.ndim else 1, *lengths))
                try:
                    return np.linalg.inv(x)
                except np.linalg.LinAlgError:  # singular: no inverse (NaN, reported by a run)
                    return np.full(x.shape, np.nan)

            return _Expr(inverted, arg.dims)
        if fname == "pulse_train" and len(exprs) == 4:
            return self._pulse_train(exprs)
        if fname in _ELEMENTWISE:
            fn, n = _ELEMENTWISE[fname]
            if len(exprs) != n:
                raise _Unsupported(f"{fname.upper()} takes {n} arguments, got {len(exprs)}")
            return self._combine(fn, exprs)
        if fname in _REDUCE:
            (arg,) = exprs
            axes = tuple(1 + i for i, d in enumerate(arg.dims) if d.endswith("!"))
            if not axes:
                raise _Unsupported(f"{fname.upper()} needs a dim! subscript")
            dims = tuple(d for d in arg.dims if not d.endswith("!"))
            f, red = _align(arg, arg.dims, self.dims), _REDUCE[fname]
            return _Expr(lambda v: red(f(v), axis=axes), dims)
        if fname in ("step", "pulse", "ramp"):
            return self._time_function(fname, exprs)
        raise _Unsupported(f"function {fname.upper()} is not supported")

    def _last_range(self, ast, expr: _Expr) -> str | None:
        """The range of the last subscript of reference `ast`, as it appears in `expr`."""
        subs = getattr(getattr(ast, "subscripts", None), "subscripts", None)
        last = self.dim_names.get(_key(subs[-1].rstrip("!"))) if subs else None
        if last is not None and last not in expr.dims:  # read through a mapping
            mapped = [c for c in expr.dims if self._mapped(last, c)]
            last = mapped[0] if len(mapped) == 1 else None
        return last if last in expr.dims else None

    def _allocate_by_priority(self, ast, owner) -> _Expr:
        """``ALLOCATE BY PRIORITY(request, priority, size, width, supply)`` along the last
        subscript of the request, with PySD's own one-dimensional allocation."""
        from pysd.py_backend.allocation import _allocate_by_priority_1d

        request = self._compile(ast.request, owner)
        last = self._last_range(ast.request, request)
        if last is None:
            raise _Unsupported("ALLOCATE BY PRIORITY of a request that is not subscripted")
        priority, width, supply = (
            self._compile(a, owner) for a in (ast.priority, ast.width, ast.supply)
        )
        dims = _union([request.dims, priority.dims, width.dims, supply.dims], self.order)
        if any(d.endswith("!") for d in dims):
            raise _Unsupported("ALLOCATE BY PRIORITY over dim! subscripts is not supported")
        lengths = [len(self.dims[d]) for d in dims]
        axis = 1 + dims.index(last)
        fns = [_align(e, dims, self.dims) for e in (request, priority, width, supply)]

        def allocated(v):
            arrays = [np.asarray(f(v), dtype=float) for f in fns]
            k = max(a.shape[0] if a.ndim else 1 for a in arrays)
            req, pri, wid, sup = (
                np.moveaxis(np.broadcast_to(a, (k, *lengths)), axis, -1) for a in arrays
            )
            out = np.zeros(req.shape)
            for ix in np.ndindex(*req.shape[:-1]):
                out[ix] = _allocate_by_priority_1d(req[ix], pri[ix], wid[ix][0], sup[ix][0])
            return np.moveaxis(out, -1, axis)

        return _Expr(allocated, dims)

    def _vector_order(self, fname, first_ast, exprs) -> _Expr:
        """``VECTOR SORT ORDER``, ``VECTOR RANK`` and ``VECTOR REORDER`` along the last
        subscript of the vector, as PySD computes them (positions from 0, ranks from 1)."""
        subs = getattr(getattr(first_ast, "subscripts", None), "subscripts", None)
        last = self.dim_names.get(_key(subs[-1])) if subs else None
        vector, other = exprs
        if last is not None and last not in vector.dims:  # read through a mapping
            mapped = [c for c in vector.dims if self._mapped(last, c)]
            last = mapped[0] if len(mapped) == 1 else None
        if last is None or last not in vector.dims:
            raise _Unsupported(f"{fname.upper()} of something that is not a subscripted vector")
        axis = 1 + vector.dims.index(last)
        lengths = [len(self.dims[d]) for d in vector.dims]
        fv = _align(vector, vector.dims, self.dims)

        def full(f, v):
            x = np.asarray(f(v), dtype=float)
            return np.broadcast_to(x, (x.shape[0] if x.ndim else 1, *lengths))

        if fname == "vector_reorder":
            order = other
            for d in [d for d in order.dims if d not in vector.dims]:
                to = [c for c in vector.dims if c not in order.dims and self._mapped(d, c)]
                if len(to) != 1:
                    raise _Unsupported("VECTOR REORDER with an order over other ranges")
                order = _rename(order, d, to[0], self.order)
            fo = _align(order, vector.dims, self.dims)

            def reordered(v):
                x = full(fv, v)
                idx = np.broadcast_to(np.asarray(fo(v)), x.shape).astype(int)
                return np.take_along_axis(x, idx, axis=axis)

            return _Expr(reordered, vector.dims)
        if other.constant is None:
            raise _Unsupported(f"{fname.upper()} with a direction that is not a constant")
        descending = other.constant <= 0

        def sort_order(v):
            idx = np.argsort(full(fv, v), axis=axis)
            return np.flip(idx, axis=axis) if descending else idx

        if fname == "vector_sort_order":
            return _Expr(lambda v: sort_order(v).astype(float), vector.dims)
        return _Expr(
            lambda v: (np.argsort(sort_order(v), axis=axis) + 1).astype(float), vector.dims
        )

    def _vector_select(self, sel, values, missing, action, _errors) -> _Expr:
        """Vensim ``VECTOR SELECT(selection, expression, missing, numerical action,
        error action)`` over the ``dim!`` ranges, as PySD computes it (the error action
        is not checked)."""
        union = _union([sel.dims, values.dims], self.order)
        axes = tuple(1 + i for i, d in enumerate(union) if d.endswith("!"))
        if not axes:
            raise _Unsupported("VECTOR SELECT needs dim! subscripts")
        out_dims = tuple(d for d in union if not d.endswith("!"))
        fs, fe = _align(sel, union, self.dims), _align(values, union, self.dims)
        fm = _align(missing, out_dims, self.dims)
        fa = action.fn
        reduce = {0: np.nansum, 1: np.nanprod, 2: np.nanmin, 3: np.nanmax, 4: np.nanmean}

        def selected(v):
            s_, e_ = np.broadcast_arrays(np.asarray(fs(v), float), np.asarray(fe(v), float))
            a = int(np.asarray(fa(v)).reshape(-1)[0])
            if a == 5:
                picked = e_**s_
            elif a <= 4:
                picked = s_ * e_
            else:
                picked = e_
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore", RuntimeWarning)
                arr = np.where(s_ == 0, np.nan, picked)
                out = reduce[{5: 1, 6: 0, 7: 1, 8: 2, 9: 3, 10: 4}.get(a, a)](arr, axis=axes)
            zeros = np.all(s_ == 0, axis=axes)
            return np.where(zeros, fm(v), out)

        return _Expr(selected, out_dims)

    def _pulse_train(self, exprs) -> _Expr:
        """Vensim ``PULSE TRAIN(start, interval, width, end)`` as PySD computes it."""
        t0 = self.t0
        time = _Expr(lambda v: v.t + t0, ())

        def train(t, start, repeat, width, end):
            with np.errstate(divide="ignore", invalid="ignore"):
                on = (t - start + SMALL_VENSIM) % repeat < width
            return np.where((start <= t) & (t < end) & on, 1.0, 0.0)

        return self._combine(train, [time, *exprs])

    def _time_function(self, fname, exprs) -> _Expr:
        t0 = self.t0
        time = _Expr(lambda v: v.t + t0, ())
        if fname == "pulse" and len(exprs) != 2:
            raise _Unsupported("PULSE with more than two arguments is not supported")
        # the switch times: STEP(height, start), PULSE(start, width), RAMP(slope, start, end)
        times = {"step": exprs[1:2], "pulse": exprs[:1], "ramp": exprs[1:3]}[fname]
        if fname == "pulse" and all(e.constant is not None for e in exprs):
            times = [*times, _Expr(None, (), exprs[0].constant + exprs[1].constant)]
        self.m.add_breakpoints(*(e.constant - t0 for e in times if e.constant is not None))
        if fname == "step":
            return self._combine(lambda t, h, s: step(t, h, s), [time, *exprs])
        if fname == "pulse":
            return self._combine(lambda t, s, w: pulse(t, s, w), [time, *exprs])
        if len(exprs) == 2:
            return self._combine(lambda t, a, s: ramp(t, a, s), [time, *exprs])
        return self._combine(lambda t, a, s, e: ramp(t, a, s, e), [time, *exprs])


def _BUILTINS(ae) -> tuple[type, ...]:  # noqa: N802 (a constant, built on demand)
    """PySD's structures that become stockflow builtins (stocks of their own)."""
    return (
        ae.SmoothStructure,
        ae.SmoothNStructure,
        ae.DelayStructure,
        ae.DelayNStructure,
        ae.InitialStructure,
        ae.TrendStructure,
        ae.DelayFixedStructure,
        ae.SampleIfTrueStructure,
        ae.ForecastStructure,
    )


def _data_function(times: np.ndarray, values: np.ndarray, interp: str) -> Callable:
    """``f(t)`` giving data `values` (shape ``(len(times), *dims)``) at model time `t`:
    the value at a listed time; the first or last beyond them; between them interpolated,
    the next (``look_forward``), the last (``hold_backward``), or NaN (``raw``)."""
    flat = values.reshape(len(times), -1)
    shape = values.shape[1:]

    def at(t):
        t = float(np.asarray(t).reshape(-1)[0])
        exact = np.flatnonzero(np.isclose(times, t, rtol=0, atol=1e-9))
        if exact.size:
            row = flat[exact[0]]
        elif interp == "raw":
            row = np.full(flat.shape[1], np.nan)
        elif t > times[-1]:
            row = flat[-1]
        elif t < times[0]:
            row = flat[0]
        elif interp == "interpolate":
            i = int(np.searchsorted(times, t))
            w = (t - times[i - 1]) / (times[i] - times[i - 1])
            row = (1 - w) * flat[i - 1] + w * flat[i]
        elif interp == "look_forward":
            row = flat[int(np.searchsorted(times, t))]
        else:  # hold_backward
            row = flat[int(np.searchsorted(times, t)) - 1]
        return row.reshape((1, *shape)) if shape else row.reshape(1)

    return at


def _interpolation(x: np.ndarray, y: np.ndarray) -> Callable:
    """A lookup's interpolation: linear between points, held beyond the ends."""
    return lambda a: np.interp(a, x, y)


def _table_function(x: np.ndarray, y: np.ndarray, kind: str) -> Callable:
    """PySD's ``hold_backward`` (the value of the last point at or before `x`) and
    ``extrapolate`` (linear beyond the ends) lookups."""
    if kind == "hold_backward":

        def hold(v):
            i = np.searchsorted(x, np.asarray(v, dtype=float), side="right") - 1
            return y[np.clip(i, 0, len(x) - 1)]

        return hold
    lo = (y[1] - y[0]) / (x[1] - x[0])
    hi = (y[-1] - y[-2]) / (x[-1] - x[-2])

    def extrapolate(v):
        v = np.asarray(v, dtype=float)
        below = y[0] + lo * (v - x[0])
        above = y[-1] + hi * (v - x[-1])
        return np.where(v < x[0], below, np.where(v > x[-1], above, np.interp(v, x, y)))

    return extrapolate


def _negative_literal(ast) -> bool:
    return isinstance(ast, int | float | np.number) and not isinstance(ast, bool) and ast < 0


def _fold_arithmetic(ops: list[str], values: list, asts, combine=None):
    """Apply a flat chain of arithmetic operators with Vensim's and XMILE's precedence.

    ``^`` binds tightest and groups to the right (``a^b^c`` is ``a^(b^c)``); ``*`` and
    ``/``, then ``+`` and ``-``, group to the left. PySD's parser folds a leading minus
    into a number (``-2^2`` reaches us as ``(-2)^2``): a negative number as the base of
    ``^`` is read as ``-(2^2)``, so unary minus binds looser than ``^`` as both languages
    define it. `combine(fn, [a, b])` applies an operator to two values (plain call by
    default).
    """
    combine = combine or (lambda fn, args: fn(*args))
    if ops == ["negative"]:
        return combine(np.negative, values)
    for op in ops:
        if op not in _ARITH:
            raise _Unsupported(f"operator {op!r} is not supported")
    # 1. runs of ^, right to left
    vals, rest = [], []
    i = 0
    while i < len(values):
        j = i
        while j < len(ops) and ops[j] == "^":
            j += 1
        acc = values[j]
        for k in range(j - 1, i - 1, -1):
            if _negative_literal(asts[k]):
                size = combine(np.negative, [values[k]])
                acc = combine(np.negative, [combine(np.power, [size, acc])])
            else:
                acc = combine(np.power, [values[k], acc])
        vals.append(acc)
        if j < len(ops):
            rest.append(ops[j])
        i = j + 1
    # 2. * and /, then + and -, left to right
    for level in (("*", "/"), ("+", "-")):
        out, out_ops = [vals[0]], []
        for op, v in zip(rest, vals[1:], strict=True):
            if op in level:
                out[-1] = combine(_ARITH[op], [out[-1], v])
            else:
                out.append(v)
                out_ops.append(op)
        vals, rest = out, out_ops
    return vals[0]


def _constant_expression(ast, lookup: Callable[[str], float], any_name: bool = False) -> float:
    """The value of a constant expression: numbers, arithmetic, and other names through
    `lookup` (the control variables: ``SAVEPER = TIME STEP``)."""
    from pysd.translators.structures import abstract_expressions as ae

    if isinstance(ast, bool | int | float | np.number):
        return float(ast)
    if isinstance(ast, ae.ReferenceStructure) and not ast.subscripts:
        if ast.reference not in CONTROL and not any_name:
            raise _Unsupported(f"it refers to {ast.reference!r}")
        return lookup(ast.reference)
    if isinstance(ast, ae.ArithmeticStructure):
        args = [_constant_expression(a, lookup, any_name) for a in ast.arguments]
        return float(_fold_arithmetic(list(ast.operators), args, ast.arguments))
    raise _Unsupported(f"{type(ast).__name__} is not a constant")


def _signed_terms(ast, ae) -> list[tuple[int, Any]] | None:
    """``[(+1, ref), (-1, ref), ...]`` when `ast` is a sum/difference of references."""
    if isinstance(ast, ae.ReferenceStructure):
        return [(1, ast)]
    if not isinstance(ast, ae.ArithmeticStructure):
        return None
    if ast.operators == ["negative"]:
        inner = _signed_terms(ast.arguments[0], ae)
        return None if inner is None else [(-s, r) for s, r in inner]
    if any(op not in ("+", "-") for op in ast.operators):
        return None
    out = []
    for sign, arg in zip(
        [1] + [1 if op == "+" else -1 for op in ast.operators], ast.arguments, strict=True
    ):
        inner = _signed_terms(arg, ae)
        if inner is None:
            return None
        out += [(sign * s, r) for s, r in inner]
    return out


def _without_except(comp):
    """A copy of a PySD component without its :EXCEPT: subscripts."""
    import copy

    out = copy.copy(comp)
    out.subscripts = (comp.subscripts[0], [])
    return out


def _rename(expr: _Expr, old: str, new: str, order) -> _Expr:
    """`expr` with its axis `old` read as `new` (same length, element by element)."""
    own = tuple(expr.dims)
    renamed = tuple(new if d == old else d for d in own)
    out = tuple(sorted(renamed, key=_sort_key(order)))
    perm = [0] + [1 + renamed.index(d) for d in out]
    fn = expr.fn

    def moved(v):
        x = np.asarray(fn(v))
        return np.transpose(x, perm) if x.ndim == len(perm) else x

    return _Expr(moved, out, expr.constant)


def _sort_key(order):
    def key(d):
        base = d.rstrip("!")
        return (order.index(base), d.endswith("!"))

    return key


def _union(dims_list, order) -> tuple[str, ...]:
    return tuple(sorted({d for dims in dims_list for d in dims}, key=_sort_key(order)))


def _align(expr: _Expr, target: tuple[str, ...], dims: dict[str, tuple[str, ...]]):
    """``expr.fn`` with its value reshaped to broadcast against `target` dims."""
    fn = expr.fn
    if expr.dims == target or expr.constant is not None:
        return fn
    lengths = [len(dims[d.rstrip("!")]) if d in expr.dims else 1 for d in target]
    n_own = len(expr.dims)

    def aligned(v):
        x = fn(v)
        arr = np.asarray(x)
        if arr.ndim == 0:
            return x
        if arr.ndim != n_own + 1:  # a value without a member axis (time): scalar
            return x
        return arr.reshape((arr.shape[0], *lengths))

    return aligned


def _safe(fn):
    def wrapped(*args):
        with np.errstate(divide="ignore", invalid="ignore"):
            return fn(*args)

    return wrapped


_ARITH = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.true_divide,
    "^": np.power,
}
_LOGIC = {
    ":AND:": np.logical_and,
    ":OR:": np.logical_or,
    "=": np.equal,
    "<>": np.not_equal,
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
}
_ELEMENTWISE = {
    "min": (np.minimum, 2),
    "max": (np.maximum, 2),
    "abs": (np.abs, 1),
    "exp": (np.exp, 1),
    "ln": (np.log, 1),
    "sqrt": (np.sqrt, 1),
    "sin": (np.sin, 1),
    "cos": (np.cos, 1),
    "tan": (np.tan, 1),
    "arcsin": (np.arcsin, 1),
    "arccos": (np.arccos, 1),
    "arctan": (np.arctan, 1),
    "integer": (np.trunc, 1),
    "power": (np.power, 2),
    "log": (lambda x, base: np.log(x) / np.log(base), 2),
    "modulo": (lambda x, m: x - m * np.trunc(x / m), 2),
    "xidz": (_safe(lambda a, b, x: np.where(b == 0, x, a / np.where(b == 0, 1.0, b))), 3),
    "zidz": (_safe(lambda a, b: np.where(b == 0, 0.0, a / np.where(b == 0, 1.0, b))), 2),
    "if_then_else": (lambda c, a, b: np.where(c, a, b), 3),
    "sinh": (np.sinh, 1),
    "cosh": (np.cosh, 1),
    "tanh": (np.tanh, 1),
    "pi": (lambda: np.pi, 0),
    "quantum": (
        _safe(lambda a, b: np.where(b < SMALL_VENSIM, a, b * np.trunc(a / np.where(b == 0, 1, b)))),
        2,
    ),
}
_REDUCE = {"sum": np.sum, "prod": np.prod, "vmax": np.max, "vmin": np.min}
