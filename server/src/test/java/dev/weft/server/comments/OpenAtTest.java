package dev.weft.server.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.Doc;
import dev.weft.protocol.extension.ExtensionMessage;
import dev.weft.server.http.ApiException;
import dev.weft.server.metrics.ServerMetrics;
import dev.weft.server.sharing.Member;
import dev.weft.server.sharing.Role;
import dev.weft.server.sync.Rooms;
import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import dev.weft.storage.comments.Comment;
import dev.weft.storage.comments.CommentRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads opened from the server's side ({@link CommentThreads#openAt}, what plugins use): anchored on a UTF-16
 * range as a client would anchor it, stored, published and told to notifications like any other.
 */
class OpenAtTest {
    private static final Member EDITOR = new Member("ed", "Ed (via plugin spell)", Role.EDITOR, Optional.empty());

    @TempDir
    Path dataDir;
    private Storage storage;
    private ExecutorService blocking;
    private ScheduledExecutorService roomThread;
    private Rooms rooms;
    private final List<ExtensionMessage> published = new CopyOnWriteArrayList<>();
    private final List<Comment> told = new CopyOnWriteArrayList<>();
    private CommentThreads threads;

    @BeforeEach
    void start() {
        storage = Storage.open(dataDir, StorageSettings.defaults());
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        roomThread = Executors.newSingleThreadScheduledExecutor();
        rooms = new Rooms(storage.documents(), blocking, new ServerMetrics(), Duration.ofMinutes(1), 1 << 20,
                InstantSource.system());
        LiveEvents live = new LiveEvents((document, extension, frame, audience) ->
                published.add(ExtensionMessage.decode(frame)));
        threads = new CommentThreads(new CommentRepository(storage.tables(), InstantSource.system()), rooms, live,
                (thread, comment, owner) -> told.add(comment), document -> Optional.empty(), CommentLimits.DEFAULTS);
        Doc doc = new Doc();
        doc.getText("text").insert(0, "Hello brave world");
        storage.documents().append("spelled", doc.encodeStateAsUpdate()).join();
    }

    @AfterEach
    void stop() {
        rooms.close();
        storage.close();
        roomThread.shutdownNow();
        blocking.close();
    }

    @Test
    void aRangeOfTheTextIsAnchoredStoredPublishedAndToldToNotifications() {
        Map<String, Object> view = threads.openAt("spelled", EDITOR, 6, 11, "brave: consider \"bold\"", roomThread);

        @SuppressWarnings("unchecked")
        Map<String, Object> anchor = (Map<String, Object>) view.get("anchor");
        assertThat(anchor).containsEntry("status", "attached").containsEntry("index", 6).containsEntry("text", "brave");
        assertThat(view).containsEntry("quote", "brave");
        assertThat(published).extracting(ExtensionMessage::extension).containsExactly(LiveEvents.COMMENTS);
        assertThat(told).extracting(Comment::body).containsExactly("brave: consider \"bold\"");
        assertThat(threads.list("spelled", EDITOR, roomThread)).hasSize(1);
    }

    @Test
    void aRangeOutsideTheTextOrEmptyIsRefused() {
        assertThatThrownBy(() -> threads.openAt("spelled", EDITOR, 5, 99, "x", roomThread))
                .isInstanceOf(ApiException.class).hasMessageContaining("17 characters");
        assertThatThrownBy(() -> threads.openAt("spelled", EDITOR, 4, 4, "x", roomThread))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> threads.openAt("unwritten", EDITOR, 0, 1, "x", roomThread))
                .isInstanceOf(ApiException.class).hasMessageContaining("no content");
        assertThat(told).isEmpty();
    }
}
