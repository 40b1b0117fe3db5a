package org.resnetlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.resnetlab.train.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code resnetlab report}: paper vs ours from every finished run under the results folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the paper-vs-ours table (median test error over seeds) from the recorded runs.")
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--results", defaultValue = "data/results", description = "results folder (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--csv", description = "also write the table as CSV to this file")
    Path csv;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(results)) {
            spec.commandLine().getErr().println("resnetlab report: no results folder " + results
                    + "; run bin/resnetlab train or grid first, or pass --results DIR.");
            return 2;
        }
        PrintWriter err = spec.commandLine().getErr();
        Table table = Report.table(results, warning -> err.println("resnetlab report: warning: " + warning));
        err.flush();
        out.println(table.rowCount() == 0 ? "no finished runs under " + results : table.printAll());
        out.println("Errors in %: [1] He et al. 2015 (arXiv 1512.03385), [2] He et al. 2016 (arXiv 1603.05027); "
                + "\"fail\" = test error above 20%. Runs shorter than the paper's 64k iterations are not comparable.");
        if (csv != null) {
            table.write().csv(csv.toFile());
        }
        out.flush();
        return 0;
    }
}
