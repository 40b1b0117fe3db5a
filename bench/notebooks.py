"""Per-notebook runtime in quick mode and kernel start to first output, through the project's `java` kernel.

    .venv/bin/python bench/notebooks.py [NAME ...]   # prints CSV rows: engine,section,name,median,min,max,unit,n,detail

"kernel start to first output" is the time from asking nbclient for a kernel to the first output message of the
notebook's first code cell that produces one (JVM start, IJava, the helper jars, Lab.start()).
"""
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
import notebook_runner  # noqa: E402  (the test suite's notebook list and time-outs)


class TimedClient(NotebookClient):
    """Remembers when the first output arrived."""

    first_output = None

    def output(self, outs, msg, display_id, cell_index):
        if self.first_output is None and msg.get("msg_type") in ("stream", "display_data", "execute_result", "error"):
            self.first_output = time.monotonic()
        return super().output(outs, msg, display_id, cell_index)


def run(path):
    nb = nbformat.read(path, as_version=4)
    client = TimedClient(nb, kernel_name="java", timeout=notebook_runner.CELL_TIMEOUT,
                         startup_timeout=notebook_runner.STARTUP_TIMEOUT,
                         resources={"metadata": {"path": str(path.parent)}})
    start = time.monotonic()
    error = ""
    try:
        client.execute()
    except Exception as e:  # report, do not stop the benchmark
        error = f"FAILED: {type(e).__name__}"
    total = time.monotonic() - start
    first = (client.first_output - start) if client.first_output else float("nan")
    return total, first, error


def main():
    os.environ.setdefault("RESNETLAB_QUICK", "1")
    engine = os.environ.get("RESNETLAB_ENGINE", "mxnet")
    engine = {"mxnet": "MXNet", "pytorch": "PyTorch"}.get(engine.lower(), engine)
    for path in notebook_runner.notebooks(sys.argv[1:]):
        total, first, error = run(path)
        detail = f"quick mode{'; ' + error if error else ''}"
        print(f"{engine},notebook,{path.stem}:runtime,{total:.1f},,,s,1,{detail}", flush=True)
        print(f"{engine},notebook,{path.stem}:first_output,{first:.1f},,,s,1,kernel start to first output", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
