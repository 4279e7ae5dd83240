"""Expressibility and entangling capability (qmlkit.expressivity) on anchors derived exactly here:
idle circuits, the arcsine law of H·RZ, Haar-random states, product, Bell, GHZ and W states."""
from __future__ import annotations

import numpy as np
import pytest

import qmlkit as qk
from qmlkit import ansatz as A
from qmlkit import expressivity as E
from reference import random_state

P = qk.Param


# ---------------------------------------------------------------- the Haar distribution
@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_haar_bin_probabilities_integrate_the_density(n):
    """∫_a^b (N−1)(1−F)^(N−2) dF, integrated numerically on a fine grid inside each bin."""
    N, k = 2 ** n, 75
    got = E.haar_bin_probabilities(n, k)
    want = []
    for j in range(k):
        f = np.linspace(j / k, (j + 1) / k, 2001)
        dens = (N - 1) * (1 - f) ** (N - 2)
        want.append(np.sum((dens[1:] + dens[:-1]) / 2 * np.diff(f)))          # trapezoid rule
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-15)
    assert np.isclose(got.sum(), 1.0, atol=1e-12)


def test_haar_log_probabilities_do_not_underflow():
    """For 10 qubits the last bin has probability (1/75)^1023 ≈ 10^-1918, far below the smallest double."""
    log_q = E.haar_bin_probabilities(10, 75, log=True)
    assert np.all(np.isfinite(log_q))
    assert np.isclose(log_q[-1], 1023 * np.log(1 / 75), rtol=1e-12)
    np.testing.assert_allclose(np.exp(E.haar_bin_probabilities(2, 75, log=True)),
                               E.haar_bin_probabilities(2, 75), rtol=1e-12)


def test_haar_random_states_follow_the_haar_histogram():
    """Fidelities of pairs of Gaussian-normalised (Haar-random) 3-qubit states: a chi-square test of
    their 75-bin histogram against haar_bin_probabilities. With 74 degrees of freedom the statistic has
    mean 74 and standard deviation √148 ≈ 12.2; 74 + 5·12.2 ≈ 135 is exceeded with probability < 1e-5."""
    rng = np.random.default_rng(0)
    m = 20000
    a, b = random_state(3, rng, m), random_state(3, rng, m)
    F = np.abs(np.einsum("bi,bi->b", a.conj(), b)) ** 2
    counts = np.bincount(np.minimum((F * 75).astype(int), 74), minlength=75)
    expected = m * E.haar_bin_probabilities(3, 75)
    chi2 = np.sum((counts - expected) ** 2 / expected)
    assert chi2 < 135, chi2


# ---------------------------------------------------------------- expressibility anchors
@pytest.mark.parametrize("n", [1, 2, 3])
def test_idle_circuit_gives_ln75_per_haar_dimension(n):
    """An idle circuit (nothing varies) makes one state: every fidelity is 1, so the circuit's histogram
    is all in the last bin [74/75, 1]: p = (0, …, 0, 1). Then KL = 1 · ln(1 / q_last) with
    q_last = ∫_{74/75}^1 (N−1)(1−F)^(N−2) dF = (1/75)^(N−1); so KL = (N − 1) ln 75, which is ln 75 for
    one qubit (N = 2, where Haar fidelities are uniform and every bin has 1/75)."""
    N = 2 ** n
    idle = qk.Circuit(n)
    assert E.expressibility(idle, n_pairs=50, random_state=0) == pytest.approx((N - 1) * np.log(75), rel=1e-12)
    # gates without parameters are idle too, and so is a parameter that only changes a global phase
    assert E.expressibility(qk.Circuit(n).h(0), n_pairs=50, random_state=1) == pytest.approx((N - 1) * np.log(75))
    phase_only = qk.Circuit(n).rz(P(0), 0)                    # RZ(θ)|0…0⟩ = e^{−iθ/2}|0…0⟩
    assert E.expressibility(phase_only, n_pairs=500, random_state=2) == pytest.approx((N - 1) * np.log(75))


def test_h_rz_fidelities_are_cos_squared_of_half_the_difference():
    """RZ(θ)H|0⟩ = (e^{−iθ/2}|0⟩ + e^{iθ/2}|1⟩)/√2, so |⟨ψ(θ)|ψ(φ)⟩|² = cos²((θ − φ)/2), exactly,
    for the pairs the documented draw makes (θ: first n_pairs rows, φ: the others)."""
    c = qk.Circuit(1).h(0).rz(P(0), 0)
    m = 1000
    F = E.fidelities(c, n_pairs=m, random_state=7)
    draws = np.random.default_rng(7).uniform(0, 2 * np.pi, (2 * m, 1))[:, 0]
    np.testing.assert_allclose(F, np.cos((draws[:m] - draws[m:]) / 2) ** 2, atol=1e-12)


def test_h_rz_expressibility_approaches_the_arcsine_law():
    """θ, φ uniform on [0, 2π) make Δ = θ − φ (mod 2π) uniform, and F = cos²(Δ/2) has the arcsine
    law, CDF (2/π)·arcsin√F. Its bin probabilities are p_k = (2/π)(arcsin√b_k − arcsin√a_k); Haar for
    one qubit is uniform, q_k = 1/75; so the exact expressibility is Σ p_k ln(75 p_k) ≈ 0.196
    (Sim et al. 2019 report 0.22 for this circuit, their "circuit A", from a finite sample).

    The plug-in estimate from m pairs has bias ≈ (75 − 1)/(2m) and standard deviation
    ≈ √(Var_p[ln(p/q)]/m) (delta method); we allow the bias plus five standard deviations."""
    k, m = 75, 200000
    edges = np.arange(k + 1) / k
    p = np.diff(2 / np.pi * np.arcsin(np.sqrt(edges)))
    log_ratio = np.log(k * p)
    exact = float(np.sum(p * log_ratio))
    assert exact == pytest.approx(0.1961, abs=1e-4)
    sd = np.sqrt((np.sum(p * log_ratio ** 2) - exact ** 2) / m)
    bias = (k - 1) / (2 * m)
    got = E.expressibility(qk.Circuit(1).h(0).rz(P(0), 0), n_pairs=m, random_state=11)
    assert abs(got - exact) < bias + 5 * sd, (got, exact, bias, sd)


def test_more_layers_are_more_expressive_on_sim_et_al_circuits():
    """Sim et al. Fig. 1, one qubit: idle (ln 75) > H·RZ (≈ 0.2) > H·RZ·RX (≈ 0.02)."""
    idle = E.expressibility(qk.Circuit(1), 5000, random_state=0)
    a = E.expressibility(qk.Circuit(1).h(0).rz(P(0), 0), 5000, random_state=0)
    b = E.expressibility(qk.Circuit(1).h(0).rz(P(0), 0).rx(P(1), 0), 5000, random_state=0)
    assert idle > a > b > 0


def test_expressibility_is_reproducible_and_checks_its_input():
    c = A.hardware_efficient(3, 2)
    assert E.expressibility(c, 300, random_state=4) == E.expressibility(c, 300, random_state=4)
    with pytest.raises(TypeError):
        E.expressibility("not a circuit")
    with pytest.raises(ValueError, match="n_pairs"):
        E.expressibility(c, n_pairs=0)
    with pytest.raises(ValueError, match="n_bins"):
        E.expressibility(c, n_bins=0)


# ---------------------------------------------------------------- the batched simulation
def test_parameter_states_match_one_run_per_parameter_set():
    c = A.circuit_centric(3, (1, 2)).ry(qk.Feature(0) * 0.5 + P(0), 1)      # reads a feature too
    th = np.random.default_rng(3).uniform(0, 2 * np.pi, (7, c.n_params))
    x = np.array([0.8])
    got = E.parameter_states(c, th, x=x)
    want = np.array([c.states(t, X=x) for t in th])
    np.testing.assert_allclose(got, want, atol=1e-12)
    with pytest.raises(ValueError, match="x"):
        E.parameter_states(c, th)
    with pytest.raises(ValueError, match="thetas"):
        E.parameter_states(c, th[:, :-1], x=x)


def test_parameter_states_is_one_batched_run(monkeypatch):
    """Thousands of parameter sets on 4 qubits go through the simulator in one call."""
    calls = []
    original = qk.Circuit.states

    def counting(self, *args, **kwargs):
        calls.append(kwargs.get("X", args[1] if len(args) > 1 else None))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(qk.Circuit, "states", counting)
    c = A.hardware_efficient(4, 3)
    psi = E.parameter_states(c, E.sample_params(c, 10000, random_state=0))
    assert psi.shape == (10000, 16) and len(calls) == 1 and calls[0].shape == (10000, c.n_params)


def test_sample_params_are_uniform_on_0_2pi():
    th = E.sample_params(A.hardware_efficient(2, 1), 5000, random_state=1)
    assert th.shape == (5000, 4) and th.min() >= 0 and th.max() < 2 * np.pi
    np.testing.assert_allclose(th, np.random.default_rng(1).uniform(0, 2 * np.pi, (5000, 4)))


# ---------------------------------------------------------------- Meyer–Wallach
def purities_direct(psi):
    """Tr ρ_k² for every wire k of one state, from the explicit partial trace ρ_k = Tr_{others} |ψ⟩⟨ψ|."""
    n = int(np.log2(psi.size))
    t = psi.reshape((2,) * n)
    out = []
    for k in range(n):
        m = np.moveaxis(t, k, 0).reshape(2, -1)             # rows: wire k; columns: all other wires
        rho = m @ m.conj().T
        out.append(np.trace(rho @ rho).real)
    return np.array(out)


def q_direct(psi):
    return 2 * (1 - purities_direct(psi).mean())


def ghz(n):
    v = np.zeros(2 ** n, dtype=complex)
    v[0] = v[-1] = 1 / np.sqrt(2)
    return v


def test_meyer_wallach_of_product_states_is_zero():
    rng = np.random.default_rng(0)
    for n in (1, 2, 3, 5):
        psi = np.ones(1, dtype=complex)
        for _ in range(n):
            psi = np.kron(psi, random_state(1, rng))
        assert E.meyer_wallach(psi) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("n", [2, 3, 4, 6])
def test_meyer_wallach_of_bell_and_ghz_states_is_one(n):
    """Every wire of a GHZ state (a Bell state for n = 2) is maximally mixed: Tr ρ_k² = 1/2, Q = 1."""
    assert E.meyer_wallach(ghz(n)) == pytest.approx(1.0, abs=1e-12)
    assert E.meyer_wallach(qk.Circuit(2).h(0).cnot(0, 1).states()) == pytest.approx(1.0, abs=1e-12)


def test_meyer_wallach_of_the_w_state():
    """W = (|001⟩ + |010⟩ + |100⟩)/√3: each wire is diag(2/3, 1/3), purity 5/9, Q = 2(1 − 5/9) = 8/9."""
    w = np.zeros(8)
    w[[1, 2, 4]] = 1 / np.sqrt(3)
    assert E.meyer_wallach(w) == pytest.approx(8 / 9, abs=1e-12)


def test_meyer_wallach_matches_the_direct_purity_for_random_states_and_batches():
    rng = np.random.default_rng(5)
    for n in (2, 3, 4, 5):
        batch = random_state(n, rng, 6)
        got = E.meyer_wallach(batch)
        assert got.shape == (6,)
        np.testing.assert_allclose(got, [q_direct(s) for s in batch], atol=1e-12)
        assert E.meyer_wallach(batch[0]) == pytest.approx(q_direct(batch[0]), abs=1e-12)
    # scale does not matter (the state is normalised first), a zero vector is no state
    assert E.meyer_wallach(3 * ghz(3)) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        E.meyer_wallach(np.zeros(4))


def test_entangling_capability_anchors():
    """Local rotations only: every state is a product state, Q = 0. H, CNOT and then local rotations:
    every state is a Bell state rotated locally, which keeps Q = 1."""
    local = A.to_circuit(A.combined_structure([A.local_rotations_layer(3, "Y"), A.local_rotations_layer(3, "Z")]))
    assert E.entangling_capability(local, 500, random_state=0) == pytest.approx(0.0, abs=1e-12)
    bell = qk.Circuit(2).h(0).cnot(0, 1).ry(P(0), 0).rz(P(1), 1).rx(P(2), 0)
    assert E.entangling_capability(bell, 500, random_state=0) == pytest.approx(1.0, abs=1e-12)


def test_entangling_capability_is_the_mean_over_the_documented_draw():
    c = A.strongly_entangling(3, 1)
    th = np.random.default_rng(8).uniform(0, 2 * np.pi, (300, c.n_params))
    want = np.mean([q_direct(c.states(t)) for t in th])
    assert E.entangling_capability(c, 300, random_state=8) == pytest.approx(want, abs=1e-12)


# ---------------------------------------------------------------- the summary
def test_summary_counts_and_sampled_measures():
    c = A.circuit_centric(4, (1, 3))
    s = E.summary(c, sample=False)
    assert s == {"n_qubits": 4, "n_params": 51, "n_gates": 17, "depth": c.depth(), "two_qubit_gates": 8}
    full = E.summary(c, n_pairs=400, random_state=3)
    # the same 800 random states feed both measures
    assert full["expressibility"] == E.expressibility(c, 400, random_state=3)
    assert full["entangling_capability"] == pytest.approx(E.entangling_capability(c, 800, random_state=3), abs=1e-12)
    assert {k: full[k] for k in s} == s


def test_kl_to_haar_of_fidelities():
    """All fidelities 1 on n qubits: (2**n − 1)·ln 75 as for the idle circuit; Haar-random pairs: a small
    positive floor; the same histogram as expressibility() builds from the circuit's own fidelities."""
    assert E.kl_to_haar(np.ones(20), 3) == pytest.approx(7 * np.log(75))
    rng = np.random.default_rng(1)
    a, b = random_state(4, rng, 5000), random_state(4, rng, 5000)
    floor = E.kl_to_haar(np.abs(np.einsum("bi,bi->b", a.conj(), b)) ** 2, 4)
    # for samples from q itself, 2m·KL is asymptotically χ² with at most K − 1 = 74 degrees of freedom:
    # mean 74/(2m), standard deviation √(2·74)/(2m); allow five of them
    m = 5000
    assert 0 < floor < (74 + 5 * np.sqrt(2 * 74)) / (2 * m)
    c = A.hardware_efficient(2, 2)
    assert E.kl_to_haar(E.fidelities(c, 700, random_state=5), 2) == E.expressibility(c, 700, random_state=5)
    for bad in ([], [0.5, 1.2], [[0.5]], [np.nan]):
        with pytest.raises(ValueError, match="fidelities"):
            E.kl_to_haar(bad, 2)
