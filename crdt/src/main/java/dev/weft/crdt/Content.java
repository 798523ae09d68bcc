package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import java.util.List;

/**
 * What an {@link Item} holds. One class per kind, each with its ref number on the wire (the low five bits of an
 * item's info byte); {@link #readItemContent} is the switch that reads them back.
 */
interface Content {
    /** The number of clocks the content spans. */
    int getLength();

    /** The values the content stands for, one per clock for countable content. Callers must not modify it. */
    List<Object> getContent();

    /** Whether the content counts in the length of a list (formats and deleted content do not). */
    boolean isCountable();

    Content copy();

    /** Keeps the first {@code offset} clocks here and returns the rest as new content. */
    Content splice(int offset);

    /** Whether two items holding this kind of content can be one: text, values and deleted runs can. */
    default boolean isMergeable() {
        return false;
    }

    /** Appends {@code right}, of the same class and a {@linkplain #isMergeable mergeable} kind. */
    default void mergeWith(Content right) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not merge");
    }

    /** Called when {@code item}, holding this content, joins the document; most kinds have nothing to do. */
    default void integrate(Transaction txn, Item item) {
    }

    /** Called when the item holding this content is deleted: deletes what the content owns, if anything. */
    default void delete(Transaction txn) {
    }

    /** Called when the item holding this content is collected: collects what the content owns, if anything. */
    default void gc(StructStore store) {
    }

    /** Writes the content without its first {@code offset} clocks. */
    void write(UpdateEncoder encoder, int offset);

    /** The ref number written in the info byte. */
    int getRef();

    /** Yjs's readItemContent: reads the content whose ref is in the low five bits of {@code info}. */
    static Content readItemContent(UpdateDecoder decoder, int info) {
        return switch (info & 0x1F) {
            case ContentDeleted.REF -> ContentDeleted.read(decoder);
            case ContentJSON.REF -> ContentJSON.read(decoder);
            case ContentBinary.REF -> new ContentBinary(decoder.readBuf());
            case ContentString.REF -> new ContentString(decoder.readString());
            case ContentEmbed.REF -> new ContentEmbed(decoder.readJson());
            case ContentFormat.REF -> new ContentFormat(decoder.readKey(), decoder.readJson());
            case ContentType.REF -> ContentType.read(decoder);
            case ContentAny.REF -> ContentAny.read(decoder);
            case ContentDoc.REF -> ContentDoc.read(decoder);
            default -> throw new DecodingException("unknown content ref " + (info & 0x1F));
        };
    }
}
