package dev.weft.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Runs WebAssembly plugins on GraalWasm under {@link RuntimeLimits}. One runtime holds one polyglot engine (the
 * plugins' compiled code is shared across runs), a bounded pool of workers and a watchdog.
 *
 * <p>Every run gets a new context ({@link SandboxPolicy#CONSTRAINED}, WASI off, no host access but the host
 * imports) and a new instance, so nothing a run leaves in memory reaches the next. The deadline covers
 * instantiation and the call: at it the watchdog interrupts the context, and closes it by force if the interrupt
 * does not land within {@link #INTERRUPT_GRACE}.
 *
 * <p>Thread-safe. Close it to stop the workers; runs still queued fail with {@link PluginException.Reason#CLOSED}.
 */
public final class PluginRuntime implements AutoCloseable {
    /** How long the watchdog waits for an interrupt to stop a run before it closes the context by force. */
    static final Duration INTERRUPT_GRACE = Duration.ofMillis(250);
    /** The name Truffle gives the engine when no optimizing compiler is available. */
    private static final String INTERPRETER = "Interpreted";
    private static final System.Logger LOG = System.getLogger(PluginRuntime.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuntimeLimits limits;
    private final PluginMetricsListener metrics;
    private final ModuleValidator validator;
    private final Engine engine;
    private final ThreadPoolExecutor workers;
    /** The contexts of the runs under way, for {@link #close} to stop. */
    private final Set<Context> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final Map<String, Bucket> rateLimits = new ConcurrentHashMap<>();
    private final TimeMeter rateClock;

    public PluginRuntime(RuntimeLimits limits, PluginMetricsListener metrics) {
        this(limits, metrics, InstantSource.system());
    }

    public PluginRuntime(RuntimeLimits limits) {
        this(limits, PluginMetricsListener.NONE);
    }

    /**
     * @param limits  the limits every run is held to
     * @param metrics told about every run
     * @param clock   the time of the per-plugin rate limits (the system's, or a test's own)
     */
    public PluginRuntime(RuntimeLimits limits, PluginMetricsListener metrics, InstantSource clock) {
        this.limits = limits;
        this.metrics = metrics;
        this.rateClock = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.validator = new ModuleValidator(limits);
        this.engine = Engine.newBuilder("wasm")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // The runtime reports the interpreter itself (see optimizing()), once, in its own log.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        if (!optimizing()) {
            LOG.log(System.Logger.Level.WARNING, "plugins run interpreted, much slower: start the JVM with "
                    + "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI and the Graal compiler on "
                    + "--upgrade-module-path (./weft serve does)");
        }
        BlockingQueue<Runnable> queue = limits.queueCapacity() == 0
                ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(limits.queueCapacity());
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS, queue,
                task -> daemon(new Thread(null, task, "weft-plugin-" + threads.incrementAndGet(),
                        limits.workerStackBytes())),
                new ThreadPoolExecutor.AbortPolicy());
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                task -> daemon(new Thread(task, "weft-plugin-watchdog")));
        scheduler.setRemoveOnCancelPolicy(true);
        this.watchdog = scheduler;
    }

    private static Thread daemon(Thread thread) {
        thread.setDaemon(true);
        return thread;
    }

    public RuntimeLimits limits() {
        return limits;
    }

    /** The polyglot engine's implementation: the compiler's name, or "Interpreted" without one. */
    public String engineImplementation() {
        return engine.getImplementationName();
    }

    /** Whether plugins are compiled by the optimizing runtime (false: they run in Truffle's interpreter). */
    public boolean optimizing() {
        return !INTERPRETER.equals(engine.getImplementationName());
    }

    /**
     * Checks a package's module (size, memory and table maxima, imports, the ABI's exports) and parses it.
     *
     * @throws InvalidPluginException listing what is wrong with the module
     */
    public LoadedPlugin load(PluginPackage pluginPackage) {
        PluginManifest manifest = pluginPackage.manifest();
        byte[] module = pluginPackage.module();
        long maxMemoryBytes = validator.validate(module);
        Source source = Source.newBuilder("wasm", ByteSequence.create(module), manifest.id()).cached(true).buildLiteral();
        // Parsed (and checked by GraalWasm) once, without instantiating: no code of the plugin runs here.
        try (Context context = newContext()) {
            context.eval(source);
        } catch (PolyglotException e) {
            throw new InvalidPluginException("GraalWasm refused the module: " + e.getMessage());
        }
        return new LoadedPlugin(manifest, source, maxMemoryBytes, this);
    }

    /**
     * Queues a run. The future fails with a {@link PluginException} saying why; a run refused before it starts
     * (input too large, rate limited, overloaded, closed) fails at once.
     */
    public CompletableFuture<PluginResult> submit(LoadedPlugin plugin, PluginRun run) {
        if (plugin.runtime() != this) {
            throw new IllegalArgumentException(plugin + " was loaded by another runtime");
        }
        CompletableFuture<PluginResult> result = new CompletableFuture<>();
        try {
            byte[] input = inputOf(plugin.manifest(), run);
            if (!rateLimit(plugin.manifest()).tryConsume(1)) {
                throw new PluginException(PluginException.Reason.RATE_LIMITED, plugin + " ran more than "
                        + limits.runsPerMinute() + " times in the last minute: try again later");
            }
            workers.execute(new QueuedRun(plugin, result, () -> execute(plugin, run, input)));
        } catch (PluginException e) {
            report(plugin.manifest(), e.reason(), Duration.ZERO, 0);
            result.completeExceptionally(e);
        } catch (RejectedExecutionException e) {
            PluginException.Reason reason = workers.isShutdown()
                    ? PluginException.Reason.CLOSED
                    : PluginException.Reason.OVERLOADED;
            report(plugin.manifest(), reason, Duration.ZERO, 0);
            result.completeExceptionally(new PluginException(reason, reason == PluginException.Reason.CLOSED
                    ? "the plugin runtime is closed"
                    : "every plugin worker is busy and " + limits.queueCapacity() + " runs are waiting: try again later"));
        }
        return result;
    }

    /** Runs and waits for the result. @throws PluginException saying why the run failed */
    public PluginResult run(LoadedPlugin plugin, PluginRun run) {
        try {
            return submit(plugin, run).get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(PluginException.Reason.CLOSED, "interrupted while waiting for " + plugin);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof CompletionException completion && completion.getCause() != null) {
            return rethrow(completion.getCause());
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /** The JSON the plugin's {@code run} receives: who it is, its declared variables, the caller's input. */
    private byte[] inputOf(PluginManifest manifest, PluginRun run) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("plugin", manifest.name());
        envelope.put("version", manifest.version().toString());
        ObjectNode variables = envelope.putObject("variables");
        for (String name : manifest.variables()) {
            String value = run.variables().get(name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        envelope.set("input", run.input());
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        if (bytes.length > limits.maxInputBytes()) {
            throw new PluginException(PluginException.Reason.INPUT_TOO_LARGE, "the input of " + manifest.id()
                    + " is " + bytes.length + " bytes, more than the " + limits.maxInputBytes() + " allowed");
        }
        return bytes;
    }

    private Bucket rateLimit(PluginManifest manifest) {
        return rateLimits.computeIfAbsent(manifest.name(), name -> Bucket.builder()
                .withCustomTimePrecision(rateClock)
                .addLimit(limit -> limit.capacity(limits.runsPerMinute())
                        .refillGreedy(limits.runsPerMinute(), Duration.ofMinutes(1)))
                .build());
    }

    /** One run on this worker thread, in a context of its own, under the watchdog. */
    private PluginResult execute(LoadedPlugin plugin, PluginRun run, byte[] input) {
        PluginManifest manifest = plugin.manifest();
        long started = System.nanoTime();
        RunSession session = new RunSession(manifest, run.variables(), run.host(), limits);
        AtomicBoolean timedOut = new AtomicBoolean();
        long memoryBytes = 0;
        Context context = newContext();
        running.add(context);
        if (workers.isShutdown()) {
            // close() may have looked at the running contexts before this one was among them.
            cancel(context);
        }
        ScheduledFuture<?> deadline = watchdog.schedule(() -> {
            timedOut.set(true);
            stop(context);
        }, limits.runDeadline().toNanos(), TimeUnit.NANOSECONDS);
        try {
            Value instance = context.eval(plugin.source()).newInstance(session.importObject());
            Value exports = instance.getMember("exports");
            session.bind(exports);
            int pointer = session.write(input);
            long packed = exports.getMember("run").execute(pointer, input.length).asLong();
            ObjectNode output = session.readResult(packed);
            memoryBytes = session.memoryBytes();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            metrics.runFinished(new PluginRunMetrics(
                    manifest.name(), manifest.version().toString(), Optional.empty(), elapsed, memoryBytes));
            return new PluginResult(output, elapsed, memoryBytes, session.hostCalls());
        } catch (PolyglotException | PluginException | IllegalStateException e) {
            PluginException failure = timedOut.get() ? timeout(manifest)
                    : workers.isShutdown() ? closed(manifest)
                    : failure(manifest, e);
            if (!timedOut.get()) {
                memoryBytes = safeMemoryBytes(session);
            }
            if (failure.reason() == PluginException.Reason.TRAPPED && memoryBytes > 0) {
                // A trap is often just "unreachable": an allocator giving up near the maximum is the likeliest cause.
                failure = new PluginException(failure.reason(), failure.getMessage() + " (memory: " + memoryBytes
                        + " of at most " + plugin.maxMemoryBytes() + " bytes)", failure.getCause());
            }
            report(manifest, failure.reason(), Duration.ofNanos(System.nanoTime() - started), memoryBytes);
            throw failure;
        } finally {
            deadline.cancel(false);
            context.close(true);
            running.remove(context);
        }
    }

    private static long safeMemoryBytes(RunSession session) {
        try {
            return session.memoryBytes();
        } catch (RuntimeException e) {
            return 0; // The context is gone: nothing to measure.
        }
    }

    /** The watchdog's move: interrupt, and if that does not stop the run soon, close the context by force. */
    private static void stop(Context context) {
        try {
            context.interrupt(INTERRUPT_GRACE);
        } catch (TimeoutException | RuntimeException e) {
            cancel(context);
        }
    }

    /** Closes a context, cancelling what runs in it (a context that cannot be entered any more fails the run). */
    private static void cancel(Context context) {
        try {
            context.close(true);
        } catch (RuntimeException closing) {
            // Closed already, by the run's own thread: nothing left to stop.
        }
    }

    private static PluginException closed(PluginManifest manifest) {
        return new PluginException(PluginException.Reason.CLOSED, "the plugin runtime closed before "
                + manifest.id() + " finished");
    }

    private PluginException timeout(PluginManifest manifest) {
        return new PluginException(PluginException.Reason.TIMEOUT, manifest.id() + " did not finish within "
                + limits.runDeadline().toMillis() + " ms and was stopped");
    }

    private static PluginException failure(PluginManifest manifest, RuntimeException e) {
        if (e instanceof PluginException pluginException) {
            return pluginException;
        }
        if (e instanceof PolyglotException polyglot) {
            if (polyglot.isHostException()) {
                Throwable host = polyglot.asHostException();
                if (host instanceof PluginException pluginException) {
                    return pluginException;
                }
                return new PluginException(PluginException.Reason.HOST_ERROR,
                        manifest.id() + ": a host call failed: " + host.getMessage(), host);
            }
            if (polyglot.isResourceExhausted()) {
                return new PluginException(PluginException.Reason.TRAPPED,
                        manifest.id() + " exhausted a resource: " + polyglot.getMessage(), polyglot);
            }
            return new PluginException(PluginException.Reason.TRAPPED,
                    manifest.id() + " trapped: " + polyglot.getMessage(), polyglot);
        }
        // IllegalStateException: the context was closed under the run, by the watchdog or close(), handled above.
        return new PluginException(PluginException.Reason.TRAPPED,
                manifest.id() + " failed: " + e.getMessage(), e);
    }

    private void report(PluginManifest manifest, PluginException.Reason reason, Duration elapsed, long memory) {
        metrics.runFinished(new PluginRunMetrics(
                manifest.name(), manifest.version().toString(), Optional.of(reason), elapsed, memory));
    }

    private Context newContext() {
        return Context.newBuilder("wasm")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .in(InputStream.nullInputStream())
                .build();
    }

    /**
     * Refuses the queued runs, cancels the runs under way, waits until the workers have
     * left their contexts, then closes the engine. Closing the engine while a worker is still inside a context
     * (or a worker thread interrupted there) can wait for that thread forever: so workers are never interrupted,
     * and if one has not come out in time the engine is left to the garbage collector rather than closed.
     */
    @Override
    public void close() {
        List<Runnable> queued = new ArrayList<>();
        workers.getQueue().drainTo(queued);
        workers.shutdown();
        queued.forEach(run -> ((QueuedRun) run).refuse());
        running.forEach(PluginRuntime::cancel);
        boolean idle = awaitWorkers(limits.runDeadline().plusSeconds(5));
        watchdog.shutdownNow();
        if (idle) {
            engine.close(true);
        } else {
            LOG.log(System.Logger.Level.WARNING, "a plugin run was still under way past its deadline when the "
                    + "runtime closed; its engine is left unclosed");
        }
    }

    private boolean awaitWorkers(Duration atMost) {
        try {
            return workers.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A run waiting for a worker, which completes its future whatever happens, closing the runtime included. */
    private final class QueuedRun implements Runnable {
        private final LoadedPlugin plugin;
        private final CompletableFuture<PluginResult> result;
        private final Supplier<PluginResult> body;

        QueuedRun(LoadedPlugin plugin, CompletableFuture<PluginResult> result,
                Supplier<PluginResult> body) {
            this.plugin = plugin;
            this.result = result;
            this.body = body;
        }

        @Override
        public void run() {
            try {
                result.complete(body.get());
            } catch (PluginException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                if (workers.isShutdown()) {
                    // The engine or the watchdog went away under the run.
                    refuse();
                } else {
                    report(plugin.manifest(), PluginException.Reason.HOST_ERROR, Duration.ZERO, 0);
                    result.completeExceptionally(e);
                }
            }
        }

        void refuse() {
            report(plugin.manifest(), PluginException.Reason.CLOSED, Duration.ZERO, 0);
            result.completeExceptionally(closed(plugin.manifest()));
        }
    }
}
