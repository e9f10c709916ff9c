"""Pausing Python's cyclic garbage collector around code that builds many acyclic objects."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Tens of thousands of fresh tuples, lists and dicts trigger collection after collection,
    each walking the young objects again; reference counting frees them anyway when nothing
    forms a cycle. Restores the collector's state (a caller may have disabled it already)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
