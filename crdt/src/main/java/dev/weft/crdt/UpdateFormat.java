package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Decoder;

/**
 * The two encodings of an update, for the utilities that offer each operation in both (Yjs passes the decoder and
 * encoder classes as arguments instead).
 */
enum UpdateFormat {
    V1 {
        @Override
        UpdateDecoder updateDecoder(byte[] update) {
            return new UpdateDecoderV1(update);
        }

        @Override
        UpdateEncoder updateEncoder() {
            return new UpdateEncoderV1();
        }
    },
    V2 {
        @Override
        UpdateDecoder updateDecoder(byte[] update) {
            return new UpdateDecoderV2(update);
        }

        @Override
        UpdateEncoder updateEncoder() {
            return new UpdateEncoderV2();
        }
    },
    /**
     * V2 bytes this package wrote itself (a document's pending structs and deletions), read without the cap on
     * structs that {@link UpdateDecoderV2} puts on updates from outside.
     */
    OWN_V2 {
        @Override
        UpdateDecoder updateDecoder(byte[] update) {
            return new UpdateDecoderV2(new Lib0Decoder(update), Long.MAX_VALUE);
        }

        @Override
        UpdateEncoder updateEncoder() {
            return new UpdateEncoderV2();
        }
    };

    abstract UpdateDecoder updateDecoder(byte[] update);

    abstract UpdateEncoder updateEncoder();
}
