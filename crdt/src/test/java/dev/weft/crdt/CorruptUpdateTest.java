package dev.weft.crdt;

import static dev.weft.crdt.YArrayYMapGoldenTest.bytes;
import static dev.weft.crdt.YArrayYMapGoldenTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.weft.crdt.lib0.DecodingException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A truncated or corrupt update fails with UpdateException and leaves the document exactly as it was. */
class CorruptUpdateTest {
    private static final List<String> V1_UPDATES = List.of(YArrayYMapGoldenTest.ARRAY_INSERT,
            YArrayYMapGoldenTest.MAP_SET, YArrayYMapGoldenTest.ARRAY_DELETE_NO_GC, ConcurrentUpdatesTest.CONCURRENT_MERGED,
            ConcurrentUpdatesTest.OUT_OF_ORDER_FINAL, YArrayYMapGoldenTest.DIFF_UPDATE);
    private static final List<String> V2_UPDATES = List.of(YArrayYMapGoldenTest.ARRAY_INSERT_V2,
            YArrayYMapGoldenTest.MAP_SET_V2, YArrayYMapGoldenTest.DIFF_UPDATE_V2);

    /** A document with content of its own, so that there is something an update could damage. */
    private static Doc populatedDoc() {
        Doc d = Doc.builder().clientId(9).build();
        d.getArray("a").insert(0, List.of("mine", 1, 2));
        d.getMap("m").set("a", "kept");
        d.getArray("a").delete(1, 1);
        return d;
    }

    /** Everything an update could change: structs, deletions, pending structs and deletions, content. */
    private static String state(Doc d) {
        UpdateEncoderV1 encoder = new UpdateEncoderV1();
        UpdateCodec.writeStateAsUpdate(encoder, d, new StateVector());
        return hex(encoder.toBytes())
                + "|" + (d.store.pendingStructs == null ? "-" : hex(d.store.pendingStructs.update()))
                + "|" + (d.store.pendingDs == null ? "-" : hex(d.store.pendingDs))
                + "|" + d.share.keySet()
                + "|" + Json.stringify(d.getArray("a").toJson()) + Json.stringify(d.getMap("m").toJson());
    }

    @Test
    void everyTruncationFailsAndChangesNothing() {
        for (boolean v2 : new boolean[] {false, true}) {
            for (String update : v2 ? V2_UPDATES : V1_UPDATES) {
                byte[] full = bytes(update);
                for (int len = 0; len < full.length; len++) {
                    Doc d = populatedDoc();
                    String before = state(d);
                    byte[] truncated = Arrays.copyOf(full, len);

                    assertThatThrownBy(() -> apply(d, truncated, v2))
                            .as("%s truncated to %d bytes", update, len)
                            .isInstanceOf(UpdateException.class);
                    assertThat(state(d)).isEqualTo(before);
                }
            }
        }
    }

    @Test
    void corruptUpdatesEitherApplyOrFailWithoutChangingAnything() {
        Random random = new Random(20240601);
        for (int round = 0; round < 3000; round++) {
            boolean v2 = random.nextBoolean();
            List<String> updates = v2 ? V2_UPDATES : V1_UPDATES;
            byte[] corrupt = bytes(updates.get(random.nextInt(updates.size())));
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            Doc d = populatedDoc();
            String before = state(d);

            Throwable failure = catchThrowable(() -> apply(d, corrupt, v2));

            if (failure != null) {
                assertThat(failure).as("%s", hex(corrupt)).isInstanceOf(UpdateException.class);
                assertThat(state(d)).as("%s", hex(corrupt)).isEqualTo(before);
            } else {
                // what a corrupt update managed to say was integrated consistently
                d.store.integrityCheck();
            }
        }
    }

    @Test
    void anItemReferringToItsOwnFutureIsRefused() {
        // client 1, clock 0, one item whose origin is (1, 5): an item can only follow content created before it
        byte[] update = bytes("01010100880105017d0100");
        Doc d = populatedDoc();
        String before = state(d);

        assertThatThrownBy(() -> d.applyUpdate(update)).isInstanceOf(UpdateException.class);
        assertThat(state(d)).isEqualTo(before);
    }

    /**
     * V2 writes embed and format values as anys, V1 as JSON text: a V2 update with a value JSON cannot hold would
     * leave the document unable to encode itself as V1 for ever. (Crafted: a text "ab" with a format bold =
     * undefined, and an embed holding a bigint.)
     */
    @Test
    void aV2UpdateWithAnEmbedOrFormatV1CannotWriteIsRefused() {
        List<String> updates = List.of(
                "000100024500010200030400860b07746162626f6c64010204010100000102007f00",
                "000001050000010503017401010100000101007601016e7a000000000000000a00");
        for (String update : updates) {
            Doc d = populatedDoc();
            d.onUpdate((u, origin, txn) -> { });
            String before = state(d);

            assertThatThrownBy(() -> d.applyUpdateV2(bytes(update))).as(update)
                    .isInstanceOf(UpdateException.class).hasCauseInstanceOf(DecodingException.class);
            assertThat(state(d)).isEqualTo(before);
            assertThatThrownBy(() -> Updates.convertUpdateFormatV2ToV1(bytes(update)))
                    .isInstanceOf(UpdateException.class);
        }
    }

    private static void apply(Doc d, byte[] update, boolean v2) {
        if (v2) {
            d.applyUpdateV2(update);
        } else {
            d.applyUpdate(update);
        }
    }
}
