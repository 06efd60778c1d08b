"""
Python model 'test_zeroled_decimals.py'
Translated using PySD
"""

from pathlib import Path

from pysd.py_backend.statefuls import Integ
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 10,
    "time_step": lambda: 1,
    "saveper": lambda: time_step(),
}


def _init_outer_references(data):
    for key in data:
        __data[key] = data[key]


@component.add(name="Time")
def time():
    """
    Current time of the model.
    """
    return __data["time"]()


@component.add(
    name="INITIAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="FINAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="TIME STEP", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def time_step():
    """
    The time step for the simulation.
    """
    return __data["time"].time_step()


@component.add(
    name="SAVEPER",
    units="Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time_step": 1},
)
def saveper():
    """
    The save time step for the simulation.
    """
    return __data["time"].saveper()


#######################################################################
#                           MODEL VARIABLES                           #
#######################################################################


@component.add(
    name="flow7", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"time": 1}
)
def flow7():
    return time()


@component.add(name="flow1", comp_type="Constant", comp_subtype="Normal")
def flow1():
    return 0.34


@component.add(name="flow1n", comp_type="Constant", comp_subtype="Normal")
def flow1n():
    return 0.1


@component.add(name="flow1p", comp_type="Constant", comp_subtype="Normal")
def flow1p():
    return 0.4


@component.add(name="flow2", comp_type="Constant", comp_subtype="Normal")
def flow2():
    return -0.67


@component.add(name="flow3", comp_type="Constant", comp_subtype="Normal")
def flow3():
    return 0.72


@component.add(name="flow4", comp_type="Constant", comp_subtype="Normal")
def flow4():
    return 3e-05


@component.add(name="flow5", comp_type="Constant", comp_subtype="Normal")
def flow5():
    return 0.5


@component.add(name="flow6", comp_type="Constant", comp_subtype="Normal")
def flow6():
    return 0.1223


@component.add(name="flow8", comp_type="Constant", comp_subtype="Normal")
def flow8():
    return 0.3


@component.add(
    name="stock0",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock0": 1},
    other_deps={"_integ_stock0": {"initial": {}, "step": {}}},
)
def stock0():
    return _integ_stock0()


_integ_stock0 = Integ(lambda: 0, lambda: 0.34, "_integ_stock0")


@component.add(
    name="stock1neg",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock1neg": 1},
    other_deps={"_integ_stock1neg": {"initial": {}, "step": {"flow1n": 1}}},
)
def stock1neg():
    return _integ_stock1neg()


_integ_stock1neg = Integ(lambda: -flow1n(), lambda: 0, "_integ_stock1neg")


@component.add(
    name="stock1pos",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock1pos": 1},
    other_deps={"_integ_stock1pos": {"initial": {}, "step": {"flow1p": 1}}},
)
def stock1pos():
    return _integ_stock1pos()


_integ_stock1pos = Integ(lambda: flow1p(), lambda: 0.4, "_integ_stock1pos")


@component.add(
    name="stockmixed",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stockmixed": 1},
    other_deps={
        "_integ_stockmixed": {
            "initial": {},
            "step": {"flow6": 1, "flow5": 1, "flow7": 1, "flow8": 1},
        }
    },
)
def stockmixed():
    return _integ_stockmixed()


_integ_stockmixed = Integ(
    lambda: flow6() - flow5() - flow7() - flow8(), lambda: 0, "_integ_stockmixed"
)


@component.add(
    name="stocknegatives",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stocknegatives": 1},
    other_deps={
        "_integ_stocknegatives": {"initial": {}, "step": {"flow2": 1, "flow4": 1}}
    },
)
def stocknegatives():
    return _integ_stocknegatives()


_integ_stocknegatives = Integ(
    lambda: -flow2() - flow4(), lambda: 0.25, "_integ_stocknegatives"
)


@component.add(
    name="stockpositives",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stockpositives": 1},
    other_deps={
        "_integ_stockpositives": {"initial": {}, "step": {"flow1": 1, "flow3": 1}}
    },
)
def stockpositives():
    return _integ_stockpositives()


_integ_stockpositives = Integ(
    lambda: flow1() + flow3(), lambda: 0, "_integ_stockpositives"
)
