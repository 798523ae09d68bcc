package dev.weft.crdt.bench;

import dev.weft.crdt.lib0.Lib0Decoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An editing trace prepared by client-js/bench/crdt/trace.mjs, which converts the source trace's code-point
 * positions to UTF-16 indices once for every engine. The ops file is lib0-encoded:
 * {@code varString name, varString endContent, varUint txnCount}, then per transaction
 * {@code varUint patchCount} and per patch {@code varUint pos, varUint del, varString insText}.
 *
 * <p>Patches are kept in flat arrays so that replaying reads them without indirection or boxing.
 */
final class Trace {
    final String name;
    final String endContent;
    /** The index after each transaction's last patch. */
    private final int[] transactionEnds;
    private final int[] positions;
    private final int[] deletes;
    private final String[] inserts;

    private Trace(String name, String endContent, int[] transactionEnds, int[] positions, int[] deletes,
                  String[] inserts) {
        this.name = name;
        this.endContent = endContent;
        this.transactionEnds = transactionEnds;
        this.positions = positions;
        this.deletes = deletes;
        this.inserts = inserts;
    }

    static Trace read(Path opsFile) throws IOException {
        Lib0Decoder decoder = new Lib0Decoder(Files.readAllBytes(opsFile));
        String name = decoder.readVarString();
        String endContent = decoder.readVarString();
        int[] transactionEnds = new int[Math.toIntExact(decoder.readVarUint())];
        IntList positions = new IntList();
        IntList deletes = new IntList();
        List<String> inserts = new ArrayList<>();
        for (int t = 0; t < transactionEnds.length; t++) {
            for (long p = decoder.readVarUint(); p > 0; p--) {
                positions.add(Math.toIntExact(decoder.readVarUint()));
                deletes.add(Math.toIntExact(decoder.readVarUint()));
                inserts.add(decoder.readVarString());
            }
            transactionEnds[t] = inserts.size();
        }
        if (decoder.hasContent()) {
            throw new IOException(opsFile + ": trailing bytes after the last transaction");
        }
        return new Trace(name, endContent, transactionEnds, positions.toArray(), deletes.toArray(),
            inserts.toArray(String[]::new));
    }

    int transactions() {
        return transactionEnds.length;
    }

    int patches() {
        return inserts.length;
    }

    /** The index of transaction {@code t}'s first patch. */
    int firstPatch(int t) {
        return t == 0 ? 0 : transactionEnds[t - 1];
    }

    /** The index after transaction {@code t}'s last patch. */
    int endPatch(int t) {
        return transactionEnds[t];
    }

    int position(int patch) {
        return positions[patch];
    }

    int delete(int patch) {
        return deletes[patch];
    }

    String insert(int patch) {
        return inserts[patch];
    }

    /** A growable int array: millions of patches would otherwise be boxed while reading. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
