package dev.weft.plugin;

import static com.dylibso.chicory.wasm.types.ValType.I32;
import static com.dylibso.chicory.wasm.types.ValType.I64;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.graalvm.polyglot.Value;

/**
 * The host imports of ABI version 1, module {@value #MODULE}: the only imports a plugin may have. Strings pass as
 * (pointer, length) of UTF-8 in the plugin's memory; a string returned by the host is an i64 packing the pointer
 * (high 32 bits) and the length (low 32 bits) of bytes the host wrote where the plugin's {@code alloc} said, 0
 * for an empty string. Offsets into the document are UTF-16 code units.
 */
enum HostImport {
    /** {@code log(ptr, len)}: a line for the embedder's log. */
    LOG("log", null, List.of(I32, I32), List.of()) {
        @Override
        Object call(RunSession run, Value... args) {
            run.host().log(run.readString(args[0], args[1]));
            return null;
        }
    },
    /** {@code variable(namePtr, nameLen) -> str}: a variable the manifest declares ("" when the run has none). */
    VARIABLE("variable", null, List.of(I32, I32), List.of(I64)) {
        @Override
        Object call(RunSession run, Value... args) {
            return run.writeString(run.variable(run.readString(args[0], args[1])));
        }
    },
    /** {@code doc_text() -> str}: the document's text. */
    DOC_TEXT("doc_text", Permission.DOC_READ, List.of(), List.of(I64)) {
        @Override
        Object call(RunSession run, Value... args) {
            return run.writeString(run.host().documentText());
        }
    },
    /** {@code story_bible(keyPtr, keyLen) -> str}: an entry of the Story Bible. */
    STORY_BIBLE("story_bible", Permission.STORYBIBLE_READ, List.of(I32, I32), List.of(I64)) {
        @Override
        Object call(RunSession run, Value... args) {
            return run.writeString(run.host().storyBible(run.readString(args[0], args[1])));
        }
    },
    /** {@code propose_edit(index, deleteCount, textPtr, textLen)}: replace a range of the document. */
    PROPOSE_EDIT("propose_edit", Permission.DOC_WRITE, List.of(I32, I32, I32, I32), List.of()) {
        @Override
        Object call(RunSession run, Value... args) {
            run.host().proposeEdit(run.offset(args[0]), run.offset(args[1]), run.readString(args[2], args[3]));
            return null;
        }
    },
    /** {@code emit_comment(from, to, bodyPtr, bodyLen)}: a comment on {@code [from, to)}. */
    EMIT_COMMENT("emit_comment", Permission.COMMENTS_WRITE, List.of(I32, I32, I32, I32), List.of()) {
        @Override
        Object call(RunSession run, Value... args) {
            int from = run.offset(args[0]);
            int to = run.offset(args[1]);
            if (to < from) {
                throw new PluginException(PluginException.Reason.BAD_OUTPUT,
                        "emit_comment: the range ends (" + to + ") before it starts (" + from + ")");
            }
            run.host().proposeComment(from, to, run.readString(args[2], args[3]));
            return null;
        }
    },
    /** {@code emit_canvas(jsonPtr, jsonLen)}: a canvas element, a JSON object. */
    EMIT_CANVAS("emit_canvas", Permission.CANVAS_WRITE, List.of(I32, I32), List.of()) {
        @Override
        Object call(RunSession run, Value... args) {
            run.host().proposeCanvasElement(run.readJsonObject(args[0], args[1]));
            return null;
        }
    },
    /** {@code ai_generate(promptPtr, promptLen) -> str}: a completion from the AI provider. */
    AI_GENERATE("ai_generate", Permission.AI_GENERATE, List.of(I32, I32), List.of(I64)) {
        @Override
        Object call(RunSession run, Value... args) {
            return run.writeString(run.host().generate(run.readString(args[0], args[1])));
        }
    };

    static final String MODULE = "weft";

    private final String importName;
    private final Permission permission;
    private final FunctionType type;

    HostImport(String importName, Permission permission, List<ValType> params, List<ValType> returns) {
        this.importName = importName;
        this.permission = permission;
        this.type = FunctionType.of(params, returns);
    }

    String importName() {
        return importName;
    }

    /** The permission a call needs, or empty when every plugin may call it. */
    Optional<Permission> permission() {
        return Optional.ofNullable(permission);
    }

    FunctionType type() {
        return type;
    }

    static Optional<HostImport> named(String name) {
        return Arrays.stream(values()).filter(i -> i.importName.equals(name)).findFirst();
    }

    /** Performs the call for {@code run}, whose permission and call-count checks have passed. */
    abstract Object call(RunSession run, Value... args);
}
