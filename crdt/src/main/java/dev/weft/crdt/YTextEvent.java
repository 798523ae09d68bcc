package dev.weft.crdt;

import dev.weft.crdt.lib0.Undefined;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a transaction changed in a {@link YText}: the change as a Quill delta ({@link #delta()}), with formatting
 * changes as {@code retain} ops carrying attributes, and the whole-text attributes changed ({@link #keysChanged()}).
 *
 * <p>Like Yjs, computing the delta deletes format markers the transaction inserted that turn out to repeat the
 * formatting already in effect; those deletions run in a transaction of their own after this one.
 */
public final class YTextEvent extends YEvent<YText> {
    /** The keys the transaction changed, null standing for the content; read lazily, as most events go unread. */
    private final Set<String> subs;
    private List<Map<String, Object>> delta;

    YTextEvent(YText text, Transaction txn, Set<String> subs) {
        super(text, txn);
        this.subs = subs;
    }

    /** Whether the content (characters, embeds, formatting) changed. */
    public boolean childListChanged() {
        return subs.contains(null);
    }

    /** The whole-text attributes ({@link YText#setAttribute}) that changed. */
    public Set<String> keysChanged() {
        return changedKeys(subs);
    }

    /**
     * The change as a Quill delta: {@code insert} (a String, an embed map or a shared type, with the
     * {@code attributes} in effect), {@code delete} (a count), {@code retain} (a count, with the attributes it
     * set, {@code null} for removed ones). Computed once, during the observer call.
     */
    @Override
    public List<Map<String, Object>> delta() {
        if (delta == null) {
            List<Map<String, Object>> ops = new ArrayList<>();
            target.doc.transact(null, txn -> new DeltaBuilder(ops).build(txn));
            delta = Collections.unmodifiableList(ops);
        }
        return delta;
    }

    /** As Yjs's: the keys and the delta; the added and deleted sets stay empty for text. */
    @Override
    public Changes changes() {
        if (changes == null) {
            changes = new Changes(Set.of(), Set.of(), delta(), keys());
        }
        return changes;
    }

    /** Walks the item list once, turning what this event added, deleted and kept into ops. */
    private final class DeltaBuilder {
        private final List<Map<String, Object>> ops;
        /** The attributes in effect, for inserts. */
        private final Map<String, Object> currentAttributes = new LinkedHashMap<>();
        /** The value each attribute had before the transaction, for retains. */
        private final Map<String, Object> oldAttributes = new HashMap<>();
        /** The attributes a retain sets (null: removes). */
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private Action action;
        private final StringBuilder insertString = new StringBuilder();
        private Object insertEmbed;
        private int retain;
        private int deleteLen;

        private DeltaBuilder(List<Map<String, Object>> ops) {
            this.ops = ops;
        }

        void build(Transaction txn) {
            for (Item item = target.start; item != null; item = item.right) {
                Content content = item.content;
                if (content instanceof ContentType || content instanceof ContentEmbed) {
                    if (adds(item)) {
                        if (!deletes(item)) {
                            addOp();
                            action = Action.INSERT;
                            insertEmbed = content.getContent().get(0);
                            addOp();
                        }
                    } else if (deletes(item)) {
                        switchTo(Action.DELETE);
                        deleteLen += 1;
                    } else if (!item.isDeleted()) {
                        switchTo(Action.RETAIN);
                        retain += 1;
                    }
                } else if (content instanceof ContentString string) {
                    if (adds(item)) {
                        if (!deletes(item)) {
                            switchTo(Action.INSERT);
                            insertString.append(string.text());
                        }
                    } else if (deletes(item)) {
                        switchTo(Action.DELETE);
                        deleteLen += item.length;
                    } else if (!item.isDeleted()) {
                        switchTo(Action.RETAIN);
                        retain += item.length;
                    }
                } else if (content instanceof ContentFormat format) {
                    formatChange(txn, item, format);
                }
            }
            addOp();
            while (!ops.isEmpty()) {
                Map<String, Object> last = ops.get(ops.size() - 1);
                if (last.containsKey("retain") && !last.containsKey("attributes")) {
                    // a trailing retain that formats nothing says nothing
                    ops.remove(ops.size() - 1);
                } else {
                    break;
                }
            }
        }

        private void formatChange(Transaction txn, Item item, ContentFormat format) {
            String key = format.key;
            Object value = format.value;
            if (adds(item)) {
                if (!deletes(item)) {
                    Object curVal = JsValues.getOrNull(currentAttributes, key);
                    if (!JsValues.equalAttrs(curVal, value)) {
                        endRetain();
                        if (JsValues.equalAttrs(value, JsValues.getOrNull(oldAttributes, key))) {
                            attributes.remove(key);
                        } else {
                            attributes.put(key, value);
                        }
                    } else if (value != null) {
                        item.delete(txn);
                    }
                }
            } else if (deletes(item)) {
                oldAttributes.put(key, value);
                Object curVal = JsValues.getOrNull(currentAttributes, key);
                if (!JsValues.equalAttrs(curVal, value)) {
                    endRetain();
                    attributes.put(key, curVal);
                }
            } else if (!item.isDeleted()) {
                oldAttributes.put(key, value);
                Object attr = JsValues.get(attributes, key);
                if (attr != Undefined.INSTANCE) {
                    if (!JsValues.equalAttrs(attr, value)) {
                        endRetain();
                        if (value == null) {
                            attributes.remove(key);
                        } else {
                            attributes.put(key, value);
                        }
                    } else if (attr != null) {
                        // repeats what this transaction set: the contextless cleanup would remove it anyway
                        item.delete(txn);
                    }
                }
            }
            if (!item.isDeleted()) {
                if (action == Action.INSERT) {
                    addOp();
                }
                ItemTextListPosition.updateCurrentAttributes(currentAttributes, format);
            }
        }

        /** A change of attributes ends the retain under way: its ops carry the attributes as they were. */
        private void endRetain() {
            if (action == Action.RETAIN) {
                addOp();
            }
        }

        private void switchTo(Action next) {
            if (action != next) {
                addOp();
                action = next;
            }
        }

        private void addOp() {
            if (action == null) {
                return;
            }
            Map<String, Object> op = null;
            switch (action) {
                case DELETE -> {
                    if (deleteLen > 0) {
                        op = new LinkedHashMap<>();
                        op.put("delete", deleteLen);
                    }
                    deleteLen = 0;
                }
                case INSERT -> {
                    if (insertEmbed != null || !insertString.isEmpty()) {
                        op = new LinkedHashMap<>();
                        op.put("insert", insertEmbed != null ? insertEmbed : insertString.toString());
                        if (!currentAttributes.isEmpty()) {
                            Map<String, Object> attrs = new LinkedHashMap<>();
                            currentAttributes.forEach((k, v) -> {
                                if (v != null) {
                                    attrs.put(k, v);
                                }
                            });
                            op.put("attributes", attrs);
                        }
                    }
                    insertEmbed = null;
                    insertString.setLength(0);
                }
                case RETAIN -> {
                    if (retain > 0) {
                        op = new LinkedHashMap<>();
                        op.put("retain", retain);
                        if (!attributes.isEmpty()) {
                            op.put("attributes", new LinkedHashMap<>(attributes));
                        }
                    }
                    retain = 0;
                }
            }
            if (op != null) {
                ops.add(op);
            }
            action = null;
        }
    }

    private enum Action { INSERT, RETAIN, DELETE }
}
