package org.resnetlab.units;

/** Residual-branch shape: two 3×3 convs ([1] basic), or 1×1-3×3-1×1 with 4× expansion ([2] bottleneck). */
public enum Body { BASIC, BOTTLENECK }
