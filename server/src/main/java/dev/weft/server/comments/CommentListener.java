package dev.weft.server.comments;

import dev.weft.storage.comments.Comment;
import dev.weft.storage.comments.CommentThread;
import java.util.Optional;

/**
 * Told of every new comment once it is stored: how notifications learn of them without comments knowing them.
 * Called on the writer's virtual thread; must not block for long (send slow work elsewhere).
 */
@FunctionalInterface
public interface CommentListener {

    /**
     * @param thread the thread as it is now, with {@code comment} among its comments
     * @param comment the new comment: the thread's first if it opened the thread, else a reply
     * @param owner the document owner's subject, if the document has a record
     */
    void commented(CommentThread thread, Comment comment, Optional<String> owner);
}
