"""The circuit explorer widget of notebook 02, driven without a browser: set its controls, read what it shows."""
from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg", force=True)

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import qmlkit as qk  # noqa: E402
from qmlkit import ansatz as A  # noqa: E402
from qmlkit import expressivity as E  # noqa: E402
from qmlkit.widgets import STRUCTURES, build_structure  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def shown_numbers(text):
    m = re.search(r"(\d+) parameters, (\d+) gates, depth (\d+), (\d+) two-qubit gates", text)
    assert m, text
    return tuple(int(g) for g in m.groups())


def same_circuit(a, b):
    return a.n_qubits == b.n_qubits and a.ops == b.ops


@pytest.mark.parametrize("name", STRUCTURES)
def test_every_structure_builds_on_two_to_eight_qubits(name):
    for n in (2, 5, 8):
        c = build_structure(name, n, 2)
        assert c.n_qubits == n and c.n_params > 0


def test_build_structure_is_the_ansatz_module():
    assert same_circuit(build_structure("hardware-efficient (CZ ladder)", 4, 3), A.hardware_efficient(4, 3))
    assert same_circuit(build_structure("hardware-efficient (CNOT ring)", 3, 1),
                        A.hardware_efficient(3, 1, entangler="cnot", pattern="ring"))
    assert same_circuit(build_structure("circuit-centric", 8, 2), A.circuit_centric(8, (1, 3)))
    assert same_circuit(build_structure("strongly entangling", 5, 2), A.strongly_entangling(5, 2))
    assert same_circuit(build_structure("identity block (hardware-efficient)", 3, 2),
                        A.identity_block(A.hardware_efficient(3, 2)))
    ms = A.combined_structure([A.local_rotations_layer(4, "Y"), A.cyclic_entangling_layer(4, "X", 1)] * 2)
    assert same_circuit(build_structure("Microsoft layers (RY + cyclic CRX)", 4, 2), A.to_circuit(ms))
    local = build_structure("local rotations only", 3, 2)
    assert local.count(2) == 0 and local.n_params == 12
    with pytest.raises(ValueError, match="structure"):
        build_structure("no such thing", 3, 1)


def test_explorer_follows_its_controls():
    w = qk.widgets.circuit_explorer()
    assert same_circuit(w.circuit, A.hardware_efficient(4, 2))
    # 4 qubits × 2 layers × (RY, RZ) = 16 parameters; 16 rotations + 2 × 3 CZ = 22 gates
    assert shown_numbers(w.text.value) == (16, 22, w.circuit.depth(), 6)
    assert w.measures is None

    w.structure.value = "circuit-centric"
    w.n_qubits.value = 8                         # the model of the paper: 33 gates, 99 parameters
    assert same_circuit(w.circuit, A.circuit_centric(8, (1, 3)))
    params, gates, depth, two = shown_numbers(w.text.value)
    assert (params, gates, two) == (99, 33, 16) and depth == w.circuit.depth()
    assert w.counts == E.summary(w.circuit, sample=False)

    w.n_layers.value = 1
    assert len(w.circuit) == 17 and shown_numbers(w.text.value)[1] == 17


def test_button_measures_expressibility_and_entanglement():
    w = qk.widgets.circuit_explorer("strongly entangling", n_qubits=3, n_layers=1)
    assert w.progress.value == 0 and "press the button" in w.result.value
    w.button.click()
    want_kl = E.expressibility(A.strongly_entangling(3, 1), w.n_pairs, random_state=w.random_state)
    want_ent = E.entangling_capability(A.strongly_entangling(3, 1), w.n_pairs, random_state=w.random_state)
    assert w.measures == {"expressibility": want_kl, "entangling_capability": want_ent}
    assert w.progress.value == w.progress.max == 2
    assert f"{want_kl:.3f}" in w.result.value and f"{want_ent:.3f}" in w.result.value
    # a new structure forgets the old measures
    w.structure.value = "local rotations only"
    assert w.measures is None and w.progress.value == 0
    w.button.click()
    assert w.measures["entangling_capability"] == pytest.approx(0.0, abs=1e-12)


def test_explorer_controls_do_not_update_while_dragging():
    w = qk.widgets.circuit_explorer()
    assert not w.n_qubits.continuous_update and not w.n_layers.continuous_update
    assert (w.n_qubits.min, w.n_qubits.max) == (2, 8)


def test_redraws_do_not_pile_up_figures():
    w = qk.widgets.circuit_explorer()
    before = len(plt.get_fignums())
    for n in (2, 3, 5, 6):
        w.n_qubits.value = n
    assert len(plt.get_fignums()) <= max(before, 1)
