package dev.weft.crdt.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The byte-level reference for a Java document: a fresh Yjs document fed exactly the updates the Java document was
 * fed, in the same order (client-js/peers/witness.js). Yjs splits and merges structs depending on the order updates
 * arrive, so only a document with the same history can be expected to encode to the same bytes.
 *
 * @param checkpoints the witness's state after the requested numbers of updates
 * @param diffs its final state encoded against each requested state vector
 * @param pendingSteps after how many of the updates something was waiting for a missing dependency
 * @param history what the final state says through the snapshot asked for, or null if none was
 */
public record Witness(List<Checkpoint> checkpoints, List<UpdatePair> diffs, int pendingSteps, History history) {
    /** @param pending whether an update was still waiting for a missing dependency */
    public record Checkpoint(int at, DocState state, boolean pending) {
    }

    /**
     * The final document read through a snapshot taken on the way (gc off only).
     *
     * @param snapshot the V1 encoding of the snapshot
     * @param restored the V1 state of the document createDocFromSnapshot gives
     * @param delta the text root's toDelta(snapshot) as tagged JSON (see DocContent), or a JSON null without text
     */
    public record History(byte[] snapshot, byte[] restored, JsonNode delta) {
    }

    public static Witness replay(YjsInterop yjs, long clientId, boolean gc, List<Kind> kinds, List<FedUpdate> updates,
            List<Integer> checkpoints, List<byte[]> diffStateVectors) {
        return replay(yjs, clientId, gc, kinds, updates, checkpoints, diffStateVectors, -1);
    }

    /** @param snapshotAt after how many updates to take a snapshot for the {@link History}; -1 for none */
    public static Witness replay(YjsInterop yjs, long clientId, boolean gc, List<Kind> kinds, List<FedUpdate> updates,
            List<Integer> checkpoints, List<byte[]> diffStateVectors, int snapshotAt) {
        ObjectNode params = YjsInterop.params().put("clientId", clientId).put("gc", gc);
        if (snapshotAt >= 0) {
            params.put("snapshotAt", snapshotAt);
        }
        params.set("kinds", YjsSession.kindsJson(kinds));
        ArrayNode fed = params.putArray("updates");
        updates.forEach(update -> fed.add(update.toJson()));
        ArrayNode at = params.putArray("checkpoints");
        checkpoints.forEach(at::add);
        ArrayNode diffs = params.putArray("diffs");
        diffStateVectors.forEach(sv -> diffs.add(Base64.getEncoder().encodeToString(sv)));

        JsonNode result = yjs.call("replay", params);
        List<Checkpoint> snapshots = new ArrayList<>();
        result.get("snapshots").forEach(node -> snapshots.add(
                new Checkpoint(node.get("at").asInt(), DocState.fromJson(node), node.get("pending").asBoolean())));
        List<UpdatePair> encodedDiffs = new ArrayList<>();
        result.get("diffs").forEach(node -> encodedDiffs.add(
                new UpdatePair(UpdatePair.base64(node.get("update")), UpdatePair.base64(node.get("updateV2")))));
        JsonNode history = result.get("history");
        return new Witness(snapshots, encodedDiffs, result.get("pendingSteps").asInt(), history.isNull() ? null
                : new History(UpdatePair.base64(history.get("snapshot")), UpdatePair.base64(history.get("restored")),
                        history.get("delta")));
    }
}
