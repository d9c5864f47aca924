"""Speed and memory benchmarks of litmap (run with ``python -m benchmarks.run``)."""
