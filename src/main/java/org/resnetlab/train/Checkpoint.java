package org.resnetlab.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything a run needs to continue as if never stopped: parameters (with BN running statistics), optimizer
 * velocities, the iteration (which fixes the lr position and, through {@code TrainingBatches}, the data order and
 * augmentation draws), and the partial sums of the metric row in progress. Written atomically.
 */
public final class Checkpoint {
    public static final String FILE = "checkpoint/state.bin";
    private static final String MAGIC = "resnetlab-checkpoint-1";

    /** Sums since the last metric row, and the run's total elapsed time. */
    public record Progress(int iteration, double lossSum, double wrongSum, long images, double trainSeconds,
                           double elapsedSeconds) {}

    private Checkpoint() {}

    public static Path file(Path runFolder) {
        return runFolder.resolve(FILE);
    }

    public static void save(Path runFolder, Progress progress, Block block, MomentumSgd optimizer) throws IOException {
        AtomicFiles.write(file(runFolder), stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeUTF(MAGIC);
            out.writeInt(progress.iteration());
            out.writeDouble(progress.lossSum());
            out.writeDouble(progress.wrongSum());
            out.writeLong(progress.images());
            out.writeDouble(progress.trainSeconds());
            out.writeDouble(progress.elapsedSeconds());
            block.saveParameters(out);
            optimizer.saveState(out, block);
            out.flush();
        });
    }

    /** Reads only the progress record (e.g. to report how far a run got). */
    public static Progress readProgress(Path runFolder) throws IOException {
        try (DataInputStream in = open(runFolder)) {
            return readHeader(in, runFolder);
        }
    }

    /** Loads parameters into an initialised {@code block} and velocities into {@code optimizer}. */
    public static Progress restore(Path runFolder, Block block, NDManager manager, MomentumSgd optimizer,
                                   Device[] devices) throws IOException {
        try (DataInputStream in = open(runFolder)) {
            Progress progress = readHeader(in, runFolder);
            block.loadParameters(manager, in);
            if (optimizer != null) {
                optimizer.loadState(in, block, devices);
            }
            return progress;
        } catch (MalformedModelException e) {
            throw new IOException("checkpoint " + file(runFolder) + " does not fit this network (" + e.getMessage()
                    + "); delete the run folder to start over", e);
        }
    }

    private static DataInputStream open(Path runFolder) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file(runFolder)), 1 << 16));
    }

    private static Progress readHeader(DataInputStream in, Path runFolder) throws IOException {
        String magic = in.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException(file(runFolder) + " is not a resnetlab checkpoint; delete it to start over");
        }
        return new Progress(in.readInt(), in.readDouble(), in.readDouble(), in.readLong(), in.readDouble(), in.readDouble());
    }
}
