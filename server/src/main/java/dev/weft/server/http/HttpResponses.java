package dev.weft.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.weft.crdt.Doc;
import dev.weft.crdt.lib0.Undefined;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Building and sending HTTP responses: JSON bodies, the API's error shape
 * {@code {"error": {"code": "...", "message": "..."}}}, and keep-alive handling, in one place.
 */
final class HttpResponses {
    /**
     * Documents' content holds JS's undefined, which JSON writes as null where it cannot drop it, and subdocuments,
     * which JSON.stringify writes as their toJSON: their root types. Binary content is written as Jackson writes a
     * byte[], in base64.
     */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Undefined.class, new StdSerializer<>(Undefined.class) {
                @Override
                public void serialize(Undefined value, JsonGenerator generator, SerializerProvider provider)
                        throws IOException {
                    generator.writeNull();
                }
            })
            .addSerializer(Doc.class, new StdSerializer<>(Doc.class) {
                @Override
                public void serialize(Doc subdoc, JsonGenerator generator, SerializerProvider provider)
                        throws IOException {
                    provider.defaultSerializeValue(subdoc.toJson(), generator);
                }
            }));

    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private HttpResponses() {
    }

    static FullHttpResponse json(HttpResponseStatus status, Object body) {
        try {
            return bytes(status, JSON_TYPE, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a response as JSON", e);
        }
    }

    /** An API handler's answer: its body as JSON (unless 204) and its extra headers. */
    static FullHttpResponse api(ApiResponse answer) {
        FullHttpResponse response;
        if (answer.status().equals(HttpResponseStatus.NO_CONTENT)) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status());
        } else if (answer.body() instanceof JsonBody written) {
            response = bytes(answer.status(), JSON_TYPE, written.bytes());
        } else {
            response = json(answer.status(), answer.body());
        }
        answer.headers().forEach(response.headers()::set);
        return response;
    }

    static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        return json(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        return bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static FullHttpResponse bytes(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("X-Content-Type-Options", "nosniff");
        return response;
    }

    /** Writes {@code response}, keeping the connection open only if the request asked for it. Any thread. */
    static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes {@code response} and closes the connection. */
    static void sendAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
        send(ctx, false, response);
    }
}
