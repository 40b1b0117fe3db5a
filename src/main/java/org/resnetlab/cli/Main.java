package org.resnetlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/resnetlab}: the command line of the helper module. Each subcommand is one class in this package. */
@Command(name = "resnetlab", mixinStandardHelpOptions = true, version = "resnet-lab 0.1.0",
        description = "Residual networks with identity mappings (He et al. 2016) on DJL.",
        footer = {"", "Course tools (Python in .venv; README, \"Teaching with resnet-lab\"):",
                "  assignments --out DIR         the student release of the notebooks",
                "  grade SUBMISSIONS --out CSV   grade submissions through the java kernel"},
        subcommands = {CommandLine.HelpCommand.class, DescribeCommand.class, TrainCommand.class, GridCommand.class,
                ReportCommand.class, ExperimentsCommand.class, ScorecardCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The configured command line; tests call {@code commandLine().execute(args)} to check exit codes and output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // An invalid flag gets one line and the usage, not a stack trace.
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("resnetlab: " + ex.getMessage());
            c.usage(c.getErr());
            return 2;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
