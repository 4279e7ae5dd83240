"""Data encodings: from a batch X of shape (n_samples, n_features) to states, and the circuits that prepare them.

Every encoding comes as a function ``X -> states`` and, where it is a circuit,
as a builder of that circuit. Circuits whose angles are linear in the data
(basis, angle, dense angle, re-uploading) read the features directly with
`Feature`; the ZZ feature map needs products of features, so it is a
`FeatureMap`: a classical ``transform`` of X followed by a circuit that reads
the transformed features. Amplitude encoding's angles are nonlinear in the
data, so its circuit is built for one vector at a time.

>>> X = np.array([[0.0, np.pi]])
>>> np.round(angle_encoding(X), 6)                  # RY(0)|0> ⊗ RY(π)|0> = |01>
array([[0.+0.j, 1.+0.j, 0.+0.j, 0.+0.j]])
>>> amplitude_n_qubits(5)                           # 5 amplitudes, padded to 8
3
"""
from __future__ import annotations

import numbers

import numpy as np

from . import _checks
from .circuit import Circuit, Feature, Param

__all__ = ["FeatureMap", "basis_encoding", "basis_circuit", "angle_encoding", "angle_circuit",
           "dense_angle_encoding", "dense_angle_circuit", "amplitude_n_qubits", "amplitude_vector",
           "amplitude_encoding", "state_preparation_angles", "uniformly_controlled_rotation",
           "amplitude_circuit", "zz_feature_map", "zz_encoding", "left_padding", "split_fanout",
           "fanout", "reuploading_circuit", "encoding_costs"]

_ROTATIONS = ("RX", "RY", "RZ")


# ---------------------------------------------------------------------- validation
def _X(X, what="X", allow_complex=False) -> np.ndarray:
    """X as a 2-D float (or complex) array; a single sample (1-D) becomes one row."""
    imaginary = False
    try:
        x = np.asarray(X)
        if x.dtype.kind == "c" and not allow_complex:
            imaginary, x = bool(np.any(x.imag)), x.real
        x = np.asarray(x, dtype=complex if allow_complex else float)
    except (TypeError, ValueError):
        raise TypeError(f"{what} must be numbers, got {type(X).__name__}") from None
    if imaginary:                     # a cast to float would silently drop the imaginary parts
        raise TypeError(f"{what} must be real numbers, got complex values")
    if x.ndim == 1:
        x = x[None, :]
    if x.ndim != 2:
        raise ValueError(f"{what} must have shape (n_samples, n_features), got shape {np.shape(X)}")
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"{what} is empty: shape {x.shape}")
    return _checks.finite(x, what)


def _product_states(qubits: np.ndarray) -> np.ndarray:
    """Kronecker product of single-qubit states ``(B, n, 2)`` -> ``(B, 2**n)`` (wire 0 first)."""
    out = qubits[:, 0]
    for q in range(1, qubits.shape[1]):
        out = (out[:, :, None] * qubits[:, q, None, :]).reshape(out.shape[0], -1)
    return out


# ---------------------------------------------------------------------- FeatureMap
class FeatureMap:
    """A classical transform of the data followed by a circuit that reads the transformed features.

    Parameters
    ----------
    circuit : Circuit
        Angles refer to columns of ``transform(X)`` through `Feature`.
    transform : callable, optional
        ``(n_samples, n_features) -> (n_samples, n_derived)``; identity if omitted.
    n_features : int
        Number of raw features a sample must have.
    name : str
    """

    def __init__(self, circuit: Circuit, n_features: int, transform=None, name: str = ""):
        self.circuit, self.n_features, self.name = circuit, n_features, name
        self._transform = transform

    @property
    def n_qubits(self) -> int:
        return self.circuit.n_qubits

    def features(self, X) -> np.ndarray:
        """The derived features the circuit reads: ``(n_samples, circuit.n_features)``."""
        x = _X(X)
        if x.shape[1] != self.n_features:
            raise ValueError(f"{self.name or 'this feature map'} takes {self.n_features} feature(s) "
                             f"per sample, X has {x.shape[1]} (shape {x.shape})")
        return x if self._transform is None else self._transform(x)

    def states(self, X) -> np.ndarray:
        """Encoded states ``(n_samples, 2**n_qubits)``."""
        return self.circuit.states(X=self.features(X))

    def __repr__(self):
        return (f"FeatureMap({self.name!r}, n_features={self.n_features}, "
                f"n_qubits={self.n_qubits}, n_gates={len(self.circuit)})")

    def __str__(self):
        return self.circuit.draw()


# ---------------------------------------------------------------------- basis encoding
def basis_encoding(X, n_qubits: int | None = None) -> np.ndarray:
    """Bit strings (or integers) to computational basis states.

    Parameters
    ----------
    X : array-like of 0/1, shape (n_samples, n_bits); or of integers, shape (n_samples,)
        Rows of bits (bit 0 on wire 0, the most significant), or integers to
        write in binary on ``n_qubits`` wires.
    n_qubits : int, optional
        Required for integers.

    >>> np.flatnonzero(basis_encoding([[1, 0, 1]]))
    array([5])
    >>> np.flatnonzero(basis_encoding([5], n_qubits=3))
    array([5])
    """
    x = np.asarray(X)
    if n_qubits is not None:
        n = _checks.n_qubits(n_qubits)
        ints = x.ravel()
        if ints.size == 0 or not np.issubdtype(ints.dtype, np.integer) or ints.min() < 0 \
                or ints.max() >= 2 ** n:
            raise ValueError(f"basis_encoding: integers must be whole numbers in 0..{2 ** n - 1} "
                             f"for {n} qubit(s), got {ints.tolist()[:6]}")
        idx = ints.astype(np.int64)
    else:
        bits = _X(x, "bit strings")
        if not np.isin(bits, (0, 1)).all():
            raise ValueError("basis_encoding: every entry must be 0 or 1 (for integers pass n_qubits)")
        n = _checks.n_qubits(bits.shape[1])
        idx = bits.astype(np.int64) @ (1 << np.arange(n - 1, -1, -1))
    out = np.zeros((idx.size, 2 ** n), dtype=complex)
    out[np.arange(idx.size), idx] = 1.0
    return out


def basis_circuit(n_qubits: int) -> Circuit:
    """RY(π·x_i) on wire i: prepares |x_0 x_1 …⟩ from bits x_i ∈ {0, 1}, exactly (RY(π)|0⟩ = |1⟩)."""
    c = Circuit(n_qubits)
    for i in range(n_qubits):
        c.ry(np.pi * Feature(i), i)
    return c


# ---------------------------------------------------------------------- angle encodings
def _rotation_qubit(rotation: str, angle: np.ndarray) -> np.ndarray:
    """R(angle)|0⟩ for an array of angles: ``angle.shape + (2,)``."""
    c, s = np.cos(angle / 2), np.sin(angle / 2)
    if rotation == "RX":
        return np.stack([c + 0j, -1j * s], axis=-1)
    if rotation == "RY":
        return np.stack([c + 0j, s + 0j], axis=-1)
    return np.stack([np.exp(-0.5j * angle), 0j * angle], axis=-1)


def _rotation_name(rotation) -> str:
    r = str(rotation).upper()
    if r not in _ROTATIONS:
        raise ValueError(f"rotation must be one of {_ROTATIONS}, got {rotation!r}")
    return r


def angle_encoding(X, rotation: str = "RY", scale: float = 1.0) -> np.ndarray:
    """One feature per qubit: wire i holds R(scale·x_i)|0⟩, R ∈ {RX, RY, RZ}.

    Returns ``(n_samples, 2**n_features)``. (RZ on |0⟩ only changes a global
    phase, so RZ encoding is meant to follow a Hadamard layer in a circuit.)
    """
    x = _X(X)
    r = _rotation_name(rotation)
    return _product_states(_rotation_qubit(r, scale * x))


def angle_circuit(n_features: int, rotation: str = "RY", scale: float = 1.0) -> Circuit:
    """The circuit of `angle_encoding`: R(scale·x_i) on wire i."""
    r = _rotation_name(rotation)
    c = Circuit(n_features)
    for i in range(n_features):
        c.add(r, i, scale * Feature(i))
    return c


def dense_angle_encoding(X, scale: float = 1.0) -> np.ndarray:
    """Two features per qubit: wire i holds cos(θ/2)|0⟩ + e^{iφ} sin(θ/2)|1⟩ with
    θ = scale·x_{2i}, φ = scale·x_{2i+1} (LaRose & Coyle 2020, arXiv:2003.01695, use
    scale = 2π on features in [0, 1]). An odd last feature gets θ only.

    >>> dense_angle_encoding([[np.pi, 0.5, 0.0]]).shape       # 3 features on 2 qubits
    (1, 4)
    """
    x = _X(X)
    n = (x.shape[1] + 1) // 2
    theta = scale * x[:, 0::2]
    phi = np.zeros((x.shape[0], n))
    phi[:, : x.shape[1] // 2] = scale * x[:, 1::2]
    q = np.stack([np.cos(theta / 2) + 0j, np.exp(1j * phi) * np.sin(theta / 2)], axis=-1)
    return _product_states(q)


def dense_angle_circuit(n_features: int, scale: float = 1.0) -> Circuit:
    """The circuit of `dense_angle_encoding`: RY(scale·x_{2i}) then PHASE(scale·x_{2i+1}) on wire i."""
    c = Circuit((n_features + 1) // 2)
    for i in range(c.n_qubits):
        c.ry(scale * Feature(2 * i), i)
        if 2 * i + 1 < n_features:
            c.phase(scale * Feature(2 * i + 1), i)
    return c


# ---------------------------------------------------------------------- amplitude encoding
def amplitude_n_qubits(n_features: int) -> int:
    """Qubits that hold ``n_features`` amplitudes: ⌈log2 n_features⌉, at least 1.

    >>> [amplitude_n_qubits(k) for k in (1, 2, 3, 4, 5, 16, 17)]
    [1, 1, 2, 2, 3, 4, 5]
    """
    k = _checks.positive_int(n_features, "n_features")
    return max(1, (k - 1).bit_length())


def amplitude_vector(x) -> np.ndarray:
    """One sample as a state: zero-padded to 2**⌈log2 n⌉ entries and normalised (complex allowed).

    The norm is lost: x and 3·x give the same state.

    >>> amplitude_vector([3, 0, 4]).real
    array([0.6, 0. , 0.8, 0. ])
    """
    v = _X(x, "x", allow_complex=True)
    if v.shape[0] != 1:
        raise ValueError(f"amplitude_vector takes one sample, got shape {np.shape(x)}; use amplitude_encoding")
    return amplitude_encoding(v)[0]


def amplitude_encoding(X) -> np.ndarray:
    """Each row of X (real or complex) as the amplitudes of a state: pad with zeros, normalise.

    Returns ``(n_samples, 2**amplitude_n_qubits(n_features))``.
    """
    x = _X(X, allow_complex=True)
    norms = np.linalg.norm(x, axis=1)
    if np.any(norms == 0):
        bad = int(np.flatnonzero(norms == 0)[0])
        raise ValueError(f"amplitude encoding: sample {bad} is all zeros and has no direction to encode")
    n = amplitude_n_qubits(x.shape[1])
    out = np.zeros((x.shape[0], 2 ** n), dtype=complex)
    out[:, : x.shape[1]] = x / norms[:, None]
    return out


def state_preparation_angles(x) -> tuple:
    """The uniformly controlled rotation angles that prepare `amplitude_vector(x)` from |0…0⟩.

    Level j acts on wire j, controlled by wires 0…j−1 (Möttönen et al. 2004,
    arXiv:quant-ph/0407010; Schuld & Petruccione 2021, section 5.2): for each
    pattern p of the control wires (wire 0 the most significant bit), RY(β_{j,p})
    splits the weight of the branch p between p0 and p1, then RZ(α_{j,p}) sets
    their relative phase. For real x the signs are put into the last level's RY
    and every α is 0.

    Returns
    -------
    ry : list of n arrays, ``ry[j]`` of shape (2**j,)
    rz : list of n arrays, ``rz[j]`` of shape (2**j,)

    >>> ry, rz = state_preparation_angles([1, 0, 0, 1])     # Bell state: RY(π/2), then CNOT-like RY(0|π)
    >>> [np.round(a / np.pi, 6).tolist() for a in ry]
    [[0.5], [0.0, 1.0]]
    """
    v = amplitude_vector(x)
    n = int(np.log2(v.size))
    real = not np.any(v.imag)         # exactly real: even a tiny imaginary part needs the RZ levels
    mag, ph = np.abs(v), np.angle(v)
    ry, rz = [], []
    for j in range(n):
        tree = mag.reshape(2 ** j, 2, -1)                      # (pattern, bit j, rest)
        w0, w1 = np.linalg.norm(tree[:, 0], axis=1), np.linalg.norm(tree[:, 1], axis=1)
        if real and j == n - 1:
            signed = v.real.reshape(2 ** j, 2)
            ry.append(2 * np.arctan2(signed[:, 1], signed[:, 0]))
        else:
            ry.append(2 * np.arctan2(w1, w0))
        if real:
            rz.append(np.zeros(2 ** j))
        else:
            # Phase of a branch: the mean of its leaves' phases (leaves with amplitude 0 count as 0).
            mean = ph.reshape(2 ** j, 2, -1).mean(axis=2)
            rz.append(mean[:, 1] - mean[:, 0])
    return ry, rz


def _gray(i: int) -> int:
    return i ^ (i >> 1)


def uniformly_controlled_rotation(circuit: Circuit, axis: str, angles, controls, target: int,
                                  tolerance: float = 0.0) -> int:
    """Append R_axis(angles[p]) on ``target`` for each pattern p of ``controls`` (first control
    the most significant bit), decomposed into 2**k rotations and 2**k CNOTs (Möttönen et al.
    2004, Gray-code construction). Rotations with |angle| < ``tolerance`` are dropped and CNOTs
    that then cancel are removed. Returns the number of rotations dropped.
    """
    alpha = np.asarray(angles, dtype=float)
    k = len(controls)
    if alpha.shape != (2 ** k,):
        raise ValueError(f"{2 ** k} angles are needed for {k} control(s), got shape {alpha.shape}")
    if k == 0:
        if abs(alpha[0]) >= tolerance and alpha[0] != 0:
            circuit.add("R" + axis, target, float(alpha[0]))
            return 0
        return int(alpha[0] != 0)                     # an angle of exactly 0 is not "dropped"
    # θ = M⁻¹ α with M_pi = (−1)^{popcount(p & gray(i))}, and M⁻¹ = Mᵀ / 2**k.
    g = np.array([_gray(i) for i in range(2 ** k)])
    p = np.arange(2 ** k)
    parity = np.array([[bin(int(a & b)).count("1") & 1 for b in g] for a in p])
    theta = ((1 - 2 * parity).T @ alpha) / 2 ** k
    dropped, pending = 0, []                          # CNOT controls since the last kept rotation
    for i in range(2 ** k):
        if abs(theta[i]) < tolerance or theta[i] == 0:
            dropped += theta[i] != 0
        else:
            _flush_cnots(circuit, pending, target)
            circuit.add("R" + axis, target, float(theta[i]))
        changed = g[i] ^ g[(i + 1) % 2 ** k]          # one bit, counted from the least significant
        pending.append(controls[k - 1 - (int(changed).bit_length() - 1)])
    _flush_cnots(circuit, pending, target)
    return dropped


def _flush_cnots(circuit, controls, target):
    """CNOTs onto one target commute: keep each control an odd number of times."""
    for c in dict.fromkeys(controls):
        if controls.count(c) % 2:
            circuit.cnot(c, target)
    controls.clear()


def amplitude_circuit(x, tolerance: float = 0.0):
    """The state-preparation circuit of `amplitude_vector(x)` from RY, RZ and CNOT gates.

    With ``tolerance > 0`` it is the approximate encoder: rotations smaller
    than ``tolerance`` are dropped (as Microsoft's ``ApproximateInputEncoder``). The gate
    count never grows with the tolerance; the fidelity usually falls but need not fall
    monotonically, since the errors of two dropped rotations can partly cancel.

    Returns
    -------
    circuit : Circuit
    fidelity : float
        |⟨target|prepared⟩|², computed by simulating the circuit (1 up to
        rounding when nothing is dropped).

    >>> c, f = amplitude_circuit([1, 2, 3, 4])
    >>> c.n_qubits, c.count(2), round(f, 12)
    (2, 2, 1.0)
    """
    if isinstance(tolerance, (bool, np.bool_)) or not isinstance(tolerance, numbers.Real):
        raise TypeError(f"tolerance must be a number, got {type(tolerance).__name__}")
    if not tolerance >= 0 or not np.isfinite(tolerance):
        raise ValueError(f"tolerance must be a finite number >= 0, got {tolerance}")
    v = amplitude_vector(x)
    ry, rz = state_preparation_angles(v)
    n = len(ry)
    c = Circuit(n)
    for j in range(n):
        uniformly_controlled_rotation(c, "Y", ry[j], list(range(j)), j, tolerance)
        if np.any(rz[j] != 0):
            uniformly_controlled_rotation(c, "Z", rz[j], list(range(j)), j, tolerance)
    fidelity = float(abs(np.vdot(v, c.states())) ** 2)
    return c, fidelity


# ---------------------------------------------------------------------- IQP / ZZ feature map
def _pairs(n, entanglement):
    if entanglement == "full":
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    if entanglement == "linear":
        return [(i, i + 1) for i in range(n - 1)]
    raise ValueError(f"entanglement must be 'full' or 'linear', got {entanglement!r}")


def zz_feature_map(n_features: int, reps: int = 2, entanglement: str = "full") -> FeatureMap:
    """The second-order IQP feature map of Havlíček et al. 2019 (Nature 567, 209; arXiv:1804.11326).

    ``reps`` times: H on every wire, then exp(i x_i Z_i) on each wire and
    exp(i (π − x_i)(π − x_j) Z_i Z_j) on each pair. The products are computed
    classically (the transform) and read as features ``x_0..x_{n-1}`` followed by
    one per pair.
    """
    n = _checks.positive_int(n_features, "n_features")
    reps = _checks.positive_int(reps, "reps")
    pairs = _pairs(n, entanglement)
    c = Circuit(n)
    for _ in range(reps):
        for i in range(n):
            c.h(i)
        for i in range(n):
            c.rz(-2 * Feature(i), i)                       # exp(i φ Z) = RZ(−2φ)
        for k, (i, j) in enumerate(pairs):
            c.zz(-2 * Feature(n + k), i, j)                # exp(i φ ZZ) = ZZ(−2φ)

    def transform(x):
        prod = [(np.pi - x[:, i]) * (np.pi - x[:, j]) for i, j in pairs]
        return np.column_stack([x] + prod) if prod else x

    return FeatureMap(c, n, transform, name=f"ZZ feature map ({entanglement}, reps={reps})")


def zz_encoding(X, reps: int = 2, entanglement: str = "full") -> np.ndarray:
    """States of the ZZ feature map for every row of X: ``(n_samples, 2**n_features)``."""
    x = _X(X)
    return zz_feature_map(x.shape[1], reps, entanglement).states(x)


# ---------------------------------------------------------------------- classical feature maps
def left_padding(X, constants) -> np.ndarray:
    """Prepend constant features: [a0, a1] and [x0, x1] give [a0, a1, x0, x1].

    Amplitude-encoded, the constants give the state a fixed component that the
    data is measured against: Microsoft's QuantumClassification tutorial uses
    it to separate classes by a circle. (Its kets are written little-endian;
    here [a0, x0, x1] becomes a0|00⟩ + x0|01⟩ + x1|10⟩.)

    >>> left_padding([[0.2, 0.3]], [1.0])
    array([[1. , 0.2, 0.3]])
    """
    x = _X(X)
    c = np.atleast_1d(np.asarray(constants, dtype=float))
    _checks.finite(c, "constants")
    return np.hstack([np.broadcast_to(c, (x.shape[0], c.size)), x])


def split_fanout(X, constants) -> np.ndarray:
    """Microsoft's "split fanout": the tensor product of (left halves of constants and x) and
    (right halves), so [a0, a1], [x0, x1] give [a0·a1, a0·x1, x0·a1, x0·x1].

    Amplitude-encoded, this is the product state (a0|0⟩ + x0|1⟩) ⊗ (a1|0⟩ + x1|1⟩):
    each qubit holds one feature against a constant.

    >>> split_fanout([[2.0, 3.0]], [1.0, 1.0])
    array([[1., 3., 2., 6.]])
    """
    x = _X(X)
    c = np.atleast_1d(np.asarray(constants, dtype=float))
    _checks.finite(c, "constants")
    hc, hx = c.size // 2, x.shape[1] // 2
    left = np.hstack([np.broadcast_to(c[:hc], (x.shape[0], hc)), x[:, :hx]])
    right = np.hstack([np.broadcast_to(c[hc:], (x.shape[0], c.size - hc)), x[:, hx:]])
    return (left[:, :, None] * right[:, None, :]).reshape(x.shape[0], -1)   # (B, len(left)*len(right))


def fanout(X, copies: int = 2) -> np.ndarray:
    """Repeat the features ``copies`` times, [x0, x1] -> [x0, x1, x0, x1], so one feature
    enters several qubits (the input of the W4 classifier and Microsoft's tutorials).

    >>> fanout([[1.0, 2.0]], 2)
    array([[1., 2., 1., 2.]])
    """
    x = _X(X)
    return np.tile(x, (1, _checks.positive_int(copies, "copies")))


# ---------------------------------------------------------------------- re-uploading
def reuploading_circuit(n_qubits: int, n_layers: int, rotation: str = "RX") -> Circuit:
    """Data re-uploading (Pérez-Salinas et al. 2020, Quantum 4, 226; arXiv:1907.02085): a trainable
    Rot layer, then ``n_layers`` times [R(x_w) on every wire w, a trainable Rot layer].

    Wire w reads feature w, so the circuit takes ``n_qubits`` features and has
    ``3 * n_qubits * (n_layers + 1)`` parameters. With one Pauli-rotation encoding per
    layer, the model is a Fourier series in each feature with frequencies
    −n_layers … n_layers (Schuld, Sweke & Meyer 2021, arXiv:2008.08605).
    """
    n = _checks.n_qubits(n_qubits)
    L = _checks.positive_int(n_layers, "n_layers")
    r = _rotation_name(rotation)
    c, k = Circuit(n), 0
    for layer in range(L + 1):
        for w in range(n):
            c.rot(Param(k), Param(k + 1), Param(k + 2), w)
            k += 3
        if layer < L:
            for w in range(n):
                c.add(r, w, Feature(w))
    return c


# ---------------------------------------------------------------------- costs
def encoding_costs(n_features: int) -> dict:
    """Qubits and gates each encoding needs for ``n_features`` features.

    >>> encoding_costs(4)["amplitude"]
    {'qubits': 2, 'gates': 5, 'two_qubit_gates': 2}
    """
    k = _checks.positive_int(n_features, "n_features")
    rng = np.random.default_rng(0)
    amp, _ = amplitude_circuit(rng.normal(size=k) + 1j * rng.normal(size=k))
    amp_real, _ = amplitude_circuit(rng.normal(size=k))
    circuits = {"basis": basis_circuit(k), "angle": angle_circuit(k),
                "dense angle": dense_angle_circuit(k), "amplitude": amp_real,
                "amplitude (complex)": amp, "ZZ (reps=1)": zz_feature_map(k, 1).circuit}
    return {name: {"qubits": c.n_qubits, "gates": len(c), "two_qubit_gates": c.count(2)}
            for name, c in circuits.items()}
