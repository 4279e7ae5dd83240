"""What decides whether a circuit trains: the cost's locality, the variance its gradients should have, how it starts.

`landscape` measures gradient variances of random circuits; this module holds what those
measurements are compared with and what is done about them:

* the global and local costs of Cerezo et al. 2021 (Nat. Commun. 12, 1791; arXiv:2001.00550);
* the variances a unitary 2-design and a single layer predict for McClean's circuits, and
  `fit_decay` for the exponential decay of measured variances;
* `gradient_samples`: ∂C/∂θ of one `Circuit` at hundreds of parameter settings, as one batch;
* starts and schedules that avoid the plateau at initialisation: identity blocks (Grant et al.
  2019, Quantum 3, 214; arXiv:1903.05076), small angles, and layer-wise training (Skolik et al.
  2021, arXiv:2006.14904).

>>> round(float(two_design_variance(2, "zz")), 6)          # 4 / (3 · 15)
0.088889
>>> fit_decay([2, 4, 6], [2.0 ** -2, 2.0 ** -4, 2.0 ** -6]).rate    # halves once per qubit
1.0
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _checks
from .ansatz import hardware_efficient, identity_block
from .circuit import Angle, Circuit, Operation, Param  # noqa: F401  (Param: doctests)
from .gradients import value_and_jacobian
from .observables import Observable, Projector, Sum, Z
from .optimizers import make_optimizer

__all__ = ["COSTS", "global_cost", "local_cost", "cost_observable", "two_design_variance",
           "one_layer_variance", "bootstrap_variance", "DecayFit", "fit_decay", "values_and_gradients",
           "gradient_samples", "identity_block_circuit", "init_params", "TrainResult", "train",
           "layerwise_schedule"]

COSTS = ("zz", "global", "local")


# ---------------------------------------------------------------------- costs
def global_cost(n_qubits: int) -> Observable:
    """C_G = 1 − p(0…0): zero only when every qubit is measured 0 at once.

    >>> global_cost(2).diagonal(2)
    array([0., 1., 1., 1.])
    """
    n = _checks.n_qubits(n_qubits)
    return 1.0 - Projector([0] * n)


def local_cost(n_qubits: int) -> Observable:
    """C_L = 1 − (1/n) Σ_j p_j(0): the fraction of qubits that are not in |0⟩, on average.

    >>> local_cost(2).diagonal(2)
    array([0. , 0.5, 0.5, 1. ])
    """
    n = _checks.n_qubits(n_qubits)
    return 1.0 - Sum([(1.0 / n, Projector([0], [j])) for j in range(n)])


def cost_observable(cost: str, n_qubits: int) -> Observable:
    """The observable of a named cost: ``"zz"`` (⟨Z0 Z1⟩), ``"global"`` or ``"local"``."""
    if cost == "zz":
        if _checks.n_qubits(n_qubits) < 2:
            raise ValueError(f"the cost ⟨Z0 Z1⟩ needs at least 2 qubits, got n_qubits={n_qubits}")
        return Z(0) @ Z(1)
    if cost == "global":
        return global_cost(n_qubits)
    if cost == "local":
        return local_cost(n_qubits)
    raise ValueError(f"cost must be one of {COSTS}, got {cost!r}")


# ---------------------------------------------------------------------- predictions
def _dims(n_qubits, cost):
    n = np.asarray(n_qubits)
    if not np.issubdtype(n.dtype, np.integer) or np.any(n < (2 if cost == "zz" else 1)):
        raise ValueError(f"n_qubits must be integers >= {2 if cost == 'zz' else 1} for cost "
                         f"{cost!r}, got {n_qubits!r}")
    if cost not in COSTS:
        raise ValueError(f"cost must be one of {COSTS}, got {cost!r}")
    return n, 2.0 ** n


def two_design_variance(n_qubits, cost: str = "zz"):
    """Var[∂C/∂θ] for McClean's first parameter when the rest of the circuit is a unitary 2-design.

    Write the circuit as U₊ R_P(θ) U₋ with ρ = U₋|0⟩⟨0|U₋† and O the cost's observable
    (d = 2ⁿ). Then ∂C/∂θ = Tr(H U₊†OU₊) with H = (i/2)[ρ, P], Hermitian and traceless. The
    Haar (2-design) averages of U₊ give E[∂C/∂θ] = 0 and

        Var[∂C/∂θ] = Tr(H²) · (Tr O² − (Tr O)²/d) / (d² − 1),   Tr(H²) = (1 − ⟨P⟩²_ρ) / 2.

    In McClean's circuit the differentiated rotation acts on RY(π/4)|0⟩, whose Bloch vector is
    (1/√2, 0, 1/√2): 1 − ⟨P⟩² is 1/2 for P = X or Z and 1 for Y, so 2/3 over the random axis,
    and Tr(H²) averages to 1/3. The second factor is d for ⟨Z0 Z1⟩, 1 − 1/d for the global
    projector and d/(4n) for the local cost (constant offsets do not matter):

    * ``"zz"``:     d / (3(d² − 1)) ≈ 2⁻ⁿ/3,
    * ``"global"``: 1 / (3d(d + 1)) ≈ 4⁻ⁿ/3,
    * ``"local"``:  d / (12n(d² − 1)) ≈ 2⁻ⁿ/(12n).

    Parameters
    ----------
    n_qubits : int or array-like of int
    cost : {"zz", "global", "local"}

    Returns
    -------
    float or ndarray of the shape of ``n_qubits``

    >>> np.round(two_design_variance([2, 4], "global"), 6)
    array([0.016667, 0.001225])
    """
    n, d = _dims(n_qubits, cost)
    spread = {"zz": d, "global": 1 - 1 / d, "local": d / (4 * n)}[cost]
    return (1 / 3) * spread / (d ** 2 - 1)


def one_layer_variance(n_qubits, cost: str = "zz"):
    """Var[∂C/∂θ] for McClean's circuit with a single layer, exactly.

    With one layer the state before the CZ ladder is a product of single-qubit states, and
    the ladder is diagonal, so it changes no computational-basis probability. Qubit j has
    ⟨Z_j⟩ = z_j with, over the random axis and angle, E[z] = √2/6, E[z²] = 5/12 and, for
    the differentiated qubit 0, E[(∂z_0/∂θ)²] = 1/4 and E[∂z_0/∂θ] = 0. Hence

    * ``"zz"``: ∂⟨Z0 Z1⟩ = ∂z_0 · z_1, Var = (1/4)(5/12) = 5/48, whatever n;
    * ``"global"``: ∂p(0…0) = (∂z_0/2) Π_{j≥1} (1 + z_j)/2, Var = q^(n−1)/16 with
      q = E[((1 + z)/2)²] = 17/48 + √2/12 ≈ 0.472: exponential decay already at depth 1;
    * ``"local"``: ∂C_L = −∂z_0/(2n), Var = 1/(16n²): polynomial.

    >>> float(one_layer_variance(7, "zz")) == 5 / 48
    True
    """
    n, _ = _dims(n_qubits, cost)
    if cost == "zz":
        return np.full(n.shape, 5 / 48)[()]
    if cost == "global":
        return (17 / 48 + np.sqrt(2) / 12) ** (n - 1) / 16
    return 1 / (16 * n ** 2)


@dataclass
class DecayFit:
    """``variance ≈ prefactor · base ** (−rate · n)``, fitted by least squares on log_base(variance)."""

    rate: float          # per qubit, in powers of ``base``
    prefactor: float
    base: float

    def __call__(self, n_qubits):
        return self.prefactor * self.base ** (-self.rate * np.asarray(n_qubits, dtype=float))

    @property
    def rate_natural(self) -> float:
        """The rate b of ``variance ≈ A e^{−b n}``: ``rate · ln(base)``."""
        return self.rate * float(np.log(self.base))


def fit_decay(n_qubits, variances, base: float = 2.0) -> DecayFit:
    """Fit ``variances ≈ A · base^(−rate · n)``: a straight line through (n, log_base variance).

    >>> f = fit_decay([2, 3, 4], 0.5 * np.exp(-0.7 * np.array([2, 3, 4])), base=np.e)
    >>> round(f.rate, 12), round(f.prefactor, 12)
    (0.7, 0.5)
    """
    n = np.asarray(n_qubits, dtype=float)
    v = np.asarray(variances, dtype=float)
    if n.ndim != 1 or v.shape != n.shape or n.size < 2:
        raise ValueError(f"n_qubits and variances must be 1-D of the same length >= 2, got shapes "
                         f"{n.shape} and {v.shape}")
    if not np.all(np.isfinite(v) & (v > 0)) or not base > 1:
        raise ValueError(f"variances must be positive and finite and base > 1, got {v} and base={base}")
    slope, intercept = np.polyfit(n, np.log(v) / np.log(base), 1)
    return DecayFit(rate=float(-slope), prefactor=float(base ** intercept), base=float(base))


def bootstrap_variance(samples, n_boot: int = 1000, random_state=None):
    """The variance of samples along the last axis (population variance, ``ddof=0``, as
    ``np.var``) and its bootstrap standard error.

    Each bootstrap replicate redraws the ``m`` samples with replacement (multinomial
    counts), and the error is the standard deviation of the replicates' variances.

    Parameters
    ----------
    samples : array-like of shape (..., m)

    Returns
    -------
    variance, error : ndarrays of shape (...)

    >>> v, e = bootstrap_variance([1.0, -1.0, 1.0, -1.0], random_state=0)
    >>> float(v), bool(0 < e < 1)
    (1.0, True)
    """
    x = _checks.finite(np.asarray(samples, dtype=float), "samples")
    if x.ndim == 0 or x.shape[-1] < 2:
        raise ValueError(f"samples must have shape (..., m) with m >= 2, got {x.shape}")
    m = x.shape[-1]
    x = x - x.mean(axis=-1, keepdims=True)                  # variance is shift-invariant: avoids cancellation
    counts = np.random.default_rng(random_state).multinomial(m, np.full(m, 1 / m),
                                                             size=_checks.positive_int(n_boot, "n_boot"))
    mean = x @ counts.T / m                                 # (..., n_boot)
    var_boot = (x * x) @ counts.T / m - mean ** 2
    return x.var(axis=-1), var_boot.std(axis=-1)


# ---------------------------------------------------------------------- gradients of many settings


def values_and_gradients(circuit: Circuit, observable: Observable, params):
    """⟨O⟩ and ∂⟨O⟩/∂θ at many parameter settings, one adjoint sweep for the whole batch.

    Parameters
    ----------
    circuit : Circuit without data features
    observable : Observable
    params : array-like of shape (n_samples, n_params)

    Returns
    -------
    values : ndarray of shape (n_samples,)
    gradients : ndarray of shape (n_samples, n_params)

    >>> c = Circuit(1).ry(Param(0), 0)                    # ⟨Z⟩ = cos θ
    >>> v, g = values_and_gradients(c, Z(0), [[0.0], [np.pi / 2]])
    >>> v.round(12) + 0.0, g.round(12) + 0.0
    (array([1., 0.]), array([[ 0.],
           [-1.]]))
    """
    theta = np.asarray(params, dtype=float)
    if theta.ndim != 2 or theta.shape[1] != circuit.n_params:
        raise ValueError(f"params must have shape (n_samples, {circuit.n_params}), got {theta.shape}")
    if circuit.n_features:
        raise ValueError("values_and_gradients needs a circuit without data features (Feature); "
                         f"this one uses {circuit.n_features}")
    return value_and_jacobian(circuit.params_as_features(), observable, X=theta, wrt="features")


def gradient_samples(circuit: Circuit, observable: Observable, params) -> np.ndarray:
    """∂⟨O⟩/∂θ at many parameter settings ``(n_samples, n_params)``: see `values_and_gradients`."""
    return values_and_gradients(circuit, observable, params)[1]


# ---------------------------------------------------------------------- starts
def identity_block_circuit(n_qubits: int, n_blocks: int, n_layers: int = 1) -> Circuit:
    """``n_blocks`` identity blocks, each a hardware-efficient block of ``n_layers`` followed by its
    inverse with fresh parameters (`qmlkit.ansatz.identity_block`).

    Block b holds parameters ``[2bp, 2bp + p)`` (the block) and ``[2bp + p, 2(b+1)p)`` (its
    inverse), p = 2 · n_qubits · n_layers.

    >>> identity_block_circuit(3, 2).n_params
    24
    """
    B = _checks.positive_int(n_blocks, "n_blocks")
    block = identity_block(hardware_efficient(n_qubits, n_layers))
    out = Circuit(block.n_qubits)
    for b in range(B):
        out = out + block.offset_params(b * block.n_params)
    return out


def init_params(strategy: str, n_blocks: int, block_params: int, n_samples: int | None = None,
                sigma: float = 0.1, random_state=None) -> np.ndarray:
    """Starting parameters for `identity_block_circuit` (``block_params`` = p, per half-block).

    ``"random"``: every θ uniform in [0, 2π), a deep random circuit; ``"small"``: every θ normal
    with standard deviation ``sigma``, close to the identity; ``"identity"``: each block's first
    half uniform and its second half a copy, so each block, and the circuit, is exactly the
    identity (Grant et al. 2019); ``"zeros"``: all zero, also the identity.

    Returns
    -------
    ndarray of shape (2 · n_blocks · block_params,), or (n_samples, …) with ``n_samples``
    """
    B, p = _checks.positive_int(n_blocks, "n_blocks"), _checks.positive_int(block_params, "block_params")
    rng = np.random.default_rng(random_state)
    shape = (1 if n_samples is None else _checks.positive_int(n_samples, "n_samples"), B, 2, p)
    if strategy == "random":
        theta = rng.uniform(0, 2 * np.pi, shape)
    elif strategy == "small":
        theta = rng.normal(0.0, sigma, shape)
    elif strategy == "identity":
        half = rng.uniform(0, 2 * np.pi, shape[:2] + (1, p))
        theta = np.repeat(half, 2, axis=2)
    elif strategy == "zeros":
        theta = np.zeros(shape)
    else:
        raise ValueError(f"strategy must be 'random', 'small', 'identity' or 'zeros', got {strategy!r}")
    theta = theta.reshape(shape[0], -1)                              # (n_samples, 2 B p)
    return theta[0] if n_samples is None else theta


# ---------------------------------------------------------------------- training
@dataclass
class TrainResult:
    """Parameters after training, ``(n_starts, n_params)``, and the cost before each step and
    after the last, ``history`` of shape ``(n_steps + 1, n_starts)``."""

    params: np.ndarray
    history: np.ndarray


def train(circuit: Circuit, observable: Observable, x0, n_steps: int = 100, optimizer="sgd",
          lr: float = 0.1, trainable=None) -> TrainResult:
    """Minimise ⟨O⟩ from several starts at once, with exact gradients and a `qmlkit.optimizers` rule.

    Parameters
    ----------
    x0 : array-like of shape (n_starts, n_params)
        One row per start; all rows train side by side, one batched adjoint sweep per step
        (the optimizers act elementwise, so this is the same as training them one by one).
    optimizer : str or optimizer object
        ``"sgd"`` (plain gradient descent), ``"momentum"`` or ``"adam"``.
    trainable : None, boolean array of shape (n_params,) or (n_starts, n_params), or a function
        ``step -> such an array``
        Parameters outside the mask stay frozen (their gradient is set to 0).
    """
    theta = np.array(x0, dtype=float)
    if theta.ndim != 2:
        raise ValueError(f"x0 must have shape (n_starts, {circuit.n_params}), got {theta.shape}")
    opt = make_optimizer(optimizer, lr).reset()
    history = []
    for step in range(_checks.positive_int(n_steps, "n_steps") + 1):
        values, grads = values_and_gradients(circuit, observable, theta)
        history.append(values)
        if step == n_steps:
            break
        mask = trainable(step) if callable(trainable) else trainable
        if mask is not None:
            grads = np.where(mask, grads, 0.0)
        theta = opt.step(theta.ravel(), grads.ravel()).reshape(theta.shape)
    return TrainResult(theta, np.array(history))


def layerwise_schedule(n_blocks: int, block_params: int, n_steps: int):
    """The masks of layer-wise training (after Skolik et al. 2021) for `identity_block_circuit`:
    ``n_steps`` split evenly into ``n_blocks + 1`` stages; stage b < n_blocks trains block b
    alone (the later blocks wait at zero, i.e. the identity), the last stage trains everything.

    Returns a function ``step -> boolean mask of shape (2 · n_blocks · block_params,)``; start
    from ``init_params("zeros", …)``.

    >>> mask = layerwise_schedule(2, 1, 6)
    >>> [mask(s).astype(int).tolist() for s in (0, 2, 5)]
    [[1, 1, 0, 0], [0, 0, 1, 1], [1, 1, 1, 1]]
    """
    B, p = _checks.positive_int(n_blocks, "n_blocks"), _checks.positive_int(block_params, "block_params")
    T = _checks.positive_int(n_steps, "n_steps")
    block = np.arange(2 * B * p) // (2 * p)                          # the block of each parameter

    def mask(step):
        stage = min(step * (B + 1) // T, B)
        return np.ones(block.size, dtype=bool) if stage == B else block == stage
    return mask
