package dev.weft.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;

/**
 * A response body already written as JSON, for values that must be serialised on the thread that owns them: a
 * document's content, whose subdocuments belong to its room's thread, is written there and answered from the
 * handler's thread as these bytes.
 */
public final class JsonBody {
    private final byte[] bytes;

    private JsonBody(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Writes {@code value} as JSON now, with the API's mapper (which knows Yjs's undefined and subdocuments). */
    public static JsonBody of(Object value) {
        try {
            return new JsonBody(HttpResponses.JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a response as JSON", e);
        }
    }

    byte[] bytes() {
        return bytes;
    }
}
