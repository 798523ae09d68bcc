package dev.weft.crdt.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The times of one benchmark step over all runs of a process, following the protocol the JavaScript peers
 * follow too (client-js/bench/crdt/measure.mjs): the first run is reported as the cold figure and doubles as
 * warm-up, the median of the others is quoted. No collection is forced between runs (V8 would lose its
 * optimized code to it): collections happen on the clock, when allocation calls for them, as they do in use.
 */
final class Timings {
    private final List<Double> millis = new ArrayList<>();

    <T> T time(Supplier<T> step) {
        long start = System.nanoTime();
        T result = step.get();
        millis.add((System.nanoTime() - start) / 1e6);
        return result;
    }

    /** {@code coldMs}, {@code runsMs} and {@code medianMs} (null when only the cold run was made). */
    Map<String, Object> summary() {
        List<Double> runs = millis.subList(1, millis.size());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("coldMs", millis.getFirst());
        summary.put("runsMs", List.copyOf(runs));
        summary.put("medianMs", runs.isEmpty() ? null : median(runs));
        return summary;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
