# %% [markdown]
# # 03 · Training a circuit-centric quantum classifier
#
# An encoding (notebook 01), a trainable circuit (notebook 02) and a measurement make a
# classifier. In this notebook you turn the measurement into a label, derive the gradients that
# train the circuit, train it on real and synthetic data while you watch, and judge it honestly:
# on data it has never seen, next to a classical model of a few lines.
#
# **What you will learn in this notebook**
#
# * how a circuit's output becomes a label: the readout probability, the 0.5 threshold and the
#   bias that Microsoft's quantum classifier fits after every epoch;
# * three loss functions (squared, cross-entropy, hinge) and how their gradients reach the circuit;
# * the parameter-shift rule: derived, written by you, and checked against finite differences;
# * why a simulator can use the faster *adjoint* method and quantum hardware cannot;
# * how measurement shots make gradients noisy, and by how much (1/√shots);
# * gradient descent, momentum and Adam on one problem;
# * training, validating and *testing* a classifier, and comparing it with logistic regression;
# * Microsoft's synthetic classification tasks, solved by the right feature map, and Iris with
#   three classes.
#
# **Prerequisites:** notebooks 00–02 (states and measurement, encodings, `qk.Circuit` and
# circuit structures); numpy; what a derivative is. Exercises marked ★ are harder.

# %%
import functools

import matplotlib.pyplot as plt
import numpy as np
import qmlkit as qk
from IPython.display import display

# %% [markdown]
# ## 1. From circuit output to a label
#
# A circuit-centric classifier (Schuld, Bocharov, Svore & Wiebe 2018) is one circuit: an encoding
# that writes the sample x into the state, then a trainable structure U(θ). Here is a small one:
# angle encoding of two features, then one hardware-efficient layer.

# %%
model = qk.encoding.angle_circuit(2) + qk.ansatz.hardware_efficient(2, 1)
print(model)
print("parameters:", model.n_params, " features:", model.n_features)

# %% [markdown]
# Measuring one wire — the *readout* qubit, wire 0 here — gives 1 with some probability
# $p(x;\theta) = \langle\psi(x;\theta)|\,\Pi_1\,|\psi(x;\theta)\rangle$, where $\Pi_1 = |1\rangle\langle 1|$
# acts on that wire. This probability is the model's output. `qk.Projector([1], [0])` is Π₁ on
# wire 0, and it computes p for a whole batch of states at once.

# %%
theta = np.array([0.3, -1.2, 2.0, 0.4])
X_demo = np.array([[0.1, 0.2], [1.5, 0.3], [2.8, 2.9]])
states = model.states(theta, X_demo)                         # (3 samples, 4 amplitudes)
p_demo = qk.Projector([1], [0]).expval(states)
print("states:", states.shape, " p:", np.round(p_demo, 4))

# %% [markdown]
# ### Exercise 03.1 — The readout: P(1) on one wire, for a batch
#
# **Input:** `states`, an array of shape (n_samples, 2ⁿ), one state per row; `readout`, a wire
# from 0 to n − 1.
# **Goal:** return an array of shape (n_samples,) with the probability of measuring 1 on wire
# `readout` for every state. Remember the wire order: wire 0 is the most significant bit of the
# basis index. The check compares your values with `qk.Projector([1], [readout]).expval(states)`.
#
# <details><summary>Hint 1</summary>
#
# For n qubits, `(np.arange(2**n) >> (n - 1 - readout)) & 1` is 1 exactly at the basis indices
# where wire `readout` is 1.
# </details>
# <details><summary>Hint 2</summary>
#
# `np.abs(states) ** 2` gives all probabilities at once; select the columns with the mask and
# sum along axis 1.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: the number of qubits is log₂ of the number of columns. Step 2:
# wire w is bit n − 1 − w of the basis index (wire 0 the most significant), so shifting the
# indices right by n − 1 − w and keeping the last bit marks the basis states where the readout
# wire is 1. Step 3: the probability of that outcome is the sum of |amplitude|² over those basis
# states, done for every row at once by summing along axis 1.

# %%
def readout_probabilities(states, readout):
    """P(1) on wire `readout` for every row of `states`: shape (n_samples,)."""
    # BEGIN SOLUTION
    states = np.asarray(states)
    n = int(np.log2(states.shape[1]))
    is_one = (np.arange(2 ** n) >> (n - 1 - readout)) & 1
    return (np.abs(states) ** 2)[:, is_one == 1].sum(axis=1)
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.training.check_readout_probabilities(readout_probabilities)

# %% [markdown]
# ### The label rule and the bias
#
# Microsoft's Quantum Machine Learning library turns p into a label with one more number, a
# *bias* b: the label is 1 when $p + b > 0.5$ and 0 otherwise. The bias moves the threshold on p
# from 0.5 to 0.5 − b. The circuit is trained to push p of class 1 up and p of class 0 down, and
# the bias then places the threshold where the two groups separate best — a threshold on p is
# much easier to find directly than by gradient descent.

# %% [markdown]
# ### Exercise 03.2 — From probabilities to labels, with a bias
#
# **Input:** `p`, an array of readout probabilities; `bias`, a number.
# **Goal:** return the array of labels, 1 where $p + b > 0.5$ and 0 elsewhere (an exact 0.5 gives 0).
#
# <details><summary>Hint</summary>
#
# A comparison of an array with a number gives an array of booleans; `.astype(int)` turns them
# into 0 and 1.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Add the bias to every probability, compare with 0.5 strictly, and turn
# the booleans into integers. Booleans would be accepted too; integers are what `predict` returns.

# %%
def predict_labels(p, bias):
    """Label 1 where p + bias > 0.5, else 0."""
    # BEGIN SOLUTION
    return (np.asarray(p) + bias > 0.5).astype(int)
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.training.check_predict_labels(predict_labels)

# %% [markdown]
# Which bias is best? For given probabilities and labels, count the misclassifications of every
# possible threshold. Only the gaps between neighbouring values of p matter, so there are just
# n + 1 candidates. Here are 12 made-up probabilities: class 1 (red) tends to have the larger p,
# but all of them lie below 0.5, so without a bias every sample would get label 0.

# %%
p_toy = np.array([0.05, 0.1, 0.14, 0.2, 0.22, 0.27, 0.25, 0.31, 0.35, 0.4, 0.44, 0.48])
y_toy = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1])
biases = np.linspace(-0.5, 0.5, 401)
errors = [qk.katas.training.misclassifications(p_toy, y_toy, b) for b in biases]
b_best = qk.classifier.fit_bias(p_toy, y_toy)
fig, axes = plt.subplots(1, 2, figsize=(10, 3))
axes[0].scatter(p_toy, y_toy, c=y_toy, cmap="coolwarm", edgecolor="black")
axes[0].axvline(0.5, color="gray", linestyle=":", label="threshold 0.5 (no bias)")
axes[0].axvline(0.5 - b_best, color="black", label=f"threshold 0.5 − b = {0.5 - b_best:.2f}")
axes[0].set_xlim(0, 0.55)
axes[0].set_yticks([0, 1])
axes[0].set_xlabel("readout probability p")
axes[0].set_ylabel("true label")
axes[0].legend(fontsize=8, loc="center left")
axes[1].plot(biases, errors)
axes[1].plot(b_best, min(errors), "o", color="black", label=f"b = {b_best:.2f}")
axes[1].set_xlabel("bias b")
axes[1].set_ylabel("misclassifications")
axes[1].legend(fontsize=8)
fig.tight_layout()
plt.show()
print("fewest misclassifications:", min(errors), " bias chosen by qmlkit:", round(b_best, 4))

# %% [markdown]
# Drag the bias yourself. The shaded region is where the rule predicts 1; crosses mark the samples
# it gets wrong. Notice that several biases tie for the fewest mistakes: any threshold between
# the same two neighbouring values of p labels every sample the same way.

# %% tags=["nbval-ignore-output"]
qk.widgets.bias_explorer(p_toy, y_toy)

# %% [markdown]
# ### Exercise 03.3 — The bias that minimises misclassifications
#
# **Input:** `p`, readout probabilities of n samples; `y`, their true labels (0 or 1).
# **Goal:** return a bias b such that the rule "label 1 if p + b > 0.5" makes as few mistakes
# on these samples as any bias can. Any bias in the best interval is accepted: the check counts
# your misclassifications with `qk.katas.training.misclassifications(p, y, b)`.
#
# <details><summary>Hint 1</summary>
#
# Sort p. A threshold t between two neighbours (or below all, or above all) labels everything above
# it 1. Try every such t and count the errors.
# </details>
# <details><summary>Hint 2</summary>
#
# The rule p + b > 0.5 is the rule p > 0.5 − b, so the threshold t corresponds to the bias
# b = 0.5 − t.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: the candidate thresholds are the midpoints between neighbouring
# sorted probabilities, plus one below the smallest and one above the largest; no other threshold
# gives a different labelling. Step 2: for each candidate t, count the samples whose label
# "1 if p > t" is wrong. Step 3: the rule p + b > 0.5 is p > 0.5 − b, so the bias that realises
# the best threshold is b = 0.5 − t. (`qk.classifier.fit_bias` does the same with cumulative
# sums instead of a loop, and among equally good biases picks the one closest to 0.)

# %%
def best_bias(p, y):
    """A bias b minimising the misclassifications of "label 1 if p + b > 0.5"."""
    # BEGIN SOLUTION
    s = np.sort(np.asarray(p, dtype=float))
    thresholds = np.concatenate([[s[0] - 1e-3], (s[:-1] + s[1:]) / 2, [s[-1] + 1e-3]])
    errors = [np.sum((p > t).astype(int) != y) for t in thresholds]
    return 0.5 - thresholds[int(np.argmin(errors))]
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.training.check_best_bias(best_bias)

# %% [markdown]
# ## 2. Loss functions
#
# Misclassifications are a step function of θ: they have no useful gradient. Training therefore
# minimises a smooth *loss* of p instead, averaged over the samples. `qk.QuantumClassifier` has
# three, with y ∈ {0, 1} and s = 2y − 1 ∈ {−1, +1}:
#
# * **squared:** $(p - y)^2$;
# * **cross-entropy:** $-\,[\,y\log p + (1-y)\log(1-p)\,]$, which punishes a confident wrong
#   answer without limit;
# * **hinge:** $\max(0,\ 1 - s\,(2p-1))$, which is linear until the sample is classified right
#   with full confidence.
#
# Each is a function of p alone, so its gradient is the chain rule
# $\partial L/\partial\theta = \frac1B\sum_i \ell'(p_i, y_i)\,\partial p_i/\partial\theta$:
# the loss supplies ℓ′ and the circuit the Jacobian ∂p/∂θ. `qk.classifier.LOSSES` returns both the
# losses and ℓ′.

# %%
p_grid = np.linspace(0.01, 0.99, 99)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2), sharey=True)
for ax, label in zip(axes, (1, 0)):
    for name, loss in qk.classifier.LOSSES.items():
        ax.plot(p_grid, loss(p_grid, np.full_like(p_grid, label))[0], label=name)
    ax.axvline(0.5, color="gray", linestyle=":")
    ax.set_xlabel("readout probability p")
    ax.set_title(f"a sample of class {label}")
axes[0].set_ylabel("loss")
axes[0].set_ylim(0, 3)
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 3. The parameter-shift rule
#
# Take one parameter θ that enters the circuit through one Pauli rotation
# $R_P(\theta) = e^{-i\theta P/2}$. Since $P^2 = I$, $R_P(\theta) = \cos\frac\theta2\,I - i\sin\frac\theta2\,P$,
# and an expectation value contains θ only through products of two such factors. With
# $\cos^2\frac\theta2 = \frac{1+\cos\theta}{2}$, $\sin^2\frac\theta2 = \frac{1-\cos\theta}{2}$ and
# $\cos\frac\theta2\sin\frac\theta2 = \frac{\sin\theta}{2}$ it is therefore a sinusoid:
#
# $$f(\theta) = A + B\cos\theta + C\sin\theta .$$
#
# Its derivative is $f'(\theta) = -B\sin\theta + C\cos\theta$, and the same comes out of two
# evaluations of f itself (Mitarai et al. 2018; Schuld et al. 2019):
#
# $$\frac{f(\theta + \frac\pi2) - f(\theta - \frac\pi2)}{2}
# = \frac{B\,(-2\sin\theta) + C\,(2\cos\theta)}{2} = f'(\theta).$$
#
# This is exact, not an approximation with a small step: the shift is large, π/2. The picture
# shows one such f and the two points the rule evaluates.

# %%
circuit = qk.Circuit(2).ry(qk.Param(0), 0).rx(qk.Param(1), 1).cnot(0, 1).ry(qk.Param(2), 1)
obs = qk.Z(1)
theta = np.array([0.9, 0.6, -0.3])
sweep = np.linspace(-np.pi, np.pi, 121)
f_sweep = [circuit.expval(obs, np.array([t, *theta[1:]])) for t in sweep]
f_plus = circuit.expval(obs, theta + [np.pi / 2, 0, 0])
f_minus = circuit.expval(obs, theta - [np.pi / 2, 0, 0])
slope = (f_plus - f_minus) / 2
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(sweep, f_sweep, label="f(θ₀) = ⟨Z₁⟩")
ax.plot([theta[0] - np.pi / 2, theta[0] + np.pi / 2], [f_minus, f_plus], "o", color="tab:red",
        label="θ₀ ± π/2")
f0 = circuit.expval(obs, theta)
ax.plot(theta[0] + np.array([-0.8, 0.8]), f0 + slope * np.array([-0.8, 0.8]), color="black",
        label="tangent with the shifted slope")
ax.set_xlabel("θ₀")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# ### Exercise 03.4 — The parameter-shift rule for one parameter
#
# **Input:** `f`, a function that takes an array of parameters and returns an expectation value
# of a circuit in which each parameter enters exactly one Pauli rotation; `params`, the point;
# `k`, the index of the parameter.
# **Goal:** return ∂f/∂θ_k at `params` by the parameter-shift rule. Do not change `params`
# itself. The check compares your number with the exact derivative from the adjoint method.
#
# <details><summary>Hint 1</summary>
#
# `shift = np.zeros(len(params)); shift[k] = np.pi / 2` gives a vector that moves only θ_k;
# `params + shift` is a new array.
# </details>
# <details><summary>Hint 2</summary>
#
# The derivative is `(f(params + shift) - f(params - shift)) / 2`.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: build a vector that is π/2 in entry k and 0 elsewhere, so
# that adding it shifts θ_k only, and creates new arrays instead of changing `params`. Step 2:
# evaluate f once shifted forward and once backward. Step 3: half the difference is the exact
# derivative, because f is a sinusoid of θ_k. A shift of π would give 0 (f has period 2π), and
# forgetting the ½ doubles the result.

# %%
def parameter_shift(f, params, k):
    """∂f/∂θ_k at params, from two evaluations of f shifted by ±π/2."""
    # BEGIN SOLUTION
    shift = np.zeros(len(params))
    shift[k] = np.pi / 2
    return (f(params + shift) - f(params - shift)) / 2
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.training.check_parameter_shift(parameter_shift)

# %% [markdown]
# ### Checked against finite differences
#
# `qk.value_and_jacobian` computes the same Jacobian by the parameter-shift rule, by central finite
# differences $[f(\theta+h) - f(\theta-h)]/2h$, and by the adjoint method. Here they are on a
# 4-qubit classifier circuit and a batch of 50 samples. Finite differences trade a truncation
# error of order h² against rounding errors of order ε/h, so neither a large nor a tiny step is
# exact; the shift rule has no step at all.

# %%
X_check = np.random.default_rng(0).uniform(0, np.pi, (50, 4))
clf_circuit = qk.encoding.angle_circuit(4) + qk.ansatz.hardware_efficient(4, 3)
theta4 = np.random.default_rng(1).uniform(0, 2 * np.pi, clf_circuit.n_params)
readout = qk.Projector([1], [0])
jac = {m: qk.jacobian(clf_circuit, readout, theta4, X_check, method=m)
       for m in ("adjoint", "parameter-shift")}
for h in (1e-1, 1e-3, 1e-5, 1e-9):
    jac[f"finite-diff h={h:g}"] = qk.jacobian(clf_circuit, readout, theta4, X_check,
                                              method="finite-diff", h=h)
for name, J in jac.items():
    print(f"{name:>22}: largest difference from adjoint {np.abs(J - jac['adjoint']).max():.0e}")

# %% [markdown]
# The classifier needs the gradient of its *loss*, not of p. With ℓ′ from the loss and the
# Jacobian from the circuit it is one matrix product; finite differences of the loss itself agree.

# %%
y_check = (X_check[:, 0] > X_check[:, 1]).astype(float)
loss_fn = qk.classifier.LOSSES["cross_entropy"]
p, J = qk.value_and_jacobian(clf_circuit, readout, theta4, X_check)
grad = loss_fn(p, y_check)[1] @ J / len(p)


def mean_loss(t):
    return loss_fn(clf_circuit.expval(readout, t, X_check), y_check)[0].mean()


h = 1e-5
fd = np.array([(mean_loss(theta4 + h * e) - mean_loss(theta4 - h * e)) / (2 * h)
               for e in np.eye(len(theta4))])
print("loss gradient, chain rule vs finite differences: largest difference",
      f"{np.abs(grad - fd).max():.0e}")

# %% [markdown]
# ## 4. Why a simulator uses the adjoint method, and hardware cannot
#
# The shift rule needs two circuit runs per parameter: 2P runs for P parameters, for every sample.
# A simulator can do better. It holds the state vector |ψ⟩ = U_G ⋯ U_1|0⟩, so after one forward
# sweep it can start from $|\lambda\rangle = O|\psi\rangle$ and walk backwards through the gates,
# undoing each gate $U_k$ on both vectors and reading off the derivative by that gate's angle as
# $2\,\mathrm{Re}\,\langle\lambda_k|\,\partial_\theta U_k\,|\psi_{k-1}\rangle$ on the way, where
# $|\psi_{k-1}\rangle$ is the state before gate k and $\langle\lambda_k|$ is ⟨ψ|O with the gates after
# k undone (Jones & Gacon 2020). That costs about one forward and one backward sweep, whatever
# P is.
#
# A quantum computer cannot do this. Its state is never available as numbers: each run ends in a
# measurement that returns one bit string and destroys the state, a state cannot be copied
# (no-cloning), and undoing gates after a measurement does not bring the state back. All it can
# estimate are expectation values, which is exactly what the shift rule uses. So the shift rule
# is how gradients are measured on hardware, and the adjoint method is what makes simulation fast.

# %%
for L in (2, 4, 8):
    c = qk.encoding.angle_circuit(6) + qk.ansatz.hardware_efficient(6, L)
    print(f"{c.n_params:3d} parameters: the shift rule runs {2 * c.n_params:3d} shifted circuits per "
          f"sample; the adjoint method one forward and one backward sweep")

# %% [markdown]
# How long that takes in qmlkit on this machine (your times will differ; the ratio grows with
# the number of parameters):

# %% tags=["nbval-ignore-output"]
import time

batch = np.random.default_rng(2).uniform(0, np.pi, (20, 6))           # 20 samples
for L in (2, 4, 8):
    c = qk.encoding.angle_circuit(6) + qk.ansatz.hardware_efficient(6, L)
    t6 = np.random.default_rng(L).uniform(0, 2 * np.pi, c.n_params)
    seconds = {}
    for method in ("adjoint", "parameter-shift"):
        start = time.perf_counter()
        qk.jacobian(c, readout, t6, batch, method=method)
        seconds[method] = time.perf_counter() - start
    print(f"{c.n_params:3d} parameters: adjoint {seconds['adjoint'] * 1e3:6.1f} ms, parameter shift "
          f"{seconds['parameter-shift'] * 1e3:6.1f} ms")

# %% [markdown]
# ## 5. Shots make gradients noisy
#
# On hardware each expectation value is estimated from a finite number N of shots, so each of the
# two terms of the shift rule carries a statistical error. For the ±1 observable Z, one shot has
# variance $1 - \langle Z\rangle^2$, so the shifted estimate has standard error
# $\sigma = \frac12\sqrt{(1 - f_+^2) + (1 - f_-^2)}\,/\sqrt N$: the error falls like 1/√N, and
# a ten times more precise gradient costs a hundred times more shots. Below, 300 independent
# estimates per N (`value_and_jacobian(..., shots=N)`, one per row of a batch of identical
# circuits) against the exact derivative. Finite differences with h = 0.1 are worse: the same
# shot noise is divided by 2h instead of 2.

# %%
shots_list = np.array([10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000])
repeats = np.tile(qk.zero_state(2), (300, 1))                # 300 copies of |00⟩: 300 estimates
exact = qk.jacobian(circuit, obs, theta)[0]
rms = {"parameter shift": [], "finite differences, h = 0.1": []}
for n_shots in shots_list:
    for name, kw in (("parameter shift", dict(method="parameter-shift")),
                     ("finite differences, h = 0.1", dict(method="finite-diff", h=0.1))):
        J = qk.jacobian(circuit, obs, theta, shots=int(n_shots), random_state=int(n_shots),
                        initial_state=repeats, **kw)
        rms[name].append(np.sqrt(np.mean((J[:, 0] - exact) ** 2)))
sigma1 = 0.5 * np.sqrt((1 - f_plus ** 2) + (1 - f_minus ** 2))   # the standard error for N = 1
fig, ax = plt.subplots(figsize=(6, 3.6))
for name, values in rms.items():
    ax.loglog(shots_list, values, "o-", label=f"{name} (300 estimates each)")
ax.loglog(shots_list, sigma1 / np.sqrt(shots_list), "k--", label="σ₁/√N (shift rule, predicted)")
ax.set_xlabel("shots N per expectation value")
ax.set_ylabel("RMS error of ∂f/∂θ₀")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
print("RMS error × √N for the shift rule:", np.round(np.array(rms["parameter shift"]) * np.sqrt(shots_list), 2),
      " predicted:", round(sigma1, 3))

# %% [markdown]
# ## 6. Gradient descent and its variants
#
# With a gradient in hand, training repeats one step: move the parameters a little *against*
# the gradient of the loss, $\theta \leftarrow \theta - \eta\,\nabla L(\theta)$, with a learning
# rate η. Each step usually uses a *minibatch* of samples, so the gradient is itself an estimate.

# %% [markdown]
# ### Exercise 03.5 — One step of gradient descent
#
# **Input:** `params`, an array of parameters; `grad`, the gradient of the loss there (same
# shape); `learning_rate`, a positive number η.
# **Goal:** return the new parameters after one step of gradient descent, as a new array (leave
# `params` unchanged).
#
# <details><summary>Hint</summary>
#
# The gradient points to where the loss grows fastest. Which way do you want to go?
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** The gradient is the direction of steepest *ascent*, so descent subtracts
# it, scaled by the learning rate: a step of η times the slope. `params - learning_rate * grad`
# creates a new array, so the input stays as it was (`params -= ...` would change the caller's
# array).

# %%
def gradient_step(params, grad, learning_rate):
    """θ − η ∇L, as a new array."""
    # BEGIN SOLUTION
    return params - learning_rate * grad
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.training.check_gradient_step(gradient_step)

# %% [markdown]
# Plain gradient descent (SGD) has two well-known improvements in `qk.optimizers`. *Momentum*
# adds up past gradients into a velocity, which speeds up along consistent directions. *Adam*
# (Kingma & Ba 2015) divides each parameter's step by a running estimate of its gradient's size,
# so every parameter moves at a similar pace. Here are all three on the same problem — the two
# moons below, 4 qubits, the same start and the same minibatches — each with a learning rate
# that suits it.

# %%
X, y = qk.datasets.make_moons(200, noise=0.1, random_state=0)
X_train, X_test, y_train, y_test = qk.datasets.train_test_split(X, y, test_size=0.25, random_state=0)
fanout = functools.partial(qk.encoding.fanout, copies=2)         # [x0, x1] -> [x0, x1, x0, x1]
settings = dict(encoding="angle", preprocess=fanout, n_layers=4, feature_range=(0, 1.5 * np.pi),
                batch_size=20, epochs=30, random_state=0)
fig, ax = plt.subplots(figsize=(6, 3.4))
for name, lr in (("sgd", 0.5), ("momentum", 0.05), ("adam", 0.1)):
    run = qk.QuantumClassifier(optimizer=name, learning_rate=lr, **settings).fit(X_train, y_train)
    ax.plot(range(1, 31), run.loss_curve_, label=f"{name}, learning rate {lr}")
    print(f"{name:>8}: mean squared loss after 30 epochs {round(run.loss_curve_[-1], 3)}")
ax.set_xlabel("epoch")
ax.set_ylabel("mean squared loss (training data)")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# SGD and momentum settle on a plateau where the loss hardly changes; Adam's rescaled steps carry
# it past the plateau to a much lower loss. This is one problem and one start, not a law — but
# it is why Adam is `QuantumClassifier`'s default.
#
# ## 7. Training on two moons, live
#
# Now the whole pipeline on the two-moons data set: 150 training and 50 test points (a stratified
# split: each class keeps its share). Each sample's two features go to two qubits each
# (`fanout`), are scaled to [0, 1.5π] and angle-encoded; four hardware-efficient layers follow.
# A fifth of the training data is held back for *validation*: it is never trained on, and
# shows whether the model generalises while it trains. The display below redraws the loss and
# the decision boundary every 5 epochs.

# %%
fig, ax = plt.subplots(figsize=(4.6, 3.4))
for label, colour in ((0, "tab:blue"), (1, "tab:red")):
    ax.scatter(*X_train[y_train == label].T, s=15, color=colour, label=f"train, class {label}")
    ax.scatter(*X_test[y_test == label].T, s=30, color=colour, marker="s", facecolor="none",
               label=f"test, class {label}")
ax.legend(fontsize=7)
ax.set_title("two moons: 150 training, 50 test points")
fig.tight_layout()
plt.show()

# %% tags=["nbval-ignore-output"]
live = qk.widgets.training_display(epochs=40, X=X_train, y=y_train, every=5)
display(live)
clf = qk.QuantumClassifier(optimizer="adam", learning_rate=0.1, validation_fraction=0.2,
                           callback=live.callback, **dict(settings, epochs=40)).fit(X_train, y_train)

# %% [markdown]
# The model, the numbers it learned, and its curves: training loss and accuracy against the
# validation ones.

# %%
print(clf)
print("epochs:", clf.n_iter_, " parameters:", clf.params_.size, " bias:", round(clf.bias_, 3))
print("final training loss:", round(clf.loss_curve_[-1], 3),
      " validation loss:", round(clf.validation_loss_curve_[-1], 3))
qk.plotting.plot_training_curves(clf)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 8. Train accuracy, test accuracy, and a classical baseline
#
# A model's accuracy on its own training data is an optimistic estimate: it was tuned to exactly
# these points. The honest figure is the accuracy on the *test* data, touched once, at the end.

# %% [markdown]
# ### Exercise 03.6 — Accuracy: the fraction of correct predictions
#
# **Input:** `y_true`, the true labels; `y_pred`, the predicted ones (same length; any label
# values, not only 0 and 1).
# **Goal:** return the fraction of samples whose prediction equals the true label, a number
# between 0 and 1.
#
# <details><summary>Hint</summary>
#
# `y_true == y_pred` compares element by element.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Comparing the two arrays gives one boolean per sample; the mean of
# booleans counts True as 1, so it is the number of correct predictions divided by the number of
# samples. It works for any labels, since it only asks whether two labels are equal.

# %%
def accuracy(y_true, y_pred):
    """The fraction of samples with y_pred == y_true."""
    # BEGIN SOLUTION
    return np.mean(np.asarray(y_true) == np.asarray(y_pred))
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.training.check_accuracy(accuracy)

# %% [markdown]
# For comparison, logistic regression written from scratch: a weighted sum of the (standardised)
# features through a sigmoid, trained by gradient descent on the cross-entropy. A linear model
# can only draw a straight boundary; given cubic features (all products of up to three features)
# it can bend it.

# %%
def train_logistic(F, y, steps=3000, lr=0.5):
    """Weights (bias first) of logistic regression, by full-batch gradient descent."""
    F1 = np.column_stack([np.ones(len(F)), F])
    w = np.zeros(F1.shape[1])
    for _ in range(steps):
        w -= lr * F1.T @ (1 / (1 + np.exp(-F1 @ w)) - y) / len(y)
    return w


def logistic_predict(w, F):
    return (np.column_stack([np.ones(len(F)), F]) @ w > 0).astype(int)


def cubic(F):
    a, b = F[:, 0], F[:, 1]
    return np.column_stack([a, b, a * a, a * b, b * b, a ** 3, a * a * b, a * b * b, b ** 3])


mean, std = X_train.mean(axis=0), X_train.std(axis=0)          # from the training data only
S_train, S_test = (X_train - mean) / std, (X_test - mean) / std
w_linear = train_logistic(S_train, y_train)
w_cubic = train_logistic(cubic(S_train), y_train)

# %% [markdown]
# All three side by side, on the training data and on the test data. `clf.score(X, y)` is the
# classifier's accuracy, computed as in exercise 03.6.

# %%
rows = [("quantum classifier (4 qubits, 32 parameters)", clf.predict(X_train), clf.predict(X_test)),
        ("logistic regression, linear (3 weights)", logistic_predict(w_linear, S_train),
         logistic_predict(w_linear, S_test)),
        ("logistic regression, cubic (10 weights)", logistic_predict(w_cubic, cubic(S_train)),
         logistic_predict(w_cubic, cubic(S_test)))]
print(f"{'model':<46} {'train':>6} {'test':>6}")
for name, pred_train, pred_test in rows:
    print(f"{name:<46} {np.mean(pred_train == y_train):6.3f} {np.mean(pred_test == y_test):6.3f}")

# %% [markdown]
# The quantum classifier beats the straight line, and a classical model with fewer weights, given
# the right features, does as well or better. On small, low-dimensional data that is the usual
# outcome: an advantage of a quantum model would have to come from feature maps that are hard to
# compute classically, which two moons do not need. Here is where the quantum classifier goes wrong on the test
# data (crosses), over its probability of class 1, with the confusion matrix.

# %%
fig, axes = plt.subplots(1, 3, figsize=(13, 3.8), gridspec_kw={"width_ratios": [1, 1, 0.8]})
for ax, (name, Xs, ys) in zip(axes, (("training", X_train, y_train), ("test", X_test, y_test))):
    qk.plotting.plot_decision_boundary(clf, Xs, ys, ax=ax)
    ax.set_title(f"{name} data: {ax.get_title().split(' (')[0]}")
qk.plotting.plot_confusion_matrix(y_test, clf.predict(X_test), ax=axes[2], title="test data")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 9. Microsoft's synthetic tasks: the feature map does the work
#
# Microsoft's QuantumClassification tutorial trains classifiers on five two-feature data sets
# whose classes are separated by simple curves: two lines through the origin (*angular*), a
# vertical line, two horizontal lines, a circle and a hyperbola. Its classifiers are tiny — one
# or three rotation gates on amplitude-encoded data — and the work is done by classical feature
# engineering before the encoding: `left_padding` (prepend constants) or `split_fanout` (a tensor
# product of constants and features). The bar to reach: under 5% error on held-out validation data.

# %%
tasks = ("angular", "vertical", "horizontal", "circle", "hyperbola")
data = {t: (qk.datasets.make_microsoft(t, 150, random_state=1),
            qk.datasets.make_microsoft(t, 50, random_state=2)) for t in tasks}
fig, axes = plt.subplots(1, 5, figsize=(15, 3))
for ax, t in zip(axes, tasks):
    (Xt, yt), _ = data[t]
    ax.scatter(*Xt.T, c=yt, cmap="coolwarm", s=10)
    ax.set_title(f"{t}: {len(yt)} training points")
    ax.set_aspect("equal")
fig.tight_layout()
plt.show()

# %% [markdown]
# Take the circle. With two padding constants, `left_padding` turns (x₀, x₁) into
# (a₀, a₁, x₀, x₁), and amplitude encoding makes it the state
# $(a_0|00\rangle + a_1|01\rangle + x_0|10\rangle + x_1|11\rangle)/\mathcal N$: both features sit
# where wire 0 is 1.

# %%
print(qk.encoding.left_padding([[0.3, -0.6]], [0.5, 0.2]))
print(np.round(qk.encoding.amplitude_encoding(qk.encoding.left_padding([[0.3, -0.6]], [0.5, 0.2]))[0].real, 4))

# %% [markdown]
# ### Exercise 03.7 ★ — A feature map that makes the circle separable
#
# **Input:** nothing.
# **Goal:** return the constants `[a0, a1]` for `left_padding` such that, after
# amplitude encoding, the probability of measuring 1 on wire 0 is above ½ exactly for the points
# outside the circle of radius 0.8 (Microsoft's circle task). Then the readout alone classifies
# the data, with no trainable gate and no bias. The check tries your constants on a grid of points
# in [−1, 1]².
#
# <details><summary>Hint 1</summary>
#
# Write P(wire 0 = 1) from the state above: which amplitudes have wire 0 equal to 1?
# </details>
# <details><summary>Hint 2</summary>
#
# $P = (x_0^2 + x_1^2)/(a_0^2 + a_1^2 + x_0^2 + x_1^2)$. When is it above ½?
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Wire 0 is 1 for the basis states |10⟩ and |11⟩, whose amplitudes are x₀
# and x₁, so $P = r^2/(a_0^2 + a_1^2 + r^2)$ with $r^2 = x_0^2 + x_1^2$. P > ½ exactly when
# $r^2 > a_0^2 + a_1^2$: the constants must satisfy $a_0^2 + a_1^2 = 0.8^2$. Any such pair works,
# e.g. [0.8, 0] or [0.8/√2, 0.8/√2]. With a single constant the padded vector (a₀, x₀, x₁) puts x₀
# on |01⟩, where wire 0 is 0, and the circle is lost.

# %%
def circle_padding():
    """The constants [a0, a1] of left padding that make the circle separable by the readout."""
    # BEGIN SOLUTION
    return [0.8, 0.0]
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.training.check_circle_padding(circle_padding)

# %% [markdown]
# The same reasoning gives every task a feature map (the constants below are written out, so the
# cells run before you solve 03.7). *Angular*: amplitude-encode (x₀, x₁) as it is; the label is
# 1 when |x₀| ≥ |x₁|, i.e. when P(wire 0 = 1) ≤ ½, which one trainable RY(θ ≈ π) flips.
# *Vertical*: `split_fanout` with [0.5, 1] gives $(0.5|0\rangle + x_0|1\rangle)\otimes(\dots)$,
# and P(wire 0 = 1) > ½ exactly when x₀ > 0.5. *Horizontal*: [1, 0.75] puts |x₁| against 0.75 on
# wire 1, and Microsoft's three controlled RY gates sharing one parameter learn to swap it onto
# the readout wire (at θ = π they act like a SWAP, up to signs). *Circle*: [0.8, 0], your answer. *Hyperbola*: one constant [0.3] gives
# $0.3|00\rangle + x_0|01\rangle + x_1|10\rangle$, and P(wire 0 = 1) > ½ exactly when
# $x_1^2 > 0.3^2 + x_0^2$. For the last two the readout already separates the classes, so only
# the bias is trained.

# %%
CR = qk.ansatz.ControlledRotation
one_ry = lambda n: qk.ansatz.to_circuit([CR(0, (), "Y", 0)], n)          # RY(θ0) on wire 0
swap_like = qk.ansatz.to_circuit([CR(0, (1,), "Y", 0), CR(1, (0,), "Y", 0), CR(0, (1,), "Y", 0)], 2)
recipes = {
    "angular": dict(preprocess=None, structure=one_ry),
    "vertical": dict(preprocess=functools.partial(qk.encoding.split_fanout, constants=[0.5, 1.0]),
                     structure=one_ry),
    "horizontal": dict(preprocess=functools.partial(qk.encoding.split_fanout, constants=[1.0, 0.75]),
                       structure=swap_like),
    "circle": dict(preprocess=functools.partial(qk.encoding.left_padding, constants=[0.8, 0.0]),
                   structure=qk.Circuit(2)),
    "hyperbola": dict(preprocess=functools.partial(qk.encoding.left_padding, constants=[0.3]),
                      structure=qk.Circuit(2)),
}
models = {}
print(f"{'task':<11} {'qubits':>6} {'trained angles':>15} {'validation error':>17}")
for t in tasks:
    (Xt, yt), (Xv, yv) = data[t]
    models[t] = qk.QuantumClassifier(encoding="amplitude", epochs=20, n_restarts=2, random_state=0,
                                     **recipes[t]).fit(Xt, yt)
    n_qubits = 1 if t == "angular" else 2
    print(f"{t:<11} {n_qubits:6d} {models[t].params_.size:15d} {1 - models[t].score(Xv, yv):17.0%}")

# %% [markdown]
# Every task is under the 5% bar on its validation data, with at most one trained angle. The
# pictures show the validation points over each model's probability of class 1.

# %%
fig, axes = plt.subplots(1, 5, figsize=(17, 3.6))
for ax, t in zip(axes, tasks):
    _, (Xv, yv) = data[t]
    qk.plotting.plot_decision_boundary(models[t], Xv, yv, ax=ax, resolution=50, legend=False)
    ax.set_title(f"{t}: {ax.get_title().split(';')[0]}", fontsize=9)
fig.tight_layout()
plt.show()

# %% [markdown]
# Why not train the RY gate for the circle too, as Microsoft's tutorial does? Try it: the squared
# loss is lowest a little away from θ = 0. There the rotation mixes the constant 0.8 with x₀ on
# wire 0 and adds a term proportional to 0.8·x₀ to P, which depends on the sign of x₀, so a few
# points near the circle change sides. The loss is a proxy for the error, not the error.

# %%
(Xt, yt), (Xv, yv) = data["circle"]
with_ry = qk.QuantumClassifier(encoding="amplitude", epochs=20, n_restarts=2, random_state=0,
                               **dict(recipes["circle"], structure=one_ry)).fit(Xt, yt)
print("trained θ0:", round((with_ry.params_[0] + np.pi) % (2 * np.pi) - np.pi, 3),
      " validation error with the trained RY:", f"{1 - with_ry.score(Xv, yv):.0%}")

# %% [markdown]
# ## 10. More than two classes: Iris
#
# Fisher's Iris data has 150 flowers of three species, four measurements each
# (`qk.datasets.load_iris`, shipped with qmlkit). A binary classifier handles three classes
# *one-vs-rest*: one classifier per species learns "this species or not", and a flower gets the
# species whose classifier is most confident. `QuantumClassifier` does this by itself when y has
# more than two classes. Four features, four qubits, and the circuit-centric structure of Schuld
# et al. (2018).

# %%
X_iris, y_iris = qk.datasets.load_iris()
Xi_train, Xi_test, yi_train, yi_test = qk.datasets.train_test_split(X_iris, y_iris, test_size=0.3,
                                                                    random_state=0)
iris = qk.QuantumClassifier(structure=lambda n: qk.ansatz.circuit_centric(n, ranges=(1, 3)),
                            feature_range=(0, 1.5 * np.pi), epochs=30, random_state=0)
iris.fit(Xi_train, yi_train)
print("classifiers:", len(iris.estimators_), " parameters each:", iris.estimators_[0].params_.size)
print("train accuracy:", round(iris.score(Xi_train, yi_train), 3),
      " test accuracy:", round(iris.score(Xi_test, yi_test), 3))

# %% [markdown]
# The same one-vs-rest scheme with the logistic regression from section 8, for comparison:

# %%
mean_i, std_i = Xi_train.mean(axis=0), Xi_train.std(axis=0)
Si_train, Si_test = (Xi_train - mean_i) / std_i, (Xi_test - mean_i) / std_i
weights = [train_logistic(Si_train, (yi_train == k).astype(float)) for k in range(3)]
scores = np.column_stack([np.column_stack([np.ones(len(Si_test)), Si_test]) @ w for w in weights])
print("logistic regression one-vs-rest, test accuracy:", round(np.mean(scores.argmax(axis=1) == yi_test), 3))

# %% [markdown]
# Setosa is easy; versicolor lies between the other two species, which makes "versicolor or not"
# the hardest of the three binary problems, as the curves and the confusion matrix show.

# %%
fig = plt.figure(figsize=(13, 3.6))
grid = fig.add_gridspec(1, 3, width_ratios=[1, 1, 0.8])
qk.plotting.plot_training_curves(iris, ax=[fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])])
cm_ax = fig.add_subplot(grid[0, 2])
qk.plotting.plot_confusion_matrix(yi_test, iris.predict(Xi_test), ax=cm_ax, title="test data")
cm_ax.set_xticklabels(qk.datasets.IRIS_CLASSES, rotation=20)
cm_ax.set_yticklabels(qk.datasets.IRIS_CLASSES)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Summary
#
# * A circuit-centric classifier reads one probability p from its readout qubit; Microsoft's rule
#   "label 1 if p + b > 0.5" adds a bias b, refitted after every epoch to minimise the training
#   misclassifications.
# * Training minimises a smooth loss of p (squared, cross-entropy or hinge); its gradient is
#   ℓ′(p) times the circuit's Jacobian ∂p/∂θ.
# * The parameter-shift rule gives that Jacobian exactly from two shifted circuits per parameter,
#   using only expectation values, so it works on hardware. A simulator holds the state vector
#   and uses the adjoint method instead: one backward sweep for all parameters.
# * With N shots, a shifted gradient estimate has an error of order 1/√N; finite differences
#   amplify the same noise by 1/h.
# * Adam's per-parameter steps carried the two-moons classifier past a plateau where plain
#   gradient descent and momentum stalled.
# * Judge a model on test data it never saw, and next to a classical baseline: the quantum
#   classifier beat linear logistic regression on two moons; cubic logistic regression did at
#   least as well.
# * The right feature map can make a task trivial: Microsoft's five synthetic tasks fall below 5%
#   validation error with at most one trained rotation.
#
# ## Exercises recap
#
# | | exercise | idea |
# |---|---|---|
# | 03.1 | `readout_probabilities` | P(1) on the readout wire, for a batch of states |
# | 03.2 | `predict_labels` | label 1 if p + b > 0.5 |
# | 03.3 | `best_bias` | the threshold with the fewest errors; b = 0.5 − t |
# | 03.4 | `parameter_shift` | [f(θ + π/2) − f(θ − π/2)] / 2 |
# | 03.5 | `gradient_step` | θ − η ∇L |
# | 03.6 | `accuracy` | the fraction of correct predictions |
# | 03.7 ★ | `circle_padding` | a feature map that makes the circle separable by the readout |
#
# Your progress over the whole workbook so far:

# %% tags=["nbval-ignore-output"]
qk.katas.progress()

# %% [markdown]
# ## References
#
# * M. Schuld, A. Bocharov, K. Svore and N. Wiebe, "Circuit-centric quantum classifiers",
#   Phys. Rev. A 101, 032308 (2020), arXiv:1804.00633 (2018).
# * K. Mitarai, M. Negoro, M. Kitagawa and K. Fujii, "Quantum circuit learning", Phys. Rev. A 98,
#   032309 (2018), arXiv:1803.00745.
# * M. Schuld, V. Bergholm, C. Gogolin, J. Izaac and N. Killoran, "Evaluating analytic gradients on
#   quantum hardware", Phys. Rev. A 99, 032331 (2019), arXiv:1811.11184.
# * T. Jones and J. Gacon, "Efficient calculation of gradients in classical simulations of
#   variational quantum algorithms", arXiv:2009.02823 (2020).
# * D. P. Kingma and J. Ba, "Adam: a method for stochastic optimization", ICLR 2015,
#   arXiv:1412.6980.
# * Microsoft Quantum, QuantumKatas tutorial *QuantumClassification*
#   (`ExploringQuantumClassificationLibrary`, `QuantumClassificationWithFeatureEngineering`) and the
#   `Microsoft.Quantum.MachineLearning` library (github.com/microsoft/QuantumKatas,
#   tutorials/QuantumClassification).
# * R. A. Fisher, "The use of multiple measurements in taxonomic problems", Annals of Eugenics 7,
#   179 (1936); the Iris data from the UCI Machine Learning Repository (CC BY 4.0).
