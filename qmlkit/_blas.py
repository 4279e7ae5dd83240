"""Run numpy's OpenBLAS on one thread inside the simulator's hot loops.

The kernels make thousands of small matrix products. On 2 cores a second BLAS
thread gains little, and when another process is busy it makes a sweep several
times slower (the W2 barren-plateau sweep: 16-21 s instead of 3.3 s, measured
with one core taken). One thread keeps timings stable.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import glob
import os

import numpy as np


@functools.lru_cache(maxsize=1)
def _openblas_threads():
    """(get, set) of the OpenBLAS numpy ships with, or None (another BLAS, or not found)."""
    for lib in glob.glob(os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs",
                                      "*openblas*")):
        try:
            dll = ctypes.CDLL(lib)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("openblas", "64_"), ("openblas", "")):
            get = getattr(dll, f"{prefix}_get_num_threads{suffix}", None)
            put = getattr(dll, f"{prefix}_set_num_threads{suffix}", None)
            if get is not None and put is not None:
                return get, put
    return None


@contextlib.contextmanager
def one_blas_thread():
    """Run the block with OpenBLAS on one thread, then restore the previous count."""
    fns = _openblas_threads()
    if fns is None:
        yield
        return
    get, put = fns
    before = get()
    if before == 1:
        yield
        return
    put(1)
    try:
        yield
    finally:
        put(before)
