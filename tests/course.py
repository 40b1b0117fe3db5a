"""Course tools: the student release of the notebooks, and a batch grader that runs submissions through the kernel.

    bin/resnetlab assignments --out DIR [NAME ...]
    bin/resnetlab grade SUBMISSIONS --out grades.csv [--timeout SECONDS] [--notebook NAME]

Exercise cells are marked in the source notebooks with nbgrader's cell metadata (schema version 3): an answer cell
has `"nbgrader": {"solution": true, "grade": false, "locked": false, "grade_id": "nb04-ex1-answer", ...}`, its
checking cell `{"solution": false, "grade": true, "locked": true, "grade_id": "nb04-ex1", "points": 2, ...}`. The
answer cells of the source notebooks already hold the starter (it throws UnsupportedOperationException("your code
here"), which the checkers report as "no answer yet"); a region between `// BEGIN SOLUTION` and `// END SOLUTION`
lines is replaced by that starter in the release. The answers themselves live only in the checkers
(src/main/java/org/resnetlab/exercises/). A code cell tagged `keep-output` keeps its outputs in the release
(training tables read back from recorded runs); every other output is cleared.

The grader executes each submission headless through the project's `java` kernel in CPU mode with
RESNETLAB_TRAIN=recorded (the runs recorded in data/results are read back, nothing is trained) and
RESNETLAB_GRADING=1 (a wrong answer also raises, as nbgrader needs). Checking cells are restored from the release
before running, so an edited check does not count. Each notebook gets --timeout seconds in all; a
broken, endless or dying submission is reported in the CSV and the batch goes on.
"""
import argparse
import copy
import csv
import os
import pathlib
import re
import sys
import time

import nbformat

import notebook_runner

KEEP_TAG = "keep-output"
STARTER = ['// YOUR CODE HERE', 'throw new UnsupportedOperationException("your code here");']
BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"
NBGRADER_KEYS = ("schema_version", "grade_id", "solution", "grade", "locked")
COLUMNS = ["student", "notebook", "exercise", "points", "max_points", "verdict", "hint", "reason"]
RIGHT, NOT_YET, NOT_GRADED = "right", "not yet", "not graded"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
VERDICT = re.compile(r"^\s*(✓|✗)\s*(?:right|not yet)?[:.]?\s*(.*)$", re.IGNORECASE | re.DOTALL)


class Usage(Exception):
    """Bad input: one sentence for the user, and the exit code."""

    def __init__(self, message, code=2):
        super().__init__(message)
        self.code = code


# --- the release -----------------------------------------------------------------------------------------------

def nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader")


def is_answer(cell):
    m = nbgrader(cell)
    return bool(m and m.get("solution"))


def is_check(cell):
    m = nbgrader(cell)
    return bool(m and m.get("grade"))


def clear_solution(source):
    """Replaces each BEGIN SOLUTION ... END SOLUTION region (marker lines included) by the throwing starter."""
    out, inside = [], False
    for line in source.splitlines():
        if BEGIN in line:
            if inside:
                raise ValueError("BEGIN SOLUTION inside another solution region")
            inside = True
            indent = line[:len(line) - len(line.lstrip())]
            out.extend(indent + s for s in STARTER)
        elif END in line:
            if not inside:
                raise ValueError("END SOLUTION without BEGIN SOLUTION")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError("BEGIN SOLUTION without END SOLUTION")
    return "\n".join(out)


def release(nb, name="notebook"):
    """The student version of a source notebook (a copy): outputs cleared except `keep-output` cells, solution
    regions replaced by the starter, execution metadata dropped, nbgrader metadata complete (schema version 3)."""
    nb = copy.deepcopy(nb)
    ids = set()
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        keep = KEEP_TAG in cell.metadata.get("tags", [])
        if cell.cell_type == "code" and not keep:
            cell.outputs = []
            cell.execution_count = None
        m = nbgrader(cell)
        if m is None:
            continue
        where = f"{name}, cell {index}"
        if not m.get("grade_id"):
            raise ValueError(f"{where}: nbgrader metadata without a grade_id")
        if m["grade_id"] in ids:
            raise ValueError(f"{where}: grade_id {m['grade_id']!r} is used twice")
        ids.add(m["grade_id"])
        m["schema_version"] = 3
        m.setdefault("solution", False)
        m.setdefault("grade", False)
        m["locked"] = bool(m.get("locked", False) or (m["grade"] and not m["solution"]))
        if m["grade"]:
            if not isinstance(m.get("points"), (int, float)) or m["points"] < 0:
                raise ValueError(f"{where}: a graded cell needs non-negative points")
        if m["solution"]:
            try:
                cell.source = clear_solution(cell.source)
            except ValueError as e:
                raise ValueError(f"{where}: {e}") from None
    return nb


class Exercise:
    """A checking cell (grade_id, points) and the answer cells before it (back to the previous checking cell)."""

    def __init__(self, grade_id, points, check_source, answer_ids):
        self.grade_id, self.points, self.check_source, self.answer_ids = grade_id, points, check_source, answer_ids


def exercises(nb):
    found, answers = [], []
    for cell in nb.cells:
        if is_answer(cell):
            answers.append(nbgrader(cell)["grade_id"])
        if is_check(cell):
            m = nbgrader(cell)
            found.append(Exercise(m["grade_id"], m.get("points", 0), cell.source, answers))
            answers = []
    return found


def releases(names=()):
    """{notebook stem: released notebook} for the source notebooks with exercises (or those named)."""
    out = {}
    for path in notebook_runner.notebooks(names):
        nb = release(nbformat.read(path, as_version=4), path.name)
        if names or exercises(nb):
            out[path.stem] = nb
    return out


def inside(path, folder):
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def write_release(out_dir, names=()):
    if inside(out_dir, notebook_runner.NOTEBOOK_DIR):
        raise Usage(f"{out_dir} is inside notebooks/: the release would overwrite or join the source notebooks; "
                    f"choose another folder (e.g. target/assignments).")
    found = notebook_runner.notebooks(names)
    if names and len(found) < len(set(names)):
        known = ", ".join(p.stem for p in notebook_runner.notebooks())
        raise Usage(f"no notebook named {', '.join(n for n in names if not any(n in (p.name, p.stem) for p in found))}"
                    f" under notebooks/ (there are: {known}).")
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in found:
        nb = release(nbformat.read(path, as_version=4), path.name)
        nbformat.validate(nb)
        nbformat.write(nb, out_dir / path.name)
        ex = exercises(nb)
        print(f"{out_dir / path.name}: {len(ex)} exercises, {sum(e.points for e in ex):g} points, "
              f"{sum(KEEP_TAG in c.metadata.get('tags', []) for c in nb.cells)} cells keep their outputs")


# --- grading ---------------------------------------------------------------------------------------------------

def submissions(root):
    """(student, file, problem) triples: SUBMISSIONS/<student>.<any extension>, or each .ipynb under
    SUBMISSIONS/<student>/ (other files there, e.g. nbgrader's timestamp.txt, are not submissions)."""
    found = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            files = sorted(p for p in entry.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(entry).parts))
            notebooks = [p for p in files if p.suffix == ".ipynb"]
            found.extend((entry.name, p, None) for p in notebooks)
            if not notebooks:
                what = f"found {', '.join(p.name for p in files[:3])}" if files else "the folder is empty"
                found.append((entry.name, files[0] if files else None,
                              f"not a notebook: no .ipynb file in the student's folder ({what})"))
        elif entry.is_file():
            found.append((entry.stem, entry, None))
    return found


def read_submission(path):
    """(notebook, None) or (None, why it is not a notebook)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as e:  # nbformat raises several kinds (JSON, encoding, schema version)
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        return None, f"not a notebook: {path.name} cannot be read as one ({first[:120]})"
    if not isinstance(nb.get("cells"), list):
        return None, f"not a notebook: {path.name} has no cells"
    return nb, None


def which_notebook(path, nb, known, forced):
    if forced:
        return forced
    if path is not None and path.stem in known:
        return path.stem
    if nb is not None:
        ids = {nbgrader(c)["grade_id"] for c in nb.cells if nbgrader(c) and nbgrader(c).get("grade_id")}
        for stem, rel in known.items():
            if ids & {e.grade_id for e in exercises(rel)}:
                return stem
    return None


def error_text(out):
    """One line from an IJava error output: the message of a compile error, or 'Class: message'."""
    lines = [ANSI.sub("", line).strip() for line in out.get("traceback", [])]
    lines = [line for line in lines if line and not set(line) <= {"-"} and not line.startswith("|")
             and not line.startswith("at ")]
    text = " ".join(lines[:2]) if lines else f"{out.get('ename', '')}: {out.get('evalue', '')}"
    return text[:300]


def failure_of(cell):
    """Why a cell failed: 'compile error: ...' or 'exception: ...', or None."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            kind = "compile error" if out.get("ename") == "CompilationException" else "exception"
            return f"{kind}: {error_text(out)}"
    return None


def verdict_of(cell):
    """(right, hint) from the verdict a checking cell returned (its last expression, a Verdict shown as text/plain)
    or raised as Grading.NotYet (grading mode), or None. Printed lines are no verdict: every checker returns one, so a
    "✓" on stdout can only come from the student's code; and an error counts only as the checker's NotYet (a
    student's own exception saying "✓" is no verdict)."""
    found = None
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error" and not any("Grading$NotYet" in ANSI.sub("", line)
                                                         for line in out.get("traceback", [])[:3]):
            return None  # the cell failed (the student's code threw past the checker): no verdict
        texts = []
        if out.get("output_type") in ("execute_result", "display_data"):
            texts = str(out.get("data", {}).get("text/plain", "")).splitlines()
        elif out.get("output_type") == "error":  # the checker's NotYet
            texts = [line for line in [str(out.get("evalue", ""))] if line.lstrip().startswith("✗")]
        for text in texts:
            m = VERDICT.match(text)
            if m:
                found = (m.group(1) == "✓", m.group(2).strip())
    return found


def first_line(cell):
    return (cell.source.strip().splitlines() or [""])[0][:60]


def grade_notebook(nb, rel, timeout, env, log):
    """Executes a submission with the release's checking cells. Returns the executed notebook, {grade_id: index of
    its checking cell}, {grade_id: [indices of its answer cells]}, and (what stopped the run, index of the cell it
    stopped in) or None."""
    nb = copy.deepcopy(nb)
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java (resnet-lab)", "language": "java"}
    released = {e.grade_id: e for e in exercises(rel)}
    checks, answers = {}, {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        m = nbgrader(cell)
        gid = m.get("grade_id") if m else None
        if gid in released and cell.cell_type == "code":
            cell.source = released[gid].check_source  # a locked cell: the release's check, whatever was submitted
            checks[gid] = index
        for e in released.values():
            if gid in e.answer_ids:
                answers.setdefault(e.grade_id, []).append(index)
    deadline = time.monotonic() + timeout
    started, finished = [], set()
    client = notebook_runner.NotebookClient(
        nb, kernel_name="java", allow_errors=True, startup_timeout=notebook_runner.STARTUP_TIMEOUT,
        timeout_func=lambda cell: max(1, int(deadline - time.monotonic() + 0.999)),
        on_cell_start=lambda cell, cell_index: started.append(cell_index),
        on_cell_executed=lambda cell, cell_index, execute_reply: finished.add(cell_index),
        resources={"metadata": {"path": str(notebook_runner.NOTEBOOK_DIR)}})
    stopped = None
    try:
        # the kernel's own log (engine start-up lines, JVM warnings) goes to a file, not into the grader's output
        client.execute(env=env, stdout=log, stderr=log)
    except notebook_runner.CellTimeoutError:
        stopped = f"timeout: the notebook's limit of {timeout} s ran out"
    except notebook_runner.DeadKernelError:
        stopped = "kernel death: the java kernel died"
    except Exception as e:  # the kernel did not start, a message could not be read, ...
        text = str(e).strip()
        stopped = f"kernel failure: {type(e).__name__}{': ' + text.splitlines()[0][:200] if text else ''}"
    if stopped is None:
        return nb, checks, answers, None
    at = started[-1] if started and started[-1] not in finished else None
    return nb, checks, answers, (stopped, at)


def rows_for(student, stem, rel, nb, problem, timeout, env, log):
    ex = exercises(rel)
    if problem is not None:
        return [[student, stem, e.grade_id, 0, e.points, NOT_GRADED, "", problem] for e in ex]
    executed, checks, answers, stop = grade_notebook(nb, rel, timeout, env, log)
    rows = []
    for e in ex:
        index = checks.get(e.grade_id)
        if index is None:
            rows.append([student, stem, e.grade_id, 0, e.points, NOT_GRADED, "",
                         "the checking cell is missing from the submission"])
            continue
        cell = executed.cells[index]
        own = answers.get(e.grade_id, []) + [index]
        reason = None
        if stop is not None:
            stopped, at = stop
            if at is None:
                reason = stopped if not cell.get("outputs") else None
            elif at in own:
                which = "checking" if at == index else "answer"
                reason = f"{stopped} in this exercise's {which} cell (cell {at}: {first_line(executed.cells[at])!r})"
            elif at < index:
                reason = f"not run: {stopped} in cell {at} ({first_line(executed.cells[at])!r})"
        if reason is not None:
            rows.append([student, stem, e.grade_id, 0, e.points, NOT_GRADED, "", reason])
            continue
        verdict = verdict_of(cell)
        stderr = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr").strip()
        note = f"; the checking cell wrote to stderr: {stderr.splitlines()[0][:120]}" if stderr else ""
        if verdict is not None:
            right, hint = verdict
            rows.append([student, stem, e.grade_id, e.points if right else 0, e.points, RIGHT if right else NOT_YET,
                         hint, note.lstrip("; ")])
            continue
        reason = failure_of(cell)
        answer_failure = next((failure_of(executed.cells[a]) for a in answers.get(e.grade_id, [])
                               if failure_of(executed.cells[a])), None)
        if answer_failure:
            reason = f"answer cell: {answer_failure}"
        elif reason is None:
            reason = "not run" if not cell.get("execution_count") else "the checking cell showed no verdict"
        rows.append([student, stem, e.grade_id, 0, e.points, NOT_GRADED, "", reason + note])
    return rows


def kernel_env():
    env = dict(os.environ)
    env.pop("RESNETLAB_QUICK", None)  # recorded full-mode runs are what the notebooks show
    env.setdefault("RESNETLAB_MODE", "cpu")
    env["RESNETLAB_TRAIN"] = "recorded"  # Experiments.TRAIN_VARIABLE: read what is recorded, train nothing
    env["RESNETLAB_GRADING"] = "1"
    return env


def grade(root, out, timeout, forced=None):
    if not root.is_dir():
        raise Usage(f"{root} is not a folder of submissions (one <student>.ipynb or <student>/ folder each).")
    if inside(out, root):
        raise Usage(f"{out} is inside the submissions folder {root}: write the grades somewhere else.")
    if out.is_dir():
        raise Usage(f"{out} is a folder: --out names the CSV file to write.")
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        KernelSpecManager().get_kernel_spec("java")
    except NoSuchKernel:
        raise Usage("the project's java kernel is not registered: run 'make setup' first.", 5) from None
    known = releases()
    if forced and forced not in known:
        forced_paths = notebook_runner.notebooks([forced])
        if not forced_paths:
            raise Usage(f"no notebook named {forced} under notebooks/ (there are: {', '.join(known)}).")
        forced = forced_paths[0].stem
    found = submissions(root)
    if not found:
        raise Usage(f"{root} holds no submissions.", 3)
    read = [(student, path) + ((None, problem) if problem else read_submission(path)) for student, path, problem in found]
    targets = [which_notebook(path, nb, known, forced) for _, path, nb, _ in read]
    only = {t for t in targets if t}
    env = kernel_env()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.open("a").close()
    except OSError as e:
        raise Usage(f"cannot write {out}: {e.strerror}.") from None
    all_rows = []
    log_path = out.with_name(out.name + ".kernel.log")
    with open(out, "w", newline="", encoding="utf-8") as f, open(log_path, "w", encoding="utf-8") as log:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for (student, path, nb, problem), stem in zip(read, targets):
            if stem is None and len(only) == 1:
                stem = next(iter(only))  # a file we cannot read, in a batch of one assignment
            started = time.monotonic()
            if stem is None:
                reason = problem or "cannot tell which notebook this is: name it like the release (e.g. 04-pre-activation.ipynb)"
                rows = [[student, "", "", 0, 0, NOT_GRADED, "", reason]]
            else:
                print(f"--- {student}: {path}", file=log, flush=True)
                rows = rows_for(student, stem, known[stem], nb, problem, timeout, env, log)
            writer.writerows(rows)
            f.flush()
            all_rows.extend(rows)
            got = sum(float(r[3]) for r in rows)
            print(f"{student} ({path.name if path else 'empty folder'}): {got:g}/{sum(float(r[4]) for r in rows):g} "
                  f"points ({time.monotonic() - started:.0f} s)", flush=True)
    print_summary(all_rows)
    print(f"wrote {out} ({len(all_rows)} rows); the kernels' own log: {log_path}")
    return all_rows


def print_summary(rows):
    print("per exercise: right / submissions (not yet, not graded)")
    order = []
    for r in rows:
        if r[2] and (r[1], r[2]) not in order:
            order.append((r[1], r[2]))
    for stem, gid in order:
        rs = [r for r in rows if r[1] == stem and r[2] == gid]
        count = {v: sum(r[5] == v for r in rs) for v in (RIGHT, NOT_YET, NOT_GRADED)}
        print(f"  {gid:<12} {rs[0][4]:g} p  right {count[RIGHT]} of {len(rs)} "
              f"(not yet {count[NOT_YET]}, not graded {count[NOT_GRADED]})")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="resnetlab", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("assignments", help="write the student release of the notebooks")
    a.add_argument("--out", required=True, type=pathlib.Path, help="folder for the released notebooks")
    a.add_argument("names", nargs="*", help="notebook names or stems (default: all)")
    g = sub.add_parser("grade", help="grade submitted notebooks through the java kernel into a CSV")
    g.add_argument("submissions", type=pathlib.Path, help="folder with <student>.ipynb files or <student>/ folders")
    g.add_argument("--out", required=True, type=pathlib.Path, help="the CSV to write (one row per student x exercise)")
    g.add_argument("--timeout", type=int, default=300, help="seconds per notebook, all cells together (default 300)")
    g.add_argument("--notebook", help="the notebook every submission answers (default: from file name or cells)")
    args = parser.parse_args(argv)
    try:
        if args.command == "assignments":
            write_release(args.out, args.names)
        else:
            if args.timeout < 1:
                raise Usage("--timeout must be at least 1 second.")
            grade(args.submissions, args.out, args.timeout, args.notebook)
    except Usage as e:
        print(f"resnetlab {args.command}: {e}", file=sys.stderr)
        return e.code
    except ValueError as e:  # a source notebook with inconsistent exercise metadata
        print(f"resnetlab {args.command}: {e}", file=sys.stderr)
        return 4
    return 0


if __name__ == "__main__":
    sys.exit(main())
