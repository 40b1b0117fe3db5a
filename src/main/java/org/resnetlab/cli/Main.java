package org.resnetlab.cli;

import org.resnetlab.train.RunFolderException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/resnetlab}: the command line of the helper module. Each subcommand is one class in this package. */
@Command(name = "resnetlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Residual networks with identity mappings (He et al. 2016) on DJL.",
        footer = {"", "Course tools (Python in .venv; README, \"Teaching with resnet-lab\"):",
                "  assignments --out DIR         the student release of the notebooks",
                "  grade SUBMISSIONS --out CSV   grade submissions through the java kernel"},
        subcommands = {CommandLine.HelpCommand.class, DescribeCommand.class, TrainCommand.class, GridCommand.class,
                ReportCommand.class, ExperimentsCommand.class, ScorecardCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    /** The version pom.xml gives the jar (its manifest's Implementation-Version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"resnet-lab " + (v == null ? "(version unknown: not run from the built jar)" : v)};
        }
    }
    /** Exit codes (README, "Command line"): 2 = invalid option or input data, as picocli's usage errors. */
    public static final int INVALID_INPUT = 2;
    /** The run folder is in use by another process or run. */
    public static final int FOLDER_BUSY = 3;
    /** A file of the run folder (run.json, metrics.csv, checkpoint) is damaged. */
    public static final int FOLDER_DAMAGED = 4;
    /** The file system refused a read or write (not a folder, permission denied, disk full). */
    public static final int FOLDER_IO = 5;

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
            return INVALID_INPUT;
        });
        // Every refusal is one sentence, "resnetlab <command>: …", whichever command hit it: bad input and data
        // (IllegalArgument/IllegalState/DataException) exit 2; a run folder's refusals have their own codes.
        cli.setExecutionExceptionHandler((ex, c, parseResult) -> {
            int code;
            if (ex instanceof RunFolderException folder) {
                code = exitCode(folder);
            } else if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex instanceof org.resnetlab.data.DataException) {
                code = INVALID_INPUT;
            } else {
                throw ex;
            }
            c.getErr().println("resnetlab " + c.getCommandName() + ": " + ex.getMessage());
            c.getErr().flush();
            return code;
        });
        return cli;
    }

    static int exitCode(RunFolderException e) {
        if (e instanceof RunFolderException.Busy) {
            return FOLDER_BUSY;
        }
        return e instanceof RunFolderException.Damaged ? FOLDER_DAMAGED : FOLDER_IO;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
