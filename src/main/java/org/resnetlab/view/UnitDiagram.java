package org.resnetlab.view;

import java.util.List;

/**
 * What one residual unit computes, as the paper draws it ([2] Fig. 2 and Fig. 4): the layers of the residual branch
 * F from top to bottom, the operations on the shortcut path h, and what follows the addition (f). A declarative
 * description that {@link UnitDiagrams} draws and the tests check against the unit classes.
 *
 * @param unit          canonical unit name ({@code ResidualUnits.of(name).name()})
 * @param caption       short title, e.g. "(e) full pre-activation"
 * @param reference     the figure of the paper, e.g. "[2] Fig. 4(e)"
 * @param residual      branch F from the unit input to the addition
 * @param shortcut      operations on h (empty: the identity); null for a unit without a shortcut (plain)
 * @param afterAddition f, applied to the sum (empty: x_{l+1} = y)
 */
public record UnitDiagram(String unit, String caption, String reference, List<Op> residual, List<Op> shortcut,
                          List<Op> afterAddition) {

    public UnitDiagram {
        residual = List.copyOf(residual);
        shortcut = shortcut == null ? null : List.copyOf(shortcut);
        afterAddition = List.copyOf(afterAddition);
    }

    /** One box of the figure. */
    public record Op(Kind kind, String label) {
        public static final Op WEIGHT = new Op(Kind.WEIGHT, "weight");
        public static final Op BN = new Op(Kind.BN, "BN");
        public static final Op RELU = new Op(Kind.RELU, "ReLU");

        /** Multiplication by a constant λ. */
        public static Op scale(float factor) {
            return new Op(Kind.SCALE, "× " + (factor == (long) factor ? Long.toString((long) factor) : Float.toString(factor)));
        }
    }

    /** What a box does; the tests interpret each kind with the unit's own layers. */
    public enum Kind {
        /** a 3×3 convolution of the branch (conv1, conv2, … in order) */
        WEIGHT,
        BN,
        RELU,
        /** multiplication by the constant in the label */
        SCALE,
        /** multiplication by g(x) on the branch, by 1 − g(x) on the shortcut */
        GATE,
        /** dropout (training only) */
        DROPOUT,
        /** a 1×1 convolution on the shortcut */
        PROJECTION
    }

    /** True when nothing touches the shortcut signal on its way through the unit: h and f are identities. */
    public boolean isClearPath() {
        return shortcut != null && shortcut.isEmpty() && afterAddition.isEmpty();
    }
}
