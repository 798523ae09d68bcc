/**
 * Persistence: SQLite in WAL mode through sqlite-jdbc, behind repositories.
 *
 * <p>Contract: {@link dev.weft.storage.Storage#open} owns one database file in a data directory and applies the
 * numbered schema migrations ({@code db/migration/V<n>__<name>.sql}, run by Flyway) before anything else. One
 * writer thread owns the only write connection and commits with group commit: the writes waiting when a
 * transaction begins are committed together, and a write's future completes only after COMMIT returned (with
 * {@code synchronous=FULL} or, for {@link dev.weft.storage.Durability#PROCESS_CRASH}, {@code NORMAL}), so that a
 * caller broadcasts only what is durable. Futures complete in commit order,
 * off the writer thread. Reads run on the calling thread with connections from a HikariCP pool of read-only
 * connections; they block, so callers never run them on an event loop.
 *
 * <p>{@link dev.weft.storage.DocumentStore} keeps each document as a snapshot plus an update log; compaction
 * merges the log into the snapshot ({@link dev.weft.crdt.Updates#mergeUpdates}) without losing updates
 * appended meanwhile. Everything else (share links, comments, plugins, notifications, audit) is plain tables
 * behind repositories of their own ({@link dev.weft.storage.Tables}); secrets such as share tokens and API keys
 * are stored hashed.
 *
 * <p>SQL stays close to portable so that the same repositories can run on PostgreSQL: the statements are standard
 * SQL plus {@code INSERT ... ON CONFLICT ... RETURNING}, which both speak, and SQLite's two-argument {@code MAX}
 * in one query ({@code GREATEST} there); only the migrations' DDL is SQLite's.
 *
 * <p>Public: the interfaces and value types a caller uses. The implementation ({@code Sqlite*},
 * {@code StorageWriter}, the statement classes) is package-private. Nothing here knows Netty or rooms.
 */
package dev.weft.storage;
