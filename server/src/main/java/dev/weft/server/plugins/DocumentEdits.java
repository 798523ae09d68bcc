package dev.weft.server.plugins;

import dev.weft.crdt.YText;
import dev.weft.server.http.ApiException;
import dev.weft.server.sync.Rooms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Applies a run's proposed edits to the document's text through its room, as one update: committed, then
 * broadcast like a client's. Each edit is checked against what the plugin saw: if the passage it replaces has
 * changed since the run read the document (someone typed there meanwhile), that edit is refused as stale rather
 * than applied at an offset that now means something else.
 */
final class DocumentEdits {
    /** What became of one edit. */
    enum Status {
        APPLIED, STALE, PROPOSED;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Rooms rooms;

    DocumentEdits(Rooms rooms) {
        this.rooms = rooms;
    }

    /**
     * Applies {@code edits} (offsets into the text the run read) and waits for the commit.
     *
     * @return each edit's status, in the order given; all {@link Status#STALE} if the document is gone
     * @throws ApiException 409 {@code not_text} if the document's text root is another kind of type; 503 if the
     *     edit could not be stored
     */
    List<Status> apply(String document, ScheduledExecutorService thread, String plugin, List<Proposals.Edit> edits) {
        if (edits.isEmpty()) {
            return List.of();
        }
        CompletableFuture<Optional<List<Status>>> applied = rooms.edit(document, thread, "plugin:" + plugin, doc -> {
            YText text;
            try {
                text = doc.getText(DocumentSnapshot.TEXT_ROOT);
            } catch (IllegalStateException e) {
                throw ApiException.conflict("not_text", "the document's \"" + DocumentSnapshot.TEXT_ROOT
                        + "\" root is not text, so the plugin's edits cannot be applied");
            }
            Status[] statuses = new Status[edits.size()];
            // From the end backwards, so that applying one edit leaves the offsets of those before it valid.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < edits.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingInt((Integer i) -> edits.get(i).index()).reversed());
            for (int i : order) {
                Proposals.Edit edit = edits.get(i);
                String current = text.toString();
                boolean unchanged = edit.index() + edit.deleteCount() <= current.length()
                        && current.startsWith(edit.replaced(), edit.index());
                if (unchanged) {
                    if (edit.deleteCount() > 0) {
                        text.delete(edit.index(), edit.deleteCount());
                    }
                    if (!edit.text().isEmpty()) {
                        text.insert(edit.index(), edit.text());
                    }
                }
                statuses[i] = unchanged ? Status.APPLIED : Status.STALE;
            }
            return List.of(statuses);
        });
        return ApiException.await(applied, "the plugin's edits could not be applied to " + document)
                .orElseGet(() -> edits.stream().map(edit -> Status.STALE).toList());
    }
}
