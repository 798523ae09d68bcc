package dev.weft.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The plugins examples/build.mjs compiled before the tests: the examples and the ones under src/test/plugins. */
final class TestPlugins {
    private TestPlugins() {}

    /**
     * The default limits with a deadline no busy machine reaches: tests that do not test the deadline must not
     * depend on how fast a shared machine runs a plugin's first, interpreted, call.
     */
    static RuntimeLimits limits() {
        return RuntimeLimits.defaults().withRunDeadline(Duration.ofMinutes(1));
    }

    static PluginPackage named(String name) {
        String dir = System.getProperty("weft.examples.dir");
        if (dir == null) {
            throw new IllegalStateException("weft.examples.dir is not set: run the tests through Maven, which "
                    + "builds the plugins (node plugin-runtime/examples/build.mjs DIR) and sets it");
        }
        Path path = Path.of(dir, name);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("no plugin built at " + path);
        }
        return PluginPackage.fromDirectory(path);
    }
}
