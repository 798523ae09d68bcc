package dev.weft.crdt.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A random editing session among Yjs documents in Node (client-js/peers/session.js): every update the peers
 * emitted of their own (edits and formatting cleanups), the state-vector syncs they exchanged, and the final
 * content of each peer (all converged).
 */
public record YjsSession(List<Long> clientIds, List<UpdatePair> updates, List<UpdatePair> syncs, List<JsonNode> peers) {
    public static YjsSession run(YjsInterop yjs, long seed, List<Kind> kinds) {
        JsonNode result = yjs.call("session", YjsInterop.params().put("seed", seed).set("kinds", kindsJson(kinds)));
        List<Long> clientIds = new ArrayList<>();
        result.get("clientIds").forEach(id -> clientIds.add(id.asLong()));
        List<JsonNode> peers = new ArrayList<>();
        result.get("peers").forEach(peers::add);
        return new YjsSession(clientIds, pairs(result.get("updates")), pairs(result.get("syncs")), peers);
    }

    private static List<UpdatePair> pairs(JsonNode array) {
        List<UpdatePair> out = new ArrayList<>();
        array.forEach(node -> out.add(UpdatePair.fromJson(node)));
        return out;
    }

    static JsonNode kindsJson(List<Kind> kinds) {
        var array = YjsInterop.JSON.createArrayNode();
        kinds.forEach(kind -> array.add(kind.wireName()));
        return array;
    }
}
