package org.resnetlab.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry of residual units by name: {@code ResidualUnits.of("full-preact")}.
 *
 * <p>Names (one per variant of [2] Fig. 2 and Fig. 4, plus the plain unit of [1]):
 * <pre>
 *   original               (a) conv-BN-ReLU-conv-BN, add, ReLU                 [2] Fig. 4(a)
 *   bn-after-addition      (b)                                                  [2] Fig. 4(b)
 *   relu-before-addition   (c)                                                  [2] Fig. 4(c)
 *   relu-only-preact       (d)                                                  [2] Fig. 4(d)
 *   full-preact            (e) BN-ReLU-conv-BN-ReLU-conv, add                  [2] Fig. 4(e)
 *   constant-scaling[:S[/R]]   λ=S on the shortcut, R on F                     [2] Fig. 2(b)
 *   exclusive-gating[:B]       (1−g)·x + g·F, initial gate bias b_g = B         [2] Fig. 2(c)
 *   shortcut-only-gating[:B]   (1−g)·x + F, initial gate bias b_g = B           [2] Fig. 2(d)
 *   conv-shortcut              1×1 conv on every shortcut                       [2] Fig. 2(e)
 *   dropout-shortcut[:P]       dropout with rate P on the shortcut              [2] Fig. 2(f)
 *   plain                      no shortcut                                      [1] Fig. 1
 * </pre>
 * Parameters follow a colon; defaults: {@code constant-scaling} = 0.5/0.5 (one number S means S on the shortcut and
 * 1 on F, so "constant-scaling:0" and "constant-scaling:0.5" are [2] Table 1's failing rows), gates b_g = −6
 * (Table 1's best rows; other rows: "exclusive-gating:-7", "shortcut-only-gating:0"), dropout P = 0.5. Names are
 * case-insensitive; {@link UnitType#name()} gives the canonical form with every parameter spelled out.
 * Unknown names, bad parameters and impossible combinations (zero-init of a plain or BN-after-addition unit) throw
 * IllegalArgumentException with the valid forms.
 */
public final class ResidualUnits {
    private ResidualUnits() {}

    private static final String CONSTANT_SCALING = "constant-scaling";
    private static final String EXCLUSIVE_GATING = "exclusive-gating";
    private static final String SHORTCUT_ONLY_GATING = "shortcut-only-gating";
    private static final String DROPOUT_SHORTCUT = "dropout-shortcut";

    /** Every base name, in the paper's order. */
    public static List<String> names() {
        return List.of("original", "bn-after-addition", "relu-before-addition", "relu-only-preact", "full-preact",
                CONSTANT_SCALING, EXCLUSIVE_GATING, SHORTCUT_ONLY_GATING, "conv-shortcut", DROPOUT_SHORTCUT, "plain");
    }

    /** The accepted forms, parameters included, as one line for error messages and --help. */
    public static String validForms() {
        return "original, bn-after-addition, relu-before-addition, relu-only-preact, full-preact, "
                + "constant-scaling[:S[/R]], exclusive-gating[:B], shortcut-only-gating[:B], conv-shortcut, "
                + "dropout-shortcut[:P], plain";
    }

    static List<String> zeroInitCapableNames() {
        List<String> out = new ArrayList<>();
        for (String n : names()) {
            if (of(n).canZeroInit()) {
                out.add(n);
            }
        }
        return out;
    }

    /** The canonical name of a unit ("Constant-Scaling:0.50/1" → its zoo name); a name the zoo does not know, as given. */
    public static String canonical(String name) {
        try {
            return of(name).name();
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /**
     * The unit variant a name denotes.
     *
     * @throws IllegalArgumentException for an unknown name or a bad parameter, listing the valid forms
     */
    public static UnitType of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no residual unit given; valid: " + validForms());
        }
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        int colon = trimmed.indexOf(':');
        String base = colon < 0 ? trimmed : trimmed.substring(0, colon);
        String arg = colon < 0 ? null : trimmed.substring(colon + 1);
        if (arg != null && !(base.equals(CONSTANT_SCALING) || base.equals(EXCLUSIVE_GATING)
                || base.equals(SHORTCUT_ONLY_GATING) || base.equals(DROPOUT_SHORTCUT))) {
            if (names().contains(base)) {
                throw new IllegalArgumentException("unit '" + base + "' takes no parameter (got '" + name
                        + "'); valid: " + validForms());
            }
        }
        switch (base) {
            case "original":
                return new UnitType("original", "[2] Fig. 4(a)", false, false, true, true, OriginalUnit::new);
            case "bn-after-addition":
                return new UnitType("bn-after-addition", "[2] Fig. 4(b)", false, false, true, false,
                        BnAfterAddition::new);
            case "relu-before-addition":
                return new UnitType("relu-before-addition", "[2] Fig. 4(c)", false, false, true, true,
                        ReluBeforeAddition::new);
            case "relu-only-preact":
                return new UnitType("relu-only-preact", "[2] Fig. 4(d)", true, false, true, true,
                        ReluOnlyPreActivation::new);
            case "full-preact":
                return new UnitType("full-preact", "[2] Fig. 4(e)", true, true, true, true, FullPreActivation::new);
            case CONSTANT_SCALING: {
                float s = 0.5f;
                float r = 0.5f;
                if (arg != null) {
                    String[] parts = arg.split("/", -1);
                    if (parts.length > 2) {
                        throw badParameter(name, "constant-scaling[:S[/R]], e.g. constant-scaling:0.5/0.5");
                    }
                    s = number(name, parts[0], "constant-scaling[:S[/R]], e.g. constant-scaling:0.5/0.5");
                    r = parts.length == 2 ? number(name, parts[1], "constant-scaling[:S[/R]]") : 1f;
                }
                float shortcutScale = s;
                float residualScale = r;
                return new UnitType(CONSTANT_SCALING + ":" + fmt(s) + "/" + fmt(r), "[2] Fig. 2(b), Table 1",
                        false, false, true, true, c -> new ConstantScalingShortcut(c, shortcutScale, residualScale));
            }
            case EXCLUSIVE_GATING: {
                float b = arg == null ? -6f : number(name, arg, "exclusive-gating[:B], e.g. exclusive-gating:-6");
                return new UnitType(EXCLUSIVE_GATING + ":" + fmt(b), "[2] Fig. 2(c), Table 1", false, false, true,
                        true, c -> new ExclusiveGating(c, b));
            }
            case SHORTCUT_ONLY_GATING: {
                float b = arg == null ? -6f
                        : number(name, arg, "shortcut-only-gating[:B], e.g. shortcut-only-gating:0");
                return new UnitType(SHORTCUT_ONLY_GATING + ":" + fmt(b), "[2] Fig. 2(d), Table 1", false, false,
                        true, true, c -> new ShortcutOnlyGating(c, b));
            }
            case "conv-shortcut":
                return new UnitType("conv-shortcut", "[2] Fig. 2(e), Table 1", false, false, true, true,
                        ConvShortcut::new);
            case DROPOUT_SHORTCUT: {
                float p = arg == null ? 0.5f : number(name, arg, "dropout-shortcut[:P], 0 <= P < 1");
                if (p < 0 || p >= 1) {
                    throw badParameter(name, "dropout-shortcut[:P], 0 <= P < 1");
                }
                return new UnitType(DROPOUT_SHORTCUT + ":" + fmt(p), "[2] Fig. 2(f), Table 1", false, false, true,
                        true, c -> new DropoutShortcut(c, p));
            }
            case "plain":
                return new UnitType("plain", "[1] Fig. 1", false, false, false, false, PlainUnit::new);
            default:
                throw new IllegalArgumentException("unknown residual unit '" + name + "'; valid: " + validForms());
        }
    }

    private static float number(String name, String text, String form) {
        try {
            float v = Float.parseFloat(text);
            if (!Float.isFinite(v)) {
                throw badParameter(name, form);
            }
            return v;
        } catch (NumberFormatException e) {
            throw badParameter(name, form);
        }
    }

    private static IllegalArgumentException badParameter(String name, String form) {
        return new IllegalArgumentException("bad parameter in residual unit '" + name + "'; expected " + form
                + "; valid: " + validForms());
    }

    private static String fmt(float v) {
        return v == (long) v ? Long.toString((long) v) : Float.toString(v);
    }
}
