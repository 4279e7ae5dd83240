"""Interactive explorers for the notebooks: thin ipywidgets UIs over pure functions.

Each explorer returns an ipywidgets container whose ``.update()`` redraws it
and whose ``.state`` holds what it shows, so tests can drive the sliders and
check the result without a browser.
"""
from __future__ import annotations

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np

from .plotting import plot_bloch, plot_state

__all__ = ["single_qubit_state", "bloch_explorer"]


def single_qubit_state(theta: float, phi: float) -> np.ndarray:
    """cos(θ/2)|0⟩ + e^{iφ} sin(θ/2)|1⟩, the point (θ, φ) of the Bloch sphere.

    >>> np.round(single_qubit_state(np.pi / 2, 0.0), 6)
    array([0.707107+0.j, 0.707107+0.j])
    """
    return np.array([np.cos(theta / 2), np.exp(1j * phi) * np.sin(theta / 2)])


class BlochExplorer(W.VBox):
    """Sliders for θ and φ; the Bloch sphere, the amplitudes and the probabilities they give."""

    def __init__(self, theta: float = np.pi / 3, phi: float = np.pi / 4):
        self.theta = W.FloatSlider(value=theta, min=0, max=np.pi, step=np.pi / 48,
                                   description="θ", readout_format=".2f")
        self.phi = W.FloatSlider(value=phi, min=-np.pi, max=np.pi, step=np.pi / 48,
                                 description="φ", readout_format=".2f")
        self.text = W.HTML()
        self.out = W.Output()
        super().__init__([W.HBox([self.theta, self.phi]), self.text, self.out])
        for s in (self.theta, self.phi):
            s.observe(lambda change: self.update(), names="value")
        self.state = None
        self.update()

    def update(self):
        self.state = single_qubit_state(self.theta.value, self.phi.value)
        a0, a1 = self.state
        p1 = abs(a1) ** 2
        self.text.value = (f"|ψ⟩ = {a0.real:.3f} |0⟩ + ({a1.real:.3f}{a1.imag:+.3f}i) |1⟩ &nbsp; "
                           f"P(0) = {1 - p1:.3f}, P(1) = {p1:.3f}")
        with self.out:
            self.out.clear_output(wait=True)
            fig = plt.figure(figsize=(7.5, 3.2))
            plot_bloch(self.state, ax=fig.add_subplot(1, 2, 1, projection="3d"))
            plot_state(self.state, ax=fig.add_subplot(1, 2, 2), amplitudes=True)
            fig.tight_layout()
            plt.show()


def bloch_explorer(theta: float = np.pi / 3, phi: float = np.pi / 4) -> BlochExplorer:
    """Drag θ and φ and watch the state move on the Bloch sphere."""
    return BlochExplorer(theta, phi)
