package dev.weft.protocol;

import static dev.weft.protocol.AwarenessEntries.entries;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.weft.protocol.AwarenessEntries.Entry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random scenarios of awareness updates, removals and the passing of time, played on y-protocols' Awareness in
 * Node (src/test/resources/dev/weft/protocol/awareness-peer.mjs, the real {@code y-protocols} of client-js) and on
 * {@link Awareness}: after every step both report the same events with the same relayed bytes, and encode the
 * same states in the same order. Clients send states as {@code JSON.stringify} writes them, so the bytes relayed
 * are the same too.
 */
class AwarenessDifferentialTest {
    private static final int SCENARIOS = 300;
    private static final int STEPS = 40;
    private static final long[] CLIENTS = {10, 20, 30, 40, 300};
    /** Texts as JSON.stringify writes them: equal values, different values, falsy values, and null removals. */
    private static final List<String> STATES = List.of("null", "null", "{}", "{\"n\":1}", "{\"n\":2}",
            "{\"a\":1,\"b\":[true,null]}", "{\"b\":[true,null],\"a\":1}", "[1,2]", "\"s\"", "0", "false", "\"\"");
    private static final long[] ADVANCES = {500, 3000, 14_000, 16_000, 29_000, 31_000};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private static Process node;
    private static Writer scenarios;
    private static BufferedReader answers;

    @BeforeAll
    static void startNode() throws IOException {
        Path clientJs = Path.of(System.getProperty("weft.root", "..")).resolve("client-js");
        if (!Files.isDirectory(clientJs.resolve("node_modules/y-protocols"))) {
            throw new IllegalStateException("y-protocols is not installed in " + clientJs + ": run `npm ci` there");
        }
        String script;
        try (InputStream in = AwarenessDifferentialTest.class.getResourceAsStream("awareness-peer.mjs")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        node = new ProcessBuilder("node", "--no-warnings", "--input-type=module", "-e", script)
                .directory(clientJs.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        scenarios = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopNode() throws Exception {
        scenarios.close();
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly();
        }
    }

    @Test
    void weftReportsAndRelaysWhatYProtocolsDoes() throws IOException {
        for (int seed = 1; seed <= SCENARIOS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ArrayNode steps = JSON.createArrayNode();
            List<String> weft = new Scenario().play(random, steps);

            scenarios.write(JSON.writeValueAsString(steps) + "\n");
            scenarios.flush();
            String answer = answers.readLine();
            assertThat(answer).as("Node's answer to scenario %d", seed).isNotNull();
            List<String> yProtocols = new ArrayList<>();
            JSON.readTree(answer).forEach(line -> yProtocols.add(line.asText()));

            assertThat(weft).as("scenario %d: %s", seed, steps).isEqualTo(yProtocols);
        }
    }

    /** One scenario played on Weft's Awareness, written down as steps for Node, with what Weft reported. */
    private static final class Scenario {
        private final ManualTime time = new ManualTime();
        private final Awareness awareness = new Awareness(time);
        private final long[] clocks = new long[CLIENTS.length];
        private final List<String> lines = new ArrayList<>();

        List<String> play(SplittableRandom random, ArrayNode steps) {
            for (int i = 0; i < STEPS; i++) {
                int kind = random.nextInt(10);
                if (kind < 7) {
                    byte[] update = randomUpdate(random);
                    steps.addObject().put("apply", HEX.formatHex(update));
                    record(awareness.apply(update));
                } else if (kind < 8) {
                    List<Long> closed = randomClients(random);
                    steps.addObject().set("remove", JSON.valueToTree(closed));
                    record(awareness.remove(closed));
                } else {
                    long to = time.millis() + ADVANCES[random.nextInt(ADVANCES.length)];
                    steps.addObject().put("advanceTo", to);
                    ExpiryChecks.advanceTo(to, time, awareness, this::record);
                }
                lines.add("all " + HEX.formatHex(awareness.encodeAll()));
            }
            return lines;
        }

        /** One to three entries, clocks around each client's latest: older, equal and newer ones. */
        private byte[] randomUpdate(SplittableRandom random) {
            Entry[] entries = new Entry[1 + random.nextInt(3)];
            for (int i = 0; i < entries.length; i++) {
                int client = random.nextInt(CLIENTS.length);
                long clock = Math.max(0, clocks[client] + random.nextInt(-1, 3));
                clocks[client] = Math.max(clocks[client], clock);
                entries[i] = new Entry(CLIENTS[client], clock, STATES.get(random.nextInt(STATES.size())));
            }
            return entries(entries);
        }

        private static List<Long> randomClients(SplittableRandom random) {
            List<Long> clients = new ArrayList<>();
            for (long client : CLIENTS) {
                if (random.nextBoolean()) {
                    clients.add(client);
                }
            }
            return clients;
        }

        private void record(AwarenessChange change) {
            if (change.isEmpty()) {
                return;
            }
            String renewed = change.renewed().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
            lines.add(time.millis() + " +[" + join(change.added()) + "] ~[" + join(change.updated()) + "] =["
                    + renewed + "] -[" + join(change.removed()) + "] " + HEX.formatHex(change.update()));
        }

        private static String join(List<Long> ids) {
            return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }
}
