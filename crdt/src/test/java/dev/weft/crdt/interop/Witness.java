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
 */
public record Witness(List<Checkpoint> checkpoints, List<UpdatePair> diffs, int pendingSteps) {
    /** @param pending whether an update was still waiting for a missing dependency */
    public record Checkpoint(int at, DocState state, boolean pending) {
    }

    public static Witness replay(YjsInterop yjs, long clientId, boolean gc, List<Kind> kinds, List<FedUpdate> updates,
            List<Integer> checkpoints, List<byte[]> diffStateVectors) {
        ObjectNode params = YjsInterop.params().put("clientId", clientId).put("gc", gc);
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
        return new Witness(snapshots, encodedDiffs, result.get("pendingSteps").asInt());
    }
}
