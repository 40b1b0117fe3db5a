package org.resnetlab.units;

import java.util.ArrayList;
import java.util.List;

/**
 * The layer sequence of a residual unit as [2] Fig. 4 draws it, read from x_l down to x_{l+1}: the steps around each
 * weight layer of the residual function F (repeated for the body's 2 or 3 weight layers; the last weight layer's steps
 * may differ), and what follows the addition (the after-addition function f). Steps before the first weight layer are
 * the pre-activation, which a projection shortcut shares ([2] appendix). {@link ResidualUnit} builds, initialises,
 * costs and runs a unit from this one description; the diagrams and the exercise checkers read it too.
 *
 * <pre>{@code
 * Branch.eachLayer(BN, RELU, WEIGHT)                               // (e) full pre-activation, nothing after the addition
 * Branch.eachLayer(WEIGHT, BN, RELU).lastLayer(WEIGHT, BN).then(RELU)   // (a) the original unit
 * }</pre>
 *
 * @param eachLayer     the steps around every weight layer but the last
 * @param lastLayer     the steps around the last weight layer
 * @param afterAddition f: the steps after the addition (empty: f is the identity)
 */
public record Branch(List<Step> eachLayer, List<Step> lastLayer, List<Step> afterAddition) {

    /** One box of the paper's drawings. */
    public enum Step { WEIGHT, BN, RELU }

    /** A step at its place in the branch: {@code layer} is the 1-based weight layer it belongs to (bn1 goes with conv1). */
    public record Placed(Step step, int layer) {}

    public Branch {
        eachLayer = List.copyOf(eachLayer);
        lastLayer = List.copyOf(lastLayer);
        afterAddition = List.copyOf(afterAddition);
        if (eachLayer.stream().filter(s -> s == Step.WEIGHT).count() != 1
                || lastLayer.stream().filter(s -> s == Step.WEIGHT).count() != 1) {
            throw new IllegalArgumentException("each layer of a branch has exactly one weight layer: " + eachLayer + ", " + lastLayer);
        }
        if (afterAddition.contains(Step.WEIGHT)) {
            throw new IllegalArgumentException("no weight layer after the addition: " + afterAddition);
        }
    }

    /** Every weight layer with the same steps around it, nothing after the addition. */
    public static Branch eachLayer(Step... steps) {
        return new Branch(List.of(steps), List.of(steps), List.of());
    }

    /** The same with other steps around the last weight layer. */
    public Branch lastLayer(Step... steps) {
        return new Branch(eachLayer, List.of(steps), afterAddition);
    }

    /** The same with {@code steps} after the addition. */
    public Branch then(Step... steps) {
        return new Branch(eachLayer, lastLayer, List.of(steps));
    }

    /** The steps of F for {@code weightLayers} weight layers, in order. */
    public List<Placed> residual(int weightLayers) {
        List<Placed> out = new ArrayList<>();
        for (int layer = 1; layer <= weightLayers; layer++) {
            for (Step s : layer == weightLayers ? lastLayer : eachLayer) {
                out.add(new Placed(s, layer));
            }
        }
        return out;
    }

    /** How many steps of {@link #residual} come before the first weight layer: the pre-activation. */
    public int preActivationSteps() {
        return eachLayer.indexOf(Step.WEIGHT);
    }
}
