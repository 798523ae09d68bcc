/**
 * Persistence: SQLite in WAL mode through HikariCP, behind repositories.
 *
 * <p>Contract: one writer connection, owned by the storage writer, which appends document updates to an update
 * log with group commit (many updates, one commit) and reports each commit so that the caller broadcasts only
 * what is durable; readers come from the pool. Schema changes are numbered migrations applied at start.
 * Compaction folds a document's update log into a snapshot. Everything else (share links, comments, plugins,
 * notifications, audit) is plain tables behind repositories; secrets such as share tokens and API keys are stored
 * hashed. SQL stays portable so that the same repositories can run on PostgreSQL.
 *
 * <p>Nothing here knows Netty or rooms; callers never block an event loop on it.
 *
 * <p>Status: no code yet; the CRDT engine comes first.
 */
package dev.weft.storage;
