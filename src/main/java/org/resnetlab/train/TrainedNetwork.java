package org.resnetlab.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.resnetlab.engine.Engines;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.models.Models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A network as a recorded run left it: built from the run's {@link RunConfig#model()} by {@link Models#network},
 * initialised, then loaded with the parameters (BN running statistics included) of the run's last checkpoint
 * ({@link Checkpoint}, written at the end of every run). For probes and lesion studies on trained networks. Close it
 * to free its arrays.
 *
 * <pre>{@code
 * try (TrainedNetwork t = TrainedNetwork.load(result.config())) {
 *     Lesion.study(t.net(), t.data().test(), t.data().normalization(), t.manager());
 * }
 * }</pre>
 */
public final class TrainedNetwork implements AutoCloseable {
    private final RunConfig config;
    private final Model model;
    private final CifarResNet net;
    private final int iteration;
    private RunData data;

    private TrainedNetwork(RunConfig config, Model model, CifarResNet net, int iteration) {
        this.config = config;
        this.model = model;
        this.net = net;
        this.iteration = iteration;
    }

    /** True when the run folder holds a checkpoint to load (checkpoints are not committed with the results). */
    public static boolean available(RunConfig config) {
        return Checkpoint.exists(config.out());
    }

    /**
     * Loads the run's last checkpoint into a freshly built network, on the CPU of the run's engine.
     *
     * @throws IllegalStateException when the folder has no checkpoint (say how to get one)
     */
    public static TrainedNetwork load(RunConfig config) {
        if (!available(config)) {
            throw new IllegalStateException("no checkpoint in " + config.out() + " (checkpoints are not committed): "
                    + "run the experiment on this machine to train the network (delete the run folder to retrain it)");
        }
        Engine engine = Engines.get(config.engine());
        Model model = Model.newInstance("trained", Device.cpu(), engine.getEngineName());
        try {
            CifarResNet net = Models.network(config.model());
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, Models.inputShape(config.model()));
            Checkpoint.Progress progress = Checkpoint.restore(config.out(), net, model.getNDManager(), null,
                    new Device[] {Device.cpu()});
            return new TrainedNetwork(config, model, net, progress.iteration());
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("loading the checkpoint of " + config.out() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public CifarResNet net() {
        return net;
    }

    public RunConfig config() {
        return config;
    }

    /** The iteration the checkpoint was written at (the run's last for a completed run). */
    public int iteration() {
        return iteration;
    }

    /** The manager owning the parameters; probes' arrays can live in its sub-managers. */
    public NDManager manager() {
        return model.getNDManager();
    }

    /** The run's test images and standardisation (loaded on first use). */
    public RunData data() {
        if (data == null) {
            data = RunData.of(config);
        }
        return data;
    }

    /**
     * The run's network as it was before its first update: built and initialised the way {@link TrainingRun} does
     * (engine seeded with the run's seed, then {@code initialize}), so the weights are the run's initial weights.
     */
    public static CifarResNet atInitialisation(RunConfig config, NDManager manager) {
        Engine engine = Engines.get(config.engine());
        engine.setRandomSeed((int) config.seed());
        CifarResNet net = Models.network(config.model());
        net.initialize(manager, DataType.FLOAT32, new Shape(config.protocol().batchSize(),
                config.model().inputChannels(), config.model().imageSize(), config.model().imageSize()));
        return net;
    }

    /** Input shape of one image of the run's dataset, (1, C, H, W). */
    public Shape inputShape() {
        return Models.inputShape(config.model());
    }

    @Override
    public void close() {
        model.close();
    }
}
