package dev.weft.server.auth;

import java.util.Optional;

/**
 * The open development mode: any request, token or not, may read and write every document, as
 * {@value Grant#ANONYMOUS}; only a share-link reader's token is verified, and gives the reader's grant.
 */
final class OpenAuthenticator implements Authenticator {
    private final ReaderTokens readerTokens = ReaderTokens.random();

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public ReaderTokens readerTokens() {
        return readerTokens;
    }

    /** A reader's token that does not verify is refused rather than taken for an editor's absent one. */
    @Override
    public Grant verify(Optional<String> token) throws AuthException {
        if (token.isPresent() && ReaderTokens.isReaderToken(token.get())) {
            return readerTokens.verify(token.get());
        }
        return Grant.OPEN;
    }
}
