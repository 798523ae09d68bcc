package dev.weft.plugin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * One run's side of the boundary: the host imports bound to this run's permissions, variables and host, and the
 * copying of strings in and out of the plugin's linear memory, every length and pointer checked against the
 * limits and the memory's size.
 */
final class RunSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginManifest manifest;
    private final Map<String, String> variables;
    private final HostApi host;
    private final RuntimeLimits limits;
    private Value memory;
    private Value alloc;
    private int hostCalls;

    RunSession(PluginManifest manifest, Map<String, String> variables, HostApi host, RuntimeLimits limits) {
        this.manifest = manifest;
        this.variables = variables;
        this.host = host;
        this.limits = limits;
    }

    /** The import object for {@code module.newInstance}: every host import, each checking its permission. */
    Object importObject() {
        Map<String, Object> functions = new LinkedHashMap<>();
        for (HostImport hostImport : HostImport.values()) {
            functions.put(hostImport.importName(), (ProxyExecutable) args -> call(hostImport, args));
        }
        return ProxyObject.fromMap(Map.of(HostImport.MODULE, ProxyObject.fromMap(functions)));
    }

    /** Binds the instance's exports, once it exists (host calls during its start function have no memory yet). */
    void bind(Value exports) {
        this.memory = exports.getMember(ModuleValidator.MEMORY_EXPORT);
        this.alloc = exports.getMember("alloc");
    }

    private Object call(HostImport hostImport, Value... args) {
        hostImport.permission().ifPresent(permission -> {
            if (!manifest.allows(permission)) {
                throw new PluginException(PluginException.Reason.PERMISSION_DENIED, manifest.id() + " called "
                        + HostImport.MODULE + "." + hostImport.importName() + " without the " + permission
                        + " permission");
            }
        });
        if (++hostCalls > limits.maxHostCalls()) {
            throw new PluginException(PluginException.Reason.OUTPUT_TOO_LARGE,
                    manifest.id() + " made more than " + limits.maxHostCalls() + " host calls in one run");
        }
        if (memory == null) {
            throw new PluginException(PluginException.Reason.BAD_OUTPUT,
                    manifest.id() + " called " + hostImport.importName() + " before it was instantiated");
        }
        return hostImport.call(this, args);
    }

    HostApi host() {
        return host;
    }

    int hostCalls() {
        return hostCalls;
    }

    String variable(String name) {
        if (!manifest.variables().contains(name)) {
            throw new PluginException(PluginException.Reason.PERMISSION_DENIED,
                    manifest.id() + " read the variable \"" + name + "\", which its manifest does not declare");
        }
        return variables.getOrDefault(name, "");
    }

    /** An i32 the ABI uses as an offset or a count: negative values are a plugin's mistake. */
    int offset(Value value) {
        int offset = value.asInt();
        if (offset < 0) {
            throw new PluginException(PluginException.Reason.BAD_OUTPUT,
                    manifest.id() + " passed the negative offset " + offset + " to a host call");
        }
        return offset;
    }

    String readString(Value pointer, Value length) {
        return decode(read(Integer.toUnsignedLong(pointer.asInt()), Integer.toUnsignedLong(length.asInt())));
    }

    ObjectNode readJsonObject(Value pointer, Value length) {
        return parseObject(readString(pointer, length));
    }

    /** Reads the string {@code run} returned, packed as (pointer << 32 | length), as a JSON object. */
    ObjectNode readResult(long packed) {
        return parseObject(decode(read(packed >>> 32, packed & 0xffff_ffffL)));
    }

    /** Copies {@code text} into memory the plugin allocates, returning it packed as (pointer << 32 | length). */
    long writeString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return 0;
        }
        return ((long) write(bytes) << 32) | bytes.length;
    }

    /** Copies {@code bytes} into memory the plugin allocates; returns the pointer. */
    int write(byte[] bytes) {
        long pointer = Integer.toUnsignedLong(alloc.execute(bytes.length).asInt());
        checkBounds(pointer, bytes.length, "alloc returned");
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        // Eight bytes per call: the polyglot API writes a buffer one primitive at a time.
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, pointer + i, buffer.getLong(i));
        }
        for (; i < bytes.length; i++) {
            memory.writeBufferByte(pointer + i, bytes[i]);
        }
        return (int) pointer;
    }

    long memoryBytes() {
        return memory == null ? 0 : memory.getBufferSize();
    }

    private byte[] read(long pointer, long length) {
        if (length > limits.maxOutputBytes()) {
            throw new PluginException(PluginException.Reason.OUTPUT_TOO_LARGE, manifest.id() + " passed "
                    + length + " bytes to the host, more than the " + limits.maxOutputBytes() + " allowed");
        }
        checkBounds(pointer, length, "pointed");
        byte[] bytes = new byte[(int) length];
        memory.readBuffer(pointer, bytes, 0, bytes.length);
        return bytes;
    }

    private void checkBounds(long pointer, long length, String what) {
        if (pointer + length > memory.getBufferSize()) {
            throw new PluginException(PluginException.Reason.BAD_OUTPUT, manifest.id() + " " + what
                    + " outside its memory: " + length + " bytes at " + pointer + ", memory size "
                    + memory.getBufferSize());
        }
    }

    private String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PluginException(PluginException.Reason.BAD_OUTPUT,
                    manifest.id() + " passed a string that is not UTF-8");
        }
    }

    private ObjectNode parseObject(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // Reported below, like any other value that is not an object.
        }
        throw new PluginException(PluginException.Reason.BAD_OUTPUT, manifest.id() + " returned "
                + (json.length() > 80 ? json.substring(0, 80) + "..." : json) + ", which is not a JSON object");
    }
}
