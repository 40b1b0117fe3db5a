package org.resnetlab.cli;

import org.resnetlab.experiments.Claims;
import org.resnetlab.experiments.Experiments;
import org.resnetlab.experiments.Experiments.Mode;
import org.resnetlab.experiments.Pilot;
import org.resnetlab.experiments.Scorecard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code resnetlab scorecard --mode cpu --markdown}: every claim's verdict from the runs recorded so far. */
@Command(name = "scorecard", mixinStandardHelpOptions = true,
        description = "Print the claims of [1]/[2] the notebooks test, with the paper's numbers, ours (median [min-max] "
                + "over the seeds recorded so far) and a verdict by the decision rule; trains nothing.")
public final class ScorecardCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--mode", defaultValue = "cpu", description = "quick|cpu|paper (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--markdown", description = "a Markdown table (the README's) instead of a text table")
    boolean markdown;

    @Option(names = "--pilot", description = "the pilot's table (cost, seed spread, effect sizes per candidate protocol) instead")
    boolean pilot;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Mode m = Mode.parse(mode);
        Path results = Experiments.resultsRoot(m, Experiments.projectRoot());
        Table t = pilot ? Pilot.table(m, results) : Scorecard.table(m, Claims.all(m, results));
        out.println(markdown ? markdown(t) : t.printAll());
        if (!pilot) {
            out.println();
            out.println(Scorecard.tally(t) + ".");
            out.println();
            out.println(Scorecard.RULE);
        }
        out.flush();
        return 0;
    }

    /** A Tablesaw table of strings as Markdown, its name in bold above it. */
    static String markdown(Table t) {
        StringBuilder md = new StringBuilder("**").append(t.name()).append("**\n\n|");
        for (String name : t.columnNames()) {
            md.append(' ').append(name).append(" |");
        }
        md.append("\n|").append("---|".repeat(t.columnCount())).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            md.append('|');
            for (int c = 0; c < t.columnCount(); c++) {
                md.append(' ').append(t.getString(r, c).replace("|", "\\|")).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
