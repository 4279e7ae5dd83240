"""The OpenQASM 2.0 reader behind `qmlkit.interop.from_qasm2`: statements, gate calls and parameter expressions.

A small recursive-descent reader for straight-line circuits of ``qelib1.inc`` gates; it never
calls ``eval``, and every error names the line it comes from.
"""
from __future__ import annotations

import math
import re

import numpy as np

from .circuit import Circuit

__all__ = ["from_qasm2", "QasmError"]


class QasmError(ValueError):
    """OpenQASM text that qmlkit cannot read; the message names the line."""


# name: (qmlkit gate, controls, number of parameters, adjoint)
_IMPORT = {"id": ("I", 0, 0), "x": ("X", 0, 0), "y": ("Y", 0, 0), "z": ("Z", 0, 0), "h": ("H", 0, 0),
           "s": ("S", 0, 0), "t": ("T", 0, 0), "sdg": ("S", 0, 0, True), "tdg": ("T", 0, 0, True),
           "rx": ("RX", 0, 1), "ry": ("RY", 0, 1), "rz": ("RZ", 0, 1), "u1": ("PHASE", 0, 1),
           "p": ("PHASE", 0, 1), "u3": ("U3", 0, 3), "u": ("U3", 0, 3), "U": ("U3", 0, 3),
           "u2": ("U3", 0, 2), "cx": ("X", 1, 0), "CX": ("X", 1, 0), "cy": ("Y", 1, 0), "cz": ("Z", 1, 0),
           "ch": ("H", 1, 0), "ccx": ("X", 2, 0), "crx": ("RX", 1, 1), "cry": ("RY", 1, 1),
           "crz": ("RZ", 1, 1), "cu1": ("PHASE", 1, 1), "cp": ("PHASE", 1, 1), "cu3": ("U3", 1, 3),
           "cu": ("U3", 1, 4), "swap": ("SWAP", 0, 0), "cswap": ("SWAP", 1, 0), "rzz": ("ZZ", 0, 1),
           "sx": ("SX", 0, 0), "sxdg": ("SX", 0, 0, True)}
_SX = np.array([[1 + 1j, 1 - 1j], [1 - 1j, 1 + 1j]]) / 2
_N_QUBITS = {"ccx": 3, "cswap": 3, "swap": 2, "rzz": 2}
_UNSUPPORTED = ("gate", "opaque", "if", "reset")


def from_qasm2(text: str) -> Circuit:
    """A qmlkit `Circuit` (constant angles) from OpenQASM 2.0 text.

    Reads ``qreg`` (several registers become consecutive wires), the gates of ``qelib1.inc``
    that qmlkit has (id x y z h s sdg t tdg sx sxdg rx ry rz u1 p u2 u3 u cx cy cz ch ccx crx cry
    crz cu1 cp cu3 cu swap cswap rzz, and ``U``/``CX``), a gate on whole registers, and parameter
    expressions of numbers, ``pi``, + − * / ^, parentheses and sin cos tan exp ln sqrt. ``creg``,
    ``measure`` and ``barrier`` are skipped. Anything else raises `QasmError` naming the line.
    As in Qiskit, ``rz(θ)`` is exp(−iθZ/2) (qelib1.inc's rz differs only by a global phase).

    >>> c = from_qasm2('OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; h q[0]; cx q[0],q[1];')
    >>> np.round(c.states().real, 4)
    array([0.7071, 0.    , 0.    , 0.7071])
    """
    regs, ops, seen_header = {}, [], False
    for line, stmt in _statements(text):
        word = re.match(r"[A-Za-z_]\w*", stmt)
        head = word.group(0) if word else ""
        if head == "OPENQASM":
            if stmt.split()[-1] != "2.0":
                raise QasmError(f"line {line}: only OpenQASM 2.0 is read, got {stmt!r}")
            seen_header = True
        elif not seen_header:
            raise QasmError(f"line {line}: the text must start with 'OPENQASM 2.0;', got {stmt!r}")
        elif head == "include":
            if stmt.split(None, 1)[1].strip() != '"qelib1.inc"':
                raise QasmError(f"line {line}: only 'include \"qelib1.inc\";' is supported, got {stmt!r}")
        elif head in ("qreg", "creg"):
            m = re.fullmatch(r"(qreg|creg)\s+([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]", stmt)
            if not m:
                raise QasmError(f"line {line}: expected 'qreg name[size];', got {stmt!r}")
            if head == "qreg":
                start = sum(len(r) for r in regs.values())
                regs[m.group(2)] = list(range(start, start + int(m.group(3))))
        elif head in ("measure", "barrier"):
            continue
        elif not head:
            raise QasmError(f"line {line}: cannot read the statement {stmt!r}")
        elif head in _UNSUPPORTED:
            raise QasmError(f"line {line}: '{head}' is not supported (qmlkit reads straight-line "
                            f"circuits of qelib1.inc gates)")
        else:
            ops.extend((line, *g) for g in _gate_call(line, stmt, head, regs))
    n = sum(len(r) for r in regs.values())
    if n == 0:
        raise QasmError("no 'qreg' declared: the text defines no qubits")
    circuit = Circuit(n)
    for line, gate, wires, controls, angles, adjoint in ops:
        try:
            if gate == "SX":
                circuit.unitary(_SX.conj().T if adjoint else _SX, wires, controls=controls)
            else:
                circuit.add(gate, wires, *angles, controls=controls, adjoint=adjoint)
        except ValueError as exc:
            raise QasmError(f"line {line}: {exc}") from None
    return circuit


def _statements(text):
    """(line number, statement) pairs: comments dropped, split at ';'."""
    if not isinstance(text, str):
        raise TypeError(f"OpenQASM text must be a string, got {type(text).__name__}")
    out, buf, start = [], [], None
    for k, raw in enumerate(text.splitlines(), start=1):
        for ch in raw.split("//", 1)[0]:
            if ch == "{":
                raise QasmError(f"line {k}: blocks {{ … }} (gate definitions, if) are not supported")
            if ch == ";":
                out.append((start or k, "".join(buf).strip()))
                buf, start = [], None
            else:
                if start is None and not ch.isspace():
                    start = k
                buf.append(ch)
        buf.append(" ")
    if "".join(buf).strip():
        raise QasmError(f"line {start}: the statement {''.join(buf).strip()!r} has no closing ';'")
    return [(k, s) for k, s in out if s]


def _gate_call(line, stmt, name, regs):
    """The operations of one gate statement: [(gate, wires, controls, angles, adjoint), ...]."""
    if name not in _IMPORT:
        raise QasmError(f"line {line}: gate {name!r} is not supported; qmlkit reads "
                        f"{', '.join(sorted(_IMPORT))}")
    gate, n_ctrl, n_par, *adj = _IMPORT[name]
    rest = stmt[len(name):].lstrip()
    exprs = []
    if rest.startswith("("):
        depth = 0
        for i, ch in enumerate(rest):
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth == 0:
                break
        if depth:
            raise QasmError(f"line {line}: unbalanced parentheses in {stmt!r}")
        exprs, rest = _split(rest[1:i]), rest[i + 1:]
    if len(exprs) != n_par:
        raise QasmError(f"line {line}: {name} takes {n_par} parameter(s), got {len(exprs)}")
    values = [_Expr(e, line).value() for e in exprs]
    args = [_qubits(a.strip(), regs, line) for a in rest.split(",")]
    width = _N_QUBITS.get(name, n_ctrl + 1)
    if len(args) != width:
        raise QasmError(f"line {line}: {name} acts on {width} qubit(s), got {len(args)}")
    sizes = {len(a) for a in args if isinstance(a, list)}
    if len(sizes) > 1:
        raise QasmError(f"line {line}: registers of different sizes in {stmt!r}")
    count = sizes.pop() if sizes else 1
    if name == "u2":
        values = [np.pi / 2] + values
    out = []
    for k in range(count):
        qs = [a[k] if isinstance(a, list) else a for a in args]
        if len(set(qs)) != len(qs):
            raise QasmError(f"line {line}: a qubit appears twice in {stmt!r}")
        if name == "cu":                                          # e^{iγ} on the control, then cu3
            out.append(("PHASE", [qs[0]], [], [values[3]], False))
            values = values[:3]
        out.append((gate, qs[n_ctrl:], qs[:n_ctrl], values, bool(adj)))
    return out


def _split(s):
    """Split at the commas outside parentheses: "a, f(b, c)" -> ["a", "f(b, c)"]."""
    parts, depth, cur = [], 0, ""
    for ch in s:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [] if parts == [""] or (len(parts) == 1 and not parts[0].strip()) else parts


def _qubits(arg, regs, line):
    m = re.fullmatch(r"([A-Za-z_]\w*)\s*(?:\[\s*(\d+)\s*\])?", arg)
    if not m or m.group(1) not in regs:
        raise QasmError(f"line {line}: {arg!r} is not a declared qubit (registers: {sorted(regs)})")
    reg = regs[m.group(1)]
    if m.group(2) is None:
        return list(reg)
    i = int(m.group(2))
    if i >= len(reg):
        raise QasmError(f"line {line}: {arg} is out of range: {m.group(1)} has {len(reg)} qubit(s)")
    return reg[i]


class _Expr:
    """A recursive-descent evaluator of OpenQASM 2 parameter expressions (no eval)."""

    _TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_]\w*)|(.))")
    _FUNCS = {"sin": math.sin, "cos": math.cos, "tan": math.tan, "exp": math.exp, "ln": math.log,
              "sqrt": math.sqrt}

    def __init__(self, text, line):
        self.text, self.line, self.pos = text, line, 0
        self.tokens = [m.groups() for m in self._TOKEN.finditer(text) if any(m.groups())]

    def fail(self, why):
        raise QasmError(f"line {self.line}: cannot read the parameter {self.text.strip()!r}: {why}")

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None, None)

    def take(self, op):
        if self.peek()[2] == op:
            self.pos += 1
            return True
        return False

    def value(self) -> float:
        v = self.sum()
        if self.pos != len(self.tokens):
            self.fail(f"unexpected {''.join(t for t in self.peek() if t)!r}")
        if not math.isfinite(v):
            self.fail("it is not a finite number")
        return v

    def sum(self):
        v = self.product()
        while self.peek()[2] in ("+", "-"):
            sign = 1.0 if self.tokens[self.pos][2] == "+" else -1.0
            self.pos += 1
            v = v + sign * self.product()
        return v

    def product(self):
        v = self.power()
        while self.peek()[2] in ("*", "/"):
            op = self.tokens[self.pos][2]
            self.pos += 1
            w = self.power()
            if op == "/" and w == 0:
                self.fail("division by zero")
            v = v * w if op == "*" else v / w
        return v

    def power(self):
        v = self.unary()
        return v ** self.power() if self.take("^") else v

    def unary(self):
        if self.take("-"):
            return -self.unary()
        if self.take("+"):
            return self.unary()
        return self.atom()

    def atom(self):
        num, name, op = self.peek()
        self.pos += 1
        if num is not None:
            return float(num)
        if name == "pi":
            return math.pi
        if name in self._FUNCS:
            if not self.take("("):
                self.fail(f"{name} needs parentheses")
            v = self.sum()
            if not self.take(")"):
                self.fail("missing ')'")
            try:
                return self._FUNCS[name](v)
            except (ValueError, OverflowError):
                self.fail(f"{name}({v}) is undefined")
        if op == "(":
            v = self.sum()
            if not self.take(")"):
                self.fail("missing ')'")
            return v
        self.fail(f"unknown name {name!r}" if name else "an expression is incomplete or malformed")
