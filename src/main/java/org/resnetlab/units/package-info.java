/**
 * The residual units He et al. compare, one class each, named as in the paper ([2] Fig. 2 and Fig. 4, plus the
 * plain unit of [1]), and one registry by name: {@code ResidualUnits.of("full-preact").create(UnitConfig.basic(16, 16, 1))}.
 */
package org.resnetlab.units;
