"""
Python model 'test_vector_select.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import vector_select
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "dim1": ["A1", "A2", "A3", "A4", "A5"],
    "dim2": ["B1", "B2", "B3", "B4"],
    "dim3": ["C1", "C2", "C3"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 4,
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
    name="FINAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="SAVEPER",
    units="Month",
    limits=(0.0, np.nan),
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time_step": 1},
)
def saveper():
    """
    The frequency with which output is stored.
    """
    return __data["time"].saveper()


@component.add(
    name="TIME STEP",
    units="Month",
    limits=(0.0, np.nan),
    comp_type="Constant",
    comp_subtype="Normal",
)
def time_step():
    """
    The time step for the simulation.
    """
    return __data["time"].time_step()


#######################################################################
#                           MODEL VARIABLES                           #
#######################################################################


@component.add(
    name="Eout2 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input2b": 1},
)
def eout2_1():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        input2b()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Aout1 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input1": 1, "time": 1},
)
def aout1_0():
    return vector_select(
        selection_array_no_zeros().rename({"dim1": "dim1!"}),
        input1().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Aout1 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input1b": 1},
)
def aout1_1():
    return vector_select(
        selection_array_no_zeros().rename({"dim1": "dim1!"}),
        input1b().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Aout2 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input2b": 1},
)
def aout2_1():
    return vector_select(
        selection_array_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        input2b()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Gout1 1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input1b": 1},
)
def gout1_1():
    return vector_select(
        selection_matrix_one_nonzero().rename({"dim1": "dim1!"}),
        input1b()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Fout1 1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input1b": 1},
)
def fout1_1():
    return vector_select(
        selection_matrix_no_zeros().rename({"dim1": "dim1!"}),
        input1b()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Gout2 1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input2b": 1},
)
def gout2_1():
    return vector_select(
        selection_matrix_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input2b()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Fout2 1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input2b": 1},
)
def fout2_1():
    return vector_select(
        selection_matrix_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input2b()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Bout1 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input1": 1, "time": 1},
)
def bout1_0():
    return vector_select(
        selection_array_one_nonzero().rename({"dim1": "dim1!"}),
        input1().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Bout1 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input1b": 1},
)
def bout1_1():
    return vector_select(
        selection_array_one_nonzero().rename({"dim1": "dim1!"}),
        input1b().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Dout2 1",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input2b": 1},
)
def dout2_1():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim2": "dim2!"}),
        input2b()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
        ["dim2!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Bout2 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input2b": 1},
)
def bout2_1():
    return vector_select(
        selection_array_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        input2b()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="input2b", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def input2b():
    return xr.DataArray(
        [0.5, 1.2, 0.3, 1.0], {"dim2": _subscript_dict["dim2"]}, ["dim2"]
    )


@component.add(
    name="Eout1 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input1": 1, "time": 1},
)
def eout1_0():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Hout2 1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input2b": 1},
)
def hout2_1():
    return vector_select(
        selection_matrix_one_nonzero_per_column()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input2b()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="input1b", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def input1b():
    return xr.DataArray(
        [0.5, 1.2, 0.3, 1.0, 1.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"]
    )


@component.add(
    name="Cout1 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input1": 1, "time": 1},
)
def cout1_0():
    return vector_select(
        selection_array_all_zeros().rename({"dim1": "dim1!"}),
        input1().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Cout1 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input1b": 1},
)
def cout1_1():
    return vector_select(
        selection_array_all_zeros().rename({"dim1": "dim1!"}),
        input1b().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Hout1 1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input1b": 1},
)
def hout1_1():
    return vector_select(
        selection_matrix_one_nonzero_per_column().rename({"dim1": "dim1!"}),
        input1b()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Gout1 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input1": 1, "time": 1},
)
def gout1_0():
    return vector_select(
        selection_matrix_one_nonzero().rename({"dim1": "dim1!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Cout2 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input2b": 1},
)
def cout2_1():
    return vector_select(
        selection_array_all_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        input2b()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Fout1 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input1": 1, "time": 1},
)
def fout1_0():
    return vector_select(
        selection_matrix_no_zeros().rename({"dim1": "dim1!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Dout1 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input1": 1, "time": 1},
)
def dout1_0():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Hout1 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input1": 1, "time": 1},
)
def hout1_0():
    return vector_select(
        selection_matrix_one_nonzero_per_column().rename({"dim1": "dim1!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Eout1 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input1b": 1},
)
def eout1_1():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        input1b()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Dout1 1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input1b": 1},
)
def dout1_1():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!"}),
        input1b()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Fout5 1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input5": 1},
)
def fout5_1():
    return vector_select(
        selection_matrix_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 2),
        input5()
        .rename({"dim1": "dim1!", "dim3": "dim3!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim3!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Eout5 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input5": 1},
)
def eout5_1():
    return vector_select(
        selection_matrix_all_zeros()
        .rename({"dim1": "dim1!", "dim2": "dim2!"})
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 2),
        input5()
        .rename({"dim1": "dim1!", "dim3": "dim3!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        ["dim1!", "dim2!", "dim3!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Aout5 1",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input5": 1},
)
def aout5_1():
    return vector_select(
        selection_array_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        input5().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Gout5 1",
    subscripts=["dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input5": 1},
)
def gout5_1():
    return vector_select(
        selection_matrix_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 2),
        input5()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Bout5 1",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input5": 1},
)
def bout5_1():
    return vector_select(
        selection_array_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        input5().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Cout5 1",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input5": 1},
)
def cout5_1():
    return vector_select(
        selection_array_all_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        input5().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Hout5 1",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input5": 1},
)
def hout5_1():
    return vector_select(
        selection_matrix_one_nonzero_per_column()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim1": _subscript_dict["dim1"]}, 2)
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 3),
        input5()
        .rename({"dim3": "dim3!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim3!"],
        -12345,
        5,
        0,
    ).transpose("dim1", "dim2")


@component.add(
    name="Dout5 1",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input5": 1},
)
def dout5_1():
    return vector_select(
        selection_matrix_all_zeros()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 2),
        input5()
        .rename({"dim3": "dim3!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        ["dim2!", "dim3!"],
        -12345,
        5,
        0,
    )


@component.add(
    name="Cout2 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input2": 1, "time": 1},
)
def cout2_0():
    return vector_select(
        selection_array_all_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Cout4 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input4": 1, "time": 1},
)
def cout4_0():
    return vector_select(
        selection_array_all_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        input4().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Aout2 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input2": 1, "time": 1},
)
def aout2_0():
    return vector_select(
        selection_array_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Cout5 0",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input5": 1, "time": 1},
)
def cout5_0():
    return vector_select(
        selection_array_all_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        input5().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Aout4 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input4": 1, "time": 1},
)
def aout4_0():
    return vector_select(
        selection_array_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        input4().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Hout4 0",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input4": 1, "time": 1},
)
def hout4_0():
    return vector_select(
        selection_matrix_one_nonzero_per_column()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim1": _subscript_dict["dim1"]}, 2)
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 3),
        input4()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    ).transpose("dim1", "dim2")


@component.add(
    name="Aout5 0",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input5": 1, "time": 1},
)
def aout5_0():
    return vector_select(
        selection_array_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        input5().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Hout5 0",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input5": 1, "time": 1},
)
def hout5_0():
    return vector_select(
        selection_matrix_one_nonzero_per_column()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim1": _subscript_dict["dim1"]}, 2)
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 3),
        input5()
        .rename({"dim3": "dim3!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim3!"],
        -12345,
        time() + 6,
        0,
    ).transpose("dim1", "dim2")


@component.add(
    name="Fout4 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input4": 1, "time": 1},
)
def fout4_0():
    return vector_select(
        selection_matrix_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input4()
        .rename({"dim1": "dim1!", "dim2": "dim2!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Bout2 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input2": 1, "time": 1},
)
def bout2_0():
    return vector_select(
        selection_array_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Fout5 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input5": 1, "time": 1},
)
def fout5_0():
    return vector_select(
        selection_matrix_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 2),
        input5()
        .rename({"dim1": "dim1!", "dim3": "dim3!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim3!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Bout4 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input4": 1, "time": 1},
)
def bout4_0():
    return vector_select(
        selection_array_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        input4().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Bout5 0",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input5": 1, "time": 1},
)
def bout5_0():
    return vector_select(
        selection_array_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        input5().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Gout2 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input2": 1, "time": 1},
)
def gout2_0():
    return vector_select(
        selection_matrix_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Gout4 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input4": 1, "time": 1},
)
def gout4_0():
    return vector_select(
        selection_matrix_one_nonzero().rename({"dim1": "dim1!"}),
        input4().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Eout2 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input2": 1, "time": 1},
)
def eout2_0():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Gout5 0",
    subscripts=["dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input5": 1, "time": 1},
)
def gout5_0():
    return vector_select(
        selection_matrix_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 2),
        input5()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Eout4 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input4": 1, "time": 1},
)
def eout4_0():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        input4().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Hout2 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input2": 1, "time": 1},
)
def hout2_0():
    return vector_select(
        selection_matrix_one_nonzero_per_column()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Eout5 0",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input5": 1, "time": 1},
)
def eout5_0():
    return vector_select(
        selection_matrix_all_zeros()
        .rename({"dim1": "dim1!", "dim2": "dim2!"})
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 2),
        input5()
        .rename({"dim1": "dim1!", "dim3": "dim3!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        ["dim1!", "dim2!", "dim3!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Dout2 0",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input2": 1, "time": 1},
)
def dout2_0():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim2": "dim2!"}),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
        ["dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Fout2 0",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input2": 1, "time": 1},
)
def fout2_0():
    return vector_select(
        selection_matrix_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Dout5 0",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input5": 1, "time": 1},
)
def dout5_0():
    return vector_select(
        selection_matrix_all_zeros()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 2),
        input5()
        .rename({"dim3": "dim3!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        ["dim2!", "dim3!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Dout4 0",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input4": 1, "time": 1},
)
def dout4_0():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim2": "dim2!"}),
        input4().rename({"dim2": "dim2!"}),
        ["dim2!"],
        -12345,
        time() + 6,
        0,
    )


@component.add(
    name="Aout5",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input5": 1, "time": 1},
)
def aout5():
    return vector_select(
        selection_array_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        input5().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Aout1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input1": 1, "time": 1},
)
def aout1():
    return vector_select(
        selection_array_no_zeros().rename({"dim1": "dim1!"}),
        input1().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Aout2",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input2": 1, "time": 1},
)
def aout2():
    return vector_select(
        selection_array_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Aout4",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_no_zeros": 1, "input4": 1, "time": 1},
)
def aout4():
    return vector_select(
        selection_array_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        input4().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Bout1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input1": 1, "time": 1},
)
def bout1():
    return vector_select(
        selection_array_one_nonzero().rename({"dim1": "dim1!"}),
        input1().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Bout2",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input2": 1, "time": 1},
)
def bout2():
    return vector_select(
        selection_array_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Bout4",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input4": 1, "time": 1},
)
def bout4():
    return vector_select(
        selection_array_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        input4().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Bout5",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_one_nonzero": 1, "input5": 1, "time": 1},
)
def bout5():
    return vector_select(
        selection_array_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        input5().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Hout1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input1": 1, "time": 1},
)
def hout1():
    return vector_select(
        selection_matrix_one_nonzero_per_column().rename({"dim1": "dim1!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Cout2",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input2": 1, "time": 1},
)
def cout2():
    return vector_select(
        selection_array_all_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Cout4",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input4": 1, "time": 1},
)
def cout4():
    return vector_select(
        selection_array_all_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        input4().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Cout5",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input5": 1, "time": 1},
)
def cout5():
    return vector_select(
        selection_array_all_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        input5().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Fout1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input1": 1, "time": 1},
)
def fout1():
    return vector_select(
        selection_matrix_no_zeros().rename({"dim1": "dim1!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Fout2",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input2": 1, "time": 1},
)
def fout2():
    return vector_select(
        selection_matrix_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Fout4",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input4": 1, "time": 1},
)
def fout4():
    return vector_select(
        selection_matrix_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input4()
        .rename({"dim1": "dim1!", "dim2": "dim2!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Dout1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input1": 1, "time": 1},
)
def dout1():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Dout2",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input2": 1, "time": 1},
)
def dout2():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim2": "dim2!"}),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
        ["dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Dout4",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input4": 1, "time": 1},
)
def dout4():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim2": "dim2!"}),
        input4().rename({"dim2": "dim2!"}),
        ["dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Dout5",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input5": 1, "time": 1},
)
def dout5():
    return vector_select(
        selection_matrix_all_zeros()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 2),
        input5()
        .rename({"dim3": "dim3!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        ["dim2!", "dim3!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Eout1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input1": 1, "time": 1},
)
def eout1():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Eout2",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input2": 1, "time": 1},
)
def eout2():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Eout4",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input4": 1, "time": 1},
)
def eout4():
    return vector_select(
        selection_matrix_all_zeros().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        input4().rename({"dim1": "dim1!", "dim2": "dim2!"}),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Eout5",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_all_zeros": 1, "input5": 1, "time": 1},
)
def eout5():
    return vector_select(
        selection_matrix_all_zeros()
        .rename({"dim1": "dim1!", "dim2": "dim2!"})
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 2),
        input5()
        .rename({"dim1": "dim1!", "dim3": "dim3!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 1),
        ["dim1!", "dim2!", "dim3!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Hout5",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input5": 1, "time": 1},
)
def hout5():
    return vector_select(
        selection_matrix_one_nonzero_per_column()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim1": _subscript_dict["dim1"]}, 2)
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 3),
        input5()
        .rename({"dim3": "dim3!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim3!"],
        -12345,
        time(),
        0,
    ).transpose("dim1", "dim2")


@component.add(
    name="Gout4",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input4": 1, "time": 1},
)
def gout4():
    return vector_select(
        selection_matrix_one_nonzero().rename({"dim1": "dim1!"}),
        input4().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Gout5",
    subscripts=["dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input5": 1, "time": 1},
)
def gout5():
    return vector_select(
        selection_matrix_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 2),
        input5()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Fout5",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_no_zeros": 1, "input5": 1, "time": 1},
)
def fout5():
    return vector_select(
        selection_matrix_no_zeros()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim3!": ["C1", "C2", "C3"]}, 2),
        input5()
        .rename({"dim1": "dim1!", "dim3": "dim3!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim3!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Gout1",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input1": 1, "time": 1},
)
def gout1():
    return vector_select(
        selection_matrix_one_nonzero().rename({"dim1": "dim1!"}),
        input1()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Gout2",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero": 1, "input2": 1, "time": 1},
)
def gout2():
    return vector_select(
        selection_matrix_one_nonzero()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Hout4",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input4": 1, "time": 1},
)
def hout4():
    return vector_select(
        selection_matrix_one_nonzero_per_column()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim1": _subscript_dict["dim1"]}, 2)
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 3),
        input4()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    ).transpose("dim1", "dim2")


@component.add(
    name="Hout2",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_matrix_one_nonzero_per_column": 1, "input2": 1, "time": 1},
)
def hout2():
    return vector_select(
        selection_matrix_one_nonzero_per_column()
        .rename({"dim1": "dim1!"})
        .expand_dims({"dim2!": ["B1", "B2", "B3", "B4"]}, 2),
        input2()
        .rename({"dim2": "dim2!"})
        .expand_dims({"dim1!": ["A1", "A2", "A3", "A4", "A5"]}, 0)
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        ["dim1!", "dim2!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="Cout1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"selection_array_all_zeros": 1, "input1": 1, "time": 1},
)
def cout1():
    return vector_select(
        selection_array_all_zeros().rename({"dim1": "dim1!"}),
        input1().rename({"dim1": "dim1!"}),
        ["dim1!"],
        -12345,
        time(),
        0,
    )


@component.add(
    name="input2", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def input2():
    return xr.DataArray(
        [0.5, 1.2, 0.3, -1.0], {"dim2": _subscript_dict["dim2"]}, ["dim2"]
    )


@component.add(
    name="input1", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def input1():
    return xr.DataArray(
        [-0.5, -1.2, 0.3, -1.0, 1.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"]
    )


@component.add(
    name="input4",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def input4():
    return xr.DataArray(
        [
            [1.0, 2.0, 3.0, 4.0],
            [4.0, 3.0, 2.0, 1.0],
            [0.0, -1.0, 2.0, -1.0],
            [0.5, 0.4, 0.3, 0.2],
            [4.0, -3.0, 2.0, -1.0],
        ],
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )


@component.add(
    name="input5",
    subscripts=["dim1", "dim3"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def input5():
    return xr.DataArray(
        [
            [1.2, 2.0, 3.1],
            [2.2, 3.0, 1.1],
            [1.2, 3.0, 2.1],
            [2.2, 1.0, 3.1],
            [3.2, 1.0, 2.1],
        ],
        {"dim1": _subscript_dict["dim1"], "dim3": _subscript_dict["dim3"]},
        ["dim1", "dim3"],
    )


@component.add(
    name="selection array all zeros",
    subscripts=["dim1"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def selection_array_all_zeros():
    return xr.DataArray(0, {"dim1": _subscript_dict["dim1"]}, ["dim1"])


@component.add(
    name="selection array no zeros",
    subscripts=["dim1"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def selection_array_no_zeros():
    return xr.DataArray(
        [1.0, 0.3, -1.0, 0.5, 1.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"]
    )


@component.add(
    name="selection array one nonzero",
    subscripts=["dim1"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def selection_array_one_nonzero():
    return xr.DataArray(
        [0.0, 0.0, 0.0, 3.0, 0.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"]
    )


@component.add(
    name="selection matrix all zeros",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def selection_matrix_all_zeros():
    return xr.DataArray(
        0,
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )


@component.add(
    name="selection matrix no zeros",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def selection_matrix_no_zeros():
    return xr.DataArray(
        [
            [1.0, 2.0, 3.0, 4.0],
            [1.0, 1.0, 1.0, 1.0],
            [-1.0, -1.0, 2.0, 3.0],
            [1.0, 2.0, 3.0, 4.0],
            [1.0, 1.0, -2.0, -3.0],
        ],
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )


@component.add(
    name="selection matrix one nonzero per column",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def selection_matrix_one_nonzero_per_column():
    return xr.DataArray(
        [
            [-3.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 4.0, 0.0],
            [0.0, 0.0, 0.0, 3.0],
            [0.0, 1.0, 0.0, 0.0],
            [0.0, -1.0, 0.0, 0.0],
        ],
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )


@component.add(
    name="selection matrix one nonzero",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def selection_matrix_one_nonzero():
    return xr.DataArray(
        [
            [0.0, 0.0, 0.0, 0.0],
            [0.0, -1.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0],
        ],
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )
