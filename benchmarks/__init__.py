"""Benchmarks and the load test: run as `python -m benchmarks.bench`, `python benchmarks/loadtest.py`."""
