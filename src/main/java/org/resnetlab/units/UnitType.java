package org.resnetlab.units;

import java.util.function.Function;

/**
 * A residual-unit variant as named in {@link ResidualUnits}: what a network needs to know about it and how to
 * build one at a given place.
 *
 * @param name           the canonical name, parameters included (e.g. "exclusive-gating:-6")
 * @param reference      the figure/table of the paper it reproduces
 * @param preActivation  BN/ReLU come before the weights ([2] Fig. 4(d,e)): the network moves the first unit's
 *                       pre-activation after conv1 and adds a final activation after the last addition
 * @param finalBatchNorm with preActivation: the final activation is BN+ReLU (full pre-activation) or ReLU alone
 * @param hasShortcut    false for the plain unit
 * @param canZeroInit    the branch ends in a BN whose γ = 0 makes F(x) = 0 (false where that would zero the output)
 */
public record UnitType(String name, String reference, boolean preActivation, boolean finalBatchNorm,
                       boolean hasShortcut, boolean canZeroInit, Function<UnitConfig, ResidualUnit> factory) {

    /** Builds one unit; fails with a clear message for a combination this variant cannot do. */
    public ResidualUnit create(UnitConfig config) {
        if (config.zeroInitLastBn() && !canZeroInit) {
            throw new IllegalArgumentException("unit '" + name + "' cannot zero-initialise its last BN (its residual "
                    + "branch does not end in a BN it could silence without zeroing the unit's output); "
                    + "units that can: " + String.join(", ", ResidualUnits.zeroInitCapableNames()));
        }
        return factory.apply(config);
    }

    @Override
    public String toString() {
        return name;
    }
}
