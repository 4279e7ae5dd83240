"""Barren-plateau experiments (`qmlkit.landscape`) and trainability tools (`qmlkit.trainability`)
against results derived by hand, against Haar-random unitaries, and against qmlkit Circuits
built one by one."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

import qmlkit as qk
from qmlkit import landscape as ls
from qmlkit import trainability as tr

S = 1 / np.sqrt(2)
PAULIS = [np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1.0, -1.0])]


# ---------------------------------------------------------------- helpers
def mcclean_circuit(axes, angles):
    """One McClean circuit as a qmlkit Circuit; angles[0, 0] is Param(0), the rest constants."""
    L, n = axes.shape
    c = qk.Circuit(n)
    for q in range(n):
        c.ry(np.pi / 4, q)
    for l in range(L):
        for q in range(n):
            angle = qk.Param(0) if (l, q) == (0, 0) else float(angles[l, q])
            c.add("RX RY RZ".split()[axes[l, q]], q, angle)
        for q in range(n - 1):
            c.cz(q, q + 1)
    return c


def exhaustive_one_layer(n, K=4):
    """Every axis assignment × a K-point angle grid per qubit: exact averages over the uniform
    angle for anything of degree < K in each angle's cos and sin (squared gradients have degree 2)."""
    axes = np.array(list(itertools.product(range(3), repeat=n))).reshape(-1, 1, n)
    grid = 2 * np.pi * np.arange(K) / K
    angles = np.array(list(itertools.product(grid, repeat=n))).reshape(-1, 1, n)
    return (np.repeat(axes, len(angles), axis=0), np.tile(angles, (len(axes), 1, 1)))


def haar_unitaries(d, size, rng):
    """Haar-random unitaries: QR of a complex Ginibre matrix with R's diagonal phases removed."""
    z = (rng.normal(size=(size, d, d)) + 1j * rng.normal(size=(size, d, d))) / np.sqrt(2)
    q, r = np.linalg.qr(z)
    ph = np.diagonal(r, axis1=1, axis2=2)
    return q * (ph / np.abs(ph))[:, None, :]


def dense_diagonal(cost, n):
    """The cost's diagonal written out from its definition, bit by bit (wire 0 = most significant)."""
    bits = (np.arange(2 ** n)[:, None] >> (n - 1 - np.arange(n))) & 1          # (2**n, n)
    if cost == "zz":
        return (1 - 2 * bits[:, 0]) * (1 - 2 * bits[:, 1])
    if cost == "global":
        return 1.0 - np.all(bits == 0, axis=1)
    return 1.0 - np.mean(bits == 0, axis=1)


# Values derived by hand (see trainability.one_layer_variance and two_design_variance):
Q = 17 / 48 + np.sqrt(2) / 12                    # E[((1 + z)/2)^2] for one qubit after one layer
ONE_LAYER = {"zz": lambda n: 5 / 48, "global": lambda n: Q ** (n - 1) / 16, "local": lambda n: 1 / (16 * n * n)}
TWO_DESIGN = {"zz": lambda d, n: d / (3 * (d * d - 1)), "global": lambda d, n: 1 / (3 * d * (d + 1)),
              "local": lambda d, n: d / (12 * n * (d * d - 1))}


# ---------------------------------------------------------------- exact results
@pytest.mark.parametrize("cost", tr.COSTS)
@pytest.mark.parametrize("n", [2, 3, 4])
def test_one_layer_variance_is_exact(n, cost):
    """With one layer the state is a product state and the CZ ladder is diagonal: the variance
    follows in closed form; for ⟨Z0 Z1⟩ it is 5/48 whatever the number of qubits."""
    axes, angles = exhaustive_one_layer(n)
    g = ls.mcclean_gradients(axes, angles, tr.cost_observable(cost, n))
    assert abs(g.mean()) < 1e-14
    assert g.var() == pytest.approx(ONE_LAYER[cost](n), rel=1e-12)
    assert tr.one_layer_variance(n, cost) == pytest.approx(ONE_LAYER[cost](n), rel=1e-14)


def test_one_layer_zz_variance_does_not_depend_on_n():
    values = [ls.mcclean_gradients(*exhaustive_one_layer(n)).var() for n in (2, 3, 4, 5)]
    np.testing.assert_allclose(values, 5 / 48, rtol=1e-12)


@pytest.mark.parametrize("cost", tr.COSTS)
@pytest.mark.parametrize("n", [2, 3])
def test_two_design_formula_against_haar_unitaries(n, cost):
    """Monte Carlo over Haar-random U₊ with the random first layer of McClean's circuit; the
    formula must sit within 4 bootstrap standard errors of the sampled variance."""
    rng = np.random.default_rng(11 + n)
    d, m = 2 ** n, 6000
    axis, theta = rng.integers(0, 3, m), rng.uniform(0, 2 * np.pi, m)
    P = np.array(PAULIS)[axis]                                              # (m, 2, 2)
    R = np.cos(theta / 2)[:, None, None] * np.eye(2) - 1j * np.sin(theta / 2)[:, None, None] * P
    ry = np.array([np.cos(np.pi / 8), np.sin(np.pi / 8)])                  # RY(π/4)|0⟩
    rest = np.ones(1)
    for _ in range(n - 1):
        rest = np.kron(rest, ry)
    psi = np.einsum("mi,j->mij", R @ ry, rest).reshape(m, d)
    rho = psi[:, :, None] * psi[:, None, :].conj()
    Pfull = np.einsum("mij,kl->mikjl", P, np.eye(d // 2)).reshape(m, d, d)
    H = 0.5j * (rho @ Pfull - Pfull @ rho)                                 # ∂C/∂θ = Tr(H U†OU)
    U = haar_unitaries(d, m, rng)
    O = np.diag(dense_diagonal(cost, n)).astype(complex)
    g = np.einsum("mij,mji->m", H, U.conj().transpose(0, 2, 1) @ O @ U).real
    var, err = tr.bootstrap_variance(g, 400, random_state=0)
    want = TWO_DESIGN[cost](d, n)
    assert abs(var - want) < 4 * err, (var, want, err)
    assert tr.two_design_variance(n, cost) == pytest.approx(want, rel=1e-14)


@pytest.mark.parametrize("cost", tr.COSTS)
def test_deep_circuits_approach_the_two_design_value(cost):
    n, d = 4, 16
    table = ls.mcclean_experiment([n], [100], n_circuits=2000, costs=[cost], n_boot=400, random_state=5)
    var, err = table.variance[cost][0, 0], table.error[cost][0, 0]
    assert abs(var - TWO_DESIGN[cost](d, n)) < 4 * err, (var, TWO_DESIGN[cost](d, n), err)


# ---------------------------------------------------------------- the vectorised kernel
def test_gradients_equal_adjoint_gradients_of_the_same_circuits():
    axes, angles = ls.sample_mcclean_circuits(4, 6, 12, random_state=3)
    for cost in tr.COSTS:
        obs = tr.cost_observable(cost, 4)
        fast = ls.mcclean_gradients(axes, angles, obs)
        slow = [qk.jacobian(mcclean_circuit(a, t), obs, [t[0, 0]], method="adjoint")[0]
                for a, t in zip(axes, angles)]
        np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-12)
    assert np.ptp(fast) > 0.01                       # the circuits really differ


def test_gradients_at_depths_equal_the_cut_circuits_and_costs_equal_expvals():
    axes, angles = ls.sample_mcclean_circuits(3, 7, 9, random_state=4)
    obs = [qk.Z(0) @ qk.Z(1), tr.global_cost(3)]
    depths = [1, 3, 7]
    g = ls.mcclean_gradients_at_depths(axes, angles, depths, obs)
    assert g.shape == (2, 3, 9)
    for j, L in enumerate(depths):
        for k, o in enumerate(obs):
            np.testing.assert_allclose(g[k, j], ls.mcclean_gradients(axes[:, :L], angles[:, :L], o),
                                       rtol=0, atol=1e-13)
    costs = ls.mcclean_costs(axes, angles, obs[1])
    direct = [mcclean_circuit(a, t).expval(obs[1], [t[0, 0]]) for a, t in zip(axes, angles)]
    np.testing.assert_allclose(costs, direct, rtol=0, atol=1e-12)


def test_gradients_match_a_finite_difference_of_the_costs():
    axes, angles = ls.sample_mcclean_circuits(5, 4, 6, random_state=8)
    h = 1e-5
    plus, minus = angles.copy(), angles.copy()
    plus[:, 0, 0] += h
    minus[:, 0, 0] -= h
    fd = (ls.mcclean_costs(axes, plus) - ls.mcclean_costs(axes, minus)) / (2 * h)
    np.testing.assert_allclose(ls.mcclean_gradients(axes, angles), fd, rtol=0, atol=1e-8)


def test_chunks_do_not_change_the_result(monkeypatch):
    axes, angles = ls.sample_mcclean_circuits(4, 5, 10, random_state=2)
    whole = ls.mcclean_gradients(axes, angles)
    monkeypatch.setattr(ls, "_CHUNK_AMPLITUDES", 2 ** 6)              # 2 circuits per chunk
    np.testing.assert_array_equal(ls.mcclean_gradients(axes, angles), whole)


def test_blas_thread_count_is_restored():
    """The kernels pin OpenBLAS to one thread while they run, and give the old count back."""
    from qmlkit import _blas

    fns = _blas._openblas_threads()                    # None where numpy uses another BLAS
    before = fns[0]() if fns else None
    with _blas.one_blas_thread():
        assert fns is None or fns[0]() == 1
    assert fns is None or fns[0]() == before


def test_bad_inputs():
    axes, angles = ls.sample_mcclean_circuits(3, 2, 2, random_state=0)
    with pytest.raises(ValueError, match="shape"):
        ls.mcclean_gradients(axes[0], angles[0])
    with pytest.raises(ValueError, match="0, 1 or 2"):
        ls.mcclean_gradients(axes + 1, angles)
    with pytest.raises(ValueError, match="depths"):
        ls.mcclean_gradients_at_depths(axes, angles, [3], [qk.Z(0)])
    with pytest.raises(ValueError, match="cost"):
        ls.mcclean_experiment([3], [2], 4, costs=["energy"])
    with pytest.raises(ValueError, match="different"):
        ls.landscape_slice(axes[0], angles[0], (0, 1), (0, 1))
    with pytest.raises(ValueError, match="at least 2 qubits"):
        tr.cost_observable("zz", 1)


# ---------------------------------------------------------------- the experiment and its statistics
def test_experiment_is_the_kernel_on_the_circuits_of_its_seed():
    t = ls.mcclean_experiment([2, 3], [1, 5], n_circuits=30, costs=["zz", "local"], n_boot=50, random_state=9)
    for i, n in enumerate([2, 3]):
        axes, angles = ls.sample_mcclean_circuits(n, 5, 30, random_state=[9, n])
        for cost in ("zz", "local"):
            for j, L in enumerate([1, 5]):
                g = ls.mcclean_gradients(axes[:, :L], angles[:, :L], tr.cost_observable(cost, n))
                np.testing.assert_allclose(t.gradients[cost][i, j], g, rtol=0, atol=1e-14)
                assert t.variance[cost][i, j] == pytest.approx(np.var(g), rel=1e-12)   # ddof = 0
    again = ls.mcclean_experiment([3], [5], n_circuits=30, costs=["zz"], n_boot=50, random_state=9)
    np.testing.assert_array_equal(again.gradients["zz"][0], t.gradients["zz"][1, 1:])


def test_bootstrap_variance_is_the_population_variance_with_a_sensible_error():
    rng = np.random.default_rng(0)
    x = rng.normal(0.3, 2.0, size=(3, 400))
    var, err = tr.bootstrap_variance(x, 2000, random_state=1)
    np.testing.assert_allclose(var, x.var(axis=1), rtol=1e-12)
    assert not np.allclose(var, x.var(axis=1, ddof=1), rtol=1e-4)
    # For normal samples, the standard error of the sample variance is about σ²·√(2/m).
    np.testing.assert_allclose(err, 4.0 * np.sqrt(2 / 400), rtol=0.2)
    v1, e1 = tr.bootstrap_variance(x[0], 500, random_state=1)
    assert np.ndim(v1) == 0 and e1 > 0


def test_fit_decay_recovers_exact_exponentials():
    n = np.arange(2, 11)
    for base, rate, a in [(2.0, 1.0, 1 / 3), (2.0, 2.0, 1 / 3), (np.e, 0.37, 5.0), (10.0, 0.25, 0.01)]:
        fit = tr.fit_decay(n, a * base ** (-rate * n), base=base)
        assert fit.rate == pytest.approx(rate, rel=1e-10)
        assert fit.prefactor == pytest.approx(a, rel=1e-10)
        assert fit.rate_natural == pytest.approx(rate * np.log(base), rel=1e-10)
        np.testing.assert_allclose(fit(n), a * base ** (-rate * n), rtol=1e-9)
    with pytest.raises(ValueError):
        tr.fit_decay([1, 2], [0.1, 0.0])


def test_two_design_decay_rates():
    """2⁻ⁿ for ⟨Z0 Z1⟩ and 4⁻ⁿ for the global cost: rates 1 and 2 in base 2, asymptotically."""
    n = np.arange(20, 31)
    assert tr.fit_decay(n, tr.two_design_variance(n, "zz")).rate == pytest.approx(1.0, abs=1e-6)
    assert tr.fit_decay(n, tr.two_design_variance(n, "global")).rate == pytest.approx(2.0, abs=1e-6)


# ---------------------------------------------------------------- costs
def test_global_and_local_costs_equal_direct_computations_from_probabilities():
    rng = np.random.default_rng(2)
    for n in (1, 2, 3, 5):
        psi = rng.normal(size=(4, 2 ** n)) + 1j * rng.normal(size=(4, 2 ** n))
        psi /= np.linalg.norm(psi, axis=1, keepdims=True)
        p = np.abs(psi) ** 2
        bits = (np.arange(2 ** n)[:, None] >> (n - 1 - np.arange(n))) & 1
        p0 = np.stack([p[:, bits[:, j] == 0].sum(axis=1) for j in range(n)], axis=1)   # (4, n)
        np.testing.assert_allclose(tr.global_cost(n).expval(psi), 1 - p[:, 0], atol=1e-14)
        np.testing.assert_allclose(tr.local_cost(n).expval(psi), 1 - p0.mean(axis=1), atol=1e-14)
        for cost in ("global", "local"):
            np.testing.assert_allclose(tr.cost_observable(cost, n).diagonal(n), dense_diagonal(cost, n))


# ---------------------------------------------------------------- landscape slice
def test_landscape_slice_equals_pointwise_evaluation():
    axes, angles = ls.sample_mcclean_circuits(3, 4, 1, random_state=6)
    grid, costs = ls.landscape_slice(axes[0], angles[0], first=(0, 0), second=(2, 1), n_grid=7,
                                     observable=tr.local_cost(3))
    np.testing.assert_allclose(grid, 2 * np.pi * np.arange(7) / 7)
    for i, j in [(0, 0), (3, 5), (6, 2), (1, 6)]:
        a = angles[0].copy()
        a[0, 0], a[2, 1] = grid[i], grid[j]
        direct = mcclean_circuit(axes[0], a).expval(tr.local_cost(3), [a[0, 0]])
        assert costs[i, j] == pytest.approx(direct, abs=1e-12)
    assert np.ptp(costs) > 0.05


# ---------------------------------------------------------------- starts and training
@pytest.mark.parametrize("n, blocks, layers", [(1, 1, 1), (2, 2, 1), (3, 2, 2), (4, 1, 3)])
def test_identity_blocks_are_exactly_the_identity_at_initialisation(n, blocks, layers):
    circuit = tr.identity_block_circuit(n, blocks, layers)
    p = 2 * n * layers
    assert circuit.n_params == 2 * blocks * p
    zero = np.eye(2 ** n)[0]
    thetas = tr.init_params("identity", blocks, p, n_samples=5, random_state=n)
    for theta in thetas:
        np.testing.assert_allclose(circuit.states(theta), zero, atol=1e-12)
    np.testing.assert_allclose(circuit.states(tr.init_params("zeros", blocks, p)), zero, atol=1e-15)
    # a random start is not the identity, and a small-angle start is close to it
    far = circuit.states(tr.init_params("random", blocks, p, random_state=1))
    near = circuit.states(tr.init_params("small", blocks, p, sigma=0.01, random_state=1))
    assert abs(far[0]) < 0.99 and abs(near[0]) > 0.99


def test_values_and_gradients_equal_value_and_jacobian_row_by_row():
    circuit = tr.identity_block_circuit(3, 1, 2)
    theta = tr.init_params("random", 1, 12, n_samples=4, random_state=3)
    obs = tr.local_cost(3)
    values, grads = tr.values_and_gradients(circuit, obs, theta)
    for k in range(4):
        v, g = qk.value_and_jacobian(circuit, obs, theta[k])
        assert values[k] == pytest.approx(v, abs=1e-13)
        np.testing.assert_allclose(grads[k], g, atol=1e-13)
    np.testing.assert_allclose(tr.gradient_samples(circuit, obs, theta), grads)


def test_training_several_starts_together_equals_training_them_one_by_one():
    circuit = tr.identity_block_circuit(3, 2, 1)
    obs = tr.local_cost(3) + 0.3 * qk.X(1)
    x0 = np.stack([tr.init_params(s, 2, 6, random_state=4) for s in ("random", "small", "identity")])
    for optimizer in ("sgd", "adam"):
        together = tr.train(circuit, obs, x0, n_steps=8, optimizer=optimizer, lr=0.1)
        assert together.history.shape == (9, 3)
        for k in range(3):
            alone = qk.optimizers.minimize(lambda t: qk.value_and_jacobian(circuit, obs, t), x0[k],
                                           qk.optimizers.make_optimizer(optimizer, 0.1), n_steps=8)
            np.testing.assert_allclose(together.history[:, k], alone.history, atol=1e-12)
            np.testing.assert_allclose(together.params[k], alone.x, atol=1e-12)


def test_frozen_parameters_and_the_layerwise_schedule():
    circuit = tr.identity_block_circuit(2, 2, 1)                  # 2 blocks of 8 parameters
    obs = tr.local_cost(2) + 0.5 * qk.X(0)
    mask = tr.layerwise_schedule(2, 4, 9)
    stages = [tuple(np.flatnonzero(mask(s)) // 8) for s in range(9)]
    assert [set(s) for s in stages] == [{0}] * 3 + [{1}] * 3 + [{0, 1}] * 3
    x0 = tr.init_params("zeros", 2, 4)[None]
    r = tr.train(circuit, obs, x0, n_steps=9, lr=0.2, trainable=mask)
    frozen = tr.train(circuit, obs, x0, n_steps=3, lr=0.2, trainable=mask(0))
    np.testing.assert_array_equal(frozen.params[0, 8:], 0.0)            # block 1 never moved
    np.testing.assert_allclose(r.history[:4, 0], frozen.history[:, 0], atol=1e-14)
    assert r.history[-1, 0] < r.history[0, 0] - 0.1


def test_init_params_shapes_and_bad_input():
    assert tr.init_params("random", 2, 3).shape == (12,)
    assert tr.init_params("small", 2, 3, n_samples=5).shape == (5, 12)
    t = tr.init_params("identity", 2, 3, n_samples=2, random_state=0).reshape(2, 2, 2, 3)
    np.testing.assert_array_equal(t[:, :, 0], t[:, :, 1])
    with pytest.raises(ValueError, match="strategy"):
        tr.init_params("xavier", 1, 1)
    with pytest.raises(ValueError, match="data features"):
        tr.gradient_samples(qk.Circuit(1).ry(qk.Feature(0), 0), qk.Z(0), np.zeros((1, 0)))
