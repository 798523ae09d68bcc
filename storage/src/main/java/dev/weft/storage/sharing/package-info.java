/**
 * The sharing feature's tables: documents as records (owner, title) with their collaborators' roles, share links
 * (their tokens stored as SHA-256 hashes only) with the reader sessions opened from them, and the audit log of
 * sharing and role changes. Schema: {@code db/migration/V2__sharing.sql}.
 *
 * <p>Contract: every change that the audit log records is written in the same transaction as its audit entry, so
 * the log never misses a committed change nor shows one that rolled back. Writes return futures completed after
 * COMMIT ({@link dev.weft.storage.Tables#write}); reads block the calling thread (a virtual thread, never an event
 * loop). Roles are stored as their lower-case names ({@code editor}, {@code commenter}, {@code viewer}); the
 * owner is the record's {@code owner}, never a member row.
 */
package dev.weft.storage.sharing;
