// Compiles every plugin under plugin-runtime/examples/ and plugin-runtime/src/test/plugins/ (a folder holding a
// plugin.json and an index.ts) with AssemblyScript, the compiler client-js pins, into OUT/<folder>/ as
// plugin.json + plugin.wasm: a plugin package as the runtime loads it.
//
// Usage: node plugin-runtime/examples/build.mjs OUT
// A folder may hold an asconfig.json whose "options" override the defaults below (a test plugin that declares no
// memory maximum, say).
import { createRequire } from "node:module";
import { copyFile, mkdir, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const moduleRoot = path.dirname(here);
const out = process.argv[2] && path.resolve(process.argv[2]);
if (!out) {
  console.error("usage: node build.mjs OUT");
  process.exit(2);
}

// AssemblyScript is a devDependency of client-js, installed by `./weft test` from its lockfile.
const clientJs = path.join(moduleRoot, "..", "client-js");
const ascPath = path.join(clientJs, "node_modules", "assemblyscript", "dist", "asc.js");
const asc = await import(pathToFileURL(ascPath).href).catch(() => {
  console.error(`AssemblyScript is not installed: run \`npm ci\` in client-js (./weft test does) first.`);
  process.exit(1);
});

// The ABI's defaults: memory exported as `memory`, a bump allocator (one run, one instance: nothing to free),
// 4 MiB declared maximum, and `abort` routed to the plugin library, so that no `env` import exists.
const defaults = {
  runtime: "stub",
  optimizeLevel: 3,
  shrinkLevel: 0,
  initialMemory: 1,
  maximumMemory: 64,
  noAssert: false,
};

async function pluginFolders(root) {
  const found = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const dir = path.join(root, entry.name);
    if (entry.isDirectory() && (await exists(path.join(dir, "plugin.json")))) found.push(dir);
  }
  return found;
}

async function exists(file) {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function flags(options) {
  const args = [];
  for (const [key, value] of Object.entries(options)) {
    const flag = "--" + key;
    if (value === true) args.push(flag);
    else if (value !== false && value !== null) args.push(flag, String(value));
  }
  return args;
}

// AssemblyScript names a file's functions by its path from the working directory (for --use below).
process.chdir(moduleRoot);
let failed = false;
for (const dir of [...(await pluginFolders(here)), ...(await pluginFolders(path.join(moduleRoot, "src", "test", "plugins")))]) {
  const name = path.basename(dir);
  const target = path.join(out, name);
  await mkdir(target, { recursive: true });
  const configFile = path.join(dir, "asconfig.json");
  const overrides = (await exists(configFile)) ? JSON.parse(await readFile(configFile, "utf8")).options ?? {} : {};
  const options = { ...defaults, ...overrides };
  const args = [
    path.join(dir, "index.ts"),
    "--outFile", path.join(target, "plugin.wasm"),
    "--use", "abort=examples/lib/weft/abort",
    ...flags(options),
  ];
  const { error, stderr } = await asc.main(args);
  if (error) {
    console.error(`${name}: ${error.message}\n${stderr.toString()}`);
    failed = true;
    continue;
  }
  await copyFile(path.join(dir, "plugin.json"), path.join(target, "plugin.json"));
  console.log(`built ${name}`);
}
process.exit(failed ? 1 : 0);
