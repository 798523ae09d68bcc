package dev.weft.crdt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Removal of format markers that no longer change anything: Yjs's {@code cleanupFormattingGap},
 * {@code cleanupContextlessFormattingGap}, {@code cleanupYTextFormatting} and {@code cleanupYTextAfterTransaction}.
 *
 * <p>Deleting text, or concurrent formatting from several clients, leaves markers side by side with no content
 * between them; only the last marker of each key in such a gap matters. The deletions made here are ordinary
 * deletions that travel to the other peers, so they must be exactly the ones Yjs makes, in the same transactions.
 */
final class FormattingCleanup {
    private FormattingCleanup() {
    }

    /**
     * Cleans the gap of non-content items starting at {@code start}, after content was deleted there.
     *
     * @param curr the item the caller's cursor stands before; {@code currAttributes} (the attributes in effect
     *             there) is corrected for the markers deleted before it
     * @return how many markers were deleted
     */
    static int cleanupFormattingGap(Transaction txn, Item start, Item curr, Map<String, Object> startAttributes,
                                    Map<String, Object> currAttributes) {
        Item end = start;
        Map<String, ContentFormat> endFormats = new HashMap<>();
        while (end != null && (!end.countable() || end.isDeleted())) {
            if (!end.isDeleted() && end.content instanceof ContentFormat format) {
                endFormats.put(format.key, format);
            }
            end = end.right;
        }
        int cleanups = 0;
        boolean reachedCurr = false;
        while (start != end) {
            if (curr == start) {
                reachedCurr = true;
            }
            if (!start.isDeleted() && start.content instanceof ContentFormat format) {
                String key = format.key;
                Object value = format.value;
                Object startAttrValue = JsValues.getOrNull(startAttributes, key);
                if (endFormats.get(key) != format || JsValues.strictEquals(startAttrValue, value)) {
                    // overwritten later in the gap, or setting what was already in effect before it
                    start.delete(txn);
                    cleanups++;
                    if (!reachedCurr && JsValues.strictEquals(JsValues.getOrNull(currAttributes, key), value)
                            && !JsValues.strictEquals(startAttrValue, value)) {
                        if (startAttrValue == null) {
                            currAttributes.remove(key);
                        } else {
                            currAttributes.put(key, startAttrValue);
                        }
                    }
                }
                if (!reachedCurr && !start.isDeleted()) {
                    ItemTextListPosition.updateCurrentAttributes(currAttributes, format);
                }
            }
            start = start.right;
        }
        return cleanups;
    }

    /**
     * Cleans the gap around {@code item} without knowing the attributes in effect: of several markers of one key
     * in a gap, all but the last are deleted.
     */
    static void cleanupContextlessFormattingGap(Transaction txn, Item item) {
        while (item != null && item.right != null && (item.right.isDeleted() || !item.right.countable())) {
            item = item.right;
        }
        Set<String> keys = new HashSet<>();
        while (item != null && (item.isDeleted() || !item.countable())) {
            if (!item.isDeleted() && item.content instanceof ContentFormat format) {
                if (!keys.add(format.key)) {
                    item.delete(txn);
                }
            }
            item = item.left;
        }
    }

    /**
     * Cleans every gap of a text in one transaction; Yjs marks this experimental and uses it after remote
     * formatting arrived.
     *
     * @return how many markers were deleted
     */
    static int cleanupYTextFormatting(AbstractType<?> type) {
        int[] cleanups = {0};
        type.doc.transact(null, txn -> {
            Item start = type.start;
            Item end = type.start;
            Map<String, Object> startAttributes = new LinkedHashMap<>();
            Map<String, Object> currentAttributes = new LinkedHashMap<>();
            while (end != null) {
                if (!end.isDeleted()) {
                    if (end.content instanceof ContentFormat format) {
                        ItemTextListPosition.updateCurrentAttributes(currentAttributes, format);
                    } else {
                        cleanups[0] += cleanupFormattingGap(txn, start, end, startAttributes, currentAttributes);
                        startAttributes = new LinkedHashMap<>(currentAttributes);
                        start = end;
                    }
                }
                end = end.right;
            }
        });
        return cleanups[0];
    }

    /**
     * Runs after the observers of a transaction that brought remote changes to formatted text
     * ({@link Transaction#needFormattingCleanup}): texts that received new markers are cleaned entirely; around
     * deleted content of other formatted texts, the cheaper contextless cleanup suffices.
     */
    static void cleanupYTextAfterTransaction(Transaction transaction) {
        Set<AbstractType<?>> needFullCleanup = new LinkedHashSet<>();
        StructStore store = transaction.doc.store;
        StateVector before = transaction.beforeState;
        StateVector after = transaction.afterState;
        for (int i = 0; i < after.size(); i++) {
            long client = after.clientAt(i);
            long clock = before.get(client);
            long afterClock = after.clockAt(i);
            if (afterClock != clock) {
                // Yjs passes the end clock where the length belongs, so the walk also reaches structs that observers
                // added after the transaction; doing the same keeps the cleanup identical
                StructStore.iterateStructs(transaction, store.clients.get(client), clock, afterClock, struct -> {
                    if (struct instanceof Item item && !item.isDeleted() && item.content instanceof ContentFormat) {
                        needFullCleanup.add(item.parent);
                    }
                });
            }
        }
        transaction.doc.transact(null, txn -> {
            transaction.deleteSet.iterateDeletedStructs(transaction, struct -> {
                if (!(struct instanceof Item item) || !(item.parent instanceof YText text) || !text.hasFormatting
                        || needFullCleanup.contains(text)) {
                    return;
                }
                if (item.content instanceof ContentFormat) {
                    needFullCleanup.add(text);
                } else {
                    cleanupContextlessFormattingGap(txn, item);
                }
            });
            for (AbstractType<?> text : needFullCleanup) {
                cleanupYTextFormatting(text);
            }
        });
    }
}
