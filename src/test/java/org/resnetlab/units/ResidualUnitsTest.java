package org.resnetlab.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidualUnitsTest {

    @Test
    void everyNameBuildsItsClass() {
        UnitConfig c = UnitConfig.basic(4, 4, 1);
        assertInstanceOf(OriginalUnit.class, ResidualUnits.of("original").create(c));
        assertInstanceOf(BnAfterAddition.class, ResidualUnits.of("bn-after-addition").create(c));
        assertInstanceOf(ReluBeforeAddition.class, ResidualUnits.of("relu-before-addition").create(c));
        assertInstanceOf(ReluOnlyPreActivation.class, ResidualUnits.of("relu-only-preact").create(c));
        assertInstanceOf(FullPreActivation.class, ResidualUnits.of("full-preact").create(c));
        assertInstanceOf(ConstantScalingShortcut.class, ResidualUnits.of("constant-scaling").create(c));
        assertInstanceOf(ExclusiveGating.class, ResidualUnits.of("exclusive-gating").create(c));
        assertInstanceOf(ShortcutOnlyGating.class, ResidualUnits.of("shortcut-only-gating").create(c));
        assertInstanceOf(ConvShortcut.class, ResidualUnits.of("conv-shortcut").create(c));
        assertInstanceOf(DropoutShortcut.class, ResidualUnits.of("dropout-shortcut").create(c));
        assertInstanceOf(PlainUnit.class, ResidualUnits.of("plain").create(c));
        assertEquals(11, ResidualUnits.names().size());
    }

    @Test
    void parametersAndDefaults() {
        UnitConfig c = UnitConfig.basic(4, 4, 1);
        var half = (ConstantScalingShortcut) ResidualUnits.of("constant-scaling").create(c);
        assertEquals(0.5f, half.shortcutScale());
        assertEquals(0.5f, half.residualScale());
        var zeroShortcut = (ConstantScalingShortcut) ResidualUnits.of("constant-scaling:0").create(c);
        assertEquals(0f, zeroShortcut.shortcutScale());
        assertEquals(1f, zeroShortcut.residualScale());
        var both = (ConstantScalingShortcut) ResidualUnits.of("constant-scaling:0.9/0.25").create(c);
        assertEquals(0.9f, both.shortcutScale());
        assertEquals(0.25f, both.residualScale());
        assertEquals(-6f, ((ExclusiveGating) ResidualUnits.of("exclusive-gating").create(c)).initialGateBias());
        assertEquals(-7f, ((ExclusiveGating) ResidualUnits.of("exclusive-gating:-7").create(c)).initialGateBias());
        assertEquals(0f, ((ShortcutOnlyGating) ResidualUnits.of("shortcut-only-gating:0").create(c)).initialGateBias());
        assertEquals(0.3f, ((DropoutShortcut) ResidualUnits.of("dropout-shortcut:0.3").create(c)).rate());
        assertEquals("exclusive-gating:-6", ResidualUnits.of(" Exclusive-Gating ").name());
        assertTrue(ResidualUnits.of("full-preact").preActivation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"preact", "resnet", "", "original:2", "constant-scaling:x", "constant-scaling:1/2/3",
            "exclusive-gating:", "dropout-shortcut:1.5"})
    void badNamesListTheValidForms(String name) {
        var e = assertThrows(IllegalArgumentException.class, () -> ResidualUnits.of(name));
        String m = e.getMessage();
        assertTrue(m.contains("full-preact") && m.contains("constant-scaling[:S[/R]]") && m.contains("plain"), m);
        assertTrue(!m.contains("\n"), "one line: " + m);
    }
}
