package org.resnetlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.resnetlab.train.MetricRow;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunListener;
import org.resnetlab.train.RunRecord;
import org.resnetlab.train.RunResult;

/** A progress bar with ETA and current error on a terminal; one plain line per metric row otherwise. */
final class ConsoleProgress implements RunListener {
    private final PrintWriter out;
    private final boolean terminal;
    private final String label;
    private ProgressBar bar;
    private int total;

    ConsoleProgress(PrintWriter out, String label) {
        this.out = out;
        this.label = label;
        this.terminal = System.console() != null;
    }

    @Override
    public void started(RunConfig config, int startIteration, int iterations) {
        total = iterations;
        String what = startIteration == 0 ? "starting" : "resuming at iteration " + startIteration;
        out.println(label + ": " + what + " of " + iterations + " (" + config.dataset() + ", depth "
                + config.model().depth() + ", unit " + config.model().unit() + ", seed " + config.seed() + ")");
        out.flush();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(iterations).setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" it", 1).showSpeed().build();
            bar.stepTo(startIteration);
        }
    }

    @Override
    public void stepped(int iteration, double lr, double loss) {
        if (bar != null) {
            bar.stepTo(iteration);
        }
    }

    @Override
    public void evaluated(MetricRow row) {
        String line = String.format(Locale.ROOT, "iteration %d/%d epoch %.1f lr %.4g train loss %.4f error %.2f%% "
                        + "test loss %.4f error %.2f%% %.0f images/s", row.iteration(), total, row.epoch(), row.lr(),
                row.trainLoss(), row.trainError(), row.testLoss(), row.testError(), row.imagesPerSecond());
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, " test error %.2f%%", row.testError()));
        } else {
            out.println(label + ": " + line);
            out.flush();
        }
    }

    @Override
    public void warning(String message) {
        out.println(label + ": warning: " + message);
        out.flush();
    }

    @Override
    public void finished(RunResult result) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        String status = result.outcome().status().label();
        String error = Double.isNaN(result.outcome().finalTestError()) ? ""
                : String.format(Locale.ROOT, ", final test error %.2f%%", result.outcome().finalTestError());
        out.println(label + ": " + (result.alreadyComplete() ? "already complete: " : "") + status + " at iteration "
                + result.outcome().iteration() + error
                + (result.outcome().detail().isEmpty() ? "" : " (" + result.outcome().detail() + ")")
                + metricsPointer(result));
        out.flush();
    }

    /** Where the run's metric rows are; a run that diverged before its first evaluation wrote none. */
    static String metricsPointer(RunResult result) {
        Path metrics = result.config().out().resolve(RunRecord.METRICS);
        return Files.isRegularFile(metrics) ? "; metrics in " + metrics
                : "; no metric row recorded (the run ended before its first evaluation)";
    }
}
