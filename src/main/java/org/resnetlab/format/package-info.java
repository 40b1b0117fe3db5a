/**
 * How numbers are shown: Tablesaw columns rounded to significant digits for display. The bottom layer (with
 * {@code data} and {@code units}), so that probes and experiments can return tables readers can compare.
 */
package org.resnetlab.format;
