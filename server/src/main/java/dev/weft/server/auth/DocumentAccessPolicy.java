package dev.weft.server.auth;

import java.util.concurrent.CompletableFuture;

/**
 * What a verified {@link Grant} may do with one document: its token's claims, or, for documents that have a record,
 * the document's roles (the sharing feature's {@code DocumentAccess}). The WebSocket upgrade asks it before the
 * handshake; it may read a database, so it answers later and never blocks the caller.
 */
@FunctionalInterface
public interface DocumentAccessPolicy {

    /**
     * The access {@code grant} has to {@code document}.
     *
     * @return completes with the access; fails with an {@link AuthException} ({@link AuthException.Kind#FORBIDDEN})
     *     if the grant may not open the document at all
     */
    CompletableFuture<Access> accessTo(Grant grant, String document);

    /** The token alone decides: a document it covers, with its scope. */
    static DocumentAccessPolicy tokenClaims() {
        return (grant, document) -> grant.covers(document)
                ? CompletableFuture.completedFuture(grant.access())
                : CompletableFuture.failedFuture(AuthException.forbidden("the token does not cover the document " + document));
    }
}
