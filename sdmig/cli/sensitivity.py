"""``sdmig sensitivity``: which parameters and levers drive the outcomes (Sobol, Morris)."""

from __future__ import annotations

from pathlib import Path

import click

from sdmig.cli.common import user_errors
from sdmig.files import atomic_write
from sdmig.model.parameters import ENSEMBLE_DT, REPORT_WINDOW

__all__ = ["sensitivity_command"]


def _parse_factors(ctx, param, values: tuple[str, ...]) -> list[tuple]:
    out = []
    for text in values:
        name, sep, rng = text.partition("=")
        low = high = None
        if sep:
            lo, colon, hi = rng.partition(":")
            try:
                if not colon:
                    raise ValueError
                low, high = float(lo), float(hi)
            except ValueError:
                raise click.BadParameter(
                    f"{text!r}: give NAME or NAME=LOW:HIGH, e.g. pre_screening_hub.capacity="
                    "4000:12000 or joint_task_forces.start=-6:6"
                ) from None
        if not name:
            raise click.BadParameter(f"{text!r}: the factor's name is missing")
        out.append((name, low, high))
    return out


@click.command("sensitivity")
@click.option(
    "--scenario",
    default="binational_phased",
    show_default=True,
    metavar="NAME|FILE",
    help="Scenario whose levers' intensities and timings can be factors.",
)
@click.option(
    "--outcome",
    "outcomes",
    multiple=True,
    metavar="VARIABLE",
    help="Outcome (repeatable): a model variable totalled over origins and corridors, "
    "summed over the window for rates, at its end for stocks [default: encounters, "
    "deaths, court_backlog].",
)
@click.option(
    "--factor",
    "factors",
    multiple=True,
    callback=_parse_factors,
    metavar="NAME[=LOW:HIGH]",
    help="Factor (repeatable): a parameter (enforcement_deterrence, base_departures[MEX], "
    "or base_departures scaled as a whole), a lever's parameter (LABEL.PARAM) or its "
    "timing shifted by whole months (LABEL.start); default range -+20% (timings -+6 "
    "months) [default: the calibrated parameters and the policy levers' intensities and "
    "timings].",
)
@click.option(
    "--method",
    type=click.Choice(["sobol", "morris"]),
    default="sobol",
    show_default=True,
    help="Sobol indices (S1, ST), or Morris screening (mu*, sigma) for many factors.",
)
@click.option(
    "--n-base",
    type=click.IntRange(min=2),
    default=None,
    metavar="N",
    help="Sobol: base samples, a power of 2, N x (factors + 2) runs [default 1024]. "
    "Morris: trajectories, N x (factors + 1) runs [default 50].",
)
@click.option(
    "--start",
    default=REPORT_WINDOW[0],
    show_default=True,
    metavar="YYYY-MM",
    help="First month of the outcome window.",
)
@click.option(
    "--end",
    default=REPORT_WINDOW[1],
    show_default=True,
    metavar="YYYY-MM",
    help="Last month of the outcome window.",
)
@click.option(
    "--solver",
    type=click.Choice(["rk4", "euler"]),
    default="rk4",
    show_default=True,
    help="Fixed-step integrator of the runs.",
)
@click.option(
    "--dt",
    type=click.FloatRange(min=0, min_open=True),
    default=ENSEMBLE_DT,
    show_default=True,
    help="Integration step [months]; 0.25 or less (larger steps distort the model).",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=2048,
    show_default=True,
    help="Runs per vectorized integration (and per Dask task).",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Seed of the sample and of the bootstrap intervals.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="local|ADDRESS",
    help="Run on Dask: 'local' starts a LocalCluster, an address (tcp://host:8786) uses a "
    "running cluster [default: this process].",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes of --scheduler local [default: the number of CPUs].",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for sensitivity.png (the bar chart) and sensitivity.csv (the ranked table).",
)
@click.option("--quiet", is_flag=True, help="Print only the tables.")
def sensitivity_command(
    scenario,
    outcomes,
    factors,
    method,
    n_base,
    start,
    end,
    solver,
    dt,
    chunk_size,
    seed,
    scheduler,
    workers,
    out_dir,
    quiet,
) -> None:
    """Rank the factors that drive the outcomes over START..END under a scenario.

    Every sample is one member of a vectorized ensemble; with --scheduler the members run
    in chunks on a Dask cluster. Prints one table per outcome, ranked by the total Sobol
    index ST (or by Morris mu*), and with --out writes the bar chart and the table.
    """
    from sdmig.model.border import BorderModel
    from sdmig.outputs.sensitivity import format_ranked, plot_indices, ranked_table
    from sdmig.policy.scenario import load_scenario
    from sdmig.run.distributed import connect
    from sdmig.run.ensemble import DEFAULT_OUTCOMES
    from sdmig.run.factors import default_factors, make_factor
    from sdmig.run.sensitivity import sensitivity

    def say(text: str) -> None:
        if not quiet:
            click.echo(text, err=True)

    written = []
    with user_errors():
        model = BorderModel()
        loaded = load_scenario(scenario)
        if factors:
            chosen = [make_factor(model, loaded, n, low=lo, high=hi) for n, lo, hi in factors]
        else:
            chosen = default_factors(model, loaded)
        n = n_base if n_base is not None else (1024 if method == "sobol" else 50)
        runs = n * (len(chosen) + (2 if method == "sobol" else 1))
        say(
            f"{method}: {len(chosen)} factors, {runs:,} runs of {loaded.name} "
            f"({solver}, dt {dt:g}) for {start}..{end} ..."
        )
        with connect(scheduler, workers) as client:
            if client is not None:
                say(f"on Dask: {client.scheduler.address}")
            ds = sensitivity(
                model,
                loaded,
                chosen,
                list(outcomes) or list(DEFAULT_OUTCOMES),
                method=method,
                n_base=n,
                window=(start, end),
                solver=solver,
                dt=dt,
                chunk_size=chunk_size,
                client=client,
                seed=seed,
            )
        if out_dir is not None:
            out = Path(out_dir)
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise click.ClickException(
                    f"cannot create output folder {out}: {exc.strerror}"
                ) from None
            written.append(plot_indices(ds, out / "sensitivity.png"))
            table = ranked_table(ds)
            written.append(atomic_write(out / "sensitivity.csv", table.to_csv))
    click.echo(format_ranked(ds))
    for path in written:
        say(f"wrote {path}")
