package dev.weft.storage;

/**
 * A storage operation failed: the database could not be opened or migrated, a write did not commit, a read
 * failed, or the store refused a write because it is closed or its write queue is full. The message names the
 * operation and the document; the cause, when there is one, is the driver's or the migration tool's exception.
 */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
