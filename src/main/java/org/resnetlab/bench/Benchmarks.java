package org.resnetlab.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.resnetlab.data.Augmentation;
import org.resnetlab.data.DataSplits;
import org.resnetlab.data.HostBatch;
import org.resnetlab.data.Normalization;
import org.resnetlab.data.Synthetic;
import org.resnetlab.data.TrainingBatches;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.models.Models;
import org.resnetlab.train.MomentumSgd;
import org.resnetlab.train.Protocol;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunListener;
import org.resnetlab.train.TrainingRun;

/**
 * The measurements behind {@code resnetlab bench} (and {@code make bench}): training throughput through the
 * project's runner and through a bare DJL loop, the engine's sgemm peak, the input pipeline alone, and RSS over a
 * long run. Each method runs on the engine it is given, on the CPU, with synthetic CIFAR-shaped data (the speed
 * of a step does not depend on the pixels).
 */
public final class Benchmarks {
    private Benchmarks() {}

    /** Timed windows after a warm-up: {@code warmup + windows × steps} steps in all. */
    public record Plan(int warmup, int windows, int steps) {
        public int total() { return warmup + windows * steps; }
    }

    /** Phase times of the bare loop, ms per step (means over the timed steps). */
    public record Phases(double zeroMs, double forwardMs, double backwardMs, double stepMs) {}

    public record Bare(Windows rate, Phases phases) {}

    /** A synthetic training set big enough that batches do not repeat within a benchmark, plus a small test set. */
    public static DataSplits data(int trainImages) {
        return Synthetic.cifarLike(trainImages, 256, 7);
    }

    /** The same for {@code spec}'s input shape (3×32×32 CIFAR, 1×28×28 Fashion-MNIST, ...). */
    public static DataSplits data(int trainImages, ModelSpec spec) {
        return spec.inputChannels() == 3 && spec.imageSize() == 32 ? data(trainImages)
                : Synthetic.create(spec.classes(), trainImages, 256, spec.inputChannels(), spec.imageSize(), 7);
    }

    /** Training images/s through {@link TrainingRun} (data pipeline, metrics, listener; no evaluation inside windows). */
    public static Windows runner(String engine, ModelSpec spec, int batch, Plan plan, DataSplits data, Path scratch) {
        return runner(engine, spec, batch, plan, data, scratch, org.resnetlab.train.Precision.FP32);
    }

    /** The same in a given precision (bf16: convolutions and classifier in bfloat16, see train.Precision). */
    public static Windows runner(String engine, ModelSpec spec, int batch, Plan plan, DataSplits data, Path scratch,
                                 org.resnetlab.train.Precision precision) {
        long[] stamps = new long[plan.total() + 1];
        Path out = scratch.resolve("runner-" + engine + "-" + spec.depth() + "-" + spec.unit() + "-" + System.nanoTime());
        RunConfig config = RunConfig.of("synthetic", spec, out)
                .withProtocol(Protocol.paper().withBatchSize(batch).withIterations(plan.total()))
                .withEngine(engine).withEvalEvery(plan.total()).withTestLimit(batch).withPrecision(precision);
        try {
            TrainingRun.of(config).withData(data).withListener(new RunListener() {
                @Override
                public void started(RunConfig c, int startIteration, int iterations) {
                    stamps[0] = System.nanoTime();
                }

                @Override
                public void stepped(int iteration, double lr, double loss) {
                    stamps[iteration] = System.nanoTime();
                }
            }).run();
        } finally {
            deleteTree(out);
        }
        return Windows.fromStamps(stamps, plan.warmup(), plan.windows(), plan.steps(), batch);
    }

    /**
     * Training images/s in the smallest DJL loop: per step the batch becomes NDArrays in a sub-manager, gradients
     * are zeroed, forward, loss, backward, optimizer step. {@code labOptimizer} uses the project's MomentumSgd
     * instead of DJL's Sgd (same update rule).
     */
    public static Bare bare(String engine, ModelSpec spec, int batch, Plan plan, boolean labOptimizer) {
        Engine e = Engine.getEngine(engine);
        e.setRandomSeed(3);
        Shape shape = new Shape(batch, spec.inputChannels(), spec.imageSize(), spec.imageSize());
        float[] images = new float[(int) shape.size()];
        float[] labels = new float[batch];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(spec.classes());
        }
        Optimizer optimizer = labOptimizer
                ? MomentumSgd.builder().momentum(0.9f).learningRate(0.01f).optWeightDecays(1e-4f).build()
                : Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).optWeightDecays(1e-4f).build();
        long[] stamps = new long[plan.total() + 1];
        long[] phase = new long[4];
        Block block = Models.build(spec);
        try (Model model = Model.newInstance("bare", Device.cpu(), e.getEngineName())) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer).optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(shape);
                stamps[0] = System.nanoTime();
                for (int s = 1; s <= plan.total(); s++) {
                    boolean timed = s > plan.warmup();
                    long t0 = System.nanoTime();
                    long t1;
                    long t2;
                    long t3;
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        NDArray x = step.create(images, shape);
                        NDArray y = step.create(labels, new Shape(batch));
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            try (NDScope views = new NDScope()) {
                                views.suppressNotUsedWarning();
                                collector.zeroGradients();
                            }
                            t1 = System.nanoTime();
                            NDList predictions = trainer.forward(new NDList(x), new NDList(y));
                            NDArray loss = trainer.getLoss().evaluate(new NDList(y), predictions);
                            t2 = System.nanoTime();
                            collector.backward(loss);
                            t3 = System.nanoTime();
                        }
                        trainer.step();
                    }
                    long t4 = System.nanoTime();
                    stamps[s] = t4;
                    if (timed) {
                        phase[0] += t1 - t0;
                        phase[1] += t2 - t1;
                        phase[2] += t3 - t2;
                        phase[3] += t4 - t3;
                    }
                }
            }
        }
        double n = plan.windows() * plan.steps() * 1e6;
        return new Bare(Windows.fromStamps(stamps, plan.warmup(), plan.windows(), plan.steps(), batch),
                new Phases(phase[0] / n, phase[1] / n, phase[2] / n, phase[3] / n));
    }

    /** GFLOP/s of an n×n float32 matrix product on the engine (windows of {@code reps} products after 2 warm-ups). */
    public static Windows sgemm(String engine, int n, int windows, int reps) {
        Engine e = Engine.getEngine(engine);
        try (NDManager manager = e.newBaseManager(Device.cpu())) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = manager.randomUniform(-1, 1, new Shape(n, n));
            for (int i = 0; i < 2; i++) {
                try (NDManager scratch = manager.newSubManager()) {
                    scratch.tempAttachAll(a, b);
                    a.matMul(b).get(0, 0).getFloat();
                }
            }
            double[] rates = new double[windows];
            for (int w = 0; w < windows; w++) {
                long start = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    try (NDManager scratch = manager.newSubManager()) {
                        scratch.tempAttachAll(a, b);
                        a.matMul(b).get(0, 0).getFloat();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9 / reps;
                rates[w] = Flops.sgemmGflops(n, seconds);
            }
            return Windows.of(rates);
        }
    }

    /**
     * Images/s of the input pipeline alone (normalise → pad-4 crop + flip → batch, as the runner uses it), with
     * {@code threads} threads preparing distinct batches; windows of {@code batchesPerWindow} batches per thread.
     */
    public static Windows pipeline(DataSplits data, int batch, int threads, int windows, int batchesPerWindow) {
        Normalization normalization = Normalization.of(data.train());
        TrainingBatches batches = new TrainingBatches(data.train(), normalization, Augmentation.PAPER, batch, 5, 0,
                Integer.MAX_VALUE);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runOn(pool, threads, batchesPerWindow, batches, next); // warm-up (JIT)
            double[] rates = new double[windows];
            for (int w = 0; w < windows; w++) {
                long start = System.nanoTime();
                int count = runOn(pool, threads, batchesPerWindow, batches, next);
                rates[w] = (double) count * batch / ((System.nanoTime() - start) / 1e9);
            }
            return Windows.of(rates);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int runOn(ExecutorService pool, int threads, int perThread, TrainingBatches batches, AtomicInteger next) {
        List<Future<Long>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long sum = 0;
                for (int i = 0; i < perThread; i++) {
                    HostBatch b = batches.prepare(next.getAndIncrement());
                    sum += b.images().length;
                }
                return sum;
            }));
        }
        try {
            for (Future<Long> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("pipeline benchmark failed", e);
        }
        return threads * perThread;
    }

    /**
     * RSS after iteration {@code early} and after {@code late} of one long run through the runner (each read after a
     * full GC, so Java garbage does not count as growth), the Java heap in use at both points (MB), and the peak.
     */
    public record Memory(ProcStatus early, ProcStatus late, ProcStatus end, double heapEarlyMb, double heapLateMb,
                         String curve) {
        public double growthPercent() {
            return 100.0 * (late.rssKb() - early.rssKb()) / early.rssKb();
        }
    }

    private static double heapUsedMb() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1048576.0;
    }

    /**
     * One run of {@code late} iterations through the runner, evaluating and checkpointing every {@code early}
     * iterations; RSS is read right after each checkpoint (so both readings follow the same work: training steps,
     * an evaluation in batches of 250, a checkpoint), each after a full GC.
     */
    public static Memory memory(String engine, ModelSpec spec, int batch, int early, int late, DataSplits data,
                                Path scratch) {
        if (late % early != 0) {
            throw new IllegalArgumentException("the late reading (" + late + ") must be a multiple of the early one (" + early + ")");
        }
        ProcStatus[] seen = new ProcStatus[2];
        double[] heap = new double[2];
        StringBuilder curve = new StringBuilder();
        Path out = scratch.resolve("memory-" + engine + "-" + System.nanoTime());
        RunConfig config = RunConfig.of("synthetic", spec, out)
                .withProtocol(Protocol.paper().withBatchSize(batch).withIterations(late))
                .withEngine(engine).withEvalEvery(early).withTestLimit(256);
        try {
            TrainingRun.of(config).withData(data).withListener(new RunListener() {
                @Override
                public void checkpointed(int iteration) {
                    System.gc();
                    ProcStatus now = ProcStatus.read();
                    curve.append(iteration).append(':').append(Math.round(now.rssMb())).append(' ');
                    if (iteration == early || iteration == late) {
                        int at = iteration == early ? 0 : 1;
                        heap[at] = heapUsedMb();
                        seen[at] = now;
                    }
                }
            }).run();
        } finally {
            deleteTree(out);
        }
        return new Memory(seen[0], seen[1], ProcStatus.read(), heap[0], heap[1], curve.toString().trim());
    }

    /**
     * Starts PyTorch's profiler through DJL's JNI utilities (reflection: the MXNet-only build has no PyTorch
     * engine on its classpath). CPU ops with shapes, no memory profile.
     */
    public static void startTorchProfile() {
        torchJni("startProfile", new Class<?>[] {boolean.class, boolean.class, boolean.class}, false, true, false);
    }

    /** Stops the profiler and writes its Chrome trace. */
    public static void stopTorchProfile(Path trace) {
        torchJni("stopProfile", new Class<?>[] {String.class}, trace.toString());
    }

    private static void torchJni(String method, Class<?>[] types, Object... args) {
        try {
            Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod(method, types).invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PyTorch profiler unavailable (is the PyTorch engine on the classpath?)", e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
