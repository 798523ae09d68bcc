package dev.weft.server.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a token lets its holder do with the documents it covers: its {@code scope} claim. */
public enum Access {
    /** Read, edit, and send awareness (cursors, presence). */
    READ_WRITE("read-write"),
    /** Read and send awareness; comments come with the comments feature. Edits to the content are refused. */
    COMMENT("comment"),
    /** Read and send awareness; edits are refused. */
    READ_ONLY("read-only");

    private final String claim;

    Access(String claim) {
        this.claim = claim;
    }

    /** The value of the {@code scope} claim. */
    public String claim() {
        return claim;
    }

    /** Whether updates to the document's content are accepted. */
    public boolean canEdit() {
        return this == READ_WRITE;
    }

    static Optional<Access> fromClaim(String claim) {
        return Arrays.stream(values()).filter(a -> a.claim.equals(claim)).findFirst();
    }
}
