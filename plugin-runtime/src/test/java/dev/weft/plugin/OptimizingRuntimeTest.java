package dev.weft.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tests run plugins as `./weft serve` does: compiled by Graal, never in Truffle's fallback interpreter. */
class OptimizingRuntimeTest {
    @Test
    void pluginsRunOnTheOptimizingRuntime() {
        try (PluginRuntime runtime = new PluginRuntime(RuntimeLimits.defaults())) {
            assertThat(runtime.engineImplementation())
                    .as("the engine's implementation: 'Interpreted' means the JVM lacks the JVMCI flags "
                            + "or the Graal compiler on --upgrade-module-path")
                    .isNotEqualTo("Interpreted");
            assertThat(runtime.optimizing()).isTrue();
        }
    }
}
