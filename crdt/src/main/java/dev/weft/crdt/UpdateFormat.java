package dev.weft.crdt;

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
    };

    abstract UpdateDecoder updateDecoder(byte[] update);

    abstract UpdateEncoder updateEncoder();
}
