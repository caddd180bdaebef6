"""A table derived from a loaded table is computed once while that table lives, and forgotten with it."""

import gc

import pandas as pd

from lib.domain.memo import per_table


def counted():
    calls = []

    @per_table
    def rows(frame, times=1):
        calls.append(1)
        return len(frame) * times

    return rows, calls


def test_the_same_table_and_arguments_are_computed_once():
    rows, calls = counted()
    table = pd.DataFrame({"x": [1, 2]})
    assert rows(table) == rows(table) == 2
    assert len(calls) == 1


def test_other_arguments_are_computed_on_their_own():
    rows, calls = counted()
    table = pd.DataFrame({"x": [1, 2]})
    assert (rows(table), rows(table, times=3)) == (2, 6)
    assert len(calls) == 2


def test_an_equal_copy_is_another_table():
    rows, calls = counted()
    table = pd.DataFrame({"x": [1, 2]})
    rows(table), rows(table.copy())
    assert len(calls) == 2


def test_a_table_once_collected_leaves_nothing_behind():
    rows, _ = counted()
    table = pd.DataFrame({"x": [1, 2]})
    rows(table)
    del table
    gc.collect()
    assert rows.results == {}
