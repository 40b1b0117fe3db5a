package org.resnetlab.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.resnetlab.models.ModelSpec;

/**
 * Everything that determines one run. Build with {@link #builder} (or {@link #of} for the defaults) and change one
 * field with {@link #toBuilder} or a {@code with…} method. Two runs with equal {@link #identity()} produce the same numbers on CPU.
 *
 * @param dataset         cifar10, cifar100, fashion-mnist or synthetic
 * @param dataDir         the user's archive or folder; null = the download cache
 * @param model           the network
 * @param protocol        optimiser and schedule
 * @param seed            seeds initialisation, data order and augmentation
 * @param engine          DJL engine name (MXNet, PyTorch); null = DJL's default
 * @param devices         cpu, gpu (all), gpu:0,1
 * @param evalEvery       iterations between evaluations (a metric row each); 0 = 1/64 of the run
 * @param checkpointEvery iterations between checkpoints; 0 = the evaluation interval
 * @param testLimit       evaluate on the first N test images (0 = all)
 * @param augment         the paper's pad-4 crop + flip
 * @param out             the run's folder: metrics.csv, run.json, checkpoint/
 * @param precision       fp32 (default), or bf16 / fp16 mixed precision for convolutions and the classifier
 */
public record RunConfig(String dataset, Path dataDir, ModelSpec model, Protocol protocol, long seed, String engine,
                        String devices, int evalEvery, int checkpointEvery, int testLimit, boolean augment, Path out,
                        Precision precision) {

    public RunConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(out, "out");
        devices = devices == null ? "cpu" : devices;
        evalEvery = Math.max(0, evalEvery);
        checkpointEvery = Math.max(0, checkpointEvery);
        precision = precision == null ? Precision.FP32 : precision;
    }

    /**
     * Refuses values no training can mean (one sentence each), before a run writes anything: a NaN, infinite,
     * negative or zero learning rate, momentum outside [0, 1), negative weight decay or warm-up, and the like.
     */
    public void check() {
        Protocol p = protocol;
        positive("learning rate", p.learningRate());
        positive("warm-up learning rate", p.warmupRate());
        positive("learning-rate drop factor", p.dropFactor());
        if (!(p.momentum() >= 0 && p.momentum() < 1)) {
            throw new IllegalArgumentException("momentum must be at least 0 and below 1, got " + p.momentum());
        }
        if (!(p.weightDecay() >= 0) || !Float.isFinite(p.weightDecay())) {
            throw new IllegalArgumentException("weight decay must be a finite number of at least 0, got " + p.weightDecay());
        }
        if (p.warmupIterations() < 0) {
            throw new IllegalArgumentException("warm-up iterations must be at least 0, got " + p.warmupIterations());
        }
        for (int drop : p.dropsAt()) {
            if (drop < 0) {
                throw new IllegalArgumentException("learning-rate drops must be at iterations of at least 0, got " + p.dropsAt());
            }
        }
        if (testLimit < 0) {
            throw new IllegalArgumentException("test limit must be at least 0 (0 = the whole test set), got " + testLimit);
        }
    }

    private static void positive(String what, float value) {
        if (!(value > 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number above 0, got " + value);
        }
    }

    /** Iterations between metric rows; 0 in the record means the default, 1/64 of the run. */
    @Override
    public int evalEvery() {
        return evalEvery > 0 ? evalEvery : Math.max(1, protocol.iterations() / 64);
    }

    /** Iterations between checkpoints; 0 in the record means the default, the evaluation interval. */
    @Override
    public int checkpointEvery() {
        return checkpointEvery > 0 ? checkpointEvery : evalEvery();
    }

    /** The paper's protocol on {@code dataset} for {@code model}, seed 0, CPU, recorded in {@code out}. */
    public static RunConfig of(String dataset, ModelSpec model, Path out) {
        return builder(dataset, model, out).build();
    }

    /**
     * A run built field by field, from the defaults of {@link #of}: the paper's protocol, seed 0, DJL's default engine,
     * CPU, evaluation and checkpoint intervals by default (0), the whole test set, augmentation on, fp32.
     */
    public static Builder builder(String dataset, ModelSpec model, Path out) {
        return new Builder(dataset, model, out);
    }

    /** A builder holding this run's fields, to change some of them. */
    public Builder toBuilder() {
        return new Builder(dataset, model, out).dataDir(dataDir).protocol(protocol).seed(seed).engine(engine)
                .devices(devices).evalEvery(evalEvery).checkpointEvery(checkpointEvery).testLimit(testLimit)
                .augment(augment).precision(precision);
    }

    /** The fields of a {@link RunConfig}, set by name; {@link #build} checks nothing beyond the record's rules. */
    public static final class Builder {
        private String dataset;
        private Path dataDir;
        private ModelSpec model;
        private Protocol protocol = Protocol.paper();
        private long seed;
        private String engine;
        private String devices = "cpu";
        private int evalEvery;
        private int checkpointEvery;
        private int testLimit;
        private boolean augment = true;
        private Path out;
        private Precision precision = Precision.FP32;

        private Builder(String dataset, ModelSpec model, Path out) {
            this.dataset = dataset;
            this.model = model;
            this.out = out;
        }

        public Builder dataset(String v) { dataset = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder model(ModelSpec v) { model = v; return this; }
        public Builder protocol(Protocol v) { protocol = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder engine(String v) { engine = v; return this; }
        public Builder devices(String v) { devices = v; return this; }
        /** Raw: 0 means the default interval ({@link RunConfig#evalEvery()}). */
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        /** Raw: 0 means the default interval ({@link RunConfig#checkpointEvery()}). */
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder testLimit(int v) { testLimit = v; return this; }
        public Builder augment(boolean v) { augment = v; return this; }
        public Builder out(Path v) { out = v; return this; }
        public Builder precision(Precision v) { precision = v; return this; }

        public RunConfig build() {
            return new RunConfig(dataset, dataDir, model, protocol, seed, engine, devices, evalEvery, checkpointEvery,
                    testLimit, augment, out, precision);
        }
    }

    public RunConfig withDataDir(Path dir) { return toBuilder().dataDir(dir).build(); }
    public RunConfig withProtocol(Protocol p) { return toBuilder().protocol(p).build(); }
    public RunConfig withSeed(long s) { return toBuilder().seed(s).build(); }
    public RunConfig withEngine(String e) { return toBuilder().engine(e).build(); }
    public RunConfig withDevices(String d) { return toBuilder().devices(d).build(); }
    public RunConfig withEvalEvery(int n) { return toBuilder().evalEvery(n).build(); }
    public RunConfig withCheckpointEvery(int n) { return toBuilder().checkpointEvery(n).build(); }
    public RunConfig withTestLimit(int n) { return toBuilder().testLimit(n).build(); }
    public RunConfig withAugment(boolean a) { return toBuilder().augment(a).build(); }
    public RunConfig withOut(Path o) { return toBuilder().out(o).build(); }
    public RunConfig withPrecision(Precision p) { return toBuilder().precision(p).build(); }
    /** Shorthand for {@code withProtocol(protocol().scaled(scale))}. */
    public RunConfig scaled(double scale) { return withProtocol(protocol.scaled(scale)); }
    public RunConfig withIterations(int n) { return withProtocol(protocol.withIterations(n)); }

    /**
     * What makes the numbers: every field except where the data and the outputs live and the checkpoint
     * interval. A rerun with the same --out must match it to resume. The precision is a field only when it is
     * not fp32, so every fp32 run keeps the identity it was recorded with (and resuming refuses a change).
     */
    public Map<String, Object> identity() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dataset", dataset);
        map.put("depth", model.depth());
        map.put("unit", model.unit());
        map.put("body", body());
        map.put("classes", model.classes());
        map.put("input_channels", model.inputChannels());
        map.put("image_size", model.imageSize());
        map.put("shortcut", model.shortcut().name());
        map.put("zero_init_last_bn", model.zeroInitLastBn());
        map.put("width", model.width());
        map.put("iterations", protocol.iterations());
        map.put("batch_size", protocol.batchSize());
        map.put("learning_rate", protocol.learningRate());
        map.put("warmup_rate", protocol.warmupRate());
        map.put("warmup_iterations", protocol.warmupIterations());
        map.put("lr_drops_at", protocol.dropsAt());
        map.put("lr_drop_factor", protocol.dropFactor());
        map.put("momentum", protocol.momentum());
        map.put("weight_decay", protocol.weightDecay());
        map.put("seed", seed);
        map.put("engine", engine);
        map.put("devices", devices);
        map.put("eval_every", evalEvery());
        map.put("test_limit", testLimit);
        map.put("augment", augment);
        if (precision != Precision.FP32) {
            map.put("precision", precision.label());
        }
        return map;
    }

    /** basic or bottleneck: the spec's body, else the one its depth resolves to (null if it resolves to none). */
    private String body() {
        if (model.body() != null) {
            return model.body().name().toLowerCase();
        }
        try {
            return org.resnetlab.models.Depths.resolve(model.depth(), null).body().name().toLowerCase();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@link #identity()} plus the paths and checkpoint interval: what run.json records. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = identity();
        map.put("precision", precision.label());
        map.put("warmup_rule", protocol.warmupRule());
        map.put("checkpoint_every", checkpointEvery());
        map.put("data_dir", dataDir == null ? null : ProjectPaths.relative(dataDir));
        map.put("out", ProjectPaths.relative(out));
        return map;
    }
}
