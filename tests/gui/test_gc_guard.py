"""Garbage holding Qt objects is collected on the GUI thread, never on the training thread."""

import gc
import threading

from PySide6.QtCore import QObject

from gui import gc_guard


def test_automatic_collection_is_off_and_the_timer_collects_cycles_on_the_gui_thread(qtbot, qapp):
    collector = gc_guard.install(qapp)
    assert not gc.isenabled() and collector.timer.isActive()
    destroyed_on: list[str] = []

    class Holder:
        pass

    holder = Holder()
    holder.obj = QObject()
    holder.me = holder  # a cycle: only the cyclic collector can free it
    holder.obj.destroyed.connect(lambda: destroyed_on.append(threading.current_thread().name))
    del holder
    kept = []  # live allocations are what count towards a collection
    worker = threading.Thread(target=lambda: kept.extend(Holder() for _ in range(5000)), name="worker")
    worker.start()
    worker.join()
    assert gc.get_count()[0] > gc.get_threshold()[0]
    assert destroyed_on == []  # the worker's allocations did not collect it
    threshold, collector.threshold = collector.threshold, (0, 0, 0)  # the next tick collects every generation
    try:
        qtbot.waitUntil(lambda: bool(destroyed_on), timeout=5000)
    finally:
        collector.threshold = threshold
    assert destroyed_on == [threading.main_thread().name]
