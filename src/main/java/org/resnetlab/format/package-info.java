/**
 * How numbers are shown: Tablesaw columns rounded to significant digits for display (Significant), and CSV rows
 * written a line at a time with exact numbers and RFC 4180 quoting (Csv: metrics.csv, the bench rows). The bottom layer (with
 * {@code engine}, {@code data} and {@code units}), so that probes and experiments can return tables readers can compare.
 */
package org.resnetlab.format;
