package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.crdt.lib0.Lib0Encoder;
import dev.weft.crdt.lib0.Undefined;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A position in a type that stays put when content is inserted or deleted around it, as a cursor should: it is
 * tied to the unit of content after it (or, with a negative {@code assoc}, before it), not to a number. Mirrors
 * Yjs's RelativePosition, with the same binary and JSON forms, so positions travel between Java and Yjs peers.
 *
 * <p>Exactly as in Yjs, a position inside a type names the {@code item} it is tied to; a position at the end of a
 * type names the type instead, by its root key ({@code tname}) or by the id of the item holding it
 * ({@code type}). At least one of the three is set; equality is Yjs's compareRelativePositions.
 *
 * @param type the id of the item holding the type, for a position at the end of a nested type; else null
 * @param tname the root key of the type, for a position at the end of a root type; else null
 * @param item the id of the unit the position is tied to; null at the end of a type
 * @param assoc 0 or more: tied to the unit after the position; negative: to the unit before it
 */
public record RelativePosition(ID type, String tname, ID item, int assoc) {
    private static final int TAG_ITEM = 0;
    private static final int TAG_ROOT_TYPE = 1;
    private static final int TAG_NESTED_TYPE = 2;

    public RelativePosition {
        if (type == null && tname == null && item == null) {
            throw new IllegalArgumentException("A relative position needs an item, a type id or a root type name");
        }
    }

    /**
     * The position before the {@code index}-th countable unit of {@code type}, tied to the unit after it. Yjs's
     * createRelativePositionFromTypeIndex with assoc 0.
     */
    public static RelativePosition fromTypeIndex(AbstractType<?> type, int index) {
        return fromTypeIndex(type, index, 0);
    }

    /**
     * The position before the {@code index}-th countable unit of {@code type}. With {@code assoc} 0 or more it is
     * tied to the unit after it and so ends up after content inserted there later; with a negative {@code assoc}
     * it is tied to the unit before it and ends up before such content. Yjs's createRelativePositionFromTypeIndex.
     */
    public static RelativePosition fromTypeIndex(AbstractType<?> type, int index, int assoc) {
        if (assoc < 0) {
            if (index == 0) {
                return atEndOf(type, assoc);
            }
            index--;
        }
        for (Item t = type.start; t != null; t = t.right) {
            if (!t.isDeleted() && t.countable()) {
                if (t.length > index) {
                    return new RelativePosition(typeId(type), rootKey(type),
                            new ID(t.id.client(), t.id.clock() + index), assoc);
                }
                index -= t.length;
            }
            if (t.right == null && assoc < 0) {
                // Tied to the last unit, so that it stays before anything appended after it.
                return new RelativePosition(typeId(type), rootKey(type), t.lastId(), assoc);
            }
        }
        return atEndOf(type, assoc);
    }

    private static RelativePosition atEndOf(AbstractType<?> type, int assoc) {
        return new RelativePosition(typeId(type), rootKey(type), null, assoc);
    }

    private static ID typeId(AbstractType<?> type) {
        return type.item == null ? null : type.item.id;
    }

    private static String rootKey(AbstractType<?> type) {
        return type.item == null ? type.findRootTypeKey() : null;
    }

    /**
     * Where this position is in {@code doc} now, following items recreated by undo (Yjs's default). Empty if the
     * document does not have the item or type yet, or has garbage-collected it. Yjs's
     * createAbsolutePositionFromRelativePosition, except that a position naming a root type the document does not
     * have is empty here, where Yjs creates the root type.
     */
    public Optional<AbsolutePosition> toAbsolutePosition(Doc doc) {
        return toAbsolutePosition(doc, true);
    }

    /**
     * Where this position is in {@code doc} now. Pass {@code followUndoneDeletions = false} for a result that is
     * the same on every peer: only the peer that undid a deletion knows which items recreated it (Yjs issue 638).
     * (Without an undo manager, which is what records them, both give the same result.)
     */
    public Optional<AbsolutePosition> toAbsolutePosition(Doc doc, boolean followUndoneDeletions) {
        StructStore store = doc.store;
        AbstractType<?> resolvedType;
        int index = 0;
        if (item != null) {
            if (store.getState(item.client()) <= item.clock()) {
                return Optional.empty();
            }
            Item.StructAt found = find(store, item, followUndoneDeletions);
            if (!(found.struct() instanceof Item right)) {
                return Optional.empty();
            }
            resolvedType = right.parent;
            // In a deleted type every position collapses to its start.
            if (resolvedType.item == null || !resolvedType.item.isDeleted()) {
                index = right.isDeleted() || !right.countable() ? 0 : found.diff() + (assoc >= 0 ? 0 : 1);
                for (Item n = right.left; n != null; n = n.left) {
                    if (!n.isDeleted() && n.countable()) {
                        index += n.length;
                    }
                }
            }
        } else {
            if (tname != null) {
                // Yjs would create the root type; a position sent by a client must not add roots to a document
                resolvedType = doc.share.get(tname);
                if (resolvedType == null) {
                    return Optional.empty();
                }
            } else {
                if (store.getState(type.client()) <= type.clock()) {
                    return Optional.empty();
                }
                AbstractStruct holder = find(store, type, followUndoneDeletions).struct();
                if (!(holder instanceof Item typeItem && typeItem.content instanceof ContentType content)) {
                    return Optional.empty();
                }
                resolvedType = content.type;
            }
            index = assoc >= 0 ? resolvedType.length : 0;
        }
        return Optional.of(new AbsolutePosition(resolvedType, index, assoc));
    }

    /** The struct holding {@code id} and the offset of {@code id} in it, following redone items if asked to. */
    private static Item.StructAt find(StructStore store, ID id, boolean followRedone) {
        if (followRedone) {
            return Item.followRedone(store, id);
        }
        AbstractStruct struct = store.find(id);
        return new Item.StructAt(struct, (int) (id.clock() - struct.id.clock()));
    }

    /** The binary form of Yjs's encodeRelativePosition. */
    public byte[] encode() {
        Lib0Encoder encoder = new Lib0Encoder();
        write(encoder);
        return encoder.toByteArray();
    }

    /** Writes the binary form, as Yjs's writeRelativePosition, for embedding in a larger message. */
    public void write(Lib0Encoder encoder) {
        if (item != null) {
            encoder.writeVarUint(TAG_ITEM);
            writeId(encoder, item);
        } else if (tname != null) {
            encoder.writeUint8(TAG_ROOT_TYPE);
            encoder.writeVarString(tname);
        } else {
            encoder.writeUint8(TAG_NESTED_TYPE);
            writeId(encoder, type);
        }
        encoder.writeVarInt(assoc);
    }

    /**
     * Reads the binary form of Yjs's encodeRelativePosition. A missing {@code assoc} (positions written before
     * Yjs had it) reads as 0.
     *
     * @throws UpdateException if the bytes are not a relative position
     */
    public static RelativePosition decode(byte[] bytes) {
        return read(new Lib0Decoder(bytes));
    }

    /**
     * Reads a relative position written by {@link #write}, as Yjs's readRelativePosition.
     *
     * @throws UpdateException if the bytes are not a relative position
     */
    public static RelativePosition read(Lib0Decoder decoder) {
        return UpdateException.decoding("relative position", () -> readFields(decoder));
    }

    private static RelativePosition readFields(Lib0Decoder decoder) {
        ID typeId = null;
        String rootKey = null;
        ID itemId = null;
        long tag = decoder.readVarUint();
        if (tag == TAG_ITEM) {
            itemId = readId(decoder);
        } else if (tag == TAG_ROOT_TYPE) {
            rootKey = decoder.readVarString();
        } else if (tag == TAG_NESTED_TYPE) {
            typeId = readId(decoder);
        } else {
            throw new DecodingException("Unknown relative position kind " + tag);
        }
        long assoc = decoder.hasContent() ? decoder.readVarInt() : 0;
        if (assoc != (int) assoc) {
            // Yjs only writes 0 and -1; an int holds anything a caller may have chosen
            throw new DecodingException("relative position assoc out of range: " + assoc);
        }
        return new RelativePosition(typeId, rootKey, itemId, (int) assoc);
    }

    private static void writeId(Lib0Encoder encoder, ID id) {
        encoder.writeVarUint(id.client());
        encoder.writeVarUint(id.clock());
    }

    private static ID readId(Lib0Decoder decoder) {
        return new ID(decoder.readVarUint(), decoder.readVarUint());
    }

    /**
     * The JSON form of Yjs's relativePositionToJSON, in the value model ({@code type} and {@code item} as
     * objects with {@code client} and {@code clock}); an empty {@code tname} is left out, as Yjs does.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (type != null) {
            json.put("type", idToJson(type));
        }
        if (tname != null && !tname.isEmpty()) {
            json.put("tname", tname);
        }
        if (item != null) {
            json.put("item", idToJson(item));
        }
        json.put("assoc", assoc);
        return json;
    }

    /**
     * Reads the JSON form of {@link #toJson()}, as Yjs's createRelativePositionFromJSON: absent fields (null or
     * undefined) are null, and a missing {@code assoc} is 0.
     *
     * @throws IllegalArgumentException if a field has the wrong shape, or none of type, tname and item is set
     */
    public static RelativePosition fromJson(Map<String, ?> json) {
        Object tname = json.get("tname");
        Object assoc = json.get("assoc");
        if (!(isAbsent(tname) || tname instanceof String) || !(isAbsent(assoc) || assoc instanceof Number)) {
            throw new IllegalArgumentException("Not a relative position: " + json);
        }
        return new RelativePosition(idFromJson(json.get("type"), json), isAbsent(tname) ? null : (String) tname,
                idFromJson(json.get("item"), json), isAbsent(assoc) ? 0 : ((Number) assoc).intValue());
    }

    private static Map<String, Object> idToJson(ID id) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client", id.client());
        json.put("clock", id.clock());
        return json;
    }

    private static ID idFromJson(Object id, Map<String, ?> position) {
        if (isAbsent(id)) {
            return null;
        }
        if (id instanceof Map<?, ?> fields && fields.get("client") instanceof Number client
                && fields.get("clock") instanceof Number clock) {
            return new ID(client.longValue(), clock.longValue());
        }
        throw new IllegalArgumentException("Not a relative position: " + position);
    }

    private static boolean isAbsent(Object value) {
        return value == null || value == Undefined.INSTANCE;
    }
}
