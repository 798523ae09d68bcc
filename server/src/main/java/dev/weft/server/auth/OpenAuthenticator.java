package dev.weft.server.auth;

import java.util.Optional;

/** The open development mode: any request, token or not, may read and write every document. */
final class OpenAuthenticator implements Authenticator {

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public Grant verify(Optional<String> token) {
        return Grant.OPEN;
    }
}
