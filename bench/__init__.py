"""Benchmarks: figures printed against the floors of the stack, never asserted (see bench/RESULTS.md)."""
