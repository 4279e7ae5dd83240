"""scikit-learn's estimator protocol for qmlkit's classifiers, without requiring scikit-learn.

``get_params``/``set_params`` read the constructor's signature, so ``sklearn.base.clone`` and
``cross_val_score`` work; the repr lists only the hyperparameters that differ from the defaults.
"""
from __future__ import annotations

import functools
import inspect

import numpy as np


class ClassifierMixin:
    """get_params, set_params, scikit-learn tags and a short repr for a classifier class."""

    _estimator_type = "classifier"

    def get_params(self, deep: bool = True) -> dict:
        return {k: getattr(self, k) for k in inspect.signature(type(self).__init__).parameters
                if k != "self"}

    def set_params(self, **params):
        valid = self.get_params()
        for k, v in params.items():
            if k not in valid:
                raise ValueError(f"invalid parameter {k!r} for {type(self).__name__}; "
                                 f"valid: {sorted(valid)}")
            setattr(self, k, v)
        return self

    def __sklearn_tags__(self):
        from sklearn.utils import ClassifierTags, Tags, TargetTags
        return Tags(estimator_type="classifier", target_tags=TargetTags(required=True),
                    classifier_tags=ClassifierTags())

    def __repr__(self):
        defaults = {k: p.default for k, p in inspect.signature(type(self).__init__).parameters.items()
                    if k != "self"}
        changed = {k: v for k, v in self.get_params().items() if not _same_param(v, defaults[k])}
        return f"{type(self).__name__}(" + ", ".join(f"{k}={short_repr(v)}" for k, v in changed.items()) + ")"


def short_repr(v) -> str:
    """A hyperparameter as text: functions by name (no memory addresses), the rest by repr."""
    if isinstance(v, functools.partial):
        args = [short_repr(a) for a in v.args] + [f"{k}={short_repr(a)}" for k, a in v.keywords.items()]
        return f"partial({', '.join([short_repr(v.func)] + args)})"
    if inspect.ismethod(v):
        return f"{type(v.__self__).__name__}.{v.__name__}"
    if inspect.isfunction(v) or inspect.isbuiltin(v):
        return v.__name__
    if isinstance(v, tuple):
        return "(" + ", ".join(short_repr(a) for a in v) + ("," if len(v) == 1 else "") + ")"
    if isinstance(v, (float, np.floating)):
        return f"{float(v):.6g}"
    return repr(v)


def _same_param(a, b) -> bool:
    try:
        return bool(np.all(a == b)) if not callable(a) else a is b
    except Exception:
        return a is b
