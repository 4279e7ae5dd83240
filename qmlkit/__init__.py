"""qmlkit: a small, fast toolkit under a workbook of quantum machine learning katas.

Conventions: wire 0 is the most significant bit (the leftmost ket label, as in
PennyLane and Cirq; Qiskit is the reverse); R_P(θ) = exp(−iθP/2); a batch of
states is ``(n_samples, 2**n_qubits)`` complex128, batch first.

>>> import qmlkit as qk
>>> c = qk.Circuit(2).h(0).cnot(0, 1)
>>> round(c.expval(qk.Z(0) @ qk.Z(1)), 12)
1.0
"""
from . import (ansatz, classifier, datasets, encoding, expressivity, interop, katas, kernels, landscape, noise,
               optimizers, reuploading, trainability)
from .circuit import Angle, Circuit, Feature, Operation, Param
from .classifier import QuantumClassifier
from .gates import GATES
from .gradients import jacobian, value_and_jacobian
from .observables import (I, Observable, PauliString, Projector, Sum, X, Y, Z, estimate_expval,
                          expval, pauli)
from .state import (apply_gate, apply_unitary, basis_state, bloch_vector, marginal_probabilities,
                    n_qubits_of, probabilities, sample_counts, zero_state)

__version__ = "0.1.0"

# Plotting and widgets import matplotlib / ipywidgets, so they load on first use:
# ``import qmlkit`` stays fast and headless.
_LAZY = {"plot_state": "plotting", "plot_bloch": "plotting", "plot_circuit": "plotting", "plotting": None, "widgets": None}


def __getattr__(name):
    if name in _LAZY:
        import importlib
        module = importlib.import_module(f".{_LAZY[name] or name}", __name__)
        return module if _LAZY[name] is None else getattr(module, name)
    raise AttributeError(f"module 'qmlkit' has no attribute {name!r}")

__all__ = [
    "ansatz", "classifier", "datasets", "encoding", "expressivity", "katas", "landscape", "optimizers", "trainability",
    "interop", "kernels", "noise", "reuploading",
    "Angle", "Circuit", "Feature", "Operation", "Param", "QuantumClassifier", "GATES", "jacobian", "value_and_jacobian",
    "I", "Observable", "PauliString", "Projector", "Sum", "X", "Y", "Z", "estimate_expval", "expval",
    "pauli",
    "apply_gate", "apply_unitary", "basis_state", "bloch_vector", "marginal_probabilities", "n_qubits_of",
    "probabilities", "sample_counts", "zero_state",
]
