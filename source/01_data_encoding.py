# %% [markdown]
# # 01 · Data encoding: from classical numbers to quantum states
#
# A quantum model can only learn from what its first gates write into the state. How classical
# data gets into a quantum computer — the *encoding*, or *feature map* — decides how many qubits
# and gates you pay, which states the model can tell apart, and which functions it can learn.
#
# **What you will learn in this notebook**
#
# * what each encoding costs in qubits and gates, and why that matters;
# * basis, angle and dense angle encoding, and what they look like on the Bloch sphere;
# * amplitude encoding: normalisation (and the information it throws away), zero-padding, and the
#   circuit that prepares any state from |0…0⟩ with uniformly controlled rotations;
# * the IQP / ZZ feature map and the *kernel* it induces between data points;
# * why a model that encodes x once can only be a sine wave of frequency 1, and how re-uploading x
#   gives it higher frequencies.
#
# **Prerequisites:** notebook 00 (states as vectors, gates, the wire order, `qk.Circuit`).
# Exercises marked ★ are harder.

# %%
import math

import matplotlib.pyplot as plt
import numpy as np
import qmlkit as qk

# %% [markdown]
# ## 1. Why encoding matters: qubits against gates
#
# Every encoding in this notebook turns a feature vector x = (x₀, …, x_{N−1}) into a state
# |φ(x)⟩. They trade resources differently: some use one qubit per feature and one gate each,
# amplitude encoding squeezes N features into ⌈log₂ N⌉ qubits but needs a circuit with about
# 2N gates, and the ZZ feature map adds entangling gates between every pair of features.
# `qk.encoding.encoding_costs` builds each circuit and counts.

# %%
costs = {k: qk.encoding.encoding_costs(k) for k in (2, 4, 8, 16)}
print("qubits / gates / two-qubit gates")
print(f"{'encoding':<20}" + "".join(f"{f'{k} features':>16}" for k in costs))
for name in costs[2]:
    cells = [f"{c[name]['qubits']} / {c[name]['gates']} / {c[name]['two_qubit_gates']}" for c in costs.values()]
    print(f"{name:<20}" + "".join(f"{cell:>16}" for cell in cells))

# %% [markdown]
# The same numbers as curves, up to 28 features (the hollow circles of angle encoding hide behind
# the ZZ map's qubits and dense angle's gates). Amplitude encoding's qubit count grows only
# logarithmically, but its gate count grows linearly in N — that is, exponentially in the number
# of qubits. The ZZ feature map's grows quadratically, one entangling gate per pair.

# %%
features = np.array([2, 3, 4, 6, 8, 12, 16, 20, 24, 28])
table = [qk.encoding.encoding_costs(int(k)) for k in features]
fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))
for name, style in [("angle", "o--"), ("dense angle", "s-"), ("amplitude", "^-"), ("ZZ (reps=1)", "d-")]:
    for ax, what in zip(axes, ("qubits", "gates")):
        ax.loglog(features, [t[name][what] for t in table], style, label=name, base=2,
                  markersize=9 if name == "angle" else 5, markerfacecolor="none" if name == "angle" else None)
for ax, what in zip(axes, ("qubits", "gates")):
    ax.set_xlabel("number of features N")
    ax.set_ylabel(what)
    ax.set_title(f"{what} needed")
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 2. Basis encoding
#
# The simplest encoding writes a bit string b₀b₁…b_{n−1} into the basis state |b₀b₁…b_{n−1}⟩:
# one qubit per bit, an X gate (or RY(π)) wherever the bit is 1. Remember from notebook 00 that
# wire 0 is the most significant bit, so the string 101 becomes basis index 5.

# %%
state = qk.encoding.basis_encoding([[1, 0, 1]])[0]
print(np.round(state.real, 3), "→ the 1 sits at index", int(np.argmax(abs(state))))
print(qk.encoding.basis_circuit(3))

# %% [markdown]
# A state like this holds one data point and nothing else: basis encoding is how integers and
# categorical data enter algorithms that do arithmetic on them, but it gives a learning model no
# continuous knob to turn.

# %% [markdown]
# ### Exercise 01.1 — Basis encoding of an integer
#
# **Input:** `integer`, a whole number from 0 to 2ⁿ − 1; `n_qubits`, the number of qubits n (1 to 6).
# **Goal:** return the basis state $|b_0 b_1 \dots b_{n-1}\rangle$ whose bits are the binary digits
# of `integer` ($b_0$ the most significant), as an array of $2^n$ amplitudes. Build it as the
# Kronecker product $|b_0\rangle \otimes |b_1\rangle \otimes \dots$ of single-qubit states.
# The check compares your state with `qk.encoding.basis_encoding`.
#
# <details><summary>Hint 1</summary>
#
# `format(integer, f"0{n_qubits}b")` gives the digits as a string, most significant (wire 0) first.
# </details>
# <details><summary>Hint 2</summary>
#
# Start from `state = np.array([1.0])` and for each digit do `state = np.kron(state, ket)` with
# `ket = [1, 0]` for a 0 and `[0, 1]` for a 1.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: write the integer in binary with exactly n digits; the first
# digit belongs to wire 0. Step 2: turn each digit into its single-qubit state, |0⟩ = [1, 0] or
# |1⟩ = [0, 1]. Step 3: take the Kronecker product from wire 0 to wire n − 1: the first factor
# ends up as the most significant bit of the index. Because of that order, the 1 lands at index
# `integer` itself, so `np.eye(2 ** n_qubits)[integer]` is a shortcut — in Qiskit's order it would
# land at the bit-reversed index instead.

# %%
def basis_encode(integer, n_qubits):
    """|b0 b1 … b(n-1)⟩ for the binary digits of `integer`, b0 the most significant."""
    # BEGIN SOLUTION
    kets = {"0": np.array([1.0, 0.0]), "1": np.array([0.0, 1.0])}
    state = np.array([1.0])
    for digit in format(integer, f"0{n_qubits}b"):
        state = np.kron(state, kets[digit])
    return state
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.data_encoding.check_basis_encode(basis_encode)

# %% [markdown]
# ## 3. Angle and dense angle encoding
#
# Angle encoding writes each feature into the rotation angle of its own qubit:
#
# $$|\varphi(x)\rangle = R_Y(x_0)|0\rangle \otimes R_Y(x_1)|0\rangle \otimes \dots,
# \qquad R_Y(\theta)|0\rangle = \cos\tfrac\theta2\,|0\rangle + \sin\tfrac\theta2\,|1\rangle .$$
#
# N features need N qubits and N single-qubit gates, and the result is a product state: no
# qubit knows about the others. The factor ½ means that features should be scaled into an interval
# of length π (say [0, π]) for different values to give different states.

# %%
x = np.array([0.5, 2.0])
print(np.round(qk.encoding.angle_encoding(x[None], "RY")[0].real, 4))
print(qk.encoding.angle_circuit(2, "RY"))

# %% [markdown]
# ### Exercise 01.2 — Angle encoding with RY
#
# **Input:** `x`, an array of N real features (1 ≤ N ≤ 5).
# **Goal:** return $R_Y(x_0)|0\rangle \otimes \dots \otimes R_Y(x_{N-1})|0\rangle$ as an array of
# $2^N$ amplitudes, computed with numpy (no circuit). The check compares it with
# `qk.encoding.angle_encoding(x[None], "RY")[0]`.
#
# <details><summary>Hint</summary>
#
# Each qubit is `[np.cos(xi / 2), np.sin(xi / 2)]`; combine them with `np.kron` as in exercise
# 01.1, feature 0 first.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** $R_Y(\theta) = e^{-i\theta Y/2}$ rotates |0⟩ by θ around the y axis of the
# Bloch sphere, which moves the amplitudes by θ/2: $\cos\frac\theta2$ stays on |0⟩ and
# $\sin\frac\theta2$ moves to |1⟩. Build each qubit's two amplitudes and take the Kronecker
# product, feature 0 on wire 0 as the leftmost factor.

# %%
def angle_encode(x):
    """RY(x_0)|0⟩ ⊗ RY(x_1)|0⟩ ⊗ … as 2**len(x) amplitudes."""
    # BEGIN SOLUTION
    state = np.array([1.0])
    for xi in x:
        state = np.kron(state, [np.cos(xi / 2), np.sin(xi / 2)])
    return state
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.data_encoding.check_angle_encode(angle_encode)

# %% [markdown]
# ### On the Bloch sphere
#
# One feature moves one qubit along a circle. RY(x) turns |0⟩ in the x–z plane, RX(x) in the y–z
# plane; either way one feature only reaches a circle of states. Dense angle encoding (LaRose &
# Coyle 2020) puts a second feature into the phase,
# $\cos\frac{x_0}{2}|0\rangle + e^{i x_1}\sin\frac{x_0}{2}|1\rangle$, so two features reach the
# whole sphere with one qubit. The arrows below are x₀ = 0, π/6, …, π (colour: from blue to red);
# for dense encoding x₁ runs over six phases at x₀ = π/2 (purple) and x₀ = π/4 (green).

# %%
values = np.linspace(0, np.pi, 7)
colours = plt.cm.coolwarm(np.linspace(0, 1, len(values)))
fig = plt.figure(figsize=(11, 3.8))
for k, rotation in enumerate(("RY", "RX")):
    ax = fig.add_subplot(1, 3, k + 1, projection="3d")
    for v, col in zip(values, colours):
        qk.plot_bloch(qk.encoding.angle_encoding([[v]], rotation)[0], ax=ax, color=col)
    ax.set_title(f"angle encoding {rotation}(x₀)")
ax = fig.add_subplot(1, 3, 3, projection="3d")
phases = np.linspace(0, 2 * np.pi, 6, endpoint=False)
for theta, col in [(np.pi / 2, "tab:purple"), (np.pi / 4, "tab:green")]:
    for phi in phases:
        qk.plot_bloch(qk.encoding.dense_angle_encoding([[theta, phi]])[0], ax=ax, color=col)
ax.set_title("dense angle (x₀, x₁)")
fig.tight_layout()
plt.show()

# %% [markdown]
# Dense angle encoding halves the number of qubits for the same number of gates: RY(x₀) followed
# by a phase gate P(x₁) on each qubit.

# %%
print(qk.encoding.dense_angle_circuit(4))
print(np.round(qk.encoding.dense_angle_encoding([[np.pi / 2, np.pi / 2]])[0], 4))

# %% [markdown]
# ### Exercise 01.3 — Dense angle encoding: two features per qubit
#
# **Input:** `x`, an array of an even number N of real features (2 ≤ N ≤ 6).
# **Goal:** return the state of N/2 qubits in which qubit i is
# $\cos\frac{x_{2i}}{2}|0\rangle + e^{i x_{2i+1}}\sin\frac{x_{2i}}{2}|1\rangle$, as an array of
# $2^{N/2}$ amplitudes. The check compares it with `qk.encoding.dense_angle_encoding`.
#
# <details><summary>Hint</summary>
#
# `zip(x[0::2], x[1::2])` gives the pairs (x₀, x₁), (x₂, x₃), …; `np.exp(1j * phi)` is the phase.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Pair the features as neighbours: the even-indexed one is the polar
# angle θ (it sets the probabilities of 0 and 1), the odd-indexed one the phase φ (it sets the
# longitude on the sphere). Each pair gives one qubit's two amplitudes; the Kronecker product
# joins the qubits, pair 0 on wire 0.

# %%
def dense_angle_encode(x):
    """Qubit i: cos(x[2i]/2)|0⟩ + exp(i x[2i+1]) sin(x[2i]/2)|1⟩; the product state of all qubits."""
    # BEGIN SOLUTION
    state = np.array([1.0])
    for theta, phi in zip(x[0::2], x[1::2]):
        qubit = np.array([np.cos(theta / 2), np.exp(1j * phi) * np.sin(theta / 2)])
        state = np.kron(state, qubit)
    return state
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.data_encoding.check_dense_angle_encode(dense_angle_encode)

# %% [markdown]
# ## 4. Amplitude encoding
#
# Amplitude encoding uses the features themselves as amplitudes:
# $|\varphi(x)\rangle = \frac{1}{\lVert x\rVert}\sum_k x_k |k\rangle$. n qubits have 2ⁿ amplitudes,
# so N features fit into ⌈log₂ N⌉ qubits: 1024 features in 10 qubits. Two things are needed
# first: the vector is padded with zeros to a power of two, and divided by its norm, because a
# state has norm 1. Negative and complex features are fine.

# %%
print(np.round(qk.encoding.amplitude_vector([3, 0, 4]).real, 4))
print(np.round(qk.encoding.amplitude_vector([1, -1j, 1]), 4) + 0.0)

# %% [markdown]
# ### Exercise 01.4 — How many qubits does amplitude encoding need?
#
# **Input:** `n_features`, a positive integer N.
# **Goal:** return the number of qubits amplitude encoding needs for N features: the smallest
# n ≥ 1 with 2ⁿ ≥ N. (Even one feature needs a qubit.) The check compares it with
# `qk.encoding.amplitude_n_qubits`.
#
# <details><summary>Hint</summary>
#
# `math.log2(5)` is 2.32…; which way should you round it, and what happens for N = 1?
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** 2ⁿ ≥ N means n ≥ log₂ N, and the smallest whole such n is
# ⌈log₂ N⌉: rounding down would leave some features without an amplitude. For N = 1 that gives 0,
# but a register has at least one qubit, hence the `max(1, …)`.

# %%
def amplitude_qubits(n_features):
    """The number of qubits that hold n_features amplitudes (at least 1)."""
    # BEGIN SOLUTION
    return max(1, math.ceil(math.log2(n_features)))
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.data_encoding.check_amplitude_qubits(amplitude_qubits)

# %% [markdown]
# ### Exercise 01.5 — Amplitude encoding from scratch: normalise and pad
#
# **Input:** `x`, an array of N real or complex features, not all zero.
# **Goal:** return the amplitude-encoded state: x padded with zeros *at the end* to $2^n$ entries
# (n from exercise 01.4) and divided by its norm $\lVert x\rVert = \sqrt{\sum_k |x_k|^2}$.
# The check compares your vector with `qk.encoding.amplitude_vector(x)`.
#
# <details><summary>Hint 1</summary>
#
# `np.zeros(size, dtype=complex)` makes room; `padded[:len(x)] = x` fills it.
# </details>
# <details><summary>Hint 2</summary>
#
# `np.linalg.norm(x)` computes $\sqrt{\sum_k |x_k|^2}$, also for complex x. Padding with zeros
# does not change the norm, so the order of the two steps does not matter.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: the number of amplitudes is 2ⁿ with n = `amplitude_qubits(N)`.
# Step 2: copy x into the first N entries of a complex zero vector of that size, so feature k is
# the amplitude of basis state k. Step 3: divide by the Euclidean norm, so the probabilities
# |x_k|²/‖x‖² add up to 1.

# %%
def normalise_and_pad(x):
    """x zero-padded to 2**n entries and divided by its norm."""
    # BEGIN SOLUTION
    x = np.asarray(x)
    padded = np.zeros(2 ** amplitude_qubits(len(x)), dtype=complex)
    padded[: len(x)] = x
    return padded / np.linalg.norm(x)
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.data_encoding.check_normalise_and_pad(normalise_and_pad)

# %% [markdown]
# ### Normalisation throws the norm away
#
# Dividing by ‖x‖ maps x, 2.5·x and even −x (a global phase of −1) to the same physical state: a
# model that sees only the state cannot tell them apart. Here are three different inputs and the
# one state they all become.

# %%
x = np.array([1.0, 2.0, 3.0, 4.0])
inputs = {"x": x, "2.5·x": 2.5 * x, "−x": -x}
states = {k: qk.encoding.amplitude_vector(v) for k, v in inputs.items()}
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
for j, (k, v) in enumerate(inputs.items()):
    axes[0].bar(np.arange(4) + 0.27 * (j - 1), v, width=0.27, label=k)
axes[0].axhline(0, color="black", linewidth=0.6)
axes[0].set_xticks(range(4))
axes[0].set_xlabel("feature k")
axes[0].set_title("three different inputs")
axes[0].legend()
qk.plot_state(states["x"], ax=axes[1], amplitudes=True, title="one amplitude-encoded state")
fig.tight_layout()
plt.show()
print("same state up to global phase:",
      [round(float(abs(np.vdot(states["x"], s)) ** 2), 4) for s in states.values()])

# %% [markdown]
# If the norm matters for your task, add it back as data: Microsoft's QuantumClassification
# tutorial pads each sample with a constant feature *before* normalising
# (`qk.encoding.left_padding`), so x and 2.5·x differ in how much weight the constant keeps.

# %%
for k in ("x", "2.5·x"):
    padded = qk.encoding.left_padding(inputs[k][None], [5.0])[0]
    print(f"{k:>6} → {np.round(qk.encoding.amplitude_vector(padded).real, 4)}")

# %% [markdown]
# ### The state-preparation circuit, step by step
#
# A quantum computer starts in |0…0⟩, so amplitude encoding needs a circuit that prepares the
# vector. Möttönen et al. (2004) build it one qubit at a time. For two qubits and real amplitudes
# $(a_{00}, a_{01}, a_{10}, a_{11})$:
#
# 1. $R_Y(\beta)$ on wire 0 splits the weight between the two halves:
#    $\cos\frac\beta2 = \lVert(a_{00}, a_{01})\rVert$ and $\sin\frac\beta2 = \lVert(a_{10}, a_{11})\rVert$
#    (for a normalised vector);
# 2. on wire 1, $R_Y(\beta_0)$ if wire 0 is |0⟩ and $R_Y(\beta_1)$ if it is |1⟩ split each half
#    between its two amplitudes: $\tan\frac{\beta_0}{2} = a_{01}/a_{00}$, $\tan\frac{\beta_1}{2} = a_{11}/a_{10}$.
#
# A rotation that depends on the state of other qubits like this is a *uniformly controlled
# rotation* (or *multiplexor*). With more qubits the pattern repeats: wire j gets one angle for
# every pattern of the wires before it.

# %%
ry, rz = qk.encoding.state_preparation_angles([0.4, -0.2, 0.8, 0.4])
print("level 0 (wire 0):", np.round(ry[0], 4), "  level 1 (wire 1):", np.round(ry[1], 4))

# %% [markdown]
# ### Exercise 01.6 — The rotation angles of a two-qubit state preparation
#
# **Input:** `x`, four real amplitudes $(a_{00}, a_{01}, a_{10}, a_{11})$, not all zero and not
# necessarily normalised.
# **Goal:** return the three angles `[β, β0, β1]` of the recipe above, such that RY(β) on wire 0,
# then RY(β0) on wire 1 when wire 0 is |0⟩ and RY(β1) when it is |1⟩, prepare x/‖x‖ (up to a
# global phase). Negative amplitudes must come out right too. The check runs your angles and
# compares the state they prepare with the target.
#
# <details><summary>Hint 1</summary>
#
# $R_Y(\beta)|0\rangle = \cos\frac\beta2|0\rangle + \sin\frac\beta2|1\rangle$: the angle whose cosine
# and sine are proportional to (c, s) is `2 * np.arctan2(s, c)`, and arctan2 needs no normalisation.
# </details>
# <details><summary>Hint 2</summary>
#
# β uses the norms of the halves, `np.hypot(a00, a01)` and `np.hypot(a10, a11)`; β0 and β1 use
# the signed amplitudes, so that a negative amplitude gives an angle beyond π.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: after RY(β) the amplitude of wire 0 in |0⟩ is cos(β/2) and in
# |1⟩ is sin(β/2); they must be proportional to the norms of the halves, so
# β = 2·arctan2(‖(a₁₀, a₁₁)‖, ‖(a₀₀, a₀₁)‖). Step 2: inside the |0⟩ half, RY(β0) must give amplitudes
# proportional to (a₀₀, a₀₁), so β0 = 2·arctan2(a₀₁, a₀₀); likewise β1 from (a₁₀, a₁₁). Because
# arctan2 takes the signs of both arguments, β0 and β1 can reach angles beyond π (a negative
# cosine), which is how the signs of the amplitudes get in. The norms used in step 1 are never
# negative, so β needs no sign.

# %%
def ry_angles(x):
    """[β, β0, β1]: RY(β) on wire 0; on wire 1, RY(β0) when wire 0 is |0⟩ and RY(β1) when it is |1⟩."""
    # BEGIN SOLUTION
    a00, a01, a10, a11 = x
    beta = 2 * np.arctan2(np.hypot(a10, a11), np.hypot(a00, a01))
    beta0 = 2 * np.arctan2(a01, a00)
    beta1 = 2 * np.arctan2(a11, a10)
    return np.array([beta, beta0, beta1])
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.data_encoding.check_ry_angles(ry_angles)

# %% [markdown]
# Now the circuit, step by step, for x = (0.4, −0.2, 0.8, 0.4). Step 1: RY(β) on wire 0 already
# gives the right weights to the two halves.

# %%
target = qk.encoding.amplitude_vector([0.4, -0.2, 0.8, 0.4]).real
circuit = qk.Circuit(2).ry(ry[0][0], 0)
print(circuit)
print("weights of the halves, circuit:", np.round(qk.marginal_probabilities(circuit.states(), [0]), 4),
      " target:", np.round([target[:2] @ target[:2], target[2:] @ target[2:]], 4))

# %% [markdown]
# Step 2: the uniformly controlled RY on wire 1. `qk.encoding.uniformly_controlled_rotation` builds
# it from plain rotations and CNOTs: RY((β0+β1)/2), CNOT, RY((β0−β1)/2), CNOT. When wire 0 is |0⟩
# the CNOTs do nothing and the angles add up to β0; when it is |1⟩ the CNOTs flip the sign of the
# middle rotation (X RY(θ) X = RY(−θ)), which gives β0 − (β0 − β1) = β1.

# %%
qk.encoding.uniformly_controlled_rotation(circuit, "Y", ry[1], controls=[0], target=1)
print(circuit)
print("circuit:", np.round(circuit.states().real, 4), " target:", np.round(target, 4))

# %% [markdown]
# ### Exercise 01.7 ★ — The state-preparation circuit on two qubits
#
# **Input:** `x`, four real amplitudes as in exercise 01.6.
# **Goal:** return a `qk.Circuit` on 2 qubits that prepares x/‖x‖ from |00⟩ (up to a global phase),
# with the angles of your `ry_angles`. Use controlled rotations, `circuit.cry(angle, control, target)`,
# instead of `uniformly_controlled_rotation`. The check runs your circuit with `circuit.states()`.
#
# <details><summary>Hint 1</summary>
#
# A controlled gate acts when its control is |1⟩. To make a rotation act when wire 0 is |0⟩,
# flip wire 0 before and after it with `circuit.x(0)`.
# </details>
# <details><summary>Hint 2</summary>
#
# `qk.Circuit(2).ry(beta, 0)`, then `.x(0).cry(beta0, 0, 1).x(0)`, then `.cry(beta1, 0, 1)`.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** RY(β) on wire 0 sets the weights of the two halves. The rotation on
# wire 1 must depend on wire 0, which takes two controlled rotations: CRY(β1) acts when wire 0 is
# |1⟩; CRY(β0) between two X gates on wire 0 acts when wire 0 was |0⟩ (the X gates flip it to |1⟩
# for the controlled gate, then back). This is the uniformly controlled rotation written with
# controlled gates; the CNOT version above needs no controlled rotations, which is why hardware
# (and the library) prefers it.

# %%
def amplitude_circuit_2q(x):
    """A 2-qubit qk.Circuit that prepares x/‖x‖ (real x of length 4) from |00⟩."""
    # BEGIN SOLUTION
    beta, beta0, beta1 = ry_angles(x)
    circuit = qk.Circuit(2).ry(beta, 0)
    circuit.x(0).cry(beta0, 0, 1).x(0)
    circuit.cry(beta1, 0, 1)
    return circuit
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.data_encoding.check_amplitude_circuit_2q(amplitude_circuit_2q)

# %% [markdown]
# ### More qubits, complex amplitudes, and an approximate encoder
#
# `qk.encoding.amplitude_circuit(x)` repeats the pattern on every wire and returns the circuit with
# the fidelity |⟨target|prepared⟩|² it reaches, computed by running it. Three qubits take 7 RY and
# 6 CNOT gates; complex amplitudes add a uniformly controlled RZ per wire for the phases.

# %%
x8 = np.array([0.1, 0.3, -0.2, 0.5, 0.4, -0.1, 0.6, 0.2])
circuit, fidelity = qk.encoding.amplitude_circuit(x8)
print(circuit)
print("gates:", len(circuit), " CNOTs:", circuit.count(2), " fidelity:", round(fidelity, 6))
circuit_c, fidelity_c = qk.encoding.amplitude_circuit(x8 * np.exp(1j * np.arange(8)))
print("complex: gates:", len(circuit_c), " CNOTs:", circuit_c.count(2), " fidelity:", round(fidelity_c, 6))

# %% [markdown]
# Many of these rotations are small for smooth data. The *approximate encoder* (as Microsoft's
# `ApproximateInputEncoder`) drops every rotation smaller than a tolerance, and the CNOTs that then
# cancel, and reports the fidelity it keeps. For a smooth 32-amplitude signal most gates go at
# almost no cost; for random data the fidelity falls much sooner. (The fidelity usually, but not
# always, falls as the tolerance grows: two dropped rotations can partly cancel each other's error.)

# %%
smooth = 1.5 + np.sin(np.linspace(0, 3, 32))
noisy = np.random.default_rng(0).normal(size=32)
tolerances = np.linspace(0, 0.5, 26)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
for name, vec in [("smooth signal", smooth), ("random vector", noisy)]:
    runs = [qk.encoding.amplitude_circuit(vec, tolerance=t) for t in tolerances]
    axes[0].plot(tolerances, [f for _, f in runs], "o-", markersize=3, label=name)
    axes[1].plot(tolerances, [len(c) for c, _ in runs], "o-", markersize=3, label=name)
    print(f"{name}: tolerance 0.1 keeps {len(runs[5][0])} of {len(runs[0][0])} gates, "
          f"fidelity {round(runs[5][1], 4)}")
axes[0].set_ylabel("fidelity |⟨target|prepared⟩|²")
axes[1].set_ylabel("gates")
for ax in axes:
    ax.set_xlabel("tolerance (radians)")
    ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 5. The IQP / ZZ feature map and its kernel
#
# Havlíček et al. (2019) proposed a feature map whose states are believed to be hard to simulate
# classically on many qubits: a layer of Hadamards, then the diagonal unitary
# $U_\Phi(x) = \exp\big(i\sum_i x_i Z_i + i\sum_{i<j}(\pi - x_i)(\pi - x_j) Z_i Z_j\big)$, all
# repeated (`reps` times). The products of features enter as angles of two-qubit ZZ rotations, so
# the state depends on the features jointly, and is entangled.

# %%
feature_map = qk.encoding.zz_feature_map(2, reps=1)
print(feature_map)
print("x0, x1 and the derived feature:", np.round(feature_map.features([[1.0, 2.0]]), 4))

# %% [markdown]
# A feature map induces a *kernel*, the similarity $k(x, x') = |\langle\varphi(x)|\varphi(x')\rangle|^2$
# of the encoded states: 1 for the same state, 0 for orthogonal ones. A kernel method (an SVM, say)
# sees the data only through this matrix, so the encoding decides which points look alike.

# %% [markdown]
# ### Exercise 01.8 — The kernel a feature map induces
#
# **Input:** `states_a`, an array of shape (A, 2ⁿ) (one state per row); `states_b`, of shape (B, 2ⁿ).
# **Goal:** return the A × B matrix with entries $K_{ij} = |\langle a_i|b_j\rangle|^2$.
#
# <details><summary>Hint</summary>
#
# $\langle a|b\rangle = \sum_k a_k^* b_k$: with one state per row, all overlaps at once are
# `states_a.conj() @ states_b.T`.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** The bra ⟨a| is the conjugate transpose of |a⟩, so the overlap is
# $\sum_k a_k^* b_k$. A matrix product of the conjugated rows of A with the columns of Bᵀ computes
# every overlap at once: entry (i, j) is ⟨a_i|b_j⟩. The kernel is the squared modulus of each
# overlap, a probability between 0 and 1 that does not depend on the global phases of the states.

# %%
def quantum_kernel(states_a, states_b):
    """K[i, j] = |⟨a_i|b_j⟩|² for states in the rows of states_a and states_b."""
    # BEGIN SOLUTION
    return np.abs(np.conj(states_a) @ np.transpose(states_b)) ** 2
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.data_encoding.check_quantum_kernel(quantum_kernel)

# %% [markdown]
# Here is the kernel matrix of a small data set, two clusters of 8 points each, under angle
# encoding and under the ZZ feature map (the formula of exercise 01.8 is written out again, so the
# cell runs before you solve it). Angle encoding's kernel is a smooth function of the distance
# between points: the clusters show as two bright blocks. The ZZ map's kernel changes much faster
# with x: points of one cluster look less alike and the contrast between the clusters shrinks. A
# richer feature map is not automatically a better one for a given data set.

# %%
rng = np.random.default_rng(7)
X = np.vstack([rng.normal([0.8, 0.8], 0.25, (8, 2)), rng.normal([2.2, 2.2], 0.25, (8, 2))])
kernels = {}
for name, encode in [("angle encoding (RY)", lambda X: qk.encoding.angle_encoding(X, "RY")),
                     ("ZZ feature map (reps=2)", lambda X: qk.encoding.zz_encoding(X, reps=2))]:
    S = encode(X)
    kernels[name] = np.abs(S.conj() @ S.T) ** 2
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
for ax, (name, K) in zip(axes, kernels.items()):
    im = ax.imshow(K, vmin=0, vmax=1, cmap="viridis")
    ax.axhline(7.5, color="white", linewidth=0.8)
    ax.axvline(7.5, color="white", linewidth=0.8)
    ax.set_title(name)
    ax.set_xlabel("sample j (first 8: cluster A)")
    ax.set_ylabel("sample i")
fig.colorbar(im, ax=axes, label="|⟨φ(xᵢ)|φ(xⱼ)⟩|²", shrink=0.85)
plt.show()
for name, K in kernels.items():
    within = (K[:8, :8].mean() + K[8:, 8:].mean()) / 2
    print(f"{name}: mean kernel within clusters {round(within, 4)}, between {round(K[:8, 8:].mean(), 4)}")

# %% [markdown]
# ### All encodings side by side
#
# Move the features and switch the encoding. The bars show the amplitudes (height |amplitude|,
# colour the phase); each sphere shows one wire's Bloch vector. For product states (angle and dense
# angle encoding) every vector has length 1. When the encoding entangles the qubits, a wire has no
# state of its own and its vector shrinks inside the sphere. Set every feature to 0 with amplitude
# encoding to see which error it raises.

# %% tags=["nbval-ignore-output"]
qk.widgets.encoding_explorer(n_features=3)

# %% [markdown]
# ## 6. Encoding as Fourier series: why re-uploading helps
#
# Take one qubit, a trainable rotation, the encoding gate RX(x), another trainable rotation, and
# measure ⟨Z⟩. Schuld, Sweke & Meyer (2021) showed that such a model is a Fourier series in x,
#
# $$f(x) = \sum_{\omega \in \Omega} c_\omega e^{i\omega x},$$
#
# whose frequencies Ω are the differences of the eigenvalues of the encoding's generator. RX(x) =
# exp(−i x X/2) has generator X/2 with eigenvalues ±½, so Ω = {−1, 0, 1}: whatever the trainable
# gates do, f is a sine wave of frequency 1 plus a constant. Repeating the encoding between
# trainable layers — *data re-uploading* (Pérez-Salinas et al. 2020) — adds eigenvalues up, and
# with them the frequencies.

# %%
print(qk.encoding.reuploading_circuit(n_qubits=1, n_layers=2))

# %% [markdown]
# ### Exercise 01.9 — The frequencies a re-uploading model can express
#
# **Input:** `n_layers`, the number L ≥ 1 of times RX(x) appears in a one-qubit model (as in the
# circuit above).
# **Goal:** return the set Ω of integer frequencies ω whose coefficients c_ω can be non-zero, as a
# sorted list.
#
# <details><summary>Hint 1</summary>
#
# With L encoding gates, each path through the circuit picks up an eigenvalue ±½ from every gate,
# in the ket and in the bra. A frequency is (sum of L eigenvalues in the ket) − (sum of L in the bra).
# </details>
# <details><summary>Hint 2</summary>
#
# Sums of L values ±½ run from −L/2 to L/2 in steps of 1; what are the differences of two of them?
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Each encoding gate contributes an eigenvalue of X/2, ±½, on the ket side
# and one on the bra side, so the model's frequencies are differences λ − λ′ of sums λ, λ′ of L
# values ±½. Those sums are −L/2, −L/2 + 1, …, L/2, and their differences are every integer from −L
# to L. Both signs occur (f is real, so c_{−ω} is the complex conjugate of c_ω), and ω = 0 is the
# constant term. Forgetting the ½ in the generator would double every frequency.

# %%
def reuploading_frequencies(n_layers):
    """The integer frequencies a one-qubit model with n_layers RX(x) encodings can express."""
    # BEGIN SOLUTION
    return list(range(-n_layers, n_layers + 1))
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.data_encoding.check_reuploading_frequencies(reuploading_frequencies)

# %% [markdown]
# You can see the spectrum directly. Sample a model on 15 equally spaced points of [0, 2π) and
# take its discrete Fourier transform (`qk.landscape.fourier_spectrum`); the plot shows the mean
# |c_ω| over 100 random parameter settings for L = 1, 2, 3. Frequencies beyond L are zero to
# rounding error, whatever the parameters.

# %%
grid = 2 * np.pi * np.arange(15)[:, None] / 15
rng = np.random.default_rng(3)
fig, axes = plt.subplots(1, 3, figsize=(11, 2.8), sharey=True)
for ax, L in zip(axes, (1, 2, 3)):
    model = qk.encoding.reuploading_circuit(1, L)
    f = np.array([model.expval(qk.Z(0), rng.uniform(0, 2 * np.pi, model.n_params), grid)
                  for _ in range(100)])                       # (100 settings, 15 points)
    w, c = qk.landscape.fourier_spectrum(f)
    shown = np.abs(w) <= 5
    ax.bar(w[shown], np.abs(c[:, shown]).mean(axis=0), color="tab:blue")
    ax.set_title(f"L = {L} encoding gate(s)")
    ax.set_xlabel("frequency ω")
    ax.set_xticks(range(-5, 6))
    print(f"L = {L}: largest |c_ω| beyond ω = ±{L}: {round(np.abs(c[:, np.abs(w) > L]).max(), 10) + 0.0}")
axes[0].set_ylabel("mean |c_ω|")
fig.tight_layout()
plt.show()

# %% [markdown]
# ### A fit that needs more uploads
#
# The target $g(x) = 0.5\sin 2x + 0.3\cos x - 0.1$ has frequency 2. Train the model for L = 1, 2, 3
# on 30 points by gradient descent (Adam), with exact gradients from `qk.value_and_jacobian`, and
# measure the error on 100 other points. With one upload the model can at best fit the frequency-0
# and frequency-1 parts; the 0.5 sin 2x it cannot express stays as an error of mean square
# 0.5²/2 = 0.125.

# %%
def target(x):
    return 0.5 * np.sin(2 * x) + 0.3 * np.cos(x) - 0.1


rng = np.random.default_rng(0)
x_train = np.linspace(0, 2 * np.pi, 30, endpoint=False)[:, None]
x_test = rng.uniform(0, 2 * np.pi, (100, 1))


def fit(n_layers, steps=500, lr=0.1, seed=1):
    """Adam on the mean squared error; returns the circuit and its trained parameters."""
    model = qk.encoding.reuploading_circuit(1, n_layers)
    theta = np.random.default_rng(seed).uniform(0, 2 * np.pi, model.n_params)
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for t in range(1, steps + 1):
        f, jac = qk.value_and_jacobian(model, qk.Z(0), theta, x_train)   # (30,), (30, n_params)
        grad = 2 * (f - target(x_train[:, 0])) @ jac / len(f)
        m, v = 0.9 * m + 0.1 * grad, 0.999 * v + 0.001 * grad ** 2
        theta = theta - lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return model, theta

# %% [markdown]
# The three fits, and their test errors:

# %%
xs = np.linspace(0, 2 * np.pi, 200)[:, None]
fig, axes = plt.subplots(1, 3, figsize=(11, 3), sharey=True)
for ax, L in zip(axes, (1, 2, 3)):
    model, theta = fit(L)
    test_mse = np.mean((model.expval(qk.Z(0), theta, x_test) - target(x_test[:, 0])) ** 2)
    ax.plot(xs, target(xs), color="black", linewidth=1, label="target g(x)")
    ax.plot(xs, model.expval(qk.Z(0), theta, xs), color="tab:red", label="trained model")
    ax.plot(x_train, target(x_train), ".", color="black", markersize=4)
    ax.set_title(f"L = {L}: test MSE {test_mse:.3f}")
    ax.set_xlabel("x")
    print(f"L = {L}: test mean squared error {round(test_mse, 3)}")
axes[0].legend(loc="lower left", fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# The lesson generalises: an encoding fixes the frequencies, the trainable gates only choose the
# coefficients. Scaling the data (`angle_circuit(..., scale=2)`), encoding x on several qubits in
# parallel, or re-uploading it in series all widen the spectrum.
#
# ## Summary
#
# * An encoding fixes which states — and so which functions — a model can reach; encodings trade
#   qubits (angle: N, dense angle: N/2, amplitude: ⌈log₂ N⌉) against gates (N, N, about 2N).
# * Basis encoding writes bits as a basis state; wire 0 holds the most significant bit.
# * Angle encoding is RY(x_i)|0⟩ per qubit, a product state; the half angle means features should
#   span an interval of length π. Dense angle encoding adds a second feature as the phase.
# * Amplitude encoding pads to a power of two and normalises, which loses the norm; its circuit is
#   a cascade of uniformly controlled rotations, and an approximate version drops small ones and
#   reports the fidelity it keeps.
# * The ZZ feature map entangles features through their products; any feature map induces a
#   kernel |⟨φ(x)|φ(x′)⟩|², which decides which points look alike.
# * A model with L Pauli-rotation encodings of x is a Fourier series with frequencies −L…L:
#   re-uploading data adds frequencies.
#
# ## Exercises recap
#
# | | exercise | idea |
# |---|---|---|
# | 01.1 | `basis_encode` | bits as a basis state, wire 0 the most significant |
# | 01.2 | `angle_encode` | RY(x)\|0⟩ = cos(x/2)\|0⟩ + sin(x/2)\|1⟩, one qubit per feature |
# | 01.3 | `dense_angle_encode` | a second feature as the phase |
# | 01.4 | `amplitude_qubits` | ⌈log₂ N⌉ qubits, at least 1 |
# | 01.5 | `normalise_and_pad` | amplitude encoding from scratch |
# | 01.6 | `ry_angles` | state preparation: norms of halves, then signed amplitudes |
# | 01.7 ★ | `amplitude_circuit_2q` | a uniformly controlled rotation from controlled gates |
# | 01.8 | `quantum_kernel` | the kernel \|⟨a\|b⟩\|² of a feature map |
# | 01.9 | `reuploading_frequencies` | L encodings give frequencies −L…L |
#
# Your progress over the whole workbook so far:

# %% tags=["nbval-ignore-output"]
qk.katas.progress()

# %% [markdown]
# ## References
#
# * M. Schuld and F. Petruccione, *Machine Learning with Quantum Computers*, Springer (2021),
#   chapter 5 (information encoding; state preparation).
# * M. Möttönen, J. J. Vartiainen, V. Bergholm and M. M. Salomaa, "Transformation of quantum states
#   using uniformly controlled rotations", Quantum Inf. Comput. 5, 467 (2005), arXiv:quant-ph/0407010 (2004).
# * V. Havlíček, A. D. Córcoles, K. Temme, A. W. Harrow, A. Kandala, J. M. Chow and J. M. Gambetta,
#   "Supervised learning with quantum-enhanced feature spaces", Nature 567, 209 (2019), arXiv:1804.11326.
# * R. LaRose and B. Coyle, "Robust data encodings for quantum classifiers", Phys. Rev. A 102, 032420
#   (2020), arXiv:2003.01695.
# * M. Schuld, R. Sweke and J. J. Meyer, "Effect of data encoding on the expressive power of
#   variational quantum machine-learning models", Phys. Rev. A 103, 032430 (2021), arXiv:2008.08605.
# * A. Pérez-Salinas, A. Cervera-Lierta, E. Gil-Fuster and J. I. Latorre, "Data re-uploading for a
#   universal quantum classifier", Quantum 4, 226 (2020), arXiv:1907.02085.
# * Microsoft Quantum, QuantumClassification tutorial and `Microsoft.Quantum.MachineLearning`
#   (`ApproximateInputEncoder`, padding and "split fanout" feature maps).
