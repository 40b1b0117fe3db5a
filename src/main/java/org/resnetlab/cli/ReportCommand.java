package org.resnetlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.resnetlab.experiments.FailRule;
import org.resnetlab.experiments.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/** {@code resnetlab report [FOLDER...]}: paper vs ours from every recorded run under the folders given. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the paper-vs-ours table (median test error over seeds, one row per configuration) from the "
                + "recorded runs under the results folder, or under every FOLDER given (run folders gathered from many "
                + "machines); runs still in progress are counted as such, the same run found twice counts once.")
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FOLDER", description = "results folders, grid folders or run folders "
            + "(e.g. one per machine); default: --results")
    List<Path> folders;

    @Option(names = "--results", defaultValue = "data/results", description = "results folder when no FOLDER is given (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--csv", description = "also write the table as CSV to this file")
    Path csv;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> roots = folders == null || folders.isEmpty() ? List.of(results) : folders;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                err.println("resnetlab report: no results folder " + root
                        + "; run bin/resnetlab train or grid first, or pass --results DIR or the folders to merge.");
                err.flush();
                return 2;
            }
        }
        Report.Gathered gathered = Report.gather(roots);
        for (String warning : gathered.warnings()) {
            err.println("resnetlab report: warning: " + warning);
        }
        err.flush();
        Table table = Report.table(gathered);
        out.println(table.rowCount() == 0 ? "no recorded runs under " + String.join(", ", roots.stream().map(Path::toString).toList())
                : table.printAll());
        out.println("Errors in %: [1] He et al. 2015 (arXiv 1512.03385), [2] He et al. 2016 (arXiv 1603.05027); "
                + FailRule.description(true) + ". Runs shorter than the paper's 64k iterations are not comparable. "
                + "The median is over each row's finished runs; \"settings\" tells apart rows of the same network that "
                + "differ in another field of their identity.");
        if (csv != null) {
            org.resnetlab.train.AtomicFiles.write(csv, stream -> {
                table.write().csv(stream);
                stream.flush();
            });
        }
        out.flush();
        return 0;
    }
}
