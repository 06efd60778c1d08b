"""Exceptions and warnings raised by stockflow.

Policy: a custom exception exists only where ``ValueError`` or ``TypeError`` alone would
describe the problem wrongly; each one still derives from the built-in it refines, so
``except ValueError`` keeps working. Every warning derives from :class:`StockflowWarning`,
so a user can filter all of them at once.
"""


class StockflowError(Exception):
    """Base class of every error raised by stockflow."""


class DeclarationError(StockflowError, ValueError):
    """A model declaration is invalid: unknown variable, dimension mismatch, cycle, ...

    The message always names the variable at fault.
    """


class IntegrationError(StockflowError, RuntimeError):
    """The solver failed; carries the time reached and the solver's own message.

    Parameters
    ----------
    message : str
        What failed, for the user.
    t_reached : float
        Model time the integration reached [months].
    solver_message : str
        The solver's own explanation.

    Examples
    --------
    >>> err = IntegrationError("stopped", t_reached=3.5, solver_message="step size too small")
    >>> err.t_reached, err.solver_message
    (3.5, 'step size too small')
    """

    def __init__(self, message: str, *, t_reached: float, solver_message: str):
        super().__init__(message)
        self.t_reached = t_reached
        self.solver_message = solver_message


class LedgerError(StockflowError, AssertionError):
    """A stock's accounts do not balance within the stated tolerance."""


class StockflowWarning(UserWarning):
    """Base class of every warning issued by stockflow."""
