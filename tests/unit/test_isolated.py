"""A call run in a child process of its own: its result or its exception comes back; a child that gives neither is a
Failed, and is never left running."""

import operator
import os
import pickle
import time

import pytest

from lib.app import isolated
from lib.etl.trade.records import Problem, TradeFileError


def test_the_childs_result_comes_back():
    assert isolated.run(operator.add, 2, 3, timeout=60) == 5


def test_the_childs_exception_is_raised_here():
    with pytest.raises(ValueError, match="invalid literal"):
        isolated.run(int, "x", timeout=60)


def test_a_child_past_its_time_is_a_failure():
    with pytest.raises(isolated.Failed, match="within 1 s"):
        isolated.run(time.sleep, 60, timeout=1)


def test_a_child_that_ends_without_a_result_is_a_failure():
    with pytest.raises(isolated.Failed, match="exit code 3"):
        isolated.run(os._exit, 3, timeout=60)


def test_what_the_call_prints_does_not_spoil_its_result():
    assert isolated.run(print, "noise", timeout=60) is None


def test_a_rejected_files_error_survives_the_trip_from_the_child():
    err = pickle.loads(pickle.dumps(TradeFileError("mine.csv", [Problem("row 1", "cmdCode", "expected a code")])))
    assert err.file == "mine.csv" and err.problems == [Problem("row 1", "cmdCode", "expected a code")]
    assert str(err).startswith("mine.csv: rejected, 1 problem(s)")
