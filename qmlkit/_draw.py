"""Circuit diagrams: one layout (gates packed into columns) shared by the text and matplotlib drawers."""
from __future__ import annotations

_TARGET = {"X": "X", "Z": "Z", "Y": "Y"}


def span(op) -> set:
    """The wires an operation occupies in a diagram: from its lowest to its highest wire."""
    ws = list(op.wires) + list(op.controls)
    return set(range(min(ws), max(ws) + 1))


def layout(ops) -> list:
    """The column of each operation, left to right.

    An operation goes into the earliest column after the last one that already uses any wire of
    its span, so gates on disjoint wires share a column and the order of gates on a wire is kept.

    >>> from qmlkit import Circuit
    >>> layout(Circuit(3).h(0).h(2).cnot(0, 1).x(2).cnot(0, 2).ops)
    [0, 0, 1, 1, 2]
    """
    busy, cols = [], []                       # busy[k]: wires used by column k
    for op in ops:
        s = span(op)
        pos = len(busy)
        while pos > 0 and not (busy[pos - 1] & s):
            pos -= 1
        if pos == len(busy):
            busy.append(set())
        busy[pos] |= s
        cols.append(pos)
    return cols


def _cells(op) -> dict:
    """Wire -> text for one operation (controls ●, crossings ┼ are added by the caller)."""
    if op.gate == "SWAP":
        return {w: "×" for w in op.wires}
    label = op.label()
    if op.gate == "ZZ" or op.gate == "UNITARY" or len(op.wires) > 1:
        return {w: label for w in op.wires}
    if op.controls and op.gate == "X" and not op.adjoint:
        return {op.wires[0]: "X"}
    return {op.wires[0]: label}


def text_diagram(circuit) -> str:
    """One line per wire, the columns of `layout` left to right; ● marks a control, ┼ a crossing."""
    n = circuit.n_qubits
    cols = layout(circuit.ops)
    columns = [{} for _ in range(max(cols, default=-1) + 1)]       # each: wire -> text
    for op, k in zip(circuit.ops, cols):
        ws = list(op.wires) + list(op.controls)
        cells = _cells(op)
        for c in op.controls:
            cells[c] = "●"
        for w in span(op) - set(ws):
            cells[w] = "┼"
        columns[k].update(cells)
    pad = len(str(n - 1))
    lines = [f"{w:>{pad}}: ─" for w in range(n)]
    for cells in columns:
        width = max(len(t) for t in cells.values())
        for w in range(n):
            t = cells.get(w)
            if t is None:
                lines[w] += "─" * (width + 2)
            else:
                left = (width - len(t)) // 2
                lines[w] += "─" * left + t + "─" * (width - len(t) - left) + "──"
    return "\n".join(line.rstrip("─") + "─" for line in lines)


# ---------------------------------------------------------------------- labels for pictures
def _number(v: float, digits: int) -> str:
    s = f"{v:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s.replace("-", "−")


def angle_text(angle, digits: int = 2) -> str:
    """An angle for a picture: θ3, x1, 0.5·x2 + θ1, numbers rounded to ``digits`` decimals.

    >>> from qmlkit import Angle, Feature, Param
    >>> angle_text(0.5 * Feature(2) + Param(1) - 1.23456), angle_text(Angle.of(-3.14159))
    ('θ1 + 0.5·x2 − 1.23', '−3.14')
    """
    terms = [(a, f"θ{i}") for i, a in angle.params] + [(a, f"x{i}") for i, a in angle.features]
    terms += [(a, f"θ{p}·x{f}") for (p, f), a in angle.products]
    out = ""
    for a, name in terms:
        coef = "" if abs(a) == 1 else _number(abs(a), digits) + "·"
        out += (" − " if a < 0 else " + ") + coef + name if out else ("−" if a < 0 else "") + coef + name
    if angle.const or not out:
        c = _number(abs(angle.const), digits)
        out = (out + (" − " if angle.const < 0 else " + ") + c) if out else \
            ("−" if angle.const < 0 and c != "0" else "") + c
    return out


def gate_text(op, digits: int = 2) -> tuple:
    """(name, angles) for a picture's gate box: ``("RY", "θ3")``, ``("ROT", "θ0, θ1, θ2")``;
    the name ends in † for an adjoint, the angles are "" for a gate without any."""
    name = ("U" if op.gate == "UNITARY" else op.gate) + ("†" if op.adjoint else "")
    return name, ", ".join(angle_text(a, digits) for a in op.angles)
