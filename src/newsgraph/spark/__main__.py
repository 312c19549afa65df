"""`python -m newsgraph.spark IN… -o OUT` and `spark-submit …/newsgraph/spark/__main__.py IN… -o OUT`: the same
as `newsgraph spark IN… -o OUT`."""

import os
import sys

# Run as a file (spark-submit), Python puts this folder first on the path, where `job`, `tables` and `inputs` would
# shadow top-level modules of those names (PyTables is `tables`): take it off before importing anything else.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

from newsgraph.spark.command import main  # noqa: E402

if __name__ == "__main__":
    main()
