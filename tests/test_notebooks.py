"""Every notebook in notebooks/ executes headless through the real `java` kernel without a cell error.

`make test` runs this in quick mode (RESNETLAB_QUICK=1). Executed copies go to target/notebooks/; the committed
notebooks keep their full-mode outputs. NOTEBOOKS="00-setup 01-..." runs a subset.
"""
import os
import pathlib
import subprocess
import sys

import nbformat
import pytest

import course
import notebook_runner

NAMES = os.environ.get("NOTEBOOKS", "").split()


@pytest.mark.parametrize("path", notebook_runner.notebooks(NAMES), ids=lambda p: p.name)
def test_notebook_runs_without_errors(path):
    failure = notebook_runner.execute(path, notebook_runner.OUT_DIR / path.name)
    if failure:
        pytest.fail(failure, pytrace=False)


def with_exercises(paths):
    return [p for p in paths if any(c.metadata.get("nbgrader") for c in nbformat.read(p, as_version=4).cells)]


@pytest.mark.parametrize("path", with_exercises(notebook_runner.notebooks(NAMES)), ids=lambda p: p.name)
def test_checking_cells_write_nothing_to_stderr(path):
    """nbgrader scores a checking cell 0 when it has any stderr output: the exercise cells (answer and check, marked
    with nbgrader metadata) of the executed copy must have none (DJL/SLF4J logging stays out of them)."""
    executed = notebook_runner.OUT_DIR / path.name
    if not executed.exists():
        pytest.skip(f"{executed.name} was not executed in this run")
    nb = nbformat.read(executed, as_version=4)
    cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.metadata.get("nbgrader")]
    assert cells, f"{executed.name} lost the exercise cells' metadata"
    noisy = [f"cell {i} ({c.metadata['nbgrader']['grade_id']}): {o.get('text', '').strip()[:200]!r}"
             for i, c in cells for o in c.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not noisy, f"{path.name}: exercise cells wrote to stderr: " + "; ".join(noisy)
    assert all(c.get("execution_count") for _, c in cells), f"{path.name}: an exercise cell did not run"


@pytest.mark.parametrize("path", with_exercises(notebook_runner.notebooks(NAMES)), ids=lambda p: p.name)
def test_every_checking_cell_shows_a_verdict_the_grader_reads(path):
    """Each checking cell ends with the checker's call, whose Verdict is the cell's result: the grader reads that,
    not printed lines (a starter's "no answer yet" is a verdict too)."""
    executed = notebook_runner.OUT_DIR / path.name
    if not executed.exists():
        pytest.skip(f"{executed.name} was not executed in this run")
    nb = nbformat.read(executed, as_version=4)
    checks = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
    assert checks, f"{executed.name} has no checking cell"
    missing = [f"cell {i} ({c.metadata['nbgrader']['grade_id']})" for i, c in checks if course.verdict_of(c) is None]
    assert not missing, f"{path.name}: no verdict shown by " + ", ".join(missing)


def test_a_notebook_name_that_matches_nothing_is_refused_not_skipped():
    """`make notebooks NOTEBOOKS=...` with a typo must not report success after running nothing."""
    runner = pathlib.Path(notebook_runner.__file__)
    typo = subprocess.run([sys.executable, str(runner), "04-pre-activaton"], capture_output=True, text=True)
    assert typo.returncode == 2, typo
    assert typo.stderr.strip() == ("no notebook named 04-pre-activaton under notebooks/ (give a file name or stem, "
                                   "e.g. 04-pre-activation)")
    assert typo.stdout == ""
