/**
 * What a notebook shows: Tablesaw tables as HTML, XChart charts as PNG (per-run curves, errors by depth), unit diagrams drawn from the units' own layer sequences.
 */
package org.resnetlab.view;
