package dev.weft.plugin;

import static com.dylibso.chicory.wasm.types.ValType.I32;
import static com.dylibso.chicory.wasm.types.ValType.I64;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.TableSection;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a module before anything instantiates it: what GraalWasm would accept is not enough, since a module
 * whose memory may grow without bound, or that imports WASI, must never get to run. Chicory's parser reads the
 * sections; the rules are Weft's.
 */
final class ModuleValidator {
    /** Exports the ABI requires, with their types. */
    private static final Map<String, FunctionType> REQUIRED_FUNCTIONS = Map.of(
            "alloc", FunctionType.of(List.of(I32), List.of(I32)),
            "run", FunctionType.of(List.of(I32, I32), List.of(I64)));
    static final String MEMORY_EXPORT = "memory";
    private static final Set<String> WASI_MODULES = Set.of("wasi_snapshot_preview1", "wasi_unstable", "wasi");

    private final RuntimeLimits limits;

    ModuleValidator(RuntimeLimits limits) {
        this.limits = limits;
    }

    /**
     * Checks {@code wasm} and returns its declared memory maximum in bytes.
     *
     * @throws InvalidPluginException listing every rule the module breaks
     */
    long validate(byte[] wasm) {
        if (wasm.length > limits.maxModuleBytes()) {
            throw new InvalidPluginException("the module is " + wasm.length + " bytes, more than the "
                    + limits.maxModuleBytes() + " allowed");
        }
        WasmModule module;
        try {
            module = sections(wasm);
        } catch (RuntimeException e) {
            throw new InvalidPluginException("the module is not valid WebAssembly: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        checkImports(module, problems);
        checkMemory(module, problems);
        checkTables(module, problems);
        checkExports(module, problems);
        if (!problems.isEmpty()) {
            throw new InvalidPluginException(problems);
        }
        return module.memorySection().orElseThrow().getMemory(0).limits().maximumPages() * RuntimeLimits.PAGE_BYTES;
    }

    /**
     * The sections the rules read (and the code, which Chicory needs for a consistent module), without Chicory's
     * validation of every function body: GraalWasm validates the whole module when it parses it, right after.
     */
    private static WasmModule sections(byte[] wasm) {
        Parser.Builder parser = Parser.builder().withValidation(false);
        for (int section : new int[] {SectionId.TYPE, SectionId.IMPORT, SectionId.FUNCTION, SectionId.TABLE,
                SectionId.MEMORY, SectionId.EXPORT, SectionId.CODE}) {
            parser.includeSectionId(section);
        }
        return parser.build().parse(() -> new ByteArrayInputStream(wasm));
    }

    private void checkImports(WasmModule module, List<String> problems) {
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import anImport = module.importSection().getImport(i);
            String name = anImport.module() + "." + anImport.name();
            if (WASI_MODULES.contains(anImport.module())) {
                problems.add("imports " + name + ": WASI is not available to plugins");
            } else if (anImport.importType() != ExternalType.FUNCTION) {
                problems.add("imports " + name + ", a " + anImport.importType().name().toLowerCase()
                        + ": a plugin may import only functions of module \"" + HostImport.MODULE
                        + "\" and must define its own memory");
            } else if (!anImport.module().equals(HostImport.MODULE)) {
                problems.add("imports " + name + ": the only import module is \"" + HostImport.MODULE + "\"");
            } else {
                FunctionType type = module.typeSection().getType(((FunctionImport) anImport).typeIndex());
                HostImport.named(anImport.name()).ifPresentOrElse(
                        known -> {
                            if (!known.type().typesMatch(type)) {
                                problems.add("imports " + name + " as " + type + ", but it is " + known.type());
                            }
                        },
                        () -> problems.add("imports " + name + ", which the host does not provide (it provides "
                                + List.of(HostImport.values()).stream().map(HostImport::importName).toList() + ")"));
            }
        }
    }

    private void checkMemory(WasmModule module, List<String> problems) {
        int count = module.memorySection().map(MemorySection::memoryCount).orElse(0);
        if (count != 1) {
            problems.add("defines " + count + " memories: a plugin defines exactly one, exported as \""
                    + MEMORY_EXPORT + "\"");
            return;
        }
        MemoryLimits memory = module.memorySection().orElseThrow().getMemory(0).limits();
        if (memory.shared()) {
            problems.add("its memory is shared: plugins run single-threaded");
        }
        if (memory.maximumPages() >= MemoryLimits.MAX_PAGES) {
            problems.add("its memory declares no maximum: declare one of at most " + limits.maxMemoryPages()
                    + " pages (" + limits.maxMemoryBytes() + " bytes)");
        } else if (memory.maximumPages() > limits.maxMemoryPages()) {
            problems.add("its memory declares a maximum of " + memory.maximumPages() + " pages, more than the "
                    + limits.maxMemoryPages() + " allowed (" + limits.maxMemoryBytes() + " bytes)");
        }
    }

    private void checkTables(WasmModule module, List<String> problems) {
        TableSection tables = module.tableSection();
        for (int i = 0; i < tables.tableCount(); i++) {
            TableLimits table = tables.getTable(i).limits();
            if (table.max() > limits.maxTableElements()) {
                problems.add("table " + i + " declares no maximum or one above the " + limits.maxTableElements()
                        + " elements allowed");
            }
        }
    }

    private void checkExports(WasmModule module, List<String> problems) {
        boolean memory = false;
        List<String> missing = new ArrayList<>(REQUIRED_FUNCTIONS.keySet());
        int importedFunctions = module.importSection().count(ExternalType.FUNCTION);
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export export = module.exportSection().getExport(i);
            if (export.name().equals(MEMORY_EXPORT) && export.exportType() == ExternalType.MEMORY) {
                memory = true;
            }
            FunctionType required = REQUIRED_FUNCTIONS.get(export.name());
            if (required == null || export.exportType() != ExternalType.FUNCTION) {
                continue;
            }
            missing.remove(export.name());
            if (export.index() < importedFunctions) {
                problems.add("exports the host import " + export.name() + ": it must define it");
                continue;
            }
            FunctionType type = module.functionSection()
                    .getFunctionType(export.index() - importedFunctions, module.typeSection());
            if (!type.typesMatch(required)) {
                problems.add("exports " + export.name() + " as " + type + ", but the ABI needs " + required);
            }
        }
        if (!memory) {
            problems.add("does not export its memory as \"" + MEMORY_EXPORT + "\"");
        }
        missing.stream().sorted().forEach(name -> problems.add("does not export the function \"" + name + "\""));
    }
}
