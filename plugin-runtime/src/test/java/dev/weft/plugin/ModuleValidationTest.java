package dev.weft.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Modules that must never be instantiated are refused by load(), each with a reason an author can act on. */
class ModuleValidationTest {
    private static PluginRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new PluginRuntime(TestPlugins.limits());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static InvalidPluginException refusal(String plugin) {
        PluginPackage pluginPackage = TestPlugins.named(plugin);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> runtime.load(pluginPackage));
        assertThat(thrown).isInstanceOf(InvalidPluginException.class);
        return (InvalidPluginException) thrown;
    }

    @Test
    void refusesAMemoryWithoutMaximum() {
        assertThat(refusal("memory-unbounded").problems()).containsExactly(
                "its memory declares no maximum: declare one of at most 512 pages (33554432 bytes)");
    }

    @Test
    void refusesAMemoryMaximumAboveTheCap() {
        assertThat(refusal("memory-above-cap").problems()).containsExactly(
                "its memory declares a maximum of 16384 pages, more than the 512 allowed (33554432 bytes)");
    }

    @Test
    void refusesWasi() {
        assertThat(refusal("wasi").problems()).containsExactly(
                "imports wasi_snapshot_preview1.fd_write: WASI is not available to plugins");
    }

    @Test
    void refusesImportsTheHostDoesNotProvide() {
        assertThat(refusal("undeclared-import").problems()).containsExactly(
                "imports env.read_file: the only import module is \"weft\"",
                "imports weft.open_socket, which the host does not provide (it provides [log, variable, doc_text, "
                        + "story_bible, propose_edit, emit_comment, emit_canvas, ai_generate])");
    }

    @Test
    void refusesAnImportedMemory() {
        assertThat(refusal("memory-imported").problems()).containsExactly(
                "imports env.memory, a memory: a plugin may import only functions of module \"weft\" and must "
                        + "define its own memory",
                "defines 0 memories: a plugin defines exactly one, exported as \"memory\"");
    }

    @Test
    void refusesAHostImportOfTheWrongType() {
        assertThat(refusal("wrong-signature").problems()).containsExactly(
                "imports weft.doc_text as (I32) -> (I64), but it is () -> (I64)");
    }

    @Test
    void refusesWhatIsNotWebAssembly() {
        PluginPackage notWasm = new PluginPackage(TestPlugins.named("trivial").manifest(), "hello".getBytes());

        assertThatThrownBy(() -> runtime.load(notWasm))
                .isInstanceOf(InvalidPluginException.class)
                .hasMessageStartingWith("invalid plugin: the module is not valid WebAssembly");
    }

    @Test
    void refusesAModuleLargerThanTheLimit() {
        try (PluginRuntime small = new PluginRuntime(new RuntimeLimits(TestPlugins.limits().runDeadline(),
                32L << 20, 10_000, 1024, 1 << 20, 1 << 20, 100, 1, 1, 60, 1L << 20))) {
            assertThatThrownBy(() -> small.load(TestPlugins.named("repeated-words")))
                    .isInstanceOf(InvalidPluginException.class)
                    .hasMessageContaining("more than the 1024 allowed");
        }
    }

    @Test
    void acceptsTheExamples() {
        for (String name : new String[] {"reading-stats", "repeated-words", "outline"}) {
            assertThat(runtime.load(TestPlugins.named(name)).manifest().name()).isEqualTo(name);
        }
    }
}
