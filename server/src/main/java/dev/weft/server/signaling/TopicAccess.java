package dev.weft.server.signaling;

import dev.weft.server.auth.DocumentPattern;
import dev.weft.server.auth.Grant;
import java.util.List;
import java.util.Optional;

/**
 * Which topics one connection may join and publish to. A topic is a y-webrtc room name, and Weft reads a room
 * name as the name of the document the room edits: a topic may be used with a token that covers that document
 * (any scope: the peers exchange the document directly, so a grant to signal is a grant to the content), or when
 * it matches one of the configured open topics. In the open development mode every grant covers everything.
 */
public final class TopicAccess {
    private final Optional<Grant> grant;
    private final List<DocumentPattern> openTopics;

    TopicAccess(Optional<Grant> grant, List<DocumentPattern> openTopics) {
        this.grant = grant;
        this.openTopics = openTopics;
    }

    boolean allows(String topic) {
        return grant.map(g -> g.covers(topic)).orElse(false) || openTopics.stream().anyMatch(p -> p.matches(topic));
    }

    /** Why {@code topic} is refused, for the error frame. */
    String refusal(String topic) {
        return grant.isPresent()
                ? "the token does not cover the document " + topic
                : "without a token only open topics may be used, and " + topic + " is not one";
    }
}
