package dev.weft.storage.comments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads and comments on real SQLite: what is written reads back, in order, scoped to its document. */
class CommentRepositoryTest {
    private static final CommentAuthor ADA = new CommentAuthor("ada", "Ada");
    private static final CommentAuthor BOB = new CommentAuthor("reader:7", "Bob");

    @TempDir
    Path dataDir;
    private Storage storage;
    private CommentRepository comments;

    @BeforeEach
    void open() {
        storage = Storage.open(dataDir, StorageSettings.defaults());
        comments = new CommentRepository(storage.tables(), InstantSource.system());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aThreadOpensWithItsFirstCommentAndRepliesFollowInOrder() {
        CommentThread opened = comments.open(thread("notes", ADA, "is this right?", null)).join();
        Comment reply = comments.reply("notes", opened.id(), BOB, "yes").join().orElseThrow();

        CommentThread read = comments.thread("notes", opened.id()).orElseThrow();
        assertThat(read.quote()).isEqualTo("the passage");
        assertThat(read.anchorType()).isEqualTo("text");
        assertThat(read.anchorStart()).containsExactly(1, 2, 3);
        assertThat(read.anchorEnd()).containsExactly(4, 5);
        assertThat(read.comments()).extracting(Comment::body).containsExactly("is this right?", "yes");
        assertThat(read.comments().get(1)).isEqualTo(reply);
        assertThat(read.participants()).containsExactly("ada", "reader:7");
        assertThat(read.isPrivate()).isFalse();
        assertThat(comments.threads("notes")).usingRecursiveFieldByFieldElementComparator().containsExactly(read);
    }

    @Test
    void idsAreScopedToTheirDocument() {
        CommentThread opened = comments.open(thread("notes", ADA, "first", null)).join();

        assertThat(comments.thread("other", opened.id())).isEmpty();
        assertThat(comments.reply("other", opened.id(), BOB, "hijack").join()).isEmpty();
        assertThat(comments.edit("other", opened.id(), opened.comments().getFirst().id(), "x").join()).isEmpty();
        assertThat(comments.deleteThread("other", opened.id()).join()).isFalse();
        assertThat(comments.threads("other")).isEmpty();
        assertThat(comments.thread("notes", opened.id()).orElseThrow().comments()).hasSize(1);
    }

    @Test
    void editingStampsTheCommentAndResolvingStampsTheThreadUntilReopened() {
        CommentThread opened = comments.open(thread("notes", BOB, "private words", "reader:7")).join();
        long first = opened.comments().getFirst().id();

        Comment edited = comments.edit("notes", opened.id(), first, "better words").join().orElseThrow();
        assertThat(edited.body()).isEqualTo("better words");
        assertThat(edited.edited()).isPresent();

        CommentThread resolved = comments.resolve("notes", opened.id(), "ada").join().orElseThrow();
        assertThat(resolved.isResolved()).isTrue();
        assertThat(resolved.resolvedBy()).isEqualTo("ada");
        assertThat(resolved.privateTo()).isEqualTo("reader:7");
        CommentThread reopened = comments.resolve("notes", opened.id(), null).join().orElseThrow();
        assertThat(reopened.isResolved()).isFalse();
        assertThat(reopened.resolvedBy()).isNull();
    }

    @Test
    void deletingTheLastCommentDeletesTheThread() {
        CommentThread opened = comments.open(thread("notes", ADA, "first", null)).join();
        Comment reply = comments.reply("notes", opened.id(), BOB, "second").join().orElseThrow();

        assertThat(comments.deleteComment("notes", opened.id(), reply.id()).join())
                .isEqualTo(CommentRepository.Deletion.COMMENT);
        assertThat(comments.deleteComment("notes", opened.id(), reply.id()).join())
                .isEqualTo(CommentRepository.Deletion.NOT_FOUND);
        assertThat(comments.deleteComment("notes", opened.id(), opened.comments().getFirst().id()).join())
                .isEqualTo(CommentRepository.Deletion.COMMENT_AND_THREAD);
        assertThat(comments.threads("notes")).isEmpty();
    }

    @Test
    void deletingADocumentsThreadsLeavesOtherDocumentsAlone() {
        comments.open(thread("notes", ADA, "one", null)).join();
        comments.open(thread("notes", BOB, "two", null)).join();
        CommentThread other = comments.open(thread("other", ADA, "kept", null)).join();

        assertThat(comments.deleteAll("notes").join()).isEqualTo(2);

        assertThat(comments.threads("notes")).isEmpty();
        assertThat(comments.threads("other")).extracting(CommentThread::id).containsExactly(other.id());
    }

    @Test
    void threadsSurviveAReopenOfTheDatabase() {
        CommentThread opened = comments.open(thread("notes", ADA, "kept", null)).join();
        storage.close();

        open();
        assertThat(comments.threads("notes")).extracting(CommentThread::id).containsExactly(opened.id());
    }

    private static NewThread thread(String document, CommentAuthor author, String body, String privateTo) {
        return new NewThread(document, new byte[] {1, 2, 3}, new byte[] {4, 5}, "text", "the passage", author, body,
                privateTo);
    }
}
