package org.resnetlab.train;

import java.nio.file.Path;

/**
 * The training the SIGKILL test starts in a child JVM: prints one line per checkpoint and evaluation, slowed a
 * little per step so the parent can kill it between a metric row and the next checkpoint.
 * Arguments: out folder, iterations, milliseconds to sleep per step.
 */
public final class ResumeChild {
    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        int iterations = Integer.parseInt(args[1]);
        long sleep = Long.parseLong(args[2]);
        RunResult result = TrainingRun.of(TinyNets.config(out, iterations)).withModelFactory(TinyNets::build)
                .withData(TinyNets.data()).withListener(new RunListener() {
                    @Override
                    public void started(RunConfig config, int start, int total) {
                        System.out.println("started " + start);
                    }

                    @Override
                    public void stepped(int iteration, double lr, double loss) {
                        try {
                            Thread.sleep(sleep);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void evaluated(MetricRow row) {
                        System.out.println("evaluated " + row.iteration());
                    }

                    @Override
                    public void checkpointed(int iteration) {
                        System.out.println("checkpoint " + iteration);
                    }
                }).run();
        System.out.println("finished " + result.outcome().status() + " " + result.rows().size());
        System.exit(0);
    }
}
