"""What an op is: one layer family's part in a plan and its kernel calls for one batch size.

The planner (:mod:`kernels.plan`) and the executor (:mod:`kernels.executor`) know no layer
type: for each call of a layer they ask the type's :class:`Op`

* whether the call is a *view* of its input (Flatten, Reshape...), which needs no kernel;
* ``plan(p)``: the attributes its kernels need and the scratch buffers it keeps between
  the forward and the backward pass (a :class:`PlanCall` gives the shapes and makes
  buffers);
* ``bind(b)``: the prepared kernel calls, forward and backward, over the arrays of one
  batch size (a :class:`BindCall` gives the arrays and takes the calls).

The calls an op binds are what the Python loop runs and what the compiled training step
(:mod:`kernels.compiled`) writes out, so every kernel must be an ``@njit`` function whose
arguments numba can take.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from graph_core.graph import Layer
from kernels import config

if TYPE_CHECKING:
    from kernels.executor import Bound, Executor
    from kernels.plan import Step

Call = tuple[Callable[..., Any], tuple[Any, ...]]


@dataclass
class PlanCall:
    """One call of a layer as the planner sees it; shapes are per sample (no batch axis)."""

    layer: Layer
    in_shapes: list[tuple[int, ...]]
    out_shape: tuple[int, ...]
    training: bool
    fused: bool  # the loss absorbs this call's activation: its backward pass skips the derivative
    new_buffer: Callable[..., int]
    input_grads: tuple[bool, ...] = ()  # training: whether each input's gradient is wanted
    scratch: list[int] = field(default_factory=list)

    @property
    def config(self) -> dict[str, Any]:
        return self.layer.config

    @property
    def in_shape(self) -> tuple[int, ...]:
        return self.in_shapes[0]

    def keep(self, shape: tuple[int, ...], kind: str = "float", batch_major: bool = True, zeroed: bool = False) -> int:
        """A scratch buffer for this call (``batch_major``: one per sample; ``zeroed``: zeros when made, for
        buffers whose untouched parts must stay zero); returns its number."""
        number = self.new_buffer(tuple(shape), kind, batch_major, zeroed=zeroed)
        self.scratch.append(number)
        return number


class BindCall:
    """One step being bound to the arrays of a batch size; ``forward``/``backward`` take its kernel calls."""

    def __init__(self, ex: Executor, b: Bound, step: Step) -> None:
        self.ex, self.b, self.step = ex, b, step
        a = b.arrays
        self.attrs = step.attrs
        self.batch = b.batch
        self.x = [a[i] for i in step.inputs]
        self.y = a[step.output]
        self.g = a[step.grad_out] if step.grad_out is not None else None
        self.ys = [a[i] for i in step.outputs]  # every output, ``y`` first (a recurrent layer's states after it)
        self.gs = [a[i] if i is not None else None for i in step.grad_outs]
        self.dxs = [a[i] if i is not None else None for i in step.grad_in]
        self.scratch = [a[i] for i in step.scratch]

    @property
    def layer(self) -> str:
        return self.step.layer

    @property
    def training(self) -> bool:
        return self.ex.plan.training

    def buffer(self, number: int) -> np.ndarray:
        """The array of one of the plan's buffers (a scratch buffer's number from ``attrs``)."""
        return self.b.arrays[number]

    def temp(self, shape: tuple[int, ...]) -> np.ndarray:
        """Scratch made for this batch size alone (not in the plan: small, like per-thread partial sums)."""
        return config.aligned_zeros(tuple(shape), self.ex.dtype)

    def weight(self, name: str, present: bool = True) -> np.ndarray:
        """The layer's weight (an empty array when the layer has none of that name)."""
        return self.ex.weights[self.step.layer][name] if present else self.ex.empty(1)

    def grad(self, name: str, present: bool = True) -> np.ndarray:
        """The gradient buffer of the layer's weight (an empty array where there is none)."""
        return self.ex.grads[(self.step.layer, name)] if present else self.ex.empty(1)

    def acc_in(self, port: int) -> bool:
        return bool(self.step.acc_in[port])

    def forward(self, fn: Callable[..., Any], *args: Any) -> None:
        self.b.forward.append((fn, args))

    def backward(self, fn: Callable[..., Any], *args: Any) -> None:
        """Backward calls of one step run in the order given; steps run last to first."""
        self.b.backward.append((fn, args))

    def show_inside(self, **arrays: np.ndarray) -> None:
        """Keep arrays of the call's inner working (a recurrent layer's gates at every step) for
        :meth:`Op.inside` to read after a pass."""
        self.b.inside.setdefault(self.step.node, {}).update(arrays)

    def chunks(self, work: int | None = None) -> int:
        """Threads for a kernel over this batch doing ``work`` multiply-adds (1: no parallel region)."""
        return self.ex.chunks_for(self.batch, work)


class Op:
    """A layer family's kernels (see the module docstring); subclasses override what they need."""

    #: The backward pass can apply the optimizer's update to the layer's weights (layers called once).
    updates_in_backward = False

    def is_view(self, layer: Layer, training: bool) -> bool:
        """Whether the call's output is its input seen through a reshape (no kernel, no buffer)."""
        return False

    def output_activation(self, layer: Layer) -> str | None:
        """The activation the call applies last, which a cross-entropy loss on its output can absorb."""
        return None

    def plan(self, p: PlanCall) -> dict[str, Any]:
        """The attributes ``bind`` reads; make scratch buffers with ``p.keep``."""
        return {}

    def bind(self, b: BindCall) -> None:
        raise NotImplementedError

    def inside(self, attrs: dict[str, Any], shown: dict[str, np.ndarray], sample: int) -> dict[str, np.ndarray]:
        """What the step-through shows within one call for one sample after a pass, by name (each array's first
        axis the step the call takes: a recurrent layer's time steps in the order read); ``shown`` is what
        ``bind`` kept with :meth:`BindCall.show_inside`. Most layers show nothing within."""
        return {}


class View(Op):
    """An op whose every call is a view of its input: Flatten, Reshape."""

    def is_view(self, layer: Layer, training: bool) -> bool:
        return True

    def bind(self, b: BindCall) -> None:  # pragma: no cover - views are never bound
        raise AssertionError("a view has no kernel")


class Source(Op):
    """A layer with no inputs (InputLayer): its buffer is filled with data, not computed."""

    def bind(self, b: BindCall) -> None:  # pragma: no cover - sources are never bound
        raise AssertionError("an input has no kernel")
