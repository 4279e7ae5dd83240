"""Shot sampling: `sample_counts` and `estimate_expval` against the exact distributions.

Bounds are derived, not tuned; seeds are fixed so the tests are deterministic:

* counts: a Pearson chi-square statistic against the exact probabilities, below
  its 1 − 1e-6 quantile (Wilson–Hilferty), and every cell within 5 binomial
  standard errors;
* estimates: the mean of R independent estimates within 5 standard errors of
  the exact value, and their sample variance within 5 standard errors (from
  the exact fourth central moment) of the variance the sampling model implies.
"""
import numpy as np
import pytest

import qmlkit as qk
import reference as ref

Z_TAIL = 4.75          # standard normal upper 1e-6 quantile


def chi2_quantile(df, z=Z_TAIL):
    """Wilson–Hilferty approximation of the chi-square quantile with ``df`` degrees of freedom."""
    return df * (1 - 2 / (9 * df) + z * np.sqrt(2 / (9 * df))) ** 3


def pearson(counts, p, shots):
    """Pearson statistic and degrees of freedom, pooling cells with expected count < 5."""
    e = shots * p
    big = e >= 5
    obs = list(counts[big]) + ([counts[~big].sum()] if (~big).any() else [])
    exp = list(e[big]) + ([e[~big].sum()] if (~big).any() else [])
    obs, exp = np.array(obs, float), np.array(exp)
    keep = exp > 0
    return float(((obs[keep] - exp[keep]) ** 2 / exp[keep]).sum()), int(keep.sum()) - 1


# --------------------------------------------------------------------------- sample_counts
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_sample_counts_match_probabilities(n):
    rng = np.random.default_rng(100 + n)
    psi = ref.random_state(n, rng, 6)
    shots = 20_000
    counts = qk.sample_counts(psi, shots, random_state=n)
    assert counts.shape == psi.shape and np.issubdtype(counts.dtype, np.integer)
    assert np.all(counts.sum(axis=1) == shots) and np.all(counts >= 0)
    p = ref.probabilities(psi)
    for b in range(psi.shape[0]):
        stat, df = pearson(counts[b], p[b], shots)
        assert stat <= chi2_quantile(df), (stat, df)
        se = np.sqrt(p[b] * (1 - p[b]) / shots)
        assert np.all(np.abs(counts[b] / shots - p[b]) <= 5 * se + 1e-12)


def test_sample_counts_of_one_state_and_of_a_circuit():
    c = qk.Circuit(3).h(0).cnot(0, 1).ry(1.1, 2)          # (|00> + |11>)/√2 ⊗ RY(1.1)|0>
    psi = c.states()
    counts = qk.sample_counts(psi, 50_000, random_state=0)
    assert counts.shape == (8,) and counts.sum() == 50_000
    p = ref.probabilities(ref.run(c.ops, 3))
    assert np.all(counts[p == 0] == 0)                     # impossible outcomes never appear
    stat, df = pearson(counts, p, 50_000)
    assert stat <= chi2_quantile(df)


def test_sample_counts_rows_are_independent_and_seeded():
    psi = np.tile(np.full(4, 0.5, dtype=complex), (200, 1))     # 200 copies of the uniform state
    a = qk.sample_counts(psi, 100, random_state=5)
    b = qk.sample_counts(psi, 100, random_state=5)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, qk.sample_counts(psi, 100, random_state=6))
    # the rows are not copies of one draw: their spread is the binomial one, Var = N p q
    N, p, q = 100, 0.25, 0.75
    sigma2, mu4 = N * p * q, N * p * q * (1 + 3 * (N - 2) * p * q)
    assert abs(a[:, 0].var(ddof=1) - sigma2) <= 5 * np.sqrt((mu4 - sigma2 ** 2) / len(a))
    # pooled over all rows the counts follow the probabilities
    stat, df = pearson(a.sum(axis=0), np.full(4, 0.25), 200 * 100)
    assert stat <= chi2_quantile(df)


def test_basis_state_counts_are_exact():
    counts = qk.sample_counts(qk.basis_state([1, 0, 1]), 123, random_state=0)
    assert counts.tolist() == [0, 0, 0, 0, 0, 123, 0, 0]


# --------------------------------------------------------------------------- estimate_expval
R = 4000               # independent estimates (rows of a batch of identical states)


def _check_mean_and_variance(est, mean, var, mu4, label):
    """Mean within 5 SE; sample variance within 5 SE, SE² = (mu4 − var²) / R."""
    assert abs(est.mean() - mean) <= 5 * np.sqrt(var / len(est)) + 1e-12, label
    s2 = est.var(ddof=1)
    assert abs(s2 - var) <= 5 * np.sqrt(max(mu4 - var ** 2, 0) / len(est)) + 1e-15, (label, s2, var)


@pytest.mark.parametrize("letters", [{0: "X"}, {1: "Y"}, {0: "X", 2: "Y"}, {0: "Y", 1: "Z", 2: "X"}],
                         ids=lambda d: "".join(f"{p}{w}" for w, p in d.items()))
@pytest.mark.parametrize("shots", [1, 37, 500])
def test_estimate_of_pauli_string_is_binomial(letters, shots):
    """A non-diagonal Pauli string: 2 K / shots − 1 with K ~ Binomial(shots, (1 + <P>)/2)."""
    rng = np.random.default_rng(len(letters) * 1000 + shots)
    psi = ref.random_state(3, rng)
    ev = ref.expval(psi, ref.pauli_matrix(letters, 3))
    p = (1 + ev) / 2
    q = 1 - p
    est = qk.estimate_expval(np.tile(psi, (R, 1)), qk.PauliString(letters), shots, random_state=shots)
    assert est.shape == (R,)
    k = (est + 1) * shots / 2                              # the binomial count behind each estimate
    np.testing.assert_allclose(k, np.round(k), atol=1e-9)
    assert np.all((k > -0.5) & (k < shots + 0.5))
    var = 4 * p * q / shots
    mu4 = 16 * shots * p * q * (1 + 3 * (shots - 2) * p * q) / shots ** 4
    _check_mean_and_variance(est, ev, var, mu4, letters)


DIAGONAL = {
    "Z0": ([("pauli", 1.0, {0: "Z"})], lambda: qk.Z(0)),
    "Z0Z2": ([("pauli", 1.0, {0: "Z", 2: "Z"})], lambda: qk.Z(0) @ qk.Z(2)),
    "proj": ([("proj", 1.0, [1, 0], [2, 0])], lambda: qk.Projector([1, 0], [2, 0])),
    "sum": ([("pauli", 0.5, {1: "Z"}), ("proj", -2.0, [0, 0, 1], [0, 1, 2]), ("pauli", 1.5, {})],
            lambda: 0.5 * qk.Z(1) - 2.0 * qk.Projector([0, 0, 1]) + 1.5),
}


@pytest.mark.parametrize("name", list(DIAGONAL))
@pytest.mark.parametrize("shots", [1, 50, 800])
def test_estimate_of_diagonal_observable_is_multinomial(name, shots):
    """Diagonal part: the mean of the diagonal d over shots outcomes drawn with the Born probabilities."""
    spec, build = DIAGONAL[name]
    rng = np.random.default_rng(shots + 7)
    psi = ref.random_state(3, rng)
    d = np.real(np.diagonal(ref.observable_matrix(spec, 3)))
    p = ref.probabilities(psi)
    mu = p @ d
    var_1 = p @ (d - mu) ** 2
    mu4_1 = p @ (d - mu) ** 4
    var = var_1 / shots
    mu4 = (mu4_1 + 3 * (shots - 1) * var_1 ** 2) / shots ** 3
    est = qk.estimate_expval(np.tile(psi, (R, 1)), build(), shots, random_state=11)
    _check_mean_and_variance(est, mu, var, mu4, name)


def test_estimate_of_mixed_sum_is_unbiased():
    """Z part from one computational-basis run, each X/Y string from its own: variances add."""
    rng = np.random.default_rng(21)
    psi = ref.random_state(3, rng)
    spec = [("pauli", 0.7, {0: "X", 1: "X"}), ("pauli", -1.3, {2: "Y"}), ("pauli", 0.4, {0: "Z"}),
            ("proj", 0.9, [1], [1])]
    obs = 0.7 * (qk.X(0) @ qk.X(1)) - 1.3 * qk.Y(2) + 0.4 * qk.Z(0) + 0.9 * qk.Projector([1], [1])
    shots = 200
    exact = ref.expval(psi, ref.observable_matrix(spec, 3))
    d = np.real(np.diagonal(ref.observable_matrix(spec[2:], 3)))
    p = ref.probabilities(psi)
    # independent parts: variances add; fourth central moments add plus 6 Σ_{i<j} var_i var_j
    mu = p @ d
    v1, m1 = p @ (d - mu) ** 2, p @ (d - mu) ** 4
    parts = [(v1 / shots, (m1 + 3 * (shots - 1) * v1 ** 2) / shots ** 3)]
    for c, letters in ((0.7, {0: "X", 1: "X"}), (-1.3, {2: "Y"})):
        pp = (1 + ref.expval(psi, ref.pauli_matrix(letters, 3))) / 2
        qq = 1 - pp
        parts.append((c ** 2 * 4 * pp * qq / shots,
                      c ** 4 * 16 * shots * pp * qq * (1 + 3 * (shots - 2) * pp * qq) / shots ** 4))
    var = sum(v for v, _ in parts)
    mu4 = sum(m for _, m in parts) + 6 * sum(parts[i][0] * parts[j][0]
                                             for i in range(3) for j in range(i + 1, 3))
    est = qk.estimate_expval(np.tile(psi, (R, 1)), obs, shots, random_state=2)
    _check_mean_and_variance(est, exact, var, mu4, "mixed")


def test_estimate_single_state_returns_float_and_exact_cases():
    plus = np.array([1, 1], dtype=complex) / np.sqrt(2)
    assert qk.estimate_expval(plus, qk.X(0), 10, random_state=0) == 1.0    # <X> = 1: no noise
    v = qk.estimate_expval(qk.basis_state([0, 1]), qk.Projector([0, 1]), 7, random_state=0)
    assert isinstance(v, float) and v == 1.0
    assert qk.estimate_expval(qk.basis_state([1, 1]), qk.Z(0) @ qk.Z(1) - 2 * qk.Z(1), 5,
                              random_state=3) == 3.0
    a = qk.estimate_expval(plus, qk.Z(0), 100, random_state=9)
    assert a == qk.estimate_expval(plus, qk.Z(0), 100, random_state=9)


def test_circuit_estimates_through_parameter_shift_values():
    """The value returned with shots is an estimate of the exact circuit value (5 binomial SEs)."""
    c = qk.Circuit(2).ry(qk.Param(0), 0).cnot(0, 1).rx(qk.Feature(0), 1)
    X = np.linspace(-2, 2, 400)[:, None]
    obs = qk.Y(1)
    vals, _ = qk.value_and_jacobian(c, obs, [0.8], X, method="parameter-shift", shots=300,
                                    random_state=1)
    exact = np.array([ref.expval(ref.run(c.ops, 2, [0.8], x), ref.pauli_matrix({1: "Y"}, 2)) for x in X])
    z = (vals - exact) / np.sqrt((1 - exact ** 2) / 300)
    assert np.all(np.abs(z) <= Z_TAIL + 0.5)          # 400 values, each beyond 5.25 sd with p < 2e-7
    assert abs(z.mean()) <= 5 / np.sqrt(len(z))


@pytest.mark.parametrize("shots", [0, -3])
def test_nonpositive_shots_raise(shots):
    psi = qk.zero_state(2)
    with pytest.raises(ValueError, match="shots must be a positive integer"):
        qk.sample_counts(psi, shots)
    with pytest.raises(ValueError, match="shots must be a positive integer"):
        qk.estimate_expval(psi, qk.Z(0), shots)
    c = qk.Circuit(1).ry(qk.Param(0), 0)
    with pytest.raises(ValueError, match="shots must be a positive integer"):
        qk.jacobian(c, qk.Z(0), [0.1], method="parameter-shift", shots=shots)
