package org.resnetlab.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The command-line tests' one runner: {@code bin/resnetlab ARGS} in this JVM, its exit code and what it printed. */
final class Cli {
    private Cli() {}

    record Result(int code, String out, String err) {
        /** The error output is exactly one line (one sentence), with no stack trace. */
        String oneLine() {
            String text = err.strip();
            assertEquals(1, text.lines().count(), err);
            assertFalse(text.contains("Exception") || text.contains("\tat "), err);
            return text;
        }
    }

    static Result run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
