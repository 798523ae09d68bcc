// The Weft plugin ABI for AssemblyScript plugins: the host imports (module `weft`) and the helpers every plugin
// shares. See plugin-runtime/README section "Writing a plugin" in the repository README for the contract.
//
// Strings cross the boundary as UTF-8 in linear memory. A host call that returns a string returns it packed in an
// i64: the pointer in the high 32 bits, the length in the low 32 bits, in memory the host got from `alloc`.

@external("weft", "log")
declare function hostLog(ptr: usize, len: i32): void;

@external("weft", "doc_text")
declare function hostDocText(): u64;

@external("weft", "variable")
declare function hostVariable(namePtr: usize, nameLen: i32): u64;

@external("weft", "emit_comment")
declare function hostEmitComment(from: i32, to: i32, ptr: usize, len: i32): void;

@external("weft", "story_bible")
declare function hostStoryBible(keyPtr: usize, keyLen: i32): u64;

@external("weft", "propose_edit")
declare function hostProposeEdit(index: i32, deleteCount: i32, ptr: usize, len: i32): void;

@external("weft", "emit_canvas")
declare function hostEmitCanvas(ptr: usize, len: i32): void;

@external("weft", "ai_generate")
declare function hostAiGenerate(ptr: usize, len: i32): u64;

/** The ABI's allocator: the host writes the run's input, and the strings host calls return, where it points. */
export function alloc(len: i32): usize {
  return heap.alloc(<usize>len);
}

/** Called by the AssemblyScript runtime on a failed assertion or `throw`: logs the reason, then traps. */
export function abort(message: string | null, file: string | null, line: u32, column: u32): void {
  log("abort: " + (message ? message! : "") + " at " + (file ? file! : "") + ":" + line.toString() + ":" + column.toString());
  unreachable();
}

export function log(message: string): void {
  const bytes = String.UTF8.encode(message);
  hostLog(changetype<usize>(bytes), bytes.byteLength);
}

/** The document's text (needs the doc.read permission). */
export function documentText(): string {
  return unpack(hostDocText());
}

/** The value of a variable the manifest declares, "" when the run has none. */
export function variable(name: string): string {
  const bytes = String.UTF8.encode(name);
  return unpack(hostVariable(changetype<usize>(bytes), bytes.byteLength));
}

/** Proposes a comment on the text from `from` to `to` (UTF-16 offsets; needs comments.write). */
export function emitComment(from: i32, to: i32, body: string): void {
  const bytes = String.UTF8.encode(body);
  hostEmitComment(from, to, changetype<usize>(bytes), bytes.byteLength);
}

/** The Story Bible's entry `key` (synopsis, characters, ...), "" when there is none (needs storybible.read). */
export function storyBible(key: string): string {
  const bytes = String.UTF8.encode(key);
  return unpack(hostStoryBible(changetype<usize>(bytes), bytes.byteLength));
}

/** Proposes replacing `deleteCount` characters at `index` (UTF-16 offsets) with `text` (needs doc.write). */
export function proposeEdit(index: i32, deleteCount: i32, text: string): void {
  const bytes = String.UTF8.encode(text);
  hostProposeEdit(index, deleteCount, changetype<usize>(bytes), bytes.byteLength);
}

/**
 * Proposes a canvas element, a JSON object such as {"type": "card", "x": 40, "y": 60, "text": "..."} (needs
 * canvas.write; the fields are in the README, "The canvas document model").
 */
export function emitCanvas(elementJson: string): void {
  const bytes = String.UTF8.encode(elementJson);
  hostEmitCanvas(changetype<usize>(bytes), bytes.byteLength);
}

/** A completion of `prompt` from the server's AI provider (needs ai.generate). */
export function generate(prompt: string): string {
  const bytes = String.UTF8.encode(prompt);
  return unpack(hostAiGenerate(changetype<usize>(bytes), bytes.byteLength));
}

/** The run's result: JSON text, returned by `run` as a packed pointer and length. */
export function result(json: string): u64 {
  const bytes = String.UTF8.encode(json);
  return (<u64>changetype<usize>(bytes) << 32) | <u64>bytes.byteLength;
}

export function unpack(packed: u64): string {
  const len = <i32>(packed & 0xffffffff);
  if (len == 0) return "";
  return String.UTF8.decodeUnsafe(<usize>(packed >>> 32), <usize>len);
}

/** `s` as a JSON string literal. */
export function quote(s: string): string {
  let out = "\"";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 0x22) out += "\\\"";
    else if (c == 0x5c) out += "\\\\";
    else if (c == 0x0a) out += "\\n";
    else if (c == 0x0d) out += "\\r";
    else if (c == 0x09) out += "\\t";
    else if (c < 0x20) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += String.fromCharCode(c);
  }
  return out + "\"";
}
