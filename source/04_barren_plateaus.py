# %% [markdown]
# # 04 · Barren plateaus: when the landscape goes flat
#
# Training a quantum model means walking downhill on its cost, guided by the gradient. For many
# circuits that guide fails: the gradient is almost zero almost everywhere, and it gets smaller
# *exponentially* in the number of qubits. This *barren plateau* (McClean et al. 2018) is the
# central difficulty of quantum machine learning. In this notebook you see it, measure it, explain
# it, and try the known remedies.
#
# **What you will learn in this notebook**
#
# * what a flat landscape looks like, and why "flat" is measured by the *variance* of the gradient
#   over random circuits;
# * McClean et al.'s experiment: Var[∂C/∂θ] over hundreds of random circuits, its exponential decay
#   in the number of qubits, and how deep a circuit must be for it to set in;
# * why it happens — concentration of measure in 2ⁿ dimensions — and the value a unitary 2-design
#   predicts, derived;
# * why global costs are worse than local ones (Cerezo et al. 2021), exactly, on a circuit you can
#   solve by hand;
# * the remedies — identity blocks, small angles, layer-wise training — what they buy and where they
#   stop helping;
# * what this means for the encodings, circuits and training choices of notebooks 01–03.
#
# **Prerequisites:** notebooks 00 and 01 (states, expectation values, shots, `qk.Circuit`); the
# gradients and training loop of notebook 03 help. Exercises marked ★ are harder.

# %%
import matplotlib.pyplot as plt
import numpy as np
import qmlkit as qk

# %% [markdown]
# ## 1. What "flat" means
#
# The cost C(θ) of a circuit is a landscape over its parameters θ. Here it is for three random
# circuits of the kind section 2 studies: the cost ⟨Z₀Z₁⟩ as two angles of the first layer sweep
# [0, 2π) while all the others stay fixed, on 4 qubits with 4 layers, 4 qubits with 100 layers and
# 8 qubits with 100 layers, on one colour scale. `qk.landscape.landscape_slice` evaluates each
# 41 × 41 grid as one batch of 1681 circuits.

# %%
fig, axes = plt.subplots(1, 3, figsize=(11, 3.5), sharey=True)
for ax, (n, L) in zip(axes, [(4, 4), (4, 100), (8, 100)]):
    rot_axes, angles = qk.landscape.sample_mcclean_circuits(n, L, 1, random_state=3)
    grid, cost = qk.landscape.landscape_slice(rot_axes[0], angles[0], first=(0, 0), second=(0, 1))
    image = ax.imshow(cost.T, origin="lower", extent=[0, 2 * np.pi, 0, 2 * np.pi], vmin=-1, vmax=1,
                      cmap="RdBu_r")
    ax.set_title(f"{n} qubits, {L} layers")
    ax.set_xlabel("θ₁ (layer 1, qubit 0)")
    print(f"{n} qubits, {L:3d} layers: the cost spans {np.ptp(cost):.2f} over the slice")
axes[0].set_ylabel("θ₂ (layer 1, qubit 1)")
fig.colorbar(image, ax=axes, label="cost ⟨Z₀Z₁⟩", shrink=0.9)
plt.show()

# %% [markdown]
# Each angle enters the circuit once, as a rotation, so along any one angle the cost is a sinusoid
# a + b cos θ + c sin θ: the slices stay smooth at any depth. What changes is the amplitude. On 8
# qubits and 100 layers the whole slice spans about a sixth of what the shallow circuit shows, and
# the colours barely move: gradient descent, which only sees the local slope, has little to follow.
# Depth flattens the landscape somewhat; more qubits flatten it further — exponentially, as you are
# about to measure.
#
# One picture is one circuit. McClean et al.'s statement is about *typical* circuits: draw many at
# random and look at the distribution of ∂C/∂θ. Its mean is 0 by symmetry, so its variance
# Var[∂C/∂θ] says how large a gradient you can expect, and Chebyshev's inequality turns it into odds:
# $P(|\partial C/\partial\theta| \ge \varepsilon) \le \mathrm{Var}[\partial C/\partial\theta]/\varepsilon^2$.
# A variance that shrinks exponentially in n makes a gradient above any fixed ε exponentially rare.

# %% [markdown]
# ## 2. The McClean experiment
#
# McClean et al. (2018) put RY(π/4) on every qubit, then L layers of: a rotation about a random axis
# (X, Y or Z) by a uniformly random angle on every qubit, followed by the ladder of CZ gates
# CZ(0,1), CZ(1,2), …. The cost is ⟨Z₀Z₁⟩ and θ is the angle of the first layer's rotation on
# qubit 0. Here is one circuit with 3 qubits and 2 layers, built as a `qk.Circuit` to show its gates:

# %%
def mcclean_circuit(rot_axes, angles):
    """One McClean circuit as a qk.Circuit, to draw it (the experiment itself never builds one)."""
    n_layers, n = rot_axes.shape
    circuit = qk.Circuit(n)
    for q in range(n):
        circuit.ry(np.pi / 4, q)
    for layer in range(n_layers):
        for q in range(n):
            circuit.add(["RX", "RY", "RZ"][rot_axes[layer, q]], q, round(float(angles[layer, q]), 2))
        for q in range(n - 1):
            circuit.cz(q, q + 1)
    return circuit


rot_axes, angles = qk.landscape.sample_mcclean_circuits(3, 2, 1, random_state=0)
print(mcclean_circuit(rot_axes[0], angles[0]))

# %% [markdown]
# Every circuit of the experiment has its own gates. `qk.landscape.mcclean_gradients` runs hundreds
# of them as one batch — each gate a stack of 2 × 2 matrices, one per circuit — and carries the
# derivative along as a second state (forward-mode differentiation). Here are the gradients of 200
# circuits of 50 layers on 2 and on 8 qubits.

# %%
gradients = {}
for n in (2, 8):
    rot_axes, angles = qk.landscape.sample_mcclean_circuits(n, 50, 200, random_state=1)
    gradients[n] = qk.landscape.mcclean_gradients(rot_axes, angles)
    print(f"n = {n}: mean {gradients[n].mean():+.3f}, largest |∂C/∂θ| {np.abs(gradients[n]).max():.3f}")
fig, ax = plt.subplots(figsize=(5.5, 3.2))
ax.hist([gradients[2], gradients[8]], bins=np.linspace(-0.8, 0.8, 41), label=["n = 2", "n = 8"])
ax.set_xlabel("∂C/∂θ")
ax.set_ylabel("circuits")
ax.legend()
plt.show()

# %% [markdown]
# Both distributions are centred on 0; on 8 qubits it is much narrower. Its width is what you
# compute next.
#
# ### Exercise 04.1 — The variance of a gradient, from samples
#
# **Input:** `gradients`, a 1-D array of m ≥ 2 samples of ∂C/∂θ, one per random circuit.
# **Goal:** return their variance $\mathrm{Var} = \frac1m \sum_{k=1}^{m} (g_k - \bar g)^2$, where
# $\bar g$ is the mean of the samples. Divide by m: this is the *population* variance, the one
# `np.var` computes and the one every variance in this workbook means.
#
# <details><summary>Hint 1</summary>
#
# A variance is a mean of squares — of the deviations from the mean, `gradients - gradients.mean()`.
# </details>
# <details><summary>Hint 2</summary>
#
# `np.std` is the standard deviation, the square root of the variance. `np.var(g, ddof=1)` divides by
# m − 1 (the unbiased estimator): a fine estimate too, but a different number from the one asked for.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: the mean ḡ of the samples. Step 2: each sample's deviation from
# it. Step 3: the mean of the squared deviations, dividing by m. That is exactly `np.var(gradients)`.
# Two classic slips: `np.std` returns the square root (a standard deviation, in units of the
# gradient, not its square), and dividing by m − 1 gives the unbiased estimator, 0.5% larger for
# 200 circuits — below the error bar you meet next, but a different number. Averaging g² without
# subtracting ḡ is also wrong for a finite sample, even though the exact mean of ∂C/∂θ is 0.

# %%
def gradient_variance(gradients):
    """The population variance (divide by m) of the gradient samples."""
    # BEGIN SOLUTION
    g = np.asarray(gradients, dtype=float)
    return np.mean((g - g.mean()) ** 2)
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.barren_plateaus.check_gradient_variance(gradient_variance)

# %% [markdown]
# A variance from 200 circuits is itself uncertain. `qk.trainability.bootstrap_variance` estimates
# its error bar by resampling: each replicate redraws 200 gradients from the 200 with replacement,
# and the error is the standard deviation of the replicates' variances.

# %%
for n, g in gradients.items():
    var, err = qk.trainability.bootstrap_variance(g, random_state=0)
    print(f"n = {n}, 50 layers: Var[∂C/∂θ] = {var:.2e} ± {err:.1e} (bootstrap standard error)")

# %% [markdown]
# ### The sweep: qubits and depth
#
# Now the whole experiment: n = 2, 4, …, 10 qubits, 200 circuits each, depths from 1 to 200 layers.
# A circuit of 200 layers contains, as its first L layers, a circuit of depth L, so one run per n
# records every depth. Besides ⟨Z₀Z₁⟩ the same circuits measure the global projector cost
# C_G = 1 − p(0…0) of section 4. It takes a few seconds.

# %%
depths = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200]
table = qk.landscape.mcclean_experiment(n_qubits=[2, 4, 6, 8, 10], depths=depths, n_circuits=200,
                                        costs=["zz", "global"], random_state=0)
ns = table.n_qubits
print(" n   Var at L = 1   L = 50     L = 200    2-design")
for i, n in enumerate(ns):
    v = table.variance["zz"][i]
    print(f"{n:2d}   {v[0]:.2e}       {v[depths.index(50)]:.2e}   {v[-1]:.2e}   "
          f"{qk.trainability.two_design_variance(n, 'zz'):.2e}")

# %% [markdown]
# The last column is the value section 3 derives for circuits deep enough to be "random enough"
# (a unitary 2-design). Before plotting, fit how fast the variance decays.
#
# ### Exercise 04.2 — Fit the exponential decay rate
#
# **Input:** `n_qubits`, a 1-D array of at least two qubit counts (not necessarily sorted);
# `variances`, the positive variances measured at those counts.
# **Goal:** return the rate b of $\mathrm{Var} \approx A\,e^{-b n}$: fit a straight line to the
# points $(n, \ln \mathrm{Var})$ by least squares; its slope is −b. Use the natural logarithm.
#
# <details><summary>Hint 1</summary>
#
# `np.polyfit(x, y, 1)` fits a straight line by least squares and returns `[slope, intercept]`.
# </details>
# <details><summary>Hint 2</summary>
#
# A decaying variance has b > 0. The base of the logarithm matters: `np.log10` and `np.log2` would
# give b / ln 10 and b / ln 2.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Taking the logarithm turns the exponential into a straight line,
# ln Var = ln A − b·n. A least-squares fit of ln Var against n gives slope −b and intercept ln A,
# using every point (a line through the two end points would ignore the others). Fitting the
# variances themselves, without the logarithm, fits a line to a curve; and a log in another base
# changes the rate by a constant factor: in base 2 the slope counts halvings per qubit, c = b / ln 2.

# %%
def decay_rate(n_qubits, variances):
    """b in variances ≈ A exp(-b n), from a least-squares line through (n, ln variance)."""
    # BEGIN SOLUTION
    slope, intercept = np.polyfit(n_qubits, np.log(variances), 1)
    return -slope
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.barren_plateaus.check_decay_rate(decay_rate)

# %% [markdown]
# `qk.trainability.fit_decay` does the same fit and reports the rate in base 2: the variance falls
# like $2^{-c\,n}$. The plots show the variance against n on a log scale at 1, 50 and 200 layers, for
# ⟨Z₀Z₁⟩ and for the global cost, with the fit at 200 layers and the 2-design value (dashed).

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.9), sharey=True)
for ax, cost, title in [(axes[0], "zz", "cost ⟨Z₀Z₁⟩"), (axes[1], "global", "global cost 1 − p(0…0)")]:
    var, err = table.variance[cost], table.error[cost]
    for L, style in [(1, dict(color="0.5", markerfacecolor="white")), (50, dict(markerfacecolor="white"))]:
        qk.plotting.plot_variances(ns, var[:, depths.index(L)], err[:, depths.index(L)], ax=ax,
                                   label=f"{L} layer{'s' * (L > 1)}", **style)
    qk.plotting.plot_variances(ns, var[:, -1], err[:, -1], ax=ax, color="tab:red", label="200 layers",
                               prediction=qk.trainability.two_design_variance(ns, cost),
                               prediction_label="2-design")
    fit = qk.trainability.fit_decay(ns, var[:, -1])
    ax.plot(ns, fit(ns), "-", color="tab:red", alpha=0.3, linewidth=4, label=f"fit: {fit.prefactor:.2f}·2^(−{fit.rate:.2f} n)")
    ax.set_title(title)
    ax.set_xticks(ns)
    ax.legend(fontsize=8, loc="lower left")
    print(f"{cost:>6}, 200 layers: Var ∝ 2^(−c·n) with c = {fit.rate:.2f}, i.e. e^(−b·n) with b = {fit.rate_natural:.2f}")
plt.show()

# %% [markdown]
# At 200 layers ⟨Z₀Z₁⟩ loses a factor of 2 per qubit (c ≈ 1) and the global cost a factor of 4
# (c ≈ 2), both on the 2-design line. With a single layer the ⟨Z₀Z₁⟩ variance does not depend on n
# at all: it is exactly 5/48 ≈ 0.104 (section 4 shows why). For the global cost, 50 layers already
# give the 2-design value (its open circles hide behind the red dots); for ⟨Z₀Z₁⟩, 50 layers — the
# depth of the W2 benchmark — are not yet enough on 8 and 10 qubits: their variance sits above the
# 2-design value. How deep is deep enough? The variance against depth:

# %%
fig, ax = plt.subplots(figsize=(6.4, 3.9))
for i, n in enumerate(ns):
    bars = ax.errorbar(depths, table.variance["zz"][i], table.error["zz"][i], marker="o", markersize=3,
                       capsize=2, label=f"n = {n}")
    ax.axhline(qk.trainability.two_design_variance(n, "zz"), color=bars[0].get_color(), linestyle="--",
               linewidth=1)
    reached = next(L for L, v in zip(depths, table.variance["zz"][i])
                   if v < 1.5 * qk.trainability.two_design_variance(n, "zz"))
    print(f"n = {n:2d}: within 50% of the 2-design value from {reached} layers on")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("depth L (layers)")
ax.set_ylabel("Var[∂C/∂θ]")
ax.set_title("⟨Z₀Z₁⟩: dashed lines are the 2-design values")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# The variance falls with depth and then saturates at the 2-design value; the depth it takes grows
# with n (roughly ten layers per qubit for this circuit). A barren plateau is a property of circuits
# deep enough to scramble — which, for a circuit expressive enough to solve a hard problem, is the
# usual case.

# %% [markdown]
# ## 3. Why: concentration of measure
#
# A deep random circuit maps |0…0⟩ to a state that behaves like a random unit vector in
# d = 2ⁿ complex dimensions. In high dimensions such vectors are all alike: every fixed observable
# has almost the same expectation value in all of them (concentration of measure, Lévy's lemma).
# You can see it without any circuit: ⟨Z₀Z₁⟩ of random states has variance exactly 1/(d + 1).

# %%
rng = np.random.default_rng(0)
for n in (2, 4, 6, 8, 10, 12):
    psi = rng.normal(size=(500, 2 ** n)) + 1j * rng.normal(size=(500, 2 ** n))
    psi /= np.linalg.norm(psi, axis=1, keepdims=True)
    zz = qk.expval(psi, qk.Z(0) @ qk.Z(1))
    print(f"n = {n:2d}: Var⟨Z₀Z₁⟩ over 500 random states {np.var(zz):.2e}, 1/(2ⁿ + 1) = {1 / (2 ** n + 1):.2e}")

# %% [markdown]
# The gradient concentrates for the same reason: it is itself an expectation value. Write the
# circuit as $U_+ R_P(\theta) U_-$ with $\rho = U_-|0\rangle\langle 0|U_-^\dagger$, the state that
# enters the rotation, and O the observable of the cost. Then
#
# $$\frac{\partial C}{\partial \theta} = \mathrm{Tr}\big(H\, U_+^\dagger O U_+\big), \qquad
# H = \tfrac{i}{2}[\rho, P],$$
#
# a Hermitian, traceless H. If $U_+$ is drawn from a *unitary 2-design* — a distribution that
# matches the Haar (uniformly random) unitaries in every average of degree 2, which deep random
# circuits approach — two standard integrals give the mean 0 and
#
# $$\mathrm{Var}\Big[\frac{\partial C}{\partial \theta}\Big] = \mathrm{Tr}(H^2)\,
# \frac{\mathrm{Tr}(O^2) - (\mathrm{Tr}\,O)^2/d}{d^2 - 1}, \qquad
# \mathrm{Tr}(H^2) = \frac{1 - \langle P\rangle_\rho^2}{2}.$$
#
# In McClean's circuit the rotation acts on RY(π/4)|0⟩, whose Bloch vector is (1/√2, 0, 1/√2), so
# $1 - \langle P\rangle^2$ is ½ for P = X or Z and 1 for P = Y: ⅔ on average over the random axis, and
# Tr H² averages to ⅓. The second factor measures the spread of O's eigenvalues (a constant added to
# O changes no gradient). For ⟨Z₀Z₁⟩, Tr O² = d and Tr O = 0, so Var = d / (3(d² − 1)) ≈ 2⁻ⁿ/3:
# the exponential decay you measured.

# %% [markdown]
# ### Exercise 04.3 — What a 2-design predicts
#
# **Input:** `diagonal`, the diagonal of a diagonal observable O on n qubits: an array of d = 2ⁿ
# real numbers (its eigenvalues).
# **Goal:** return the 2-design prediction for McClean's first parameter,
# $\mathrm{Var} = \dfrac{\mathrm{Tr}(O^2) - (\mathrm{Tr}\,O)^2/d}{3\,(d^2 - 1)}$.
#
# <details><summary>Hint</summary>
#
# For a diagonal O, Tr O = Σ oₖ and Tr O² = Σ oₖ²; d is the number of entries.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** For a diagonal observable the traces are sums over its diagonal: Tr O is
# the sum of the entries and Tr O² the sum of their squares. The numerator Tr O² − (Tr O)²/d is d
# times the variance of the eigenvalues, so a constant shift of O drops out, as it must. The factor
# 1/3 is Tr H² averaged over the random axis, and d² − 1 (not d²) comes from the Haar integral. For
# ⟨Z₀Z₁⟩ this gives d/(3(d² − 1)); for the global projector |0…0⟩⟨0…0|, 1/(3d(d + 1)) ≈ 4⁻ⁿ/3.

# %%
def two_design_variance(diagonal):
    """(Tr O² − (Tr O)²/d) / (3 (d² − 1)) for the diagonal observable O = diag(diagonal)."""
    # BEGIN SOLUTION
    o = np.asarray(diagonal, dtype=float)
    d = len(o)
    return (np.sum(o ** 2) - np.sum(o) ** 2 / d) / (3 * (d ** 2 - 1))
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.barren_plateaus.check_two_design_variance(two_design_variance)

# %% [markdown]
# The measured variances at 200 layers against the prediction (`qk.trainability.two_design_variance`
# holds the same formula), with the bootstrap error of each measurement:

# %%
for cost in ("zz", "global"):
    for i, n in enumerate(ns):
        var, err = table.variance[cost][i, -1], table.error[cost][i, -1]
        predicted = qk.trainability.two_design_variance(n, cost)
        print(f"{cost:>6}, n = {n:2d}: measured {var:.2e} ± {err:.1e}, 2-design {predicted:.2e} "
              f"({round((var - predicted) / err, 1) + 0.0:+.1f} standard errors)")

# %% [markdown]
# Every measurement lies within about two standard errors of the prediction. The same argument
# shows that the cost itself concentrates: a barren plateau, exponentially concentrated costs and
# exponentially narrow minima ("gorges") come together (Arrasmith et al. 2022). No optimiser can
# read a slope that is smaller than the noise of its estimate.

# %% [markdown]
# ## 4. Global versus local costs
#
# Two costs can have the same minimum and very different landscapes. Suppose the goal is to bring
# every qubit to |0⟩. The *global* cost asks for all of them at once, the *local* cost averages
# over the qubits:
#
# $$C_G = 1 - p(0\dots0), \qquad C_L = 1 - \frac1n \sum_{j=0}^{n-1} p_j(0),$$
#
# where p(0…0) is the probability of measuring 0 on every qubit and p_j(0) that of measuring 0 on
# qubit j alone. Both are 0 exactly for |0…0⟩ (Cerezo et al. 2021).
#
# ### Exercise 04.4 — The local cost from probabilities
#
# **Input:** `probabilities`, the 2ⁿ probabilities of the basis states |0…0⟩, …, |1…1⟩ (wire 0 is the
# most significant bit).
# **Goal:** return $C_L = 1 - \frac1n\sum_j p_j(0)$.
#
# <details><summary>Hint 1</summary>
#
# `probabilities.reshape((2,) * n)` gives every wire its own axis; summing over all axes but j leaves
# the two probabilities of wire j.
# </details>
# <details><summary>Hint 2</summary>
#
# Or with bits: p_j(0) is the sum of `probabilities[k]` over the k whose bit n − 1 − j is 0.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: n = log₂ of the number of probabilities. Step 2: reshape to one
# axis per wire; for wire j, sum over every other axis and keep entry 0: that is p_j(0). Step 3:
# average over the n wires and subtract from 1. Taking `1 - probabilities[0]` instead would be the
# global cost: for a single qubit the two agree, but for n qubits they are different functions.

# %%
def local_cost(probabilities):
    """C_L = 1 − (1/n) Σ_j p_j(0) from the probabilities of the 2**n basis states."""
    # BEGIN SOLUTION
    p = np.asarray(probabilities, dtype=float)
    n = int(np.log2(len(p)))
    t = p.reshape((2,) * n)
    p0 = [t.sum(axis=tuple(k for k in range(n) if k != j))[0] for j in range(n)]
    return 1 - np.mean(p0)
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.barren_plateaus.check_local_cost(local_cost)

# %% [markdown]
# The library has both costs as observables, `qk.trainability.global_cost(n)` and
# `qk.trainability.local_cost(n)`. On |+⟩ ⊗ |0⟩ ⊗ |0⟩, two of three qubits are right: the local
# cost says 1/6, the global cost 1/2.

# %%
state = qk.Circuit(3).h(0).states()
print("global:", round(qk.trainability.global_cost(3).expval(state), 4),
      " local:", round(qk.trainability.local_cost(3).expval(state), 4))

# %% [markdown]
# ### A landscape you can solve by hand
#
# Take the simplest circuit there is, one RX(θ_j) on each qubit and no entangling gate, starting
# from |0…0⟩ (Cerezo et al.'s warm-up example). Then $p_j(0) = \cos^2(\theta_j/2)$, so
#
# $$C_G = 1 - \prod_j \cos^2(\theta_j/2), \qquad C_L = 1 - \frac1n \sum_j \cos^2(\theta_j/2).$$
#
# ### Exercise 04.5 ★ — Predict which cost has a barren plateau
#
# **Input:** `n_qubits`, n ≥ 1.
# **Goal:** return the pair (Var[∂C_G/∂θ₁], Var[∂C_L/∂θ₁]) for angles drawn independently and
# uniformly from [0, 2π).
#
# <details><summary>Hint 1</summary>
#
# ∂C_G/∂θ₁ = ½ sin θ₁ · Π_{j>1} cos²(θ_j/2) and ∂C_L/∂θ₁ = sin θ₁ / (2n). Both have mean 0, so the
# variance is the mean of the square, and independent factors average separately.
# </details>
# <details><summary>Hint 2</summary>
#
# E[sin² θ] = 1/2 and E[cos⁴(θ/2)] = E[((1 + cos θ)/2)²] = 3/8.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Differentiate: $\partial_1 \cos^2(\theta_1/2) = -\tfrac12\sin\theta_1$, so
# ∂C_G/∂θ₁ = ½ sin θ₁ Π_{j>1} cos²(θ_j/2) and ∂C_L/∂θ₁ = sin θ₁/(2n). Their means vanish (E[sin θ] = 0),
# so each variance is the mean of the square. The angles are independent, so the mean of a product
# is the product of the means: E[¼ sin² θ₁] = 1/8 and each other qubit contributes E[cos⁴(θ/2)] = 3/8.
# Hence Var[∂C_G] = (1/8)(3/8)ⁿ⁻¹, exponentially small, while Var[∂C_L] = 1/(8n²) only falls
# polynomially: **the global cost has a barren plateau, the local one does not** — on a circuit
# without a single entangling gate. The global cost multiplies n numbers below 1 together.

# %%
def product_circuit_variances(n_qubits):
    """(Var[∂C_G/∂θ₁], Var[∂C_L/∂θ₁]) for ⊗ RX(θ_j)|0…0⟩ with uniform random angles."""
    # BEGIN SOLUTION
    return (3 / 8) ** (n_qubits - 1) / 8, 1 / (8 * n_qubits ** 2)
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.barren_plateaus.check_product_circuit_variances(product_circuit_variances)

# %% [markdown]
# A check by sampling: 4000 random settings of the angles per n, the gradients of both costs from
# `qk.trainability.gradient_samples` (one batched adjoint sweep for all settings), and the formulas
# of exercise 04.5 written out again, so that the cell runs before you solve it.

# %%
n_range = np.arange(1, 11)
sampled = {"global": [], "local": []}
for n in n_range:
    circuit = qk.Circuit(int(n))
    for j in range(n):
        circuit.rx(qk.Param(j), j)
    theta = np.random.default_rng(int(n)).uniform(0, 2 * np.pi, (4000, n))
    for cost in sampled:
        g = qk.trainability.gradient_samples(circuit, qk.trainability.cost_observable(cost, int(n)), theta)
        sampled[cost].append(qk.trainability.bootstrap_variance(g[:, 0], random_state=0))
fig, ax = plt.subplots(figsize=(5.8, 3.6))
for cost, exact, color in [("global", (3 / 8) ** (n_range - 1) / 8, "tab:red"), ("local", 1 / (8 * n_range ** 2), "tab:blue")]:
    var, err = np.array(sampled[cost]).T
    qk.plotting.plot_variances(n_range, var, err, ax=ax, color=color, label=f"{cost}, 4000 samples",
                               prediction=exact, prediction_label=f"{cost}, exact")
ax.set_title("one RX per qubit, no entangling gates")
ax.legend(fontsize=8)
plt.show()
print(f"n = 10: Var[∂C_G] = {sampled['global'][-1][0]:.2e} (exact {(3 / 8) ** 9 / 8:.2e}), "
      f"Var[∂C_L] = {sampled['local'][-1][0]:.2e} (exact {1 / 800:.2e})")

# %% [markdown]
# ### Shallow circuits: the light cone
#
# Back to McClean's circuits, now shallow. With one layer the state before the CZ ladder is a
# product state and the ladder, being diagonal, changes no probability, so the variances follow in
# closed form (`qk.trainability.one_layer_variance`): 5/48 for ⟨Z₀Z₁⟩ at any n — the flat line of
# section 2 — $q^{\,n-1}/16$ with q ≈ 0.472 for C_G, and 1/(16n²) for C_L. With more layers, each
# qubit's information spreads by one neighbour per layer along the ladder, so a term p_j(0) of the
# local cost only feels the parameters within distance L of qubit j: its light cone. Cerezo et al.
# proved that local costs keep polynomially large gradients when the depth grows like log n, while
# global costs vanish exponentially at any depth. Here is McClean's structure at depth L = ⌈log₂ n⌉,
# for n = 2 … 12.

# %%
shallow = qk.landscape.mcclean_experiment(n_qubits=range(2, 13), depths=[1, 2, 3, 4], n_circuits=200,
                                          costs=["global", "local"], random_state=1)
n_all = shallow.n_qubits
log_depth = np.ceil(np.log2(n_all)).astype(int)
fig, ax = plt.subplots(figsize=(6.2, 3.9))
for cost, color in [("global", "tab:red"), ("local", "tab:blue")]:
    pick = (np.arange(n_all.size), log_depth - 1)
    qk.plotting.plot_variances(n_all, shallow.variance[cost][pick], shallow.error[cost][pick], ax=ax,
                               color=color, label=f"{cost}, L = ⌈log₂ n⌉",
                               prediction=qk.trainability.one_layer_variance(n_all, cost),
                               prediction_label=f"{cost}, one layer (exact)")
    fit = qk.trainability.fit_decay(n_all, shallow.variance[cost][pick])
    print(f"{cost:>6}: Var at n = 12 is {shallow.variance[cost][pick][-1]:.2e}; fitted decay 2^(−{fit.rate:.2f} n)")
ax.set_xticks(n_all)
ax.set_title("McClean circuits of depth ⌈log₂ n⌉")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# The local cost's variance stays close to the polynomial one-layer curve; the global cost's falls
# by a factor of about 2^1.8 ≈ 3.5 per qubit, faster than the one-layer curve as the circuits deepen. Play with it: the
# explorer below recomputes the variance for n = 2 … n_max at the depth and cost you choose
# (100 circuits each, about a second; the sliders act when you release them). The dotted line is the
# exact one-layer value, the dashed one the 2-design limit. Push the depth up for the local cost:
# once the circuit scrambles, the local cost has a plateau too.

# %% tags=["nbval-ignore-output"]
qk.widgets.landscape_explorer()

# %% [markdown]
# ## 5. Remedies, and their limits
#
# A barren plateau is a statement about *random* circuits. The remedies avoid randomness where it
# hurts, at the start of training:
#
# * **Identity blocks** (Grant et al. 2019): build the circuit from blocks U(θ) followed by their
#   inverse U(θ′)†, each half with its own parameters, and start with θ′ = θ. The circuit starts as
#   exactly the identity, yet every parameter trains, and the first steps see the gradients of a
#   shallow circuit.
# * **Small angles**: start every θ near 0 (say normal with standard deviation 0.1): every gate is
#   close to the identity (Zhang et al. 2022 prove gradient bounds for such Gaussian starts).
# * **Layer-wise training** (Skolik et al. 2021): start with the identity, train the first block
#   alone, then add the next, and train everything together only at the end.
#
# ### Exercise 04.6 — Build an identity block
#
# **Input:** `n_qubits`, `n_layers`.
# **Goal:** return a `qk.Circuit`: the block `qk.ansatz.hardware_efficient(n_qubits, n_layers)`,
# whose P = 2·n_qubits·n_layers parameters are θ₀ … θ_{P−1} (in layer l, qubit q has RY(θ_k) then
# RZ(θ_{k+1}) with k = 2(l·n + q); each layer ends with CZ(0,1), CZ(1,2), …), followed by its inverse
# with fresh parameters: the block's gates in reverse order, each rotation R(θ_k) replaced by
# R(−θ_{P+k}) and each CZ by itself. With θ_{P+k} = θ_k (`np.tile(theta, 2)`) your circuit is then
# exactly the identity. Build the inverse gate by gate (not with `Circuit.inverse` or
# `qk.ansatz.identity_block`, which the check compares with).
#
# <details><summary>Hint 1</summary>
#
# `block.copy()` gives a circuit to append to; `circuit.rz(-qk.Param(P + k + 1), q)` adds RZ(−θ_{P+k+1})
# on qubit q.
# </details>
# <details><summary>Hint 2</summary>
#
# (AB)† = B†A†: walk the layers from last to first; in each, undo the CZ ladder first, then the
# rotations, qubit by qubit from the last, RZ before RY.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** The inverse of a product of gates is the product of the inverses in
# reverse order, (G_m ⋯ G_1)† = G_1† ⋯ G_m†. So after the block, walk its layers backwards: first
# the CZ ladder (CZ is its own inverse, and the CZs commute), then each qubit's RZ and RY in the
# opposite order, with negated angles, since R(θ)† = R(−θ). Giving the mirror of θ_k its own
# parameter θ_{P+k} is what makes the block trainable: with the same θ_k in both halves the block
# would be the identity for every θ and could never learn anything.

# %%
def identity_block(n_qubits, n_layers):
    """hardware_efficient(n_qubits, n_layers) followed by its inverse with parameters P … 2P − 1."""
    # BEGIN SOLUTION
    block = qk.ansatz.hardware_efficient(n_qubits, n_layers)
    P = block.n_params
    circuit = block.copy()
    for layer in reversed(range(n_layers)):
        for q in reversed(range(n_qubits - 1)):
            circuit.cz(q, q + 1)
        for q in reversed(range(n_qubits)):
            k = 2 * (layer * n_qubits + q)
            circuit.rz(-qk.Param(P + k + 1), q)
            circuit.ry(-qk.Param(P + k), q)
    return circuit
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.barren_plateaus.check_identity_block(identity_block)

# %% [markdown]
# ### A task, and the gradient at the start
#
# The task: prepare a product state $|\varphi\rangle = \bigotimes_j R_Y(a_j)|0\rangle$ with
# `qk.trainability.identity_block_circuit(10, 4, 2)`: four identity blocks of two hardware-efficient
# layers (16 layers, 320 parameters). Appending $R_Y(-a_j)$ on every qubit turns "the state is
# |φ⟩" into "the state is |0…0⟩", which C_G or C_L measure. First with target angles a_j in
# [0, π/2], so that |φ⟩ overlaps |0…0⟩ by a few per cent.

# %%
def task(n_qubits, max_angle, seed=7):
    """The identity-block circuit followed by RY(−a_j), with target angles a_j uniform in [0, max_angle)."""
    circuit = qk.trainability.identity_block_circuit(n_qubits, n_blocks=4, n_layers=2)
    for j, a in enumerate(np.random.default_rng(seed).uniform(0, max_angle, n_qubits)):
        circuit.ry(-a, j)
    return circuit


starts = ("random", "small", "identity")
colours = {"random": "tab:red", "small": "tab:green", "identity": "tab:blue", "layer-wise": "tab:purple"}
print("overlap |⟨φ|0…0⟩|² on 10 qubits:", round(task(10, np.pi / 2).probabilities(np.zeros(320))[0], 4))

# %% [markdown]
# How large is the gradient at the start? For each start, 100 random initialisations per n, the mean
# of (∂C_G/∂θ)² over the initialisations and over all parameters (a random start has mean gradient
# 0, so this is its variance; the other starts have a non-zero mean, which counts just as much).

# %%
fig, ax = plt.subplots(figsize=(5.8, 3.6))
for start in starts:
    mean_square = []
    for n in (2, 4, 6, 8, 10):
        x0 = qk.trainability.init_params(start, 4, 4 * n, n_samples=100, random_state=n)
        g = qk.trainability.gradient_samples(task(n, np.pi / 2), qk.trainability.global_cost(n), x0)
        mean_square.append(np.mean(g ** 2))
    ax.semilogy([2, 4, 6, 8, 10], mean_square, "o-", color=colours[start], label=f"{start} start")
    print(f"{start:>8} start: mean (∂C_G/∂θ)² from {mean_square[0]:.1e} (n = 2) to {mean_square[-1]:.1e} (n = 10)")
ax.set_xlabel("number of qubits n")
ax.set_ylabel(r"mean $(\partial C_G/\partial\theta)^2$ at the start")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# From a random start the squared gradient falls almost like 4⁻ⁿ, the global cost's 2-design rate.
# From the identity or small angles it falls much more slowly (only because |φ⟩'s overlap with
# |0…0⟩ shrinks with n) and is about 500 times larger at n = 10. Now train: plain gradient
# descent (`qk.optimizers.SGD`, learning rate 0.2, 40 steps), the four starts side by side in one
# batch (`qk.trainability.train`; layer-wise training starts from all zeros and trains one block per
# stage, `qk.trainability.layerwise_schedule`).

# %%
def compare_starts(circuit, cost, n_blocks=4, block_params=40, n_steps=40, lr=0.2):
    """Cost curves of the random, small, identity and layer-wise starts, trained together."""
    x0 = np.array([qk.trainability.init_params(s, n_blocks, block_params, random_state=1)
                   for s in starts + ("zeros",)])
    layerwise = qk.trainability.layerwise_schedule(n_blocks, block_params, n_steps)
    everything = np.ones(circuit.n_params, dtype=bool)

    def masks(step):                                  # layer-wise training freezes all but one block
        return np.array([everything] * 3 + [layerwise(step)])
    return qk.trainability.train(circuit, cost, x0, n_steps, "sgd", lr, trainable=masks).history


def plot_curves(ax, history, title):
    for k, (name, style) in enumerate(zip(starts + ("layer-wise",), ("-", "--", ":", "-."))):
        ax.plot(history[:, k], style, color=colours[name], linewidth=2, label=name)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("step")


curves = {"global cost, target near |0…0⟩": compare_starts(task(10, np.pi / 2), qk.trainability.global_cost(10))}
for name, h in curves.items():
    print(name + ": final costs", ", ".join(f"{s} {v:.3f}" for s, v in zip(starts + ("layer-wise",), h[-1])))

# %% [markdown]
# The same comparison when the target is far from |0…0⟩ (angles in [0, π), an overlap of about
# 10⁻⁷), first with the global cost, then with the local one:

# %%
curves["global cost, target far"] = compare_starts(task(10, np.pi), qk.trainability.global_cost(10))
curves["local cost, target far"] = compare_starts(task(10, np.pi), qk.trainability.local_cost(10))
fig, axes = plt.subplots(1, 3, figsize=(12, 3.4), sharey=True)
for ax, (name, h) in zip(axes, curves.items()):
    plot_curves(ax, h, name)
axes[1].text(20, 0.9, "all four starts stay at 1", ha="center")
axes[0].set_ylabel("cost")
axes[0].legend(fontsize=8)
fig.tight_layout()
plt.show()
for name, h in list(curves.items())[1:]:
    print(name + ": final costs", ", ".join(f"{s} {v:.3f}" for s, v in zip(starts + ("layer-wise",), h[-1])))

# %% [markdown]
# Three lessons, one per panel:
#
# * **Left**: from a random start the global cost does not move in 40 steps — its gradient is about
#   10⁻³ — while small angles and identity blocks reach the target in about ten steps, and
#   layer-wise training, which trains one block at a time, in about twenty.
# * **Middle**: the remedies are not magic. They fix the *start*; they do not change the landscape.
#   With a target far from the start, C_G ≈ 1 − |⟨φ|0…0⟩|² is flat around the identity too, and every
#   start stalls.
# * **Right**: the local cost trains from every start, even here; the small-angle and identity
#   starts fastest, the random start slowest (on 10 qubits its gradient is small, not yet negligible).
#
# Two more limits. Plain gradient descent was used on purpose: Adam divides each step by the
# gradient's own running size, so in an exact simulation it can inflate a tiny gradient — but on
# hardware every gradient is estimated from shots, and resolving a gradient of size ε takes about
# 1/ε² shots (exercise 00.8), so a plateau is a wall of measurement cost, whatever the optimiser.
# And the remedies only protect the start: training can wander into a random-looking region later.

# %% [markdown]
# ## 6. What barren plateaus mean for notebooks 01–03
#
# * **Encoding (01).** An encoding is the first part of the circuit. Deep, highly entangling feature
#   maps make encoded states look random: gradients of the model shrink, and kernel values
#   concentrate around a constant as the number of qubits grows (Thanasilp et al. 2022) — the
#   shrinking contrast of the ZZ feature map's kernel in notebook 01 is a small-scale sign of it.
#   Prefer encodings with structure you understand (angle, re-uploading) and scale the features.
# * **Circuit design (02).** Expressibility has a price: the closer a circuit's random instances come
#   to a 2-design, the smaller its gradients (Holmes et al. 2022). Choose the shallowest structure
#   that can represent the answer, with local entanglers; depth of order log n keeps local costs
#   trainable.
# * **Training (03).** Measure locally: a classifier that reads ⟨Z⟩ (or P(1)) of one wire has a local
#   cost. Start near the identity (identity blocks, small angles) or grow the circuit layer by layer,
#   and budget the shots: the gradients you need to resolve set the number of measurements.
# * **A caveat.** The structure that provably removes a plateau often also confines the computation
#   to a small, classically simulable corner of the state space (Cerezo et al. 2025). Trainable and
#   useful are different questions.

# %% [markdown]
# ## Summary
#
# * A barren plateau: over random circuits, ∂C/∂θ has mean 0 and a variance that falls
#   exponentially with the number of qubits, so a gradient above any fixed ε becomes exponentially
#   rare (Chebyshev). Measure it with the population variance of the gradients of many circuits and
#   a bootstrap error bar.
# * In McClean's circuits the variance of ⟨Z₀Z₁⟩'s gradient halves with every qubit (rate c ≈ 1 in
#   base 2, b ≈ 0.69 in base e) and the global projector's quarters (c ≈ 2), once the circuit is deep
#   enough — a depth that grows with n; with one layer ⟨Z₀Z₁⟩'s variance is 5/48 at every n.
# * The cause is concentration of measure: for a 2-design,
#   Var = Tr(H²)(Tr O² − (Tr O)²/d)/(d² − 1), with Tr H² = 1/3 on McClean's start.
# * Global costs (1 − p(0…0)) have barren plateaus even without entanglement; local costs keep
#   polynomial gradients at depth ~ log n, but not for deep circuits.
# * Identity blocks, small angles and layer-wise training give large gradients at the start; they do
#   not flatten a global cost's plateau around a far target, and on hardware shot noise makes any
#   small gradient expensive.
#
# ## Exercises recap
#
# | | exercise | idea |
# |---|---|---|
# | 04.1 | `gradient_variance` | the population variance, not the standard deviation |
# | 04.2 | `decay_rate` | a straight line through (n, ln Var); b = −slope |
# | 04.3 | `two_design_variance` | (Tr O² − (Tr O)²/d) / (3(d² − 1)) |
# | 04.4 | `local_cost` | average each qubit's p_j(0) |
# | 04.5 ★ | `product_circuit_variances` | (1/8)(3/8)ⁿ⁻¹ against 1/(8n²): global has the plateau |
# | 04.6 | `identity_block` | the inverse: gates reversed, angles negated, fresh parameters |
#
# Your progress over the whole workbook so far:

# %% tags=["nbval-ignore-output"]
qk.katas.progress()

# %% [markdown]
# ## References
#
# * J. R. McClean, S. Boixo, V. N. Smelyanskiy, R. Babbush and H. Neven, "Barren plateaus in quantum
#   neural network training landscapes", Nat. Commun. 9, 4812 (2018), arXiv:1803.11173.
# * M. Cerezo, A. Sone, T. Volkoff, L. Cincio and P. J. Coles, "Cost function dependent barren plateaus
#   in shallow parametrized quantum circuits", Nat. Commun. 12, 1791 (2021), arXiv:2001.00550.
# * E. Grant, L. Wossnig, M. Ostaszewski and M. Benedetti, "An initialization strategy for addressing
#   barren plateaus in parametrized quantum circuits", Quantum 3, 214 (2019), arXiv:1903.05076.
# * Z. Holmes, K. Sharma, M. Cerezo and P. J. Coles, "Connecting ansatz expressibility to gradient
#   magnitudes and barren plateaus", PRX Quantum 3, 010313 (2022), arXiv:2101.02138.
# * A. Skolik, J. R. McClean, M. Mohseni, P. van der Smagt and M. Leib, "Layerwise learning for quantum
#   neural networks", Quantum Mach. Intell. 3, 5 (2021), arXiv:2006.14904.
# * K. Zhang, L. Liu, M.-H. Hsieh and D. Tao, "Escaping from the barren plateau via Gaussian
#   initializations in deep variational quantum circuits", NeurIPS 2022, arXiv:2203.09376.
# * A. Arrasmith, Z. Holmes, M. Cerezo and P. J. Coles, "Equivalence of quantum barren plateaus to cost
#   concentration and narrow gorges", Quantum Sci. Technol. 7, 045015 (2022), arXiv:2104.05868.
# * S. Thanasilp, S. Wang, M. Cerezo and Z. Holmes, "Exponential concentration in quantum kernel
#   methods", arXiv:2208.11060 (2022).
# * M. Larocca, S. Thanasilp, S. Wang, K. Sharma, J. Biamonte, P. J. Coles, L. Cincio, J. R. McClean,
#   Z. Holmes and M. Cerezo, "A review of barren plateaus in variational quantum computing",
#   arXiv:2405.00781 (2024).
# * M. Cerezo, M. Larocca, D. García-Martín, N. L. Diaz, P. Braccia, E. Fontana, M. S. Rudolph,
#   P. Bermejo, A. Ijaz, S. Thanasilp, E. R. Anschuetz and Z. Holmes, "Does provable absence of barren
#   plateaus imply classical simulability?", Nat. Commun. (2025), arXiv:2312.09121.
