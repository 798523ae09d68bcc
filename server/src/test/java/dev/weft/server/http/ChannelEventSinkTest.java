package dev.weft.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An event stream over a real socket whose client stops reading. */
class ChannelEventSinkTest {
    private EventLoopGroup loops;
    private Channel server;
    private final CompletableFuture<ChannelEventSink> opened = new CompletableFuture<>();
    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();

    @BeforeEach
    void start() throws InterruptedException {
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                // Small socket buffers on both sides, fixed: the kernel does not grow them to take in what the client
                // does not read.
                .childOption(ChannelOption.SO_SNDBUF, 8192)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        accepted.complete(ctx.channel());
                                        opened.complete(ChannelEventSink.open(ctx));
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void stop() {
        server.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aStreamWhoseClientStopsReadingIsClosedAtOnceNotWhenItReadsAgain() throws Exception {
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(server.localAddress());
            client.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            ChannelEventSink sink = opened.get(5, TimeUnit.SECONDS);
            Channel channel = accepted.get();
            String data = "x".repeat(8 * 1024);

            // The client reads nothing more: events fill the socket's buffers, then Netty's, until the sink finds
            // the connection unwritable and ends the stream.
            int sent = 0;
            while (sink.send(new ServerSentEvent(Integer.toString(sent), "filler", data))) {
                sent++;
                assertThat(sent).as("events before the connection is unwritable").isLessThan(100_000);
            }

            assertThat(channel.closeFuture().await(Duration.ofSeconds(5).toMillis()))
                    .as("closed while the client still does not read").isTrue();
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received += n;
            }
            assertThat(received).as("what was sent before the close").isPositive();
        }
    }
}
