"""Gradients (adjoint, parameter shift, finite differences, SPSA) against the dense-matrix oracle.

The yardstick is a central finite difference computed with the REFERENCE
simulator, with a tolerance derived for each parameter rather than chosen:

* truncation: for f(t) = <psi(t)|O|psi(t)> with psi(t) = U(t) psi0 and every
  angle moving at rate a_g along t, ||psi^(k)|| <= L^k with
  L = Σ_g |a_g| ||G_g|| (G_g the generator of gate g), hence
  |f'''| <= ||O|| (2L)^3 and the central difference with step h is off by at
  most h²/6 · ||O|| (2L)^3;
* rounding: each reference value is accurate to ~1e-13, divided by 2h.
"""
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qmlkit as qk
import reference as ref
from strategies import (GENERATOR_NORM, PARAM_1Q, circuits, observable_norm_bound, observables)

H_REF = 1e-4                 # step of the reference finite differences
ROUNDING = 1e-13 / H_REF     # two values each accurate to ~1e-13, differenced, over 2h
EPS = np.finfo(float).eps
GRAD_GATES = PARAM_1Q + ["ZZ", "ZZ", "RX", "RY", "H", "X", "UNITARY"]


# --------------------------------------------------------------------------- reference helpers
def ref_value(ops, n, M, params, x, psi0=None):
    return ref.expval(ref.run(ops, n, params, x, psi0), M)


def ref_fd(circuit, M, params, X, wrt="params", psi0=None, h=H_REF):
    """Central differences of the reference expectation: (n_samples, n_params or n_features)."""
    n = circuit.n_qubits
    X = np.atleast_2d(X)
    k = len(params) if wrt == "params" else X.shape[1]
    out = np.zeros((X.shape[0], k))
    for b, x in enumerate(X):
        p0 = None if psi0 is None else (psi0 if np.ndim(psi0) == 1 else psi0[b])
        for i in range(k):
            e = np.zeros(k)
            e[i] = h
            if wrt == "params":
                fp = ref_value(circuit.ops, n, M, params + e, x, p0)
                fm = ref_value(circuit.ops, n, M, params - e, x, p0)
            else:
                fp = ref_value(circuit.ops, n, M, params, x + e, p0)
                fm = ref_value(circuit.ops, n, M, params, x - e, p0)
            out[b, i] = (fp - fm) / (2 * h)
    return out


def rate_bound(circuit, wrt="params"):
    """L_i = Σ over gate angles of |coefficient of variable i| · ||generator||, per variable."""
    k = circuit.n_params if wrt == "params" else circuit.n_features
    L = np.zeros(k)
    for op in circuit.ops:
        for j, a in enumerate(op.angles):
            g = GENERATOR_NORM[op.gate][j]
            for i, c in (a.params if wrt == "params" else a.features):
                L[i] += abs(c) * g
    return L


def fd_tolerance(circuit, spec, wrt="params", h=H_REF):
    """Per-variable bound on |central difference − derivative| (truncation + rounding)."""
    L = rate_bound(circuit, wrt)
    return h ** 2 / 6 * observable_norm_bound(spec) * (2 * L) ** 3 + ROUNDING


def assert_close_per_variable(got, want, tol):
    got, want = np.atleast_2d(got), np.atleast_2d(want)
    assert got.shape == want.shape
    err = np.abs(got - want)
    assert np.all(err <= tol), f"max error {err.max():.3g} exceeds its bound; err/tol={err / tol}"


# --------------------------------------------------------------------------- random circuits
@settings(max_examples=60)
@given(circuits(max_qubits=4, max_ops=10, gates=GRAD_GATES), st.data())
def test_exact_methods_match_reference_fd(case, data):
    obs, spec = data.draw(observables(case.n, max_terms=3))
    M = ref.observable_matrix(spec, case.n)
    X = case.X(2)
    want = ref_fd(case.circuit, M, case.params, X)
    tol = fd_tolerance(case.circuit, spec)
    vals_want = np.array([ref_value(case.circuit.ops, case.n, M, case.params, x) for x in X])
    for method in ("adjoint", "parameter-shift", "finite-diff"):
        vals, jac = qk.value_and_jacobian(case.circuit, obs, case.params, X, method=method)
        assert jac.shape == (2, case.circuit.n_params)
        np.testing.assert_allclose(vals, vals_want, atol=1e-10, rtol=0)
        # qmlkit's own finite difference (h = 1e-5) has its own truncation + rounding error
        extra = fd_tolerance(case.circuit, spec, h=1e-5) + 1e-13 / 1e-5 if method == "finite-diff" else 0
        assert_close_per_variable(jac, want, tol + extra)


@settings(max_examples=30)
@given(circuits(max_qubits=4, max_ops=10, gates=GRAD_GATES), st.data())
def test_adjoint_equals_parameter_shift(case, data):
    """Both are exact, so they agree to rounding; single sample gives 1-D output."""
    obs, _ = data.draw(observables(case.n, max_terms=3))
    x = case.X(1)[0]
    v1, g1 = qk.value_and_jacobian(case.circuit, obs, case.params, x, method="adjoint")
    v2, g2 = qk.value_and_jacobian(case.circuit, obs, case.params, x, method="parameter-shift")
    assert isinstance(v1, float) and g1.shape == (case.circuit.n_params,)
    assert abs(v1 - v2) < 1e-12
    np.testing.assert_allclose(g1, g2, atol=1e-10, rtol=0)


@settings(max_examples=25)
@given(circuits(max_qubits=4, max_ops=10, gates=GRAD_GATES, max_features=3), st.data())
def test_gradients_wrt_features(case, data):
    obs, spec = data.draw(observables(case.n, max_terms=3))
    M = ref.observable_matrix(spec, case.n)
    X = case.X(2)
    want = ref_fd(case.circuit, M, case.params, X, wrt="features")
    tol = fd_tolerance(case.circuit, spec, wrt="features")
    for method in ("adjoint", "parameter-shift"):
        jac = qk.jacobian(case.circuit, obs, case.params, X, method=method, wrt="features")
        assert jac.shape == (2, case.circuit.n_features)
        assert_close_per_variable(jac, want, tol)


@settings(max_examples=15)
@given(circuits(max_qubits=3, max_ops=8, gates=GRAD_GATES), st.data())
def test_gradients_from_initial_state(case, data):
    obs, spec = data.draw(observables(case.n, max_terms=2))
    M = ref.observable_matrix(spec, case.n)
    X, psi0 = case.X(2), case.initial_state(2)
    want = ref_fd(case.circuit, M, case.params, X, psi0=psi0)
    tol = fd_tolerance(case.circuit, spec)
    for method in ("adjoint", "parameter-shift"):
        jac = qk.jacobian(case.circuit, obs, case.params, X, method=method, initial_state=psi0)
        assert_close_per_variable(jac, want, tol)


@settings(max_examples=5)
@given(circuits(min_qubits=7, max_qubits=7, max_ops=12, gates=GRAD_GATES, max_controls=1), st.data())
def test_gradients_on_a_large_batch(case, data):
    """40 samples of 7 qubits: the state arrays are large enough for the u ⊗ I kernel layouts."""
    obs, spec = data.draw(observables(case.n, max_terms=2))
    X = case.X(40)
    v1, g1 = qk.value_and_jacobian(case.circuit, obs, case.params, X, method="adjoint")
    v2, g2 = qk.value_and_jacobian(case.circuit, obs, case.params, X, method="parameter-shift")
    np.testing.assert_allclose(v1, v2, atol=1e-12, rtol=0)
    np.testing.assert_allclose(g1, g2, atol=1e-10, rtol=0)
    M = ref.observable_matrix(spec, case.n)
    want = ref_fd(case.circuit, M, case.params, X[[0, 39]])
    assert_close_per_variable(g1[[0, 39]], want, fd_tolerance(case.circuit, spec))


# --------------------------------------------------------------------------- each gate kind on its own
GATE_KINDS = [
    ("RX", 0), ("RY", 1), ("RZ", 2), ("RX", 2), ("U3", 0), ("U3", 1), ("ROT", 0), ("ROT", 2),
    ("ZZ", 0), ("ZZ", 1), ("PHASE", 0), ("PHASE", 1), ("PHASE", 2),
]


@pytest.mark.parametrize("adjoint", [False, True], ids=["gate", "dagger"])
@pytest.mark.parametrize("gate, n_ctrl", GATE_KINDS, ids=[f"{g}-c{k}" for g, k in GATE_KINDS])
def test_gradient_of_each_gate(gate, n_ctrl, adjoint):
    """One parametrised gate (maybe controlled: four-term rule) between random unitaries,
    its angles linear forms sharing parameters: 2θ0 − θ1 + 0.7·x1 − 0.2, θ1 + 0.3, θ0."""
    n = 4
    rng = np.random.default_rng(hash((gate, n_ctrl, adjoint)) % 2 ** 32)
    c = qk.Circuit(n).unitary(ref.random_unitary(16, rng), [0, 1, 2, 3])
    forms = [2 * qk.Param(0) - qk.Param(1) + 0.7 * qk.Feature(1) - 0.2, qk.Param(1) + 0.3, qk.Param(0)]
    k = 2 if gate == "ZZ" else 1
    wires = [int(w) for w in rng.permutation(n)]
    c.add(gate, wires[:k], *forms[:{"U3": 3, "ROT": 3}.get(gate, 1)], controls=wires[k:k + n_ctrl],
          adjoint=adjoint)
    c.ry(qk.Param(1), wires[0])                     # the same parameter once more, uncontrolled
    c.unitary(ref.random_unitary(16, rng), [3, 1, 0, 2])
    spec = [("pauli", 0.8, {0: "X", 2: "Y"}), ("pauli", -1.0, {1: "Z"}), ("proj", 0.5, [1, 0], [3, 0])]
    obs = 0.8 * (qk.X(0) @ qk.Y(2)) - qk.Z(1) + 0.5 * qk.Projector([1, 0], [3, 0])
    M = ref.observable_matrix(spec, n)
    params, X = rng.uniform(-3, 3, 2), rng.uniform(-3, 3, (2, 2))
    want = ref_fd(c, M, params, X)
    tol = fd_tolerance(c, spec)
    for method in ("adjoint", "parameter-shift"):
        assert_close_per_variable(qk.jacobian(c, obs, params, X, method=method), want, tol)
    want_x = ref_fd(c, M, params, X, wrt="features")
    tol_x = fd_tolerance(c, spec, wrt="features")
    for method in ("adjoint", "parameter-shift"):
        jx = qk.jacobian(c, obs, params, X, method=method, wrt="features")
        assert_close_per_variable(jx, want_x, tol_x)


# --------------------------------------------------------------------------- W1 (shared/bench/WORKLOADS.md)
def w1_circuit(n, L):
    """RY(θ[l,q,0]) then RZ(θ[l,q,1]) on every qubit, then CZ(0,1), CZ(1,2), ..., per layer."""
    c = qk.Circuit(n)
    for l in range(L):
        for q in range(n):
            c.ry(qk.Param((l * n + q) * 2), q).rz(qk.Param((l * n + q) * 2 + 1), q)
        for q in range(n - 1):
            c.cz(q, q + 1)
    return c


def w1_params(n, L):
    """As shared/bench/peers/_common.py: default_rng(1234).uniform(0, 2π, 2nL), flat index (l*n+q)*2+k."""
    return np.random.default_rng(1234).uniform(0.0, 2 * np.pi, size=2 * n * L)


def half_last_digit(s: str) -> float:
    """Half a unit in the last printed decimal of a published number."""
    return 0.5 * 10.0 ** -len(s.split(".")[1])


# the published values, as printed in WORKLOADS.md (every peer agrees to 3e-14)
W1_PUBLISHED = {(4, 4): ("-0.102048910262", "0.792320970344"),
                (12, 12): ("0.0768028110462", "1.21185436343")}


@pytest.mark.parametrize("method", ["adjoint", "parameter-shift"])
def test_w1_4x4_published_values(method):
    n, L = 4, 4
    cost, norm = W1_PUBLISHED[(n, L)]
    v, g = qk.value_and_jacobian(w1_circuit(n, L), qk.Z(0) @ qk.Z(1), w1_params(n, L), method=method)
    assert abs(v - float(cost)) <= half_last_digit(cost) + 1e-14
    assert abs(np.linalg.norm(g) - float(norm)) <= half_last_digit(norm) + 1e-14
    # and every component against the reference simulator
    c = w1_circuit(n, L)
    spec = [("pauli", 1.0, {0: "Z", 1: "Z"})]
    want = ref_fd(c, ref.observable_matrix(spec, n), w1_params(n, L), np.zeros((1, 0)))
    assert_close_per_variable(g, want, fd_tolerance(c, spec))


def test_w1_4x4_finite_diff_within_its_error_bound():
    n, L = 4, 4
    c, th = w1_circuit(n, L), w1_params(n, L)
    g = qk.jacobian(c, qk.Z(0) @ qk.Z(1), th, method="finite-diff")          # h = 1e-5
    # per component: truncation h²/6 (2L)³ with L = 1/2 (each θ in one rotation), plus
    # rounding: a value computed through n_ops gates is accurate to ~n_ops·eps, over 2h
    per = 1e-10 / 6 + len(c.ops) * EPS / 2e-5
    norm = W1_PUBLISHED[(n, L)][1]
    assert abs(np.linalg.norm(g) - float(norm)) <= np.sqrt(g.size) * per + half_last_digit(norm)


def test_w1_12x12_published_values_and_zero_last_rz():
    n, L = 12, 12
    cost, norm = W1_PUBLISHED[(n, L)]
    v, g = qk.value_and_jacobian(w1_circuit(n, L), qk.Z(0) @ qk.Z(1), w1_params(n, L))
    assert abs(v - float(cost)) <= half_last_digit(cost) + 1e-14
    assert abs(np.linalg.norm(g) - float(norm)) <= half_last_digit(norm) + 1e-14
    # The last layer's RZs commute with the CZs and with Z0 Z1, so their gradient is 0
    # exactly in exact arithmetic; in floating point it is rounding noise (~1e-16).
    last_rz = g.reshape(L, n, 2)[-1, :, 1]
    assert np.all(np.abs(last_rz) <= 1e-14), last_rz


@pytest.mark.parametrize("method", ["adjoint", "parameter-shift", "finite-diff"])
def test_w1_last_layer_rz_gradient_vanishes(method):
    n, L = 4, 4
    c = w1_circuit(n, L)
    g = qk.jacobian(c, qk.Z(0) @ qk.Z(1), w1_params(n, L), method=method)
    last_rz = g.reshape(L, n, 2)[-1, :, 1]
    # exact methods: rounding only; finite differences: rounding (n_ops·eps) / (2h), h = 1e-5
    bound = 1e-14 if method != "finite-diff" else len(c.ops) * EPS / 2e-5
    assert np.all(np.abs(last_rz) <= bound), last_rz
    # the RZ of the layer before does not commute with what follows: a real, nonzero gradient
    assert np.abs(g.reshape(L, n, 2)[-2, :2, 1]).max() > 1e-3


# --------------------------------------------------------------------------- SPSA
def _spsa_case():
    """3 qubits, 4 parameters, shared and controlled (four-term) angles."""
    c = qk.Circuit(3)
    c.ry(qk.Param(0), 0).rx(qk.Param(1), 1).h(2)
    c.crx(qk.Param(2), [0], 2).zz(qk.Param(3) - 0.5 * qk.Param(0), 1, 2)
    c.u3(qk.Param(1), 0.4, qk.Param(3), 0).cry(0.5 * qk.Param(2) + 0.1, [1, 2], 0).phase(qk.Param(3), 1)
    spec = [("pauli", 1.0, {0: "Z", 1: "Z"}), ("pauli", 0.7, {2: "X"}), ("proj", 0.4, [1], [1])]
    obs = qk.Z(0) @ qk.Z(1) + 0.7 * qk.X(2) + 0.4 * qk.Projector([1], [1])
    params = np.array([0.3, -1.2, 2.1, 0.8])
    return c, obs, spec, params


def _spsa_exact_moments(c, M, params, eps):
    """Mean and standard deviation of ONE SPSA draw, by enumerating all 2**P directions Δ."""
    P = len(params)
    dirs = np.array(np.meshgrid(*[[-1.0, 1.0]] * P, indexing="ij")).reshape(P, -1).T
    est = []
    for d in dirs:
        fp = ref_value(c.ops, c.n_qubits, M, params + eps * d, ())
        fm = ref_value(c.ops, c.n_qubits, M, params - eps * d, ())
        est.append((fp - fm) / (2 * eps) * d)
    est = np.array(est)                         # (2**P, P), each direction has probability 2**-P
    return est.mean(axis=0), est.std(axis=0)


def _spsa_bias_bound(c, spec, eps):
    """|E[ĝ] − g| <= ε²/6 · ||O|| (2L)³, L summing every angle's rate along Δ (|Δ_p| = 1)."""
    L = rate_bound(c).sum()
    return eps ** 2 / 6 * observable_norm_bound(spec) * (2 * L) ** 3


def test_spsa_mean_is_within_statistical_bound_of_exact_gradient():
    c, obs, spec, params = _spsa_case()
    M = ref.observable_matrix(spec, 3)
    eps = 0.05
    mu, sigma = _spsa_exact_moments(c, M, params, eps)
    g = ref_fd(c, M, params, np.zeros((1, 0)))[0]
    bias = _spsa_bias_bound(c, spec, eps)
    # the exact mean of the estimator is within the derived bias bound of the gradient
    assert np.all(np.abs(mu - g) <= bias + fd_tolerance(c, spec))
    # N independent draws: the mean is within 5 standard errors sigma/sqrt(N) of mu
    # (per component, a two-sided normal tail of 6e-7; the seed is fixed anyway)
    N = 4000
    avg = qk.jacobian(c, obs, params, method="spsa", spsa_epsilon=eps, spsa_draws=N, random_state=7)
    assert np.all(np.abs(avg - mu) <= 5 * sigma / np.sqrt(N)), (avg, mu, sigma / np.sqrt(N))
    # the same from many seeded single-draw calls
    K = 400
    singles = np.array([qk.jacobian(c, obs, params, method="spsa", spsa_epsilon=eps, random_state=s)
                        for s in range(K)])
    assert np.all(np.abs(singles.mean(axis=0) - mu) <= 5 * sigma / np.sqrt(K))


def test_spsa_draws_are_the_possible_estimates():
    """Each single-draw SPSA estimate equals (f(θ+εΔ) − f(θ−εΔ))/(2ε) Δ for some Δ in {±1}^P."""
    c, obs, spec, params = _spsa_case()
    M = ref.observable_matrix(spec, 3)
    eps = 0.1
    P = len(params)
    dirs = np.array(np.meshgrid(*[[-1.0, 1.0]] * P, indexing="ij")).reshape(P, -1).T
    possible = np.array([(ref_value(c.ops, 3, M, params + eps * d, ())
                          - ref_value(c.ops, 3, M, params - eps * d, ())) / (2 * eps) * d
                         for d in dirs])
    for seed in range(10):
        s = qk.jacobian(c, obs, params, method="spsa", spsa_epsilon=eps, random_state=seed)
        assert np.min(np.abs(possible - s).max(axis=1)) < 1e-10


def test_spsa_one_parameter_is_a_central_difference():
    """With one parameter, Δ = ±1 gives the same estimate: the central difference with step ε."""
    c = qk.Circuit(2).h(0).crx(qk.Param(0), [0], 1).ry(0.5 * qk.Param(0), 0)
    spec = [("pauli", 1.0, {0: "Z", 1: "Y"})]
    M = ref.observable_matrix(spec, 2)
    th, eps = np.array([0.9]), 0.2
    want = (ref_value(c.ops, 2, M, th + eps, ()) - ref_value(c.ops, 2, M, th - eps, ())) / (2 * eps)
    for seed in range(3):
        g = qk.jacobian(c, qk.Z(0) @ qk.Y(1), th, method="spsa", spsa_epsilon=eps, random_state=seed)
        assert abs(g[0] - want) < 1e-12


def test_spsa_is_reproducible_with_a_seed():
    c, obs, _, params = _spsa_case()
    a = qk.jacobian(c, obs, params, method="spsa", spsa_draws=3, random_state=123)
    b = qk.jacobian(c, obs, params, method="spsa", spsa_draws=3, random_state=np.random.default_rng(123))
    np.testing.assert_array_equal(a, b)


# --------------------------------------------------------------------------- parameter shift with shots
_CP = (np.sqrt(2) + 1) / (4 * np.sqrt(2))
_CM = (np.sqrt(2) - 1) / (4 * np.sqrt(2))
TWO = [(0.5, np.pi / 2), (-0.5, -np.pi / 2)]
FOUR = [(_CP, np.pi / 2), (-_CP, -np.pi / 2), (-_CM, 3 * np.pi / 2), (_CM, -3 * np.pi / 2)]
PHASE_LIKE = {("PHASE", 0), ("U3", 1), ("U3", 2)}          # generator eigenvalues {0, 1}


def _textbook_rule(op, j):
    """Two-term for eigenvalue gap 1; four-term for controlled Pauli rotations (gaps 1/2, 1)."""
    return FOUR if (op.controls and (op.gate, j) not in PHASE_LIKE) else TWO


def _shot_standard_errors(c, spec_letters, params, shots):
    """Binomial/multinomial standard error of the parameter-shift estimate of a single Pauli string:
    each shifted circuit is measured independently with Var = (1 − <P>²)/shots, so
    Var[ĝ_p] = Σ_slots P[slot,p]² Σ_t c_t² (1 − f_t²)/shots."""
    n = c.n_qubits
    M = ref.pauli_matrix(spec_letters, n)
    var = np.zeros(c.n_params)
    for k, op in enumerate(c.ops):
        for j, a in enumerate(op.angles):
            for p, coef in a.params:
                for ct, s in _textbook_rule(op, j):
                    angles = list(op.angles)
                    angles[j] = angles[j] + s
                    ops = list(c.ops)
                    ops[k] = replace(op, angles=tuple(angles))
                    f = ref_value(ops, n, M, params, ())
                    var[p] += coef ** 2 * ct ** 2 * (1 - f ** 2) / shots
    return np.sqrt(var)


@pytest.mark.parametrize("letters", [{0: "Z", 1: "Z"}, {0: "X", 2: "Y"}], ids=["ZZ-multinomial", "XY-binomial"])
def test_parameter_shift_with_shots_within_standard_errors(letters):
    c = qk.Circuit(3)
    c.ry(qk.Param(0), 0).h(1).crx(qk.Param(1), [0], 1).rz(qk.Param(2), 2).h(2)
    c.cry(qk.Param(0) - 0.4, [1], 2).phase(qk.Param(2), 0, controls=[2]).zz(qk.Param(1), 0, 2)
    params = np.array([0.7, 1.9, -0.6])
    obs = qk.PauliString(letters)
    M = ref.pauli_matrix(letters, 3)
    shots = 2000
    exact_g = ref_fd(c, M, params, np.zeros((1, 0)))[0]
    exact_v = ref_value(c.ops, 3, M, params, ())
    se = _shot_standard_errors(c, letters, params, shots)
    v, g = qk.value_and_jacobian(c, obs, params, method="parameter-shift", shots=shots, random_state=3)
    tol = fd_tolerance(c, [("pauli", 1.0, letters)])
    assert np.all(se > 0)
    assert np.all(np.abs(g - exact_g) <= 4 * se + tol), ((g - exact_g) / se)
    assert abs(v - exact_v) <= 4 * np.sqrt((1 - exact_v ** 2) / shots)
    # and it is noisy at the scale predicted: across seeds, the spread matches se
    K = 250
    draws = np.array([qk.jacobian(c, obs, params, method="parameter-shift", shots=shots,
                                  random_state=s) for s in range(K)])
    ratio = draws.std(axis=0, ddof=1) / se
    # s/sigma of K normal draws has sd ~ 1/sqrt(2(K-1)) = 0.045: ±20% is over 4 sd
    assert np.all((ratio > 0.8) & (ratio < 1.2)), ratio
    assert np.all(np.abs(draws.mean(axis=0) - exact_g) <= 4 * se / np.sqrt(K) + tol)
