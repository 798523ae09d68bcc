package dev.weft.server.comments;

import dev.weft.storage.comments.Comment;
import dev.weft.storage.comments.CommentAuthor;
import dev.weft.storage.comments.CommentThread;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Threads and comments as the API and live events show them (README, "Comments"): JSON objects with times in
 * ISO-8601 and anchors as base64 with where they are now.
 */
final class CommentViews {
    private CommentViews() {
    }

    /** A thread with its anchor resolved ({@code anchor.status} "attached" with indices, or "detached"). */
    static Map<String, Object> thread(CommentThread thread, Optional<ResolvedAnchor> where) {
        Map<String, Object> anchor = new LinkedHashMap<>();
        anchor.put("start", Base64.getEncoder().encodeToString(thread.anchorStart()));
        anchor.put("end", Base64.getEncoder().encodeToString(thread.anchorEnd()));
        anchor.put("type", thread.anchorType());
        anchor.put("status", where.isPresent() ? "attached" : "detached");
        where.ifPresent(resolved -> {
            anchor.put("index", resolved.index());
            anchor.put("length", resolved.length());
            anchor.put("text", resolved.text());
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", thread.id());
        view.put("document", thread.document());
        view.put("anchor", anchor);
        view.put("quote", thread.quote());
        view.put("author", author(thread.author()));
        view.put("private", thread.isPrivate());
        view.put("private_to", thread.privateTo());
        view.putAll(resolution(thread));
        view.put("created_at", time(thread.createdAt()));
        view.put("comments", thread.comments().stream().map(CommentViews::comment).toList());
        return view;
    }

    static Map<String, Object> comment(Comment comment) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", comment.id());
        view.put("thread_id", comment.threadId());
        view.put("author", author(comment.author()));
        view.put("body", comment.body());
        view.put("created_at", time(comment.createdAt()));
        view.put("edited_at", time(comment.editedAt()));
        return view;
    }

    /** Whether a thread is resolved, by whom and when. */
    static Map<String, Object> resolution(CommentThread thread) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("resolved", thread.isResolved());
        view.put("resolved_by", thread.resolvedBy());
        view.put("resolved_at", time(thread.resolvedAt()));
        return view;
    }

    private static Map<String, Object> author(CommentAuthor author) {
        return Map.of("subject", author.subject(), "name", author.name());
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
