package org.skillearn.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HypergradientSpecTest {

    @ParameterizedTest
    @CsvSource({"unroll,unroll", "UNROLL:1,unroll", "unroll:3,unroll:3", "neumann,neumann:5:0.01", "neumann:20,neumann:20:0.01",
        "neumann:0:0.5,neumann:0:0.5", "cg,cg:5:0.0", "cg:10,cg:10:0.0", "cg:10:0.1,cg:10:0.1", "first-order,first-order"})
    void parsesEveryFormAndReadsItsOwnLabelBack(String text, String label) {
        HypergradientSpec spec = HypergradientSpec.parse(text);
        assertEquals(label, spec.label());
        assertEquals(spec, HypergradientSpec.parse(spec.label()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "newton", "unroll:0", "unroll:x", "unroll:2:3", "neumann:-1", "neumann:5:0", "neumann:5:nan",
        "cg:0", "cg:5:-1", "cg:5:1:2"})
    void refusesMalformedTextNamingItAndTheAcceptedForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HypergradientSpec.parse(text));
        assertTrue(e.getMessage().contains(text.isEmpty() ? "empty" : "'" + text + "'"), e.getMessage());
    }

    @Test
    void aMalformedNumberIsNamedAsTyped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HypergradientSpec.parse("Neumann:1e3"));
        assertEquals("hypergradient 'Neumann:1e3': the number of products K must be a whole number, got '1e3'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HypergradientSpec.parse("cg:4:x"));
        assertEquals("hypergradient 'cg:4:x': the damping δ must be a number, got 'x'", e.getMessage());
    }

    @Test
    void theOrderFollowsTheMethod() {
        assertEquals(SolverConfig.Order.FIRST, SolverConfig.firstOrder().order());
        assertEquals(SolverConfig.Order.SECOND, SolverConfig.of(HypergradientSpec.parse("cg")).order());
        assertEquals(new HypergradientSpec.Unroll(1), new SolverConfig(SolverConfig.Order.SECOND, 0.01, true).hypergradient());
    }
}
