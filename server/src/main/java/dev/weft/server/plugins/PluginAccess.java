package dev.weft.server.plugins;

import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Grant;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.ApiRequest;
import dev.weft.server.sharing.DocumentAccess;
import dev.weft.server.sharing.Member;
import dev.weft.server.sharing.Role;
import java.util.Collection;
import java.util.Set;

/**
 * Who may do what with plugins. On a document, by role ({@link DocumentAccess} decides it): a viewer runs plugins
 * that only answer, and test runs; a commenter runs plugins that leave comments; an editor installs plugins and runs
 * those that edit the document or its canvas. On the marketplace: any user (not a share-link reader) publishes, and
 * a publisher updates or unpublishes their own plugins. Administrators (configured subjects; every user in the open
 * development mode) install plugins server-wide, unpublish anyone's, and grant credits.
 */
final class PluginAccess {
    private final DocumentAccess documents;
    private final boolean open;
    private final Set<String> admins;

    /**
     * @param open whether the server runs in the open development mode, where every user is an administrator
     */
    PluginAccess(DocumentAccess documents, boolean open, Collection<String> admins) {
        this.documents = documents;
        this.open = open;
        this.admins = Set.copyOf(admins);
    }

    /**
     * The caller as {@code document} sees them, who must have at least {@code role}.
     *
     * @throws AuthException 401 without a valid token
     * @throws ApiException 404 if the caller cannot see the document, 403 below the role
     */
    Member document(ApiRequest request, String document, Role role) throws AuthException {
        return documents.require(request, document, role);
    }

    /** The caller, a user. @throws AuthException 401 without a valid token; 403 for a share-link reader */
    Grant user(ApiRequest request) throws AuthException {
        return documents.requireUser(request);
    }

    /** The caller, who must be an administrator. */
    Grant admin(ApiRequest request) throws AuthException {
        Grant grant = user(request);
        if (!isAdmin(grant)) {
            throw ApiException.forbidden("only an administrator of this server may do this (--plugin-admins)");
        }
        return grant;
    }

    boolean isAdmin(Grant grant) {
        return !grant.isReader() && (open || admins.contains(grant.subject()));
    }
}
