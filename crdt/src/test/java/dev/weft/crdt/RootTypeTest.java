package dev.weft.crdt;

import static dev.weft.crdt.YArrayYMapGoldenTest.bytes;
import static dev.weft.crdt.YArrayYMapGoldenTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Root types named by updates before the application asks for them keep their content, as in Yjs. */
class RootTypeTest {
    @Test
    void contentOfAnUndeclaredRootTypeIsKeptAndEncoded() {
        Doc d = new Doc();
        d.applyUpdate(bytes(YArrayYMapGoldenTest.ARRAY_INSERT));

        // nobody asked for "a" yet: it is still written back unchanged
        assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(YArrayYMapGoldenTest.ARRAY_INSERT);
        YArray a = d.getArray("a");
        assertThat(Json.stringify(a.toJson())).isEqualTo(YArrayYMapGoldenTest.ARRAY_INSERT_JSON);
        assertThat(a.length()).isEqualTo(7);
        assertThat(d.getArray("a")).isSameAs(a);
    }

    @Test
    void editsAfterDeclaringTheTypeContinueItsContent() {
        Doc d = Doc.builder().clientId(2).build();
        d.applyUpdate(bytes(YArrayYMapGoldenTest.ARRAY_INSERT));
        YArray a = d.getArray("a");
        a.insert(7, List.of("end"));
        a.delete(0, 1);

        Doc other = new Doc();
        other.applyUpdate(d.encodeStateAsUpdate());
        assertThat(other.getArray("a").toArray()).hasSize(7).endsWith("end");
    }

    @Test
    void aRootTypeHasOneKind() {
        Doc d = new Doc();
        d.getArray("x");

        assertThatThrownBy(() -> d.getMap("x")).isInstanceOf(IllegalStateException.class);
    }
}
