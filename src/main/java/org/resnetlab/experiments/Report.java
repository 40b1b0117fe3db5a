package org.resnetlab.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.resnetlab.train.Outcome;
import org.resnetlab.train.PaperResults;
import org.resnetlab.train.Protocol;
import org.resnetlab.train.RunFolderException;
import org.resnetlab.train.RunRecord;
import org.resnetlab.train.RunResult;
import org.resnetlab.train.RunState;
import org.resnetlab.units.ResidualUnits;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Paper versus ours: every recorded run under one or more folders (gathered from many machines: copied back with
 * rsync or on a shared file system), grouped by its full configuration (every field of run.json's identity except
 * the seed), with the median final test error over the group's finished seeds beside the published number (same
 * table and row). Runs still in progress are counted and shown as such; the same run found twice counts once.
 */
public final class Report {
    private Report() {}

    static final String IN_PROGRESS = "in progress";

    /**
     * One recorded run.
     *
     * @param configuration its identity without the seed (unit canonical, values as text): what groups seeds
     * @param status        completed, fail or diverged when finished; "in progress" otherwise
     * @param testError     the final test error (NaN when unfinished, diverged or not recorded)
     * @param iteration     the outcome's iteration when finished, else the last metric row's
     */
    public record Run(Path folder, String dataset, int depth, String body, String unit, long seed, int iterations,
                      Map<String, String> configuration, String status, double testError, int iteration) {
        public boolean finished() {
            return !status.equals(IN_PROGRESS);
        }
    }

    /** The runs found, and one sentence per run.json skipped (unreadable, or the same run as one already found). */
    public record Gathered(List<Run> runs, List<String> warnings) {}

    /** Every run.json under {@code folders} (results roots, grid folders or single run folders, in that order). */
    public static Gathered gather(List<Path> folders) {
        List<Run> runs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<Path> seenFiles = new HashSet<>();
        Map<String, Integer> byIdentity = new HashMap<>();
        for (Path root : folders) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(f -> f.getFileName().toString().equals(RunRecord.RUN) && Files.isRegularFile(f))
                        .sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                warnings.add("cannot list " + root + " (" + e.getMessage() + "); its runs are left out");
                continue;
            }
            for (Path file : files) {
                if (!seenFiles.add(realPath(file))) {
                    continue; // the same file reached through two of the folders given
                }
                Run run;
                try {
                    run = run(file.getParent(), RunRecord.recorded(file));
                } catch (RunFolderException.Damaged e) {
                    warnings.add("skipped: " + e.getMessage());
                    continue;
                } catch (IOException | RuntimeException e) {
                    warnings.add("skipped " + file + ": cannot read it (" + e.getMessage() + ")");
                    continue;
                }
                String identity = run.configuration() + "|seed=" + run.seed();
                Integer earlier = byIdentity.get(identity);
                if (earlier == null) {
                    byIdentity.put(identity, runs.size());
                    runs.add(run);
                    continue;
                }
                Run kept = runs.get(earlier);
                if (!kept.finished() && run.finished()) {
                    runs.set(earlier, run);
                    warnings.add(kept.folder() + " and " + run.folder() + " hold the same run; counted once, the finished copy in "
                            + run.folder());
                } else {
                    warnings.add(kept.folder() + " and " + run.folder() + " hold the same run; counted once, the copy in "
                            + kept.folder());
                }
            }
        }
        return new Gathered(runs, warnings);
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** A run from its run.json, read by {@link RunRecord#recorded}. */
    static Run run(Path folder, RunRecord.Recorded recorded) {
        Map<String, String> configuration = new TreeMap<>(recorded.identity());
        configuration.remove("seed");
        String unit = canonicalUnit(recorded.unit());
        configuration.put("unit", unit);
        Outcome outcome = recorded.outcome();
        int iteration = outcome != null ? outcome.iteration() : RunState.lastIteration(folder);
        return new Run(folder, recorded.dataset(), recorded.depth(), recorded.body(), unit, recorded.seed(),
                recorded.iterations(), Collections.unmodifiableMap(configuration),
                outcome == null ? IN_PROGRESS : outcome.status().label(),
                outcome == null ? Double.NaN : outcome.finalTestError(), iteration);
    }

    /** The recorded metric rows of one run folder as a table (for plotting committed results without training). */
    public static Table metrics(Path runFolder) {
        try {
            return RunResult.table(runFolder.getFileName().toString(), RunRecord.readMetrics(runFolder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runFolder.resolve(RunRecord.METRICS), e);
        }
    }

    static String canonicalUnit(String unit) {
        return ResidualUnits.canonical(unit);
    }

    /** The comparison table of every run under one results folder (warnings, if any, to standard error). */
    public static Table table(Path results) {
        return table(results, warning -> System.err.println("warning: " + warning));
    }

    /** {@link #table(Path)}, passing each warning (a run.json skipped) to {@code warnings}. */
    public static Table table(Path results, Consumer<String> warnings) {
        Gathered gathered = gather(List.of(results));
        gathered.warnings().forEach(warnings);
        return table(gathered);
    }

    /**
     * The comparison table: one row per configuration (identity without the seed), the median over its finished
     * seeds. "settings" names the identity fields in which a row differs from another row of the same network and
     * length (e.g. {@code learning_rate=0.05}), so rows that would otherwise look alike can be told apart.
     */
    public static Table table(Gathered gathered) {
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (Run run : gathered.runs()) {
            groups.computeIfAbsent(run.configuration().toString(), k -> new ArrayList<>()).add(run);
        }
        Map<String, List<Map<String, String>>> byCell = new HashMap<>();
        for (List<Run> group : groups.values()) {
            byCell.computeIfAbsent(cellKey(group.get(0)), k -> new ArrayList<>()).add(group.get(0).configuration());
        }
        StringColumn source = StringColumn.create("paper table");
        StringColumn row = StringColumn.create("paper row");
        StringColumn dataset = StringColumn.create("dataset");
        IntColumn depth = IntColumn.create("depth");
        StringColumn body = StringColumn.create("body");
        StringColumn unit = StringColumn.create("unit");
        StringColumn paper = StringColumn.create("paper error %");
        StringColumn ours = StringColumn.create("ours (median) %");
        IntColumn seeds = IntColumn.create("runs");
        StringColumn outcomes = StringColumn.create("outcomes");
        IntColumn iterations = IntColumn.create("iterations");
        DoubleColumn fraction = DoubleColumn.create("of paper schedule");
        StringColumn settings = StringColumn.create("settings");
        for (List<Run> group : groups.values()) {
            Run first = group.get(0);
            PaperResults.Entry entry = PaperResults.find(first.dataset(), first.depth(), first.body(), first.unit());
            source.append(entry == null ? "" : entry.table());
            row.append(entry == null ? "" : entry.row());
            dataset.append(first.dataset());
            depth.append(first.depth());
            body.append(first.body());
            unit.append(first.unit());
            paper.append(entry == null ? "" : entry.errorText());
            ours.append(median(group));
            seeds.append(group.size());
            outcomes.append(outcomeCounts(group));
            iterations.append(first.iterations());
            fraction.append((double) first.iterations() / Protocol.PAPER_ITERATIONS);
            settings.append(differences(first.configuration(), byCell.get(cellKey(first))));
        }
        return Table.create("paper vs ours", source, row, dataset, depth, body, unit, paper, ours, seeds, outcomes,
                iterations, fraction, settings);
    }

    private static String cellKey(Run run) {
        return run.dataset() + "|" + run.depth() + "|" + run.body() + "|" + run.unit() + "|" + run.iterations();
    }

    /** The fields of {@code configuration} whose values are not the same in all of {@code sameCell}. */
    private static String differences(Map<String, String> configuration, List<Map<String, String>> sameCell) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> field : configuration.entrySet()) {
            boolean varies = sameCell.stream().anyMatch(c -> !field.getValue().equals(c.get(field.getKey())));
            if (varies) {
                text.append(text.length() == 0 ? "" : ", ").append(field.getKey()).append('=').append(field.getValue());
            }
        }
        return text.toString();
    }

    /**
     * Median final test error over the finished runs as {@link FailRule#text} writes it (paper mode: the report sets
     * our runs beside the paper's): a diverged run ranks above every number, a "fail" recorded without its error just
     * below ({@link FailRule#FAIL_WITHOUT_NUMBER}). A completed run whose error was not recorded has no number to rank
     * and is left out (the outcomes column counts it).
     */
    static String median(List<Run> group) {
        List<Double> errors = new ArrayList<>();
        boolean finished = false;
        for (Run run : group) {
            if (!run.finished()) {
                continue;
            }
            finished = true;
            if (run.status().equals("diverged")) {
                errors.add(Double.POSITIVE_INFINITY);
            } else if (!Double.isNaN(run.testError())) {
                errors.add(run.testError());
            } else if (run.status().equals("fail")) {
                errors.add(FailRule.FAIL_WITHOUT_NUMBER);
            }
        }
        if (errors.isEmpty()) {
            return finished ? "no final error recorded" : IN_PROGRESS;
        }
        double median = DecisionRule.median(errors.stream().mapToDouble(Double::doubleValue).toArray());
        return FailRule.text(median, true, new double[0]);
    }

    /** "2 completed, 1 diverged, 1 in progress (iteration 200 of 400)". */
    private static String outcomeCounts(List<Run> group) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Integer> progress = new ArrayList<>();
        for (Run run : group) {
            if (!run.finished()) {
                progress.add(run.iteration());
            } else if (Double.isNaN(run.testError()) && !run.status().equals("diverged")) {
                counts.merge(run.status() + " without a final error", 1, Integer::sum);
            } else {
                counts.merge(run.status(), 1, Integer::sum);
            }
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((status, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(status));
        if (!progress.isEmpty()) {
            progress.sort(null);
            text.append(text.length() == 0 ? "" : ", ").append(progress.size()).append(' ').append(IN_PROGRESS)
                    .append(progress.size() == 1 ? " (iteration " : " (iterations ")
                    .append(String.join(", ", progress.stream().map(String::valueOf).toList()))
                    .append(" of ").append(group.get(0).iterations()).append(')');
        }
        return text.toString();
    }
}
