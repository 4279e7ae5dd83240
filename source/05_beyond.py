# %% [markdown]
# # 05 · Beyond: kernels, data re-uploading, and running on real hardware
#
# The four core notebooks built one kind of model: encode, apply a trainable circuit, measure. This
# notebook opens three doors from there. *Kernel methods* use the encoding alone and leave the
# learning to a classical support-vector machine. *Data re-uploading* feeds the data into the
# circuit again and again, and turns a single qubit into a universal classifier. And *hardware*:
# what shots and noise do to a trained classifier, and how to take it to a real quantum computer
# as OpenQASM, checked side by side with Qiskit.
#
# **What you will learn in this notebook**
#
# * the fidelity kernel |⟨φ(x)|φ(x′)⟩|² as an inner product of encoded states, and how hardware
#   measures it (the inversion test);
# * kernel matrices as pictures, support-vector machines on a precomputed kernel, and the ad hoc
#   data set of Havlíček et al. (2019) that the ZZ feature map separates perfectly;
# * kernel-target alignment, a number for how well a kernel fits the labels;
# * exponential concentration: why kernel values bunch up as qubits are added, and what bandwidth does;
# * the data re-uploading classifier of Pérez-Salinas et al. (2020): one qubit, L layers of
#   U3(θ + w∘x), labels as target states; why one layer cannot classify a circle and eight can;
# * what finite shots, depolarising errors and readout errors do to accuracy, derived and sampled;
# * exporting a trained classifier to OpenQASM 2.0 and 3.0, importing it back, and running it in
#   Qiskit next to qmlkit, with the qubit order handled.
#
# **Prerequisites:** notebooks 00–03 (states, the wire order, encodings and the ZZ feature map's
# kernel, circuits, training); notebook 04 for the section on concentration. Exercises marked ★ are
# harder.

# %%
import matplotlib.pyplot as plt
import numpy as np
import qmlkit as qk

# %% [markdown]
# ## 1. Kernels are inner products of encoded states
#
# An encoding maps a sample x to a state |φ(x)⟩. Two samples look alike to a quantum model when
# their states do, and the natural measure is the *fidelity kernel*
# $k(x, x') = |\langle\varphi(x)|\varphi(x')\rangle|^2$. It is an inner product: with the density
# matrices ρ(x) = |φ(x)⟩⟨φ(x)| it equals Tr ρ(x)ρ(x′), so a kernel method works linearly in the
# space of density matrices (Schuld & Killoran 2019; Havlíček et al. 2019). Here are two samples
# under the ZZ feature map from notebook 01.

# %%
zz_map = qk.encoding.zz_feature_map(2, reps=2)
x, x_prime = np.array([0.4, 1.3]), np.array([1.1, 2.9])
phi, phi_prime = zz_map.states(np.array([x, x_prime]))
rho, rho_prime = np.outer(phi, phi.conj()), np.outer(phi_prime, phi_prime.conj())
print("|⟨φ(x)|φ(x′)⟩|² =", round(abs(np.vdot(phi, phi_prime)) ** 2, 4))
print("Tr ρ(x)ρ(x′)    =", round(np.trace(rho @ rho_prime).real, 4))
print("qk.kernels.fidelity_kernel:", np.round(qk.kernels.fidelity_kernel(zz_map, [x], [x_prime]), 4))

# %% [markdown]
# A quantum computer never shows you |φ(x)⟩, so how does it get the overlap? The *inversion test*:
# prepare |φ(x)⟩ = U(x)|0…0⟩, then run the encoding of x′ backwards, U(x′)†, and measure. The
# amplitude of |0…0⟩ is ⟨0…0|U(x′)†U(x)|0…0⟩ = ⟨φ(x′)|φ(x)⟩, so the probability of measuring all
# zeros is the kernel. `circuit.inverse()` gives U† (gates reversed, each inverted). Here is the
# encoding circuit of a small example and its inverse:

# %%
encoder = qk.Circuit(2).h(0).h(1).rz(qk.Feature(0), 0).rz(qk.Feature(1), 1).cnot(0, 1).ry(qk.Feature(0), 1)
print(encoder)
print(encoder.inverse())

# %% [markdown]
# ### Exercise 05.1 — The kernel as hardware measures it: the inversion test
#
# **Input:** `circuit`, a `qk.Circuit` that reads the features of one sample (no trainable
# parameters); `x` and `x_prime`, two samples.
# **Goal:** return the probability of measuring |0…0⟩ after running U(x) and then U(x′)†. The check
# compares it with the kernel |⟨φ(x′)|φ(x)⟩|².
#
# <details><summary>Hint 1</summary>
#
# `circuit.states(X=x)` runs U(x) from |0…0⟩. Any circuit can start from another state:
# `circuit.states(X=..., initial_state=psi)`.
# </details>
# <details><summary>Hint 2</summary>
#
# `circuit.inverse()` is U† and reads the same features, so give it `X=x_prime`. The probability of
# |0…0⟩ is |amplitude 0|².
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: run the encoding of x from |0…0⟩, which gives |φ(x)⟩. Step 2: run
# the inverse circuit with the features of x′, starting from that state: the result is
# U(x′)†|φ(x)⟩. Step 3: its first amplitude is ⟨0…0|U(x′)†|φ(x)⟩ = ⟨φ(x′)|φ(x)⟩, and the probability
# of measuring |0…0⟩ is its squared modulus. On hardware you would estimate that probability from
# shots; the simulator gives it exactly.

# %%
def inversion_test(circuit, x, x_prime):
    """P(|0…0⟩) after U(x) and then U(x′)†: the fidelity kernel k(x, x′)."""
    # BEGIN SOLUTION
    psi = circuit.states(X=x)
    out = circuit.inverse().states(X=x_prime, initial_state=psi)
    return abs(out[0]) ** 2
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.beyond.check_inversion_test(inversion_test)

# %% [markdown]
# A kernel method needs the whole Gram matrix $K_{ij} = k(x_i, x_j)$. The inversion test costs one
# circuit per pair, n² circuits on hardware. A simulator needs far less: it prepares every
# |φ(x_i)⟩ once, as one batch Ψ with a row per sample, and then K is a single matrix product,
# $K = |\Psi^*\Psi^\top|^2$ entrywise. That is what `qk.kernels.fidelity_kernel` does. A Gram
# matrix is symmetric, positive semi-definite, and has ones on its diagonal:

# %%
X_demo = np.random.default_rng(0).uniform(0, 2 * np.pi, (6, 2))
K_demo = qk.kernels.fidelity_kernel(zz_map, X_demo)
print(np.round(K_demo, 3))
print("symmetric:", np.allclose(K_demo, K_demo.T), " diagonal all 1:", np.allclose(np.diag(K_demo), 1),
      " smallest eigenvalue ≥ 0:", bool(np.linalg.eigvalsh(K_demo).min() > -1e-10))

# %% [markdown]
# ## 2. Kernel matrices as pictures: the ad hoc data set
#
# Havlíček et al. (2019) built a data set that the ZZ feature map is made for. Points x are drawn
# uniformly from [0, 2π)², encoded as |Φ(x)⟩, and labelled by the sign of
# f(x) = ⟨Φ(x)|V†ΠV|Φ(x)⟩ for a random unitary V and the parity Π = Z⊗Z; points with |f(x)| < Δ
# (the gap, 0.3) are thrown away. Since f(x) = Tr ρ(x)·V†ΠV is *linear* in ρ(x), the classes are
# separated by a hyperplane in the space where the kernel is an inner product — by construction.
# `qk.datasets.make_adhoc` draws it; the background shows f(x), red above +Δ, blue below −Δ.

# %%
X_adhoc, y_adhoc, V = qk.datasets.make_adhoc(120, gap=0.3, random_state=1, return_unitary=True)
grid = np.linspace(0, 2 * np.pi, 80)
G = np.array([[a, b] for b in grid for a in grid])
f_grid = qk.pauli("ZZ").expval(zz_map.states(G) @ V.T).reshape(80, 80)
fig, ax = plt.subplots(figsize=(4.8, 4.2))
im = ax.imshow(f_grid, origin="lower", extent=(0, 2 * np.pi, 0, 2 * np.pi), cmap="RdBu_r", vmin=-1, vmax=1)
ax.contour(grid, grid, f_grid, levels=[-0.3, 0.3], colors="black", linewidths=0.6)
for label, colour in ((0, "tab:blue"), (1, "tab:red")):
    ax.scatter(*X_adhoc[y_adhoc == label].T, color=colour, edgecolor="white", s=22, label=f"class {label}")
fig.colorbar(im, ax=ax, label="f(x) = ⟨Φ(x)|V†ΠV|Φ(x)⟩")
ax.set_xlabel("x₀")
ax.set_ylabel("x₁")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# Split it into training and test data, and compute the kernel matrices of two encodings: the ZZ
# feature map, and plain angle encoding (RY(x_i) on qubit i) for comparison. Sorted by class, a
# kernel that suits the labels shows two bright diagonal blocks.

# %%
Xa_train, Xa_test, ya_train, ya_test = qk.datasets.train_test_split(X_adhoc, y_adhoc, 0.3, random_state=1)
encodings = {"ZZ feature map": zz_map, "angle encoding": qk.encoding.angle_circuit(2)}
K_train = {name: qk.kernels.fidelity_kernel(e, Xa_train) for name, e in encodings.items()}
K_test = {name: qk.kernels.fidelity_kernel(e, Xa_test, Xa_train) for name, e in encodings.items()}
fig, axes = plt.subplots(1, 2, figsize=(9.5, 4))
for ax, (name, K) in zip(axes, K_train.items()):
    qk.plotting.plot_kernel_matrix(K, ya_train, ax=ax, title=f"{name}: {len(K)} training points")
fig.tight_layout()
plt.show()

# %% [markdown]
# A support-vector machine (SVM) needs nothing but these matrices. It finds the separating
# hyperplane with the widest margin by solving a small quadratic problem over one weight α_i per
# training sample, and classifies x by the sign of $\sum_i \alpha_i y_i\, k(x_i, x) + b$.
# `qk.kernels.PrecomputedSVC` solves it in numpy with the algorithm of LIBSVM, so it agrees with
# scikit-learn's `SVC(kernel="precomputed")`. A large C asks for a hard margin.

# %%
print(f"{'kernel':<16} {'train':>6} {'test':>6} {'support vectors':>16}")
svms = {}
for name in encodings:
    svms[name] = qk.kernels.PrecomputedSVC(C=1000).fit(K_train[name], ya_train)
    s = svms[name]
    print(f"{name:<16} {s.score(K_train[name], ya_train):6.3f} {s.score(K_test[name], ya_test):6.3f} "
          f"{len(s.support_):16d}")

# %% [markdown]
# The ZZ kernel classifies the test data perfectly; angle encoding, whose kernel is a smooth
# function of the distance between points, cannot follow the labels. If scikit-learn is installed
# (it is not required), you can check that its SVM finds the same decision function:

# %% tags=["nbval-ignore-output"]
try:
    from sklearn.svm import SVC
except ImportError:
    print("scikit-learn is not installed; qmlkit's PrecomputedSVC needs only numpy")
else:
    ref = SVC(kernel="precomputed", C=1000, tol=1e-10).fit(K_train["ZZ feature map"], ya_train)
    diff = np.abs(ref.decision_function(K_test["ZZ feature map"])
                  - svms["ZZ feature map"].decision_function(K_test["ZZ feature map"])).max()
    print(f"largest difference of the decision functions, qmlkit vs scikit-learn: {diff:.1e}")

# %% [markdown]
# ## 3. Kernel-target alignment
#
# Before training anything, you can ask how well a kernel matrix fits the labels. With the labels
# as y = ±1, the ideal kernel is yyᵀ: +1 for pairs of the same class, −1 for different classes.
# *Kernel-target alignment* (Cristianini et al. 2002) is the cosine between K and yyᵀ in the
# Frobenius inner product ⟨A, B⟩_F = Σ_ij A_ij B_ij:
#
# $$A(K, y) = \frac{\langle K, yy^\top\rangle_F}{\|K\|_F\,\|yy^\top\|_F} = \frac{y^\top K y}{n\,\|K\|_F},$$
#
# since $\|yy^\top\|_F = n$. It lies between −1 and 1 and is 1 when K is a multiple of yyᵀ. This is
# the uncentred alignment; the centred one (Cortes et al. 2012) first subtracts the row and column
# means of both matrices.

# %% [markdown]
# ### Exercise 05.2 — Kernel-target alignment
#
# **Input:** `K`, a kernel matrix of shape (n, n); `y`, n labels 0 or 1.
# **Goal:** return the uncentred kernel-target alignment A(K, y) above, with the labels turned into
# y = −1 (label 0) and +1 (label 1).
#
# <details><summary>Hint 1</summary>
#
# `s = 2 * np.asarray(y) - 1` turns 0/1 into −1/+1.
# </details>
# <details><summary>Hint 2</summary>
#
# `s @ K @ s` is yᵀKy; `np.linalg.norm(K)` is the Frobenius norm ‖K‖_F.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: the labels become ±1, so that pairs of the same class count +1 and
# pairs of different classes −1 (with 0/1 labels the pairs of class 0 would count 0 and drop out).
# Step 2: the Frobenius inner product ⟨K, yyᵀ⟩ is Σ_ij y_i K_ij y_j = yᵀKy. Step 3: divide by the
# two norms; ‖yyᵀ‖_F = √(Σ_ij y_i² y_j²) = n.

# %%
def kernel_alignment(K, y):
    """The uncentred kernel-target alignment of K with labels y (0/1 taken as −1/+1)."""
    # BEGIN SOLUTION
    s = 2 * np.asarray(y, dtype=float) - 1
    return (s @ K @ s) / (len(s) * np.linalg.norm(K))
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.beyond.check_kernel_alignment(kernel_alignment)

# %% [markdown]
# The two kernels of the ad hoc data, measured with `qk.kernels.kernel_target_alignment`. The ZZ
# kernel is aligned ten times better. Every fidelity kernel has positive entries, so part of the
# uncentred alignment comes from a constant offset that all of them share; the centred alignment
# removes that offset.

# %%
for name, K in K_train.items():
    print(f"{name:<16} alignment {qk.kernels.kernel_target_alignment(K, ya_train):.3f}, "
          f"centred {qk.kernels.kernel_target_alignment(K, ya_train, centered=True):.3f}")

# %% [markdown]
# Alignment is cheap, so it can guide the choice of an encoding. A common knob is the *bandwidth*
# (Shaydulin & Wild 2022; Canatar et al. 2022): multiply every angle of the feature map by a factor
# s. A `qk.encoding.FeatureMap` is a circuit plus a classical transform of the data, so the scaled
# map is the same circuit with the transform's output scaled:

# %%
def scaled_zz_map(n_features, s):
    """The ZZ feature map (reps=2) with every angle multiplied by the bandwidth s."""
    zz = qk.encoding.zz_feature_map(n_features, reps=2)
    return qk.encoding.FeatureMap(zz.circuit, n_features, transform=lambda X: s * zz.features(X),
                                  name=f"ZZ feature map, bandwidth {s}")

# %% [markdown]
# Here is the alignment on the training data and the SVM's test accuracy against the bandwidth.
# Both peak sharply at s = 1, where the encoding is the one the labels were made with: on this data
# set, no other kernel will do.

# %%
scales = np.array([0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2.0])
align, test_acc = [], []
for s in scales:
    fmap = scaled_zz_map(2, s)
    Ks, Kt = qk.kernels.fidelity_kernel(fmap, Xa_train), qk.kernels.fidelity_kernel(fmap, Xa_test, Xa_train)
    align.append(qk.kernels.kernel_target_alignment(Ks, ya_train, centered=True))
    test_acc.append(qk.kernels.PrecomputedSVC(C=1000).fit(Ks, ya_train).score(Kt, ya_test))
fig, ax = plt.subplots(figsize=(5.6, 3.4))
ax.plot(scales, align, "o-", label="centred alignment (training data)")
ax.plot(scales, test_acc, "s--", label="SVM test accuracy")
ax.set_xscale("log")
ax.set_xlabel("bandwidth s (every angle of the map times s)")
ax.set_ylim(0, 1.05)
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
print("s:          ", scales.tolist())
print("alignment:  ", np.round(align, 3).tolist())
print("test acc.:  ", np.round(test_acc, 3).tolist())

# %% [markdown]
# ## 4. Exponential concentration
#
# Notebook 04 showed gradients vanishing as qubits are added. Kernels have a twin problem (Thanasilp
# et al. 2022): for an expressive encoding, two different samples give nearly orthogonal states in a
# space of dimension 2ⁿ, so the off-diagonal kernel values bunch up around their mean ≈ 2⁻ⁿ and their
# variance falls exponentially. For Haar-random states the variance is exactly (d − 1)/(d²(d + 1))
# with d = 2ⁿ. `qk.kernels.kernel_concentration` draws 60 random samples uniformly from [0, 2π)ⁿ and
# measures the mean and the variance (not the standard deviation) of the off-diagonal values of
# their kernel matrix, qubit count by qubit count.

# %%
n_range = np.arange(2, 11)
curves = {
    "ZZ feature map": qk.kernels.kernel_concentration(
        lambda n: qk.encoding.zz_feature_map(n), n_range, n_samples=60, random_state=0),
    "angle encoding": qk.kernels.kernel_concentration(
        lambda n: qk.encoding.angle_circuit(n), n_range, n_samples=60, random_state=0),
    "ZZ feature map, bandwidth s = 0.1": qk.kernels.kernel_concentration(
        lambda n: scaled_zz_map(n, 0.1), n_range, n_samples=60, random_state=0),
}
d = 2.0 ** n_range
fig, ax = plt.subplots(figsize=(6, 3.8))
for (name, c), marker in zip(curves.items(), "os^"):
    ax.semilogy(c.n_qubits, c.variance, marker + "-", label=name)
ax.semilogy(n_range, (d - 1) / (d ** 2 * (d + 1)), "k--", label="Haar-random states")
ax.set_xlabel("number of qubits n")
ax.set_ylabel("variance of off-diagonal k(x, x′)")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
for name, c in curves.items():
    print(f"{name:<34} variance at n = 2: {c.variance[0]:.1e}, at n = 10: {c.variance[-1]:.1e}")

# %% [markdown]
# The ZZ map's variance falls almost as fast as that of Haar-random states, by a factor of 3 to 4
# per qubit; angle encoding, whose kernel is a product of one-qubit kernels, each below 1,
# concentrates too, more slowly. Why does it matter? On hardware
# each K_ij is estimated from N shots with an error of about $\sqrt{k(1-k)/N}$. Once the spread of the
# true values falls below that error, the estimated matrix is noise, and exponentially many shots
# are needed to resolve it. A small bandwidth keeps the states of different samples close to each
# other, and the variance stays far higher — but a kernel that barely changes with the data is
# close to a classical one, and section 3 showed that the wrong bandwidth can also lose the labels.

# %% [markdown]
# ## 5. Data re-uploading: one qubit as a universal classifier
#
# A single qubit is a point on the Bloch sphere, and a gate is a rotation. One rotation that depends
# on x cannot draw a complicated boundary. Pérez-Salinas et al. (2020) let the data in again and
# again: layer l applies $U_3(\theta_l + w_l\circ x)$, a general rotation whose three angles are
# trainable offsets θ_l plus trainable weights w_l times the features (a two-feature sample is
# padded to (x₀, x₁, 0)). Like the layers of a neural network, each re-uploading lets the model
# bend its output further; notebook 01 showed that L uploads give a Fourier series with frequencies
# up to L. `qk.reuploading.reuploading_classifier_circuit` builds it with qmlkit's bilinear angles
# θ + w·x:

# %%
print(qk.reuploading.reuploading_classifier_circuit(n_features=2, n_layers=3))

# %% [markdown]
# ### Exercise 05.3 — The angles of the re-uploading layers, θ + w∘x
#
# **Input:** `theta` and `w`, arrays of shape (L, 3) (offsets and weights, one row per layer); `x`,
# a sample of two features.
# **Goal:** return the (L, 3) array of U3 angles of all the layers: row l is θ_l + w_l ∘ (x₀, x₁, 0),
# the product taken entry by entry.
#
# <details><summary>Hint</summary>
#
# `np.append(x, 0.0)` pads the sample; numpy broadcasts a (3,) array against the (L, 3) arrays.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: pad the sample at the end, (x₀, x₁) → (x₀, x₁, 0), so that x₀
# meets the first angle (the RY rotation of U3), x₁ the second and nothing the third. Step 2: the
# weights scale the data entry by entry, w ∘ x, and the offsets are added: θ + w ∘ x. Broadcasting
# does this for all L layers at once.

# %%
def reuploading_angles(theta, w, x):
    """The (L, 3) U3 angles θ_l + w_l ∘ (x0, x1, 0) of all the layers."""
    # BEGIN SOLUTION
    return theta + w * np.append(x, 0.0)
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.beyond.check_reuploading_angles(reuploading_angles)

# %% [markdown]
# With those angles the classifier's state is a chain of `apply_gate` calls. Built by hand it agrees
# with the library's circuit, whose parameters interleave θ and w layer by layer (θ0, w0, θ1, w1, θ2
# per layer: the weight of the padded 0 is dropped). The cell uses the formula of exercise 05.3, so
# it runs before you solve it.

# %%
rng = np.random.default_rng(3)
theta_l, w_l, x_l = rng.uniform(0, 2 * np.pi, (3, 3)), rng.normal(size=(3, 3)), np.array([0.3, -0.7])
state = qk.zero_state(1)
for angles in theta_l + w_l * np.append(x_l, 0.0):
    state = qk.apply_gate(state, "U3", 0, *angles)
params = np.column_stack([theta_l[:, 0], w_l[:, 0], theta_l[:, 1], w_l[:, 1], theta_l[:, 2]]).ravel()
library = qk.reuploading.reuploading_classifier_circuit(2, 3).states(params, x_l)
print("by hand:", np.round(state, 4), " library:", np.round(library, 4))

# %% [markdown]
# Labels become *target states*: class 0 is |0⟩ and class 1 is |1⟩, and a sample gets the class whose
# target its state is closest to, the larger fidelity F_c = |⟨t_c|ψ(x)⟩|². Training minimises the
# plain fidelity cost, the mean of 1 − F over the true classes, with exact adjoint gradients and
# Adam. The benchmark is the paper's circle: points in [−1, 1]², class 1 inside the circle of radius
# √(2/π), which holds half the area. Here are classifiers with 1 to 8 layers, each trained once
# for 40 epochs from a random start (seed 0) and judged on 400 test points it never saw.

# %%
X_circ, y_circ = qk.datasets.make_reuploading("circle", 400, random_state=0)
Xc_test, yc_test = qk.datasets.make_reuploading("circle", 400, random_state=1)
circle_models = {}
print(f"{'layers':>6} {'parameters':>10} {'train':>6} {'test':>6}")
for L in range(1, 9):
    circle_models[L] = qk.reuploading.ReuploadingClassifier(n_layers=L, random_state=0).fit(X_circ, y_circ)
    m = circle_models[L]
    print(f"{L:6d} {m.params_.size:10d} {m.score(X_circ, y_circ):6.3f} {m.score(Xc_test, yc_test):6.3f}")

# %% [markdown]
# One layer fails, and it has to: U3(θ₀ + w₀x₀, θ₁ + w₁x₁, θ₂) applied to |0⟩ gives
# F₀ = cos²((θ₀ + w₀x₀)/2), a function of x₀ alone — the other two angles only change phases. No
# rule that looks at x₀ alone can draw a circle; the best one labels a vertical band "inside", and
# gets about 76% right (computed below). A second layer can turn those phases into populations, so
# x₁ can matter from L = 2 on — though this run of two layers stayed in the band. From three layers
# the boundary bends, and with six to eight it closes around the circle (dotted):

# %%
r2 = 2 / np.pi                                      # radius² of the circle
x0 = np.linspace(-1, 1, 200001)
p_inside = np.sqrt(np.clip(r2 - x0 ** 2, 0, None))   # P(class 1 | x0): the fraction of x1 inside
print("best accuracy from x0 alone:", round(np.mean(np.maximum(p_inside, 1 - p_inside)), 3))
fig, axes = plt.subplots(1, 4, figsize=(15, 3.8))
for ax, L in zip(axes, (1, 2, 4, 8)):
    qk.plotting.plot_decision_boundary(circle_models[L], Xc_test, yc_test, ax=ax, resolution=50, legend=False)
    ax.add_patch(plt.Circle((0, 0), np.sqrt(r2), fill=False, linestyle=":", color="black"))
    ax.set_title(f"L = {L}: " + ax.get_title().split(";")[0], fontsize=9)
fig.tight_layout()
plt.show()

# %% [markdown]
# A single run is at the mercy of its random start: the cost landscape has local minima, and
# runs of eight layers from different seeds end anywhere between about 82% and 96% test accuracy.
# `n_restarts=3` trains from three starts and keeps the one with the lowest training cost (the test
# data plays no part in the choice). This is the model the rest of the notebook uses.

# %%
model = qk.reuploading.ReuploadingClassifier(n_layers=8, n_restarts=3, random_state=0).fit(X_circ, y_circ)
exact_accuracy = model.score(Xc_test, yc_test)
print("8 layers, best of 3 starts: training cost", round(model.loss_curve_[-1], 4), " train accuracy",
      round(model.score(X_circ, y_circ), 3), " test accuracy", round(exact_accuracy, 3))

# %% [markdown]
# Slide through the number of layers yourself: the left panel shows the probability of class 1 over
# the plane (the decision boundary in black, the true circle dotted in the plot above), the right
# one the test accuracy against L.

# %% tags=["nbval-ignore-output"]
qk.widgets.reuploading_explorer(circle_models, Xc_test, yc_test, X_circ, y_circ, n_layers=1)

# %% [markdown]
# More classes need more target states, spread over the sphere as far apart as possible: for four
# classes the corners of a regular tetrahedron, whose states have pairwise fidelity 1/3. Here is the
# paper's *wavy lines* problem, four regions cut by the curves x₁ = ±x₀ + sin(πx₀), on one qubit with
# eight layers (best of two starts).

# %%
X_wavy, y_wavy = qk.datasets.make_reuploading("wavy lines", 400, random_state=2)
Xw_test, yw_test = qk.datasets.make_reuploading("wavy lines", 400, random_state=3)
wavy = qk.reuploading.ReuploadingClassifier(n_layers=8, n_restarts=2, random_state=0).fit(X_wavy, y_wavy)
print("targets (Bloch vectors):", np.round(wavy.targets_, 3).tolist())
print("train accuracy:", round(wavy.score(X_wavy, y_wavy), 3), " test accuracy:", round(wavy.score(Xw_test, yw_test), 3))
fig = plt.figure(figsize=(10, 4))
ax_b = fig.add_subplot(1, 2, 1, projection="3d")
colours = ("tab:blue", "tab:red", "tab:green", "tab:orange")
for k, colour in enumerate(colours):
    qk.plot_bloch(wavy.targets_[k], ax=ax_b, color=colour)
ax_b.view_init(elev=15, azim=-100)                     # a view in which no arrow points at you
ax_b.legend(handles=[plt.Line2D([], [], color=c, linewidth=2.5, label=f"class {k}") for k, c in enumerate(colours)],
            loc="upper left", fontsize=8)
ax_d = fig.add_subplot(1, 2, 2)
qk.plotting.plot_decision_boundary(wavy, Xw_test, yw_test, ax=ax_d, resolution=60, legend=False)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 6. Shots and noise
#
# So far the classifier read its fidelities exactly. Hardware gives counts instead: with targets |0⟩
# and |1⟩, each shot of a sample returns 0 or 1, and the fraction of 0s estimates F₀. A sample near
# the boundary has F₀ close to ½, and a few shots can land on the wrong side. `qk.noise.sample_noisy`
# samples the counts (one Monte-Carlo trajectory per shot, all samples and shots in one batch), and
# `predict_counts` turns them into labels. The eight-layer circle classifier, against the number of
# shots per test point (one random draw per point; with few shots, luck can also push a point to the
# right side, so the curve is not smooth):

# %%
shot_counts = [1, 3, 10, 30, 100, 300, 1000]
by_shots = [np.mean(model.predict_counts(qk.noise.sample_noisy(model.circuit_, shots, model.params_, Xc_test,
                                                               random_state=shots)) == yc_test)
            for shots in shot_counts]
fig, ax = plt.subplots(figsize=(5.6, 3.2))
ax.semilogx(shot_counts, by_shots, "o-", label="labels from counts")
ax.axhline(exact_accuracy, color="black", linestyle=":", label="exact fidelities")
ax.set_xlabel("shots per test point")
ax.set_ylabel("test accuracy")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
print("shots:   ", shot_counts)
print("accuracy:", np.round(by_shots, 3).tolist(), " exact fidelities:", round(exact_accuracy, 3))

# %% [markdown]
# ### Readout errors
#
# A measured bit can also be read wrongly: hardware reports 1 for a 0 (or the reverse) with some
# probability q, typically a percent or two. With one shot per sample the label *is* the measured
# bit, so the accuracy is the average probability of reading the right bit.

# %% [markdown]
# ### Exercise 05.4 — Expected accuracy of one-shot labels under readout error
#
# **Input:** `p1`, an array with each sample's probability of measuring 1 (its fidelity with |1⟩);
# `y`, the true labels 0 or 1; `q`, the probability that a measured bit is flipped.
# **Goal:** return the expected accuracy when every sample is labelled by one shot, read with
# readout errors.
#
# <details><summary>Hint 1</summary>
#
# A 1 is read when a 1 is measured and not flipped, or a 0 is measured and flipped.
# </details>
# <details><summary>Hint 2</summary>
#
# P(read 1) = p(1 − q) + (1 − p)q. A sample of class 1 is right with that probability, a sample of
# class 0 with one minus it.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: a shot returns 1 with probability p; the readout keeps it with
# probability 1 − q and flips it with probability q, so P(read 1) = p(1 − q) + (1 − p)q. Step 2: the
# label is the bit read, so a sample with y = 1 is right with probability P(read 1) and a sample with
# y = 0 with 1 − P(read 1). Step 3: the expected accuracy is the average over the samples. Note that
# flips help as well as hurt: a wrong bit flipped is a right label.

# %%
def single_shot_accuracy(p1, y, q):
    """Expected accuracy of labels read from one shot each, with readout flip probability q."""
    # BEGIN SOLUTION
    read_one = p1 * (1 - q) + (1 - p1) * q
    return np.mean(np.where(y == 1, read_one, 1 - read_one))
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.beyond.check_single_shot_accuracy(single_shot_accuracy)

# %% [markdown]
# The formula against sampling: one shot for each of the 400 test points, repeated 20 times (with
# a different seed each time) to average out the luck of the draw. (The formula is written out, so
# the cell runs before you solve 05.4.)

# %%
p1 = model.fidelities(Xc_test)[:, 1]
for q in (0.0, 0.05, 0.2):
    read_one = p1 * (1 - q) + (1 - p1) * q
    formula = np.mean(np.where(yc_test == 1, read_one, 1 - read_one))
    sampled = np.mean([np.mean(model.predict_counts(qk.noise.sample_noisy(
        model.circuit_, 1, model.params_, Xc_test, readout_error=q, random_state=seed)) == yc_test)
        for seed in range(20)])
    print(f"q = {q:4.2f}: one-shot accuracy {formula:.3f} by the formula, {sampled:.3f} sampled")

# %% [markdown]
# ### Depolarising errors
#
# Gates are imperfect too. A simple model of that: after every gate, with probability p, a random
# Pauli error X, Y or Z (each with probability p/3) hits the qubit. An X or Y error flips the sign of
# ⟨Z⟩, a Z error leaves it alone. Averaged over the errors this is the *depolarising channel*, which
# shrinks the whole Bloch vector towards the centre, and commutes with every rotation — so it does
# not matter where in the circuit the errors happen.

# %% [markdown]
# ### Exercise 05.5 ★ — ⟨Z⟩ after n gates with depolarising errors
#
# **Input:** `z`, the noiseless ⟨Z⟩ of a one-qubit circuit; `p`, the error probability per gate;
# `n_gates`, the number of gates.
# **Goal:** return ⟨Z⟩ of the noisy circuit, averaged over the errors.
#
# <details><summary>Hint 1</summary>
#
# Start with one gate at the end of the circuit. With probability 1 − p nothing happens; with
# probability p/3 each, X, Y or Z is applied. Which of them change ⟨Z⟩, and how?
# </details>
# <details><summary>Hint 2</summary>
#
# One gate multiplies ⟨Z⟩ by (1 − p) + p/3 − 2p/3. Because the channel shrinks the Bloch vector
# uniformly, every gate contributes the same factor.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: after one gate, ⟨Z⟩ is (1 − p)·⟨Z⟩ from the error-free runs,
# (p/3)·⟨Z⟩ from Z errors (Z commutes with Z), and (2p/3)·(−⟨Z⟩) from X and Y errors (they
# anticommute with Z): in total (1 − 4p/3)⟨Z⟩. Step 2: the same happens to ⟨X⟩ and ⟨Y⟩, so the
# channel shrinks the Bloch vector by 1 − 4p/3 and commutes with rotations; an error after an early
# gate is carried along by the later gates unchanged in size. Step 3: n gates give (1 − 4p/3)ⁿ.

# %%
def depolarised_z(z, p, n_gates):
    """⟨Z⟩ after n_gates gates, each followed by a depolarising error with probability p."""
    # BEGIN SOLUTION
    return z * (1 - 4 * p / 3) ** n_gates
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.beyond.check_depolarised_z(depolarised_z)

# %% [markdown]
# Checked by sampling on one test point of the eight-layer classifier (eight U3 gates): ⟨Z⟩ is
# estimated from 200 000 noisy shots and compared with the prediction (1 − 4p/3)⁸ ⟨Z⟩. The last
# column is the statistical error of the estimate.

# %%
x_one = Xc_test[:1]
z_exact = 2 * model.fidelities(x_one)[0, 0] - 1             # ⟨Z⟩ = F0 − F1
for p in (0.01, 0.05, 0.1):
    counts = qk.noise.sample_noisy(model.circuit_, 200_000, model.params_, x_one, depolarising=p, random_state=7)[0]
    z_sampled = (counts[0] - counts[1]) / counts.sum()
    print(f"p = {p:4.2f}: ⟨Z⟩ sampled {z_sampled:+.3f}, predicted {z_exact * (1 - 4 * p / 3) ** 8:+.3f} "
          f"(± {np.sqrt((1 - z_sampled ** 2) / counts.sum()):.3f})")

# %% [markdown]
# So depolarising noise shrinks F₀ − ½ by (1 − 4p/3)^L, keeping its sign: with exact fidelities the
# labels would not change at all. What noise costs is *margin*. With finite shots the shrunken
# difference is harder to resolve, so the accuracy falls the faster, the fewer shots you take:

# %%
rates = [0.0, 0.02, 0.05, 0.1, 0.2]
fig, ax = plt.subplots(figsize=(5.6, 3.4))
for shots, marker in ((10, "o"), (100, "s"), (1000, "^")):
    acc = [np.mean(model.predict_counts(qk.noise.sample_noisy(
        model.circuit_, shots, model.params_, Xc_test, depolarising=p, random_state=11)) == yc_test) for p in rates]
    ax.plot(rates, acc, marker + "-", label=f"{shots} shots")
    print(f"{shots:5d} shots: accuracy at p = {rates}: {np.round(acc, 3).tolist()}")
ax.axhline(exact_accuracy, color="black", linestyle=":", label="exact fidelities, no noise")
ax.set_xlabel("depolarising error probability p per gate")
ax.set_ylabel("test accuracy")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 7. To real hardware: OpenQASM and Qiskit
#
# Quantum computers in the cloud accept circuits as OpenQASM text (Cross et al. 2017, 2022): IBM's
# Qiskit Runtime, Azure Quantum and others. A trained classifier becomes one circuit per sample once
# its parameters and that sample's features are bound to numbers. `qk.interop.to_qasm2` writes it
# with the gates of `qelib1.inc`; qmlkit's wire w is `q[w]`.

# %%
x_first = Xc_test[0]
qasm2 = qk.interop.to_qasm2(model.circuit_, model.params_, x_first)
print(qasm2)

# %% [markdown]
# Where OpenQASM lacks a gate, the export rewrites it exactly. The original `qelib1.inc` has no
# controlled RY and no ZZ rotation, so a small circuit with both becomes `cu3` and `cx·rz·cx` in
# OpenQASM 2.0; OpenQASM 3's `stdgates.inc` has `cry`, and names the phase gate `p` instead of `u1`:

# %%
small = qk.Circuit(2).h(0).cry(np.pi / 4, 0, 1).phase(0.5, 1).zz(0.25, 0, 1)
print(small)
print(qk.interop.to_qasm2(small, measure=False))
print(qk.interop.to_qasm3(small, measure=False))

# %% [markdown]
# Reading the text back with `qk.interop.from_qasm2` gives a circuit with constant angles, and the
# same state:

# %%
back = qk.interop.from_qasm2(qasm2)
print(back)
print("same state as the classifier's:", np.allclose(back.states(), model.circuit_.states(model.params_, x_first),
                                                       atol=1e-12))

# %% [markdown]
# ### Qiskit's qubit order
#
# Gates read the same in both libraries: qmlkit's wire w is Qiskit's qubit w. Amplitudes do not. qmlkit
# (like PennyLane and Cirq) makes wire 0 the *most* significant bit of the basis index, |q₀q₁…⟩;
# Qiskit makes qubit 0 the *least* significant and writes kets as |…q₁q₀⟩. So amplitude j of a Qiskit
# statevector belongs to the qmlkit basis state whose bits are those of j reversed.

# %% [markdown]
# ### Exercise 05.6 — Qiskit's amplitudes in qmlkit's order
#
# **Input:** `amplitudes`, a statevector of 2ⁿ amplitudes in Qiskit's order.
# **Goal:** return the same state in qmlkit's order (wire 0 the most significant bit).
#
# <details><summary>Hint 1</summary>
#
# For three qubits, Qiskit's |001⟩ (index 1: qubit 0 is 1) is qmlkit's |100⟩ (index 4), while
# |010⟩ and |101⟩ stay where they are.
# </details>
# <details><summary>Hint 2</summary>
#
# `amplitudes.reshape((2,) * n)` has one axis per bit, the most significant first. Reversing the
# axes reverses the bits.
# </details>

# %% [markdown] tags=["solution"]
# **Solution explained.** Step 1: n is log₂ of the length. Step 2: reshaped to (2, …, 2), axis k
# of the array is bit k of the index, counted from the most significant. Step 3: transposing with
# the axes in reverse order makes the least significant bit the most significant and so on, and
# flattening gives the amplitudes in the bit-reversed order. Reversing the list of amplitudes
# instead would map |001⟩ to |110⟩, which is wrong.

# %%
def qiskit_to_qmlkit(amplitudes):
    """A statevector in Qiskit's order (qubit 0 least significant) in qmlkit's order."""
    # BEGIN SOLUTION
    amplitudes = np.asarray(amplitudes)
    n = int(np.log2(len(amplitudes)))
    return amplitudes.reshape((2,) * n).transpose(range(n)[::-1]).ravel()
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB

# %%
qk.katas.beyond.check_qiskit_to_qmlkit(qiskit_to_qmlkit)

# %% [markdown]
# Now the classifier in Qiskit, side by side with qmlkit. Qiskit is not needed by qmlkit (it is only
# a test dependency), so the cell checks that it is installed first; if it is not,
# `pip install qiskit` makes it run. Qiskit reads the exported OpenQASM text, computes the
# statevector of every test point, and samples 1000 shots each with its own sampler; the counts,
# converted with `qk.interop.counts_from_qiskit`, give labels through the same `predict_counts`.

# %% tags=["nbval-ignore-output"]
try:
    import qiskit
except ImportError:
    print("Qiskit is not installed: pip install qiskit to run the exported circuits in Qiskit")
else:
    from qiskit.primitives import StatevectorSampler
    from qiskit.quantum_info import Statevector

    texts = [qk.interop.to_qasm2(model.circuit_, model.params_, x) for x in Xc_test]
    circuits = [qiskit.qasm2.loads(t) for t in texts]
    ours = model.circuit_.states(model.params_, Xc_test)
    theirs = np.array([qk.interop.qiskit_to_qmlkit_order(Statevector(c.remove_final_measurements(inplace=False)).data)
                       for c in circuits])
    print(f"Qiskit {qiskit.__version__}: largest difference of the {len(texts)} statevectors from qmlkit's: "
          f"{np.abs(theirs - ours).max():.1e}")
    results = StatevectorSampler(seed=0).run(circuits, shots=1000).result()
    counts = np.array([qk.interop.counts_from_qiskit(r.data.c.get_counts(), 1) for r in results])
    print("test accuracy from Qiskit's shots:", round(np.mean(model.predict_counts(counts) == yc_test), 3),
          " from qmlkit's exact fidelities:", round(exact_accuracy, 3))

# %% [markdown]
# On a real device two more steps come in. The circuit is *transpiled* to the device's native gates
# and connectivity (`qiskit.transpile(circuit, backend)`), and it is submitted with a provider's
# sampler, for example `SamplerV2` of `qiskit-ibm-runtime`, in batches: a classifier needs one
# circuit per sample, each with enough shots for the margin you saw in section 6. The counts come
# back as dictionaries of bit strings in Qiskit's order, which `counts_from_qiskit` converts.

# %% [markdown]
# ## Summary
#
# * The fidelity kernel k(x, x′) = |⟨φ(x)|φ(x′)⟩|² = Tr ρ(x)ρ(x′) is an inner product of encoded
#   states. Hardware measures it with the inversion test (n² circuits for a Gram matrix); a simulator
#   computes the whole matrix from one batch of states and one matrix product.
# * An SVM on a precomputed kernel needs only the Gram matrices. On the ad hoc data of Havlíček et
#   al., built to be linear in ρ(x), the ZZ kernel classified the test data perfectly; angle
#   encoding could not.
# * Kernel-target alignment measures how well K fits the labels before any training; here it and
#   the test accuracy peaked at the bandwidth the labels were made with.
# * Kernel values concentrate exponentially in the number of qubits for expressive encodings, the
#   twin of barren plateaus; a small bandwidth slows it down.
# * A single qubit with re-uploaded data is a universal classifier: one layer can only use x₀ (at
#   most 76% on the circle), eight layers reached 93% on test data.
# * On hardware, labels come from shots. Readout errors and depolarising errors shrink the
#   distance from the decision boundary rather than moving it, so they cost accuracy through the
#   shots needed to resolve it.
# * OpenQASM carries a trained circuit to hardware; mind the qubit order: same qubit labels,
#   bit-reversed amplitude indices.
#
# ## Exercises recap
#
# | | exercise | idea |
# |---|---|---|
# | 05.1 | `inversion_test` | P(0…0) after U(x) then U(x′)† is the kernel |
# | 05.2 | `kernel_alignment` | yᵀKy / (n‖K‖_F) with labels ±1 |
# | 05.3 | `reuploading_angles` | θ + w∘(x₀, x₁, 0), broadcast over layers |
# | 05.4 | `single_shot_accuracy` | P(read 1) = p(1 − q) + (1 − p)q |
# | 05.5 ★ | `depolarised_z` | (1 − 4p/3)ⁿ ⟨Z⟩ |
# | 05.6 | `qiskit_to_qmlkit` | reverse the bits of every index |
#
# Your progress over the whole workbook so far:

# %% tags=["nbval-ignore-output"]
qk.katas.progress()

# %% [markdown]
# ## References
#
# * V. Havlíček, A. D. Córcoles, K. Temme, A. W. Harrow, A. Kandala, J. M. Chow and J. M. Gambetta,
#   "Supervised learning with quantum-enhanced feature spaces", Nature 567, 209 (2019),
#   arXiv:1804.11326.
# * M. Schuld and N. Killoran, "Quantum machine learning in feature Hilbert spaces", Phys. Rev. Lett.
#   122, 040504 (2019), arXiv:1803.07128.
# * N. Cristianini, J. Shawe-Taylor, A. Elisseeff and J. Kandola, "On kernel-target alignment",
#   NIPS 14 (2002).
# * C. Cortes, M. Mohri and A. Rostamizadeh, "Algorithms for learning kernels based on centered
#   alignment", JMLR 13, 795 (2012), arXiv:1203.0550.
# * R.-E. Fan, P.-H. Chen and C.-J. Lin, "Working set selection using second order information for
#   training support vector machines", JMLR 6, 1889 (2005) (the algorithm of LIBSVM).
# * S. Thanasilp, S. Wang, M. Cerezo and Z. Holmes, "Exponential concentration in quantum kernel
#   methods", arXiv:2208.11060 (2022).
# * R. Shaydulin and S. M. Wild, "Importance of kernel bandwidth in quantum machine learning",
#   Phys. Rev. A 106, 042407 (2022), arXiv:2111.05451; A. Canatar, E. Peters, C. Pehlevan, S. M. Wild
#   and R. Shaydulin, "Bandwidth enables generalization in quantum kernel models", arXiv:2206.06686.
# * A. Pérez-Salinas, A. Cervera-Lierta, E. Gil-Fuster and J. I. Latorre, "Data re-uploading for a
#   universal quantum classifier", Quantum 4, 226 (2020), arXiv:1907.02085.
# * M. Schuld, R. Sweke and J. J. Meyer, "Effect of data encoding on the expressive power of
#   variational quantum machine-learning models", Phys. Rev. A 103, 032430 (2021), arXiv:2008.08605.
# * M. A. Nielsen and I. L. Chuang, *Quantum Computation and Quantum Information*, section 8.3.4
#   (the depolarising channel), Cambridge University Press (2010).
# * A. W. Cross, L. S. Bishop, J. A. Smolin and J. M. Gambetta, "Open quantum assembly language",
#   arXiv:1707.03429 (2017); A. Cross et al., "OpenQASM 3: a broader and deeper quantum assembly
#   language", ACM Trans. Quantum Comput. 3, 12 (2022), arXiv:2104.14722.
# * A. Barenco et al., "Elementary gates for quantum computation", Phys. Rev. A 52, 3457 (1995),
#   arXiv:quant-ph/9503016 (the multi-controlled gates of the OpenQASM export).
