package dev.weft.server.auth;

import java.util.List;
import java.util.Objects;

/**
 * What one verified token allows: who holds it, which documents it covers, and with which access.
 *
 * @param subject the token's {@code sub} claim, for logs and awareness of who did what
 * @param access what the holder may do
 * @param documents the names or patterns of the documents covered
 */
public record Grant(String subject, Access access, List<DocumentPattern> documents) {

    /** What everyone gets in the open development mode: every document, read and write. */
    static final Grant OPEN = new Grant("anonymous", Access.READ_WRITE, List.of(new DocumentPattern("*")));

    public Grant {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(access, "access");
        documents = List.copyOf(documents);
    }

    /** Whether the token covers the document named {@code document}. */
    public boolean covers(String document) {
        return documents.stream().anyMatch(p -> p.matches(document));
    }
}
