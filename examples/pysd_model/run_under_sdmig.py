"""Run a Vensim model under sdmig: import through PySD, scenarios, ensembles, calibration.

    python examples/pysd_model/run_under_sdmig.py

1. ``shelters.mdl`` is read by PySD's Vensim translator and rebuilt on stockflow
   (:func:`stockflow.interop.pysd_import.import_model`); its constants "shelter capacity" and
   "arrival rate" become policy inputs, every other constant a parameter.
2. The imported model runs with stockflow, Euler at the model's TIME STEP, and is checked
   against PySD's own run of the same file, and its ledger is checked.
3. A scenario file (``expand_shelters.toml``) acts on the inputs with sdmig's generic
   ``scale_input`` lever; the run uses RK45 with the levers' switch dates as breakpoints.
4. An ensemble of 500 members draws ``stay_time`` and ``patience`` and runs through
   :func:`sdmig.run.ensemble.run_ensemble`, vectorized.
5. Calibration: ``stay_time`` is recovered by maximum likelihood (statsmodels) from noisy
   "observations" of the people sheltered, simulated with a known value.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

import numpy as np
from statsmodels.base.model import GenericLikelihoodModel

import stockflow as sf
from sdmig.policy.scenario import load_scenario
from sdmig.run.ensemble import run_ensemble
from stockflow.interop.pysd_import import import_model

HERE = Path(__file__).resolve().parent
MDL = HERE / "shelters.mdl"
START = "2024-01"


def load():
    """The imported model (an :class:`stockflow.interop.pysd_import.ImportedModel`)."""
    return import_model(MDL, start=START, inputs=["shelter capacity", "arrival rate"])


def pysd_run():
    """PySD's own run of the file (translated in a temporary folder)."""
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pysd

        copy = Path(tmp) / MDL.name
        shutil.copy(MDL, copy)
        return pysd.read_vensim(str(copy)).run()


class ShelterLikelihood(GenericLikelihoodModel):
    """Gaussian likelihood of monthly observations of the people sheltered.

    The mean comes from simulating the imported model with the candidate ``stay_time``;
    the standard deviation is ``sigma`` [people], known.
    """

    def __init__(self, observed, imported, sigma=20.0, **kwargs):
        self.imported, self.sigma = imported, sigma
        super().__init__(observed, np.ones((len(observed), 1)), **kwargs)
        self.exog_names[:] = ["stay_time"]

    def loglikeobs(self, params):
        mean = simulate_sheltered(self.imported, stay_time=params[0])
        return -0.5 * ((self.endog - mean) / self.sigma) ** 2 - np.log(
            self.sigma * np.sqrt(2 * np.pi)
        )


def simulate_sheltered(imported, **params):
    ds = sf.simulate(
        imported.compiled,
        imported.n_months,
        params=params,
        method="euler",
        dt=imported.dt,
        variables=["sheltered"],
    )
    return ds["sheltered"].sum("city").values


def main() -> None:
    imported = load()
    model = imported.model
    print(f"imported {MDL.name}: {model}")
    print(f"  names: {imported.names}")

    # 2. the same numbers as PySD, and accounts that balance
    ds = sf.simulate(model, imported.n_months, method="euler", dt=imported.dt)
    sf.check_ledger(ds)
    df = pysd_run()
    diff = np.abs(df["Waiting[north]"].to_numpy()[1:] / ds["waiting"].sel(city="north") - 1)
    print(f"stockflow Euler vs PySD, waiting[north]: largest relative difference {diff.max():.1e}")

    # 3. a scenario acting on the imported constants
    scenario = load_scenario(HERE / "expand_shelters.toml", date_range=(START, imported.end))
    bound = scenario.bind(model)
    run = bound.simulate(imported.n_months, method="RK45")
    print(
        f"scenario {scenario.name}: waiting at the end "
        f"{float(run.waiting.isel(time=-1).sum()):,.0f} people "
        f"(without it {float(ds.waiting.isel(time=-1).sum()):,.0f}); "
        f"cost {float(bound.cost(run.time).sum()):,.0f} USD"
    )

    # 4. an ensemble through sdmig's ensemble runner
    rng = np.random.default_rng(1)
    n = 500
    draws = {"stay_time": rng.uniform(2, 4, n), "patience": rng.uniform(3, 6, n)}
    q = run_ensemble(
        imported, scenario, draws, variables=["waiting"], quantiles=(0.1, 0.5, 0.9), seed=1
    )
    last = q["waiting"].isel(time=-1)
    print(
        "ensemble of 500: people waiting at the end, 10/50/90 %: "
        + " / ".join(f"{float(x):,.0f}" for x in last.values)
    )

    # 5. calibration by maximum likelihood
    truth = 3.6
    observed = simulate_sheltered(imported, stay_time=truth)
    observed = observed + np.random.default_rng(7).normal(0.0, 20.0, observed.shape)
    fit = ShelterLikelihood(observed, imported).fit(start_params=[3.0], disp=False)
    print(
        f"calibration: stay_time = {fit.params[0]:.3f} months "
        f"(standard error {fit.bse[0]:.3f}; simulated with {truth})"
    )


if __name__ == "__main__":
    main()
