/**
 * Numerical checks of [2]'s equations on real networks: {@link org.resnetlab.probe.RecursionCheck} (eq. 4),
 * {@link org.resnetlab.probe.BackwardCheck} (eq. 5), {@link org.resnetlab.probe.GradientNorms} (‖∂E/∂x_l‖ per unit)
 * and {@link org.resnetlab.probe.ScaledShortcuts} (Π λ, §3.1). Probes never change the network and close every
 * array they create.
 */
package org.resnetlab.probe;
