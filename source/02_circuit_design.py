# %% [markdown]
# # 02 · Circuit design: the building blocks of a quantum classifier
#
# Once the data is encoded (notebook 01), a quantum classifier applies a circuit with trainable
# angles and measures one qubit. Which circuit to train is the second design choice: it decides
# which functions the model can represent, how many parameters it pays for them, and, as notebook
# 04 will show, whether it can be trained at all.
#
# **What you will learn in this notebook**
#
# * the layers Microsoft's quantum machine learning library builds classifiers from — local and
#   partial rotation layers, cyclic entangling layers with a stride — and how to combine them
#   without mixing up their parameters;
# * why a classifier needs entangling gates, and how the Meyer–Wallach measure quantifies
#   entanglement;
# * the circuit-centric design of Schuld et al.: code blocks with a range, and why their model on
#   8 qubits has 33 gates;
# * how to draw a circuit, and how to read one: which circuit makes a given unitary;
# * expressibility and entangling capability, two numbers that compare structures before you
#   train them — and the price of a very expressive circuit.
#
# **Prerequisites:** notebooks 00 and 01 (states, gates, the wire order, `qk.Circuit` with
# `qk.Param`, amplitude encoding). Exercises marked ★ are harder.

# %%
import matplotlib.pyplot as plt
import numpy as np
import qmlkit as qk

# %% [markdown]
# ## 1. Layers and what each does
#
# Microsoft's `Microsoft.Quantum.MachineLearning` library writes a classifier's circuit as a list
# of *controlled rotations*. Each is a rotation $R_P(\theta_k) = e^{-i\theta_k P/2}$ about an axis
# P ∈ {X, Y, Z} on a target qubit, applied only when every one of its control qubits is 1, with
# its angle read from parameter number k. `qk.ansatz.ControlledRotation(target, controls, axis,
# param)` is the same record, and `qk.ansatz.to_circuit` turns a list of records into a circuit.

# %%
gate = qk.ansatz.ControlledRotation(target=1, controls=(0,), axis="X", param=3)
print(gate)
print(qk.ansatz.to_circuit([gate]))

# %% [markdown]
# A record holds only the *index* of its parameter, so several gates may share one parameter:
# they are then trained together. A list of records is a *structure*; `qk.ansatz.n_params` counts
# the parameters it reads, one more than its largest index. Here three rotations share θ0:

# %%
shared = [qk.ansatz.ControlledRotation(q, (), "Z", 0) for q in range(3)]
print(qk.ansatz.to_circuit(shared))
print("gates:", len(shared), " parameters:", qk.ansatz.n_params(shared))

# %% [markdown]
# ### Local rotation layers
#
# The simplest layer rotates every qubit about one axis, each by its own angle: qubit q reads
# parameter q. It acts on each qubit on its own, so it moves states around their Bloch spheres but
# can never entangle them. `qk.ansatz.partial_rotations_layer(qubits, axis)` does the same on a
# chosen list of qubits, the k-th of them reading parameter k.

# %% [markdown]
# ### Exercise 02.1 — A layer of local rotations
#
# **Input:** `n_qubits`, from 1 to 8; `axis`, one of `"X"`, `"Y"`, `"Z"`.
# **Goal:** return Microsoft's `LocalRotationsLayer(n_qubits, axis)` as a list of
# `qk.ansatz.ControlledRotation` records: on every qubit q a rotation about `axis`, with no
# controls and parameter q. The check turns your list into a circuit and compares its unitary with
# the reference's at random parameter values, so it judges what your layer does, not how you
# wrote it.
#
# <details><summary>Hint</summary>
#
# One record per qubit: `qk.ansatz.ControlledRotation(target=q, controls=(), axis=axis, param=q)`,
# in a list comprehension over `range(n_qubits)`.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** A local layer has one rotation per qubit and no controls. Giving the
# rotation on qubit q the parameter index q makes every angle independent: with one shared index
# all qubits would turn together, and the layer would have a single parameter. The order of the
# records does not matter here, because rotations on different qubits commute.

# %%
def local_rotations_layer(n_qubits, axis):
    """Microsoft's LocalRotationsLayer: R_axis(θ_q) on every qubit q."""
    # BEGIN SOLUTION
    return [qk.ansatz.ControlledRotation(target=q, controls=(), axis=axis, param=q)
            for q in range(n_qubits)]
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.circuit_design.check_local_rotations_layer(local_rotations_layer)

# %% [markdown]
# The library's version, as a circuit, and a partial layer on wires 0 and 2 only:

# %%
print(qk.ansatz.to_circuit(qk.ansatz.local_rotations_layer(3, "Y")))
print(qk.ansatz.partial_rotations_layer([0, 2], "X"))

# %% [markdown]
# ### Cyclic entangling layers
#
# A cyclic entangling layer links every qubit to a partner further round the register with a
# controlled rotation. Microsoft's convention: gate i has **target i**, **control (i + stride) mod
# n** and parameter i, for i = 0 … n−1. With stride 1 each qubit is controlled by its neighbour
# below it, and the last one by qubit 0, which closes the ring; a larger stride links qubits
# further apart.

# %%
print(qk.ansatz.to_circuit(qk.ansatz.cyclic_entangling_layer(4, "X", stride=1)))

# %% [markdown]
# ### Exercise 02.2 — A cyclic entangling layer with a stride
#
# **Input:** `n_qubits`, from 2 to 7; `axis`; `stride`, from 1 to `n_qubits − 1`.
# **Goal:** return Microsoft's `CyclicEntanglingLayer(n_qubits, axis, stride)`: for i = 0, 1, …,
# n−1 in this order, a rotation about `axis` with target i, the single control
# (i + stride) mod n, and parameter i. The gates share qubits and do not commute, so their order
# matters.
#
# <details><summary>Hint 1</summary>
#
# Microsoft documents `CyclicEntanglingLayer(3, PauliX, 2)` as
# `[ControlledRotation((0, [2]), PauliX, 0), ControlledRotation((1, [0]), PauliX, 1),
# ControlledRotation((2, [1]), PauliX, 2)]`, where `(0, [2])` means target 0, controls [2].
# </details>
# <details><summary>Hint 2</summary>
#
# `qk.ansatz.ControlledRotation(i, ((i + stride) % n_qubits,), axis, i)` for i in `range(n_qubits)`.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Follow the convention literally: the record for gate i targets qubit i,
# is controlled by the qubit `stride` places after it, wrapping around with `% n_qubits`, and
# reads parameter i. Two classic slips give valid but different layers: swapping control and target
# (qubit i controls qubit i + stride) and going the wrong way round (control i − stride). The check
# tells them apart because the gates do not commute and each reads its own parameter.

# %%
def cyclic_entangling_layer(n_qubits, axis, stride):
    """Microsoft's CyclicEntanglingLayer: gate i has target i, control (i + stride) mod n, parameter i."""
    # BEGIN SOLUTION
    return [qk.ansatz.ControlledRotation(i, ((i + stride) % n_qubits,), axis, i)
            for i in range(n_qubits)]
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.circuit_design.check_cyclic_entangling_layer(cyclic_entangling_layer)

# %% [markdown]
# ### Combining layers
#
# `qk.ansatz.combined_structure(layers)`, Microsoft's `CombinedStructure`, puts layers one after
# the other and shifts each layer's parameter indices past those of the layers before it, so that
# different layers train different parameters. This is Microsoft's documented example, a local RY
# layer on 2 qubits followed by a cyclic RX layer on 3:

# %%
structure = qk.ansatz.combined_structure([qk.ansatz.local_rotations_layer(2, "Y"),
                                          qk.ansatz.cyclic_entangling_layer(3, "X", stride=2)])
for g in structure:
    print(g)
print("qubits needed:", qk.ansatz.n_qubits_required(structure), " parameters:", qk.ansatz.n_params(structure))

# %% [markdown]
# `n_qubits_required` is one more than the largest wire any record uses, as a target or as a
# control. (Microsoft's library shifts each layer by its number of *gates*; the two agree whenever
# every gate of a layer has its own parameter, as in all the layers above. qmlkit shifts by the
# number of *parameters*, so a layer with shared parameters leaves no unused index behind.)

# %% [markdown]
# ### Exercise 02.3 — Count the parameters of a combined structure
#
# **Input:** `layers`, a list of layers; each layer is a list of `ControlledRotation` records
# whose parameter indices run from 0 up to some largest index, and several gates of a layer may
# share an index.
# **Goal:** return the number of parameters of `combined_structure(layers)`, computed from the
# records yourself (without calling `combined_structure` or `n_params`).
#
# <details><summary>Hint</summary>
#
# A layer reads `max(g.param for g in layer) + 1` parameters, and combining gives every layer its
# own.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** A layer whose indices run from 0 to m reads m + 1 parameters, however
# many gates share them. Combining shifts the second layer's indices by the first layer's count,
# the third by the first two, and so on, so no two layers share a parameter and the counts add up.
# Counting gates instead would count each shared parameter several times; taking the largest index
# over all layers without the shift would make the layers share parameters.

# %%
def combined_n_params(layers):
    """The number of parameters of combined_structure(layers)."""
    # BEGIN SOLUTION
    return sum(max(g.param for g in layer) + 1 for layer in layers)
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.circuit_design.check_combined_n_params(combined_n_params)

# %% [markdown]
# ## 2. Entanglement, and why a classifier needs it
#
# A classifier reads one qubit, say ⟨Z⟩ of wire 0. If its circuit has only single-qubit gates,
# that number depends on wire 0's own reduced state of the input and on nothing else: whatever
# the other wires hold never reaches the readout. Two amplitude-encoded inputs show it:
# |Φ±⟩ = (|00⟩ ± |11⟩)/√2 differ only in a sign that lives in the *correlation* between the wires,
# while each wire on its own is maximally mixed in both. We search 500 random settings of a model
# made of local layers only for the largest difference between its outputs on the two inputs.

# %%
inputs = qk.encoding.amplitude_encoding([[1.0, 0.0, 0.0, 1.0], [1.0, 0.0, 0.0, -1.0]])   # |Φ+⟩, |Φ−⟩
local_model = qk.ansatz.to_circuit(qk.ansatz.combined_structure(
    [qk.ansatz.local_rotations_layer(2, axis) for axis in "YZYX"]))
rng = np.random.default_rng(0)
gaps = [np.ptp(local_model.expval(qk.Z(0), rng.uniform(0, 2 * np.pi, local_model.n_params),
                                  initial_state=inputs)) for _ in range(500)]
print("local layers only: largest |⟨Z0⟩(Φ+) − ⟨Z0⟩(Φ−)| =", round(max(gaps), 12) + 0.0)

# %% [markdown]
# One entangling gate is enough: a CNOT from wire 0 to wire 1, then H on wire 0, maps |Φ+⟩ to |00⟩
# and |Φ−⟩ to |10⟩, and the readout separates them perfectly.

# %%
decoder = qk.Circuit(2).cnot(0, 1).h(0)
print("CNOT then H:        ⟨Z0⟩ =", np.round(decoder.expval(qk.Z(0), initial_state=inputs), 12) + 0.0)

# %% [markdown]
# ### Measuring entanglement: the Meyer–Wallach measure
#
# Wire k of an n-qubit state |ψ⟩ has a *reduced density matrix* ρ_k = Tr_{others} |ψ⟩⟨ψ|, the
# 2 × 2 matrix that predicts every measurement on wire k alone. Its *purity* Tr ρ_k² is 1 when
# the wire has a pure state of its own and drops to ½ when it is maximally entangled with the
# rest. Meyer and Wallach (2002) average this over the wires:
#
# $$Q(\psi) = 2\Big(1 - \frac1n \sum_{k=0}^{n-1} \operatorname{Tr}\rho_k^2\Big),$$
#
# which is 0 for product states and 1 for the GHZ states (and Bell states). In notebook 00 you met
# the Bloch vector r of a wire; its length tells the same story, since Tr ρ_k² = (1 + |r|²)/2.

# %% [markdown]
# ### Exercise 02.4 — The Meyer–Wallach entanglement of a state
#
# **Input:** `state`, an array of 2ⁿ complex amplitudes (1 ≤ n ≤ 5), normalised.
# **Goal:** return $Q(\psi)$ as a float. Compute each ρ_k from the amplitudes yourself.
#
# <details><summary>Hint 1</summary>
#
# Reshape the state to one axis per wire, `psi.reshape((2,) * n)`, move wire k's axis to the
# front with `np.moveaxis(t, k, 0)`, and flatten the rest: a matrix M of shape (2, 2ⁿ⁻¹).
# Tracing out the other wires is then a matrix product, ρ_k = M M†.
# </details>
# <details><summary>Hint 2</summary>
#
# The purity of ρ is Tr(ρ ρ), which for a Hermitian ρ equals the sum of |ρ_ij|² over all entries:
# `np.sum(np.abs(rho) ** 2)`.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: with one axis per wire, moving wire k to the front and
# flattening the rest writes |ψ⟩ = Σ_{a,r} M[a, r] |a⟩_k|r⟩_rest. Step 2: tracing out the rest sums
# over r, so ρ_k[a, b] = Σ_r M[a, r] M[b, r]*, the matrix product M M†; forgetting the conjugate
# gives a wrong ρ for complex states. Step 3: the purity sums |ρ_ij|² over all four entries,
# including the off-diagonal coherences (|+⟩ is pure although its probabilities are ½ and ½).
# Step 4: average over the wires and apply Q = 2(1 − mean purity); the 2 scales Q to 1 for a Bell
# or GHZ state.

# %%
def meyer_wallach(state):
    """Q = 2(1 − mean_k Tr ρ_k²) of an n-qubit state."""
    # BEGIN SOLUTION
    psi = np.asarray(state, dtype=complex)
    n = int(np.log2(psi.size))
    purities = []
    for k in range(n):
        m = np.moveaxis(psi.reshape((2,) * n), k, 0).reshape(2, -1)   # (wire k, the other wires)
        rho = m @ m.conj().T
        purities.append(np.sum(np.abs(rho) ** 2))
    return 2 * (1 - np.mean(purities))
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.circuit_design.check_meyer_wallach(meyer_wallach)

# %% [markdown]
# `qk.expressivity.meyer_wallach` computes the same for a whole batch of states at once. Local
# layers keep Q at 0 whatever their parameters; add cyclic entangling layers and the states they
# make are entangled (here on 4 qubits, averaged over 200 random parameter settings).

# %%
with_entanglers = qk.ansatz.to_circuit(qk.ansatz.combined_structure(
    [qk.ansatz.local_rotations_layer(4, "Y"), qk.ansatz.cyclic_entangling_layer(4, "X", 1),
     qk.ansatz.local_rotations_layer(4, "Y"), qk.ansatz.cyclic_entangling_layer(4, "X", 1)]))
only_local = qk.ansatz.to_circuit(qk.ansatz.combined_structure(
    [qk.ansatz.local_rotations_layer(4, "Y"), qk.ansatz.local_rotations_layer(4, "X")]))
for name, circuit in [("local layers only", only_local), ("with cyclic entanglers", with_entanglers)]:
    thetas = qk.expressivity.sample_params(circuit, 200, random_state=1)
    q = qk.expressivity.meyer_wallach(qk.expressivity.parameter_states(circuit, thetas))
    print(f"{name:<24} mean Q = {q.mean():.3f}   largest Q = {q.max():.3f}")

# %% [markdown]
# ## 3. The circuit-centric design
#
# Schuld, Bocharov, Svore and Wiebe (2018) built their classifier from *code blocks*. A block
# applies a general single-qubit gate G to every qubit — three parameters, here
# ROT(φ, θ, ω) = RZ(ω) RY(θ) RZ(φ) — and then n controlled G's that link qubits a distance r apart,
# the block's *range*: for j = 0 … n−1,
#
# $$\text{control } c_j = (j\,r) \bmod n, \qquad \text{target } t_j = (j\,r - r) \bmod n .$$
#
# With r coprime to n every qubit is a control once and a target once. On 4 qubits with r = 3:

# %%
block = qk.ansatz.code_block(4, 3)
print([(op.controls[0], op.wires[0]) for op in block.ops[4:]], "  (control, target) of the controlled gates")

# %% [markdown]
# ### Exercise 02.5 — A circuit-centric code block
#
# **Input:** `n_qubits`, from 2 to 6; `r`, the range, from 1 to `n_qubits − 1`.
# **Goal:** return a `qk.Circuit` with the code block: first, on every qubit q in order,
# `rot(θ[3q], θ[3q+1], θ[3q+2])`; then for j = 0 … n−1 in order a ROT with the next three
# parameters, θ[3n + 3j], θ[3n + 3j + 1], θ[3n + 3j + 2], on target (j·r − r) mod n, controlled by
# (j·r) mod n. Write the parameters as `qk.Param(k)`. The check compares the unitaries at random
# parameter values.
#
# <details><summary>Hint 1</summary>
#
# `circuit.rot(qk.Param(k), qk.Param(k + 1), qk.Param(k + 2), target, controls=[control])` adds a
# controlled ROT; without `controls` it is a plain one. Keep a counter k and add 3 after each gate.
# </details>
# <details><summary>Hint 2</summary>
#
# For n = 2 and r = 1 the controlled gates are 0 → 1 (j = 0: control 0, target −1 mod 2 = 1) and
# then 1 → 0.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** A counter k walks through the parameters three at a time. The first loop
# puts a general gate on every qubit. The second loop computes, for each j, the control (j·r) mod n
# and the target r places before it, (j·r − r) mod n — Python's `%` already returns a value in
# 0 … n−1 for a negative number. Each controlled gate is a general gate too, with its own three
# parameters; a CNOT in its place (as in PennyLane's strongly entangling layers) would give a
# different, smaller model.

# %%
def code_block(n_qubits, r):
    """A circuit-centric code block of range r: ROT on every qubit, then n controlled ROTs."""
    # BEGIN SOLUTION
    circuit, k = qk.Circuit(n_qubits), 0
    for q in range(n_qubits):
        circuit.rot(qk.Param(k), qk.Param(k + 1), qk.Param(k + 2), q)
        k += 3
    for j in range(n_qubits):
        control, target = (j * r) % n_qubits, (j * r - r) % n_qubits
        circuit.rot(qk.Param(k), qk.Param(k + 1), qk.Param(k + 2), target, controls=[control])
        k += 3
    return circuit
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.circuit_design.check_code_block(code_block)

# %% [markdown]
# The model of the paper stacks code blocks with different ranges and ends with one more general
# gate on qubit 0, the qubit it measures. `qk.ansatz.circuit_centric(n_qubits, ranges)` builds it.

# %% [markdown]
# ### Exercise 02.6 — How many gates and parameters?
#
# **Input:** `n_qubits` (at least 2); `ranges`, a tuple with one range per code block (possibly
# empty).
# **Goal:** return `[number of gates, number of parameters]` of
# `qk.ansatz.circuit_centric(n_qubits, ranges)`, counted by hand: every gate, controlled or not, is
# a general single-qubit gate with 3 parameters. For 8 qubits and ranges (1, 3) the paper's answer
# is 33 gates.
#
# <details><summary>Hint</summary>
#
# A block has n single-qubit gates and n controlled gates; there is one block per range, and then
# the final gate.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Each code block has n gates in its single-qubit layer and n controlled
# gates, 2n in all, whatever its range; with one block per range and the final gate that makes
# 2n·len(ranges) + 1 gates — 2·8·2 + 1 = 33 for the paper's model. Each has 3 parameters, so 99.
# For amplitude-encoded inputs of dimension 2ⁿ that is O(n) parameters per block: polylogarithmic
# in the input size, the design's selling point.

# %%
def circuit_centric_size(n_qubits, ranges):
    """[gates, parameters] of the circuit-centric model with one code block per range."""
    # BEGIN SOLUTION
    gates = 2 * n_qubits * len(ranges) + 1
    return [gates, 3 * gates]
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.circuit_design.check_circuit_centric_size(circuit_centric_size)

# %% [markdown]
# Here is the paper's model, with its size and depth as qmlkit counts them:

# %%
model = qk.ansatz.circuit_centric(8, ranges=(1, 3))
print(f"gates {len(model)}, parameters {model.n_params}, two-qubit gates {model.count(2)}, depth {model.depth()}")

# %% [markdown]
# ## 4. Drawing circuits, and reading them
#
# The text diagram of those 33 gates would be several hundred characters wide. `qk.plot_circuit`
# draws the same layout — gates packed into columns exactly as `print(circuit)` does — with a box
# per gate, its parameters in it, a dot for each control on a vertical line to its target.

# %%
qk.plot_circuit(model)
plt.show()

# %% [markdown]
# A CNOT's target is drawn as ⊕, a SWAP as two ×. Here are two more structures from
# `qk.ansatz`: strongly entangling layers (ROT on every qubit, then a ring of CNOTs whose range
# grows from layer to layer) and a hardware-efficient circuit (RY and RZ on every qubit, then a
# ladder of CZ gates).

# %%
qk.plot_circuit(qk.ansatz.strongly_entangling(4, 2))
plt.show()
qk.plot_circuit(qk.ansatz.hardware_efficient(4, 2))
plt.show()

# %% [markdown]
# Reading a diagram takes care in two places. Time runs left to right, but operators multiply right
# to left: the unitary of gates G₁, G₂, G₃ applied in that order is U = G₃G₂G₁. And wire 0 is the
# most significant bit, the leftmost factor of a Kronecker product. Two circuits can also differ by
# a *global phase* e^{iφ} only, which no measurement can see: they are the same operation.

# %% [markdown]
# ### Exercise 02.7 ★ — Which circuit makes this unitary?
#
# **Input:** `unitary`, a 2ⁿ × 2ⁿ matrix (n from 1 to 3); `circuits`, a pair of `qk.Circuit`s
# without parameters.
# **Goal:** return the index, 0 or 1, of the circuit whose unitary equals `unitary` up to a global
# phase. Exactly one of them does; the other is a tempting decoy (its gates reversed, its wires
# reversed, or one gate changed).
#
# <details><summary>Hint 1</summary>
#
# Column k of a circuit's unitary is the state the circuit makes from the basis state |k⟩.
# `circuit.states(initial_state=np.eye(2 ** n))` runs the circuit on all basis states at once and
# returns them as *rows*.
# </details>
# <details><summary>Hint 2</summary>
#
# U and V are equal up to a global phase exactly when |tr(U†V)| = 2ⁿ; for unitaries it is never
# larger. Pick the circuit with the largest |tr(U†V)|.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: run each circuit on every basis state at once; the rows of
# `states(initial_state=np.eye(d))` are U|k⟩, so U is its transpose. Step 2: compare with the
# target in a way that ignores a global phase. |tr(U†V)| = |Σ_k ⟨k|U†V|k⟩| is at most d, with
# equality only when every column of V is e^{iφ} times the same column of U, for one common φ.
# Comparing entries directly fails for a phase; comparing |entries| ignores *relative* phases
# too, and forgetting the transpose or using Qiskit's wire order matches the decoys on purpose.

# %%
def matching_circuit(unitary, circuits):
    """0 or 1: the index of the circuit whose unitary equals `unitary` up to a global phase."""
    # BEGIN SOLUTION
    overlaps = []
    for circuit in circuits:
        u = circuit.states(initial_state=np.eye(2 ** circuit.n_qubits)).T
        overlaps.append(abs(np.trace(u.conj().T @ unitary)))
    return int(np.argmax(overlaps))
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.circuit_design.check_matching_circuit(matching_circuit)

# %% [markdown]
# ## 5. Expressibility and entangling capability
#
# Which structure should you train? Sim, Johnson and Aspuru-Guzik (2019) proposed two numbers that
# can be computed before any training. *Expressibility* asks how evenly a circuit's states, for
# random parameters, cover the space of all states: draw thousands of pairs of random parameter
# vectors, compute the fidelities F = |⟨ψ(θ)|ψ(φ)⟩|², and compare their histogram (75 bins) with
# the one of Haar-random states, P(F) = (N − 1)(1 − F)^{N−2} for N = 2ⁿ, by the Kullback–Leibler
# divergence. Lower is more expressive. `qk.expressivity.expressibility` runs every random
# parameter set in one batched simulation.
#
# Their first example has one qubit, where Haar-random fidelities are uniform. A circuit that
# always makes the same state has every F = 1, all in the last bin: KL = ln 75.

# %%
P = qk.Param
one_qubit = {"idle": qk.Circuit(1), "H, RZ": qk.Circuit(1).h(0).rz(P(0), 0),
             "H, RZ, RX": qk.Circuit(1).h(0).rz(P(0), 0).rx(P(1), 0)}
fig, axes = plt.subplots(1, 3, figsize=(11, 2.8), sharey=True)
for ax, (name, circuit) in zip(axes, one_qubit.items()):
    F = qk.expressivity.fidelities(circuit, n_pairs=5000, random_state=0)
    kl = qk.expressivity.expressibility(circuit, n_pairs=5000, random_state=0)
    ax.hist(F, bins=np.linspace(0, 1, 76), density=True, color="tab:blue", label="circuit")
    ax.plot([0, 1], [1, 1], color="black", linewidth=1.5, label="Haar (uniform)")
    ax.set_title(f"{name}: KL = {kl:.3f}")
    ax.set_xlabel("fidelity F")
    print(f"{name:<10} expressibility {kl:.3f}")
axes[0].set_ylabel("density")
axes[0].set_ylim(0, 4)
axes[0].text(0.55, 3.4, "all 5000 pairs\nat F = 1 →", fontsize=9)
axes[2].legend(loc="upper right", fontsize=8)
fig.tight_layout()
plt.show()
print("ln 75 =", round(np.log(75), 3))

# %% [markdown]
# H·RZ can only reach the equator of the Bloch sphere, and its fidelities pile up at 0 and 1 (the
# arcsine law); one more rotation reaches the whole sphere. *Entangling capability* is the mean
# Meyer–Wallach Q over random parameters. Here are both for a handful of 4-qubit structures with
# their sizes, from 5000 random pairs each (`qk.expressivity.summary`).

# %%
structures = {
    "local rotations (2 layers)": qk.ansatz.to_circuit(qk.ansatz.combined_structure(
        [qk.ansatz.local_rotations_layer(4, "Y"), qk.ansatz.local_rotations_layer(4, "Z")] * 2)),
    "hardware-efficient, 1 layer": qk.ansatz.hardware_efficient(4, 1),
    "hardware-efficient, 3 layers": qk.ansatz.hardware_efficient(4, 3),
    "Microsoft RY + cyclic CRX, 2": qk.ansatz.to_circuit(qk.ansatz.combined_structure(
        [qk.ansatz.local_rotations_layer(4, "Y"), qk.ansatz.cyclic_entangling_layer(4, "X", 1)] * 2)),
    "strongly entangling, 2": qk.ansatz.strongly_entangling(4, 2),
    "circuit-centric (1, 3)": qk.ansatz.circuit_centric(4, (1, 3)),
}
table = {name: qk.expressivity.summary(c, n_pairs=5000, random_state=0) for name, c in structures.items()}
print(f"{'structure':<30}{'params':>7}{'2q gates':>9}{'depth':>6}{'expressibility':>16}{'entangling':>12}")
for name, s in table.items():
    print(f"{name:<30}{s['n_params']:>7}{s['two_qubit_gates']:>9}{s['depth']:>6}"
          f"{s['expressibility']:>16.3f}{s['entangling_capability']:>12.3f}")

# %% [markdown]
# How low can these numbers go? Truly Haar-random states (normalised complex Gaussian vectors) give
# the reference: their fidelities follow P_Haar exactly, so their estimated expressibility is the
# floor that 5000 pairs can resolve, and their mean Q is what "as entangled as a random state" means.

# %%
rng = np.random.default_rng(0)
haar = rng.normal(size=(10000, 16)) + 1j * rng.normal(size=(10000, 16))
haar /= np.linalg.norm(haar, axis=1, keepdims=True)                        # 10000 Haar-random states
haar_kl = qk.expressivity.kl_to_haar(np.abs(np.sum(haar[:5000].conj() * haar[5000:], axis=1)) ** 2, 4)
haar_q = qk.expressivity.meyer_wallach(haar).mean()
print(f"Haar-random states, 4 qubits: expressibility {haar_kl:.4f}, mean Q {haar_q:.3f}")

# %% [markdown]
# The structures side by side, with the Haar values as dotted lines. Expressibility is on a log
# scale, so it is shown as points rather than bars.

# %%
names = list(table)
y = np.arange(len(names))
kl = np.array([table[k]["expressibility"] for k in names])
ent = np.array([table[k]["entangling_capability"] for k in names])
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6), sharey=True)
axes[0].semilogx(kl, y, "o", color="tab:blue", markersize=8)
axes[0].axvline(haar_kl, color="gray", linestyle=":", label="Haar-random states")
axes[0].set_xlim(haar_kl / 2, 1.5)
axes[0].set_xlabel("expressibility: KL to Haar (lower = more expressive)")
axes[1].barh(y, ent, color="tab:orange")
axes[1].axvline(haar_q, color="gray", linestyle=":", label="Haar-random states")
axes[1].set_xlim(0, 1)
axes[1].set_xlabel("entangling capability: mean Meyer–Wallach Q")
for k in range(len(names)):
    axes[0].annotate(f"{kl[k]:.3f}", (kl[k], y[k]), xytext=(8, 0), textcoords="offset points", va="center")
    axes[1].annotate(f"{ent[k]:.2f}", (ent[k], y[k]), xytext=(4, 0), textcoords="offset points", va="center")
axes[0].legend(loc="lower right", fontsize=8)
axes[1].legend(loc="upper right", fontsize=8)
axes[0].set_yticks(y)
axes[0].set_yticklabels(names)
axes[0].invert_yaxis()
fig.tight_layout()
plt.show()

# %% [markdown]
# Local rotations never entangle (Q = 0), and product states cover the 4-qubit state space poorly;
# yet one hardware-efficient layer does even worse: its CZ ladder entangles, but 8 parameters
# reach only a thin slice of states. Entangling gates improve both numbers, but not in lockstep:
# the strongly entangling layers entangle most, a little more than random states do, while the
# circuit-centric model, with twice as many parameters, is the most expressive. Neither number scores a classifier: they describe what
# a circuit *can* do, not what your data needs.

# %% [markdown]
# ## 6. Trade-offs: more parameters, more expressive, harder to train
#
# Add layers and a circuit grows more expressive, up to a point. Here is the hardware-efficient
# circuit on 4 qubits with 1 to 8 layers; the dotted lines are the Haar-random values again.

# %%
layers = np.arange(1, 9)
runs = [qk.expressivity.summary(qk.ansatz.hardware_efficient(4, int(L)), n_pairs=5000, random_state=0)
        for L in layers]
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
axes[0].semilogy(layers, [r["expressibility"] for r in runs], "o-")
axes[0].axhline(haar_kl, color="gray", linestyle=":", label="Haar-random states")
axes[0].set_ylabel("expressibility (KL to Haar)")
axes[1].plot(layers, [r["entangling_capability"] for r in runs], "s-", color="tab:orange")
axes[1].axhline(haar_q, color="gray", linestyle=":", label="Haar-random states")
axes[1].set_ylabel("entangling capability")
axes[1].set_ylim(0, 1)
for ax in axes:
    ax.set_xlabel("layers (8 parameters each)")
    ax.legend(loc="center right")
fig.tight_layout()
plt.show()
for L, r in zip(layers, runs):
    print(f"{L} layers: {r['n_params']:>2} parameters, expressibility {r['expressibility']:.4f}, "
          f"entangling capability {r['entangling_capability']:.3f}")

# %% [markdown]
# After about five layers the expressibility reaches the floor of the estimate and the
# entanglement approaches that of random states: more parameters no longer buy a richer set of
# states, only more gates — more noise on real hardware — and more parameters to train. Worse,
# expressiveness has a price in training: a circuit whose states look Haar-random has a cost
# landscape that is flat almost everywhere, with gradients that vanish exponentially in the number
# of qubits (McClean et al. 2018; Holmes et al. 2022). Notebook 04, "Barren plateaus", measures
# this. One remedy is to start from the identity: `qk.ansatz.identity_block(block)` appends the
# block's inverse with its own parameters, so that equal parameters in both halves give exactly
# the identity (Grant et al. 2019).

# %%
ib = qk.ansatz.identity_block(qk.ansatz.hardware_efficient(4, 2))
theta = np.tile(np.random.default_rng(2).uniform(0, 2 * np.pi, ib.n_params // 2), 2)
print(ib.n_params, "parameters; with both halves equal the state stays |0000⟩:",
      np.allclose(ib.states(theta), qk.zero_state(4)))

# %% [markdown]
# ### Every structure side by side
#
# Choose a structure, its number of qubits and of layers: the diagram and the size update at
# once. Expressibility and entangling capability sample thousands of random states, so they wait
# for the button (a second or two on 8 qubits). Which structures reach low expressibility with
# few two-qubit gates?

# %% tags=["nbval-ignore-output"]
qk.widgets.circuit_explorer()

# %% [markdown]
# ## Summary
#
# * A structure in Microsoft's library is a list of controlled rotations (target, controls, axis,
#   parameter index); gates may share a parameter. Local and partial rotation layers act on each
#   qubit alone; a cyclic entangling layer links qubit i (target) to (i + stride) mod n (control);
#   combining layers shifts their parameter indices so that layers do not share parameters.
# * With single-qubit gates only, the measured qubit never learns what the other wires hold: a
#   classifier needs entangling gates. The Meyer–Wallach measure Q = 2(1 − mean Tr ρ_k²) is 0 for
#   product states and 1 for GHZ states.
# * The circuit-centric design stacks code blocks — a general gate on every qubit, then n
#   controlled general gates of range r — and ends with a gate on the measured qubit: 33 gates and
#   99 parameters on 8 qubits for ranges (1, 3).
# * `qk.plot_circuit` draws a circuit; to read one, remember that matrices multiply right to left,
#   wire 0 is the most significant bit, and a global phase changes nothing.
# * Expressibility (KL divergence of the fidelity distribution from Haar's) and entangling
#   capability (mean Q) compare structures before training; both saturate with depth, and the most
#   expressive circuits are the hardest to train (notebook 04).
#
# ## Exercises recap
#
# | | exercise | idea |
# |---|---|---|
# | 02.1 | `local_rotations_layer` | one rotation per qubit, qubit q reads parameter q |
# | 02.2 | `cyclic_entangling_layer` | target i, control (i + stride) mod n |
# | 02.3 | `combined_n_params` | shared parameters count once; layers do not share |
# | 02.4 | `meyer_wallach` | reduced states ρ_k = M M† and their purities |
# | 02.5 | `code_block` | control (j·r) mod n, target (j·r − r) mod n |
# | 02.6 | `circuit_centric_size` | 2n gates per block, plus one: 33 gates, 99 parameters |
# | 02.7 ★ | `matching_circuit` | a circuit's unitary; equality up to a global phase |
#
# Your progress over the whole workbook so far:

# %% tags=["nbval-ignore-output"]
qk.katas.progress()

# %% [markdown]
# ## References
#
# * M. Schuld, A. Bocharov, K. M. Svore and N. Wiebe, "Circuit-centric quantum classifiers",
#   Phys. Rev. A 101, 032308 (2020), arXiv:1804.00633.
# * Microsoft Quantum, `Microsoft.Quantum.MachineLearning`: `ControlledRotation`,
#   `LocalRotationsLayer`, `PartialRotationsLayer`, `CyclicEntanglingLayer`, `CombinedStructure`,
#   `NQubitsRequired` (Q# API reference), and the QuantumClassification tutorial.
# * S. Sim, P. D. Johnson and A. Aspuru-Guzik, "Expressibility and entangling capability of
#   parameterized quantum circuits for hybrid quantum-classical algorithms", Adv. Quantum Technol.
#   2, 1900070 (2019), arXiv:1905.10876.
# * D. A. Meyer and N. R. Wallach, "Global entanglement in multiparticle systems", J. Math. Phys.
#   43, 4273 (2002), arXiv:quant-ph/0108104.
# * A. Kandala et al., "Hardware-efficient variational quantum eigensolver for small molecules and
#   quantum magnets", Nature 549, 242 (2017), arXiv:1704.05018.
# * J. R. McClean, S. Boixo, V. N. Smelyanskiy, R. Babbush and H. Neven, "Barren plateaus in quantum
#   neural network training landscapes", Nat. Commun. 9, 4812 (2018), arXiv:1803.11173.
# * Z. Holmes, K. Sharma, M. Cerezo and P. J. Coles, "Connecting ansatz expressibility to gradient
#   magnitudes and barren plateaus", PRX Quantum 3, 010313 (2022), arXiv:2101.02138.
# * E. Grant, L. Wossnig, M. Ostaszewski and M. Benedetti, "An initialization strategy for
#   addressing barren plateaus in parametrized quantum circuits", Quantum 3, 214 (2019),
#   arXiv:1903.05076.
# * PennyLane, `qml.StronglyEntanglingLayers`: strongly entangling layers with CNOT entanglers.
