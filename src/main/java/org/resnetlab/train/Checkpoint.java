package org.resnetlab.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything a run needs to continue as if never stopped: parameters (with BN running statistics), optimizer
 * velocities, the iteration (which fixes the lr position and, through {@code TrainingBatches}, the data order and
 * augmentation draws), and the partial sums of the metric row in progress.
 *
 * <p>Each checkpoint is {@code checkpoint/state-<iteration>.bin} with its SHA-256 in
 * {@code state-<iteration>.bin.sha256} ({@code sha256sum -c} reads it). Both are written atomically, the checksum
 * last, and the previous checkpoint is kept until a new one is complete, so there is always one whole, verified
 * checkpoint; resuming takes the newest one whose checksum matches and reports the ones it skipped. A
 * {@code checkpoint/state.bin} of an older version (no checksum) is still read when nothing newer exists.
 */
public final class Checkpoint {
    public static final String FOLDER = "checkpoint";
    /** The single unverified checkpoint file of earlier versions. */
    public static final String LEGACY_FILE = FOLDER + "/state.bin";
    private static final String MAGIC = "resnetlab-checkpoint-1";
    private static final Pattern NAME = Pattern.compile("state-(\\d{8})\\.bin");
    private static final String CHECKSUM = ".sha256";
    /** Verified checkpoints kept: the newest and the one before it. */
    private static final int KEEP = 2;

    /** Sums since the last metric row, and the run's total elapsed time. */
    public record Progress(int iteration, double lossSum, double wrongSum, long images, double trainSeconds,
                           double elapsedSeconds) {}

    /**
     * What resuming found: the progress loaded (iteration 0 when nothing was loaded), the file it came from (null
     * then), the newest iteration any checkpoint file claims (-1 when there is none) and one sentence per file skipped.
     */
    public record Restored(Progress progress, Path file, int newestSeen, List<String> skipped) {}

    private Checkpoint() {}

    /** The checkpoint file of {@code iteration}. */
    public static Path file(Path runFolder, int iteration) {
        return runFolder.resolve(FOLDER).resolve(String.format("state-%08d.bin", iteration));
    }

    /** True when the run folder holds any checkpoint file (verified or not). */
    public static boolean exists(Path runFolder) {
        return !candidates(runFolder).isEmpty() || Files.isRegularFile(runFolder.resolve(LEGACY_FILE));
    }

    /** Deletes every checkpoint of the run (e.g. to show what a fresh clone without checkpoints does). */
    public static void delete(Path runFolder) throws IOException {
        for (Path file : candidates(runFolder)) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(checksumFile(file));
        }
        Files.deleteIfExists(runFolder.resolve(LEGACY_FILE));
    }

    /**
     * Writes the checkpoint of {@code progress.iteration()} (with the loss scaler's state after the optimizer's for
     * fp16 runs; {@code scaler} null otherwise), then drops all but the newest {@value #KEEP}.
     */
    public static void save(Path runFolder, Progress progress, Block block, MomentumSgd optimizer, LossScaler scaler)
            throws IOException {
        Path file = file(runFolder, progress.iteration());
        Files.deleteIfExists(checksumFile(file)); // a stale checksum of an earlier attempt must not vouch for this one
        MessageDigest sha = sha256();
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(stream, sha));
            out.writeUTF(MAGIC);
            out.writeInt(progress.iteration());
            out.writeDouble(progress.lossSum());
            out.writeDouble(progress.wrongSum());
            out.writeLong(progress.images());
            out.writeDouble(progress.trainSeconds());
            out.writeDouble(progress.elapsedSeconds());
            block.saveParameters(out);
            optimizer.saveState(out, block);
            if (scaler != null) {
                scaler.save(out);
            }
            out.flush();
        });
        AtomicFiles.writeString(checksumFile(file), HexFormat.of().formatHex(sha.digest()) + "  " + file.getFileName() + "\n");
        List<Path> all = candidates(runFolder);
        for (Path old : all.subList(0, Math.max(0, all.size() - KEEP))) {
            Files.deleteIfExists(old); // the file first: a checksum without its file is ignored, the reverse is not
            Files.deleteIfExists(checksumFile(old));
        }
        Files.deleteIfExists(runFolder.resolve(LEGACY_FILE));
    }

    /** The progress record of the newest verified checkpoint (e.g. to report how far a run got). */
    public static Progress readProgress(Path runFolder) throws IOException {
        for (Path file : newestFirst(runFolder)) {
            if (problem(file) == null) {
                try (DataInputStream in = open(file)) {
                    return readHeader(in, file);
                }
            }
        }
        throw new RunFolderException.Damaged(runFolder.resolve(FOLDER), "No verified checkpoint in "
                + runFolder.resolve(FOLDER) + "; run the training there again to write one.", null);
    }

    /**
     * Loads the newest verified checkpoint into an initialised {@code block} and its velocities into
     * {@code optimizer} (may be null); throws when the folder has checkpoint files but none is usable.
     */
    public static Progress restore(Path runFolder, Block block, NDManager manager, MomentumSgd optimizer,
                                   Device[] devices) throws IOException {
        Restored restored = restoreNewest(runFolder, block, manager, optimizer, null, devices);
        if (restored.file() == null) {
            throw new RunFolderException.Damaged(runFolder.resolve(FOLDER), restored.skipped().isEmpty()
                    ? "No checkpoint in " + runFolder.resolve(FOLDER) + "; run the training there to write one."
                    : "No usable checkpoint in " + runFolder.resolve(FOLDER) + ": " + String.join("; ", restored.skipped())
                            + ".", null);
        }
        return restored.progress();
    }

    /**
     * Loads the newest checkpoint whose checksum matches, skipping (and naming) damaged or incomplete ones; with no
     * usable checkpoint nothing is loaded and the progress is iteration 0. {@code scaler} (fp16 runs, else null)
     * gets the loss scale saved after the optimizer state.
     */
    public static Restored restoreNewest(Path runFolder, Block block, NDManager manager, MomentumSgd optimizer,
                                         LossScaler scaler, Device[] devices) throws IOException {
        List<String> skipped = new ArrayList<>();
        List<Path> files = newestFirst(runFolder);
        int newestSeen = files.isEmpty() ? -1 : iterationOf(files.get(0));
        for (Path file : files) {
            String problem = problem(file);
            if (problem != null) {
                skipped.add(problem);
                continue;
            }
            try (DataInputStream in = open(file)) {
                Progress progress = readHeader(in, file);
                block.loadParameters(manager, in);
                if (optimizer != null) {
                    optimizer.loadState(in, block, devices);
                    if (scaler != null) {
                        scaler.load(in);
                    }
                }
                return new Restored(progress, file, Math.max(newestSeen, progress.iteration()), skipped);
            } catch (MalformedModelException | RuntimeException | IOException e) {
                // verified files hold what was saved, so this is another network's checkpoint; the legacy file is
                // unverified and may be damaged. Either way the block may be half loaded: no falling back past it.
                throw new RunFolderException.Damaged(file, "Checkpoint " + file + " cannot be loaded into this network ("
                        + describe(e) + "); delete the run folder to start over.", e);
            }
        }
        return new Restored(new Progress(0, 0, 0, 0, 0, 0), null, newestSeen, skipped);
    }

    /** Checkpoint files, newest first; the legacy file (iteration unknown from its name) last. */
    private static List<Path> newestFirst(Path runFolder) {
        List<Path> files = new ArrayList<>(candidates(runFolder));
        java.util.Collections.reverse(files);
        Path legacy = runFolder.resolve(LEGACY_FILE);
        if (Files.isRegularFile(legacy)) {
            files.add(legacy);
        }
        return files;
    }

    /** The run's {@code state-<iteration>.bin} files, oldest first. */
    private static List<Path> candidates(Path runFolder) {
        Path folder = runFolder.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f))
                    .sorted(Comparator.comparingInt(Checkpoint::iterationOf)).toList();
        } catch (IOException e) {
            throw RunFolderException.io(runFolder, e);
        }
    }

    private static int iterationOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Path checksumFile(Path file) {
        return file.resolveSibling(file.getFileName() + CHECKSUM);
    }

    /** Why a checkpoint file cannot be used (one clause naming it), or null when its checksum matches. */
    private static String problem(Path file) throws IOException {
        if (iterationOf(file) < 0) {
            return null; // the legacy file has no checksum: read as is
        }
        Path sum = checksumFile(file);
        if (!Files.isRegularFile(sum)) {
            return file + " has no checksum file (its save was interrupted)";
        }
        String recorded = Files.readString(sum, StandardCharsets.UTF_8).strip().split("\\s+")[0];
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        return actual.equalsIgnoreCase(recorded) ? null : file + " does not match its SHA-256 (damaged)";
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    private static Progress readHeader(DataInputStream in, Path file) throws IOException {
        String magic = in.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException("it does not start like a resnetlab checkpoint");
        }
        return new Progress(in.readInt(), in.readDouble(), in.readDouble(), in.readLong(), in.readDouble(), in.readDouble());
    }

    private static String describe(Exception e) {
        if (e instanceof java.io.EOFException) {
            return "the file ends early";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
