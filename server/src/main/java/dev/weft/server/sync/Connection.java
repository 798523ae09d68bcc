package dev.weft.server.sync;

import dev.weft.server.auth.Access;
import java.util.Map;

/**
 * One open connection to a document, as presence shows it.
 *
 * @param subject who holds the connection's token
 * @param access what the connection may do now
 * @param awareness the awareness states the connection sent, by client id, as JSON text (y-protocols' states)
 */
public record Connection(String subject, Access access, Map<Long, String> awareness) {
    public Connection {
        awareness = Map.copyOf(awareness);
    }
}
