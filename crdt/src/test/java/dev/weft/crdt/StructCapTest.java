package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.DecodingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cap on how many structs a V2 update may declare for its size: a few run-length-encoded bytes cannot make a
 * reader decode a million structs, while the document's own V2 bytes, which may compress further, are still read.
 */
class StructCapTest {
    private static final int DECLARED = 1_000_000;

    /** One client's {@code count} GCs of length 1, each a struct of its own: every column is a single run. */
    private static byte[] runOfGcs(int count) {
        UpdateEncoderV2 encoder = new UpdateEncoderV2();
        encoder.restEncoder().writeVarUint(1); // one client
        encoder.restEncoder().writeVarUint(count);
        encoder.writeClient(1);
        encoder.restEncoder().writeVarUint(0); // from clock 0
        for (int i = 0; i < count; i++) {
            encoder.writeInfo(GC.STRUCT_REF);
            encoder.writeLen(1);
        }
        encoder.restEncoder().writeVarUint(0); // an empty delete set
        return encoder.toBytes();
    }

    @Test
    void aTinyV2UpdateDeclaringAMillionStructsIsRefusedEverywhereItIsRead() {
        byte[] hostile = runOfGcs(DECLARED);
        assertThat(hostile.length).isLessThan(64);
        Doc doc = new Doc();
        doc.getText("t").insert(0, "before");
        byte[] before = doc.encodeStateAsUpdateV2();

        assertThatThrownBy(() -> doc.applyUpdateV2(hostile))
                .isInstanceOf(UpdateException.class)
                .hasCauseInstanceOf(DecodingException.class)
                .hasMessageContaining("more structs than its size allows");
        assertThat(doc.encodeStateAsUpdateV2()).isEqualTo(before);
        assertThatThrownBy(() -> Updates.mergeUpdatesV2(List.of(hostile, before))).isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Updates.parseUpdateMetaV2(hostile)).isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Updates.encodeStateVectorFromUpdateV2(hostile)).isInstanceOf(UpdateException.class);
    }

    @Test
    void aRunWithinTheCapIsRead() {
        int count = UpdateDecoderV2.MIN_STRUCTS;
        Doc doc = new Doc();
        doc.applyUpdateV2(runOfGcs(count));
        assertThat(StateVector.decode(doc.encodeStateVector()).get(1)).isEqualTo(count);
    }

    @Test
    void pendingStructsThatCompressPastTheCapStillIntegrateWhenTheirDependencyArrives() {
        Doc a = new Doc();
        a.getArray("list").push(List.of("first"));
        byte[] first = a.encodeStateAsUpdate();
        Doc b = new Doc();
        b.applyUpdate(first);
        int maps = 5000;
        for (int i = 0; i < maps; i++) {
            b.getArray("list").push(List.of(new YMap()));
        }
        byte[] onlyMaps = b.encodeStateAsUpdate(a.encodeStateVector());

        Doc c = new Doc();
        c.applyUpdate(onlyMaps); // every map waits for "first": pending, kept as the document's own V2 bytes
        assertThat(c.getArray("list").length()).isZero();
        // Read with the cap, the document's own bytes would be refused.
        assertThat(UpdateDecoderV2.maxStructs(c.encodeStateAsUpdateV2().length)).isLessThan(maps);
        c.applyUpdate(first);

        assertThat(c.getArray("list").length()).isEqualTo(maps + 1);
        assertThat(c.encodeStateAsUpdate()).isEqualTo(b.encodeStateAsUpdate());
    }
}
