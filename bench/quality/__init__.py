"""Helpers of the matching quality evaluation (``python -m bench.matching_quality``)."""
