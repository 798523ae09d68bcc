package dev.weft.server.sync;

import dev.weft.crdt.Doc;
import dev.weft.protocol.MessageReader;
import dev.weft.protocol.SyncProtocolMessage;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The transport as the sync core sees it, recording what it is told. */
final class RecordingOutbox implements Outbox {
    final List<byte[]> sent = new CopyOnWriteArrayList<>();
    final List<Boolean> readingChanges = new CopyOnWriteArrayList<>();
    volatile CloseReason closed;

    @Override
    public void send(byte[] message) {
        sent.add(message);
    }

    @Override
    public void send(List<byte[]> messages) {
        sent.addAll(messages);
    }

    /** The first close wins, as on a socket: a later one finds the connection closing. */
    @Override
    public synchronized void close(CloseReason reason) {
        if (closed == null) {
            closed = reason;
        }
    }

    @Override
    public void readMore(boolean reading) {
        readingChanges.add(reading);
    }

    /** The text {@code name} of a document that applied every update this connection was sent. */
    String text(String name) {
        Doc doc = new Doc();
        for (byte[] frame : sent) {
            for (SyncProtocolMessage message : MessageReader.readAll(frame)) {
                if (message instanceof SyncUpdate update) {
                    doc.applyUpdate(update.update());
                }
            }
        }
        return doc.getText(name).toString();
    }

    long count(Class<? extends SyncProtocolMessage> kind) {
        return sent.stream().map(MessageReader::readAll).flatMap(List::stream).filter(kind::isInstance).count();
    }
}
