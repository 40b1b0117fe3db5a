"""One-off migration (issue 17; delete after the merge): splits each exercise cell of notebooks 01-05 into an answer
cell (its starter) and a locked checking cell, adds nbgrader schema-3 metadata and the keep-output tags.

    python3 scripts/migrate-exercise-cells.py [PROJECT_ROOT]

A JSON-only edit: cells are found by what they call, existing cells keep their ids and outputs, the file is
written as nbformat writes it. Idempotent: a cell that already has nbgrader metadata or the tag is left alone."""
import hashlib, json, pathlib, sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1])
STUB = '    // YOUR CODE HERE\n    throw new UnsupportedOperationException("your code here");\n'

def method(doc, signature):
    return f"/** {doc} */\n{signature} {{\n{STUB}}}"

def lam(doc, decl):
    return f"/** {doc} */\n{decl} -> {{\n{STUB}}};"

# notebook -> (what the exercise cell calls, exercise number, points, answer cell source, checking cell source)
SPEC = {
 "01-residual-mapping": [
  ("checkResidualBlock(", 1, 2, "import ai.djl.ndarray.NDArray;\nimport java.util.function.Function;\n\n" + lam(
      "Exercise 1: the output y of the residual block for input x; f runs the block's layers (its residual function).",
      "Exercises.ResidualBlock myBlock = (NDArray x, Function<NDArray, NDArray> f)"),
      "boolean exercise1 = Exercises.checkResidualBlock(myBlock);"),
  ("checkHighestTrainingError(", 2, 1, method("Exercise 2: the label of the run of section 4 that ends with the highest training error, as in the chart's legend.",
      "String highestTrainingErrorRun()"),
      "boolean exercise2 = Exercises.checkHighestTrainingError(degradation, () -> highestTrainingErrorRun());"),
  ("checkFasterBlock(", 3, 1, method('Exercise 3: "plain" or "residual", the block that first gets below 0.1 on the near-identity target.',
      "String fasterBlock()"),
      "boolean exercise3 = Exercises.checkFasterBlock(reach, IdentityFitting.Target.NEAR_IDENTITY.label(), () -> fasterBlock());"),
 ],
 "02-identity-recursion": [
  ("checkPreActivationUnit(", 1, 2, lam("Exercise 1: the full pre-activation unit's output for input x; u holds its layers (u.bn1, u.conv1, u.bn2, u.conv2, u.relu).",
      "Exercises.UnitAnswer myPreActivationUnit = (x, u)"),
      "boolean exercise1 = Exercises.checkPreActivationUnit(myPreActivationUnit);"),
  ("checkProductOfLambdas(", 2, 1, method("Exercise 2: the factor that multiplies x_0 in the shortcut term of x_L, ResNet-110 with λ = 0.9 on every shortcut.",
      "double shortcutFactorOfResNet110()"),
      "boolean exercise2 = Exercises.checkProductOfLambdas(110, 0.9, () -> shortcutFactorOfResNet110());"),
  ("checkLesion(", 3, 1, method("Exercise 3: the label of the network whose test error rises most when its most important unit is deleted.",
      "String mostLesionSensitiveNetwork()"),
      "boolean exercise3 = Exercises.checkLesion(probes.lesions(), () -> mostLesionSensitiveNetwork());"),
 ],
 "03-shortcut-variants": [
  ("predictFailures(", 1, 1, method("Exercise 1: the run labels of the variants [2] Table 1 reports as fail, as a List.of(...).",
      "List<String> predictedFailures()"),
      "ShortcutVariantExercises.predictFailures(() -> predictedFailures())"),
  ("shortcutFactor(54", 2, 1, method("Exercise 2: the factor that multiplies x_l after 54 units with h(x) = 0.5 x (a number or a Math expression).",
      "double shortcutFactorAfter54Units()"),
      "ShortcutVariantExercises.shortcutFactor(54, 0.5, () -> shortcutFactorAfter54Units())"),
  ("highestFinalTrainingError(", 3, 1, method("Exercise 3: the run label of our run that ends with the highest training error.",
      "String highestFinalTrainingErrorRun()"),
      "ShortcutVariantExercises.highestFinalTrainingError(variants, () -> highestFinalTrainingErrorRun())"),
 ],
 "04-pre-activation": [
  # the markdown says the cell starts from ordering (a): that is the starter (compiles, computes (a))
  ('implement("bn-after-addition"', 1, 2, "UnitRecipe mine = (ops, x) -> ops.relu(x.add(ops.bn(ops.conv2(ops.relu(ops.bn(ops.conv1(x)))))));",
      'PreActivationExercises.implement("bn-after-addition", mine)'),
  ('implement("full-preact"', 2, 2, "UnitRecipe minePreAct = (ops, x) -> ops.relu(x.add(ops.bn(ops.conv2(ops.relu(ops.bn(ops.conv1(x)))))));",
      'PreActivationExercises.implement("full-preact", minePreAct)'),
  ("clearShortcutPath(", 3, 1, method('Exercise 3: the letters of the orderings with a clear path from x_l to x_l+1, as a List.of("…", …).',
      "List<String> clearShortcutPaths()"),
      "PreActivationExercises.clearShortcutPath(() -> clearShortcutPaths())"),
  ("nonNegativeResidual(", 4, 1, method("Exercise 4: the letter of the ordering whose residual function is never negative.",
      "String nonNegativeResidualOrdering()"),
      "PreActivationExercises.nonNegativeResidual(() -> nonNegativeResidualOrdering())"),
 ],
 "05-going-deeper": [
  ("unitCount(", 1, 1, method("Exercise 1: the number of residual units of ResNet-1001 (bottleneck units).",
      "int unitsOfResNet1001()"),
      'GoingDeeperExercises.unitCount(1001, "bottleneck", () -> unitsOfResNet1001())'),
  ("slowerStart(", 2, 1, method('Exercise 2: "original" or "full-preact", the unit with the slower start at our deepest depth.',
      "String slowerStartUnit()"),
      "int deepest = experiment.runs().stream().mapToInt(r -> r.config().model().depth()).max().getAsInt();\n"
      "GoingDeeperExercises.slowerStart(deeper, deepest, early, () -> slowerStartUnit())"),
  ("smallerGap(", 3, 1, method('Exercise 3: "original" or "full-preact", the unit with the smaller gap between test and training error at our deepest depth.',
      "String smallerGapUnit()"),
      "GoingDeeperExercises.smallerGap(deeper, deepest, () -> smallerGapUnit())"),
 ],
}
# training tables read back from recorded runs: outputs kept in the student release
KEEP = {"01-residual-mapping": ["PaperComparison.table(degradation", "Scorecard.table("],
        "03-shortcut-variants": ["PaperComparison.table(variants", "TrainingDynamics.generalisation(variants)",
                                 "Scorecard.table("],
        "04-pre-activation": ["TrainingDynamics.earlyTraining(orderings", "PaperComparison.table(orderings",
                              "Scorecard.table(", "TrainingDynamics.generalisation(orderings)"],
        "05-going-deeper": ["TrainingDynamics.earlyTraining(deeper", "TrainingDynamics.generalisation(deeper)",
                            "PaperComparison.table(deeper", "Scorecard.table("]}

def lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])

def nbgrader(grade_id, solution, grade, locked, points=None):
    m = {"schema_version": 3, "grade_id": grade_id, "solution": solution, "grade": grade, "locked": locked}
    if points is not None:
        m["points"] = points
    return m

def the_cell(cells, needle, where):
    found = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and needle in "".join(c["source"])]
    if len(found) != 1:
        sys.exit(f"{where}: {len(found)} code cells contain {needle!r}, expected exactly one")
    return found[0]


for stem, exercises in SPEC.items():
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    prefix = "nb" + stem[:2]
    for needle in KEEP.get(stem, []):
        c = cells[the_cell(cells, needle, stem)]
        tags = c["metadata"].setdefault("tags", [])
        if "keep-output" not in tags:
            tags.append("keep-output")
    for needle, number, points, answer, check in exercises:
        index = the_cell(cells, needle, stem)
        c = cells[index]
        grade_id = f"{prefix}-ex{number}"
        if "nbgrader" in c["metadata"]:
            continue  # done already
        old = "".join(c["source"])
        c["source"] = lines(check)
        c["metadata"]["nbgrader"] = nbgrader(grade_id, False, True, True, points)
        cell_id = hashlib.sha1(f"{stem}/{grade_id}-answer".encode()).hexdigest()[:8]
        answer_cell = {"cell_type": "code", "execution_count": None, "id": cell_id,
                       "metadata": {"nbgrader": nbgrader(grade_id + "-answer", True, False, False)},
                       "outputs": [], "source": lines(answer)}
        cells.insert(index, answer_cell)
        print(f"{stem}: {grade_id} ({points} p), was:\n    " + old.replace("\n", "\n    "))
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
