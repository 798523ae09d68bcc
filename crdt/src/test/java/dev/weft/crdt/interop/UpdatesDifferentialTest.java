package dev.weft.crdt.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.crdt.Updates;
import dev.weft.crdt.lib0.Lib0Encoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Weft's {@link Updates} against Yjs's updates.js: for each seed, Yjs documents in Node make a random editing
 * session (client-js/peers/session.js); a random selection of its updates and state-vector syncs, in random order
 * and with repeats (so they overlap, leave gaps and arrive out of order), is merged, diffed against a random state
 * vector (whose clocks often fall inside structs), turned into a state vector, converted to the other format and
 * parsed for its clock ranges, in V1 and in V2, by both (client-js/peers/update-utilities.js). Every result must be
 * the same bytes.
 */
class UpdatesDifferentialTest {
    private static YjsInterop yjs;

    @BeforeAll
    static void startYjs() {
        yjs = YjsInterop.start();
    }

    @AfterAll
    static void stopYjs() {
        yjs.close();
    }

    @TestFactory
    Stream<DynamicTest> updateUtilitiesMatchYjs() {
        return FuzzSeeds.seeds().mapToObj(seed -> dynamicTest("seed " + seed, () -> check(seed)));
    }

    private static void check(long seed) {
        YjsSession session = YjsSession.run(yjs, seed, Kind.mixForSeed(seed));
        SplittableRandom random = new SplittableRandom(seed);
        List<UpdatePair> pool = new ArrayList<>(session.updates());
        pool.addAll(session.syncs());
        List<UpdatePair> picked = new ArrayList<>();
        int count = 1 + random.nextInt(pool.size() + 1);
        for (int i = 0; i < count; i++) {
            picked.add(pool.get(random.nextInt(pool.size())));
        }
        List<byte[]> v1 = picked.stream().map(UpdatePair::v1).toList();
        List<byte[]> v2 = picked.stream().map(UpdatePair::v2).toList();
        byte[] stateVector = randomStateVector(Updates.parseUpdateMeta(Updates.mergeUpdates(v1)).to(), random);
        String context = "seed " + seed + ", state vector " + HexFormat.of().formatHex(stateVector) + " " + FuzzSeeds.replayHint(seed);

        JsonNode yjsV1 = utilities(1, v1, stateVector);
        byte[] merged = Updates.mergeUpdates(v1);
        assertSameBytes(merged, yjsV1.get("merged"), "mergeUpdates", context);
        assertSameBytes(Updates.diffUpdate(merged, stateVector), yjsV1.get("diff"), "diffUpdate", context);
        assertSameBytes(Updates.encodeStateVectorFromUpdate(merged), yjsV1.get("stateVector"),
                "encodeStateVectorFromUpdate", context);
        assertSameBytes(Updates.convertUpdateFormatV1ToV2(merged), yjsV1.get("converted"),
                "convertUpdateFormatV1ToV2", context);
        assertSameMeta(Updates.parseUpdateMeta(merged), yjsV1.get("meta"), context);

        JsonNode yjsV2 = utilities(2, v2, stateVector);
        byte[] mergedV2 = Updates.mergeUpdatesV2(v2);
        assertSameBytes(mergedV2, yjsV2.get("merged"), "mergeUpdatesV2", context);
        assertSameBytes(Updates.diffUpdateV2(mergedV2, stateVector), yjsV2.get("diff"), "diffUpdateV2", context);
        assertSameBytes(Updates.encodeStateVectorFromUpdateV2(mergedV2), yjsV2.get("stateVector"),
                "encodeStateVectorFromUpdateV2", context);
        assertSameBytes(Updates.convertUpdateFormatV2ToV1(mergedV2), yjsV2.get("converted"),
                "convertUpdateFormatV2ToV1", context);
        assertSameMeta(Updates.parseUpdateMetaV2(mergedV2), yjsV2.get("meta"), context);
    }

    private static JsonNode utilities(int format, List<byte[]> updates, byte[] stateVector) {
        var encoded = YjsInterop.JSON.createArrayNode();
        updates.forEach(update -> encoded.add(Base64.getEncoder().encodeToString(update)));
        return yjs.call("updates", YjsInterop.params().put("format", format)
                .put("stateVector", Base64.getEncoder().encodeToString(stateVector)).set("updates", encoded));
    }

    /**
     * A V1 state vector for some of the clients in {@code ends} (client -> clock after its last struct), each at a
     * random clock up to one past that end; plus, at times, a client the update does not have.
     */
    private static byte[] randomStateVector(Map<Long, Long> ends, SplittableRandom random) {
        List<long[]> entries = new ArrayList<>();
        ends.forEach((client, end) -> {
            if (random.nextInt(4) > 0) {
                entries.add(new long[] {client, random.nextLong(end + 2)});
            }
        });
        if (random.nextInt(4) == 0) {
            entries.add(new long[] {0xFFFF_FFFEL, 1});
        }
        Lib0Encoder encoder = new Lib0Encoder();
        encoder.writeVarUint(entries.size());
        for (long[] entry : entries) {
            encoder.writeVarUint(entry[0]);
            encoder.writeVarUint(entry[1]);
        }
        return encoder.toByteArray();
    }

    private static void assertSameBytes(byte[] weft, JsonNode yjsBase64, String what, String context) {
        Differences.bytes(weft, UpdatePair.base64(yjsBase64)).ifPresent(d -> {
            throw new AssertionError(what + " differs from Yjs's, " + context + ": " + d);
        });
    }

    private static void assertSameMeta(Updates.UpdateMeta weft, JsonNode yjsMeta, String context) {
        assertThat(pairs(weft.from())).as("parseUpdateMeta from, %s", context).isEqualTo(pairs(yjsMeta.get("from")));
        assertThat(pairs(weft.to())).as("parseUpdateMeta to, %s", context).isEqualTo(pairs(yjsMeta.get("to")));
    }

    private static List<List<Long>> pairs(Map<Long, Long> clocks) {
        return clocks.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
    }

    private static List<List<Long>> pairs(JsonNode array) {
        List<List<Long>> out = new ArrayList<>();
        array.forEach(pair -> out.add(List.of(pair.get(0).asLong(), pair.get(1).asLong())));
        return out;
    }
}
