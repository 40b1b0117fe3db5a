"""Every notebook in notebooks/ executes headless through the real `java` kernel without a cell error.

`make test` runs this in quick mode (RESNETLAB_QUICK=1). Executed copies go to target/notebooks/; the committed
notebooks keep their full-mode outputs. NOTEBOOKS="00-setup 01-..." runs a subset.
"""
import os

import pytest

import notebook_runner

NAMES = os.environ.get("NOTEBOOKS", "").split()


@pytest.mark.parametrize("path", notebook_runner.notebooks(NAMES), ids=lambda p: p.name)
def test_notebook_runs_without_errors(path):
    failure = notebook_runner.execute(path, notebook_runner.OUT_DIR / path.name)
    if failure:
        pytest.fail(failure, pytrace=False)
