package dev.weft.server.sharing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.weft.server.http.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a share link allows, as the API takes it: {@code allow_comments} and {@code allow_anonymous} (default
 * false), {@code max_participants} (1 to {@value #MAX_PARTICIPANTS}, or null for no limit) and {@code expires_at}
 * (an ISO-8601 instant in the future, or null for never).
 */
record LinkOptions(boolean allowComments, boolean allowAnonymous, OptionalInt maxParticipants,
        Optional<Instant> expiresAt) {
    static final int MAX_PARTICIPANTS = 10_000;

    /** The JSON body's fields, before they are checked. */
    record Json(@JsonProperty("allow_comments") Boolean allowComments,
            @JsonProperty("allow_anonymous") Boolean allowAnonymous,
            @JsonProperty("max_participants") Integer maxParticipants,
            @JsonProperty("expires_at") String expiresAt) {

        /** The options, checked against the time {@code now}. */
        LinkOptions checked(Instant now) {
            if (maxParticipants != null && (maxParticipants < 1 || maxParticipants > MAX_PARTICIPANTS)) {
                throw ApiException.badRequest("invalid_max_participants",
                        "max_participants is 1 to " + MAX_PARTICIPANTS + ", or null for no limit");
            }
            Optional<Instant> expiry = Optional.empty();
            if (expiresAt != null) {
                try {
                    expiry = Optional.of(Instant.parse(expiresAt));
                } catch (DateTimeParseException e) {
                    throw ApiException.badRequest("invalid_expires_at",
                            "expires_at is an ISO-8601 instant such as 2030-01-31T12:00:00Z, or null for never");
                }
                if (!expiry.get().isAfter(now)) {
                    throw ApiException.badRequest("invalid_expires_at", "expires_at must be in the future");
                }
            }
            return new LinkOptions(Boolean.TRUE.equals(allowComments), Boolean.TRUE.equals(allowAnonymous),
                    maxParticipants == null ? OptionalInt.empty() : OptionalInt.of(maxParticipants), expiry);
        }
    }
}
