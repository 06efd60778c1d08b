"""
Python model 'Query_file.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import if_then_else, pulse
from pysd.py_backend.statefuls import DelayFixed, Integ
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
    "final_time": lambda: 571,
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
    name="FINAL TIME", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL TIME", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="SAVEPER",
    units="Day",
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
    units="Day",
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
    name="NewOrderPattern",
    units="Stoves/Day",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1, "unitconversionfactor": 1},
)
def neworderpattern():
    return np.interp(
        time() / unitconversionfactor(),
        [
            0,
            1,
            2,
            60,
            61,
            62,
            120,
            121,
            122,
            180,
            181,
            182,
            210,
            211,
            212,
            270,
            271,
            272,
            330,
            331,
            332,
            390,
            391,
            392,
            420,
            421,
            422,
            450,
            451,
            452,
            465,
            466,
            467,
            480,
            481,
            482,
            495,
            496,
            497,
            510,
            511,
            512,
            525,
            526,
            527,
            540,
            541,
            542,
            575,
        ],
        [
            0,
            530,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            350,
            0,
            0,
            350,
            0,
            0,
            350,
            0,
            0,
            400,
            0,
            0,
            400,
            0,
            0,
            435,
            0,
            0,
            15,
            0,
            0,
        ],
    )


@component.add(
    name="UnitConversionFactor",
    units="Day",
    comp_type="Constant",
    comp_subtype="Normal",
)
def unitconversionfactor():
    return 1


@component.add(
    name="IncomeDue",
    units="Rs",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_incomedue": 1},
    other_deps={
        "_integ_incomedue": {
            "initial": {},
            "step": {"retailerincome": 1, "jwiresincome": 1},
        }
    },
)
def incomedue():
    return _integ_incomedue()


_integ_incomedue = Integ(
    lambda: retailerincome() - jwiresincome(), lambda: 0, "_integ_incomedue"
)


@component.add(
    name="IncomeDelay", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def incomedelay():
    return 0


@component.add(
    name="JwiresIncome",
    units="Rs/Day",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_jwiresincome": 1},
    other_deps={
        "_delayfixed_jwiresincome": {
            "initial": {"incomedelay": 1},
            "step": {"retailerincome": 1},
        }
    },
)
def jwiresincome():
    return _delayfixed_jwiresincome()


_delayfixed_jwiresincome = DelayFixed(
    lambda: retailerincome(),
    lambda: incomedelay(),
    lambda: 0,
    time_step,
    "_delayfixed_jwiresincome",
)


@component.add(
    name="RetailerIncome",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"downpayment": 1},
)
def retailerincome():
    return downpayment()


@component.add(
    name="GST Expenses",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"gstreceived": 1, "gstpaid": 1, "sales": 1},
)
def gst_expenses():
    return (gstreceived() - gstpaid()) * sales()


@component.add(
    name="RevenueDue",
    units="Rs",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_revenuedue": 1},
    other_deps={
        "_integ_revenuedue": {
            "initial": {},
            "step": {"i1": 1, "i2": 1, "i1due": 1, "i2due": 1},
        }
    },
)
def revenuedue():
    return _integ_revenuedue()


_integ_revenuedue = Integ(
    lambda: i1() + i2() - i1due() - i2due(), lambda: 0, "_integ_revenuedue"
)


@component.add(
    name="I2",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "salespriceperstove": 1,
        "gstreceived": 1,
        "sales": 1,
        "i2fraction": 1,
        "i2default": 1,
    },
)
def i2():
    return (
        (salespriceperstove() + gstreceived())
        * sales()
        * i2fraction()
        * (1 - i2default())
    )


@component.add(
    name="GSTReceived",
    units="Rs/Stoves",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"salespriceperstove": 1, "gstpercent": 1},
)
def gstreceived():
    """
    Rcd: received
    """
    return salespriceperstove() * gstpercent()


@component.add(
    name="I1",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "salespriceperstove": 1,
        "gstreceived": 1,
        "sales": 1,
        "i1fraction": 1,
        "i1default": 1,
    },
)
def i1():
    return (
        (salespriceperstove() + gstreceived())
        * sales()
        * i1fraction()
        * (1 - i1default())
    )


@component.add(
    name="GSTPaid",
    units="Rs/Stoves",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"appliedcost": 1, "gstpercent": 1},
)
def gstpaid():
    return appliedcost() * gstpercent()


@component.add(
    name="GSTpercent", units="Dmnl", comp_type="Constant", comp_subtype="Normal"
)
def gstpercent():
    return 0


@component.add(
    name="ParamResearchRC", units="Dmnl", comp_type="Constant", comp_subtype="Normal"
)
def paramresearchrc():
    return 1


@component.add(
    name="NumberOfPersonForRandM",
    units="Person",
    comp_type="Constant",
    comp_subtype="Normal",
)
def numberofpersonforrandm():
    return 2


@component.add(
    name="AwarenessMarketingCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "banners": 1,
        "pamphlets": 1,
        "videosandpr": 1,
        "debitday": 1,
        "localnewschannel": 1,
        "localnewspaper": 1,
    },
)
def awarenessmarketingcost():
    return (
        (banners() + pamphlets() + videosandpr()) / debitday()
        + localnewschannel()
        + localnewspaper()
    )


@component.add(
    name="RetailerSalary",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"freqretailer": 1, "time": 1, "retailers": 1, "rsperdayperretailer": 1},
)
def retailersalary():
    return (
        pulse(__data["time"], 0, width=freqretailer())
        * retailers()
        * rsperdayperretailer()
    )


@component.add(
    name="CCCsalary",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"freqccc": 1, "time": 1, "cccs": 1, "rsperdayperccc": 1},
)
def cccsalary():
    return pulse(__data["time"], 0, width=freqccc()) * cccs() * rsperdayperccc()


@component.add(
    name="Channel", units="Channel", comp_type="Constant", comp_subtype="Normal"
)
def channel():
    return 3


@component.add(
    name="CumAwarenessMarketingCost",
    units="Rs",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_cumawarenessmarketingcost": 1},
    other_deps={
        "_integ_cumawarenessmarketingcost": {
            "initial": {},
            "step": {"awarenessmarketingcost": 1},
        }
    },
)
def cumawarenessmarketingcost():
    return _integ_cumawarenessmarketingcost()


_integ_cumawarenessmarketingcost = Integ(
    lambda: awarenessmarketingcost(), lambda: 0, "_integ_cumawarenessmarketingcost"
)


@component.add(
    name="CumResearchRelatedCost",
    units="Rs",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_cumresearchrelatedcost": 1},
    other_deps={
        "_integ_cumresearchrelatedcost": {
            "initial": {},
            "step": {"researchrelatedcost": 1},
        }
    },
)
def cumresearchrelatedcost():
    return _integ_cumresearchrelatedcost()


_integ_cumresearchrelatedcost = Integ(
    lambda: researchrelatedcost(), lambda: 0, "_integ_cumresearchrelatedcost"
)


@component.add(
    name="RsPerDayPerRetailer",
    units="Rs/(Day*Person)",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rsperdayperretailer():
    """
    "Rs/Month/Retailer" 1000
    """
    return 1000 / 30


@component.add(
    name="FreqRetailer", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def freqretailer():
    return 9 * 30


@component.add(
    name="Newspaper", units="Newspaper", comp_type="Constant", comp_subtype="Normal"
)
def newspaper():
    return 3


@component.add(
    name="EquipmentsCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "qtytab": 1,
        "pricepertablet": 1,
        "priceperlaptop": 1,
        "qty_laptops": 1,
        "debitday": 1,
    },
)
def equipmentscost():
    """
    Start of the fourth week
    """
    return (
        pulse(__data["time"], 21 + 1, width=1)
        * (qty_laptops() * priceperlaptop() + qtytab() * pricepertablet())
        / debitday()
    )


@component.add(
    name="FreqRetailersAndCCC",
    units="Dmnl",
    comp_type="Constant",
    comp_subtype="Normal",
)
def freqretailersandccc():
    return 2


@component.add(name="FreqCCC", units="Day", comp_type="Constant", comp_subtype="Normal")
def freqccc():
    return 9 * 30


@component.add(
    name="FreqNews", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def freqnews():
    """
    10 month
    """
    return 10 * 30


@component.add(
    name="FreqNewspaper", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def freqnewspaper():
    """
    5 months
    """
    return 5 * 30


@component.add(
    name="RandMRetailersCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"numberofpersonforrandm": 1, "rspertrainingrandmreatilers": 1},
)
def randmretailerscost():
    return numberofpersonforrandm() * rspertrainingrandmreatilers()


@component.add(
    name="RsPerDayPerCCC",
    units="Rs/(Day*Person)",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rsperdayperccc():
    """
    Rs/Month/CCC is 2000
    """
    return 2000 / 30


@component.add(
    name="Retailers",
    units="Person",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"totalshops": 1, "retailerpershop": 1},
)
def retailers():
    return totalshops() * retailerpershop()


@component.add(
    name="RsPerTrainingRandMReatilers",
    units="Rs/(Day*Person)",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rspertrainingrandmreatilers():
    return 10000


@component.add(
    name="RetailersCCCTrainingCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"freqretailersandccc": 1, "rspertrainingretailerccc": 1},
)
def retailersccctrainingcost():
    return freqretailersandccc() * rspertrainingretailerccc()


@component.add(
    name="RsPerDayPerChannel",
    units="Rs/(Day*Channel)",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rsperdayperchannel():
    """
    "Rs/Month/Channel" 2000
    """
    return 2000 / 30


@component.add(
    name="RsPerDayPerNewspaper",
    units="Rs/Day/Newspaper",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rsperdaypernewspaper():
    """
    "Rs/Month/Newspaper"5000
    """
    return 5000 / 30


@component.add(
    name="LocalNewspaper",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "freqnewspaper": 1,
        "time": 1,
        "rsperdaypernewspaper": 1,
        "newspaper": 1,
    },
)
def localnewspaper():
    return (
        pulse(__data["time"], 0, width=freqnewspaper())
        * rsperdaypernewspaper()
        * newspaper()
    )


@component.add(
    name="RsPerTrainingRetailerCCC",
    units="Rs/Day",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rspertrainingretailerccc():
    return 25000


@component.add(
    name="ResearchRelatedCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"useradoptioncompensation": 1, "retailersalary": 1, "cccsalary": 1},
)
def researchrelatedcost():
    return useradoptioncompensation() + retailersalary() + cccsalary()


@component.add(
    name="LocalNewsChannel",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"freqnews": 1, "time": 1, "rsperdayperchannel": 1, "channel": 1},
)
def localnewschannel():
    return pulse(__data["time"], 0, width=freqnews()) * rsperdayperchannel() * channel()


@component.add(
    name="Pamphlets",
    units="Rs",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "qtypamphlet": 1, "rsperpamphlet": 1},
)
def pamphlets():
    """
    start of the third week
    """
    return pulse(__data["time"], 14 + 1, width=1) * qtypamphlet() * rsperpamphlet()


@component.add(
    name="Banners",
    units="Rs",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "qtybanners": 1, "rsperbanner": 1},
)
def banners():
    """
    once in the start of third week
    """
    return pulse(__data["time"], 14 + 1, width=1) * qtybanners() * rsperbanner()


@component.add(
    name="DebitDay", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def debitday():
    return 1


@component.add(
    name="PrintingStationaryCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def printingstationarycost():
    """
    START OF THE second WEEK ITSELF
    """
    return pulse(__data["time"], 7 + 1, width=1) * 50000


@component.add(
    name="RsPerbanner", units="Rs/unit", comp_type="Constant", comp_subtype="Normal"
)
def rsperbanner():
    return 800


@component.add(
    name="Qty laptops", units="unit", comp_type="Constant", comp_subtype="Normal"
)
def qty_laptops():
    return 5


@component.add(name="QtyTab", units="unit", comp_type="Constant", comp_subtype="Normal")
def qtytab():
    return 0


@component.add(
    name="QtyBanners", units="unit", comp_type="Constant", comp_subtype="Normal"
)
def qtybanners():
    return 40


@component.add(
    name="QtyPamphlet", units="unit", comp_type="Constant", comp_subtype="Normal"
)
def qtypamphlet():
    return 100000


@component.add(
    name="VideosAndPR",
    units="Rs",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def videosandpr():
    """
    once in the start of the third week
    """
    return pulse(__data["time"], 14 + 1, width=1) * 50000


@component.add(
    name="PricePerLaptop", units="Rs/unit", comp_type="Constant", comp_subtype="Normal"
)
def priceperlaptop():
    return 40000


@component.add(
    name="PricePerTablet", units="Rs/unit", comp_type="Constant", comp_subtype="Normal"
)
def pricepertablet():
    return 5000


@component.add(
    name="RsPerPamphlet", units="Rs/unit", comp_type="Constant", comp_subtype="Normal"
)
def rsperpamphlet():
    return 0.5


@component.add(
    name="ProfessionalECookingCost",
    units="Rs/Day",
    comp_type="Constant",
    comp_subtype="Normal",
)
def professionalecookingcost():
    return 75000


@component.add(
    name="TOTForFO", units="Rs/Day", comp_type="Constant", comp_subtype="Normal"
)
def totforfo():
    return 15000


@component.add(
    name="ProjectLeadCostPerMonth",
    units="Rs/Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"projectlead": 1, "rspermonthperprojectlead": 1},
)
def projectleadcostpermonth():
    return projectlead() * rspermonthperprojectlead()


@component.add(
    name="ProjectLead", units="Person", comp_type="Constant", comp_subtype="Normal"
)
def projectlead():
    return 1


@component.add(
    name="RsPerMonthPerProjectLead",
    units="Rs/(Month*Person)",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rspermonthperprojectlead():
    return 3750 * 30


@component.add(
    name="I2Default", units="Dmnl", comp_type="Constant", comp_subtype="Normal"
)
def i2default():
    return 0 / 100


@component.add(
    name="DownpaymentFraction",
    units="Dmnl",
    comp_type="Constant",
    comp_subtype="Normal",
)
def downpaymentfraction():
    return 100 / 100


@component.add(
    name="I2Duration", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def i2duration():
    return 60


@component.add(
    name="I1Default", units="Dmnl", comp_type="Constant", comp_subtype="Normal"
)
def i1default():
    return 0 / 100


@component.add(
    name="I1Due",
    units="Rs/Day",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_i1due": 1},
    other_deps={"_delayfixed_i1due": {"initial": {"i1duration": 1}, "step": {"i1": 1}}},
)
def i1due():
    return _delayfixed_i1due()


_delayfixed_i1due = DelayFixed(
    lambda: i1(), lambda: i1duration(), lambda: 0, time_step, "_delayfixed_i1due"
)


@component.add(
    name="I1Duration", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def i1duration():
    return 30


@component.add(
    name="I1Fraction", units="Dmnl", comp_type="Constant", comp_subtype="Normal"
)
def i1fraction():
    return 0 / 100


@component.add(
    name="I2Due",
    units="Rs/Day",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_i2due": 1},
    other_deps={"_delayfixed_i2due": {"initial": {"i2duration": 1}, "step": {"i2": 1}}},
)
def i2due():
    return _delayfixed_i2due()


_delayfixed_i2due = DelayFixed(
    lambda: i2(), lambda: i2duration(), lambda: 0, time_step, "_delayfixed_i2due"
)


@component.add(
    name="I2Fraction", units="Dmnl", comp_type="Constant", comp_subtype="Normal"
)
def i2fraction():
    return 0 / 100


@component.add(
    name="AddnGrant",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def addngrant():
    """
    (PULSE(1,1)*9.422*1e+06 + PULSE(1,1)*340)
    """
    return (
        pulse(__data["time"], 1, width=1) * 9.422 * 1000000.0
        + pulse(__data["time"], 1, width=1) * 340
    )


@component.add(
    name="EnergyConsumptionRate",
    units="unit/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"kwhperstoveperday": 1, "workingproductsinhouseholds": 1},
)
def energyconsumptionrate():
    return kwhperstoveperday() * workingproductsinhouseholds()


@component.add(
    name="ParamFC", units="Dmnl", comp_type="Constant", comp_subtype="Normal"
)
def paramfc():
    return 1


@component.add(
    name="ParamSetupC", units="Dmnl", comp_type="Constant", comp_subtype="Normal"
)
def paramsetupc():
    return 1


@component.add(
    name="TotalEnergyConsumption",
    units="unit",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_totalenergyconsumption": 1},
    other_deps={
        "_integ_totalenergyconsumption": {
            "initial": {},
            "step": {"energyconsumptionrate": 1},
        }
    },
)
def totalenergyconsumption():
    return _integ_totalenergyconsumption()


_integ_totalenergyconsumption = Integ(
    lambda: energyconsumptionrate(), lambda: 0, "_integ_totalenergyconsumption"
)


@component.add(
    name="CumIncome",
    units="Rs",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_cumincome": 1},
    other_deps={
        "_integ_cumincome": {
            "initial": {},
            "step": {"jwiresincome": 1, "mecsgrantrate": 1},
        }
    },
)
def cumincome():
    return _integ_cumincome()


_integ_cumincome = Integ(
    lambda: jwiresincome() + mecsgrantrate(), lambda: 0, "_integ_cumincome"
)


@component.add(
    name="FixedCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "totalmanpowermonthlycost": 1, "debitdaypermonth": 1},
)
def fixedcost():
    return (
        pulse(__data["time"], 30, repeat_time=30, width=1, end=571)
        * totalmanpowermonthlycost()
        / debitdaypermonth()
    )


@component.add(
    name="InitialSetupCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "printingstationarycost": 1,
        "trainingcost": 1,
        "equipmentscost": 1,
        "awarenessmarketingcost": 1,
    },
)
def initialsetupcost():
    """
    sum of all initial costs
    """
    return (
        printingstationarycost()
        + trainingcost()
        + equipmentscost()
        + awarenessmarketingcost()
    )


@component.add(
    name="CumSalesRelatedCost",
    units="Rs",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_cumsalesrelatedcost": 1},
    other_deps={
        "_integ_cumsalesrelatedcost": {"initial": {}, "step": {"salesrelatedcost": 1}}
    },
)
def cumsalesrelatedcost():
    return _integ_cumsalesrelatedcost()


_integ_cumsalesrelatedcost = Integ(
    lambda: salesrelatedcost(), lambda: 0, "_integ_cumsalesrelatedcost"
)


@component.add(
    name="JwiresMargin", units="Rs/Stoves", comp_type="Constant", comp_subtype="Normal"
)
def jwiresmargin():
    return 521


@component.add(
    name="SalesPricePerStove",
    units="Rs/Stoves",
    comp_type="Constant",
    comp_subtype="Normal",
)
def salespriceperstove():
    return 4271


@component.add(
    name="AppliedCost",
    units="Rs/Stoves",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "cumulativeorder": 1,
        "orderqtywithiot": 1,
        "costpricewithoutiot": 1,
        "costpriceiswithiot": 1,
    },
)
def appliedcost():
    return if_then_else(
        cumulativeorder() >= orderqtywithiot(),
        lambda: costpricewithoutiot(),
        lambda: costpriceiswithiot(),
    )


@component.add(
    name="OrderQtyWithIoT", units="Stoves", comp_type="Constant", comp_subtype="Normal"
)
def orderqtywithiot():
    return 1530


@component.add(
    name="CumExpense",
    units="Rs",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_cumexpense": 1},
    other_deps={"_integ_cumexpense": {"initial": {}, "step": {"expenses": 1}}},
)
def cumexpense():
    return _integ_cumexpense()


_integ_cumexpense = Integ(lambda: expenses(), lambda: 0, "_integ_cumexpense")


@component.add(
    name="CostPriceWithOutIoT",
    units="Rs/Stoves",
    comp_type="Constant",
    comp_subtype="Normal",
)
def costpricewithoutiot():
    """
    old value 0*3250
    """
    return 3412.5


@component.add(
    name="IoTCost", units="Rs/Stoves", comp_type="Constant", comp_subtype="Normal"
)
def iotcost():
    """
    5513-3250
    """
    return 2100


@component.add(
    name="OrderRate",
    units="Stoves/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"orders": 1},
)
def orderrate():
    return orders()


@component.add(
    name="CumulativeOrder",
    units="Stoves",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_cumulativeorder": 1},
    other_deps={"_integ_cumulativeorder": {"initial": {}, "step": {"orderrate": 1}}},
)
def cumulativeorder():
    return _integ_cumulativeorder()


_integ_cumulativeorder = Integ(lambda: orderrate(), lambda: 0, "_integ_cumulativeorder")


@component.add(
    name="MECSGrantRate",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 4},
)
def mecsgrantrate():
    """
    PULSE(1,1)*2.92162e+06 + PULSE(1,1)*5 + PULSE(2*30,1)*2.75625e+06 + PULSE(4*30,1)*2.75625e+06 at start of 1st, 3rd and 5th month PULSE(1,0)*2.92162e+06 + PULSE(1,0)*5 = First Grant amount..This was chosen, because Vensim neglects the values after 5 decimal places if we put 2921625 as our first grant, so both values are separated
    """
    return (
        pulse(__data["time"], 1, width=1) * 2921620.0
        + pulse(__data["time"], 1, width=1) * 5
        + pulse(__data["time"], 2 * 30, width=1) * 2756250.0
        + pulse(__data["time"], 4 * 30, width=1) * 2756250.0
    )


@component.add(
    name="UserAdoptionCompensation",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "noofstoves": 1, "rsperstove": 1, "debitday": 1},
)
def useradoptioncompensation():
    return (
        pulse(__data["time"], 270 + 1, width=1)
        * noofstoves()
        * rsperstove()
        / debitday()
    )


@component.add(
    name="JWIRESStaff",
    units="Person",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "accountants": 1,
        "storekeeper": 1,
        "projectmanager": 1,
        "numberoffos": 1,
        "projectlead": 1,
    },
)
def jwiresstaff():
    return (
        accountants() + storekeeper() + projectmanager() + numberoffos() + projectlead()
    )


@component.add(
    name="RetailerPerShop",
    units="Person/Shop",
    comp_type="Constant",
    comp_subtype="Normal",
)
def retailerpershop():
    return 1


@component.add(
    name="NoOfStoves", units="Stoves", comp_type="Constant", comp_subtype="Normal"
)
def noofstoves():
    return 1500


@component.add(
    name="RsPerStove", units="Rs/Stoves", comp_type="Constant", comp_subtype="Normal"
)
def rsperstove():
    return 750


@component.add(
    name="kWhPerStovePerDay",
    units="unit/Stoves/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def kwhperstoveperday():
    """
    RANDOM UNIFORM( 0.23 , 0.53 , 1 ): from MECS phase II activation plan report
    """
    return float(np.random.uniform(0.23, 0.53, size=()))


@component.add(
    name="DispatchRate",
    units="Stoves/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "retailersstockdiscrepancy": 1,
        "lt2": 1,
        "minimum_leadtime": 1,
        "stockatjwires": 1,
    },
)
def dispatchrate():
    return float(
        np.minimum(
            retailersstockdiscrepancy() / lt2(), stockatjwires() / minimum_leadtime()
        )
    )


@component.add(
    name="OrderPattern",
    units="Stoves/Day",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1, "unitconversionfactor": 1},
)
def orderpattern():
    return np.interp(
        time() / unitconversionfactor(),
        [
            0,
            1,
            2,
            60,
            61,
            62,
            120,
            121,
            122,
            210,
            211,
            212,
            270,
            271,
            272,
            330,
            331,
            332,
            390,
            391,
            392,
            450,
            451,
            452,
            480,
            481,
            482,
            510,
            511,
            512,
            540,
            541,
            542,
            575,
        ],
        [
            0,
            530,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            500,
            0,
            0,
            700,
            0,
            0,
            700,
            0,
            0,
            800,
            0,
            0,
            800,
            0,
            0,
            800,
            0,
            0,
        ],
    )


@component.add(
    name="BalanceFunds",
    units="Rs",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_balancefunds": 1},
    other_deps={
        "_integ_balancefunds": {
            "initial": {},
            "step": {
                "jwiresincome": 1,
                "expenses": 1,
                "mecsgrantrate": 1,
                "addngrant": 1,
            },
        }
    },
)
def balancefunds():
    return _integ_balancefunds()


_integ_balancefunds = Integ(
    lambda: (jwiresincome() - expenses()) + mecsgrantrate() + addngrant(),
    lambda: 0,
    "_integ_balancefunds",
)


@component.add(
    name="Expenses",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "order_cost": 1,
        "salesrelatedcost": 1,
        "initialsetupcost": 1,
        "paramsetupc": 1,
        "paramfc": 1,
        "fixedcost": 1,
        "researchrelatedcost": 1,
        "paramresearchrc": 1,
        "gst_expenses": 1,
    },
)
def expenses():
    return (
        order_cost()
        + salesrelatedcost()
        + initialsetupcost() * paramsetupc()
        + fixedcost() * paramfc()
        + researchrelatedcost() * paramresearchrc()
        + gst_expenses()
    )


@component.add(
    name="Downpayment",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "sales": 1,
        "salespriceperstove": 1,
        "gstreceived": 1,
        "downpaymentfraction": 1,
    },
)
def downpayment():
    return sales() * (salespriceperstove() + gstreceived()) * downpaymentfraction()


@component.add(
    name="Order Cost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"orders": 1, "gstpaid": 1, "appliedcost": 1},
)
def order_cost():
    return orders() * (appliedcost() + gstpaid())


@component.add(
    name="Trainees",
    units="Person",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"totalshops": 1, "retailerpershop": 1, "jwiresstaff": 1, "cccs": 1},
)
def trainees():
    """
    30CCC, 10Retailers, 6JWIRESStaff
    """
    return totalshops() * retailerpershop() + jwiresstaff() + cccs()


@component.add(
    name="TrainingCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "totforfo": 1,
        "professionalecookingcost": 1,
        "retailersccctrainingcost": 1,
        "randmretailerscost": 1,
    },
)
def trainingcost():
    """
    start of project itself
    """
    return pulse(__data["time"], 1, width=1) * (
        totforfo()
        + professionalecookingcost()
        + randmretailerscost()
        + retailersccctrainingcost()
    )


@component.add(
    name="ProjectManagerCostPerMonth",
    units="Rs/Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"projectmanager": 1, "rspermonthperprojectmanager": 1},
)
def projectmanagercostpermonth():
    return projectmanager() * rspermonthperprojectmanager()


@component.add(
    name="TotalManpowerMonthlyCost",
    units="Rs/Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "accountantcostpermonth": 1,
        "storekeepercostpermonth": 1,
        "foscostpermonth": 1,
        "projectmanagercostpermonth": 1,
        "projectleadcostpermonth": 1,
    },
)
def totalmanpowermonthlycost():
    return (
        accountantcostpermonth()
        + storekeepercostpermonth()
        + foscostpermonth()
        + projectmanagercostpermonth()
        + projectleadcostpermonth()
    )


@component.add(
    name="Revenue",
    units="Rs",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_revenue": 1},
    other_deps={
        "_integ_revenue": {
            "initial": {},
            "step": {"downpayment": 1, "i1due": 1, "i2due": 1},
        }
    },
)
def revenue():
    return _integ_revenue()


_integ_revenue = Integ(
    lambda: downpayment() + i1due() + i2due(), lambda: 0, "_integ_revenue"
)


@component.add(
    name="Orders",
    units="Stoves/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"orderpattern": 1, "neworderpattern": 1},
)
def orders():
    return orderpattern() * 0 + neworderpattern() * 1


@component.add(
    name="SalesRelatedCost",
    units="Rs/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "sales": 1,
        "jwiresmargin": 1,
        "teampaymentpersale": 1,
        "shoppaymentpersale": 1,
    },
)
def salesrelatedcost():
    return sales() * (teampaymentpersale() + shoppaymentpersale() + jwiresmargin())


@component.add(
    name="SalesPattern",
    units="Stoves/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 11},
)
def salespattern():
    return (
        pulse(__data["time"], 1 * 30, repeat_time=0, width=30, end=2 * 30 - 1) * 50 / 30
        + pulse(__data["time"], 2 * 30, repeat_time=0, width=30, end=3 * 30 - 1)
        * 100
        / 30
        + pulse(__data["time"], 3 * 30, repeat_time=0, width=30, end=4 * 30 - 1)
        * 250
        / 30
        + pulse(__data["time"], 4 * 30, repeat_time=0, width=30, end=5 * 30 - 1)
        * 300
        / 30
        + pulse(__data["time"], 5 * 30, repeat_time=0, width=60, end=7 * 30 - 1)
        * 400
        / 30
        + pulse(__data["time"], 7 * 30, repeat_time=0, width=90, end=10 * 30 - 1)
        * 200
        / 30
        + pulse(__data["time"], 10 * 30, repeat_time=0, width=60, end=12 * 30 - 1)
        * 250
        / 30
        + pulse(__data["time"], 12 * 30, repeat_time=0, width=60, end=14 * 30 - 1)
        * 300
        / 30
        + pulse(__data["time"], 14 * 30, repeat_time=0, width=30, end=15 * 30 - 1)
        * 500
        / 30
        + pulse(__data["time"], 15 * 30, repeat_time=0, width=30, end=16 * 30 - 1)
        * 600
        / 30
        + pulse(__data["time"], 16 * 30, repeat_time=0, width=90, end=570 - 1)
        * 800
        / 30
    )


@component.add(
    name="CostPriceISwithIoT",
    units="Rs/Stoves",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"costpricewithoutiot": 1, "iotcost": 1},
)
def costpriceiswithiot():
    return costpricewithoutiot() + iotcost()


@component.add(
    name="WorkingProductsInHouseholds",
    units="Stoves",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_workingproductsinhouseholds": 1},
    other_deps={
        "_integ_workingproductsinhouseholds": {"initial": {}, "step": {"sales": 1}}
    },
)
def workingproductsinhouseholds():
    return _integ_workingproductsinhouseholds()


_integ_workingproductsinhouseholds = Integ(
    lambda: sales(), lambda: 0, "_integ_workingproductsinhouseholds"
)


@component.add(
    name="StockAtRetailers",
    units="Stoves",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stockatretailers": 1},
    other_deps={
        "_integ_stockatretailers": {
            "initial": {},
            "step": {"dispatchrate": 1, "sales": 1},
        }
    },
)
def stockatretailers():
    return _integ_stockatretailers()


_integ_stockatretailers = Integ(
    lambda: dispatchrate() - sales(), lambda: 0, "_integ_stockatretailers"
)


@component.add(
    name="StockAtJwires",
    units="Stoves",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stockatjwires": 1},
    other_deps={
        "_integ_stockatjwires": {
            "initial": {},
            "step": {"deliveries": 1, "dispatchrate": 1},
        }
    },
)
def stockatjwires():
    return _integ_stockatjwires()


_integ_stockatjwires = Integ(
    lambda: deliveries() - dispatchrate(), lambda: 0, "_integ_stockatjwires"
)


@component.add(
    name="Accountants", units="Person", comp_type="Constant", comp_subtype="Normal"
)
def accountants():
    """
    admin or accountant
    """
    return 1


@component.add(
    name="AccountantCostPerMonth",
    units="Rs/Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"accountants": 1, "rspermonthperaccountant": 1},
)
def accountantcostpermonth():
    return accountants() * rspermonthperaccountant()


@component.add(
    name="DebitDayPerMonth",
    units="Day/Month",
    comp_type="Constant",
    comp_subtype="Normal",
)
def debitdaypermonth():
    return 1


@component.add(
    name="ProjectManager", units="Person", comp_type="Constant", comp_subtype="Normal"
)
def projectmanager():
    """
    Proj. Manager and Proj. Lead
    """
    return 1


@component.add(
    name="StorekeeperCostPerMonth",
    units="Rs/Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"storekeeper": 1, "rspermonthperstorekeeper": 1},
)
def storekeepercostpermonth():
    return storekeeper() * rspermonthperstorekeeper()


@component.add(
    name="Storekeeper", units="Person", comp_type="Constant", comp_subtype="Normal"
)
def storekeeper():
    """
    storekeeper
    """
    return 1


@component.add(
    name="RsPerMonthPerFO",
    units="Rs/Month/Person",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rspermonthperfo():
    return 1500 * 30


@component.add(
    name="RsPerMonthPerAccountant",
    units="Rs/(Month*Person)",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rspermonthperaccountant():
    return 1500 * 30


@component.add(
    name="RsPerMonthPerStorekeeper",
    units="Rs/(Month*Person)",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rspermonthperstorekeeper():
    return 763.75 * 30


@component.add(
    name="RsPerMonthPerProjectManager",
    units="Rs/Month/Person",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rspermonthperprojectmanager():
    return 3250 * 30


@component.add(
    name="CCCPerShop", units="Person/Shop", comp_type="Constant", comp_subtype="Normal"
)
def cccpershop():
    """
    3CCCs per shop
    """
    return 3


@component.add(
    name="ShopPaymentPerSale",
    units="Rs/Stoves",
    comp_type="Constant",
    comp_subtype="Normal",
)
def shoppaymentpersale():
    return 200


@component.add(
    name="FOperDistrict",
    units="Person/District",
    comp_type="Constant",
    comp_subtype="Normal",
)
def foperdistrict():
    return 1


@component.add(
    name="FOsCostperMonth",
    units="Rs/Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"numberoffos": 1, "rspermonthperfo": 1},
)
def foscostpermonth():
    return numberoffos() * rspermonthperfo()


@component.add(
    name="TotalShops",
    units="Shop",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"districts": 1, "shopsperdistrict": 1},
)
def totalshops():
    return districts() * shopsperdistrict()


@component.add(
    name="TeamPaymentPerSale",
    units="Rs/Stoves",
    comp_type="Constant",
    comp_subtype="Normal",
)
def teampaymentpersale():
    return 300


@component.add(
    name="CCCs",
    units="Person",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cccpershop": 1, "totalshops": 1},
)
def cccs():
    return cccpershop() * totalshops()


@component.add(
    name="NumberOfFOs",
    units="Person",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"districts": 1, "foperdistrict": 1},
)
def numberoffos():
    return districts() * foperdistrict()


@component.add(name="LT1", units="Day", comp_type="Constant", comp_subtype="Normal")
def lt1():
    """
    LeadtimeSupplierJwires
    """
    return 30


@component.add(name="LT2", units="Day", comp_type="Constant", comp_subtype="Normal")
def lt2():
    """
    LeadtimeJwiresRetailer
    """
    return 3


@component.add(
    name="Deliveries",
    units="Stoves/Day",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_deliveries": 1},
    other_deps={
        "_delayfixed_deliveries": {"initial": {"lt1": 1}, "step": {"orders": 1}}
    },
)
def deliveries():
    return _delayfixed_deliveries()


_delayfixed_deliveries = DelayFixed(
    lambda: orders(), lambda: lt1(), lambda: 0, time_step, "_delayfixed_deliveries"
)


@component.add(
    name="DesiredInventoryPerShop",
    units="Stoves/Shop",
    comp_type="Constant",
    comp_subtype="Normal",
)
def desiredinventorypershop():
    return 10


@component.add(
    name="DesiredStockAtRetailers",
    units="Stoves",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"desiredinventorypershop": 1, "shopsperdistrict": 1, "districts": 1},
)
def desiredstockatretailers():
    return desiredinventorypershop() * shopsperdistrict() * districts()


@component.add(
    name="RetailersStockDiscrepancy",
    units="Stoves",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"desiredstockatretailers": 1, "stockatretailers": 1},
)
def retailersstockdiscrepancy():
    return desiredstockatretailers() - stockatretailers()


@component.add(
    name="Districts", units="District", comp_type="Constant", comp_subtype="Normal"
)
def districts():
    return 2


@component.add(
    name="Minimum Leadtime", units="Day", comp_type="Constant", comp_subtype="Normal"
)
def minimum_leadtime():
    return 1


@component.add(
    name="OrdersInPipeline",
    units="Stoves",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_ordersinpipeline": 1},
    other_deps={
        "_integ_ordersinpipeline": {
            "initial": {},
            "step": {"orders": 1, "deliveries": 1},
        }
    },
)
def ordersinpipeline():
    return _integ_ordersinpipeline()


_integ_ordersinpipeline = Integ(
    lambda: orders() - deliveries(), lambda: 0, "_integ_ordersinpipeline"
)


@component.add(
    name="Sales",
    units="Stoves/Day",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"salespattern": 2, "minimum_leadtime": 1, "stockatretailers": 1},
)
def sales():
    return (
        float(np.minimum(salespattern(), stockatretailers() / minimum_leadtime())) * 0
        + salespattern()
    )


@component.add(
    name="ShopsPerDistrict",
    units="Shop/District",
    comp_type="Constant",
    comp_subtype="Normal",
)
def shopsperdistrict():
    return 5
