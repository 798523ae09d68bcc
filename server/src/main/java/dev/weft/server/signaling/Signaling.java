package dev.weft.server.signaling;

import dev.weft.protocol.signaling.SignalingCodec;
import dev.weft.protocol.signaling.SignalingMessage.Publish;
import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Authenticator;
import dev.weft.server.auth.DocumentPattern;
import dev.weft.server.config.SignalingSettings;
import dev.weft.server.metrics.ServerMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.util.List;
import java.util.Optional;

/**
 * Weft's y-webrtc signalling server: the topics and their subscribers, shared by every signalling connection.
 * One per server. The HTTP layer {@linkplain #authorize authorizes} an upgrade to {@link #path()} and installs
 * {@link #handler} as the connection's frame handler; everything after is here.
 */
public final class Signaling {
    private final SignalingSettings settings;
    private final List<DocumentPattern> openTopics;
    private final Topics topics;
    private final long maxUnsentBytes;
    private final ServerMetrics metrics;

    /**
     * @param maxUnsentBytes what a connection may leave unsent before it is closed for not reading
     */
    public Signaling(SignalingSettings settings, long maxUnsentBytes, ServerMetrics metrics) {
        this.settings = settings;
        this.openTopics = settings.openTopics().stream().map(DocumentPattern::new).toList();
        this.topics = new Topics(settings.maxSubscribersPerTopic());
        this.maxUnsentBytes = maxUnsentBytes;
        this.metrics = metrics;
        metrics.measureSignalingTopics(topics::count);
    }

    /** The WebSocket path signalling is served at. */
    public String path() {
        return settings.path();
    }

    /** The largest message a signalling connection may send. */
    public int maxMessageBytes() {
        return settings.maxMessageBytes();
    }

    /**
     * What a connection presenting {@code token} may do. Without a token, when a secret is set, it may use the
     * open topics if there are any.
     *
     * @throws AuthException if the token is refused, or missing where there are no open topics
     */
    public TopicAccess authorize(Authenticator authenticator, Optional<String> token) throws AuthException {
        boolean noToken = token.filter(t -> !t.isBlank()).isEmpty();
        if (noToken && !authenticator.isOpen() && !openTopics.isEmpty()) {
            return new TopicAccess(Optional.empty(), openTopics);
        }
        return new TopicAccess(Optional.of(authenticator.verify(token)), openTopics);
    }

    /** The frame handler of one new signalling connection. */
    public ChannelHandler handler(TopicAccess access) {
        return new SignalingFrameHandler(this, access);
    }

    SignalingConnection open(Channel channel, TopicAccess access) {
        metrics.signalingConnectionOpened();
        return new SignalingConnection(channel, this, access,
                new PublishRate(settings.maxPublishesPerSecond(), System::nanoTime));
    }

    void closed(SignalingConnection connection) {
        connection.closed();
        metrics.signalingConnectionClosed();
    }

    /**
     * Sends {@code publish} to every subscriber of its topic, the sender included if subscribed, with
     * {@code clients} set to their number: encoded once, one buffer shared by every frame. Nobody subscribed,
     * nothing sent.
     */
    void relay(Publish publish) {
        SignalingConnection[] receivers = topics.subscribers(publish.topic());
        metrics.signalingPublished(receivers.length);
        if (receivers.length == 0) {
            return;
        }
        ByteBuf message = Unpooled.wrappedBuffer(SignalingCodec.relay(publish, receivers.length));
        try {
            for (SignalingConnection receiver : receivers) {
                receiver.deliver(message.retainedDuplicate());
            }
        } finally {
            message.release();
        }
    }

    SignalingSettings settings() {
        return settings;
    }

    Topics topics() {
        return topics;
    }

    long maxUnsentBytes() {
        return maxUnsentBytes;
    }

    ServerMetrics metrics() {
        return metrics;
    }
}
