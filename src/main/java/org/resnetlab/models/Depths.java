package org.resnetlab.models;

import org.resnetlab.units.Body;

/**
 * Depth → body and units per stage. Basic bodies have 6n+2 weighted layers (3 stages × n units × 2 convs, conv1, FC);
 * bottleneck bodies 9n+2.
 */
public final class Depths {
    private Depths() {}

    /** A resolved depth: the body and n, the number of units in each of the three stages. */
    public record Layout(Body body, int unitsPerStage) {}

    /**
     * @param body the requested body, or null to pick one: basic when the depth is 6n+2 ([1]'s family 20…1202),
     *             bottleneck when it is only 9n+2 (1001). 164 is 6n+2 too, but [2]'s ResNet-164 is a bottleneck
     *             net, so for 164 the body must be given.
     * @throws IllegalArgumentException naming the valid forms
     */
    public static Layout resolve(int depth, Body body) {
        boolean basic = fitsBasic(depth);
        boolean bottleneck = fitsBottleneck(depth);
        if (body == Body.BASIC) {
            if (!basic) {
                throw new IllegalArgumentException("depth " + depth + " is not 6n+2 (n >= 1) as a basic net needs: "
                        + "valid depths are 8, 14, 20, 26, 32, 44, 56, 110, 1202, ..." + nearest(depth, 6));
            }
            return new Layout(Body.BASIC, (depth - 2) / 6);
        }
        if (body == Body.BOTTLENECK) {
            if (!bottleneck) {
                throw new IllegalArgumentException("depth " + depth + " is not 9n+2 (n >= 1) as a bottleneck net "
                        + "needs: valid depths are 11, 20, 29, 56, 110, 164, 1001, ..." + nearest(depth, 9));
            }
            return new Layout(Body.BOTTLENECK, (depth - 2) / 9);
        }
        if (depth == 164) {
            throw new IllegalArgumentException("depth 164 fits both basic (6n+2, n=27) and bottleneck (9n+2, n=18) "
                    + "bodies: give the body explicitly (--body bottleneck for [2]'s ResNet-164, or --body basic)");
        }
        if (basic) {
            return new Layout(Body.BASIC, (depth - 2) / 6);
        }
        if (bottleneck) {
            return new Layout(Body.BOTTLENECK, (depth - 2) / 9);
        }
        throw new IllegalArgumentException("depth " + depth + " fits neither 6n+2 (basic: 20, 32, 44, 56, 110, 1202, "
                + "...) nor 9n+2 (bottleneck: 164, 1001, ...);" + nearest(depth, 6) + ";" + nearest(depth, 9));
    }

    public static boolean fitsBasic(int depth) {
        return depth >= 8 && (depth - 2) % 6 == 0;
    }

    public static boolean fitsBottleneck(int depth) {
        return depth >= 11 && (depth - 2) % 9 == 0;
    }

    private static String nearest(int depth, int step) {
        if (depth < step + 2) {
            return " nearest " + step + "n+2: " + (step + 2);
        }
        int below = Math.max(step + 2, ((depth - 2) / step) * step + 2);
        int above = ((depth - 2) / step + 1) * step + 2;
        return " nearest " + step + "n+2: " + (below == depth ? above : below + " or " + above);
    }
}
