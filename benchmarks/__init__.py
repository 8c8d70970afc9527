"""Benchmarks that anyone can run on their own machine: ``make bench`` (see :mod:`.feeds`)."""
