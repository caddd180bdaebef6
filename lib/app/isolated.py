"""One call in a child process of its own, for work that allocates far more in passing than it returns.

Reading a viewer's workbook at the upload's row limit allocates tens of MB of short-lived objects (openpyxl's cells,
the importer's row dicts, the CSV it types). Freed in the server's own process, most of it stayed there: each viewer
who uploaded left the server 15-45 MB larger, even with the C heap trimmed (bench/RESULTS.md, 11 and 13). In a
child, it goes when the child exits; the server receives only the result (an upload's kept rows, about 1 MB).

The child is a new interpreter running this module (`python -m lib.app.isolated`), given the call by pickle on its
stdin and answering by pickle on its stdout. Not multiprocessing: its spawned children import the parent's
__main__ (Streamlit's command line, or a test runner's bootstrap), and a fork of a server whose other threads are
running can copy a lock that one of them holds, and hang.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable

from lib.app.site import ROOT  # where `lib` is importable from


class Failed(Exception):
    """The child gave no result: it ran past its time, or ended without one (killed, out of memory)."""


def run(fn: Callable, *args, timeout: float):
    """fn(*args) in a new child process: its result, or the exception it raised; Failed if it gave neither.
    `fn` (a module-level function), its arguments and its result travel by pickle."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    try:
        done = subprocess.run([sys.executable, "-m", "lib.app.isolated"], input=pickle.dumps((fn, args)),
                              capture_output=True, timeout=timeout, cwd=ROOT, env=env, check=False)
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        raise Failed(f"no result within {timeout:.0f} s") from None
    if done.returncode != 0 or not done.stdout:
        raise Failed(f"the child process ended without a result (exit code {done.returncode})")
    ok, value = pickle.loads(done.stdout)  # noqa: S301  (our own child's answer, on a pipe only we hold)
    if not ok:
        raise value
    return value


def _serve() -> None:
    """The child: one call read from stdin, its outcome written to stdout, and nothing else written there."""
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever the call prints must not corrupt the answer
    fn, args = pickle.load(sys.stdin.buffer)  # noqa: S301  (the parent's call, on a pipe only it holds)
    try:
        outcome = (True, fn(*args))
    except Exception as err:  # handed to the parent, which raises it there
        outcome = (False, err)
    answer.write(pickle.dumps(outcome))
    answer.flush()


if __name__ == "__main__":
    _serve()
