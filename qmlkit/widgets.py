"""Interactive explorers for the notebooks: thin ipywidgets UIs over pure functions.

Each explorer returns an ipywidgets container whose ``.update()`` redraws it
and whose ``.state`` holds what it shows, so tests can drive the sliders and
check the result without a browser.
"""
from __future__ import annotations

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np

from . import encoding as _encoding
from .plotting import plot_bloch, plot_state
from .state import bloch_vector

__all__ = ["single_qubit_state", "bloch_explorer", "ENCODINGS", "encode_features", "EncodingExplorer",
           "encoding_explorer"]


def _show(fig) -> None:
    """Show a figure in the current Output, then release it (so redraws never pile up figures)."""
    plt.show()
    plt.close(fig)


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
            _show(fig)


def bloch_explorer(theta: float = np.pi / 3, phi: float = np.pi / 4) -> BlochExplorer:
    """Drag θ and φ and watch the state move on the Bloch sphere."""
    return BlochExplorer(theta, phi)


# ---------------------------------------------------------------------- notebook 01: encodings
ENCODINGS = ("angle (RY)", "angle (RX)", "dense angle", "amplitude", "ZZ feature map")


def encode_features(x, encoding: str) -> np.ndarray:
    """The state that ``encoding`` (one of `ENCODINGS`) gives one sample ``x``: ``(2**n_qubits,)``.

    Scale 1 everywhere; the ZZ feature map with reps=2 and full entanglement.

    >>> np.round(encode_features([np.pi, 0.0], "angle (RY)").real, 6)      # |10⟩
    array([0., 0., 1., 0.])
    """
    X = np.asarray(x, dtype=float)[None, :]
    maps = {"angle (RY)": lambda: _encoding.angle_encoding(X, "RY"),
            "angle (RX)": lambda: _encoding.angle_encoding(X, "RX"),
            "dense angle": lambda: _encoding.dense_angle_encoding(X),
            "amplitude": lambda: _encoding.amplitude_encoding(X),
            "ZZ feature map": lambda: _encoding.zz_encoding(X, reps=2)}
    if encoding not in maps:
        raise ValueError(f"encoding must be one of {ENCODINGS}, got {encoding!r}")
    return maps[encoding]()[0]


class EncodingExplorer(W.VBox):
    """Sliders for the features and a menu of encodings; the encoded state as amplitude bars
    and, for every wire, its Bloch vector (length 1 when the wire is not entangled)."""

    def __init__(self, n_features: int = 2, encoding: str = "angle (RY)", values=None):
        if n_features not in (2, 3):
            raise ValueError(f"the explorer takes 2 or 3 features, got {n_features!r}")
        values = (0.8, 2.0, -1.2)[:n_features] if values is None else values
        self.sliders = [W.FloatSlider(value=v, min=-np.pi, max=np.pi, step=np.pi / 48,
                                      description=f"x{i}", readout_format=".2f",
                                      continuous_update=True) for i, v in enumerate(values)]
        self.encoding = W.Dropdown(options=ENCODINGS, value=encoding, description="encoding")
        self.text = W.HTML()
        self.out = W.Output()
        super().__init__([W.HBox([self.encoding] + self.sliders), self.text, self.out])
        for w in self.sliders + [self.encoding]:
            w.observe(lambda change: self.update(), names="value")
        self.state = self.bloch = None
        self.update()

    @property
    def features(self) -> np.ndarray:
        return np.array([s.value for s in self.sliders])

    def update(self):
        try:
            self.state = encode_features(self.features, self.encoding.value)
        except ValueError as exc:           # e.g. all features 0 for amplitude encoding
            self.state = self.bloch = None
            self.text.value = f"<b>{self.encoding.value}</b>: {exc}"
            self.out.clear_output()
            return
        n = int(np.log2(self.state.size))
        self.bloch = np.array([bloch_vector(self.state, w) for w in range(n)])
        lengths = np.linalg.norm(self.bloch, axis=1)
        kind = ("a product state: every Bloch vector has length 1" if np.all(lengths > 1 - 1e-9)
                else "entangled: some Bloch vectors are shorter than 1")
        self.text.value = f"<b>{self.encoding.value}</b> on {n} qubit(s): {kind}"
        self._draw(n, lengths)

    def _draw(self, n, lengths):
        with self.out:
            self.out.clear_output(wait=True)
            fig = plt.figure(figsize=(4.2 + 2.6 * n, 3.0))
            grid = fig.add_gridspec(1, n + 2)
            plot_state(self.state, ax=fig.add_subplot(grid[0, :2]), amplitudes=True,
                       title="amplitudes")
            for w in range(n):
                ax = fig.add_subplot(grid[0, 2 + w], projection="3d")
                plot_bloch(self.bloch[w], ax=ax)
                ax.set_title(f"wire {w}: length {lengths[w]:.2f}", fontsize=9)
            fig.tight_layout()
            _show(fig)


def encoding_explorer(n_features: int = 2, encoding: str = "angle (RY)") -> EncodingExplorer:
    """Move the features, switch the encoding, and watch the encoded state change."""
    return EncodingExplorer(n_features, encoding)



# ---------------------------------------------------------------------- notebook 02: circuit structures
STRUCTURES = ("hardware-efficient (CZ ladder)", "hardware-efficient (CNOT ring)", "local rotations only",
              "Microsoft layers (RY + cyclic CRX)", "circuit-centric", "strongly entangling",
              "identity block (hardware-efficient)")


def build_structure(structure: str, n_qubits: int, n_layers: int):
    """The circuit of one of `STRUCTURES` with ``n_layers`` layers (blocks) on ``n_qubits`` qubits.

    Circuit-centric blocks take ranges 1, 3, 5, … (mod n − 1); "local rotations only" is RY
    then RZ on every qubit, per layer, with no entangling gate.

    >>> build_structure("circuit-centric", 8, 2).n_params             # the 33 gates of arXiv:1804.00633
    99
    """
    from . import ansatz as A
    n, L = n_qubits, n_layers
    builders = {
        "hardware-efficient (CZ ladder)": lambda: A.hardware_efficient(n, L),
        "hardware-efficient (CNOT ring)": lambda: A.hardware_efficient(n, L, entangler="cnot", pattern="ring"),
        "local rotations only": lambda: A.to_circuit(A.combined_structure(
            [A.local_rotations_layer(n, "Y"), A.local_rotations_layer(n, "Z")] * L)),
        "Microsoft layers (RY + cyclic CRX)": lambda: A.to_circuit(A.combined_structure(
            [A.local_rotations_layer(n, "Y"), A.cyclic_entangling_layer(n, "X", 1)] * L)),
        "circuit-centric": lambda: A.circuit_centric(n, [1 + (2 * l) % max(n - 1, 1) for l in range(L)]),
        "strongly entangling": lambda: A.strongly_entangling(n, L),
        "identity block (hardware-efficient)": lambda: A.identity_block(A.hardware_efficient(n, L)),
    }
    if structure not in builders:
        raise ValueError(f"structure must be one of {STRUCTURES}, got {structure!r}")
    return builders[structure]()


class CircuitExplorer(W.VBox):
    """A structure, its number of qubits and layers; the circuit's diagram and size at once, and
    on request (a button: it samples thousands of states) its expressibility and entangling
    capability.

    ``.circuit`` is the circuit shown, ``.counts`` its size (`expressivity.summary`) and
    ``.measures`` the sampled measures, or None until the button is pressed.
    """

    def __init__(self, structure: str = STRUCTURES[0], n_qubits: int = 4, n_layers: int = 2,
                 n_pairs: int = 2000, random_state: int = 0):
        self.n_pairs, self.random_state = n_pairs, random_state
        self.structure = W.Dropdown(options=STRUCTURES, value=structure, description="structure",
                                    layout=W.Layout(width="380px"))
        self.n_qubits = W.IntSlider(value=n_qubits, min=2, max=8, description="qubits",
                                    continuous_update=False)
        self.n_layers = W.IntSlider(value=n_layers, min=1, max=4, description="layers",
                                    continuous_update=False)
        self.button = W.Button(description="measure expressibility", button_style="info",
                               layout=W.Layout(width="200px"))
        self.progress = W.IntProgress(value=0, min=0, max=2, layout=W.Layout(width="120px"))
        self.text, self.result, self.out = W.HTML(), W.HTML(), W.Output()
        super().__init__([W.HBox([self.structure, self.n_qubits, self.n_layers]), self.text,
                          W.HBox([self.button, self.progress, self.result]), self.out])
        for w in (self.structure, self.n_qubits, self.n_layers):
            w.observe(lambda change: self.update(), names="value")
        self.button.on_click(lambda b: self.measure())
        self.circuit = self.counts = self.measures = None
        self.update()

    def update(self):
        """Rebuild the circuit, its size and its diagram; forget the measures of the old one."""
        from .expressivity import summary
        from .plotting import plot_circuit
        self.circuit = build_structure(self.structure.value, self.n_qubits.value, self.n_layers.value)
        self.counts = summary(self.circuit, sample=False)
        self.measures = None
        self.progress.value = 0
        c = self.counts
        self.text.value = (f"<b>{self.structure.value}</b>: {c['n_params']} parameters, {c['n_gates']} "
                           f"gates, depth {c['depth']}, {c['two_qubit_gates']} two-qubit gates")
        self.result.value = "expressibility and entangling capability: press the button"
        with self.out:
            self.out.clear_output(wait=True)
            _show(plot_circuit(self.circuit).figure)

    def measure(self):
        """Expressibility (KL to Haar, lower is more expressive) and entangling capability."""
        from .expressivity import entangling_capability, expressibility
        self.result.value = f"sampling {2 * self.n_pairs} random states …"
        self.progress.value = 0
        kl = expressibility(self.circuit, self.n_pairs, random_state=self.random_state)
        self.progress.value = 1
        ent = entangling_capability(self.circuit, self.n_pairs, random_state=self.random_state)
        self.progress.value = 2
        self.measures = {"expressibility": kl, "entangling_capability": ent}
        self.result.value = (f"expressibility (KL to Haar) <b>{kl:.3f}</b>, entangling capability "
                             f"<b>{ent:.3f}</b> from {self.n_pairs} random parameter pairs")


def circuit_explorer(structure: str = STRUCTURES[0], n_qubits: int = 4, n_layers: int = 2) -> CircuitExplorer:
    """Choose a structure, its qubits and layers: see its diagram and size; press the button for
    its expressibility and entangling capability."""
    return CircuitExplorer(structure, n_qubits, n_layers)


__all__ += ["STRUCTURES", "build_structure", "CircuitExplorer", "circuit_explorer"]


# ---------------------------------------------------------------------- notebook 03: live training
class TrainingDisplay(W.VBox):
    """A live view of training: a progress bar over the epochs, the latest numbers, and (every
    ``every`` epochs and at the last one) the loss curve and the decision boundary so far.

    Pass ``display.callback`` as a `QuantumClassifier`'s ``callback=``. The callback only
    records and redraws; ``.history`` holds every epoch's numbers and ``.n_redraws`` counts the
    pictures drawn, so tests can feed it made-up ``info`` dicts and read what it shows.

    Parameters
    ----------
    epochs : int
        The length of the progress bar (``info["epochs"]``, when given, takes over).
    X, y : array-like, optional
        Two-feature data to draw the decision boundary on (with the ``decision_function`` that
        the classifier passes in ``info``).
    every : int
        Redraw the pictures every this many epochs (drawing is the slow part).
    resolution : int
        Grid points per axis of the decision boundary.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = TrainingDisplay(10, every=5)
    >>> d.callback({"epoch": 1, "epochs": 10, "loss": 0.25, "train_accuracy": 0.75})
    False
    >>> d.progress.value, d.history["loss"], d.n_redraws
    (1, [0.25], 0)
    """

    _KEYS = ("epoch", "loss", "validation_loss", "train_accuracy", "validation_accuracy")

    def __init__(self, epochs: int, X=None, y=None, every: int = 5, resolution: int = 40):
        self.every = int(every)
        if self.every < 1:
            raise ValueError(f"every must be a positive integer, got {every!r}")
        self.X = None if X is None else np.asarray(X, dtype=float)
        self.y = None if y is None else np.asarray(y)
        if self.X is not None and (self.X.ndim != 2 or self.X.shape[1] != 2):
            raise ValueError(f"the decision boundary needs X of shape (n_samples, 2), got {self.X.shape}")
        self.resolution = resolution
        self.progress = W.IntProgress(value=0, min=0, max=int(epochs), description="epoch 0",
                                      bar_style="info")
        self.text = W.HTML("waiting for the first epoch …")
        self.out = W.Output()
        super().__init__([self.progress, self.text, self.out])
        self.history = {k: [] for k in self._KEYS}
        self.n_redraws = 0

    def __deepcopy__(self, memo):
        """One display on the screen: copies of a classifier (scikit-learn's ``clone``) share it."""
        return self

    def callback(self, info: dict) -> bool:
        """Record one epoch's ``info`` (as `QuantumClassifier` passes it); redraw when due.
        Returns False: the display never stops training."""
        if info.get("estimator", 0) and info["epoch"] == 1:      # next one-vs-rest classifier
            self.history = {k: [] for k in self._KEYS}
        for k in self._KEYS:
            self.history[k].append(info.get(k))
        epoch = int(info["epoch"])
        self.progress.max = int(info.get("epochs") or self.progress.max)
        self.progress.value = min(epoch, self.progress.max)
        who = (f"classifier {info['estimator'] + 1} of {info['n_estimators']}, "
               if "estimator" in info else "")
        self.progress.description = f"epoch {epoch}"
        val = info.get("validation_accuracy")
        self.text.value = (f"{who}epoch {epoch}/{self.progress.max}: loss {info['loss']:.4f}, "
                           f"train accuracy {info['train_accuracy']:.3f}"
                           + ("" if val is None else f", validation accuracy {val:.3f}"))
        last = epoch >= self.progress.max
        if epoch % self.every == 0 or last:
            self.update(info)
        if last:
            self.progress.bar_style = "success"
        return False

    def update(self, info: dict) -> None:
        """Draw the loss so far and, with data and a ``decision_function``, the decision boundary."""
        from .plotting import plot_decision_boundary
        boundary = self.X is not None and callable(info.get("decision_function"))
        with self.out:
            self.out.clear_output(wait=True)
            fig, axes = plt.subplots(1, 2 if boundary else 1, figsize=(9 if boundary else 4.6, 3.4))
            ax = axes[0] if boundary else axes
            ax.plot(self.history["epoch"], self.history["loss"], "o-", markersize=3, label="train")
            if any(v is not None for v in self.history["validation_loss"]):
                ax.plot(self.history["epoch"], self.history["validation_loss"], "s--", markersize=3,
                        label="validation")
            ax.set_xlim(0.5, max(self.progress.max, 1) + 0.5)
            ax.set_xlabel("epoch")
            ax.set_ylabel("mean loss")
            ax.legend(fontsize=8)
            if boundary:
                plot_decision_boundary(info["decision_function"], self.X, self.y, ax=axes[1],
                                       resolution=self.resolution, legend=False)
            fig.tight_layout()
            _show(fig)
        self.n_redraws += 1


class BiasExplorer(W.VBox):
    """A slider for the bias b of the rule "label 1 if p + b > 0.5": the readout probabilities of
    both classes on a line, the threshold 0.5 − b, and how many samples it gets wrong.

    ``.state`` holds ``bias``, ``threshold``, ``predictions``, ``misclassified`` (a count) and
    ``best`` (the fewest possible and the bias `fit_bias` picks). Tested in
    tests/test_training_display.py (its Output widget writes terminal codes outside a notebook).
    """

    def __init__(self, p, y, bias: float = 0.0):
        from .classifier import fit_bias
        self.p, self.y = np.asarray(p, dtype=float), np.asarray(y, dtype=int)
        if self.p.ndim != 1 or self.p.shape != self.y.shape or self.p.size == 0:
            raise ValueError(f"p and y must be non-empty 1-D arrays of one length, got shapes "
                             f"{self.p.shape} and {self.y.shape}")
        b = fit_bias(self.p, self.y)
        self.best = {"bias": b, "misclassified": int(np.sum((self.p + b > 0.5) != self.y))}
        self.slider = W.FloatSlider(value=bias, min=-0.5, max=0.5, step=0.01, description="bias b",
                                    readout_format=".2f", continuous_update=True)
        self.text = W.HTML()
        self.out = W.Output()
        super().__init__([self.slider, self.text, self.out])
        self.slider.observe(lambda change: self.update(), names="value")
        self.state = None
        self.update()

    def update(self):
        b = float(self.slider.value)
        pred = (self.p + b > 0.5).astype(int)
        wrong = int(np.sum(pred != self.y))
        self.state = {"bias": b, "threshold": 0.5 - b, "predictions": pred, "misclassified": wrong,
                      "best": self.best}
        self.text.value = (f"threshold on p: 0.5 − b = {0.5 - b:.2f} &nbsp; <b>{wrong} of {self.p.size}</b>"
                           f" misclassified (the best bias, b = {self.best['bias']:.2f}, gets "
                           f"{self.best['misclassified']} wrong)")
        with self.out:
            self.out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(7, 2.0))
            for label, colour in ((0, "tab:blue"), (1, "tab:red")):
                mine = self.y == label
                ok, bad = mine & (pred == self.y), mine & (pred != self.y)
                ax.scatter(self.p[ok], np.full(ok.sum(), label), color=colour, s=40,
                           edgecolor="black", label=f"class {label}")
                ax.scatter(self.p[bad], np.full(bad.sum(), label), color=colour, s=80, marker="X",
                           edgecolor="black", label=f"class {label}, misclassified" if bad.any() else None)
            ax.axvline(0.5 - b, color="black")
            ax.axvspan(0.5 - b, 1.05, color="tab:red", alpha=0.08)
            ax.set_xlim(-0.05, 1.05)
            ax.set_ylim(-0.6, 1.6)
            ax.set_yticks([0, 1])
            ax.set_xlabel("readout probability p (shaded: predicted 1)")
            ax.set_ylabel("true label")
            ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
            fig.tight_layout()
            _show(fig)


def bias_explorer(p, y, bias: float = 0.0) -> BiasExplorer:
    """Drag the bias and watch the threshold on p move and the misclassifications change."""
    return BiasExplorer(p, y, bias)


def training_display(epochs: int, X=None, y=None, every: int = 5, resolution: int = 40) -> TrainingDisplay:
    """A live training display; pass its ``.callback`` to the classifier:

    ``display = training_display(40, X, y)``, show ``display``, then
    ``QuantumClassifier(epochs=40, callback=display.callback).fit(X, y)``.
    """
    return TrainingDisplay(epochs, X, y, every, resolution)


__all__ += ["TrainingDisplay", "training_display", "BiasExplorer", "bias_explorer"]


# ---------------------------------------------------------------------- notebook 04: barren plateaus
def gradient_variance_curve(n_max: int, depth: int, cost: str, n_circuits: int = 100, random_state: int = 0,
                            progress=None):
    """Var[∂C/∂θ] of McClean circuits of one depth for n = 2 … ``n_max``, with bootstrap errors.

    ``progress(done, total)`` is called after each qubit count. Returns ``(n, variance, error)``,
    three arrays of shape (n_max − 1,).

    >>> n, var, err = gradient_variance_curve(3, 1, "local", n_circuits=20)
    >>> n.tolist(), var.shape
    ([2, 3], (2,))
    """
    from .landscape import mcclean_experiment

    ns = np.arange(2, int(n_max) + 1)
    out = np.empty((2, ns.size))
    for k, n in enumerate(ns):
        t = mcclean_experiment([int(n)], [int(depth)], n_circuits, [cost], n_boot=200, random_state=random_state)
        out[:, k] = t.variance[cost][0, 0], t.error[cost][0, 0]
        if progress is not None:
            progress(k + 1, ns.size)
    return ns, out[0], out[1]


class LandscapeExplorer(W.VBox):
    """Sliders for the number of qubits and the depth of McClean's circuits, a toggle for the cost's
    locality; the gradient variance against n, between the exact one-layer curve and the 2-design
    limit. Each change recomputes (about a second), so the sliders act when released."""

    def __init__(self, n_qubits: int = 8, depth: int = 10, cost: str = "global", n_circuits: int = 100):
        self.n_qubits = W.IntSlider(value=n_qubits, min=3, max=10, description="qubits n", continuous_update=False)
        self.depth = W.IntSlider(value=depth, min=1, max=100, description="depth L", continuous_update=False)
        self.cost = W.ToggleButtons(options=["global", "local"], value=cost, description="cost")
        self.progress = W.IntProgress(value=0, min=0, max=1, description="computing")
        self.text = W.HTML()
        self.out = W.Output()
        self.n_circuits, self.result, self._cache = n_circuits, None, {}
        super().__init__([W.HBox([self.n_qubits, self.depth]), self.cost, self.progress, self.text, self.out])
        for w in (self.n_qubits, self.depth, self.cost):
            w.observe(lambda change: self.update(), names="value")
        self.update()

    def _step(self, done, total):
        self.progress.max, self.progress.value = total, done

    def update(self):
        from .trainability import fit_decay, one_layer_variance, two_design_variance

        n_max, L, cost = self.n_qubits.value, self.depth.value, self.cost.value
        key = (n_max, L, cost)
        if key not in self._cache:
            self._cache[key] = gradient_variance_curve(n_max, L, cost, self.n_circuits, progress=self._step)
        ns, var, err = self._cache[key]
        self.progress.value = self.progress.max
        self.result = dict(n_qubits=ns, depth=L, cost=cost, variance=var, error=err,
                           one_layer=one_layer_variance(ns, cost), two_design=two_design_variance(ns, cost),
                           rate=fit_decay(ns, var).rate)
        r = self.result
        self.text.value = (f"n = {n_max}, depth {L}, {cost} cost: Var[∂C/∂θ] = {var[-1]:.2e} ± {err[-1]:.1e} "
                           f"(one layer: {r['one_layer'][-1]:.2e}, 2-design: {r['two_design'][-1]:.2e}); "
                           f"fitted decay: a factor 2^{r['rate']:.2f} per added qubit")
        self._draw()

    def _draw(self):
        from .plotting import plot_variances

        r = self.result
        with self.out:
            self.out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(5.6, 3.6))
            ax.plot(r["n_qubits"], r["one_layer"], ":", color="0.4", label="one layer (exact)")
            ax.plot(r["n_qubits"], r["two_design"], "--", color="0.4", label="2-design (deep limit)")
            plot_variances(r["n_qubits"], r["variance"], r["error"], ax=ax, color="tab:red",
                           label=f"depth {r['depth']}, {self.n_circuits} circuits")
            ax.set_ylim(1e-8, 0.5)
            ax.set_xticks(r["n_qubits"])
            ax.set_title(f"{r['cost']} cost")
            ax.legend(fontsize=8, loc="lower left")
            fig.tight_layout()
            _show(fig)


def landscape_explorer(n_qubits: int = 8, depth: int = 10, cost: str = "global") -> LandscapeExplorer:
    """Change the qubits, the depth and the cost's locality, and watch the gradient variance."""
    return LandscapeExplorer(n_qubits, depth, cost)


__all__ += ["gradient_variance_curve", "LandscapeExplorer", "landscape_explorer"]


# ---------------------------------------------------------------------- notebook 05: re-uploading layers
class ReuploadingExplorer(W.VBox):
    """A slider over the number of re-uploading layers L of already fitted classifiers: the decision
    regions of the one with L layers on the test data, and test accuracy against L (a value of the
    slider without a fitted classifier shows the nearest one).

    ``.state`` holds ``n_layers``, ``train_accuracy`` (None without training data), ``test_accuracy``
    and ``n_params``. Nothing is trained here, so moving the slider is instant.
    """

    def __init__(self, classifiers: dict, X_test, y_test, X_train=None, y_train=None, n_layers=None,
                 resolution: int = 50):
        if not classifiers:
            raise ValueError("classifiers must map numbers of layers to fitted classifiers")
        self.classifiers = dict(sorted(classifiers.items()))
        self.X_test, self.y_test = np.asarray(X_test), np.asarray(y_test)
        self.X_train, self.y_train, self.resolution = X_train, y_train, resolution
        self.test_accuracy = {L: c.score(self.X_test, self.y_test) for L, c in self.classifiers.items()}
        layers = list(self.classifiers)
        self.slider = W.IntSlider(value=n_layers if n_layers in layers else layers[0], min=layers[0],
                                  max=layers[-1], description="layers L", continuous_update=False)
        self.text = W.HTML()
        self.out = W.Output()
        super().__init__([self.slider, self.text, self.out])
        self.slider.observe(lambda change: self.update(), names="value")
        self.state = None
        self.update()

    def update(self):
        from .plotting import plot_decision_boundary

        L = min(self.classifiers, key=lambda k: abs(k - self.slider.value))     # the nearest fitted L
        clf = self.classifiers[L]
        train = None if self.X_train is None else clf.score(self.X_train, self.y_train)
        self.state = {"n_layers": L, "train_accuracy": train, "test_accuracy": self.test_accuracy[L],
                      "n_params": int(clf.params_.size)}
        self.text.value = (f"L = {L} layer(s), {clf.params_.size} parameters: test accuracy "
                           f"<b>{self.test_accuracy[L]:.3f}</b>"
                           + ("" if train is None else f" (training {train:.3f})"))
        with self.out:
            self.out.clear_output(wait=True)
            fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), gridspec_kw={"width_ratios": [1.1, 1]})
            plot_decision_boundary(clf, self.X_test, self.y_test, ax=axes[0], resolution=self.resolution,
                                   title=f"L = {L}: test data", legend=False)
            ls = list(self.test_accuracy)
            axes[1].plot(ls, [self.test_accuracy[k] for k in ls], "o-", color="0.5")
            axes[1].plot([L], [self.test_accuracy[L]], "o", color="tab:red", markersize=10)
            axes[1].set_xlabel("layers L")
            axes[1].set_ylabel("test accuracy")
            axes[1].set_ylim(0.4, 1.0)
            axes[1].set_xticks(ls)
            fig.tight_layout()
            _show(fig)


def reuploading_explorer(classifiers: dict, X_test, y_test, X_train=None, y_train=None,
                         n_layers=None) -> ReuploadingExplorer:
    """Slide through fitted re-uploading classifiers ``{n_layers: classifier}`` and watch the
    decision regions grow more detailed with the layers."""
    return ReuploadingExplorer(classifiers, X_test, y_test, X_train, y_train, n_layers)


__all__ += ["ReuploadingExplorer", "reuploading_explorer"]
