"""A table derived from a loaded table, computed once while that table lives.

The loaded frames are shared, read-only, by every session (lib/app/cache), and some derivations are asked for
again by every chart of a page (the capacity outlook, for each stage and unit). Results are keyed by the frame's
identity and the other arguments, and dropped when the frame is garbage-collected, so an id never outlives its
frame. A caller must treat a result as read-only, like the frame it came from.
"""

from __future__ import annotations

import functools
import threading
import weakref


def per_table(fn):
    """`fn(frame, *args, **kwargs)`, once per live frame and set of (hashable) arguments."""
    results: dict[tuple, object] = {}
    watched: set[int] = set()
    lock = threading.Lock()

    def forget(frame_id: int) -> None:
        with lock:
            watched.discard(frame_id)
            for key in [k for k in results if k[0] == frame_id]:
                del results[key]

    @functools.wraps(fn)
    def once(frame, *args, **kwargs):
        key = (id(frame), args, tuple(sorted(kwargs.items())))
        with lock:
            if key in results:
                return results[key]
        value = fn(frame, *args, **kwargs)
        with lock:
            if id(frame) not in watched:
                watched.add(id(frame))
                weakref.finalize(frame, forget, id(frame))
            results.setdefault(key, value)
            return results[key]

    once.results = results  # for tests
    return once
