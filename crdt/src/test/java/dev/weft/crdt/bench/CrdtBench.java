package dev.weft.crdt.bench;

import dev.weft.crdt.Doc;
import dev.weft.crdt.Transaction;
import dev.weft.crdt.YText;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weft's side of the CRDT benchmark. {@code ./weft bench crdt} (bench/crdt) runs it on the crdt module's test
 * classes beside the JavaScript peers' client-js/bench/crdt/peers.mjs, which has the same two modes, arguments
 * and JSON output:
 *
 * <pre>
 * CrdtBench time &lt;opsFile&gt; &lt;updateFile&gt; &lt;runs&gt; &lt;loadRuns&gt; &lt;deadlineSeconds&gt;
 *   replays the prepared trace (client-js/bench/crdt/trace.mjs): a cold run and `runs` measured runs, a replay
 *   still running after the deadline being stopped and not repeated; then loads the trace's final document
 *   from its update and encodes it again: a cold run and `loadRuns` measured runs. A negative `runs` skips
 *   the replay (and leaves it out of the output).
 * CrdtBench heap &lt;opsFile&gt; &lt;updateFile&gt; &lt;docs&gt;
 *   the memory a loaded document retains, in a fresh JVM.
 * </pre>
 *
 * Not a test: surefire never runs it, and tests never measure speed.
 */
public final class CrdtBench {
    /** Every engine edits as this client, so that all of them produce the same update. */
    static final long CLIENT_ID = 1;
    static final String TEXT_NAME = "text";
    private static final String USAGE = """
        usage: CrdtBench time <opsFile> <updateFile> <runs> <loadRuns> <deadlineSeconds>
               CrdtBench heap <opsFile> <updateFile> <docs>""";

    private CrdtBench() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "";
        Map<String, Object> result;
        if (mode.equals("time") && args.length == 6) {
            result = time(Trace.read(Path.of(args[1])), Files.readAllBytes(Path.of(args[2])),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]), Double.parseDouble(args[5]));
        } else if (mode.equals("heap") && args.length == 4) {
            result = heap(Path.of(args[1]), Files.readAllBytes(Path.of(args[2])), Integer.parseInt(args[3]));
        } else {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.out.println(JsonWriter.write(result));
    }

    private static Map<String, Object> time(Trace trace, byte[] update, int runs, int loadRuns,
                                            double deadlineSeconds) {
        Timings replays = new Timings();
        ReplayOutcome last = null;
        for (int run = 0; run <= runs && (last == null || last.completed() == trace.transactions()); run++) {
            last = timeReplay(trace, replays, System.nanoTime() + (long) (deadlineSeconds * 1e9));
        }
        Timings loads = new Timings();
        Timings encodes = new Timings();
        for (int run = 0; run <= loadRuns; run++) {
            timeLoadAndEncode(update, trace.endContent, loads, encodes);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("engine", "Weft");
        result.put("runtime", runtime());
        result.put("trace", trace.name);
        result.put("transactions", trace.transactions());
        result.put("patches", trace.patches());
        result.put("documentLength", trace.endContent.length());
        if (last != null) {
            Map<String, Object> replay = replays.summary();
            replay.put("completedTransactions", last.completed());
            result.put("replay", replay);
            result.put("replayUpdateSha256", last.updateSha256());
        }
        result.put("updateBytes", update.length);
        result.put("load", loads.summary());
        result.put("encode", encodes.summary());
        return result;
    }

    /** How far a replay got, and the hash of its document's update when it finished. */
    private record ReplayOutcome(int completed, String updateSha256) {
    }

    /**
     * One timed replay, checked untimed. The document does not outlive this method, so that it is garbage by
     * the time the next run starts.
     */
    private static ReplayOutcome timeReplay(Trace trace, Timings replays, long deadline) {
        Replayed replayed = replays.time(() -> replay(trace, deadline));
        if (replayed.completed() < trace.transactions()) {
            return new ReplayOutcome(replayed.completed(), null);
        }
        expectText(replayed.doc(), trace.endContent);
        return new ReplayOutcome(replayed.completed(), sha256(replayed.doc().encodeStateAsUpdate()));
    }

    /** One timed load and one timed encoding of the loaded document, checked untimed. */
    private static void timeLoadAndEncode(byte[] update, String endContent, Timings loads, Timings encodes) {
        Doc doc = loads.time(() -> load(update));
        expectText(doc, endContent);
        expectSameBytes(encodes.time(doc::encodeStateAsUpdate), update);
    }

    private static void expectSameBytes(byte[] encoded, byte[] update) {
        if (!Arrays.equals(encoded, update)) {
            throw new IllegalStateException("Weft encoded a loaded document differently from its update");
        }
    }

    /** A replayed document and how many transactions it received. */
    private record Replayed(Doc doc, int completed) {
    }

    /**
     * Replays the trace into a new document, one transaction per trace transaction. A replay still running at
     * {@code deadline} (a System.nanoTime() time) stops there, between two transactions; the clock is read every
     * 1024 transactions only, to stay off the measurement.
     */
    private static Replayed replay(Trace trace, long deadline) {
        Doc doc = Doc.builder().clientId(CLIENT_ID).build();
        YText text = doc.getText(TEXT_NAME);
        for (int t = 0; t < trace.transactions(); t++) {
            try (Transaction txn = doc.transact()) {
                for (int p = trace.firstPatch(t), end = trace.endPatch(t); p < end; p++) {
                    if (trace.delete(p) > 0) {
                        text.delete(txn, trace.position(p), trace.delete(p));
                    }
                    if (!trace.insert(p).isEmpty()) {
                        text.insert(txn, trace.position(p), trace.insert(p), null);
                    }
                }
            }
            if ((t & 1023) == 1023 && System.nanoTime() - deadline > 0) {
                return new Replayed(doc, t + 1);
            }
        }
        return new Replayed(doc, trace.transactions());
    }

    private static Doc load(byte[] update) {
        Doc doc = new Doc();
        doc.getText(TEXT_NAME);
        doc.applyUpdate(update);
        return doc;
    }

    private static Doc expectText(Doc doc, String endContent) {
        if (!doc.getText(TEXT_NAME).toString().equals(endContent)) {
            throw new IllegalStateException("Weft did not produce the trace's endContent");
        }
        return doc;
    }

    /**
     * The memory a loaded document retains: {@code docs} documents are loaded from the update and kept
     * reachable, and the heap in use after full collections grows by {@code docs} times that. One document is
     * loaded first and kept throughout, so that loading classes and compiling code is not counted. A class
     * histogram taken alongside says which classes the bytes are in.
     */
    private static Map<String, Object> heap(Path opsFile, byte[] update, int docs) throws IOException {
        Trace trace = Trace.read(opsFile);
        String name = trace.name;
        String endContent = trace.endContent;
        trace = null; // its patches would only slow the collections down
        List<Doc> loaded = new ArrayList<>();
        loaded.add(expectText(load(update), endContent));
        Map<String, HeapProbe.ClassUsage> histogramBefore = HeapProbe.classHistogram();
        long before = HeapProbe.fullGc();
        for (int i = 0; i < docs; i++) {
            loaded.add(expectText(load(update), endContent));
        }
        long after = HeapProbe.fullGc();
        Map<String, HeapProbe.ClassUsage> histogramAfter = HeapProbe.classHistogram();
        Reference.reachabilityFence(loaded);

        List<Map<String, Object>> topClasses = new ArrayList<>();
        histogramAfter.entrySet().stream()
            .filter(e -> !e.getKey().startsWith(CrdtBench.class.getPackageName() + "."))
            .map(e -> Map.entry(e.getKey(), e.getValue().minus(histogramBefore.get(e.getKey()))))
            .sorted(Comparator.comparingLong(e -> -e.getValue().bytes()))
            .limit(12)
            .forEach(e -> {
                Map<String, Object> usage = new LinkedHashMap<>();
                usage.put("class", e.getKey());
                usage.put("instances", e.getValue().instances() / (double) docs);
                usage.put("bytes", e.getValue().bytes() / (double) docs);
                topClasses.add(usage);
            });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("engine", "Weft");
        result.put("trace", name);
        result.put("documents", docs);
        result.put("retainedBytes", (after - before) / (double) docs);
        result.put("method", "Java heap in use after full GCs (MemoryMXBean), with minus without the documents");
        result.put("topClasses", topClasses);
        return result;
    }

    private static String runtime() {
        return System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
