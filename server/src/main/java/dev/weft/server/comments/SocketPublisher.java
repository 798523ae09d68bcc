package dev.weft.server.comments;

import dev.weft.server.auth.Grant;
import java.util.function.Predicate;

/**
 * Where live events go to sync WebSockets: the rooms' {@code publish}, which sends an encoded extension message
 * to every connection of a document that opted in to the extension and whose grant is in the audience.
 */
@FunctionalInterface
public interface SocketPublisher {
    void publish(String document, String extension, byte[] frame, Predicate<Grant> audience);
}
