package dev.weft.server.sync;

import dev.weft.server.auth.Access;
import dev.weft.server.auth.Grant;

/**
 * What was decided about a connection before it joins its document: who it is, what it may do, and the version
 * of the document's access that decision read ({@link Rooms#accessVersion}, taken before the roles were read).
 *
 * @param grant the connection's verified token
 * @param access what the connection may do: the token's access, or less if the document's roles say so (never
 *     more than the token grants)
 * @param accessVersion the document's access version read before its roles were
 */
public record Admission(Grant grant, Access access, long accessVersion) {
}
