package dev.weft.server.signaling;

import dev.weft.protocol.ProtocolException;
import dev.weft.protocol.signaling.SignalingCodec;
import dev.weft.protocol.signaling.SignalingMessage;
import dev.weft.protocol.signaling.SignalingMessage.Error;
import dev.weft.protocol.signaling.SignalingMessage.Ping;
import dev.weft.protocol.signaling.SignalingMessage.Pong;
import dev.weft.protocol.signaling.SignalingMessage.Publish;
import dev.weft.protocol.signaling.SignalingMessage.Subscribe;
import dev.weft.protocol.signaling.SignalingMessage.Unsubscribe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signalling connection: what it sends is acted on here, by its event loop, and what is relayed to it arrives
 * from any thread through {@link #deliver}. A message that is refused (malformed, forbidden, over a limit) is
 * answered with an error frame and has no effect; the connection stays open.
 *
 * <p>Relayed messages are queued and written by one task on the connection's event loop, which writes whatever
 * has been queued by then and flushes once: under load, many messages cost one task, one wakeup and one syscall
 * instead of one each.
 */
final class SignalingConnection {
    private static final Logger log = LoggerFactory.getLogger(SignalingConnection.class);

    private final Channel channel;
    private final Signaling signaling;
    private final TopicAccess access;
    private final PublishRate rate;
    /** The topics this connection is subscribed to; its event loop's alone. */
    private final Set<String> topics = new HashSet<>();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private final Queue<ByteBuf> outgoing = new ConcurrentLinkedQueue<>();
    /** Bytes in {@link #outgoing}: unsent, like those in the channel's buffer. */
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Whether a task to write {@link #outgoing} is scheduled and has not started taking from it yet. */
    private final AtomicBoolean writeScheduled = new AtomicBoolean();

    SignalingConnection(Channel channel, Signaling signaling, TopicAccess access, PublishRate rate) {
        this.channel = channel;
        this.signaling = signaling;
        this.access = access;
        this.rate = rate;
    }

    /** Acts on one message (a text frame's UTF-8). */
    void receive(byte[] json) {
        SignalingMessage message;
        try {
            message = SignalingCodec.decode(json);
        } catch (ProtocolException e) {
            refuse(switch (e.kind()) {
                case MALFORMED -> "invalid_message";
                case UNSUPPORTED_TYPE -> "unsupported_type";
            }, e.getMessage());
            return;
        }
        switch (message) {
            case Subscribe subscribe -> subscribe.topics().forEach(this::join);
            case Unsubscribe unsubscribe -> unsubscribe.topics().forEach(this::leave);
            case Publish publish -> publish(publish);
            case Ping ping -> send(SignalingCodec.pong());
            case Pong pong -> {
                // The answer to nothing Weft sends; harmless.
            }
            case Error error -> refuse("unsupported_type", "errors are the server's to send");
        }
    }

    private void join(String topic) {
        if (topics.contains(topic)) {
            return;
        }
        if (!access.allows(topic)) {
            refuse("forbidden", access.refusal(topic));
            return;
        }
        if (topics.size() >= signaling.settings().maxTopicsPerConnection()) {
            refuse("too_many_topics", "a connection may be subscribed to " + signaling.settings().maxTopicsPerConnection()
                    + " topics at most; not subscribed to " + topic);
            return;
        }
        if (signaling.topics().subscribe(topic, this) == Topics.Joined.FULL) {
            refuse("topic_full", "the topic " + topic + " has " + signaling.settings().maxSubscribersPerTopic()
                    + " subscribers, as many as it may");
            return;
        }
        topics.add(topic);
    }

    private void leave(String topic) {
        if (topics.remove(topic)) {
            signaling.topics().unsubscribe(topic, this);
        }
    }

    private void publish(Publish publish) {
        if (!rate.tryAcquire()) {
            refuse("rate_limited", "more than " + signaling.settings().maxPublishesPerSecond()
                    + " publishes per second; this one to " + publish.topic() + " was dropped");
            return;
        }
        if (!topics.contains(publish.topic()) && !access.allows(publish.topic())) {
            refuse("forbidden", access.refusal(publish.topic()));
            return;
        }
        signaling.relay(publish);
    }

    /** Leaves every topic: the connection has closed. */
    void closed() {
        for (String topic : topics) {
            signaling.topics().unsubscribe(topic, this);
        }
        topics.clear();
        releaseQueued();
    }

    /**
     * Sends a message, taking over {@code frame}'s reference. Any thread. A connection that has more
     * unsent than it may (its client stopped reading) is closed instead; it subscribes again when it reconnects.
     */
    void deliver(ByteBuf frame) {
        if (!channel.isActive() || abandoned.get()) {
            frame.release();
            return;
        }
        int bytes = frame.readableBytes();
        if (queuedBytes.addAndGet(bytes) + channel.bytesBeforeWritable() > signaling.maxUnsentBytes()) {
            queuedBytes.addAndGet(-bytes);
            frame.release();
            if (abandoned.compareAndSet(false, true)) {
                log.info("{}: closing a signalling connection that does not read what it is sent",
                        channel.remoteAddress());
                signaling.metrics().slowConsumerClosed();
                channel.close();
            }
            return;
        }
        outgoing.add(frame);
        if (writeScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::writeQueued);
        }
    }

    private void writeQueued() {
        // Cleared before taking, so that a message queued meanwhile schedules another task if this one misses it.
        writeScheduled.set(false);
        if (!channel.isActive()) {
            releaseQueued();
            return;
        }
        ByteBuf frame;
        while ((frame = outgoing.poll()) != null) {
            queuedBytes.addAndGet(-frame.readableBytes());
            channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
        }
        channel.flush();
    }

    private void releaseQueued() {
        ByteBuf frame;
        while ((frame = outgoing.poll()) != null) {
            queuedBytes.addAndGet(-frame.readableBytes());
            frame.release();
        }
    }

    private void refuse(String code, String message) {
        signaling.metrics().signalingRefused(code);
        send(SignalingCodec.encode(new Error(code, message)));
    }

    /** Answers this connection, in order with what is relayed to it. */
    private void send(byte[] json) {
        deliver(Unpooled.wrappedBuffer(json));
    }
}
