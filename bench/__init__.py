"""orggraph benchmark (issue 6): synthetic data at national scale, load, query and API timings.

Run as ``python -m bench [--quick] [--zones N]``; results go to ``bench/results/``.
"""
