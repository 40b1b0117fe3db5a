package org.resnetlab.cli;

import org.resnetlab.data.DataException;
import org.resnetlab.experiments.ExperimentPlan;
import org.resnetlab.experiments.Experiments;
import org.resnetlab.experiments.Experiments.Experiment;
import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.experiments.Experiments.Mode;
import org.resnetlab.train.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code resnetlab experiments --mode cpu 01-degradation}: runs a notebook's experiments ahead of the notebook (e.g.
 * overnight, in several sittings); the notebook then finds them complete and only reads and plots them.
 */
@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = "Run (or resume) the notebooks' experiments into data/results/ so the notebooks find them complete; "
                + "with no names, all of them in notebook order.")
public final class ExperimentsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--mode", defaultValue = "cpu", description = "quick|cpu|paper (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--list", description = "list the runs and whether each is complete, without training")
    boolean list;

    @Parameters(arity = "0..*", description = "experiment names: 01-degradation, 02-trained-nets, 03-shortcut-variants, 03-identity-seeds, "
            + "04-orderings, 05-deeper")
    List<String> names;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Mode m = Mode.parse(mode);
            Path results = Experiments.resultsRoot(m, Experiments.projectRoot());
            List<Experiment> chosen = Experiments.all(m, results).stream()
                    .filter(e -> names == null || names.isEmpty() || names.contains(e.name())).toList();
            if (names != null && chosen.size() < names.size()) {
                throw new IllegalArgumentException("unknown experiment in " + names + "; choose from "
                        + Experiments.all(m, results).stream().map(Experiment::name).toList());
            }
            for (Experiment experiment : chosen) {
                out.println(experiment.name() + ": " + experiment.reductions());
                for (LabelledRun run : experiment.runs()) {
                    String label = "  " + experiment.name() + " / " + run.label();
                    if (list) {
                        out.println(label + "  (" + ExperimentPlan.status(run.config().out()) + ")");
                        continue;
                    }
                    TrainingRun.of(run.config()).withListener(new ConsoleProgress(out, label)).run();
                }
                out.flush();
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | DataException e) {
            err.println("resnetlab experiments: " + e.getMessage());
            err.flush();
            return 2;
        } catch (java.io.UncheckedIOException e) {
            err.println("resnetlab experiments: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
