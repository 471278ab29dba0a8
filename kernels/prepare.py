"""Preparing the engine: a plan's kernels compiled for this machine on every core at once.

numba compiles a kernel the first time it is called with new argument types, on the
calling thread, and keeps the machine code on disk (``cache=True``): later processes
load it in milliseconds. A convolution model's first training needs about twenty such
compilations, some seconds each (LLVM optimising the register-tiled products), one after
another on one core. :func:`prepare` finds the calls of a bound plan whose compiled code
is neither loaded nor on disk and compiles them in worker processes, one per core,
largest first; the calls then load the code from disk:

    todo = missing(calls)                    # [(kernel, signature)]: nothing when the cache has them
    prepare(todo, workers=2)                 # blocks until they are on disk

Nothing depends on it for correctness: a kernel a worker could not compile (or whose code
did not reach the disk) is compiled by its first call, as without this module.

Workers compile at the same time, and the kernels they compile share callees, whose code
numba also caches: a function's index file lists its compiled signatures and names their
data files, and numba writes it by reading, adding and writing it back. Two processes doing
that at once for different signatures could leave an entry naming the other's code. Every
process that loads the kernels makes numba hold an exclusive lock on a file beside the index
while it saves (:func:`kernels.config.lock_cache_saves`, on POSIX systems), in every process that loads
the kernels.
"""

from __future__ import annotations

import base64
import contextlib
import importlib
import importlib.util
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from queue import Empty, Queue
from typing import Any

try:  # numba's own classes: where they move, nothing is prepared and every kernel compiles at its first call
    from numba.core.caching import FunctionCache
    from numba.core.registry import CPUDispatcher
    from numba.core.typing.templates import builtin_registry
except ImportError:  # pragma: no cover - another numba
    FunctionCache = CPUDispatcher = builtin_registry = None  # type: ignore[assignment,misc]

#: A kernel (a numba dispatcher) and the numba types of its arguments.
Task = tuple[Any, tuple[Any, ...]]


def missing(calls: Iterable[tuple[Any, Sequence[Any]]]) -> list[Task]:
    """The distinct ``(kernel, signature)`` of ``calls`` whose compiled code is neither in this process nor
    in numba's cache on disk, the most code first (:func:`_size`: a rough measure of the time to compile it)."""
    if CPUDispatcher is None:
        return []
    todo: dict[tuple[Any, tuple[Any, ...]], None] = {}
    for fn, args in calls:
        if not isinstance(fn, CPUDispatcher) or not _importable(fn):
            continue
        try:
            sig = tuple(fn.typeof_pyval(a) for a in args)
        except Exception:  # an argument numba cannot type: its call will say so
            continue
        if (fn, sig) in todo or sig in fn.overloads or _on_disk(fn, sig):
            continue
        todo[(fn, sig)] = None
    overloads = _overloads()
    return sorted(todo, key=lambda task: -_size(task[0].py_func, overloads, set()))


def prepare(tasks: Sequence[Task], workers: int, progress: Callable[[int, int], None] | None = None) -> bool:
    """Compile ``tasks`` in ``workers`` processes, each taking the next task when it is done (their code lands in
    numba's cache); ``progress(done, total)`` after each. False if no process could be started: each kernel then
    compiles at its first call. Whatever happens here (a worker that dies, an interruption), every worker has
    ended when it returns."""
    queue: Queue[str] = Queue()
    for fn, sig in tasks:
        module = fn.py_func.__module__
        path = getattr(sys.modules.get(module), "__file__", None)  # for a module made at run time
        try:
            queue.put(base64.b64encode(pickle.dumps((module, fn.py_func.__qualname__, sig, path))).decode())
        except Exception:  # a signature that cannot be sent: its first call compiles it
            continue
    total = queue.qsize()
    if not total:
        return True
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(root), os.environ.get("PYTHONPATH")) if p)}
    procs: list[subprocess.Popen[str]] = []
    try:
        for _ in range(max(1, min(workers, total))):
            procs.append(subprocess.Popen([sys.executable, "-c", _WORKER], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=root,
                                          text=True))  # fmt: skip
    except OSError:
        _end(procs)
        return False
    done = [0]
    lock = threading.Lock()
    failures: list[BaseException] = []

    def feed(proc: subprocess.Popen[str]) -> None:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            while not failures:
                try:
                    line = queue.get_nowait()
                except Empty:
                    return
                proc.stdin.write(line + "\n")
                proc.stdin.flush()
                while True:  # its answer; anything else a library printed is passed over
                    answer = proc.stdout.readline()
                    if not answer:  # the process ended: the rest compile at their calls
                        return
                    if answer.startswith(_DONE):
                        break
                with lock:
                    done[0] += 1
                    if progress is not None:
                        progress(done[0], total)
        except OSError:  # the pipe broke: the process is gone
            return
        except BaseException as exc:  # the progress callback's, handed to the caller
            failures.append(exc)

    feeders = [threading.Thread(target=feed, args=(proc,), daemon=True) for proc in procs]
    try:
        for thread in feeders:
            thread.start()
        for thread in feeders:
            thread.join()
    except BaseException:  # interrupted: no worker outlives the call
        _end(procs, kill=True)
        raise
    _end(procs)
    if failures:
        raise failures[0]
    return True


def _end(procs: Sequence[subprocess.Popen[str]], kill: bool = False) -> None:
    """Close the workers' input (each then ends: it has no task left) and wait for them, or kill them."""
    for proc in procs:
        if kill:
            proc.kill()
        with contextlib.suppress(OSError):
            if proc.stdin is not None:
                proc.stdin.close()
    for proc in procs:
        with contextlib.suppress(OSError, ValueError):
            proc.communicate()  # reads what is left of its output, then reaps it


def worker_count() -> int:
    """Processes to compile in: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


#: What a worker answers when a task is done (on a copy of its stdout kept for that alone).
_DONE = "layerwire-prepared"
#: A worker: compiles each task read from stdin and answers on its own copy of stdout; whatever numba or
#: anything else prints goes to stderr, so it can neither pass for an answer nor fill the pipe.
_WORKER = f"""
import os, sys
answers = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)
from kernels.prepare import compile_task
for line in sys.stdin:
    compile_task(line.strip())
    print("{_DONE}", file=answers, flush=True)
"""


def compile_task(line: str) -> None:
    """Compile one task as :func:`prepare` sends it (a worker's loop)."""
    try:
        name, qualname, sig, path = pickle.loads(base64.b64decode(line))
        try:
            module = importlib.import_module(name)
        except ImportError:  # a module made at run time (kernels/compiled.py's steps): from its file
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # numba's cache locates functions through their module
            spec.loader.exec_module(module)
        getattr(module, qualname).compile(sig)
    except Exception:  # the caller's own call reports it, with its arguments
        pass


def _importable(fn: CPUDispatcher) -> bool:
    """Whether a worker can find ``fn`` by its module and name (not a function made inside another)."""
    py = fn.py_func
    if "<" in py.__qualname__ or not isinstance(getattr(fn, "_cache", None), FunctionCache):
        return False  # made inside another function, or not cached (a worker's code would be lost)
    try:
        return getattr(importlib.import_module(py.__module__), py.__qualname__) is fn
    except (ImportError, AttributeError):
        return False


def _on_disk(fn: CPUDispatcher, sig: tuple[Any, ...]) -> bool:
    """Whether numba's cache holds ``fn``'s code for ``sig`` on this machine (False where that cannot be told)."""
    try:
        cache = fn._cache  # type: ignore[attr-defined]
        key = cache._index_key(sig, fn.targetctx.codegen())
        return key in cache._cache_file._load_index()
    except Exception:
        return False


def _size(py: Any, overloads: dict[int, list[Any]], seen: set[int]) -> int:
    """Bytecode of a kernel's function and of every function it calls by name, through ``@overload``s too (the
    code numba compiles for it)."""
    code = getattr(py, "__code__", None)
    if code is None or id(code) in seen:
        return 0
    seen.add(id(code))
    total = len(code.co_code)
    names = getattr(py, "__globals__", {})
    for name in code.co_names:
        callee = names.get(name)
        if callable(callee):
            total += _size(getattr(callee, "py_func", callee), overloads, seen)
            total += sum(_size(impl, overloads, seen) for impl in overloads.get(id(callee), ()))
    return total


def _overloads() -> dict[int, list[Any]]:
    """The ``@overload`` implementations of each function (by id) numba knows."""
    found: dict[int, list[Any]] = {}
    for obj, typ in getattr(builtin_registry, "globals", ()):
        impls = [t._overload_func for t in getattr(typ, "templates", ()) if hasattr(t, "_overload_func")]
        if impls:
            found.setdefault(id(obj), []).extend(impls)
    return found
