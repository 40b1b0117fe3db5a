package org.resnetlab.units;

/** Where the width grows: option A (identity + zero padding, [1] §4.2) or option B (1×1 projection). */
public enum ShortcutOption { A, B }
