"""Input validation shared by the package: every message says what was expected and what came."""
from __future__ import annotations

import numbers

import numpy as np

from .gates import GATES

# Names that are a gate of GATES plus leading control wires: alias -> (gate, n_controls).
CONTROLLED_ALIASES = {
    "CNOT": ("X", 1), "CX": ("X", 1), "CY": ("Y", 1), "CZ": ("Z", 1),
    "CRX": ("RX", 1), "CRY": ("RY", 1), "CRZ": ("RZ", 1), "CPHASE": ("PHASE", 1),
    "CCX": ("X", 2), "TOFFOLI": ("X", 2), "CCZ": ("Z", 2),
}
ALIASES = {"ISINGZZ": "ZZ", "RZZ": "ZZ", "U": "U3", "P": "PHASE", "ID": "I"}


def _is_int(v) -> bool:
    return isinstance(v, (numbers.Integral, np.integer)) and not isinstance(v, bool)


def positive_int(v, name: str) -> int:
    if not _is_int(v) or v < 1:
        raise ValueError(f"{name} must be a positive integer, got {v!r}")
    return int(v)


def n_qubits(v) -> int:
    if not _is_int(v) or v < 1:
        raise ValueError(f"n_qubits must be a positive integer, got {v!r}")
    if v > 30:
        raise ValueError(f"n_qubits={v} needs 2**{v} amplitudes per state; qmlkit simulates up to 30")
    return int(v)


def shots(v) -> int:
    if not _is_int(v) or v < 1:
        raise ValueError(f"shots must be a positive integer, got {v!r}")
    return int(v)


def bits(v) -> list:
    b = [int(x) for x in np.asarray(v).ravel()]
    if not b or any(x not in (0, 1) for x in b):
        raise ValueError(f"bits must be a non-empty sequence of 0 and 1, got {v!r}")
    return b


def state_dim(d) -> int:
    """n from a state dimension 2**n, or a ValueError naming the dimension."""
    d = int(d)
    n = d.bit_length() - 1
    if d < 2 or 2 ** n != d:
        raise ValueError(f"a state must have 2**n_qubits amplitudes (2, 4, 8, ...), got {d}")
    return n


def states(v) -> tuple:
    """A complex (B, 2**n) batch and whether the input was a single state."""
    psi = np.asarray(v)
    if psi.ndim not in (1, 2):
        raise ValueError("states must have shape (2**n_qubits,) or (n_samples, 2**n_qubits), "
                         f"got shape {psi.shape}")
    if not np.issubdtype(psi.dtype, np.number):
        raise TypeError(f"states must be numeric, got dtype {psi.dtype}")
    state_dim(psi.shape[-1])
    single = psi.ndim == 1
    return np.asarray(psi, dtype=complex).reshape(-1, psi.shape[-1]), single


def wire_list(w) -> list:
    items = [w] if _is_int(w) else list(np.asarray(w, dtype=object).ravel())
    for x in items:
        if not _is_int(x):
            raise TypeError(f"wires must be integers, got {w!r}")
    return [int(x) for x in items]


def wires(ws, n: int, expected: int | None = None, what: str = "gate") -> None:
    if expected is not None and len(ws) != expected:
        raise ValueError(f"{what} acts on {expected} wire(s), got {len(ws)}: {list(ws)}")
    bad = [w for w in ws if not 0 <= w < n]
    if bad:
        raise ValueError(f"{what}: wire {bad[0]} does not exist; wires are 0..{n - 1} for "
                         f"{n} qubit(s)")
    if len(set(ws)) != len(ws):
        raise ValueError(f"{what}: wires must be distinct, got {list(ws)}")


def gate_name(name) -> tuple:
    """Canonical (gate name, number of leading control wires) for a user-given name."""
    if not isinstance(name, str):
        raise TypeError(f"gate must be a name such as 'RY', got {type(name).__name__}")
    key = name.upper()
    key = ALIASES.get(key, key)
    if key in CONTROLLED_ALIASES:
        return CONTROLLED_ALIASES[key]
    if key not in GATES:
        known = ", ".join(sorted(set(GATES) | set(CONTROLLED_ALIASES)))
        raise ValueError(f"unknown gate {name!r}; known gates: {known}")
    return key, 0


def gate_call(name, ws, controls) -> tuple:
    """Resolve aliases such as CNOT into (gate, target wires, control wires)."""
    key, n_ctrl = gate_name(name)
    ws, controls = wire_list(ws), wire_list(controls) if np.size(controls) else []
    if n_ctrl:
        if len(ws) != n_ctrl + GATES[key].n_wires:
            raise ValueError(f"{name} acts on {n_ctrl + GATES[key].n_wires} wires "
                             f"(control(s) first, then target), got {ws}")
        controls = controls + ws[:n_ctrl]
        ws = ws[n_ctrl:]
    return key, ws, controls


def finite(a: np.ndarray, what: str) -> np.ndarray:
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{what} must be finite numbers, got NaN or inf")
    return a


def gate_angles(angles, n_angles: int, n_samples: int, gate: str) -> np.ndarray:
    """Angles as (n_angles,) shared, or (n_samples, n_angles) when any differs per sample."""
    if len(angles) != n_angles:
        raise ValueError(f"gate {gate!r} takes {n_angles} angle(s), got {len(angles)}")
    arrs = []
    for a in angles:
        try:
            arr = np.asarray(a, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"gate {gate!r}: angles must be real numbers, got {a!r}") from None
        if arr.ndim > 1 or (arr.ndim == 1 and arr.shape[0] != n_samples):
            raise ValueError(f"gate {gate!r}: an angle is a number or one per sample "
                             f"(shape ({n_samples},)), got shape {arr.shape}")
        arrs.append(finite(arr, f"gate {gate!r} angles"))
    if any(a.ndim == 1 for a in arrs):
        return np.stack([np.broadcast_to(a, (n_samples,)) for a in arrs], axis=-1)
    return np.array([float(a) for a in arrs]).reshape(n_angles)


def unitary(m, k: int | None = None, atol: float = 1e-8) -> np.ndarray:
    u = np.asarray(m)
    if not np.issubdtype(u.dtype, np.number):
        raise TypeError(f"a unitary must be a numeric matrix, got dtype {u.dtype}")
    u = u.astype(complex)
    d = u.shape[0] if u.ndim == 2 else -1
    if u.ndim != 2 or u.shape[0] != u.shape[1] or d < 2 or d & (d - 1):
        raise ValueError(f"a unitary must be a square matrix of size 2**k, got shape {u.shape}")
    if k is not None and d != 2 ** k:
        raise ValueError(f"a unitary on {k} wire(s) must have shape ({2 ** k}, {2 ** k}), "
                         f"got {u.shape}")
    finite(u, "a unitary's entries")
    err = np.abs(u.conj().T @ u - np.eye(d)).max()
    if err > atol:
        raise ValueError(f"matrix is not unitary: max |U^dagger U - I| = {err:.2e} > {atol:g}")
    return u


def params(p, n_params: int) -> np.ndarray:
    """Trainable parameters as a float vector of length n_params."""
    if p is None:
        if n_params:
            raise ValueError(f"this circuit has {n_params} trainable parameter(s); pass params")
        return np.zeros(0)
    try:
        a = np.asarray(p, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"params must be real numbers, got {type(p).__name__}") from None
    if a.ndim != 1 or a.shape[0] != n_params:
        raise ValueError(f"params must have shape ({n_params},) for this circuit, got shape {a.shape}")
    return finite(a, "params")


def features(X, n_features: int) -> tuple:
    """Data as (x of shape (B, n_features), whether a single sample was given)."""
    if X is None:
        if n_features:
            raise ValueError(f"this circuit reads {n_features} data feature(s); pass X")
        return np.zeros((1, 0)), True
    try:
        x = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"X must be real numbers, got {type(X).__name__}") from None
    if x.ndim not in (1, 2):
        raise ValueError(f"X must have shape (n_samples, n_features) or (n_features,), got {x.shape}")
    single = x.ndim == 1
    x = x.reshape(1, -1) if single else x
    if x.shape[0] == 0:
        raise ValueError("X is empty: it has no samples")
    if x.shape[1] != n_features:
        raise ValueError(f"this circuit reads {n_features} feature(s) per sample, X has "
                         f"{x.shape[1]} (shape {x.shape})")
    return finite(x, "X"), single


def normalised_rows(psi: np.ndarray, what: str = "states") -> np.ndarray:
    """Norms of a (B, d) batch, or ValueError for a row whose norm is 0 or not finite."""
    norms = np.linalg.norm(psi, axis=1)
    bad = np.flatnonzero(~np.isfinite(norms) | (norms == 0))
    if bad.size:
        raise ValueError(f"{what}: state {bad[0]} has norm {norms[bad[0]]}; a state needs a finite, "
                         "non-zero norm")
    return norms
