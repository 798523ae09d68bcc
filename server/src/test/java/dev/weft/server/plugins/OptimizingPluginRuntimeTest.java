package dev.weft.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.plugin.PluginRuntime;
import dev.weft.plugin.RuntimeLimits;
import org.junit.jupiter.api.Test;

/**
 * The server's tests run plugins as `./weft serve` does, on the optimizing runtime: this fails if server/pom.xml's
 * test JVM lost the JVMCI flags or the Graal compiler jars (plugin-runtime's own tests check its JVM alike).
 */
class OptimizingPluginRuntimeTest {
    @Test
    void theServersTestsRunPluginsCompiled() {
        try (PluginRuntime runtime = new PluginRuntime(RuntimeLimits.defaults())) {
            assertThat(runtime.engineImplementation())
                    .as("'Interpreted' means the test JVM lacks -XX:+EnableJVMCI or the Graal compiler on "
                            + "--upgrade-module-path")
                    .isNotEqualTo("Interpreted");
            assertThat(runtime.optimizing()).isTrue();
        }
    }
}
