package dev.weft.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile plugins are stopped with a clear reason, and the runtime goes on serving other runs meanwhile. */
class SandboxLimitsTest {
    private final List<PluginRunMetrics> metrics = new CopyOnWriteArrayList<>();
    private PluginRuntime runtime;

    private PluginRuntime runtime(RuntimeLimits limits) {
        runtime = new PluginRuntime(limits, metrics::add);
        return runtime;
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private static PluginRun run() {
        return new PluginRun(null, Map.of(), new RecordingHost("Some text."));
    }

    private static PluginException failureOf(CompletableFuture<PluginResult> future) {
        Throwable thrown = catchThrowable(future::get);
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(PluginException.class);
        return (PluginException) thrown.getCause();
    }

    @Test
    void anInfiniteLoopIsStoppedAtItsDeadline() {
        PluginRuntime runtime = runtime(TestPlugins.limits().withRunDeadline(Duration.ofSeconds(1)).withWorkers(1, 4));
        LoadedPlugin loop = runtime.load(TestPlugins.named("infinite-loop"));
        LoadedPlugin trivial = runtime.load(TestPlugins.named("trivial"));

        PluginException failure = failureOf(runtime.submit(loop, run()));

        assertThat(failure.reason()).isEqualTo(PluginException.Reason.TIMEOUT);
        assertThat(failure).hasMessage("infinite-loop@0.1.0 did not finish within 1000 ms and was stopped");
        // The only worker is free again.
        assertThat(runtime.run(trivial, run()).output().get("text").textValue()).isEqualTo("ok");
    }

    @Test
    void otherRunsCompleteWhileAnInfiniteLoopRuns() {
        PluginRuntime runtime = runtime(TestPlugins.limits());
        LoadedPlugin loop = runtime.load(TestPlugins.named("infinite-loop"));
        LoadedPlugin trivial = runtime.load(TestPlugins.named("trivial"));

        CompletableFuture<PluginResult> looping = runtime.submit(loop, run());
        PluginResult meanwhile = runtime.run(trivial, run());

        assertThat(meanwhile.output().get("text").textValue()).isEqualTo("ok");
        assertThat(looping).isNotDone();
    }

    @Test
    void aMemoryBombStopsAtItsDeclaredMaximum() {
        PluginRuntime runtime = runtime(TestPlugins.limits());
        LoadedPlugin bomb = runtime.load(TestPlugins.named("memory-bomb"));

        PluginException failure = (PluginException) catchThrowable(() -> runtime.run(bomb, run()));

        assertThat(failure.reason()).isEqualTo(PluginException.Reason.TRAPPED);
        // Its declared maximum is 64 pages, 4 MiB: AssemblyScript's allocator traps when memory.grow fails there.
        assertThat(failure).hasMessageMatching(
                "memory-bomb@0\\.1\\.0 trapped: unreachable \\(memory: \\d+ of at most 4194304 bytes\\)");
        assertThat(metrics).singleElement().satisfies(m -> {
            assertThat(m.failure()).contains(PluginException.Reason.TRAPPED);
            // Three 1 MiB blocks fit beside the first page; the fourth does not.
            assertThat(m.memoryBytes()).isBetween(3L << 20, 4L << 20);
        });
    }

    @Test
    void hugeOutputIsRefused() {
        PluginRuntime runtime = runtime(TestPlugins.limits());
        LoadedPlugin huge = runtime.load(TestPlugins.named("huge-output"));

        assertThatThrownBy(() -> runtime.run(huge, run()))
                .isInstanceOfSatisfying(PluginException.class,
                        e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.OUTPUT_TOO_LARGE))
                .hasMessage("huge-output@0.1.0 passed 2097154 bytes to the host, more than the 1048576 allowed");
    }

    @Test
    void deepRecursionTrapsWithoutHarmingTheWorker() {
        PluginRuntime runtime = runtime(TestPlugins.limits().withWorkers(1, 4));
        LoadedPlugin recursion = runtime.load(TestPlugins.named("deep-recursion"));
        LoadedPlugin trivial = runtime.load(TestPlugins.named("trivial"));

        PluginException failure = (PluginException) catchThrowable(() -> runtime.run(recursion, run()));

        assertThat(failure.reason()).isEqualTo(PluginException.Reason.TRAPPED);
        assertThat(failure).hasMessageStartingWith("deep-recursion@0.1.0 trapped: call stack exhausted (memory: ");
        assertThat(runtime.run(trivial, run()).output().get("text").textValue()).isEqualTo("ok");
    }

    @Test
    void aHostCallWithoutItsPermissionFailsTheRun() {
        PluginRuntime runtime = runtime(TestPlugins.limits());
        LoadedPlugin plugin = runtime.load(TestPlugins.named("no-permission"));

        assertThatThrownBy(() -> runtime.run(plugin, run()))
                .isInstanceOfSatisfying(PluginException.class,
                        e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.PERMISSION_DENIED))
                .hasMessage("no-permission@0.1.0 called weft.doc_text without the doc.read permission");
    }

    @Test
    void aResultThatIsNotAJsonObjectFailsTheRun() {
        PluginRuntime runtime = runtime(TestPlugins.limits());
        LoadedPlugin plugin = runtime.load(TestPlugins.named("not-json"));

        assertThatThrownBy(() -> runtime.run(plugin, run()))
                .isInstanceOfSatisfying(PluginException.class,
                        e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.BAD_OUTPUT))
                .hasMessage("not-json@0.1.0 returned hello, host, which is not a JSON object");
    }

    @Test
    void aPointerOutsideThePluginsMemoryFailsTheRun() {
        PluginRuntime runtime = runtime(TestPlugins.limits());
        LoadedPlugin plugin = runtime.load(TestPlugins.named("bad-pointer"));

        assertThatThrownBy(() -> runtime.run(plugin, run()))
                .isInstanceOfSatisfying(PluginException.class,
                        e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.BAD_OUTPUT))
                .hasMessage("bad-pointer@0.1.0 pointed outside its memory: 100 bytes at 65526, memory size 65536");
    }

    @Test
    void anInputAboveTheCapIsRefusedBeforeItRuns() {
        PluginRuntime runtime = runtime(TestPlugins.limits().withMaxInputBytes(200));
        LoadedPlugin trivial = runtime.load(TestPlugins.named("trivial"));

        assertThatThrownBy(() -> runtime.run(trivial,
                        new PluginRun(TextNode.valueOf("x".repeat(200)), Map.of(), new RecordingHost())))
                .isInstanceOfSatisfying(PluginException.class,
                        e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.INPUT_TOO_LARGE))
                .hasMessageContaining("more than the 200 allowed");
        assertThat(metrics).singleElement()
                .satisfies(m -> assertThat(m.failure()).contains(PluginException.Reason.INPUT_TOO_LARGE));
    }

    @Test
    void aFullQueueRefusesRunsAsOverloaded() {
        PluginRuntime runtime = runtime(TestPlugins.limits().withRunDeadline(Duration.ofSeconds(1)).withWorkers(1, 1));
        LoadedPlugin loop = runtime.load(TestPlugins.named("infinite-loop"));

        CompletableFuture<PluginResult> running = runtime.submit(loop, run());
        CompletableFuture<PluginResult> queued = runtime.submit(loop, run());
        CompletableFuture<PluginResult> refused = runtime.submit(loop, run());

        PluginException failure = failureOf(refused);
        assertThat(failure.reason()).isEqualTo(PluginException.Reason.OVERLOADED);
        assertThat(failure).hasMessage("every plugin worker is busy and 1 runs are waiting: try again later");
        assertThat(failureOf(running).reason()).isEqualTo(PluginException.Reason.TIMEOUT);
        assertThat(failureOf(queued).reason()).isEqualTo(PluginException.Reason.TIMEOUT);
    }

    @Test
    void closingTheRuntimeFailsRunningAndQueuedRuns() {
        PluginRuntime runtime = runtime(TestPlugins.limits().withWorkers(1, 4));
        LoadedPlugin loop = runtime.load(TestPlugins.named("infinite-loop"));
        CompletableFuture<PluginResult> running = runtime.submit(loop, run());
        CompletableFuture<PluginResult> queued = runtime.submit(loop, run());

        runtime.close();

        assertThat(failureOf(running)).hasMessage("the plugin runtime closed before infinite-loop@0.1.0 finished");
        assertThat(failureOf(queued).reason()).isEqualTo(PluginException.Reason.CLOSED);
        PluginException after = failureOf(runtime.submit(loop, run()));
        assertThat(after.reason()).isEqualTo(PluginException.Reason.CLOSED);
        assertThat(after).hasMessage("the plugin runtime is closed");
    }

    @Test
    void eachPluginHasItsOwnRateLimit() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        runtime = new PluginRuntime(TestPlugins.limits().withRunsPerMinute(2), metrics::add, now::get);
        LoadedPlugin trivial = runtime.load(TestPlugins.named("trivial"));
        LoadedPlugin outline = runtime.load(TestPlugins.named("outline"));

        runtime.run(trivial, run());
        runtime.run(trivial, run());

        assertThatThrownBy(() -> runtime.run(trivial, run()))
                .isInstanceOfSatisfying(PluginException.class,
                        e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.RATE_LIMITED))
                .hasMessage("trivial@0.1.0 ran more than 2 times in the last minute: try again later");
        assertThat(runtime.run(outline, run()).output().get("text").textValue()).isEmpty();
        // Two runs a minute: one more every 30 seconds.
        now.set(now.get().plusSeconds(30));
        assertThat(runtime.run(trivial, run()).output().get("text").textValue()).isEqualTo("ok");
        assertThatThrownBy(() -> runtime.run(trivial, run())).isInstanceOf(PluginException.class);
    }

    @Test
    void metricsTellRunsFailuresTimeAndMemoryPerPlugin() {
        PluginRuntime runtime = runtime(TestPlugins.limits());
        LoadedPlugin trivial = runtime.load(TestPlugins.named("trivial"));
        LoadedPlugin denied = runtime.load(TestPlugins.named("no-permission"));

        runtime.run(trivial, run());
        catchThrowable(() -> runtime.run(denied, run()));

        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.size() == 2);
        assertThat(metrics.get(0)).satisfies(m -> {
            assertThat(m.plugin()).isEqualTo("trivial");
            assertThat(m.version()).isEqualTo("0.1.0");
            assertThat(m.succeeded()).isTrue();
            assertThat(m.elapsed()).isPositive();
            assertThat(m.memoryBytes()).isEqualTo(RuntimeLimits.PAGE_BYTES);
        });
        assertThat(metrics.get(1)).satisfies(m -> {
            assertThat(m.plugin()).isEqualTo("no-permission");
            assertThat(m.failure()).contains(PluginException.Reason.PERMISSION_DENIED);
        });
    }
}
