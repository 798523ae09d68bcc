package dev.weft.server.comments;

import dev.weft.crdt.Doc;
import dev.weft.crdt.RelativePosition;
import dev.weft.crdt.YText;
import dev.weft.server.auth.ReaderTokens;
import dev.weft.server.http.ApiException;
import dev.weft.server.sharing.Member;
import dev.weft.server.sharing.Role;
import dev.weft.server.sync.Rooms;
import dev.weft.storage.comments.Comment;
import dev.weft.storage.comments.CommentAuthor;
import dev.weft.storage.comments.CommentRepository;
import dev.weft.storage.comments.CommentThread;
import dev.weft.storage.comments.NewThread;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The rules of comment threads, for a caller whose role on the document is known ({@link Member}):
 *
 * <ul>
 *   <li>Everyone who may read a document sees its public threads; a private thread is seen only by its reader and
 *       the document's owner. A thread one may not see does not exist for them (404).
 *   <li>Commenters and up open threads and reply. Private threads are between the owner and one reader: a reader
 *       opens one with the owner, the owner one with a named reader.
 *   <li>Authors edit their own comments; authors and the owner delete them (the last comment takes its thread
 *       along); a thread's author and the owner delete it. A thread's author and editors resolve and reopen it.
 *   <li>Every write is limited per subject ({@link CommentLimits}); bodies are plain text ({@link CommentText}).
 * </ul>
 *
 * Each change is stored first, then published live to the thread's audience ({@link LiveEvents}), and each new
 * comment told to the {@link CommentListener} (notifications). Methods block: call them from a virtual thread.
 */
public final class CommentThreads {
    /** The root text anchors are in when a client names none, and where {@link #openAt} anchors. */
    static final String DEFAULT_TEXT = "text";

    private final CommentRepository repository;
    private final Rooms rooms;
    private final LiveEvents live;
    private final CommentListener listener;
    private final Function<String, Optional<String>> owners;
    private final CommentLimits limits;
    private final CommentRateLimiter rateLimiter;

    /**
     * @param owners the subject of a document's owner, if it has a record
     */
    public CommentThreads(CommentRepository repository, Rooms rooms, LiveEvents live, CommentListener listener,
            Function<String, Optional<String>> owners, CommentLimits limits) {
        this.repository = repository;
        this.rooms = rooms;
        this.live = live;
        this.listener = listener;
        this.owners = owners;
        this.limits = limits;
        this.rateLimiter = new CommentRateLimiter(limits);
    }

    /** The threads {@code member} may see, oldest first, with their anchors resolved against the document now. */
    List<Map<String, Object>> list(String document, Member member, ScheduledExecutorService thread) {
        List<CommentThread> visible = repository.threads(document).stream()
                .filter(t -> canSee(member, t))
                .toList();
        if (visible.isEmpty()) {
            return List.of();
        }
        Map<Long, Optional<ResolvedAnchor>> anchors = readDocument(document, thread, doc -> {
            Map<String, Optional<YText>> texts = new HashMap<>();
            Map<Long, Optional<ResolvedAnchor>> resolved = new HashMap<>();
            for (CommentThread t : visible) {
                Optional<YText> text = texts.computeIfAbsent(t.anchorType(), name -> Anchors.text(doc, name));
                resolved.put(t.id(), text.flatMap(y -> resolveStored(doc, y, t)));
            }
            return resolved;
        }).orElse(Map.of());
        return visible.stream()
                .map(t -> forCaller(CommentViews.thread(t, anchors.getOrDefault(t.id(), Optional.empty())), t, member))
                .toList();
    }

    /** One thread, if {@code member} may see it. */
    Map<String, Object> get(String document, long threadId, Member member, ScheduledExecutorService thread) {
        CommentThread found = visibleThread(document, threadId, member);
        Optional<ResolvedAnchor> where = readDocument(document, thread,
                doc -> Anchors.text(doc, found.anchorType()).flatMap(text -> resolveStored(doc, text, found)))
                .flatMap(Function.identity());
        return forCaller(CommentViews.thread(found, where), found, member);
    }

    /**
     * A thread's view for {@code member}, with {@code can}: what they may do to it ({@code reply}, {@code resolve}
     * (and reopen), {@code delete}), so that a page offers only the controls that work. Lists and single threads
     * carry it; live events, which one text serves a whole audience, do not.
     */
    private static Map<String, Object> forCaller(Map<String, Object> view, CommentThread thread, Member member) {
        Map<String, Object> can = new LinkedHashMap<>();
        can.put("reply", member.role().canComment());
        can.put("resolve", mayResolve(member, thread));
        can.put("delete", mayDelete(member, thread.author()));
        view.put("can", can);
        return view;
    }

    /**
     * Opens a thread on the passage between two encoded relative positions, with its first comment.
     *
     * @param textName the name of the root Y.Text the positions are in
     * @param isPrivate whether the thread is between the document's owner and one reader
     * @param reader for a private thread opened by the owner: the reader's subject (a reader opening one needs none)
     */
    Map<String, Object> open(String document, Member member, String textName, byte[] start, byte[] end,
            String body, boolean isPrivate, String reader, ScheduledExecutorService thread) {
        requireCommenter(member);
        String text = CommentText.check(body, limits);
        String privateTo = isPrivate ? privatePartner(member, reader) : null;
        Optional<ResolvedAnchor> where = readDocument(document, thread, doc -> {
            YText root = Anchors.text(doc, textName).orElseThrow(() -> ApiException.badRequest("invalid_anchor",
                    "the document " + document + " has no text named \"" + textName + "\""));
            try {
                return Anchors.resolve(doc, root, start, end);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_anchor", e.getMessage());
            }
        }).orElseThrow(() -> ApiException.badRequest("invalid_anchor",
                "the document " + document + " has no content to anchor a comment to"));
        ResolvedAnchor anchor = where.orElseThrow(() -> ApiException.badRequest("invalid_anchor",
                "the anchor does not enclose any of the text \"" + textName + "\" (positions it does not have, "
                        + "or an empty range)"));
        rateLimiter.acquire(member.subject());
        return store(document, member, textName, start, end, anchor, text, privateTo);
    }

    /**
     * Opens a public thread on the UTF-16 range [{@code from}, {@code to}) of the root text {@value #DEFAULT_TEXT}
     * as it is now, for features that comment from the server's side (plugins): the anchor is made here, as a client
     * makes it. Not rate-limited per subject: the caller limits its own runs.
     *
     * @param author who the thread is by: a commenter or more on the document
     * @throws ApiException 400 {@code invalid_anchor} if the range is empty or outside the text
     */
    public Map<String, Object> openAt(String document, Member author, int from, int to, String body,
            ScheduledExecutorService thread) {
        requireCommenter(author);
        String text = CommentText.check(body, limits);
        Anchored anchored = readDocument(document, thread, doc -> {
            YText root = Anchors.text(doc, DEFAULT_TEXT).orElseThrow(() -> ApiException.badRequest("invalid_anchor",
                    "the document " + document + " has no text to comment on"));
            if (from < 0 || to > root.length() || from >= to) {
                throw ApiException.badRequest("invalid_anchor", "the range [" + from + ", " + to
                        + ") is not a passage of the text, which has " + root.length() + " characters");
            }
            byte[] start = RelativePosition.fromTypeIndex(root, from).encode();
            byte[] end = RelativePosition.fromTypeIndex(root, to, -1).encode();
            return new Anchored(start, end, Anchors.resolve(doc, root, start, end).orElseThrow());
        }).orElseThrow(() -> ApiException.badRequest("invalid_anchor",
                "the document " + document + " has no content to anchor a comment to"));
        return store(document, author, DEFAULT_TEXT, anchored.start(), anchored.end(), anchored.where(), text, null);
    }

    /**
     * Tells {@code subject} that their role on {@code document} changed ({@code role.changed}), and them alone: what
     * they may do to its threads ({@code can}) changed with it, so their pages list the threads again.
     */
    public void roleChanged(String document, String subject) {
        live.publish(document, "role.changed", Map.of("subject", subject), Audience.only(Set.of(subject)));
    }

    /** Deletes every thread of {@code document} (with their comments and notifications): when it is deleted. */
    public CompletableFuture<Integer> deleteAll(String document) {
        return repository.deleteAll(document);
    }

    private Map<String, Object> store(String document, Member member, String textName, byte[] start, byte[] end,
            ResolvedAnchor anchor, String body, String privateTo) {
        String quote = CommentText.cut(anchor.text(), limits.maxQuoteChars());
        CommentThread opened = await(repository.open(new NewThread(document, start, end, textName, quote,
                author(member), body, privateTo)));
        Map<String, Object> view = CommentViews.thread(opened, Optional.of(anchor));
        live.publish(document, "thread.created", Map.of("thread", view), audience(opened));
        listener.commented(opened, opened.comments().getFirst(), owners.apply(document));
        return view;
    }

    /** Two encoded relative positions and where they are now. */
    private record Anchored(byte[] start, byte[] end, ResolvedAnchor where) {
    }

    Map<String, Object> reply(String document, long threadId, Member member, String body) {
        requireCommenter(member);
        String text = CommentText.check(body, limits);
        visibleThread(document, threadId, member);
        rateLimiter.acquire(member.subject());
        Comment reply = await(repository.reply(document, threadId, author(member), text))
                .orElseThrow(() -> noThread(threadId));
        CommentThread thread = repository.thread(document, threadId).orElseThrow(() -> noThread(threadId));
        Map<String, Object> view = CommentViews.comment(reply);
        live.publish(document, "comment.created", Map.of("thread_id", threadId, "comment", view), audience(thread));
        listener.commented(thread, reply, owners.apply(document));
        return view;
    }

    Map<String, Object> edit(String document, long threadId, long commentId, Member member, String body) {
        String text = CommentText.check(body, limits);
        CommentThread thread = visibleThread(document, threadId, member);
        Comment comment = thread.comment(commentId).orElseThrow(() -> noComment(commentId));
        if (!comment.author().subject().equals(member.subject())) {
            throw ApiException.forbidden("only its author edits a comment");
        }
        rateLimiter.acquire(member.subject());
        Comment edited = await(repository.edit(document, threadId, commentId, text))
                .orElseThrow(() -> noComment(commentId));
        Map<String, Object> view = CommentViews.comment(edited);
        live.publish(document, "comment.edited", Map.of("thread_id", threadId, "comment", view), audience(thread));
        return view;
    }

    void deleteComment(String document, long threadId, long commentId, Member member) {
        CommentThread thread = visibleThread(document, threadId, member);
        Comment comment = thread.comment(commentId).orElseThrow(() -> noComment(commentId));
        if (!mayDelete(member, comment.author())) {
            throw ApiException.forbidden("only its author or the document's owner deletes a comment");
        }
        switch (await(repository.deleteComment(document, threadId, commentId))) {
            case NOT_FOUND -> throw noComment(commentId);
            case COMMENT -> live.publish(document, "comment.deleted",
                    Map.of("thread_id", threadId, "comment_id", commentId), audience(thread));
            case COMMENT_AND_THREAD -> live.publish(document, "thread.deleted", Map.of("thread_id", threadId),
                    audience(thread));
        }
    }

    void deleteThread(String document, long threadId, Member member) {
        CommentThread thread = visibleThread(document, threadId, member);
        if (!mayDelete(member, thread.author())) {
            throw ApiException.forbidden("only its author or the document's owner deletes a thread");
        }
        if (!await(repository.deleteThread(document, threadId))) {
            throw noThread(threadId);
        }
        live.publish(document, "thread.deleted", Map.of("thread_id", threadId), audience(thread));
    }

    /** Resolves the thread ({@code resolved}) or reopens it. */
    Map<String, Object> resolve(String document, long threadId, Member member, boolean resolved) {
        CommentThread thread = visibleThread(document, threadId, member);
        if (!mayResolve(member, thread)) {
            throw ApiException.forbidden("only its author or an editor resolves or reopens a thread");
        }
        CommentThread changed = await(repository.resolve(document, threadId, resolved ? member.subject() : null))
                .orElseThrow(() -> noThread(threadId));
        Map<String, Object> view = new LinkedHashMap<>(Map.of("thread_id", threadId));
        view.putAll(CommentViews.resolution(changed));
        live.publish(document, resolved ? "thread.resolved" : "thread.reopened", view, audience(changed));
        return view;
    }

    /** Whether {@code member} may see {@code thread}: a public one, or a private one they are a party to. */
    static boolean canSee(Member member, CommentThread thread) {
        return !thread.isPrivate() || thread.privateTo().equals(member.subject()) || member.role() == Role.OWNER;
    }

    /** Whether {@code member} may resolve and reopen {@code thread}: its author, editors and the owner. */
    private static boolean mayResolve(Member member, CommentThread thread) {
        return thread.author().subject().equals(member.subject()) || member.role().canEdit();
    }

    /** Whether {@code member} may delete what {@code author} wrote (a comment, a thread): its author or the owner. */
    private static boolean mayDelete(Member member, CommentAuthor author) {
        return author.subject().equals(member.subject()) || member.role() == Role.OWNER;
    }

    /** Who receives events about {@code thread}: everyone, or its reader and the document's owner. */
    private Audience audience(CommentThread thread) {
        if (!thread.isPrivate()) {
            return Audience.EVERYONE;
        }
        Set<String> parties = new HashSet<>();
        parties.add(thread.privateTo());
        owners.apply(thread.document()).ifPresent(parties::add);
        return Audience.only(parties);
    }

    private static String privatePartner(Member member, String reader) {
        if (member.isReader()) {
            return member.subject();
        }
        if (member.role() != Role.OWNER) {
            throw ApiException.forbidden("private threads are between the document's owner and one reader");
        }
        if (reader == null || reader.isBlank()) {
            throw ApiException.badRequest("invalid_thread",
                    "the owner names the reader of a private thread in \"reader\"");
        }
        if (!reader.startsWith(ReaderTokens.SUBJECT_PREFIX)) {
            throw ApiException.badRequest("invalid_thread", "a private thread is with a share-link reader: \"reader\" "
                    + "is their subject, " + ReaderTokens.SUBJECT_PREFIX + "<session>, not " + reader);
        }
        return reader;
    }

    private static void requireCommenter(Member member) {
        if (!member.role().canComment()) {
            throw ApiException.forbidden("a " + member.role().jsonName() + " cannot comment");
        }
    }

    private CommentThread visibleThread(String document, long threadId, Member member) {
        return repository.thread(document, threadId).filter(t -> canSee(member, t))
                .orElseThrow(() -> noThread(threadId));
    }

    private static Optional<ResolvedAnchor> resolveStored(Doc doc, YText text, CommentThread thread) {
        try {
            return Anchors.resolve(doc, text, thread.anchorStart(), thread.anchorEnd());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code reader} on the document's room thread; empty if the document is neither loaded nor stored. */
    private <T> Optional<T> readDocument(String document, ScheduledExecutorService thread, Function<Doc, T> reader) {
        return await(rooms.read(document, thread, reader));
    }

    private static CommentAuthor author(Member member) {
        return new CommentAuthor(member.subject(), member.displayName());
    }

    private static ApiException noThread(long threadId) {
        return ApiException.notFound("no comment thread " + threadId + " on this document");
    }

    private static ApiException noComment(long commentId) {
        return ApiException.notFound("no comment " + commentId + " in this thread");
    }

    /** The future's result; its ApiException as is, any other failure as 503. */
    private static <T> T await(CompletableFuture<T> future) {
        return ApiException.await(future, "comments are unavailable right now");
    }
}
