"""Latches in the compiled kernel: their state carried and advanced by the generated code.

A :class:`~stockflow.latch.Latch` traced into a model's graph is a node
``("latch", q, signal[, previous])`` (:func:`stockflow.trace.traced_latch`). The generated C
(:mod:`stockflow.codegen`) advances latch ``q`` where that node is computed, with the rules
of :mod:`stockflow.latch` (the NumPy path's, operation for operation):

- before the member loop of ``rhs`` or ``record``, the time of the evaluation (a column of
  the time table) is compared with the latch's last time: a start afresh (first call or
  ``t <= 0``), an advance (a later time), the present state (the same time) or a look-up
  in the history (an earlier time);
- in the loop, per member: the timers, the switch, the window, the state of the latch it
  continues (from before that one advanced at this evaluation);
- after the loop, the time is appended to the latch's history.

The state lives in buffers of each block of members (:class:`LatchBuffers`), bound to the
calling thread before the block runs (``latch_bind``): per latch the rows on, timer on,
timer off and on-before-this-evaluation, and the history (states and times) since the
run's start, which is written back into the :class:`~stockflow.latch.Latch` objects after
the run, so that they read as after a run on the NumPy path.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from stockflow.codegen import literal
from stockflow.latch import EPS, Probe

__all__ = ["LatchBuffers", "c_call", "c_post", "c_pre", "c_preamble"]

ROWS = 4  # per latch: on, timer on, timer off, on before this evaluation


def c_preamble(latches: list[Any]) -> str:
    """The C declarations of the latches: thread-local buffers, ``latch_bind``, and one
    inline update function per latch.

    Parameters
    ----------
    latches : list of Latch
        The graph's latches (:attr:`stockflow.trace.Graph.latches`), latch ``q`` at index
        ``q``.

    Returns
    -------
    str
        C source, to follow :data:`stockflow.codegen.HEADER`.
    """
    out = [
        "",
        "/* latches (stockflow.latch_kernel): the buffers of the block this thread runs */",
        "static __thread double *LS; /* per latch 4 rows of LW: on, timers, on before */",
        "static __thread double *LH; /* per latch HN rows of LW: the history's states */",
        "static __thread double *LT; /* per latch HN: the history's times */",
        "static __thread long *LC;   /* per latch: entries in the history, started afresh */",
        "static __thread long LW, HN;",
        "void latch_bind(double *ls, double *lh, double *lt, long *lc, long lw, long hn)",
        "{ LS = ls; LH = lh; LT = lt; LC = lc; LW = lw; HN = hn; }",
        "#define VL(b) ((vl){0} + ((b) ? -1L : 0L))",
    ]
    for q, latch in enumerate(latches):
        if isinstance(latch, Probe):  # kept at each evaluation that advances the clock
            out += [
                f"static inline vd latch_{q}(long i, vd x, int mode, double dt, int in, int open,",
                "                             long wr, long back, int padv)",
                "{",
                "    (void)dt; (void)in; (void)open; (void)back; (void)padv;",
                f"    if (mode == 1 || mode == 2) st(LH + ({q} * HN + wr) * LW + i, x);",
                "    return x;",
                "}",
            ]
            continue
        prev = latches.index(latch.previous) if latch.previous in latches else -1
        init = "1" if latch.initially else "0"
        on0 = "1" if latch.hold_on == 0 else "0"
        if prev >= 0:
            opening = (
                f"        if (open) {{ const double *P = LS + {ROWS * prev} * LW + i;"
                " a = (padv ? ld(P + 3 * LW) : ld(P)) > B(0.5); }"
            )
        elif latch.initially:
            opening = "        if (open) a = VL(1);"
        else:
            opening = ""
        out += [
            f"static inline vd latch_{q}(long i, vd x, int mode, double dt, int in, int open,",
            "                             long wr, long back, int padv)",
            "{",
            f"    double *A = LS + {ROWS * q} * LW + i, *TN = A + LW, *TF = A + 2 * LW;",
            f"    double *H = LH + {q} * HN * LW + i;",
            "    (void)padv;",
            "    if (mode == 0) return ld(A);",
            "    if (mode == 3) return ld(H + back * LW);",
            "    vd act, ton = ZERO, tof = ZERO;",
            "    if (mode == 1) {",
            f"        vl a = ((x >= B({literal(latch.on_above)})) & VL({on0})) | VL({init});",
            "        if (!in) a = VL(0);",
            "        act = sel(a, ONE, ZERO);",
            "    } else {",
            "        const vd a0 = ld(A);",
            "        const vl on = a0 > B(0.5);",
            f"        const vl above = (x >= B({literal(latch.on_above)})) & ~on;",
            f"        const vl below = (x < B({literal(latch.off_below)})) & on;",
            "        ton = sel(above, ld(TN) + B(dt), ZERO);",
            "        tof = sel(below, ld(TF) + B(dt), ZERO);",
            f"        const vl turn_on = above & (ton >= B({literal(latch.hold_on - EPS)}));",
            f"        const vl turn_off = below & (tof >= B({literal(latch.hold_off - EPS)}));",
            "        vl a = (on | turn_on) & ~turn_off;",
            opening,
            "        if (!in) { a = VL(0); ton = ZERO; tof = ZERO; }",
            "        st(A + 3 * LW, a0);",
            "        act = sel(a, ONE, ZERO);",
            "    }",
            "    st(A, act); st(TN, ton); st(TF, tof); st(H + wr * LW, act);",
            "    return act;",
            "}",
        ]
    return "\n".join(out) + "\n"


def used(g: Any, ids: list[int]) -> list[int]:
    """The latches (indices) whose nodes are among `ids`."""
    return sorted({g.nodes[i][1] for i in ids if g.nodes[i][0] == "latch"})


def c_pre(latches: list[Any], qs: list[int], t_col: int, indent: str) -> list[str]:
    """Lines before the member loop: how each latch in `qs` meets this evaluation.

    Parameters
    ----------
    latches : list of Latch
        The graph's latches.
    qs : list of int
        The latches the function computes.
    t_col : int
        The time table's column holding the time.
    indent : str
        Prefix of each line.

    Returns
    -------
    list of str
        C lines; empty without latches.
    """
    if not qs:
        return []
    out = [f"{indent}const double lt_ = T[{t_col}];"]
    for q in qs:
        window = getattr(latches[q], "window", (-math.inf, math.inf))
        w0, w1 = (literal(w) for w in window)
        out += [
            f"{indent}int lm{q}; long lwr{q} = 0, lbk{q} = 0; double ldt{q}; int lin{q}, lop{q};",
            f"{indent}{{",
            f"{indent}    const long n = LC[{2 * q}]; const double *tt = LT + {q} * HN;",
            f"{indent}    const double last = n ? tt[n - 1] : 0.0;",
            f"{indent}    if (n == 0 || lt_ <= 0.0) lm{q} = 1;",
            f"{indent}    else if (lt_ > last) {{ lm{q} = 2; lwr{q} = n; }}",
            f"{indent}    else {{",
            f"{indent}        long b = n - 1;",
            f"{indent}        while (b > 0 && tt[b] > lt_) b--;",
            f"{indent}        lbk{q} = b; lm{q} = b == n - 1 ? 0 : 3;",
            f"{indent}    }}",
            f"{indent}    ldt{q} = lt_ - last;",
            f"{indent}    lin{q} = {w0} <= lt_ && lt_ < {w1};",
            f"{indent}    lop{q} = lin{q} && !({w0} <= last && last < {w1});",
            f"{indent}}}",
        ]
    return out


def c_post(qs: list[int], indent: str) -> list[str]:
    """Lines after the member loop: the evaluation's time appended to the histories.

    Parameters
    ----------
    qs : list of int
        The latches the function computes.
    indent : str
        Prefix of each line.

    Returns
    -------
    list of str
        C lines.
    """
    out = []
    for q in qs:
        out += [
            f"{indent}if (lm{q} == 1 || lm{q} == 2) {{",
            f"{indent}    LT[{q} * HN + lwr{q}] = lt_; LC[{2 * q}] = lwr{q} + 1;",
            f"{indent}    if (lm{q} == 1) LC[{2 * q + 1}] = 1;",
            f"{indent}}}",
        ]
    return out


def c_call(node: tuple, ref, latches: list[Any]) -> str:
    """The C expression of a ``latch`` node.

    Parameters
    ----------
    node : tuple
        ``("latch", q, signal[, previous])``.
    ref : callable
        The C name of a node id (:meth:`stockflow.codegen.Emitter.ref`).
    latches : list of Latch
        The graph's latches.

    Returns
    -------
    str
        A call of the latch's update function, a vector of 0 and 1.
    """
    q = node[1]
    signal = ref(node[2])
    padv = "0"
    if (
        getattr(latches[q], "previous", None) in latches
    ):  # was the latch it continues advanced here?
        padv = f"lm{latches.index(latches[q].previous)} == 2"
    return f"latch_{q}(i, {signal}, lm{q}, ldt{q}, lin{q}, lop{q}, lwr{q}, lbk{q}, {padv})"


class LatchBuffers:
    """The latch state of one run, per block of members, and its way back to the latches.

    Parameters
    ----------
    latches : list of Latch
        The kernel's latches, in the order of their indices.
    k : int
        Members of the run.
    starts : list of int
        First member of each block.
    block : int
        Members per block.
    n_times : int
        Distinct evaluation times of the run (the history holds at most these and the
        state the run starts from).
    """

    def __init__(self, latches: list[Any], k: int, starts: list[int], block: int, n_times: int):
        self.latches, self.k, self.starts, self.block = latches, k, starts, block
        nl = len(latches)
        self.hn = n_times + 2
        self.loaded: list[float | None] = []
        self.bufs = []
        for lo in starts:
            m = min(block, k - lo)
            lw = ((m + 7) // 8) * 8 + 8
            ls = np.zeros((ROWS * nl, lw))
            lh = np.zeros((nl * self.hn, lw))
            lt = np.zeros(nl * self.hn)
            lc = np.zeros(2 * nl, dtype=np.int64)
            self.bufs.append((lo, m, lw, ls, lh, lt, lc))
        for q, latch in enumerate(latches):
            state = None if isinstance(latch, Probe) else latch.state()
            if state is None or state[0].shape != (k,):
                self.loaded.append(None)  # the kernel starts it afresh
                continue
            t = float(latch.times[-1])
            self.loaded.append(t)
            for lo, m, _, ls, lh, lt, lc in self.bufs:
                for r, a in enumerate(state):
                    ls[ROWS * q + r, :m] = a[lo : lo + m]
                lh[q * self.hn, :m] = state[0][lo : lo + m]
                lt[q * self.hn] = t
                lc[2 * q] = 1

    def bind(self, lib: Any, b: int) -> None:
        """Bind block `b`'s buffers to the calling thread (before it runs that block).

        Parameters
        ----------
        lib : ctypes.CDLL
            The kernel's library (with ``latch_bind``).
        b : int
            The block's index.
        """
        _, _, lw, ls, lh, lt, lc = self.bufs[b]
        lib.latch_bind(ls, lh, lt, lc, lw, self.hn)

    def write_back(self) -> None:
        """Give each latch the state and history the run left, as the NumPy path would."""
        for q, latch in enumerate(self.latches):
            _, _, _, _, _, lt0, lc0 = self.bufs[0]
            n = int(lc0[2 * q])
            if n == 0:
                continue
            times = lt0[q * self.hn : q * self.hn + n].tolist()
            states = np.empty((n, self.k))
            timers = np.empty((2, self.k))
            for lo, m, _, ls, lh, _, _ in self.bufs:
                states[:, lo : lo + m] = lh[q * self.hn : q * self.hn + n, :m]
                timers[:, lo : lo + m] = ls[ROWS * q + 1 : ROWS * q + 3, :m]
            if isinstance(latch, Probe):  # its values handed over in the run's order
                for r, t in enumerate(times):
                    latch.callback(t, states[r])
                continue
            fresh = bool(lc0[2 * q + 1]) or self.loaded[q] is None
            if fresh:
                latch.times, latch.states = times, list(states)
            else:  # continued: the loaded entry is the latch's last one
                latch.times = latch.times[:-1] + times
                latch.states = latch.states[:-1] + list(states)
            latch._timer_on, latch._timer_off = timers[0].copy(), timers[1].copy()
