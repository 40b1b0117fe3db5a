package org.resnetlab.cli;

import org.resnetlab.models.CifarResNet;
import org.resnetlab.models.Depths;
import org.resnetlab.units.Cost;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.units.Body;
import org.resnetlab.units.ShortcutOption;
import org.resnetlab.models.Models;
import org.resnetlab.units.ResidualUnits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code resnetlab describe --depth 110 --unit full-preact}: the network a spec builds, its trainable parameters
 * and forward multiply-accumulates per image, counted from the structure (nothing is allocated).
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Print a CIFAR ResNet's layout, trainable parameters and forward MACs per image.")
public final class DescribeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--depth", required = true, description = "weighted layers: 6n+2 (basic) or 9n+2 (bottleneck)")
    int depth;

    @Option(names = "--unit", defaultValue = "original", description = "residual unit (default: ${DEFAULT-VALUE}); "
            + "one of: original, bn-after-addition, relu-before-addition, relu-only-preact, full-preact, "
            + "constant-scaling[:S[/R]], exclusive-gating[:B], shortcut-only-gating[:B], conv-shortcut, "
            + "dropout-shortcut[:P], plain")
    String unit;

    @Option(names = "--classes", defaultValue = "10", description = "output classes (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--body", description = "basic|bottleneck (default: basic for 6n+2 depths, bottleneck for 1001; "
            + "required for 164)")
    String body;

    @Option(names = "--shortcut", description = "A|B where the width grows (default: A for basic, B for bottleneck "
            + "bodies, as in the papers)")
    String shortcut;

    @Option(names = "--width", defaultValue = "1", description = "width multiplier k: stages of 16k/32k/64k channels "
            + "(default: ${DEFAULT-VALUE}, the papers')")
    double width;

    @Option(names = "--input", defaultValue = "3x32x32", description = "CxHxW of one image, square (default: "
            + "${DEFAULT-VALUE}; Fashion-MNIST: 1x28x28)")
    String input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelSpec modelSpec = toSpec();
        CifarResNet net = Models.network(modelSpec);
        Cost cost = net.cost(Models.inputShape(modelSpec));
        out.println("ResNet-" + modelSpec.depth() + ": " + net.layout().body().name().toLowerCase(Locale.ROOT)
                + " body, unit " + net.unitType().name() + " " + net.unitType().reference() + ", option "
                + modelSpec.shortcut() + ", " + modelSpec.classes() + " classes, input "
                + modelSpec.inputChannels() + "x" + modelSpec.imageSize() + "x" + modelSpec.imageSize());
        int[] w = modelSpec.stageWidths();
        out.println("width: x" + ModelSpec.widthLabel(modelSpec.width()) + " (stages of " + w[0] + "/" + w[1] + "/" + w[2]
                + " channels" + (modelSpec.width() == 1.0 ? ", the papers'" : "") + ")");
        out.println("units: " + net.units().size() + " (3 stages x " + net.layout().unitsPerStage() + ")");
        out.println("parameters: " + cost.parameters() + " (" + millions(cost.parameters()) + ", trainable)");
        out.println("forward MACs per image: " + cost.macs() + " (" + millions(cost.macs()) + ")");
        out.flush();
        return 0;
    }

    private ModelSpec toSpec() {
        ResidualUnits.of(unit); // unknown units fail first, with the list of valid names
        Body b = body == null ? null : parseEnum(Body.class, body, "--body", "basic|bottleneck");
        String[] dims = input.toLowerCase(Locale.ROOT).split("x");
        if (dims.length != 3 || !dims[1].equals(dims[2])) {
            throw new IllegalArgumentException("--input must be CxHxW with H = W, e.g. 3x32x32 or 1x28x28; got " + input);
        }
        int channels;
        int size;
        try {
            channels = Integer.parseInt(dims[0]);
            size = Integer.parseInt(dims[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--input must be CxHxW with H = W, e.g. 3x32x32; got " + input);
        }
        // the body the depth resolves to (164 must be explicit); its paper shortcut: A for basic, B for bottleneck
        Body resolved = Depths.resolve(depth, b).body();
        ShortcutOption option = shortcut != null ? parseEnum(ShortcutOption.class, shortcut, "--shortcut", "A|B")
                : ShortcutOption.paper(resolved);
        return new ModelSpec(depth, unit, b, classes, channels, size, option, false, width);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String option, String valid) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be " + valid + ", got '" + text + "'");
        }
    }

    private static String millions(long n) {
        return n >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2fG", n / 1e9)
                : String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }
}
