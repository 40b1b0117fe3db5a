package org.resnetlab.view;

import org.resnetlab.units.Branch;
import org.resnetlab.units.ConstantScalingShortcut;
import org.resnetlab.units.DropoutShortcut;
import org.resnetlab.units.ResidualUnit;
import org.resnetlab.units.ResidualUnits;
import org.resnetlab.units.UnitConfig;
import org.resnetlab.units.UnitType;
import org.resnetlab.view.UnitDiagram.Kind;
import org.resnetlab.view.UnitDiagram.Op;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Residual units drawn as the paper draws them ([2] Fig. 2, Fig. 4): x_l at the top, the residual branch as a column
 * of boxes (weight, BN, ReLU), the shortcut as a line on the right, the addition ⊕, what follows it, x_{l+1} at the
 * bottom. In a notebook the last expression {@code UnitDiagrams.png("original", "full-preact")} shows the figure.
 */
public final class UnitDiagrams {
    private UnitDiagrams() {}

    /** The five orderings of [2] Fig. 4, (a)–(e). */
    public static final List<String> ORDERINGS =
            List.of("original", "bn-after-addition", "relu-before-addition", "relu-only-preact", "full-preact");

    /** The shortcut variants of [2] Fig. 2 with the parameters of Table 1's rows. */
    public static final List<String> SHORTCUT_VARIANTS = List.of("original", "constant-scaling:0.5/0.5",
            "exclusive-gating:-6", "shortcut-only-gating:-6", "conv-shortcut", "dropout-shortcut:0.5");

    static final int PANEL_WIDTH = 216;
    private static final int BOX_WIDTH = 88;
    private static final int BOX_HEIGHT = 24;
    private static final int STEP = 36;
    private static final int TOP = 34;
    private static final int MAIN_X = 74;
    private static final int SHORTCUT_X = 166;
    private static final int SHORTCUT_BOX_MAX = 2 * (PANEL_WIDTH - SHORTCUT_X) - 6;
    private static final int RADIUS = 11;

    /**
     * The description of a unit by name (any form {@link ResidualUnits#of} accepts), basic body. The branch and what
     * follows the addition come from the unit's own {@link Branch}; the variants of [2] Fig. 2 add what sits on
     * their shortcut (a factor, a gate, a projection, dropout).
     */
    public static UnitDiagram of(String name) {
        UnitType type = ResidualUnits.of(name);
        String unit = type.name();
        String base = unit.contains(":") ? unit.substring(0, unit.indexOf(':')) : unit;
        ResidualUnit built = type.create(UnitConfig.basic(1, 1, 1));
        List<Op> branch = new ArrayList<>(ops(built.branch().residual(2).stream().map(Branch.Placed::step).toList()));
        List<Op> after = ops(built.branch().afterAddition());
        List<Op> none = List.of();
        String ref = type.reference();
        switch (base) {
            case "original":
                return new UnitDiagram(unit, "(a) original", ref, branch, none, after);
            case "bn-after-addition":
                return new UnitDiagram(unit, "(b) BN after addition", ref, branch, none, after);
            case "relu-before-addition":
                return new UnitDiagram(unit, "(c) ReLU before addition", ref, branch, none, after);
            case "relu-only-preact":
                return new UnitDiagram(unit, "(d) ReLU-only pre-act.", ref, branch, none, after);
            case "full-preact":
                return new UnitDiagram(unit, "(e) full pre-activation", ref, branch, none, after);
            case "constant-scaling": {
                // the unit class holds the two constants: read them rather than parse the name again
                var scaling = (ConstantScalingShortcut) built;
                if (scaling.residualScale() != 1f) {
                    branch.add(Op.scale(scaling.residualScale()));
                }
                return new UnitDiagram(unit, "constant scaling " + unit.substring(unit.indexOf(':') + 1), ref, branch,
                        List.of(Op.scale(scaling.shortcutScale())), after);
            }
            case "exclusive-gating": {
                branch.add(new Op(Kind.GATE, "× g(x)"));
                return new UnitDiagram(unit, "exclusive gating, b_g = " + gateBias(unit), ref, branch,
                        List.of(new Op(Kind.GATE, "× (1−g(x))")), after);
            }
            case "shortcut-only-gating":
                return new UnitDiagram(unit, "shortcut gating, b_g = " + gateBias(unit), ref, branch,
                        List.of(new Op(Kind.GATE, "× (1−g(x))")), after);
            case "conv-shortcut":
                return new UnitDiagram(unit, "1×1 conv shortcut", ref, branch,
                        List.of(new Op(Kind.PROJECTION, "1×1 conv")), after);
            case "dropout-shortcut": {
                float rate = ((DropoutShortcut) built).rate();
                return new UnitDiagram(unit, "dropout shortcut", ref, branch,
                        List.of(new Op(Kind.DROPOUT, "dropout " + rate)), after);
            }
            case "plain":
                return new UnitDiagram(unit, "plain (no shortcut)", ref, branch, null, after);
            default:
                throw new IllegalArgumentException("no diagram for unit '" + name + "'");
        }
    }

    /** The diagram's boxes for a unit's steps. */
    static List<Op> ops(List<Branch.Step> steps) {
        return steps.stream().map(step -> switch (step) {
            case WEIGHT -> Op.WEIGHT;
            case BN -> Op.BN;
            case RELU -> Op.RELU;
        }).toList();
    }

    private static String gateBias(String unit) {
        return unit.substring(unit.indexOf(':') + 1).replace('-', '−');
    }

    /** The named units side by side in one image. */
    public static BufferedImage png(String... units) {
        return png(Arrays.asList(units));
    }

    public static BufferedImage png(List<String> units) {
        List<UnitDiagram> diagrams = units.stream().map(UnitDiagrams::of).toList();
        int rows = diagrams.stream().mapToInt(d -> d.residual().size() + d.afterAddition().size()).max().orElse(0);
        int height = TOP + 24 + rows * STEP + 2 * RADIUS + 36 + 52;
        BufferedImage image = new BufferedImage(Math.max(1, diagrams.size()) * PANEL_WIDTH, height,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < diagrams.size(); i++) {
                Graphics2D panel = (Graphics2D) g.create(i * PANEL_WIDTH, 0, PANEL_WIDTH, height);
                try {
                    draw(panel, diagrams.get(i), rows, height);
                } finally {
                    panel.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void draw(Graphics2D g, UnitDiagram d, int rows, int height) {
        Font text = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(text);
        g.setStroke(new BasicStroke(1.6f));
        g.setColor(Color.BLACK);
        variable(g, "l", MAIN_X, 15);
        int split = TOP;
        int y = split + 12;
        arrow(g, MAIN_X, 20, MAIN_X, y);
        int branchBottom = y;
        List<Op> branch = d.residual();
        for (int i = 0; i < branch.size(); i++) {
            box(g, branch.get(i), MAIN_X, y);
            branchBottom = y + BOX_HEIGHT;
            if (i < branch.size() - 1) {
                arrow(g, MAIN_X, branchBottom, MAIN_X, y + STEP);
            }
            y += STEP;
        }
        int addY = split + 12 + d.residual().size() * STEP + RADIUS;
        arrow(g, MAIN_X, branchBottom, MAIN_X, addY - RADIUS);
        g.setColor(Color.BLACK);
        if (d.shortcut() != null) {
            g.fill(new Ellipse2D.Double(MAIN_X - 3, split - 3, 6, 6));
            Path2D path = new Path2D.Double();
            path.moveTo(MAIN_X, split);
            path.lineTo(SHORTCUT_X, split);
            path.lineTo(SHORTCUT_X, addY);
            g.draw(path);
            arrow(g, SHORTCUT_X, addY, MAIN_X + RADIUS, addY);
            int ops = d.shortcut().size();
            int first = (split + addY) / 2 - (ops * STEP - (STEP - BOX_HEIGHT)) / 2;
            for (int i = 0; i < ops; i++) {
                Op op = d.shortcut().get(i);
                int width = Math.min(SHORTCUT_BOX_MAX, Math.max(56, g.getFontMetrics().stringWidth(op.label()) + 12));
                box(g, op, SHORTCUT_X, first + i * STEP, width);
            }
            g.setColor(Color.BLACK);
            g.draw(new Ellipse2D.Double(MAIN_X - RADIUS, addY - RADIUS, 2 * RADIUS, 2 * RADIUS));
            g.drawLine(MAIN_X - RADIUS + 4, addY, MAIN_X + RADIUS - 4, addY);
            g.drawLine(MAIN_X, addY - RADIUS + 4, MAIN_X, addY + RADIUS - 4);
        } else {
            g.drawLine(MAIN_X, addY - RADIUS, MAIN_X, addY + RADIUS); // nothing to add: the branch goes on
        }
        y = addY + RADIUS + 12;
        int from = addY + RADIUS;
        for (Op op : d.afterAddition()) {
            arrow(g, MAIN_X, from, MAIN_X, y);
            box(g, op, MAIN_X, y);
            from = y + BOX_HEIGHT;
            y += STEP;
        }
        int outY = split + 12 + rows * STEP + 2 * RADIUS + 30;
        arrow(g, MAIN_X, from, MAIN_X, outY - 12);
        g.setColor(Color.BLACK);
        variable(g, "l+1", MAIN_X, outY + 3);
        g.setFont(text.deriveFont(Font.BOLD, 13f));
        centred(g, d.caption(), PANEL_WIDTH / 2, height - 26);
        g.setFont(text.deriveFont(11f));
        g.setColor(Color.DARK_GRAY);
        centred(g, d.reference(), PANEL_WIDTH / 2, height - 10);
    }

    private static void box(Graphics2D g, Op op, int centreX, int top) {
        box(g, op, centreX, top, BOX_WIDTH);
    }

    private static void box(Graphics2D g, Op op, int centreX, int top, int width) {
        var shape = new RoundRectangle2D.Double(centreX - width / 2.0, top, width, BOX_HEIGHT, 8, 8);
        g.setColor(fill(op.kind()));
        g.fill(shape);
        g.setColor(Color.BLACK);
        g.draw(shape);
        centred(g, op.label(), centreX, top + BOX_HEIGHT / 2 + g.getFontMetrics().getAscent() / 2 - 1);
    }

    /** Box colours by kind: grey weights, blue BN, green ReLU, orange for whatever a variant puts in the way. */
    static Color fill(Kind kind) {
        return switch (kind) {
            case WEIGHT -> new Color(0xD9D9D9);
            case BN -> new Color(0xBBD7F0);
            case RELU -> new Color(0xC7E9C0);
            default -> new Color(0xFDD0A2);
        };
    }

    private static void arrow(Graphics2D g, int x1, int y1, int x2, int y2) {
        g.setColor(Color.BLACK);
        g.drawLine(x1, y1, x2, y2);
        double angle = Math.atan2(y2 - y1, x2 - x1);
        Path2D head = new Path2D.Double();
        head.moveTo(x2, y2);
        head.lineTo(x2 - 7 * Math.cos(angle - 0.4), y2 - 7 * Math.sin(angle - 0.4));
        head.lineTo(x2 - 7 * Math.cos(angle + 0.4), y2 - 7 * Math.sin(angle + 0.4));
        head.closePath();
        g.fill(head);
    }

    /** x with a subscript, centred on x. */
    private static void variable(Graphics2D g, String subscript, int x, int baseline) {
        Font font = g.getFont();
        Font small = font.deriveFont(font.getSize2D() * 0.75f);
        int xWidth = g.getFontMetrics().stringWidth("x");
        int subWidth = g.getFontMetrics(small).stringWidth(subscript);
        int left = x - (xWidth + subWidth) / 2;
        g.drawString("x", left, baseline);
        g.setFont(small);
        g.drawString(subscript, left + xWidth, baseline + 4);
        g.setFont(font);
    }

    private static void centred(Graphics2D g, String s, int x, int baseline) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(s, x - m.stringWidth(s) / 2, baseline);
    }
}
