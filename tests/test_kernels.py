"""Quantum kernels: Gram matrices against overlaps computed one by one, the ad hoc data set, the numpy SVM
against scikit-learn and against its own optimality conditions, alignment, concentration."""
from __future__ import annotations

import numpy as np
import pytest

import qmlkit as qk
import reference as ref
from qmlkit.kernels import (PrecomputedSVC, encode, fidelity_kernel, kernel_concentration,
                            kernel_target_alignment, off_diagonal)

RNG = np.random.default_rng(2024)


def _trained_circuit():
    c = qk.encoding.angle_circuit(3) + qk.ansatz.hardware_efficient(3, 2)
    return c, RNG.uniform(0, 2 * np.pi, c.n_params)


ENCODINGS = {
    "ZZ feature map": (qk.encoding.zz_feature_map(3), None),
    "angle circuit": (qk.encoding.angle_circuit(3), None),
    "dense angle circuit": (qk.encoding.dense_angle_circuit(4), None),
    "trained embedding": _trained_circuit(),
    "amplitude function": (qk.encoding.amplitude_encoding, None),
}
N_FEATURES = {"dense angle circuit": 4}


def _one_by_one(name, X):
    """Each encoded state from the reference simulator (or the function), sample by sample."""
    enc, params = ENCODINGS[name]
    if callable(enc) and not isinstance(enc, (qk.Circuit, qk.encoding.FeatureMap)):
        return [enc(x[None])[0] for x in X]
    circuit = enc.circuit if isinstance(enc, qk.encoding.FeatureMap) else enc
    feats = enc.features(X) if isinstance(enc, qk.encoding.FeatureMap) else X
    return [ref.run(circuit.ops, circuit.n_qubits, params if params is not None else (), f) for f in feats]


@pytest.mark.parametrize("name", ENCODINGS)
def test_gram_matrix_is_a_gram_matrix_of_the_overlaps(name):
    enc, params = ENCODINGS[name]
    X = RNG.uniform(0, 2 * np.pi, (12, N_FEATURES.get(name, 3)))
    K = fidelity_kernel(enc, X, params=params)
    states = _one_by_one(name, X)
    want = np.array([[abs(np.vdot(a, b)) ** 2 for b in states] for a in states])
    np.testing.assert_allclose(K, want, atol=1e-12)
    np.testing.assert_array_equal(K, K.T)                                   # symmetric
    assert np.linalg.eigvalsh(K).min() >= -1e-10                            # positive semi-definite
    np.testing.assert_allclose(np.diag(K), 1.0, atol=1e-12)                 # ones on the diagonal


@pytest.mark.parametrize("name", ENCODINGS)
def test_cross_kernel_between_two_sets(name):
    enc, params = ENCODINGS[name]
    d = N_FEATURES.get(name, 3)
    X, Y = RNG.uniform(0, 2 * np.pi, (5, d)), RNG.uniform(0, 2 * np.pi, (7, d))
    K = fidelity_kernel(enc, X, Y, params=params)
    a, b = _one_by_one(name, X), _one_by_one(name, Y)
    assert K.shape == (5, 7)
    np.testing.assert_allclose(K, [[abs(np.vdot(u, v)) ** 2 for v in b] for u in a], atol=1e-12)


def test_both_sets_are_encoded_in_one_batched_simulation():
    calls = []

    def encoding(X):
        calls.append(len(X))
        return qk.encoding.angle_encoding(X)

    fidelity_kernel(encoding, np.zeros((4, 2)), np.ones((3, 2)))
    fidelity_kernel(encoding, np.zeros((5, 2)))
    assert calls == [7, 5]


@pytest.mark.parametrize("call, error, message", [
    (lambda: fidelity_kernel(qk.encoding.angle_circuit(2), np.zeros((3, 3))), ValueError, "reads 2 feature"),
    (lambda: fidelity_kernel(_trained_circuit()[0], np.zeros((3, 3))), ValueError, "pass params"),
    (lambda: fidelity_kernel(lambda X: np.ones((len(X), 4)), np.zeros((3, 2))), ValueError, "norm"),
    (lambda: fidelity_kernel(lambda X: np.ones((2, 2)), np.zeros((3, 2))), ValueError, "one state per sample"),
    (lambda: fidelity_kernel(qk.encoding.zz_feature_map(2), np.zeros((3, 2)), np.zeros((2, 3))), ValueError,
     "same number of features"),
    (lambda: fidelity_kernel(qk.encoding.zz_feature_map(2), np.zeros((3, 2)), params=[0.1]), ValueError,
     "no trainable parameters"),
    (lambda: fidelity_kernel("zz", np.zeros((3, 2))), TypeError, "FeatureMap, a Circuit or a function"),
    (lambda: fidelity_kernel(qk.encoding.angle_circuit(2), np.full((2, 2), np.nan)), ValueError, "NaN|finite"),
])
def test_bad_input_is_explained(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_encode_returns_the_batch():
    X = RNG.uniform(0, 1, (4, 2))
    np.testing.assert_allclose(encode(qk.encoding.zz_feature_map(2), X), qk.encoding.zz_encoding(X))


# ---------------------------------------------------------------- the ad hoc data set
def test_adhoc_labels_follow_the_parity_of_the_rotated_feature_map_state_with_a_gap():
    X, y, V = qk.datasets.make_adhoc(60, n_features=2, gap=0.3, random_state=3, return_unitary=True)
    np.testing.assert_allclose(V.conj().T @ V, np.eye(4), atol=1e-12)
    fmap = qk.encoding.zz_feature_map(2, reps=2)
    parity = np.diag([1.0, -1.0, -1.0, 1.0])                               # Z⊗Z
    for x, label in zip(X, y):
        psi = ref.run(fmap.circuit.ops, 2, (), fmap.features(x[None])[0])   # |Φ(x)⟩, reference simulator
        f = np.vdot(V @ psi, parity @ (V @ psi)).real
        assert (f >= 0.3) if label == 1 else (f <= -0.3)
    assert np.bincount(y).tolist() == [30, 30]
    assert X.min() >= 0 and X.max() < 2 * np.pi


def test_adhoc_is_reproducible_and_seed_dependent():
    a, b = qk.datasets.make_adhoc(20, random_state=5), qk.datasets.make_adhoc(20, random_state=5)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.allclose(a[0], qk.datasets.make_adhoc(20, random_state=6)[0])
    X3, y3 = qk.datasets.make_adhoc(21, n_features=3, random_state=0)
    assert X3.shape == (21, 3) and np.bincount(y3).tolist() == [10, 11]
    with pytest.raises(ValueError, match="gap"):
        qk.datasets.make_adhoc(10, gap=1.0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_adhoc_data_is_classified_perfectly_by_an_svm_on_the_exact_zz_kernel(seed):
    """Separable by construction: f(x) = Tr ρ(x)·V†ΠV is linear in ρ(x), the kernel's feature space."""
    X, y = qk.datasets.make_adhoc(100, gap=0.3, random_state=seed)
    X_train, X_test, y_train, y_test = qk.datasets.train_test_split(X, y, 0.3, random_state=seed)
    fmap = qk.encoding.zz_feature_map(2, reps=2)
    svm = PrecomputedSVC(C=1000).fit(fidelity_kernel(fmap, X_train), y_train)
    assert svm.score(fidelity_kernel(fmap, X_train), y_train) == 1.0
    assert svm.score(fidelity_kernel(fmap, X_test, X_train), y_test) == 1.0


# ---------------------------------------------------------------- the SVM
def _problems():
    """Kernel matrices (train, labels, test against train). On two qubits the kernel's feature space
    has at most 16 (complex states) or 10 (real states) dimensions, so K of 40 points is singular and
    the dual has many optimal α; on three qubits K of 22 points has full rank and α is unique."""
    X, y = qk.datasets.make_adhoc(60, random_state=4)
    zz = qk.encoding.zz_feature_map(2)
    Xm, ym = qk.datasets.make_moons(50, noise=0.2, random_state=0)
    ang = qk.encoding.angle_circuit(2)
    X3, y3 = qk.datasets.make_adhoc(30, n_features=3, random_state=1)
    Xr = np.random.default_rng(0).uniform(0, 2 * np.pi, (30, 3))
    yr = np.random.default_rng(1).integers(0, 2, 30)                    # random labels: many errors
    zz3 = qk.encoding.zz_feature_map(3)
    return {"adhoc/zz, singular": (fidelity_kernel(zz, X[:40]), y[:40], fidelity_kernel(zz, X[40:], X[:40])),
            "moons/angle, singular": (fidelity_kernel(ang, Xm[:35]), ym[:35], fidelity_kernel(ang, Xm[35:], Xm[:35])),
            "adhoc 3 qubits, full rank": (fidelity_kernel(zz3, X3[:22]), y3[:22], fidelity_kernel(zz3, X3[22:], X3[:22])),
            "random labels, full rank": (fidelity_kernel(zz3, Xr[:22]), yr[:22], fidelity_kernel(zz3, Xr[22:], Xr[:22]))}


PROBLEMS = _problems()
FULL_RANK = [k for k in PROBLEMS if "full rank" in k]


def _dual_objective(K, y, alpha_times_s):
    return 0.5 * alpha_times_s @ K @ alpha_times_s - np.abs(alpha_times_s).sum()


def _dual(svm, n):
    a = np.zeros(n)
    a[svm.support_] = svm.dual_coef_[0]
    return a


def test_the_full_rank_problems_have_full_rank():
    for k in FULL_RANK:
        assert np.linalg.eigvalsh(PROBLEMS[k][0]).min() > 1e-3


@pytest.mark.parametrize("C", [0.5, 10.0, 1000.0])
@pytest.mark.parametrize("problem", FULL_RANK)
def test_svm_agrees_with_scikit_learn(problem, C):
    """Where the dual optimum is unique: the same α, bias and decision function."""
    from sklearn.svm import SVC

    K, y, K_test = PROBLEMS[problem]
    ours = PrecomputedSVC(C=C, tol=1e-10).fit(K, y)
    theirs = SVC(kernel="precomputed", C=C, tol=1e-10).fit(K, y)
    np.testing.assert_allclose(_dual(ours, len(y)), _dual(theirs, len(y)), atol=1e-5)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, atol=1e-6)
    np.testing.assert_allclose(ours.decision_function(K_test), theirs.decision_function(K_test), atol=1e-6)
    np.testing.assert_allclose(ours.decision_function(K), theirs.decision_function(K), atol=1e-6)


@pytest.mark.parametrize("C", [0.5, 10.0, 1000.0])
@pytest.mark.parametrize("problem", PROBLEMS)
def test_svm_reaches_scikit_learns_optimum(problem, C):
    """The optimal value of the dual is unique even where α is not: both solvers reach it, and
    they label the test data alike."""
    from sklearn.svm import SVC

    K, y, K_test = PROBLEMS[problem]
    ours = PrecomputedSVC(C=C, tol=1e-10).fit(K, y)
    theirs = SVC(kernel="precomputed", C=C, tol=1e-10).fit(K, y)
    f_ours, f_theirs = _dual_objective(K, y, _dual(ours, len(y))), _dual_objective(K, y, _dual(theirs, len(y)))
    assert f_ours == pytest.approx(f_theirs, rel=1e-8, abs=1e-9)
    np.testing.assert_array_equal(ours.predict(K_test), theirs.predict(K_test))


@pytest.mark.parametrize("C", [0.5, 1000.0])
@pytest.mark.parametrize("problem", PROBLEMS)
def test_svm_solution_satisfies_the_optimality_conditions(problem, C):
    """KKT of the dual: 0 ≤ α ≤ C, Σ α_i s_i = 0; margins s_i f(x_i) ≥ 1 where α = 0, = 1 where
    0 < α < C, ≤ 1 where α = C (up to the tolerance)."""
    K, y, _ = PROBLEMS[problem]
    svm = PrecomputedSVC(C=C, tol=1e-9).fit(K, y)
    s = np.where(y == svm.classes_[1], 1.0, -1.0)
    alpha = np.zeros(len(y))
    alpha[svm.support_] = svm.dual_coef_[0] * s[svm.support_]
    assert alpha.min() >= 0 and alpha.max() <= C + 1e-12
    assert abs(alpha @ s) < 1e-9
    margin = s * svm.decision_function(K)
    free = (alpha > 1e-8) & (alpha < C - 1e-8)
    assert np.all(margin[alpha == 0] >= 1 - 1e-6)
    assert np.allclose(margin[free], 1, atol=1e-6)
    assert np.all(margin[alpha >= C - 1e-8] <= 1 + 1e-6)


def test_svm_labels_and_errors():
    K = np.array([[1.0, 0.2, 0.1], [0.2, 1.0, 0.3], [0.1, 0.3, 1.0]])
    svm = PrecomputedSVC(C=10).fit(K, ["b", "a", "b"])
    assert svm.classes_.tolist() == ["a", "b"] and svm.predict(K).tolist() == ["b", "a", "b"]
    with pytest.raises(ValueError, match="exactly two classes"):
        PrecomputedSVC().fit(K, [0, 1, 2])
    with pytest.raises(ValueError, match="square"):
        PrecomputedSVC().fit(K[:2], [0, 1])
    with pytest.raises(ValueError, match="not fitted"):
        PrecomputedSVC().predict(K)
    with pytest.raises(ValueError, match="3 training samples"):
        svm.predict(K[:, :2])
    with pytest.raises(ValueError, match="C must be"):
        PrecomputedSVC(C=0).fit(K, [0, 1, 1])


# ---------------------------------------------------------------- alignment
def _direct_alignment(K, y, centered):
    s = np.where(y == np.unique(y)[1], 1.0, -1.0)
    T = np.outer(s, s)
    if centered:
        H = np.eye(len(y)) - np.ones((len(y), len(y))) / len(y)
        K, T = H @ K @ H, H @ T @ H
    return np.trace(K.T @ T) / np.sqrt(np.trace(K.T @ K) * np.trace(T.T @ T))


@pytest.mark.parametrize("centered", [False, True])
def test_alignment_against_the_direct_formula(centered):
    for problem in PROBLEMS.values():
        K, y, _ = problem
        assert kernel_target_alignment(K, y, centered=centered) == pytest.approx(
            _direct_alignment(K, y, centered), abs=1e-12)


def test_alignment_limits_and_label_names():
    y = np.array(["x", "y", "x", "y"])
    s = np.array([-1.0, 1, -1, 1])
    assert kernel_target_alignment(3 * np.outer(s, s), y) == pytest.approx(1.0)
    assert kernel_target_alignment(-np.outer(s, s), y) == pytest.approx(-1.0)
    assert kernel_target_alignment(np.ones((4, 4)), y) == pytest.approx(0.0, abs=1e-15)
    K, yy, _ = PROBLEMS["adhoc/zz, singular"]
    assert -1 <= kernel_target_alignment(K, yy) <= 1
    with pytest.raises(ValueError, match="two classes"):
        kernel_target_alignment(np.eye(3), [0, 1, 2])
    with pytest.raises(ValueError, match="undefined"):
        kernel_target_alignment(np.ones((4, 4)), y, centered=True)


# ---------------------------------------------------------------- concentration
def _random_encoding(n):
    """Angle encoding followed by a fixed random hardware-efficient circuit: a random embedding."""
    c = qk.encoding.angle_circuit(n) + qk.ansatz.hardware_efficient(n, 3)
    theta = np.random.default_rng(n).uniform(0, 2 * np.pi, c.n_params)
    return lambda X: c.states(theta, X)


@pytest.mark.parametrize("encoding_for", [lambda n: qk.encoding.zz_feature_map(n), _random_encoding,
                                          lambda n: qk.encoding.angle_circuit(n)],
                         ids=["ZZ feature map", "random embedding", "angle encoding"])
def test_kernel_values_concentrate_as_qubits_are_added(encoding_for):
    c = kernel_concentration(encoding_for, [2, 4, 6, 8], n_samples=60, random_state=1)
    assert np.all(np.diff(c.variance) < 0), c.variance
    assert c.variance[-1] < c.variance[0] / 20
    assert np.all(np.diff(c.mean) < 0)


def test_concentration_reports_the_variance_of_the_off_diagonal_values():
    c = kernel_concentration(lambda n: qk.encoding.zz_feature_map(n), [3], n_samples=10, random_state=0)
    X = np.random.default_rng(0).uniform(0, 2 * np.pi, (10, 3))              # the same draw
    values = off_diagonal(fidelity_kernel(qk.encoding.zz_feature_map(3), X))
    assert values.size == 45
    assert c.variance[0] == pytest.approx(np.var(values, ddof=1), rel=1e-12)  # a variance, not a std
    assert c.mean[0] == pytest.approx(values.mean(), rel=1e-12)
