"""
Python model 'test_line_continuation.py'
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
    "final_time": lambda: 1,
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
    name="INITIAL TIME", units="Months", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="FINAL TIME", units="Months", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="TIME STEP", units="Months", comp_type="Constant", comp_subtype="Normal"
)
def time_step():
    """
    The time step for the simulation.
    """
    return __data["time"].time_step()


@component.add(
    name="SAVEPER",
    units="Months",
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
    name="Target for goal seeking loop and convenient object for testing user broken lines",
    comp_type="Constant",
    comp_subtype="Normal",
)
def target_for_goal_seeking_loop_and_convenient_object_for_testing_user_broken_lines():
    return 100


@component.add(
    name="Relatively long name for a single variable but not entirely unheard of",
    comp_type="Constant",
    comp_subtype="Normal",
)
def relatively_long_name_for_a_single_variable_but_not_entirely_unheard_of():
    """
    This variable is a python keyword
    """
    return 0.5


@component.add(
    name="Flow descriptor that is somewhat awkward in implementation and definitely unhelpful in description",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "relatively_long_name_for_a_single_variable_but_not_entirely_unheard_of": 1,
        "target_for_goal_seeking_loop_and_convenient_object_for_testing_user_broken_lines": 1,
        "absurdly_long_stock_name_with_more_words_in_it_than_is_generally_considered_good_modeling_practice_because_of_the_lack_of_ready_identifiability_with_a_single_concept_yet_surprisingly_useful_for_testing_line_length_issues": 1,
    },
)
def flow_descriptor_that_is_somewhat_awkward_in_implementation_and_definitely_unhelpful_in_description():
    return relatively_long_name_for_a_single_variable_but_not_entirely_unheard_of() * (
        target_for_goal_seeking_loop_and_convenient_object_for_testing_user_broken_lines()
        - absurdly_long_stock_name_with_more_words_in_it_than_is_generally_considered_good_modeling_practice_because_of_the_lack_of_ready_identifiability_with_a_single_concept_yet_surprisingly_useful_for_testing_line_length_issues()
    )


@component.add(
    name="Absurdly long stock name with more words in it than is generally considered good modeling practice because of the lack of ready identifiability with a single concept yet surprisingly useful for testing line length issues",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={
        "_integ_absurdly_long_stock_name_with_more_words_in_it_than_is_generally_considered_good_modeling_practice_because_of_the_lack_of_ready_identifiability_with_a_single_concept_yet_surprisingly_useful_for_testing_line_length_issues": 1
    },
    other_deps={
        "_integ_absurdly_long_stock_name_with_more_words_in_it_than_is_generally_considered_good_modeling_practice_because_of_the_lack_of_ready_identifiability_with_a_single_concept_yet_surprisingly_useful_for_testing_line_length_issues": {
            "initial": {},
            "step": {
                "flow_descriptor_that_is_somewhat_awkward_in_implementation_and_definitely_unhelpful_in_description": 1
            },
        }
    },
)
def absurdly_long_stock_name_with_more_words_in_it_than_is_generally_considered_good_modeling_practice_because_of_the_lack_of_ready_identifiability_with_a_single_concept_yet_surprisingly_useful_for_testing_line_length_issues():
    return (
        _integ_absurdly_long_stock_name_with_more_words_in_it_than_is_generally_considered_good_modeling_practice_because_of_the_lack_of_ready_identifiability_with_a_single_concept_yet_surprisingly_useful_for_testing_line_length_issues()
    )


_integ_absurdly_long_stock_name_with_more_words_in_it_than_is_generally_considered_good_modeling_practice_because_of_the_lack_of_ready_identifiability_with_a_single_concept_yet_surprisingly_useful_for_testing_line_length_issues = Integ(
    lambda: flow_descriptor_that_is_somewhat_awkward_in_implementation_and_definitely_unhelpful_in_description(),
    lambda: 0,
    "_integ_absurdly_long_stock_name_with_more_words_in_it_than_is_generally_considered_good_modeling_practice_because_of_the_lack_of_ready_identifiability_with_a_single_concept_yet_surprisingly_useful_for_testing_line_length_issues",
)
