package dev.weft.crdt.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.crdt.Doc;
import java.util.Base64;

/** An update as one document received it: its bytes and their format (1 or 2). */
public record FedUpdate(int format, byte[] bytes) {
    public FedUpdate {
        if (format != 1 && format != 2) {
            throw new IllegalArgumentException("format must be 1 or 2, not " + format);
        }
    }

    public void applyTo(Doc doc, Object origin) {
        if (format == 1) {
            doc.applyUpdate(bytes, origin);
        } else {
            doc.applyUpdateV2(bytes, origin);
        }
    }

    ObjectNode toJson() {
        return YjsInterop.params().put("format", format).put("update", Base64.getEncoder().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return "V" + format + " update of " + bytes.length + " bytes";
    }
}
