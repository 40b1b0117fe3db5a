"""Runs notebooks headless through the `java` kernel (nbclient); shared by the test suite and `make notebooks`.

    python tests/notebook_runner.py [--in-place] [NAME ...]

Without --in-place executed copies go to target/notebooks/; with it the notebooks themselves are rewritten with
their new outputs (how the committed full-mode outputs are produced: run it without RESNETLAB_QUICK).
"""
import argparse
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
OUT_DIR = ROOT / "target" / "notebooks"
CELL_TIMEOUT = int(os.environ.get("NOTEBOOK_CELL_TIMEOUT", "900"))
STARTUP_TIMEOUT = int(os.environ.get("NOTEBOOK_STARTUP_TIMEOUT", "180"))


def notebooks(names=()):
    """Every notebook under notebooks/ (checkpoints excluded), or those whose file name or stem is in names."""
    found = sorted(p for p in NOTEBOOK_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if names:
        found = [p for p in found if p.name in names or p.stem in names]
    return found


def error_outputs(nb):
    """(cell index, 'Name: message') for every saved error output."""
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                yield index, f"{out.get('ename')}: {out.get('evalue')}"


def describe_failure(path, nb, error):
    """Names the notebook, the cell (number and first source line) and the error."""
    failed = [i for i, _ in error_outputs(nb)]
    if failed:
        index = failed[0]
    else:  # a timeout or a dead kernel leaves no error output: the first code cell that did not finish
        code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        unfinished = [i for i in code if not nb.cells[i].get("execution_count")]
        index = unfinished[0] if unfinished else (code[-1] if code else 0)
    lines = nb.cells[index].source.strip().splitlines() if nb.cells else []
    first = lines[0] if lines else ""
    detail = "\n".join(str(error).strip().splitlines()[-25:])
    return f"{path.relative_to(ROOT)}: cell {index} ({first!r}) failed:\n{detail}"


def execute(path, out_path):
    """Executes one notebook in its own folder; writes the result to out_path. Returns None or a failure text."""
    nb = nbformat.read(path, as_version=4)
    if nb.metadata.get("kernelspec", {}).get("name") != "java":
        return f"{path.name}: kernelspec metadata must name the 'java' kernel (JupyterLab then opens it without a dialog)"
    client = NotebookClient(nb, kernel_name="java", timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT,
                            resources={"metadata": {"path": str(path.parent)}})
    failure = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        failure = describe_failure(path, nb, error)
    finally:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_path)
    errors = list(error_outputs(nb))
    if failure is None and errors:
        failure = f"{path.name}: error outputs in cells " + "; ".join(f"{i}: {e}" for i, e in errors)
    return failure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--in-place", action="store_true", help="save outputs into the notebooks themselves")
    parser.add_argument("names", nargs="*", help="notebook names or stems (default: all)")
    args = parser.parse_args()
    # a name may be given as a path (notebooks/04-pre-activation.ipynb) or a name or stem; one that matches no notebook
    # is a typo, never "nothing to run"
    names = [pathlib.Path(n).name for n in args.names]
    unknown = [n for n in names if not notebooks([n])]
    if unknown:
        print(f"no notebook named {', '.join(unknown)} under notebooks/ (give a file name or stem, e.g. "
              f"04-pre-activation)", file=sys.stderr)
        return 2
    failures = 0
    for path in notebooks(names):
        started = time.monotonic()
        failure = execute(path, path if args.in_place else OUT_DIR / path.name)
        took = time.monotonic() - started
        print(f"{'FAILED' if failure else 'ok'} {path.name} ({took:.0f} s)", flush=True)
        if failure:
            print(failure, file=sys.stderr)
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
