package dev.weft.server.sharing;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.weft.server.auth.Access;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What someone may do with one document, from most to least. Written in JSON and stored in lower case
 * ({@code "owner"}, {@code "editor"}, {@code "commenter"}, {@code "viewer"}).
 */
public enum Role {
    /** Everything an editor may, and manage: rename, delete, invite, change roles, share links, audit log. */
    OWNER,
    /** Edits the content, comments. */
    EDITOR,
    /** Reads, comments. */
    COMMENTER,
    /** Reads. */
    VIEWER;

    /** Whether updates to the document's content are accepted. */
    public boolean canEdit() {
        return atLeast(EDITOR);
    }

    /** Whether the holder may write comments. */
    public boolean canComment() {
        return atLeast(COMMENTER);
    }

    /** Whether the holder may manage the document's record, collaborators and links. */
    public boolean canManage() {
        return this == OWNER;
    }

    /** Whether this role allows everything {@code other} does. */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    /**
     * This role as far as a token with {@code scope} allows: a read-write token leaves it as it is (an owner stays
     * owner), a comment token makes it commenter at most, a read-only token viewer.
     */
    public Role cappedBy(Access scope) {
        if (scope.canEdit()) {
            return this;
        }
        Role cap = of(scope);
        return atLeast(cap) ? cap : this;
    }

    /** The access a sync connection with this role gets. */
    public Access access() {
        return switch (this) {
            case OWNER, EDITOR -> Access.READ_WRITE;
            case COMMENTER -> Access.COMMENT;
            case VIEWER -> Access.READ_ONLY;
        };
    }

    /** The role a token's scope stands for where no record decides: read-write edits, comment comments, read-only reads. */
    public static Role of(Access scope) {
        return switch (scope) {
            case READ_WRITE -> EDITOR;
            case COMMENT -> COMMENTER;
            case READ_ONLY -> VIEWER;
        };
    }

    /** The role named {@code name} in lower case, as in JSON. */
    public static Optional<Role> parse(String name) {
        return Arrays.stream(values()).filter(r -> r.jsonName().equals(name)).findFirst();
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
