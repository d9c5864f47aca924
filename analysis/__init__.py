"""analysis: the empirical chain of a counter-urbanization study (detection, entropy index, regressions)."""

__version__ = "0.1.0"
