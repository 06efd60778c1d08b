"""The binational stock-flow model: its parameters, what calibration estimates, its equations.

- :mod:`sdmig.model.parameters`: every parameter's value, units, range and source;
- :mod:`sdmig.model.estimable`: the parameters calibration estimates and the saved estimates;
- :mod:`sdmig.model.border`: the model declared on :mod:`stockflow` (:class:`BorderModel`).
"""
