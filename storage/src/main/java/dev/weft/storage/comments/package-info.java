/**
 * Comment threads anchored to passages of documents, and their comments: {@link
 * dev.weft.storage.comments.CommentRepository} over the tables of {@code V3__comments.sql}. Anchors are stored as
 * the clients' encoded Yjs relative positions; resolving them needs the document, which is the server's business.
 */
package dev.weft.storage.comments;
