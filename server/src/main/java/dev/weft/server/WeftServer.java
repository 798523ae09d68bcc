package dev.weft.server;

import dev.weft.server.auth.Authenticator;
import dev.weft.server.comments.CommentLimits;
import dev.weft.server.comments.CommentThreads;
import dev.weft.server.comments.CommentsApi;
import dev.weft.server.comments.LiveEvents;
import dev.weft.server.config.Limits;
import dev.weft.server.config.ServerConfig;
import dev.weft.server.http.ApiRoutes;
import dev.weft.server.http.HttpServices;
import dev.weft.server.http.WeftChannelInitializer;
import dev.weft.server.metrics.ServerMetrics;
import dev.weft.server.sharing.Sharing;
import dev.weft.server.notifications.NotificationsApi;
import dev.weft.server.notifications.Notifier;
import dev.weft.server.notifications.WebhookSender;
import dev.weft.server.plugins.Plugins;
import dev.weft.server.sharing.DocumentAccess;
import dev.weft.server.signaling.Signaling;
import dev.weft.server.sync.CloseReason;
import dev.weft.server.sync.DocumentsApi;
import dev.weft.server.sync.Rooms;
import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import dev.weft.storage.comments.CommentRepository;
import dev.weft.storage.notifications.NotificationRepository;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Weft server: storage, the loaded documents, and the Netty server that speaks HTTP and y-websocket on
 * one port. {@link #start} returns once it listens; {@link #close} shuts it down gracefully: it stops accepting,
 * closes every sync connection (code 1001) and then every other one, waits until every accepted update is
 * committed, then closes storage.
 *
 * <pre>{@code
 * try (WeftServer server = WeftServer.start(ServerConfig.defaults(dataDir).withListen("127.0.0.1", 0))) {
 *     URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/my-document");
 * }
 * }</pre>
 */
public final class WeftServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WeftServer.class);

    private final ServerMetrics metrics;
    private final Storage storage;
    private final ExecutorService blocking;
    private final Rooms rooms;
    private final Plugins plugins;
    private final Optional<WebhookSender> webhooks;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final ChannelGroup channels;
    private final Channel listener;
    private boolean closed;

    private WeftServer(ServerConfig config) throws InterruptedException {
        metrics = new ServerMetrics();
        storage = Storage.open(config.dataDir(), StorageSettings.defaults().withListener(metrics.storageListener())
                .withDurability(config.durability()));
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        Limits limits = config.limits();
        rooms = new Rooms(storage.documents(), blocking, metrics, config.documentIdleTimeout(),
                limits.maxQueuedBytesBeforeSync(), InstantSource.system());
        Authenticator authenticator = config.secret()
                .map(secret -> Authenticator.jwt(secret.getBytes(StandardCharsets.UTF_8)))
                .orElseGet(Authenticator::open);
        channels = new DefaultChannelGroup("weft", GlobalEventExecutor.INSTANCE);
        metrics.measureUnsentBytes(this::unsentBytes);
        ApiRoutes routes = new ApiRoutes();
        Sharing sharing = new Sharing(authenticator, storage, rooms, blocking, InstantSource.system());
        new DocumentsApi(authenticator, sharing.access(), rooms).register(routes);
        sharing.register(routes);
        NotificationRepository notificationFeed = new NotificationRepository(storage.tables(), InstantSource.system());
        webhooks = config.webhook()
                .map(settings -> new WebhookSender(settings, notificationFeed, InstantSource.system()));
        CommentThreads comments = registerComments(routes, sharing.access(), notificationFeed);
        sharing.whenDocumentDeleted(document -> comments.deleteAll(document).join());
        sharing.whenRoleChanged(comments::roleChanged);
        plugins = new Plugins(config.plugins(), storage.tables(), authenticator, sharing.access(), comments, rooms,
                metrics);
        plugins.register(routes);
        Signaling signaling = new Signaling(config.signaling(), limits.maxUnsentBytes(), metrics);
        HttpServices services = new HttpServices(authenticator, rooms, metrics, limits, blocking, routes, signaling,
                sharing.access());

        IoHandlerFactory io = NioIoHandler.newFactory();
        acceptor = new MultiThreadIoEventLoopGroup(1, io);
        // Fewer loops than Netty's two per processor (see ServerConfig.eventLoops): every document lives on one loop,
        // and each hop of an update between loops (frame in, room, connections out) costs a wakeup.
        workers = new MultiThreadIoEventLoopGroup(config.eventLoops(), io);
        WeftChannelInitializer initializer = new WeftChannelInitializer(services, channels);
        listener = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.writeBufferLowBytes(), limits.writeBufferHighBytes()))
                .childHandler(initializer)
                .bind(new InetSocketAddress(config.bindAddress(), config.port()))
                .sync()
                .channel();
        log.info("Weft {} listening on http://{}:{}, documents in {}", WeftVersion.current(),
                config.bindAddress(), port(), config.dataDir().toAbsolutePath());
        if (authenticator.isOpen()) {
            log.warn("""

                    ************************************************************************
                    *  OPEN DEVELOPMENT MODE: no secret is set (--secret or WEFT_SECRET).   *
                    *  Anyone who can reach this port can read and edit every document.    *
                    ************************************************************************""");
        }
    }

    /**
     * Comments, their live events and notifications (with the webhook, if configured).
     *
     * @return the threads, for features that comment (plugins)
     */
    private CommentThreads registerComments(ApiRoutes routes, DocumentAccess access, NotificationRepository feed) {
        LiveEvents live = new LiveEvents(rooms::publish);
        CommentThreads threads = new CommentThreads(new CommentRepository(storage.tables(), InstantSource.system()),
                rooms, live, new Notifier(feed, live, webhooks, access::subjectMayRead), access::owner,
                CommentLimits.DEFAULTS);
        new CommentsApi(access, threads, live).register(routes);
        new NotificationsApi(access, feed, live).register(routes);
        return threads;
    }

    /**
     * Starts a server and returns once it listens.
     *
     * @throws dev.weft.storage.StorageException if the data directory or database cannot be opened
     * @throws IllegalStateException if the port cannot be bound
     */
    public static WeftServer start(ServerConfig config) {
        try {
            return new WeftServer(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** The port the server listens on (the one picked when the configuration asked for 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Bytes written to connections and not yet sent, over all connections: what slow readers cost in memory. */
    public long unsentBytes() {
        return WeftChannelInitializer.unsentBytes(channels);
    }

    /** Stops accepting, closes every connection, commits every accepted update, closes storage. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Weft shutting down: closing connections and flushing storage");
        listener.close().awaitUninterruptibly();
        rooms.close();
        // The sync connections in rooms were told by their rooms; signalling ones and those still joining now.
        WeftChannelInitializer.sendClose(channels, CloseReason.SHUTTING_DOWN, Duration.ofSeconds(2));
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        plugins.close();
        webhooks.ifPresent(WebhookSender::close);
        storage.close();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        blocking.close();
        log.info("Weft stopped");
    }
}
