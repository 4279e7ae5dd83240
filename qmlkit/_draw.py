"""Text diagrams of circuits: one line per wire, gates packed into columns."""
from __future__ import annotations

_TARGET = {"X": "X", "Z": "Z", "Y": "Y"}


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
    """Lay the operations out left to right; an op whose wire span overlaps an earlier one starts a new column."""
    n = circuit.n_qubits
    columns = []                     # each: (dict wire -> text, busy span set)
    for op in circuit.ops:
        ws = list(op.wires) + list(op.controls)
        span = set(range(min(ws), max(ws) + 1))
        cells = _cells(op)
        for c in op.controls:
            cells[c] = "●"
        for w in span - set(ws):
            cells[w] = "┼"
        # place in the earliest column after the last column that uses any wire of the span
        pos = len(columns)
        while pos > 0 and not (columns[pos - 1][1] & span):
            pos -= 1
        if pos == len(columns):
            columns.append(({}, set()))
        columns[pos][0].update(cells)
        columns[pos][1].update(span)
    lines = [f"{w}: " for w in range(n)]
    pad = len(str(n - 1))
    lines = [f"{w:>{pad}}: ─" for w in range(n)]
    for cells, _ in columns:
        width = max(len(t) for t in cells.values())
        for w in range(n):
            t = cells.get(w)
            if t is None:
                lines[w] += "─" * (width + 2)
            else:
                left = (width - len(t)) // 2
                lines[w] += "─" * left + t + "─" * (width - len(t) - left) + "──"
    return "\n".join(line.rstrip("─") + "─" for line in lines)
