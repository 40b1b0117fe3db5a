package org.resnetlab.train;

import java.nio.file.Path;

/**
 * The project folder and paths relative to it: what run.json, printed commands and tables record, so that nothing
 * committed names a folder of the machine that wrote it. The root is {@code RESNETLAB_HOME} (set by the kernelspec and
 * by {@code bin/resnetlab}), else the working directory, or its parent when that is {@code notebooks/}.
 */
public final class ProjectPaths {
    private ProjectPaths() {}

    public static final String HOME_VARIABLE = "RESNETLAB_HOME";

    public static Path root() {
        String home = System.getenv(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return cwd.getFileName() != null && cwd.getFileName().toString().equals("notebooks") ? cwd.getParent() : cwd;
    }

    /** {@code path} relative to {@link #root()} when inside it ("." for the root itself), else absolute. */
    public static String relative(Path path) {
        return relative(path, root());
    }

    public static String relative(Path path, Path root) {
        Path abs = path.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        return abs.startsWith(r) ? (abs.equals(r) ? "." : r.relativize(abs).toString()) : abs.toString();
    }
}
