package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.crdt.lib0.DecodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bytes from an untrusted peer: real updates, snapshots and relative positions with bytes flipped, inserted,
 * removed or cut off. Whatever the bytes, the contract holds: decoding fails only with {@link UpdateException}
 * caused by a {@link DecodingException} (never another exception, nor the safety net of
 * {@link UpdateException#decoding}), a document an update failed on is unchanged, and one it was applied to stays
 * consistent and encodable. Rounds: {@code -Dweft.hostile.rounds} (default 3000), seeded for replay by
 * {@code -Dweft.hostile.seed}.
 */
class HostileInputTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int ROUNDS = Integer.getInteger("weft.hostile.rounds", 3000);

    /** One kind of contract break, with the shortest bytes that showed it. */
    private final Map<String, String> findings = new TreeMap<>();

    /** A source of updates: a document with a bit of everything, and one with concurrent edits on top. */
    private record Source(String name, byte[] update, boolean v2, byte[] prior, boolean gc) {
    }

    @Test
    void corruptUpdatesFailCleanlyOrApplyConsistently() {
        Random random = new Random(Long.getLong("weft.hostile.seed", 1));
        List<Source> sources = new ArrayList<>();
        for (boolean gc : new boolean[] {true, false}) {
            Doc a = richDoc(gc);
            byte[] full = a.encodeStateAsUpdate();
            Doc b = concurrentEdits(full, gc);
            sources.add(new Source("full V1", full, false, null, gc));
            sources.add(new Source("full V2", a.encodeStateAsUpdateV2(), true, null, gc));
            sources.add(new Source("diff V1", b.encodeStateAsUpdate(a.encodeStateVector()), false, full, gc));
            sources.add(new Source("diff V2", b.encodeStateAsUpdateV2(a.encodeStateVector()), true, full, gc));
        }
        List<Consumer<Doc>> declarations = List.of(d -> { }, d -> {
            d.getText("t");
            d.getArray("a");
            d.getMap("m");
            d.getXmlFragment("x");
        }, d -> {
            // roots declared as the wrong kinds
            d.getMap("t");
            d.getText("a");
            d.getArray("m");
            d.getText("x");
        });
        for (int round = 0; round < ROUNDS; round++) {
            Source source = sources.get(random.nextInt(sources.size()));
            Doc doc = Doc.builder().clientId(9).gc(source.gc()).build();
            declarations.get(random.nextInt(declarations.size())).accept(doc);
            boolean pendingFirst = random.nextBoolean();
            if (pendingFirst) {
                // a valid diff waits as pending structs when the corrupt bytes arrive
                doc.applyUpdate(sources.get(source.gc() ? 2 : 6).update());
            } else if (source.prior() != null) {
                doc.applyUpdate(source.prior());
            }
            byte[] corrupt = mutate(source.update(), random);
            String context = source.name() + (pendingFirst ? " onto pending" : "") + ", gc " + source.gc();
            applyAndCheck(doc, corrupt, source.v2(), context);
            checkUpdates(corrupt, source.v2(), context);
        }
        assertThat(findings).as("contract breaks, with the shortest bytes for each").isEmpty();
    }

    @Test
    void corruptSnapshotsAndPositionsFailCleanly() {
        Random random = new Random(Long.getLong("weft.hostile.seed", 1));
        Doc doc = richDoc(false);
        Snapshot snapshot = Snapshot.snapshot(doc);
        List<byte[]> positions = List.of(RelativePosition.fromTypeIndex(doc.getText("t"), 5).encode(),
                RelativePosition.fromTypeIndex(doc.getText("t"), doc.getText("t").length()).encode(),
                RelativePosition.fromTypeIndex((AbstractType<?>) doc.getMap("m").get("sub"), 0).encode());
        for (int round = 0; round < ROUNDS; round++) {
            boolean v2 = random.nextBoolean();
            byte[] corrupt = mutate(v2 ? snapshot.encodeV2() : snapshot.encode(), random);
            decodeOrRecord("snapshot", corrupt, () -> {
                Snapshot decoded = v2 ? Snapshot.decodeV2(corrupt) : Snapshot.decode(corrupt);
                try {
                    doc.getText("t").toDelta(decoded);
                    Snapshot.createDocFromSnapshot(doc, decoded).encodeStateAsUpdate();
                } catch (IllegalArgumentException e) {
                    // documented: a snapshot ahead of the document
                }
            });
            byte[] position = mutate(positions.get(random.nextInt(positions.size())), random);
            decodeOrRecord("relative position", position,
                    () -> RelativePosition.decode(position).toAbsolutePosition(doc));
        }
        assertThat(findings).as("contract breaks, with the shortest bytes for each").isEmpty();
    }

    private void applyAndCheck(Doc doc, byte[] corrupt, boolean v2, String context) {
        String before = state(doc);
        try {
            if (v2) {
                doc.applyUpdateV2(corrupt);
            } else {
                doc.applyUpdate(corrupt);
            }
        } catch (UpdateException e) {
            if (!(e.getCause() instanceof DecodingException)) {
                record("applyUpdate: not a DecodingException (" + context + ")", e, corrupt);
            } else if (!state(doc).equals(before)) {
                record("applyUpdate failed and changed the document (" + context + ")", e, corrupt);
            }
            return;
        } catch (RuntimeException | Error e) {
            record("applyUpdate (" + context + ")", e, corrupt);
            return;
        }
        try {
            // what a corrupt update managed to say must have been integrated consistently
            doc.store.integrityCheck();
            Doc copy = new Doc();
            copy.applyUpdate(doc.encodeStateAsUpdate());
            copy.applyUpdateV2(doc.encodeStateAsUpdateV2());
            doc.share.values().forEach(AbstractType::toJson);
        } catch (RuntimeException | Error e) {
            record("after applying (" + context + ")", e, corrupt);
        }
    }

    private void checkUpdates(byte[] corrupt, boolean v2, String context) {
        decodeOrRecord("Updates (" + context + ")", corrupt, () -> {
            if (v2) {
                Updates.mergeUpdatesV2(List.of(corrupt, corrupt));
                Updates.diffUpdateV2(corrupt, new byte[] {0});
                Updates.encodeStateVectorFromUpdateV2(corrupt);
                Updates.parseUpdateMetaV2(corrupt);
                Updates.convertUpdateFormatV2ToV1(corrupt);
            } else {
                Updates.mergeUpdates(List.of(corrupt, corrupt));
                Updates.diffUpdate(corrupt, new byte[] {0});
                Updates.encodeStateVectorFromUpdate(corrupt);
                Updates.parseUpdateMeta(corrupt);
                Updates.convertUpdateFormatV1ToV2(corrupt);
            }
        });
    }

    private void decodeOrRecord(String what, byte[] bytes, Runnable decoding) {
        try {
            decoding.run();
        } catch (UpdateException e) {
            if (!(e.getCause() instanceof DecodingException)) {
                record(what + ": not a DecodingException", e, bytes);
            }
        } catch (RuntimeException | Error e) {
            record(what, e, bytes);
        }
    }

    private void record(String where, Throwable failure, byte[] bytes) {
        Throwable cause = failure instanceof UpdateException && failure.getCause() != null ? failure.getCause() : failure;
        StackTraceElement at = Arrays.stream(cause.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("dev.weft.crdt.")
                        && !frame.getClassName().endsWith("Test"))
                .findFirst().orElse(null);
        String kind = where + ": " + cause.getClass().getSimpleName() + " at " + at;
        String hex = HEX.formatHex(bytes);
        findings.merge(kind, hex + " (" + cause.getMessage() + ")",
                (old, now) -> old.length() <= now.length() ? old : now);
    }

    /** Everything an update could change: structs, deletions, pending structs and deletions, roots and content. */
    private static String state(Doc doc) {
        UpdateEncoderV1 encoder = new UpdateEncoderV1();
        UpdateCodec.writeStateAsUpdate(encoder, doc, new StateVector());
        StringBuilder s = new StringBuilder(HEX.formatHex(encoder.toBytes()));
        s.append('|').append(doc.store.pendingStructs == null ? "-" : HEX.formatHex(doc.store.pendingStructs.update()));
        s.append('|').append(doc.store.pendingDs == null ? "-" : HEX.formatHex(doc.store.pendingDs));
        doc.share.forEach((name, type) -> s.append('|').append(name).append('=').append(type.getClass().getSimpleName())
                .append(Json.stringify(type.toJson())));
        return s.toString();
    }

    private static byte[] mutate(byte[] source, Random random) {
        byte[] b = source.clone();
        int at = random.nextInt(b.length);
        return switch (random.nextInt(5)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                yield b;
            }
            case 1 -> {
                b[at] ^= (byte) (1 << random.nextInt(8));
                yield b;
            }
            case 2 -> Arrays.copyOf(b, at);
            case 3 -> {
                byte[] longer = new byte[b.length + 1];
                System.arraycopy(b, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(b, at, longer, at + 1, b.length - at);
                yield longer;
            }
            default -> {
                byte[] shorter = new byte[b.length - 1];
                System.arraycopy(b, 0, shorter, 0, at);
                System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                yield shorter;
            }
        };
    }

    /** Text with formats and an embed, a list and a map with nested types, XML with a hook: every struct kind. */
    private static Doc richDoc(boolean gc) {
        Doc doc = Doc.builder().clientId(1).gc(gc).build();
        YText text = doc.getText("t");
        text.insert(0, "hello world, this is text \uD83D\uDE00 ok");
        text.format(0, 5, Map.of("bold", true));
        text.format(6, 5, Map.of("link", Map.of("href", "x")));
        text.insertEmbed(3, Map.of("image", "a.png"));
        YArray array = doc.getArray("a");
        array.insert(0, List.of(1, 2.5, "three", List.of(4), Map.of("k", "v"), new byte[] {1, 2}));
        array.push(List.of(new YMap(Map.of("n", 1)), new YArray(), new YText("nested")));
        YMap map = doc.getMap("m");
        map.set("x", 1);
        map.set("y", "two");
        map.set("x", 3);
        map.set("sub", new YMap());
        ((YMap) map.get("sub")).set("deep", "yes");
        YXmlElement paragraph = new YXmlElement("p");
        paragraph.setAttribute("class", "c");
        YXmlText xmlText = new YXmlText("xml text");
        paragraph.insert(0, List.of(xmlText));
        doc.getXmlFragment("x").insert(0, List.of(paragraph, new YXmlHook("hook")));
        xmlText.format(0, 3, Map.of("em", Map.of()));
        text.delete(12, 4);
        array.delete(1, 1);
        map.delete("y");
        return doc;
    }

    /** Another client's concurrent edits on top of {@code state}. */
    private static Doc concurrentEdits(byte[] state, boolean gc) {
        Doc doc = Doc.builder().clientId(2).gc(gc).build();
        doc.applyUpdate(state);
        YText text = doc.getText("t");
        text.insert(4, "XYZ", Map.of("italic", true));
        text.format(1, 10, Map.of("bold", Map.of("w", 700)));
        text.delete(8, 3);
        YArray array = doc.getArray("a");
        array.insert(2, List.of("ins", new YMap()));
        array.delete(0, 1);
        YMap map = doc.getMap("m");
        map.set("x", "over");
        map.set("z", List.of(1, 2));
        map.delete("sub");
        doc.getXmlFragment("x").insert(1, List.of(new YXmlElement("div"), new YXmlText("more")));
        return doc;
    }
}
