"""How many threads a training run computes on, chosen by measuring while it trains.

On a quiet 2-core machine two spinning OpenMP threads are fastest, but when another
process (or the editor's own drawing) keeps a core busy, every parallel region waits a
scheduler time slice for its second thread and one thread is hundreds of times faster
(``kernels/config.py``). Which case holds changes while a run trains, so
:class:`ThreadChooser` keeps measuring: it times short segments of batches on all
threads and on one, keeps the faster, and tries the other again now and then (after
half a second of training, then less and less often while the choice holds).

Only the number of threads that run the kernels changes, never how the work is split
(the executor's row chunks are fixed when a batch size is bound); a thread runs the
chunks of an idle one in turn. So the arithmetic, and the trained weights, are the same
whatever the chooser decides.

    chooser = ThreadChooser(config.max_threads())   # sets numba's count for this thread
    for each batch (or compiled span of batches):
        chooser.before()
        ... training ...
        chooser.after(samples)                                  # may switch the count
    chooser.restore()
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numba

#: A measured segment lasts this many seconds of batches (and at least ``MIN_BATCHES``
#: batches): long enough that a scheduler hiccup does not decide.
SEGMENT_SECONDS = 0.03
MIN_BATCHES = 4
#: A segment also ends after this many seconds (and at least 2 batches): a slow setting is soon told.
MAX_SEGMENT = 0.25
#: Batches skipped before measuring: the first ones compile, allocate and start threads.
WARMUP_BATCHES = 8
#: Rounds of (one setting, the other) segments before the first decision.
ROUNDS = 3
#: Seconds of training before the first re-check; doubled after each re-check that keeps
#: the choice (up to ``RECHECK_MAX``), back to the start after a switch.
RECHECK_SECONDS = 0.5
RECHECK_MAX = 8.0
#: One thread must be this much faster to be chosen first; the other setting this much
#: faster to replace the current one at a re-check.
MARGIN = 1.1


class ThreadChooser:
    """Chooses between ``threads`` and one thread for the calling thread's kernels.

    Times only the batches themselves (from :meth:`before` to :meth:`after`), so
    validation, callbacks and pauses between batches do not count.
    """

    def __init__(
        self,
        threads: int,
        start: int | None = None,
        clock: Callable[[], float] = time.perf_counter,
        set_threads: Callable[[int], None] = numba.set_num_threads,
    ) -> None:
        """Choose between ``threads`` and 1, trying ``start`` (default ``threads``) first."""
        first = threads if start is None else start
        self.options = (first, threads if first == 1 else 1) if threads > 1 else (1,)
        self._clock = clock
        self._set = set_threads
        self.current = self.options[0]
        self.rates: dict[int, list[float]] = {t: [] for t in self.options}  # samples/s of each trial segment
        self.switches = 0
        self.decisions = 0  # the first choice and every re-check
        self._decided = False
        self._trial: int | None = self.options[0] if len(self.options) > 1 else None
        self._skip = WARMUP_BATCHES
        self._seg_batches, self._seg_samples, self._seg_seconds = 0, 0, 0.0
        self._run_samples, self._run_seconds = 0, 0.0  # the current setting since the last decision
        self._recheck = RECHECK_SECONDS
        self._t0 = 0.0
        self.resume()

    @property
    def settled(self) -> bool:
        """Whether a choice is in force (no trial under way)."""
        return self._trial is None

    def before(self) -> None:
        """Call before each batch."""
        self._t0 = self._clock()

    def after(self, samples: int) -> None:
        """Call after each batch with the samples it held."""
        seconds = self._clock() - self._t0
        if self._skip > 0:
            self._skip -= 1
            return
        if self._trial is None:
            self._run_samples += samples
            self._run_seconds += seconds
            if self._run_seconds >= self._recheck and len(self.options) > 1:
                self._start_trial(next(t for t in self.options if t != self.current))
            return
        self._seg_batches += 1
        self._seg_samples += samples
        self._seg_seconds += seconds
        done = self._seg_batches >= MIN_BATCHES and self._seg_seconds >= SEGMENT_SECONDS
        if not done and not (self._seg_batches >= 2 and self._seg_seconds >= MAX_SEGMENT):
            return
        rate = self._seg_samples / max(self._seg_seconds, 1e-9)
        trial = self._trial
        self.rates[trial].append(rate)
        if not self._decided:  # the first rounds alternate until each setting has ROUNDS segments
            if len(self.rates[self.options[-1]]) < ROUNDS:
                self._start_trial(self.options[1] if trial == self.options[0] else self.options[0])
                return
            most = max(self.options)  # one thread must be clearly faster: it gives up a core for good
            best = 1 if _median(self.rates[1]) > MARGIN * _median(self.rates[most]) else most
        else:  # a re-check: one segment of the other setting against the current one's rate since the decision
            current_rate = self._run_samples / max(self._run_seconds, 1e-9)
            best = trial if rate > MARGIN * current_rate else self.current
        self._decide(best)

    def _start_trial(self, threads: int) -> None:
        self._trial = threads
        self._seg_batches, self._seg_samples, self._seg_seconds = 0, 0, 0.0
        self._set(threads)

    def _decide(self, threads: int) -> None:
        if threads != self.current:
            self.switches += 1
            self._recheck = RECHECK_SECONDS
        elif self._decided:
            self._recheck = min(2 * self._recheck, RECHECK_MAX)
        self.current = threads
        self.decisions += 1
        self._decided = True
        self._trial = None
        self._run_samples, self._run_seconds = 0, 0.0
        self._set(threads)

    def resume(self) -> None:
        """Set the calling thread's count to the setting in force (or under trial)."""
        self._initial = numba.get_num_threads()
        self._set(self._trial if self._trial is not None else self.current)

    def restore(self) -> None:
        """Give the calling thread back the thread count it had."""
        self._set(self._initial)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0
