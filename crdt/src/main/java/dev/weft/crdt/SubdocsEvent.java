package dev.weft.crdt;

import java.util.Set;

/**
 * The subdocuments a transaction changed.
 *
 * @param loaded subdocuments to load now (added with autoLoad, or asked to by {@link Doc#load()})
 * @param added subdocuments inserted into the document
 * @param removed subdocuments deleted from the document; they are destroyed after the listeners ran
 */
public record SubdocsEvent(Set<Doc> loaded, Set<Doc> added, Set<Doc> removed) {
}
