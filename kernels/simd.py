"""Sixteen float32 lanes as a numba value: the registers of :mod:`kernels.gemm`'s tiles.

LLVM's loop vectoriser does not turn numba loops into register-tiled matrix products,
so these intrinsics say it directly. A :data:`f32x16` is an LLVM ``<16 x float>``:
one AVX-512 register, or two AVX2 registers where the processor has no AVX-512 (LLVM
splits the operations; the code stays correct everywhere).

    m = lanes_below(n)                  # a mask of the first n lanes (0 <= n <= 16)
    v = load(flat, offset, m)           # flat[offset : offset + 16] where m, else 0
    acc = fma(broadcast(x), v, acc)     # acc + x * v, lane by lane (add and sub too)
    store(flat, offset, acc, m)         # writes only the lanes in m

``flat`` is a 1-D float32 array (a C-contiguous array's ``reshape(-1)``). Loads and
stores are unaligned and masked, so a row of any length needs no padding: masked-off
lanes are neither read nor written. Callable from ``@njit`` code only.
"""

from __future__ import annotations

from llvmlite import binding, ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic, models, register_model

LANES = 16
_FLOAT = ir.FloatType()
_VEC = ir.VectorType(_FLOAT, LANES)
_MASK = ir.VectorType(ir.IntType(1), LANES)
_I32 = ir.IntType(32)
_ALIGN = ir.Constant(_I32, 4)  # the alignment a float32 array guarantees


class F32x16(types.Type):
    """The numba type of sixteen float32 lanes."""

    def __init__(self) -> None:
        super().__init__(name="f32x16")


class Mask16(types.Type):
    """The numba type of a sixteen-lane mask."""

    def __init__(self) -> None:
        super().__init__(name="mask16")


f32x16 = F32x16()
mask16 = Mask16()


@register_model(F32x16)
class _VectorModel(models.PrimitiveModel):
    def __init__(self, dmm, fe_type):  # type: ignore[no-untyped-def]
        super().__init__(dmm, fe_type, _VEC)


@register_model(Mask16)
class _MaskModel(models.PrimitiveModel):
    def __init__(self, dmm, fe_type):  # type: ignore[no-untyped-def]
        super().__init__(dmm, fe_type, _MASK)


def _address(context, builder, array_type, array, offset):  # type: ignore[no-untyped-def]
    data = context.make_array(array_type)(context, builder, array).data
    return builder.bitcast(builder.gep(data, [offset]), _VEC.as_pointer())


def _float_array(array) -> bool:  # type: ignore[no-untyped-def]
    return isinstance(array, types.Array) and array.ndim == 1 and array.dtype == types.float32


@intrinsic
def zeros(typingctx):  # type: ignore[no-untyped-def]
    """Sixteen zeros."""

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        return ir.Constant(_VEC, [0.0] * LANES)

    return f32x16(), codegen


@intrinsic
def broadcast(typingctx, x):  # type: ignore[no-untyped-def]
    """``x`` (a float) in every lane."""
    if not isinstance(x, types.Float):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        value = context.cast(builder, args[0], sig.args[0], types.float32)
        one = builder.insert_element(ir.Constant(_VEC, ir.Undefined), value, ir.Constant(_I32, 0))
        return builder.shuffle_vector(one, one, ir.Constant(ir.VectorType(_I32, LANES), [0] * LANES))

    return f32x16(x), codegen


@intrinsic
def fma(typingctx, a, b, c):  # type: ignore[no-untyped-def]
    """``a * b + c`` in each lane, rounded once."""
    if not (a == b == c == f32x16):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        fn = cgutils.get_or_insert_function(builder.module, ir.FunctionType(_VEC, [_VEC] * 3), "llvm.fma.v16f32")
        return builder.call(fn, list(args))

    return f32x16(a, b, c), codegen


@intrinsic
def add(typingctx, a, b):  # type: ignore[no-untyped-def]
    """``a + b`` in each lane."""
    if not (a == b == f32x16):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        return builder.fadd(args[0], args[1])

    return f32x16(a, b), codegen


@intrinsic
def sub(typingctx, a, b):  # type: ignore[no-untyped-def]
    """``a - b`` in each lane."""
    if not (a == b == f32x16):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        return builder.fsub(args[0], args[1])

    return f32x16(a, b), codegen


@intrinsic
def mul(typingctx, a, b):  # type: ignore[no-untyped-def]
    """``a * b`` in each lane."""
    if not (a == b == f32x16):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        return builder.fmul(args[0], args[1])

    return f32x16(a, b), codegen


@intrinsic
def maximum(typingctx, a, b):  # type: ignore[no-untyped-def]
    """The larger of ``a`` and ``b`` in each lane."""
    if not (a == b == f32x16):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        fn = cgutils.get_or_insert_function(builder.module, ir.FunctionType(_VEC, [_VEC] * 2), "llvm.maxnum.v16f32")
        return builder.call(fn, list(args))

    return f32x16(a, b), codegen


@intrinsic
def lanes_below(typingctx, n):  # type: ignore[no-untyped-def]
    """The mask of lanes ``0 .. n-1`` (``n`` outside 0..16 is clamped)."""
    if not isinstance(n, types.Integer):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        wide = context.cast(builder, args[0], sig.args[0], types.int64)
        clamped = builder.select(builder.icmp_signed(">", wide, ir.Constant(wide.type, LANES)),
                                 ir.Constant(wide.type, LANES), wide)  # fmt: skip
        count = builder.trunc(clamped, _I32)
        one = builder.insert_element(ir.Constant(ir.VectorType(_I32, LANES), ir.Undefined), count, ir.Constant(_I32, 0))
        counts = builder.shuffle_vector(one, one, ir.Constant(ir.VectorType(_I32, LANES), [0] * LANES))
        return builder.icmp_signed("<", ir.Constant(ir.VectorType(_I32, LANES), list(range(LANES))), counts)

    return mask16(n), codegen


@intrinsic
def load(typingctx, flat, offset, mask):  # type: ignore[no-untyped-def]
    """``flat[offset + i]`` for the lanes in ``mask``, 0 elsewhere (nothing else is read)."""
    if not (_float_array(flat) and isinstance(offset, types.Integer) and mask == mask16):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        address = _address(context, builder, sig.args[0], args[0], args[1])
        fn = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(_VEC, [_VEC.as_pointer(), _I32, _MASK, _VEC]), "llvm.masked.load.v16f32.p0"
        )
        return builder.call(fn, [address, _ALIGN, args[2], ir.Constant(_VEC, [0.0] * LANES)])

    return f32x16(flat, offset, mask), codegen


@intrinsic
def store(typingctx, flat, offset, value, mask):  # type: ignore[no-untyped-def]
    """``flat[offset + i] = value[i]`` for the lanes in ``mask`` (nothing else is written)."""
    if not (_float_array(flat) and isinstance(offset, types.Integer) and value == f32x16 and mask == mask16):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        address = _address(context, builder, sig.args[0], args[0], args[1])
        fn = cgutils.get_or_insert_function(
            builder.module,
            ir.FunctionType(ir.VoidType(), [_VEC, _VEC.as_pointer(), _I32, _MASK]),
            "llvm.masked.store.v16f32.p0",
        )
        builder.call(fn, [args[2], address, _ALIGN, args[3]])
        return context.get_dummy_value()

    return types.none(flat, offset, value, mask), codegen


def instruction_set() -> str:
    """What a :data:`f32x16` operation compiles to on this processor, for reports."""
    features = binding.get_host_cpu_features()
    if features.get("avx512f"):
        return "AVX-512 (one register a vector)"
    if features.get("avx2"):
        return "AVX2 (two registers a vector)"
    return "SSE (four registers a vector)"


@intrinsic
def pow2(typingctx, n):  # type: ignore[no-untyped-def]
    """``2.0 ** n`` as a float32 for an integer ``-126 <= n <= 127``: the exponent bits set directly (a scalar,
    so a loop using it still vectorises; :mod:`kernels.vmath`'s exponential scales by it)."""
    if not isinstance(n, types.Integer):
        return None

    def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
        wide = context.cast(builder, args[0], sig.args[0], types.int32)
        bits = builder.shl(builder.add(wide, ir.Constant(_I32, 127)), ir.Constant(_I32, 23))
        return builder.bitcast(bits, _FLOAT)

    return types.float32(n), codegen
