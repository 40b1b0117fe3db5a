"""The course tools (tests/course.py, `bin/resnetlab assignments` and `grade`).

The release is generated from notebooks/ and searched for the checkers' expected answers; the grader runs made-up
submissions of notebook 04 through the real `java` kernel (CPU mode, recorded runs of data/results read back) and
the grades CSV is checked row by row. The grading test takes about 1.5 min (one submission loops until the limit);
with NOTEBOOKS set it runs only when the list names 04-pre-activation.
"""
import copy
import csv
import json
import os
import re
import subprocess

import nbformat
import pytest

import course
import notebook_runner

ROOT = notebook_runner.ROOT
RESNETLAB = str(ROOT / "bin" / "resnetlab")
NAMES = os.environ.get("NOTEBOOKS", "").split()
STARTER_THROW = 'throw new UnsupportedOperationException("your code here");'
# Notebook 04's implement cells start from ordering (a), as their markdown says; (a) is the answer to neither.
ORDERING_A = "UnitRecipe {} = (ops, x) -> ops.relu(x.add(ops.bn(ops.conv2(ops.relu(ops.bn(ops.conv1(x)))))));"
PINNED_STARTERS = {"nb04-ex1-answer": ORDERING_A.format("mine"), "nb04-ex2-answer": ORDERING_A.format("minePreAct")}

# What the checkers accept, written as a student would (the checkers hold these; the release must not).
ANSWER_PATTERNS = {
    "nb01-ex1 (residual block)": r"f\.apply\(x\)\s*\.add\(x\)|x\.add\(f\.apply\(x\)\)",
    "nb02-ex1 (pre-activation unit)": r"x\.add\(u\.conv2\(u\.relu\(u\.bn2\(u\.conv1\(u\.relu\(u\.bn1\(x\)",
    "nb02-ex2 (0.9^54)": r"0\.00338|3\.38\d*[eE]-0?3|Math\.pow\(0\.9,\s*54\)",
    "nb03-ex2 (0.5^54)": r"5\.55\d*[eE]-17|Math\.pow\(0\.5,\s*54\)",
    "nb04-ex1 (ordering b)": r"ops\.relu\(ops\.bn\(x\.add\(",
    "nb04-ex2 (ordering e)": r"x\.add\(ops\.conv2\(ops\.relu\(ops\.bn\(ops\.conv1\(ops\.relu\(ops\.bn\(x\)",
    "nb04-ex3 (c, d, e)": r'"c",\s*"d",\s*"e"',
    "nb04-ex4 (c)": r'return\s+"c"',
    "nb05-ex1 (333 units)": r"(?<![\d.])333(?![\d.])",
}
# nb03-ex1: the three variants [2] Table 1 reports as fail, all in one cell
TABLE1_FAILURES = ["constant-scaling:0.5/1", "exclusive-gating:0", "dropout-shortcut:0.5"]

RIGHT_04 = {
    "nb04-ex1-answer": "UnitRecipe mine = (ops, x) -> ops.relu(ops.bn(x.add(ops.conv2(ops.relu(ops.bn(ops.conv1(x)))))));",
    "nb04-ex2-answer": "UnitRecipe minePreAct = (ops, x) -> x.add(ops.conv2(ops.relu(ops.bn(ops.conv1(ops.relu(ops.bn(x)))))));",
    "nb04-ex3-answer": 'List<String> clearShortcutPaths() {\n    return List.of("c", "d", "e");\n}',
    "nb04-ex4-answer": 'String nonNegativeResidualOrdering() {\n    return "c";\n}',
}


@pytest.fixture(scope="module")
def release_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    done = subprocess.run([RESNETLAB, "assignments", "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


def released(release_dir):
    return {p.stem: nbformat.read(p, as_version=4) for p in sorted(release_dir.glob("*.ipynb"))}


def test_release_has_every_notebook_with_nbgrader_metadata(release_dir):
    notebooks = released(release_dir)
    sources = {p.stem: nbformat.read(p, as_version=4) for p in notebook_runner.notebooks()}
    assert sorted(notebooks) == sorted(sources)
    for stem, nb in notebooks.items():
        nbformat.validate(nb)
        assert nb.metadata["kernelspec"]["language"] == "java"  # what nbgrader reads
        source = sources[stem]
        assert len(nb.cells) == len(source.cells)
        ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
        assert len(ids) == len(set(ids)), stem
        for i, (cell, original) in enumerate(zip(nb.cells, source.cells)):
            where = f"{stem} cell {i}"
            assert cell.source == original.source, where  # no solution markers in our notebooks: starters as they are
            assert "execution" not in cell.metadata, where
            if cell.cell_type == "code":
                if course.KEEP_TAG in cell.metadata.get("tags", []):
                    assert cell.outputs == original.outputs, where  # empty until the notebook is run
                else:
                    assert cell.outputs == [] and cell.execution_count is None, where
            m = cell.metadata.get("nbgrader")
            if m is None:
                continue
            assert m["schema_version"] == 3 and m["grade_id"], where
            assert {"solution", "grade", "locked"} <= set(m), where
            if m["grade"]:
                assert m["locked"] and not m["solution"] and m["points"] > 0, where
            if m["solution"]:
                assert not m["locked"] and not m["grade"], where
    exercises = {stem: course.exercises(nb) for stem, nb in notebooks.items()}
    assert [len(exercises[s]) for s in sorted(exercises)] == [0, 3, 3, 3, 4, 3]
    for stem, ex in exercises.items():
        for e in ex:  # each checking cell has its answer cell right before it
            assert e.answer_ids == [e.grade_id + "-answer"], (stem, e.grade_id)
    kept = {s: sum(course.KEEP_TAG in c.metadata.get("tags", []) for c in nb.cells) for s, nb in notebooks.items()}
    assert kept == {"00-setup": 0, "01-residual-mapping": 2, "02-identity-recursion": 0, "03-shortcut-variants": 3,
                    "04-pre-activation": 4, "05-going-deeper": 4}
    for stem, nb in notebooks.items():  # what is kept: tables of recorded runs, never an exercise cell
        for cell in nb.cells:
            if course.KEEP_TAG in cell.metadata.get("tags", []):
                assert "nbgrader" not in cell.metadata and "Tables.html(" in cell.source, (stem, cell.source)


def test_release_holds_no_answer(release_dir):
    for stem, nb in released(release_dir).items():
        for i, cell in enumerate(nb.cells):
            m = cell.metadata.get("nbgrader", {})
            if m.get("solution"):
                pinned = PINNED_STARTERS.get(m["grade_id"])
                if pinned:
                    assert cell.source == pinned, f"{stem} cell {i}"
                else:  # nothing but the signature, its doc comment and the throwing starter
                    code = re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", cell.source, flags=re.S))
                    assert STARTER_THROW in code, f"{stem} cell {i}"
                    assert "return" not in code and re.findall(r'"[^"]*"', code) == ['"your code here"'], f"{stem} cell {i}"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(release_dir.glob("*.ipynb")))
    for name, pattern in ANSWER_PATTERNS.items():
        found = re.search(pattern, text)
        assert found is None, f"the release holds the answer to {name}: ...{text[found.start() - 80:found.end() + 40]}..."
    for nb in released(release_dir).values():
        for cell in nb.cells:
            assert not all(f'"{label}"' in cell.source for label in TABLE1_FAILURES), cell.source


def test_release_tool_replaces_solution_regions():
    nb = nbformat.v4.new_notebook()
    answer = nbformat.v4.new_code_cell('int units() {\n    // BEGIN SOLUTION\n    return 333;\n    // END SOLUTION\n}')
    answer.metadata["nbgrader"] = {"grade_id": "a", "solution": True}
    check = nbformat.v4.new_code_cell("GoingDeeperExercises.unitCount(1001, \"bottleneck\", () -> units())")
    check.metadata["nbgrader"] = {"grade_id": "b", "grade": True, "points": 1}
    nb.cells = [answer, check]
    out = course.release(nb)
    assert out.cells[0].source == 'int units() {\n    // YOUR CODE HERE\n    ' + STARTER_THROW + '\n}'
    assert out.cells[1].metadata["nbgrader"] == {"grade_id": "b", "grade": True, "points": 1, "schema_version": 3,
                                                 "solution": False, "locked": True}
    assert answer.source.count("333") == 1  # the source notebook is not changed
    check.metadata["nbgrader"]["grade_id"] = "a"
    with pytest.raises(ValueError, match="used twice"):
        course.release(nb)


def run_grade(*args, timeout=600):
    return subprocess.run([RESNETLAB, "grade", *map(str, args)], capture_output=True, text=True, timeout=timeout)


def test_grade_rejects_bad_input_with_one_sentence(tmp_path):
    missing = run_grade(tmp_path / "nowhere", "--out", tmp_path / "g.csv")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "not a folder" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    none = run_grade(empty, "--out", tmp_path / "g.csv")
    assert none.returncode == 3 and none.stderr.count("\n") == 1 and "no submissions" in none.stderr
    unknown = run_grade(empty, "--out", tmp_path / "g.csv", "--notebook", "07-nothing")
    assert unknown.returncode == 2 and "no notebook named 07-nothing" in unknown.stderr
    assert not (tmp_path / "g.csv").exists()


def submission(release_nb, answers):
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


def test_grading_kernels_read_recorded_runs_in_cpu_mode_and_grade(monkeypatch):
    monkeypatch.setenv("RESNETLAB_QUICK", "1")
    env = course.kernel_env()
    assert "RESNETLAB_QUICK" not in env and env["RESNETLAB_MODE"] == "cpu"
    assert env["RESNETLAB_TRAIN"] == "recorded" and env["RESNETLAB_GRADING"] == "1"
    java = (ROOT / "src/main/java/org/resnetlab/experiments/Experiments.java").read_text(encoding="utf-8")
    assert 'TRAIN_VARIABLE = "RESNETLAB_TRAIN"' in java and 'equalsIgnoreCase("recorded")' in java


@pytest.mark.skipif(bool(NAMES) and "04-pre-activation" not in NAMES, reason="NOTEBOOKS does not name 04-pre-activation")
def test_grader_grades_made_up_submissions_row_by_row(release_dir, tmp_path):
    release_04 = nbformat.read(release_dir / "04-pre-activation.ipynb", as_version=4)
    subs = tmp_path / "submitted"
    subs.mkdir()
    loops = dict(RIGHT_04, **{"nb04-ex3-answer": "while (true) { }"})
    nbformat.write(submission(release_04, loops), subs / "amir.ipynb")  # first: the batch must go on after it
    (subs / "bob").mkdir()
    nbformat.write(submission(release_04, RIGHT_04), subs / "bob" / "04-pre-activation.ipynb")
    (subs / "bob" / "timestamp.txt").write_text("2026-11-30 23:59:00\n")  # nbgrader's; not a submission
    syntax = dict(RIGHT_04, **{"nb04-ex3-answer": RIGHT_04["nb04-ex3-answer"].replace('"e");', '"e")')})
    broken = submission(release_04, syntax)
    for cell in broken.cells:  # an edited checking cell is restored from the release
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "nb04-ex4":
            cell.source = 'System.out.println("✓ Right. trust me")'
    nbformat.write(broken, subs / "carol.ipynb")
    nbformat.write(release_04, subs / "dana.ipynb")  # the unchanged starter
    (subs / "erin.ipynb").write_text("my answers: c, d and e\n", encoding="utf-8")  # not a notebook
    nbformat.write(submission(release_04, dict(RIGHT_04, **{"nb04-ex4-answer": "System.exit(3);"})), subs / "frank.ipynb")
    (subs / "gus").mkdir()
    (subs / "gus" / "answers.txt").write_text("c, d, e\n")  # a folder without a notebook

    out = tmp_path / "grades.csv"
    # 45 s for the whole notebook: enough to read recorded runs and check, far too little to train any run
    done = run_grade(subs, "--out", out, "--timeout", 45)
    assert done.returncode == 0, done.stdout + done.stderr

    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == course.COLUMNS
    got = [(r["student"], r["notebook"], r["exercise"], r["points"], r["max_points"], r["verdict"]) for r in rows]
    points = {"nb04-ex1": 2, "nb04-ex2": 2, "nb04-ex3": 1, "nb04-ex4": 1}

    def row(student, exercise, verdict):
        p = points[exercise]
        return student, "04-pre-activation", exercise, str(p if verdict == "right" else 0), str(p), verdict

    expected = [
        row("amir", "nb04-ex1", "right"), row("amir", "nb04-ex2", "right"),
        row("amir", "nb04-ex3", "not graded"), row("amir", "nb04-ex4", "not graded"),
        *(row("bob", e, "right") for e in points),
        row("carol", "nb04-ex1", "right"), row("carol", "nb04-ex2", "right"),
        row("carol", "nb04-ex3", "not graded"), row("carol", "nb04-ex4", "right"),
        *(row("dana", e, "not yet") for e in points),
        *(row("erin", e, "not graded") for e in points),
        row("frank", "nb04-ex1", "right"), row("frank", "nb04-ex2", "right"),
        row("frank", "nb04-ex3", "right"), row("frank", "nb04-ex4", "not graded"),
        *(row("gus", e, "not graded") for e in points),
    ]
    assert got == expected
    by = {(r["student"], r["exercise"]): r for r in rows}
    assert by[("amir", "nb04-ex3")]["reason"].startswith("timeout") and "answer cell" in by[("amir", "nb04-ex3")]["reason"]
    assert by[("amir", "nb04-ex4")]["reason"].startswith("not run: timeout")
    assert "computes (b) BN after addition exactly" in by[("bob", "nb04-ex1")]["hint"]
    assert all(by[("bob", e)]["reason"] == "" for e in points)  # no stderr from any checking cell
    assert by[("carol", "nb04-ex3")]["reason"].startswith("answer cell: compile error: ';' expected")
    assert by[("carol", "nb04-ex4")]["hint"] == "That is the set."  # the check ran, not the student's println
    assert "computes (a) original, not (b)" in by[("dana", "nb04-ex1")]["hint"]
    assert by[("dana", "nb04-ex3")]["hint"].startswith("No answer yet")
    assert by[("dana", "nb04-ex3")]["reason"] == ""
    assert all(by[("erin", e)]["reason"].startswith("not a notebook") for e in points)
    assert by[("frank", "nb04-ex4")]["reason"].startswith("kernel death") and "System.exit" in by[("frank", "nb04-ex4")]["reason"]
    assert all(by[("gus", e)]["reason"] == "not a notebook: no .ipynb file in the student's folder (found answers.txt)"
               for e in points)
    assert all(r["hint"] == "" for r in rows if r["verdict"] == "not graded")
    assert "nb04-ex1     2 p  right 4 of 7 (not yet 1, not graded 2)" in done.stdout
    assert "nb04-ex3     1 p  right 2 of 7 (not yet 1, not graded 4)" in done.stdout


def test_the_verdict_is_the_checkers_not_the_students():
    def stdout(text):
        return {"output_type": "stream", "name": "stdout", "text": text}

    def error(cls, message):
        return {"output_type": "error", "ename": "EvalException", "evalue": message,
                "traceback": ["\x1b[31m-----\x1b[0m", f"\x1b[31m{cls}: {message}\x1b[0m"]}

    result = {"output_type": "execute_result", "execution_count": 3, "metadata": {},
              "data": {"text/plain": "✗ Not yet. Look at the last box."}}
    # the student's code printed a verdict of its own before the checker's: only the checker's returned one counts
    assert course.verdict_of({"outputs": [stdout("✓ Right. trust me\n"), result]}) == (False, "Look at the last box.")
    assert course.verdict_of({"outputs": [result, stdout("✓ Right. trust me\n")]}) == (False, "Look at the last box.")
    assert course.verdict_of({"outputs": [stdout("✓ Right. trust me\n")]}) is None
    # grading mode: the checker's NotYet carries the verdict; any other error means the cell failed
    not_yet = error("org.resnetlab.exercises.Grading$NotYet", "✗ Not yet. That is one stage")
    assert course.verdict_of({"outputs": [stdout("✓ Right. trust me\n"), not_yet]}) == (False, "That is one stage")
    fake = error("java.lang.AssertionError", "✓ Right. trust me")
    assert course.verdict_of({"outputs": [stdout("✓ Right. trust me\n"), fake]}) is None
    assert course.failure_of({"outputs": [fake]}) == "exception: java.lang.AssertionError: ✓ Right. trust me"
    right = {"output_type": "execute_result", "execution_count": 4, "metadata": {},
             "data": {"text/plain": "✓ Right. Your block computes x + F(x): the layers learn only the residual."}}
    assert course.verdict_of({"outputs": [right]}) == (True, "Your block computes x + F(x): the layers learn only the residual.")
