package dev.weft.server.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.ReaderTokens;
import dev.weft.server.http.ApiRequest;
import dev.weft.server.http.ApiResponse;
import dev.weft.server.http.ApiRoutes;
import dev.weft.server.sync.Connection;
import dev.weft.server.sync.Rooms;
import dev.weft.storage.sharing.LinkSessionRecord;
import dev.weft.storage.sharing.ShareLinkStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/documents/{name}/presence}: who is in a document now, for anyone who may read it. Collaborators
 * (application tokens) are shown by subject with the awareness states their connections sent (where editors put
 * their name, colour and cursor); readers by their reader session, with the name they gave when opening the link.
 * Someone connected twice is listed once. A document nobody has open has nobody in it (it is not loaded for this).
 */
final class PresenceApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DocumentAccess access;
    private final Rooms rooms;
    private final ShareLinkStore links;
    private final InstantSource clock;

    PresenceApi(DocumentAccess access, Rooms rooms, ShareLinkStore links, InstantSource clock) {
        this.access = access;
        this.rooms = rooms;
        this.links = links;
        this.clock = clock;
    }

    void register(ApiRoutes routes) {
        routes.get("/api/documents/{name}/presence", this::presence);
    }

    private ApiResponse presence(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        access.require(request, document, Role.VIEWER);
        List<Connection> connections = rooms.connections(document).join().orElse(List.of());
        Map<String, LinkSessionRecord> sessions = links.activeSessions(document, clock.instant()).stream()
                .collect(Collectors.toMap(LinkSessionRecord::id, Function.identity()));
        Map<String, Map<String, Object>> collaborators = new LinkedHashMap<>();
        Map<String, Map<String, Object>> readers = new LinkedHashMap<>();
        for (Connection connection : connections) {
            String subject = connection.subject();
            Map<String, Object> person;
            if (subject.startsWith(ReaderTokens.SUBJECT_PREFIX)) {
                String session = subject.substring(ReaderTokens.SUBJECT_PREFIX.length());
                Optional<String> name = Optional.ofNullable(sessions.get(session)).flatMap(LinkSessionRecord::displayName);
                person = readers.computeIfAbsent(session, id -> newPerson("session", id, "name",
                        name.orElse(Member.ANONYMOUS), "anonymous", name.isEmpty()));
            } else {
                person = collaborators.computeIfAbsent(subject, s -> newPerson("subject", s, "access",
                        connection.access().claim()));
            }
            person.merge("connections", 1, (a, b) -> (Integer) a + (Integer) b);
            @SuppressWarnings("unchecked")
            List<Object> awareness = (List<Object>) person.get("awareness");
            connection.awareness().forEach((client, state) -> awareness.add(awarenessState(client, state)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", document);
        body.put("collaborators", List.copyOf(collaborators.values()));
        body.put("readers", List.copyOf(readers.values()));
        return ApiResponse.ok(body);
    }

    private static Map<String, Object> newPerson(Object... fields) {
        Map<String, Object> person = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            person.put((String) fields[i], fields[i + 1]);
        }
        person.put("connections", 0);
        person.put("awareness", new ArrayList<>());
        return person;
    }

    /** One awareness client's state: its JSON as sent (y-protocols' states are JSON), or the raw text if it is not. */
    private static Map<String, Object> awarenessState(long client, String state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("client_id", client);
        try {
            view.put("state", JSON.readTree(state));
        } catch (JsonProcessingException e) {
            view.put("state", state);
        }
        return view;
    }
}
