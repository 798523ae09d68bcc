package dev.weft.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher's handing of an event stream to its subscriber, on a channel that runs the handler at once. */
class ApiDispatcherTest {
    @Test
    void anEventStreamWhoseSubscriberFailsIsEndedRatherThanLeftOpenCarryingNothing() {
        ApiRoutes routes = new ApiRoutes().get("/api/broken/events", request -> EventStream.response(sink -> {
            throw new IllegalStateException("the subscriber failed");
        }));
        EmbeddedChannel channel = dispatchingTo(new ApiDispatcher(routes, Runnable::run));

        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/broken/events"));
        channel.runPendingTasks();

        List<Object> written = drainOutbound(channel);
        assertThat(written.getFirst()).isInstanceOfSatisfying(HttpResponse.class,
                head -> assertThat(head.status()).isEqualTo(HttpResponseStatus.OK));
        assertThat(written.getLast()).isInstanceOf(LastHttpContent.class);
        assertThat(channel.isOpen()).as("the connection is closed").isFalse();
    }

    @Test
    void anEventStreamWhoseSubscriberSucceedsStaysOpen() {
        ApiRoutes routes = new ApiRoutes().get("/api/fine/events", request -> EventStream.response(sink -> { }));
        EmbeddedChannel channel = dispatchingTo(new ApiDispatcher(routes, Runnable::run));

        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/fine/events"));
        channel.runPendingTasks();

        List<Object> written = drainOutbound(channel);
        assertThat(written).noneMatch(LastHttpContent.class::isInstance);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    private static EmbeddedChannel dispatchingTo(ApiDispatcher dispatcher) {
        return new EmbeddedChannel(new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                dispatcher.dispatch(ctx, request, new QueryStringDecoder(request.uri()), true);
            }
        });
    }

    private static List<Object> drainOutbound(EmbeddedChannel channel) {
        List<Object> written = new ArrayList<>();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            written.add(message);
            ReferenceCountUtil.release(message);
        }
        return written;
    }
}
