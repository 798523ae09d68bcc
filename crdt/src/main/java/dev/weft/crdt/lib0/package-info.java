/**
 * lib0's binary encoding, byte for byte as the JavaScript library Yjs is built on writes and reads it.
 *
 * <p>{@link dev.weft.crdt.lib0.Lib0Encoder} and {@link dev.weft.crdt.lib0.Lib0Decoder} handle var-uints (up to 2^53,
 * as JS numbers hold them), var-ints with lib0's sign bit (negative zero included), UTF-8 strings (lone surrogates
 * written as U+FFFD, as TextEncoder does), big-endian floats and bigints, and "any" values. (lib0's run-length
 * codecs, the columns of the Yjs update format V2, live with that format in {@code dev.weft.crdt}.)
 *
 * <p>JS values are represented as: null; {@link dev.weft.crdt.lib0.Undefined#INSTANCE} for undefined; Boolean;
 * any {@link java.lang.Number} but {@link java.math.BigInteger} for a JS number; BigInteger for a bigint; String;
 * {@code byte[]} for a Uint8Array; {@code List<Object>} for an array; {@code Map<String, Object>} for an object,
 * whose keys are written in JS's enumeration order ({@link dev.weft.crdt.lib0.JsPropertyOrder}, public because
 * {@code dev.weft.crdt} writes JSON and rich-text attributes in the same order).
 *
 * <p>Decoders are strict: input that ends early or holds out-of-range numbers, malformed UTF-8 or unknown tags
 * throws the unchecked {@link dev.weft.crdt.lib0.DecodingException}, never a default value. Encoders throw
 * IllegalArgumentException for values they cannot represent. Nothing here is thread-safe.
 */
package dev.weft.crdt.lib0;
