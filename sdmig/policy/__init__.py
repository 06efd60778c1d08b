"""Policy: levers (plugins), their registry, scenario files and the brief's benchmarks.

Plugin authors import the lever API from here::

    from sdmig.policy import Lever, Param, Timing
"""

from sdmig.policy.levers import Lever, Param, Timing

__all__ = ["Lever", "Param", "Timing"]
