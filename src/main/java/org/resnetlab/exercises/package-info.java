/**
 * The checkers of the notebooks' Exercises sections, one class per notebook (ResidualMappingExercises for 01,
 * IdentityRecursionExercises 02, ShortcutVariantExercises 03, PreActivationExercises 04, GoingDeeperExercises 05).
 * Each returns a {@link org.resnetlab.exercises.Verdict}, right or not yet with a hint, which the checking cell shows
 * as its last expression; it is computed from the units, the paper's numbers and the recorded runs and never contains
 * the answer. Answers and Grading serve the course release and the batch grader.
 */
package org.resnetlab.exercises;
