package dev.weft.server.canvas;

import dev.weft.server.http.ApiException;
import dev.weft.server.sync.Rooms;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Adds elements to documents' canvases through their rooms: in one transaction on the room's thread, committed,
 * then broadcast to every connection like a client's update, so that each y-websocket client sees them appear.
 */
public final class Canvas {
    private final Rooms rooms;

    public Canvas(Rooms rooms) {
        this.rooms = rooms;
    }

    /**
     * Adds {@code elements} to the canvas of {@code document} (see {@link CanvasDocument#add}) and waits for the
     * commit. Each new element gets a random UUID as its id.
     *
     * @param thread the event loop to pin the document's room to if this loads it
     * @param origin the transaction's origin
     * @param plugin the plugin that proposed them, or empty
     * @return each element's placement, in the order given; all refused if the document is gone
     * @throws ApiException 409 {@code not_canvas} if the document's canvas root is another kind of type; 503
     *     {@code unavailable} if the update could not be stored
     */
    public List<CanvasDocument.Placement> add(String document, ScheduledExecutorService thread, Object origin,
            Optional<String> plugin, List<CanvasElement> elements) {
        if (elements.isEmpty()) {
            return List.of();
        }
        CompletableFuture<Optional<List<CanvasDocument.Placement>>> added = rooms.edit(document, thread, origin,
                doc -> {
                    try {
                        doc.getMap(CanvasDocument.ROOT);
                    } catch (IllegalStateException e) {
                        throw ApiException.conflict("not_canvas", "the document's \"" + CanvasDocument.ROOT
                                + "\" root is not a map, so canvas elements cannot be added to it");
                    }
                    return CanvasDocument.add(doc, elements, plugin, () -> UUID.randomUUID().toString());
                });
        return ApiException.await(added, "the canvas elements could not be added to " + document)
                .orElseGet(() -> elements.stream()
                        .map(element -> CanvasDocument.Placement.refused("the document " + document + " is gone"))
                        .toList());
    }
}
