package dev.weft.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one verified token allows: who holds it, which documents it covers, and with which access.
 *
 * @param subject the token's {@code sub} claim, for logs and awareness of who did what
 * @param access what the holder may do: the token's scope (document roles may lower or, for members, set it:
 *     see {@link DocumentAccessPolicy})
 * @param documents the names or patterns of the documents covered
 * @param name the holder's display name: an application token's optional {@code name} claim, or the name a reader
 *     gave when opening a share link
 * @param reader the share-link session, if Weft minted this token for a reader
 * @param expires the instant from which the token is no longer accepted (its {@code exp} plus the clock skew
 *     allowed); an open connection is closed then. Empty for a grant that does not expire (the open mode)
 */
public record Grant(String subject, Access access, List<DocumentPattern> documents, Optional<String> name,
        Optional<ReaderSession> reader, Optional<Instant> expires) {

    /** The subject of everyone in the open development mode. */
    public static final String ANONYMOUS = "anonymous";

    /** What everyone gets in the open development mode: every document, read and write. */
    static final Grant OPEN = new Grant(ANONYMOUS, Access.READ_WRITE, List.of(new DocumentPattern("*")));

    public Grant {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(access, "access");
        documents = List.copyOf(documents);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(expires, "expires");
    }

    /** A grant that does not expire. */
    public Grant(String subject, Access access, List<DocumentPattern> documents, Optional<String> name,
            Optional<ReaderSession> reader) {
        this(subject, access, documents, name, reader, Optional.empty());
    }

    /** An application's grant without a display name. */
    public Grant(String subject, Access access, List<DocumentPattern> documents) {
        this(subject, access, documents, Optional.empty(), Optional.empty());
    }

    /** Whether the token covers the document named {@code document}. */
    public boolean covers(String document) {
        return documents.stream().anyMatch(p -> p.matches(document));
    }

    /** Whether Weft minted this token for a share-link reader. */
    public boolean isReader() {
        return reader.isPresent();
    }
}
