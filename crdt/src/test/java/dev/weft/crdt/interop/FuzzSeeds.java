package dev.weft.crdt.interop;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * The seeds a fuzz test runs: 1..N with N from {@code -Dweft.fuzz.seeds} (default 1000), or the one seed given by
 * {@code -Dweft.fuzz.seed} to replay a failure.
 */
public final class FuzzSeeds {
    static final int DEFAULT_COUNT = 1000;

    private FuzzSeeds() {
    }

    public static LongStream seeds() {
        String one = System.getProperty("weft.fuzz.seed");
        if (one != null && !one.isBlank()) {
            return LongStream.of(Long.parseLong(one.trim()));
        }
        return LongStream.rangeClosed(1, Integer.getInteger("weft.fuzz.seeds", DEFAULT_COUNT));
    }

    /** Whether the run covers many seeds (statistics about the run mean something) rather than one replayed seed. */
    public static boolean isFullRun() {
        String one = System.getProperty("weft.fuzz.seed");
        return one == null || one.isBlank();
    }

    /**
     * One dynamic test per seed, then, in a full run only, {@code coverage}: a check that the seeds exercised what
     * the test is about (a replayed seed proves nothing about the run as a whole).
     */
    public static Stream<DynamicTest> tests(LongConsumer check, String coverageName, Executable coverage) {
        Stream<DynamicTest> seeds = seeds().mapToObj(seed -> dynamicTest("seed " + seed, () -> check.accept(seed)));
        return isFullRun() ? Stream.concat(seeds, Stream.of(dynamicTest(coverageName, coverage))) : seeds;
    }

    /** The sentence that ends every failure message. */
    public static String replayHint(long seed) {
        return "(replay this seed alone with -Dweft.fuzz.seed=" + seed + ")";
    }
}
