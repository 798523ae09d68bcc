package dev.weft.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code weft serve} in a child JVM with the test's classpath, for what an in-process server cannot show: a kill
 * with SIGKILL, and the shutdown hook that SIGTERM runs.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread reader;

    private ServerProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(this::readOutput);
    }

    /** Starts {@code weft serve} on a free loopback port over {@code dataDir}; returns once it listens. */
    public static ServerProcess start(Path dataDir, String... flags) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.weft.server.Weft", "serve",
                "--bind", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(flags));
        try {
            ServerProcess server = new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
            server.port.get(60, TimeUnit.SECONDS);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the server process did not start", e);
        }
    }

    public int port() {
        return port.join();
    }

    /** Everything the process printed so far (all of it once {@link #kill} or {@link #terminate} returned). */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** SIGKILL: no shutdown hook, no flush; waits until the process is gone. */
    public void kill() throws InterruptedException {
        // Through the handle: Process.destroy* would also close the pipe whose last lines are still to be read.
        process.toHandle().destroyForcibly();
        process.waitFor();
        reader.join();
    }

    /** SIGTERM: the shutdown hook closes the server; returns its exit code. */
    public int terminate() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not stop within 60 s of SIGTERM");
        }
        reader.join();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            // The process is gone.
        }
        port.completeExceptionally(new IllegalStateException("the server exited before listening: " + output));
    }
}
