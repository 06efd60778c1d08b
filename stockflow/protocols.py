"""What code built on stockflow may ask of an application's model object.

An application wraps a :class:`~stockflow.Model` in a class of its own (its parameters, its
scenarios, its defaults). Code that runs ensembles, sensitivity analyses or imports over
*any* such object needs only the declared model and its compiled form; :class:`ModelHolder`
names that contract, so the engine never needs to know the application.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from stockflow.compile import CompiledModel
from stockflow.model import Model


@runtime_checkable
class ModelHolder(Protocol):
    """An object that holds a declared stockflow model and its compiled form.

    Attributes
    ----------
    stockflow_model : Model
        The declared model; its parameters' defaults are the holder's values.
    compiled : CompiledModel
        ``compile_model(stockflow_model)``, built once.

    Examples
    --------
    >>> from stockflow import Model, compile_model
    >>> class Holder:
    ...     def __init__(self, m):
    ...         self.stockflow_model = m
    ...         self.compiled = compile_model(m)
    >>> m = Model("decay", start="2020-01")
    >>> _ = m.stock("x", 1.0)
    >>> isinstance(Holder(m), ModelHolder)
    True
    """

    @property
    def stockflow_model(self) -> Model: ...

    @property
    def compiled(self) -> CompiledModel: ...
