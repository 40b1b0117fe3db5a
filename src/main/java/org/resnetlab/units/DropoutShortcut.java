package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * Dropout shortcut, [2] Fig. 2(f), Table 1 row 11: y = m ⊙ h(x) + F(x), then ReLU, where every element of the mask m
 * is 0 with probability P and 1 otherwise, drawn anew in every training step. As in [2] §3.1 the kept elements are
 * <em>not</em> rescaled, so dropout "statistically imposes a scale of λ with an expectation of" 1 − P (0.5) on the
 * shortcut; at test time the shortcut is multiplied by its expectation 1 − P (classic dropout). DJL's
 * {@code Dropout.dropout} is inverted dropout (kept elements × 1/(1 − P), E[λ] = 1), which tests something else.
 */
public final class DropoutShortcut extends ResidualUnit {

    private final float rate;

    public DropoutShortcut(UnitConfig config, float rate) {
        super(config, Ordering.POST_ACTIVATION, Shortcut.forUnit(config, false));
        this.rate = rate;
    }

    /** P, the probability that an element of the shortcut is dropped. */
    public float rate() {
        return rate;
    }

    /** E[λ] = 1 − P: the expected factor on the shortcut in training, and the factor applied at test time. */
    public float expectedFactor() {
        return 1f - rate;
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray f, boolean training) {
        NDArray shortcut;
        if (training) {
            NDArray keep = h.getManager().randomUniform(0f, 1f, h.getShape(), h.getDataType(), h.getDevice())
                    .gte(rate).toType(h.getDataType(), false);
            shortcut = h.mul(keep);
        } else {
            shortcut = h.mul(expectedFactor());
        }
        return new UnitParts(shortcut, f, Activation.relu(shortcut.add(f)));
    }
}
