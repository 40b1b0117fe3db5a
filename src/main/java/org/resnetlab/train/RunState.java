package org.resnetlab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a planned run stands, read from its folder without touching it (no lock, nothing written): what
 * {@code grid --dry-run} shows and what {@code --print-jobs} and {@code --slurm} skip.
 *
 * @param kind      not started, in progress, complete, a different run in the folder, or an unreadable run.json
 * @param iteration the last recorded metric row's iteration (in progress), the outcome's (complete), else 0
 * @param outcome   the recorded outcome when complete, else null
 * @param detail    for OTHER_RUN the first differing field, for DAMAGED why the file cannot be read
 */
public record RunState(Kind kind, int iteration, Outcome outcome, String detail) {

    public enum Kind { NOT_STARTED, IN_PROGRESS, COMPLETE, OTHER_RUN, DAMAGED }

    public static RunState of(RunConfig config) {
        Path file = config.out().resolve(RunRecord.RUN);
        if (!Files.isRegularFile(file)) {
            return new RunState(Kind.NOT_STARTED, 0, null, "");
        }
        Outcome outcome;
        try {
            RunRecord.Standing standing = RunRecord.standing(file, config);
            if (!standing.hasIdentity()) {
                return new RunState(Kind.DAMAGED, 0, null, file + " has no identity");
            }
            if (standing.difference() != null) {
                return new RunState(Kind.OTHER_RUN, 0, null, standing.difference());
            }
            outcome = standing.outcome();
        } catch (IOException | RuntimeException e) {
            return new RunState(Kind.DAMAGED, 0, null, "cannot read " + file + " (" + e.getMessage() + ")");
        }
        if (outcome != null) {
            return new RunState(Kind.COMPLETE, outcome.iteration(), outcome, "");
        }
        return new RunState(Kind.IN_PROGRESS, lastIteration(config.out()), null, "");
    }

    /** The iteration of the last metric row in {@code folder} (0 when none can be read). */
    public static int lastIteration(Path folder) {
        try {
            List<MetricRow> rows = RunRecord.readMetrics(folder);
            return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).iteration();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public boolean complete() {
        return kind == Kind.COMPLETE;
    }

    /** "not started", "in progress (iteration 120 of 400)", "complete: completed, test error 7.12%", ... */
    public String describe(int iterations) {
        return switch (kind) {
            case NOT_STARTED -> "not started";
            case IN_PROGRESS -> "in progress (iteration " + iteration + " of " + iterations + ")";
            case COMPLETE -> "complete: " + outcome.status().label() + (Double.isNaN(outcome.finalTestError()) ? ""
                    : String.format(Locale.ROOT, ", test error %.2f%%", outcome.finalTestError()));
            case OTHER_RUN -> "holds a different run (" + detail + ")";
            case DAMAGED -> "damaged: " + detail;
        };
    }
}
