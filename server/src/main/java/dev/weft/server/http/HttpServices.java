package dev.weft.server.http;

import dev.weft.server.auth.Authenticator;
import dev.weft.server.auth.DocumentAccessPolicy;
import dev.weft.server.config.Limits;
import dev.weft.server.metrics.ServerMetrics;
import dev.weft.server.signaling.Signaling;
import dev.weft.server.sync.Rooms;
import java.util.concurrent.Executor;

/**
 * What the HTTP and WebSocket handlers of every connection share: built once by the server.
 *
 * @param authenticator checks tokens at the upgrade and on the API
 * @param rooms the loaded documents
 * @param metrics the server's meters
 * @param limits what one client may cost
 * @param blocking where blocking work (file and database reads, API handlers) runs, never an event loop
 * @param routes the JSON API's routes, registered by the features
 * @param signaling the y-webrtc signalling endpoint's topics
 * @param documentAccess decides the access of a sync connection, from the document's roles
 */
public record HttpServices(Authenticator authenticator, Rooms rooms, ServerMetrics metrics, Limits limits,
        Executor blocking, ApiRoutes routes, Signaling signaling, DocumentAccessPolicy documentAccess) {
}
