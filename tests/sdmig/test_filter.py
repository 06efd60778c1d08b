"""The particle filter against exact answers: the Kalman filter of a linear-Gaussian model."""

import numpy as np
import pytest

from sdmig.inference.filter import particle_filter, systematic_resample, weighted_quantiles


class LocalLevel:
    """x_t = a x_{t-1} + q e_t, y_t = x_t + r u_t, x_0 ~ N(0, p0): a filter model."""

    def __init__(self, y, a=0.9, q=0.5, r=1.0, p0=1.0):
        self.y, self.a, self.q, self.r, self.p0 = y, a, q, r, p0
        self.n_steps = len(y)

    def start(self, n, rng):
        self.x = rng.normal(0.0, np.sqrt(self.p0), n)

    def propagate(self, step, rng):
        self.x = self.a * self.x + self.q * rng.standard_normal(len(self.x))

    def log_likelihood(self, step):
        z = (self.y[step] - self.x) / self.r
        return -0.5 * z**2 - np.log(self.r) - 0.5 * np.log(2 * np.pi)

    def resample(self, index):
        self.x = self.x[index]

    def values(self, step):
        return {"x": self.x}


def kalman(y, a=0.9, q=0.5, r=1.0, p0=1.0):
    """Exact filtered means, variances and log-likelihood."""
    m, p, ll = 0.0, p0, 0.0
    means, variances = [], []
    for obs in y:
        m, p = a * m, a * a * p + q * q
        s = p + r * r
        ll += -0.5 * (np.log(2 * np.pi * s) + (obs - m) ** 2 / s)
        k = p / s
        m, p = m + k * (obs - m), (1 - k) * p
        means.append(m)
        variances.append(p)
    return np.array(means), np.array(variances), ll


def simulate(n, seed, a=0.9, q=0.5, r=1.0):
    rng = np.random.default_rng(seed)
    x, xs, ys = rng.normal(), [], []
    for _ in range(n):
        x = a * x + q * rng.standard_normal()
        xs.append(x)
        ys.append(x + r * rng.standard_normal())
    return np.array(xs), np.array(ys)


def test_systematic_resampling_keeps_floor_or_ceil_copies():
    rng = np.random.default_rng(1)
    w = rng.random(50)
    w /= w.sum()
    counts = np.bincount(systematic_resample(w, rng), minlength=50)
    assert counts.sum() == 50
    assert np.all(counts >= np.floor(50 * w)) and np.all(counts <= np.ceil(50 * w))


def test_weighted_quantiles_equal_weights_match_numpy_hazen():
    x = np.random.default_rng(2).normal(size=(101, 3))
    w = np.full(101, 1 / 101)
    got = weighted_quantiles(x, w, [0.1, 0.5, 0.9])
    np.testing.assert_allclose(got, np.quantile(x, [0.1, 0.5, 0.9], axis=0, method="hazen"))


def test_weighted_quantiles_interpolate_the_weighted_distribution():
    """Unequal weights, some zero, and quantiles at and beyond the ends: the inverse of the
    weighted empirical distribution between the samples' weight midpoints, clamped to the
    smallest and largest sample."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(40, 4, 2))
    w = rng.random(40) * (rng.random(40) > 0.3)
    w /= w.sum()
    q = [0.0, 0.01, 0.25, 0.5, 0.9, 1.0]
    got = weighted_quantiles(x, w, q)
    flat = x.reshape(40, -1)
    for j in range(flat.shape[1]):
        order = np.argsort(flat[:, j])
        mid = np.cumsum(w[order]) - 0.5 * w[order]
        want = np.interp(q, mid, flat[order, j])
        np.testing.assert_allclose(got.reshape(len(q), -1)[:, j], want, rtol=0, atol=1e-15)
    assert np.all(got[0] >= x.min(axis=0)) and np.all(got[-1] <= x.max(axis=0))


def test_filter_equals_kalman_within_monte_carlo_error():
    _, y = simulate(40, seed=3)
    means, variances, ll = kalman(y)
    n = 20_000
    run = particle_filter(LocalLevel(y), n, seed=4)
    pf_mean = run.mean["x"]
    # Monte Carlo error of a weighted mean: sd / sqrt(ESS); allow 5 of them
    se = np.sqrt(variances / run.ess)
    assert np.all(np.abs(pf_mean - means) < 5 * se + 1e-3)
    q = run.quantiles["x"]  # (steps, quantiles)
    from sdmig.inference.filter import FILTER_QUANTILES

    lo, hi = FILTER_QUANTILES.index(0.1), FILTER_QUANTILES.index(0.9)
    width = (q[:, hi] - q[:, lo]) / (2 * 1.2815515655446004)
    np.testing.assert_allclose(width, np.sqrt(variances), rtol=0.05)
    # the log-likelihood estimate: sd about 0.05 here at 20k particles
    assert abs(run.loglik - ll) < 0.3


@pytest.mark.parametrize("threshold", [0.5, 1.0])
def test_filter_loglik_is_unbiased_on_the_likelihood_scale(threshold):
    _, y = simulate(15, seed=5)
    _, _, ll = kalman(y)
    estimates = [
        particle_filter(LocalLevel(y), 200, seed=s, resample_threshold=threshold).loglik
        for s in range(40)
    ]
    # E[exp(loglik)] = exp(ll): compare log of the mean estimate, within a loose MC error
    assert abs(np.log(np.mean(np.exp(np.array(estimates) - ll)))) < 0.1


def test_true_state_inside_intervals_at_the_nominal_rate():
    from sdmig.inference.filter import FILTER_QUANTILES

    hits = []
    for seed in range(10):
        x, y = simulate(50, seed=100 + seed)
        q = particle_filter(LocalLevel(y), 1000, seed=seed).quantiles["x"]
        lo, hi = FILTER_QUANTILES.index(0.1), FILTER_QUANTILES.index(0.9)
        hits.append((q[:, lo] <= x) & (x <= q[:, hi]))
    rate = np.mean(hits)
    assert 0.75 < rate < 0.85  # 500 steps (correlated): nominal 0.80
