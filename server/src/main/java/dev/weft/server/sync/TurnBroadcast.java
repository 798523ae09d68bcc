package dev.weft.server.sync;

import dev.weft.crdt.UpdateException;
import dev.weft.crdt.Updates;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a room broadcasts in one turn of its thread, sent when the turn ends: the committed updates, merged, and
 * awareness messages. Used on the room's thread only.
 *
 * <p>Design: storage's group commit hands a busy room many updates at once. Relayed one by one, each would cost
 * every connection a frame (and its client a decode and a transaction); merged ({@link Updates#mergeUpdates}, as
 * Yjs merges), they cost one. A connection never gets back what it sent itself: a sender's message merges the
 * others' updates only, so a connection that sent nothing gets the message everybody else shares. Merging stops
 * at {@link #MERGE_BYTES}, so that one frame stays small beside the write-buffer watermarks and a huge paste is
 * never decoded again only to be relayed.
 */
final class TurnBroadcast {
    private static final Logger log = LoggerFactory.getLogger(TurnBroadcast.class);
    /** Updates are merged into one message up to this many bytes; larger runs are split into several. */
    static final int MERGE_BYTES = 64 * 1024;

    private final List<byte[]> updates = new ArrayList<>();
    /** Who sent each update, or null for the server's own edits, which every connection receives. */
    private final List<Session> senders = new ArrayList<>();
    private final List<byte[]> awareness = new ArrayList<>();

    boolean isEmpty() {
        return updates.isEmpty() && awareness.isEmpty();
    }

    /** A committed update, for every connection but {@code from}. */
    void addUpdate(byte[] update, Session from) {
        updates.add(update);
        senders.add(from);
    }

    /** An encoded awareness message, for every connection. */
    void addAwareness(byte[] message) {
        awareness.add(message);
    }

    /** Hands each of {@code sessions} its messages of the turn, updates first, in one call; then starts over. */
    void sendTo(Iterable<Session> sessions) {
        List<byte[]> shared = messagesFor(null);
        Map<Session, List<byte[]>> ownMessages = new HashMap<>();
        for (Session sender : senders) {
            if (sender != null) {
                ownMessages.computeIfAbsent(sender, this::messagesFor);
            }
        }
        for (Session session : sessions) {
            List<byte[]> messages = ownMessages.getOrDefault(session, shared);
            if (!messages.isEmpty()) {
                session.send(messages);
            }
        }
        updates.clear();
        senders.clear();
        awareness.clear();
    }

    /** The turn's messages without the updates {@code recipient} sent ({@code null}: for those who sent none). */
    private List<byte[]> messagesFor(Session recipient) {
        List<byte[]> messages = new ArrayList<>(2 + awareness.size());
        List<byte[]> run = new ArrayList<>();
        int runBytes = 0;
        for (int i = 0; i < updates.size(); i++) {
            if (recipient != null && senders.get(i) == recipient) {
                continue;
            }
            byte[] update = updates.get(i);
            if (!run.isEmpty() && runBytes + update.length > MERGE_BYTES) {
                addMerged(run, messages);
                run.clear();
                runBytes = 0;
            }
            run.add(update);
            runBytes += update.length;
        }
        if (!run.isEmpty()) {
            addMerged(run, messages);
        }
        messages.addAll(awareness);
        return messages;
    }

    private static void addMerged(List<byte[]> run, List<byte[]> messages) {
        try {
            messages.add(MessageWriter.write(new SyncUpdate(Updates.mergeUpdates(run))));
        } catch (UpdateException e) {
            // The updates came out of the room's own document: one that cannot be read again is a bug in the
            // engine, not the client's fault. They still go out, one message each, so that nobody diverges.
            log.error("merging {} updates for a broadcast failed; sending them one by one", run.size(), e);
            for (byte[] update : run) {
                messages.add(MessageWriter.write(new SyncUpdate(update)));
            }
        }
    }
}
