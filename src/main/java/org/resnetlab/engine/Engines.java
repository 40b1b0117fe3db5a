package org.resnetlab.engine;

import ai.djl.engine.Engine;

import java.util.Locale;

/**
 * The DJL engines the module trains on, and the one mapping from what a user types ({@code --engine pytorch},
 * {@code RESNETLAB_ENGINE=mxnet}) to DJL's engine name. {@code bin/java-env} keeps a shell copy of the mapping for
 * {@code RESNETLAB_ENGINE}, with a comment naming this class.
 */
public final class Engines {
    private Engines() {}

    public static final String MXNET = "MXNet";
    public static final String PYTORCH = "PyTorch";

    /** DJL's engine name for {@code name} (mxnet or pytorch, any case); {@code flag} names the option in the refusal. */
    public static String djlName(String name, String flag) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mxnet" -> MXNET;
            case "pytorch" -> PYTORCH;
            default -> throw new IllegalArgumentException(flag + " must be mxnet or pytorch, got '" + name + "'");
        };
    }

    /**
     * The DJL engine named {@code djlName}, or DJL's default for null. DJL resolves its default engine in a static
     * initialiser, so a default whose jars are missing (a build without that engine's profile) surfaces as an
     * {@link ExceptionInInitializerError}: refused here in one sentence instead.
     */
    public static Engine get(String djlName) {
        try {
            return djlName == null ? Engine.getInstance() : Engine.getEngine(djlName);
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("DJL cannot start the engine '" + (djlName != null ? djlName
                    : System.getProperty("ai.djl.default_engine", "default")) + "': its jars are not on the class path "
                    + "(build the module with both engines: mvn -Pboth package, as bin/resnetlab and make do)");
        }
    }
}
