package org.resnetlab.units;

import ai.djl.ndarray.NDArray;

/**
 * One unit's forward pass taken apart: y = shortcutTerm + residualTerm, x_{l+1} = output = f(y).
 * For the identity-shortcut units shortcutTerm is x_l and residualTerm is F(x_l); for the gated and scaled variants
 * they are the two weighted terms of the addition; a plain unit has no shortcutTerm (null).
 */
public record UnitParts(NDArray shortcutTerm, NDArray residualTerm, NDArray output) {}
