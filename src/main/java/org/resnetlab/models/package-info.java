/**
 * CIFAR ResNets and plain nets by depth (basic 6n+2, bottleneck 9n+2): {@code Models.build(ModelSpec.cifar(110,
 * "full-preact"))}; parameter and MAC counts from the structure: {@code Models.cost(spec)}.
 */
package org.resnetlab.models;
