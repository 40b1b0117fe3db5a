/**
 * The notebooks' experiments per mode and the evidence they give: the run list of each notebook (one folder per configuration, pooled seeds), the claims of [1] and [2], the decision rule and the fail rule, the scorecard, the pilot, paper-vs-ours tables and training dynamics.
 */
package org.resnetlab.experiments;
