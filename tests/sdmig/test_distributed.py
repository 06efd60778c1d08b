"""Ensembles and sensitivity on a Dask LocalCluster (2 worker processes, 1 thread each).

One cluster serves the module. It allows a task one lost worker
(``distributed.scheduler.allowed-failures = 1``) so that the lost-worker tests are quick;
they come last, since they kill workers.
"""

import os

import dask
import distributed  # noqa: F401 (registers its config defaults before the fixture sets one)
import pytest
import xarray as xr

from sdmig.model.border import BorderModel
from sdmig.policy.scenario import load_scenario
from sdmig.run.distributed import ClusterError, connect, get_client
from sdmig.run.ensemble import member_outcomes, run_ensemble
from sdmig.run.sensitivity import sensitivity

FAST = {"end": "2021-06", "method": "euler", "dt": 1.0}  # machinery only: dt 1 is inaccurate


@pytest.fixture(scope="module")
def client():
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        client = get_client("local", workers=2)
    try:
        client.wait_for_workers(2, timeout=60)
        yield client
    finally:
        client.close()


@pytest.fixture(scope="module")
def model():
    return BorderModel()


@pytest.fixture(scope="module")
def phased():
    return load_scenario("binational_phased")


def draw(n, rng):
    return {
        "enforcement_deterrence": rng.uniform(0.3, 0.7, n),
        "season_peak": rng.uniform(4.0, 7.0, n),
        "covid_restrictions.mobility_factor": rng.uniform(0.3, 0.6, n),
    }


def test_the_cluster_has_two_single_threaded_worker_processes(client):
    workers = client.scheduler_info()["workers"].values()
    assert len(workers) == 2
    assert all(w["nthreads"] == 1 for w in workers)
    pids = client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()


def test_a_dask_ensemble_equals_the_single_process_one(client, model, phased):
    kw = {"n_members": 50, "chunk_size": 12, "seed": 11, "by": ("origin",), **FAST}
    local = run_ensemble(model, phased, draw, return_members=True, **kw)
    remote = run_ensemble(model, phased, draw, return_members=True, client=client, **kw)
    assert isinstance(remote["encounters_member"].data, dask.array.Array)  # lazy
    xr.testing.assert_identical(local, remote.compute())


def test_dask_outcomes_and_sensitivity_equal_the_single_process_ones(client, model, phased):
    kw = {"n_members": 30, "chunk_size": 8, "seed": 5, "method": "euler", "dt": 1.0}
    window = ("2020-07", "2021-06")
    local = member_outcomes(model, phased, draw, window=window, **kw)
    remote = member_outcomes(model, phased, draw, window=window, client=client, **kw)
    xr.testing.assert_identical(local, remote)
    sens = {
        "factors": ["season_peak", "covid_restrictions.mobility_factor"],
        "outcomes": ["encounters"],
        "method": "sobol",
        "n_base": 8,
        "window": window,
        "solver": "euler",
        "dt": 1.0,
        "chunk_size": 16,
    }
    xr.testing.assert_identical(
        sensitivity(model, phased, **sens), sensitivity(model, phased, client=client, **sens)
    )


def test_client_options():
    assert get_client(None) is None
    with connect(None) as nothing:
        assert nothing is None
    with pytest.raises(ClusterError, match="--workers 2 needs --scheduler local"):
        get_client(None, 2)
    with pytest.raises(ClusterError, match="applies to --scheduler local only"):
        get_client("tcp://127.0.0.1:9", 2)
    with pytest.raises(ClusterError, match="must be a positive integer"):
        get_client("local", 0)
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at 127.0.0.1:9"):
        get_client("127.0.0.1:9", timeout=1)


def killer(marker: str, n_killed: int, every_time: bool):
    """A draw that kills its worker process when it draws the chunk of `n_killed` members:
    once (then the marker file exists), or `every_time`."""

    def draw_or_die(n, rng):
        if n == n_killed and (every_time or not os.path.exists(marker)):
            with open(marker, "w") as f:
                f.write("killed")
            os._exit(1)  # the worker process dies mid-chunk; its nanny starts a new one
        return {"season_peak": rng.uniform(4.0, 7.0, n)}

    return draw_or_die


def test_a_worker_lost_mid_run_costs_nothing_but_time(client, model, tmp_path):
    kw = {"n_members": 26, "chunk_size": 8, "seed": 3, "variables": ["encounters"], **FAST}
    expected = run_ensemble(model, None, killer(str(tmp_path / "x"), 99, False), **kw)
    marker = tmp_path / "killed"
    result = run_ensemble(model, None, killer(str(marker), 2, False), client=client, **kw)
    assert marker.exists()  # a worker did die, running the last chunk (2 members)
    xr.testing.assert_identical(expected, result)
    assert result.attrs["n_members"] == 26


def test_a_chunk_whose_workers_keep_dying_fails_clearly(client, model, tmp_path):
    kw = {"n_members": 26, "chunk_size": 8, "seed": 3, "variables": ["encounters"], **FAST}
    # The scheduler blames the task that was running when the worker died the last time:
    # the chunk itself, or a task that was joining chunks' results on that worker.
    lost = r"(ensemble chunk \d \(members \d+\.\.\d+\)|task .+) was lost: the workers running it"
    with pytest.raises(ClusterError, match=lost):
        run_ensemble(model, None, killer(str(tmp_path / "k"), 2, True), client=client, **kw)
