# %% [markdown]
# # 00 · Start here
#
# Welcome to **qmlkit**, a workbook of quantum machine learning katas. Every exercise you
# solve is checked on the spot, right below your code.
#
# **What you will learn in this notebook**
#
# * how the workbook works: stubs, checks, hints, solutions and your progress;
# * what a qubit's state is, as a vector of complex amplitudes, and how to picture it on the Bloch sphere;
# * how gates change states, and how several qubits are numbered (the *wire order*, which differs between libraries);
# * how measurement turns amplitudes into probabilities, expectation values and, with a finite number of shots, estimates.
#
# **Prerequisites:** Python and numpy arrays; complex numbers; vectors and matrix–vector products.
# No quantum mechanics is assumed.

# %% [markdown]
# ## How this workbook works
#
# Each exercise has three parts:
#
# 1. a description with an **Input** and a **Goal**;
# 2. a code cell with a function for you to complete: its body is a *stub* that returns `...`;
# 3. a check cell, `qk.katas.start_here.check_<name>(<name>)`, which runs your function on
#    many inputs and prints one of
#    * ✅ — correct;
#    * ❌ — wrong: what went in, what was expected, what came back, and a hint;
#    * ⏳ — not yet solved: the stub is still there.
#
# Hints hide in collapsible blocks: open one only when you are stuck. The folder `solutions/`
# holds this notebook solved, with each solution explained step by step. `qk.katas.progress()`
# (at the end) lists which exercises you have solved so far. To check a whole notebook from a
# terminal, run `python -m qmlkit check notebooks/00_start_here.ipynb`.
#
# Run the next cell first: it imports numpy and qmlkit.

# %%
import numpy as np
import qmlkit as qk

# %% [markdown]
# ## 1. One qubit is a vector of two amplitudes
#
# A qubit's state is a vector of two complex numbers, the *amplitudes* of the basis states
# |0⟩ and |1⟩:
#
# $$|\psi\rangle = a_0 |0\rangle + a_1 |1\rangle = \begin{pmatrix} a_0 \\ a_1 \end{pmatrix},
# \qquad |a_0|^2 + |a_1|^2 = 1 .$$
#
# Measuring gives 0 with probability |a₀|² and 1 with probability |a₁|². In qmlkit a state is
# simply a numpy array; `qk.zero_state(1)` is |0⟩.

# %%
print(qk.zero_state(1))

# %% [markdown]
# ### Exercise 00.1 — Prepare |+⟩ (the answer is given away)
#
# **Input:** nothing.
# **Goal:** return the state $|+\rangle = \frac{1}{\sqrt 2}\left(|0\rangle + |1\rangle\right)$ as a numpy array of two amplitudes.
#
# This first one teaches the mechanics, so the answer is in the cell: delete the line
# `return ...`, remove the `#` in front of the line above it, run the cell, then run the check.

# %% [markdown] tags=["solution"]
# **Solution explained.** Both amplitudes of |+⟩ are 1/√2, so the vector is `[1, 1]` divided
# by √2. The division makes the probabilities ½ + ½ add up to 1.

# %%
def plus_state():
    """The state |+⟩ as an array of 2 amplitudes."""
    # BEGIN SOLUTION
    return np.array([1, 1]) / np.sqrt(2)
    # END SOLUTION
    # BEGIN STUB
    # return np.array([1, 1]) / np.sqrt(2)
    return ...
    # END STUB

# %%
qk.katas.start_here.check_plus_state(plus_state)

# %% [markdown]
# ### Exercise 00.2 — Prepare |−⟩
#
# **Input:** nothing.
# **Goal:** return $|-\rangle = \frac{1}{\sqrt 2}\left(|0\rangle - |1\rangle\right)$ as an array of two amplitudes.
#
# <details><summary>Hint</summary>
#
# Start from your `plus_state` and change one sign.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** |−⟩ differs from |+⟩ only in the sign of the |1⟩ amplitude. Any
# overall factor of modulus 1 (a *global phase*, e.g. −1) gives the same physical state, so
# `np.array([-1, 1]) / np.sqrt(2)` would be accepted too.

# %%
def minus_state():
    """The state |−⟩ as an array of 2 amplitudes."""
    # BEGIN SOLUTION
    return np.array([1, -1]) / np.sqrt(2)
    # END SOLUTION
    # BEGIN STUB
    return ...  # replace ... with your answer
    # END STUB

# %%
qk.katas.start_here.check_minus_state(minus_state)

# %% [markdown]
# ### Picturing one qubit: bars and the Bloch sphere
#
# Bars show what a measurement would give. The Bloch sphere shows more: every single-qubit
# state $\cos\frac\theta2|0\rangle + e^{i\varphi}\sin\frac\theta2|1\rangle$ is a point on a
# sphere, with |0⟩ at the top, |1⟩ at the bottom and the relative phase φ as the longitude.
# |+⟩ and |−⟩ have the same probabilities but point in opposite directions.

# %%
import matplotlib.pyplot as plt

plus = np.array([1, 1]) / np.sqrt(2)
minus = np.array([1, -1]) / np.sqrt(2)
fig = plt.figure(figsize=(10, 3.4))
qk.plot_state(plus, ax=fig.add_subplot(1, 3, 1), title="|+⟩: probabilities")
qk.plot_state(minus, ax=fig.add_subplot(1, 3, 2), title="|−⟩: the same probabilities")
ax = fig.add_subplot(1, 3, 3, projection="3d")
qk.plot_bloch(plus, ax=ax, color="tab:blue")
qk.plot_bloch(minus, ax=ax, color="tab:red")
ax.set_title("Bloch sphere: |+⟩ blue, |−⟩ red")
fig.tight_layout()
plt.show()

# %% [markdown]
# Drag the sliders to move the state around the sphere. Watch how θ changes the
# probabilities while φ changes only the phase (the colour of the amplitude bars).

# %% tags=["nbval-ignore-output"]
qk.widgets.bloch_explorer()

# %% [markdown]
# ## 2. Gates are unitary matrices
#
# A gate multiplies the state by a unitary matrix. The Hadamard gate H turns |0⟩ into |+⟩;
# the rotation $R_Y(\theta) = e^{-i\theta Y/2}$ turns |0⟩ by the angle θ towards |1⟩.
# `qk.apply_gate(state, name, wire, *angles)` returns the new state.

# %%
psi = qk.apply_gate(qk.zero_state(1), "H", 0)
print("H|0⟩       =", np.round(psi, 3))
psi = qk.apply_gate(qk.zero_state(1), "RY", 0, np.pi / 2)
print("RY(π/2)|0⟩ =", np.round(psi, 3))

# %% [markdown]
# ## 3. Several qubits, and which one is wire 0
#
# Two qubits have four basis states |00⟩, |01⟩, |10⟩, |11⟩, so a state has four amplitudes;
# n qubits have 2ⁿ. The state vector lists them in the order of the binary number the labels
# spell. In qmlkit (as in PennyLane and Cirq) **wire 0 is the leftmost label and the most
# significant bit**: flipping wire 0 of |00⟩ gives |10⟩, index 2.
#
# Qiskit uses the opposite order: its qubit 0 is the *rightmost* bit. The same circuit then
# lists its amplitudes in a different order; you will meet this again when you export a
# circuit to Qiskit in a later notebook.

# %%
psi = qk.apply_gate(qk.zero_state(2), "X", 0)
print("X on wire 0 of |00⟩ → amplitudes", psi.real, "→ index", int(np.argmax(abs(psi))), "= |10⟩")

# %% [markdown]
# ### Exercise 00.3 — Which bit is wire 0?
#
# **Input:** `state`, an array of 2ⁿ amplitudes of an n-qubit state; `wire`, an integer from 0 to n − 1.
# **Goal:** return the probability that measuring `wire` gives 1.
#
# You need the bit of each basis index that belongs to `wire`: wire w is bit n − 1 − w,
# counting bits from the right starting at 0.
#
# <details><summary>Hint 1</summary>
#
# `n = int(np.log2(len(state)))`; the bit of index `k` for wire `w` is `(k >> (n - 1 - w)) & 1`.
# </details>
# <details><summary>Hint 2</summary>
#
# Sum `np.abs(state[k]) ** 2` over every index `k` whose bit for `wire` is 1.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: the probabilities of the basis states are the squared
# magnitudes of the amplitudes. Step 2: for every index, read the bit that belongs to `wire`;
# because wire 0 is the most significant bit, that is bit n − 1 − w. Step 3: add up the
# probabilities where that bit is 1. (An alternative is `state.reshape((2,) * n)`, which gives
# wire w its own axis w, and then summing over all the other axes.)

# %%
def probability_of_one(state, wire):
    """Probability of measuring 1 on `wire` of an n-qubit `state`."""
    # BEGIN SOLUTION
    n = int(np.log2(len(state)))
    probs = np.abs(state) ** 2
    bits = (np.arange(2 ** n) >> (n - 1 - wire)) & 1
    return probs[bits == 1].sum()
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.start_here.check_probability_of_one(probability_of_one)

# %% [markdown]
# ### Entanglement: the CNOT gate
#
# The CNOT gate flips its *target* wire when its *control* wire is 1. After H on wire 0, the
# control is in superposition, and the CNOT entangles the two qubits: neither has a state of its
# own any more. A `qk.Circuit` records gates so you can draw and run them.

# %%
circuit = qk.Circuit(2).h(0).cnot(0, 1)
print(circuit)
print(np.round(circuit.states(), 3))

# %% [markdown]
# ### Exercise 00.4 — The Bell state
#
# **Input:** nothing.
# **Goal:** return the Bell state $\frac{1}{\sqrt 2}\left(|00\rangle + |11\rangle\right)$, built with
# `qk.apply_gate` from `qk.zero_state(2)` (don't type the amplitudes).
#
# <details><summary>Hint</summary>
#
# `qk.apply_gate(state, "H", 0)`, then `qk.apply_gate(state, "CNOT", [control, target])`.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** H on wire 0 makes (|00⟩ + |10⟩)/√2. The CNOT with control 0 and
# target 1 leaves |00⟩ alone and turns |10⟩ into |11⟩, which gives the Bell state.

# %%
def bell_state():
    """(|00⟩ + |11⟩)/√2, built with gates."""
    # BEGIN SOLUTION
    state = qk.apply_gate(qk.zero_state(2), "H", 0)
    return qk.apply_gate(state, "CNOT", [0, 1])
    # END SOLUTION
    # BEGIN STUB
    state = qk.zero_state(2)
    return ...
    # END STUB

# %%
qk.katas.start_here.check_bell_state(bell_state)

# %% [markdown]
# ### Exercise 00.5 — The GHZ state on n qubits
#
# **Input:** `n_qubits`, an integer from 1 to 6.
# **Goal:** return $\frac{1}{\sqrt 2}\left(|0\dots0\rangle + |1\dots1\rangle\right)$ on `n_qubits` qubits.
# For one qubit this is |+⟩.
#
# <details><summary>Hint</summary>
#
# Extend the Bell circuit: one H, then a CNOT from wire 0 (or from the previous wire) to every other wire.
# A `qk.Circuit(n_qubits)` with a loop is the shortest way; `.states()` runs it.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** H on wire 0 gives (|0…0⟩ + |10…0⟩)/√2. Each CNOT(0, k) copies the
# bit of wire 0 onto wire k, so after all n − 1 of them the second term is |1…1⟩.

# %%
def ghz_state(n_qubits):
    """(|0…0⟩ + |1…1⟩)/√2 on n_qubits qubits."""
    # BEGIN SOLUTION
    circuit = qk.Circuit(n_qubits).h(0)
    for k in range(1, n_qubits):
        circuit.cnot(0, k)
    return circuit.states()
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.start_here.check_ghz_state(ghz_state)

# %% [markdown]
# ## 4. Measurement: probabilities and expectation values
#
# An *observable* such as Z has eigenvalues +1 (for |0⟩) and −1 (for |1⟩). Its expectation
# value ⟨Z⟩ is the average outcome: each eigenvalue weighted by the probability of measuring it.
# For the Bell state both qubits always agree, so Z⊗Z (the product of the two outcomes) is
# always +1, although each ⟨Z⟩ alone is 0.

# %%
bell = qk.Circuit(2).h(0).cnot(0, 1).states()
print("probabilities:", np.round(qk.probabilities(bell), 3))
print("⟨Z0⟩ =", round(qk.expval(bell, qk.Z(0)), 3), "  ⟨Z0 Z1⟩ =", round(qk.expval(bell, qk.Z(0) @ qk.Z(1)), 3))

# %% [markdown]
# ### Exercise 00.6 — ⟨Z⊗Z⟩ by hand
#
# **Input:** `state`, 4 amplitudes of a two-qubit state.
# **Goal:** return ⟨Z⊗Z⟩ $= \sum_k |a_k|^2\, s_k$ with signs $s = (+1, -1, -1, +1)$ for |00⟩, |01⟩, |10⟩, |11⟩ — without `qk.expval`.
#
# <details><summary>Hint</summary>
#
# `np.abs(state) ** 2` gives the probabilities; a dot product with the signs does the rest.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** The eigenvalue of Z⊗Z on a basis state is the product of the two
# qubits' signs: +1 when the bits agree, −1 when they differ. Weight each sign by the
# probability of that basis state and add.

# %%
def zz_expectation(state):
    """⟨Z⊗Z⟩ of a two-qubit state."""
    # BEGIN SOLUTION
    probs = np.abs(state) ** 2
    return probs @ np.array([1, -1, -1, 1])
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.start_here.check_zz_expectation(zz_expectation)

# %% [markdown]
# ## 5. Shots: estimates from a finite number of measurements
#
# A quantum computer never shows you amplitudes. It gives one outcome per run (*shot*), and
# you estimate probabilities and expectation values from the counts. `qk.sample_counts`
# draws them exactly as the device would (a multinomial draw); fix `random_state` to repeat a run.

# %%
counts = qk.sample_counts(bell, shots=1000, random_state=7)
print(dict(zip(["00", "01", "10", "11"], counts.tolist())))

# %% [markdown]
# ### Exercise 00.7 — ⟨Z⊗Z⟩ from counts
#
# **Input:** `counts`, an array of 4 integers: how often |00⟩, |01⟩, |10⟩, |11⟩ were measured.
# **Goal:** return the estimate of ⟨Z⊗Z⟩: the average of the outcomes' signs over all shots.

# %% [markdown] tags=["solution"]
# **Solution explained.** Each shot contributes +1 (|00⟩, |11⟩) or −1 (|01⟩, |10⟩). The
# estimate is their average: the signed sum of the counts divided by the number of shots.

# %%
def zz_from_counts(counts):
    """Estimate of ⟨Z⊗Z⟩ from the counts of |00⟩, |01⟩, |10⟩, |11⟩."""
    # BEGIN SOLUTION
    counts = np.asarray(counts)
    return counts @ np.array([1, -1, -1, 1]) / counts.sum()
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.start_here.check_zz_from_counts(zz_from_counts)

# %% [markdown]
# How good is an estimate from N shots? Each shot of a Pauli observable P gives ±1, with
# variance $1 - \langle P\rangle^2$; the mean of N independent shots has variance
# $(1 - \langle P\rangle^2)/N$, so its *standard error* (the standard deviation of the
# estimate) shrinks like $1/\sqrt N$. The plot repeats the estimate of ⟨Z⟩ for the state
# RY(1)|0⟩ 2000 times per N and compares the spread with that prediction.

# %%
state = qk.apply_gate(qk.zero_state(1), "RY", 0, 1.0)
exact = qk.expval(state, qk.Z(0))
shots = np.array([10, 30, 100, 300, 1000, 3000, 10000])
spread = [np.std(qk.estimate_expval(np.tile(state, (2000, 1)), qk.Z(0), shots=int(n), random_state=1))
          for n in shots]
fig, ax = plt.subplots(figsize=(5, 3.2))
ax.loglog(shots, spread, "o", label="measured: std of 2000 estimates")
ax.loglog(shots, np.sqrt((1 - exact ** 2) / shots), "-", label=r"$\sqrt{(1-\langle Z\rangle^2)/N}$")
ax.set_xlabel("shots N")
ax.set_ylabel("standard error of ⟨Z⟩")
ax.legend()
plt.show()
print("⟨Z⟩ =", round(exact, 4), " predicted standard error at N = 1000:", round(np.sqrt((1 - exact ** 2) / 1000), 4))

# %% [markdown]
# ### Exercise 00.8 ★ — How many shots?
#
# **Input:** `expectation`, the true ⟨P⟩ of a Pauli observable (between −1 and 1); `epsilon`, a target standard error.
# **Goal:** return the smallest whole number of shots N ≥ 1 whose standard error
# $\sqrt{(1-\langle P\rangle^2)/N}$ is at most `epsilon`.
#
# <details><summary>Hint 1</summary>
#
# Square both sides of $\sqrt{(1-\langle P\rangle^2)/N} \le \varepsilon$ and solve for N.
# </details>
# <details><summary>Hint 2</summary>
#
# Round up with `math.ceil` (N must be whole) and return at least 1: when ⟨P⟩ = ±1 every shot gives the same outcome.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** $\sqrt{(1-\langle P\rangle^2)/N} \le \varepsilon \iff N \ge (1-\langle P\rangle^2)/\varepsilon^2$.
# The smallest whole such N is the ceiling of the right-hand side; an eigenstate (⟨P⟩ = ±1)
# needs no statistics, but you still need one shot to see the answer. Note that it is the
# *variance* $1-\langle P\rangle^2$ that enters, not the standard deviation.

# %%
import math


def shots_for_precision(expectation, epsilon):
    """Smallest N >= 1 with sqrt((1 - expectation**2) / N) <= epsilon."""
    # BEGIN SOLUTION
    return max(1, math.ceil((1 - expectation ** 2) / epsilon ** 2))
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.start_here.check_shots_for_precision(shots_for_precision)

# %% [markdown]
# ## Summary
#
# * A state of n qubits is a vector of 2ⁿ complex amplitudes with norm 1; a global phase does not change it.
# * Wire 0 is the leftmost label and the most significant bit of the basis index (Qiskit: the reverse).
# * Gates are unitary matrices; H makes superpositions, CNOT entangles.
# * Measurement gives outcome k with probability |aₖ|²; ⟨O⟩ weights O's eigenvalues by these probabilities.
# * From N shots, an expectation value of a Pauli observable is known to a standard error $\sqrt{(1-\langle P\rangle^2)/N}$.
#
# ## Exercises recap
#
# | | exercise | idea |
# |---|---|---|
# | 00.1 | `plus_state` | a state is a normalised vector |
# | 00.2 | `minus_state` | relative sign vs global phase |
# | 00.3 | `probability_of_one` | wire 0 is the most significant bit |
# | 00.4 | `bell_state` | H then CNOT entangles |
# | 00.5 | `ghz_state` | n − 1 CNOTs spread the superposition |
# | 00.6 | `zz_expectation` | expectation = eigenvalues weighted by probabilities |
# | 00.7 | `zz_from_counts` | estimates from shots |
# | 00.8 ★ | `shots_for_precision` | the standard error falls as 1/√N |
#
# Your progress over the whole workbook so far:

# %% tags=["nbval-ignore-output"]
qk.katas.progress()

# %% [markdown]
# ## References
#
# * M. A. Nielsen and I. L. Chuang, *Quantum Computation and Quantum Information*, Cambridge University Press (2010), chapters 1–2.
# * M. Schuld and F. Petruccione, *Machine Learning with Quantum Computers*, Springer (2021), chapter 3.
# * Microsoft Quantum Katas, "BasicGates" and "Superposition": the Input/Goal style of these exercises.
# * Qiskit documentation, "Bit-ordering in the Qiskit SDK": why Qiskit's qubit 0 is the rightmost bit.
