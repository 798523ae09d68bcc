/**
 * A pure-Java engine for shared documents, byte-compatible with Yjs 13.6: the same updates in give the same
 * document and the same bytes out.
 *
 * <p>Start with {@link dev.weft.crdt.Doc}: it holds named root types ({@link dev.weft.crdt.YArray},
 * {@link dev.weft.crdt.YMap}, ...), applies updates from peers and produces updates for them. Edits happen in a
 * {@link dev.weft.crdt.Transaction}; observers and update listeners run when it closes. A document is used by one
 * thread at a time: opening or using a transaction while another thread has one open fails with
 * {@link java.lang.IllegalStateException}; reads and listener registration are the caller's to keep on that thread.
 *
 * <h2>Bytes from elsewhere</h2>
 * Every method here that decodes bytes (updates, state vectors, snapshots, relative positions) throws the unchecked
 * {@link dev.weft.crdt.UpdateException} for input it cannot decode, with the
 * {@link dev.weft.crdt.lib0.DecodingException} that says why as its cause; a document an update failed on is
 * unchanged. {@link dev.weft.crdt.Updates} works on encoded updates without a document (merging an update log,
 * answering a sync request); {@link dev.weft.crdt.RelativePosition} names a position that stays put while others
 * edit (cursors); {@link dev.weft.crdt.Snapshot} captures what was visible at one moment (documents with gc off).
 *
 * <h2>Values</h2>
 * Shared types hold values of the JS value model Yjs uses, in Java form: {@code null} for JS null,
 * {@link dev.weft.crdt.lib0.Undefined#INSTANCE} for undefined, {@link java.lang.Boolean}, any
 * {@link java.lang.Number} except {@link java.math.BigInteger} for a JS number ({@code BigInteger} is a bigint),
 * {@link java.lang.String} (lengths and indices count UTF-16 code units, as in JS), {@code byte[]} for a
 * Uint8Array, {@link java.util.List} for an array and {@code Map<String, Object>} for an object. Values read back
 * from updates are {@code Integer} (or {@code Long}) for integral numbers and {@code Double} otherwise. Values read
 * from a document cannot be changed through what it hands out: its lists and maps are unmodifiable, and a byte
 * array stored as a value of its own is handed out as a copy. Byte arrays nested in a list or map are the document's
 * own: do not change them.
 *
 * <h2>Inside</h2>
 * The classes mirror Yjs's, under the same names: a document's content is a list of {@code Item}s per type, each a
 * run of content from one client, numbered by {@link dev.weft.crdt.ID}s; the {@code StructStore} keeps each
 * client's structs sorted by clock; {@code UpdateCodec} reads and writes updates through the V1 and V2
 * {@code UpdateEncoder}/{@code UpdateDecoder} implementations.
 */
package dev.weft.crdt;
