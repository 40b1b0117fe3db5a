package org.resnetlab.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.translate.Batchifier;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.resnetlab.data.Augmentation;
import org.resnetlab.data.DataSplits;
import org.resnetlab.data.Datasets;
import org.resnetlab.data.HostBatch;
import org.resnetlab.data.ImageSet;
import org.resnetlab.data.Normalization;
import org.resnetlab.data.TrainingBatches;
import org.resnetlab.engine.Engines;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.models.Models;
import org.resnetlab.units.Autocast;

/**
 * One recorded, resumable training run. From a notebook cell:
 * <pre>{@code
 * RunResult r = TrainingRun.of(RunConfig.of("cifar10", ModelSpec.cifar(20, "original"), Path.of("../data/results/demo/r20"))
 *         .scaled(0.05)).run();
 * r.metrics()   // Tablesaw table: iteration, epoch, lr, train_loss, train_error, test_loss, test_error, ...
 * }</pre>
 * Running the same config again on the same folder resumes from its last checkpoint, or returns the recorded
 * result when the run is complete.
 */
public final class TrainingRun {
    private static final int EVAL_BATCH = 250;

    private final RunConfig config;
    private Function<ModelSpec, Block> modelFactory = Models::build;
    private Supplier<DataSplits> data;
    private RunListener listener = RunListener.NONE;
    /** Loss scaling forced on a run of any precision (tests: fp16 cannot run on a CPU); null = the precision's. */
    private LossScaler forcedScaler;

    private TrainingRun(RunConfig config) {
        this.config = config;
        this.data = () -> Datasets.load(config.dataset(), config.dataDir());
    }

    public static TrainingRun of(RunConfig config) {
        return new TrainingRun(config);
    }

    /** Builds the network some other way than {@link Models#build} (tests, notebooks trying a custom block). */
    public TrainingRun withModelFactory(Function<ModelSpec, Block> factory) {
        this.modelFactory = Objects.requireNonNull(factory);
        return this;
    }

    /** Trains on data already in memory instead of loading {@code config.dataset()}. */
    public TrainingRun withData(DataSplits splits) {
        this.data = () -> splits;
        return this;
    }

    /** Loss-scales this run whatever its precision (how tests check the fp16 step logic on a CPU). */
    TrainingRun withLossScaler(LossScaler scaler) {
        this.forcedScaler = Objects.requireNonNull(scaler);
        return this;
    }

    public TrainingRun withListener(RunListener l) {
        this.listener = Objects.requireNonNull(l);
        return this;
    }

    /**
     * The recorded result of {@code config} when its run is complete in {@code config.out()}, without training or
     * writing anything; empty when the folder holds no run or one still in progress.
     *
     * @throws IllegalStateException when the folder holds a different run
     */
    public static java.util.Optional<RunResult> recorded(RunConfig config) {
        if (!Files.isRegularFile(config.out().resolve(RunRecord.RUN))) {
            return java.util.Optional.empty();
        }
        try {
            Outcome outcome = RunRecord.open(config).outcome();
            return outcome == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new RunResult(config, outcome, RunRecord.readMetrics(config.out()), true));
        } catch (IOException e) {
            throw RunFolderException.io(config.out(), e);
        }
    }

    /**
     * Trains (or resumes, or reads back) the run. The folder is locked for the whole call: a second process or a
     * second run in this JVM on the same folder gets {@link RunFolderException.Busy}. Nonsense values are refused
     * before anything is written; damaged files and I/O failures are {@link RunFolderException}s of one sentence.
     */
    public RunResult run() {
        config.check();
        try {
            // a finished run is only read: no lock, so committed results in a read-only folder stay readable
            if (Files.isRegularFile(config.out().resolve(RunRecord.RUN))) {
                RunResult done = null;
                try {
                    done = recorded(RunRecord.open(config));
                } catch (IllegalStateException | RunFolderException.Damaged e) {
                    // another run's record, or one being written: decided under the lock, where "in use" comes first
                }
                if (done != null) {
                    return done;
                }
            }
            if (config.precision() != Precision.FP32) {
                // refused before the lock: a run that cannot train leaves no folder behind
                Engine e = engine();
                int gpus = (int) java.util.Arrays.stream(DeviceChoice.parse(config.devices(), e)).filter(Device::isGpu).count();
                Precision.unsupported(config.precision(), e.getEngineName(), Precision.cpuFlags(), gpus).ifPresent(why -> {
                    throw new IllegalArgumentException(why);
                });
            }
            try (RunLock lock = RunLock.acquire(config.out())) {
                return execute();
            }
        } catch (IOException e) {
            throw RunFolderException.io(config.out(), e);
        }
    }

    /** The recorded result when the run is finished, else null. */
    private RunResult recorded(RunRecord record) throws IOException {
        Outcome recorded = record.outcome();
        if (recorded == null) {
            return null;
        }
        RunResult done = new RunResult(config, recorded, RunRecord.readMetrics(config.out()), true);
        listener.finished(done);
        return done;
    }

    private RunResult execute() throws IOException {
        RunRecord record = RunRecord.open(config);
        RunResult done = recorded(record); // finished by another run between the check in run() and the lock
        if (done != null) {
            return done;
        }
        Protocol protocol = config.protocol();
        // the data before the engine: a refusal then comes before anything the engine prints, and before any write
        DataSplits splits = data.get();
        ImageSet train = splits.train();
        if (protocol.batchSize() > train.size()) {
            throw new IllegalArgumentException("batch size " + protocol.batchSize() + " is larger than the "
                    + train.size() + " training images of " + train.name() + "; choose a batch size of at most "
                    + train.size() + ".");
        }
        ImageSet test = config.testLimit() > 0 ? splits.test().head(config.testLimit()) : splits.test();
        Engine engine = engine();
        startNatively(engine);
        Device[] devices = DeviceChoice.parse(config.devices(), engine);
        if (protocol.batchSize() % devices.length != 0) {
            throw new IllegalArgumentException("batch size " + protocol.batchSize() + " does not split evenly over "
                    + devices.length + " devices");
        }
        Normalization normalization = Normalization.of(train);
        Shape inputShape = new Shape(protocol.batchSize() / devices.length, train.channels(), train.height(), train.width());

        engine.setRandomSeed((int) config.seed());
        Block block = modelFactory.apply(config.model());
        MomentumSgd optimizer = optimizer(protocol, devices.length);
        LossScaler scaler = forcedScaler != null ? forcedScaler
                : config.precision().lossScaled() ? LossScaler.dynamic() : null;
        try (Model model = Model.newInstance("run", devices[0], engine.getEngineName())) {
            model.setBlock(block);
            // Initialise (seeded) and, when resuming, load the checkpoint before the Trainer mirrors parameters to its devices.
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
            Checkpoint.Restored restored = Checkpoint.restoreNewest(config.out(), block, model.getNDManager(), optimizer,
                    scaler, devices);
            Checkpoint.Progress progress = restored.progress();
            final int startIteration = progress.iteration();
            List<MetricRow> recordedRows = RunRecord.readMetrics(config.out());
            checkResumable(record, restored, recordedRows);
            // rows after the checkpoint were written by the killed session and will be recomputed identically
            List<MetricRow> rows = new ArrayList<>();
            recordedRows.stream().filter(r -> r.iteration() <= startIteration).forEach(rows::add);
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer).optDevices(devices);
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(inputShape);
                record.addSession(RunEnvironment.capture(engine, devices, startIteration));
                RunResult result = loop(trainer, block, optimizer, scaler, train, test, normalization, progress, rows,
                        record);
                listener.finished(result);
                return result;
            }
        }
    }

    /** The engine this run trains on: the config's, else DJL's default. */
    private Engine engine() {
        return Engines.get(config.engine());
    }

    /**
     * MXNet starts its native engine on first use, printing a one-line banner to stderr; unstarted, it starts at
     * exit and the banner lands after our own messages. One tiny array now puts it first. No random draws.
     */
    private static void startNatively(Engine engine) {
        try (NDManager manager = engine.newBaseManager()) {
            manager.zeros(new Shape(1)).toFloatArray();
        }
    }

    /**
     * Metric rows must be covered by a checkpoint: the row of an evaluation is written just before that
     * iteration's checkpoint, so rows may run ahead of the newest checkpoint by at most one checkpoint interval.
     * Skipped (damaged, incomplete) checkpoints are reported; rows beyond the checkpoint resumed from are recomputed
     * (identically on a CPU); rows with no checkpoint left at all are refused, not silently dropped.
     */
    private void checkResumable(RunRecord record, Checkpoint.Restored restored, List<MetricRow> rows) {
        int total = config.protocol().iterations();
        int start = restored.progress().iteration();
        int interval = Math.max(config.checkpointEvery(), record.recordedCheckpointEvery());
        int lastRow = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).iteration();
        String from = restored.file() == null ? "the start" : "the checkpoint at iteration " + start;
        for (String skipped : restored.skipped()) {
            listener.warning(skipped + "; resuming from " + from + " instead.");
        }
        if (restored.file() == null && lastRow > Math.min(total, interval)) {
            throw new RunFolderException.Damaged(config.out().resolve(Checkpoint.FOLDER), config.out().resolve(RunRecord.METRICS)
                    + " has metric rows up to iteration " + lastRow + " but no usable checkpoint is left in "
                    + config.out().resolve(Checkpoint.FOLDER)
                    + (restored.skipped().isEmpty() ? "" : " (" + String.join("; ", restored.skipped()) + ")")
                    + "; restore the checkpoint files, or delete the run folder to start over.", null);
        }
        int seen = Math.max(start, restored.newestSeen());
        if (restored.file() != null && lastRow > Math.min(total, (seen / interval + 1) * interval)) {
            listener.warning("checkpoints after iteration " + start + " are missing from "
                    + config.out().resolve(Checkpoint.FOLDER) + "; resuming from iteration " + start
                    + " and recomputing the metric rows after it.");
        }
    }

    private RunResult loop(Trainer trainer, Block block, MomentumSgd optimizer, LossScaler scaler, ImageSet train,
                           ImageSet test,
                           Normalization normalization, Checkpoint.Progress progress, List<MetricRow> rows,
                           RunRecord record) throws IOException {
        Protocol protocol = config.protocol();
        LearningRateSchedule schedule = protocol.schedule();
        int total = protocol.iterations();
        int iteration = progress.iteration();
        double lossSum = progress.lossSum();
        double wrongSum = progress.wrongSum();
        long images = progress.images();
        double trainSeconds = progress.trainSeconds();
        double elapsedBefore = progress.elapsedSeconds();
        long sessionStart = System.nanoTime();
        listener.started(config, iteration, total);
        Augmentation augmentation = config.augment() ? Augmentation.PAPER : Augmentation.NONE;
        Device[] devices = trainer.getDevices();
        try (TrainingBatches batches = new TrainingBatches(train, normalization, augmentation, protocol.batchSize(),
                config.seed(), iteration, total)) {
            while (iteration < total) {
                HostBatch host = batches.next();
                float lr = schedule.getNewValue(iteration);
                optimizer.setLearningRate(lr);
                long stepStart = System.nanoTime();
                double batchLoss = 0;
                double batchWrong = 0;
                try (NDManager step = trainer.getManager().newSubManager();
                     Batch batch = toBatch(step, host)) {
                    Batch[] parts = devices.length == 1 ? new Batch[] {batch} : batch.split(devices, false);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        // PyTorch accumulates gradients across backward calls (DJL's own Sgd zeroes them, ours does
                        // not); the scope closes the gradient views zeroGradients leaves behind on MXNet
                        try (NDScope views = new NDScope()) {
                            views.suppressNotUsedWarning();
                            collector.zeroGradients();
                        }
                        for (Batch part : parts) {
                            NDList predictions = forward(trainer, part);
                            NDArray loss = trainer.getLoss().evaluate(part.getLabels(), predictions);
                            collector.backward(scaler == null ? loss : loss.mul(scaler.scale()));
                            batchLoss += loss.getFloat() * part.getSize();
                            batchWrong += wrong(predictions.singletonOrThrow(), part.getLabels().singletonOrThrow());
                        }
                    }
                    if (parts.length > 1) {
                        for (Batch part : parts) {
                            part.close();
                        }
                    }
                    if (scaler == null) {
                        trainer.step();
                    } else {
                        // GradScaler's step: unscale and update when every gradient is finite, else skip the update
                        boolean finite = finiteGradients(block);
                        if (finite) {
                            optimizer.setGradientUnscale(1f / scaler.scale());
                            trainer.step();
                        }
                        scaler.update(finite);
                    }
                }
                iteration++;
                trainSeconds += (System.nanoTime() - stepStart) / 1e9;
                double meanLoss = batchLoss / host.size();
                listener.stepped(iteration, lr, meanLoss);
                if (!Double.isFinite(meanLoss)) {
                    Outcome outcome = Outcome.diverged(iteration, meanLoss);
                    record.finish(outcome);
                    return new RunResult(config, outcome, rows, false);
                }
                lossSum += batchLoss;
                wrongSum += batchWrong;
                images += host.size();
                boolean last = iteration == total;
                if (iteration % config.evalEvery() == 0 || last) {
                    double[] testResult = evaluate(trainer, test, normalization);
                    double elapsed = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
                    MetricRow row = new MetricRow(iteration, TrainingBatches.epoch(iteration, protocol.batchSize(), train.size()),
                            Double.parseDouble(Float.toString(lr)), lossSum / images, 100 * wrongSum / images, testResult[0], testResult[1],
                            images / Math.max(trainSeconds, 1e-9), elapsed);
                    rows.add(row);
                    RunRecord.writeMetrics(config.out(), rows);
                    listener.evaluated(row);
                    lossSum = 0;
                    wrongSum = 0;
                    images = 0;
                    trainSeconds = 0;
                }
                if (iteration % config.checkpointEvery() == 0 || last) {
                    double elapsed = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
                    Checkpoint.save(config.out(), new Checkpoint.Progress(iteration, lossSum, wrongSum, images,
                            trainSeconds, elapsed), block, optimizer, scaler);
                    listener.checkpointed(iteration);
                }
            }
        }
        if (scaler != null && scaler.skipped() > 0) {
            listener.warning(scaler.skipped() + " of " + total + " steps were skipped because their loss-scaled "
                    + "gradients overflowed (loss scale now " + scaler.scale() + ").");
        }
        Outcome outcome = Outcome.atEnd(total, rows.get(rows.size() - 1).testError());
        record.finish(outcome);
        return new RunResult(config, outcome, rows, false);
    }

    /**
     * The protocol's optimizer for training on {@code deviceCount} devices. Each device's loss is the mean over
     * its share of the batch and DJL sums the devices' gradients, so 1/devices turns the sum into the average.
     */
    static MomentumSgd optimizer(Protocol protocol, int deviceCount) {
        return MomentumSgd.builder().momentum(protocol.momentum()).learningRate(protocol.schedule().getNewValue(0))
                .optWeightDecays(protocol.weightDecay()).setRescaleGrad(1f / deviceCount).build();
    }

    /**
     * True when no gradient of {@code block} holds an inf or NaN (one device: the parameters' own gradients are the
     * whole of it): the sum of their squares is finite. Squares, not values, so nothing cancels; they overflow
     * float32 only for a gradient norm above 1.8e19, which fp16 gradients (each at most 65504) cannot reach. One
     * reduction per parameter, one value read back.
     */
    static boolean finiteGradients(Block block) {
        NDArray total = null;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Parameter parameter : block.getParameters().values()) {
                NDArray weight = parameter.getArray();
                if (weight.hasGradient()) {
                    NDArray sum = weight.getGradient().square().sum();
                    total = total == null ? sum : total.add(sum);
                }
            }
            return total == null || Float.isFinite(total.getFloat());
        }
    }

    /** The training forward pass, in the run's precision (fp32: DJL's forward, untouched). */
    private NDList forward(Trainer trainer, Batch part) {
        try (Autocast scope = autocast(trainer)) {
            return trainer.forward(part.getData(), part.getLabels());
        }
    }

    /** The casting scope of a bf16 or fp16 run; null (no scope, nothing changes) for fp32. */
    private Autocast autocast(Trainer trainer) {
        String engine = trainer.getManager().getEngine().getEngineName();
        return switch (config.precision()) {
            case FP32 -> null;
            case BF16 -> Autocast.bf16(engine);
            case FP16 -> Autocast.fp16(engine);
        };
    }

    private static Batch toBatch(NDManager manager, HostBatch host) {
        NDArray x = manager.create(host.images(), new Shape(host.size(), host.channels(), host.height(), host.width()));
        NDArray y = manager.create(host.labels(), new Shape(host.size()));
        return new Batch(manager, new NDList(x), new NDList(y), host.size(), Batchifier.STACK, Batchifier.STACK, 0, 0);
    }

    /** Misclassified images in a batch. */
    private static double wrong(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(DataType.INT64, false).neq(labels.toType(DataType.INT64, false)).sum().toType(DataType.FLOAT32, false).getFloat();
    }

    /** Mean loss and error (%) over the test set, in inference mode (BN running statistics). */
    private double[] evaluate(Trainer trainer, ImageSet test, Normalization normalization) {
        double lossSum = 0;
        double wrongSum = 0;
        Device[] devices = trainer.getDevices();
        int chunk = EVAL_BATCH - EVAL_BATCH % devices.length;
        for (int start = 0; start < test.size(); start += chunk) {
            HostBatch host = TrainingBatches.slice(test, normalization, start, chunk);
            try (NDManager manager = trainer.getManager().newSubManager();
                 Batch batch = toBatch(manager, host)) {
                Batch[] parts = devices.length == 1 || host.size() % devices.length != 0
                        ? new Batch[] {batch} : batch.split(devices, false);
                for (Batch part : parts) {
                    NDList predictions;
                    try (Autocast scope = autocast(trainer)) {
                        predictions = trainer.evaluate(part.getData());
                    }
                    NDArray loss = trainer.getLoss().evaluate(part.getLabels(), predictions);
                    lossSum += loss.getFloat() * part.getSize();
                    wrongSum += wrong(predictions.singletonOrThrow(), part.getLabels().singletonOrThrow());
                }
            }
        }
        return new double[] {lossSum / test.size(), 100 * wrongSum / test.size()};
    }
}
