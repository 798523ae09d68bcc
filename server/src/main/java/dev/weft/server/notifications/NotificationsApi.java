package dev.weft.server.notifications;

import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Grant;
import dev.weft.server.comments.LiveEvents;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.ApiRequest;
import dev.weft.server.http.ApiResponse;
import dev.weft.server.http.ApiRoutes;
import dev.weft.server.http.EventStream;
import dev.weft.server.sharing.DocumentAccess;
import dev.weft.storage.notifications.NotificationRepository;
import java.util.List;
import java.util.Map;

/**
 * The caller's notification feed (README, "Notifications"): {@code GET /api/notifications} lists it newest first
 * ({@code ?unread=true}, {@code ?before=<id>} for the next page, {@code ?limit=}), {@code POST
 * /api/notifications/read} marks some or all read, and {@code GET /api/notifications/events} streams new ones as
 * server-sent events. Any valid token: everyone has a feed, under the token's subject.
 */
public final class NotificationsApi {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final DocumentAccess access;
    private final NotificationRepository feed;
    private final LiveEvents live;

    public NotificationsApi(DocumentAccess access, NotificationRepository feed, LiveEvents live) {
        this.access = access;
        this.feed = feed;
        this.live = live;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/notifications", this::list)
                .post("/api/notifications/read", this::markRead)
                .get("/api/notifications/events", this::events);
    }

    private ApiResponse list(ApiRequest request) throws AuthException {
        String subject = access.authenticate(request).subject();
        boolean unreadOnly = request.queryParameter("unread").map(Boolean::parseBoolean).orElse(false);
        long before = request.queryParameter("before").map(v -> number(v, "before")).orElse(Long.MAX_VALUE);
        int limit = (int) Math.min(MAX_PAGE, request.queryParameter("limit").map(v -> number(v, "limit"))
                .orElse((long) DEFAULT_PAGE));
        if (limit < 1) {
            throw ApiException.badRequest("invalid_parameter", "\"limit\" must be at least 1");
        }
        return ApiResponse.ok(Map.of(
                "notifications", feed.feed(subject, before, limit, unreadOnly).stream().map(Notifier::view).toList(),
                "unread", feed.unreadCount(subject)));
    }

    private ApiResponse markRead(ApiRequest request) throws AuthException {
        String subject = access.authenticate(request).subject();
        List<Long> ids = request.body().length == 0 ? List.of() : request.bodyAs(MarkRead.class).idsOrAll();
        int marked = feed.markRead(subject, ids).join();
        return ApiResponse.ok(Map.of("marked", marked, "unread", feed.unreadCount(subject)));
    }

    private ApiResponse events(ApiRequest request) throws AuthException {
        Grant grant = access.authenticate(request);
        return EventStream.response(sink -> live.subscribeToNotifications(grant.subject(),
                () -> access.stillAccepted(grant), sink));
    }

    private static long number(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", "\"" + name + "\" must be a number, not " + value);
        }
    }

    /** {@code {"ids": [...]}}; no ids (or no body) marks every notification read. */
    record MarkRead(List<Long> ids) {
        List<Long> idsOrAll() {
            return ids == null ? List.of() : ids;
        }
    }
}
