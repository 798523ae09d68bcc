import { documentText, emitCanvas, quote, result, variable } from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

// One card per paragraph, inside a group "plot", each joined to the next by a connector. The keys ("plot",
// "scene-0", ...) name the elements within this proposal only; the server gives each a new id. The user's input,
// when there is any, is emitted as it is: the tests use it to propose invalid elements and dangling references.
export function run(inputPtr: usize, inputLen: i32): u64 {
  const paragraphs = documentText().split("\n");
  let cards = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    if (paragraphs[i].trim().length > 0) cards++;
  }
  const width = 40 + cards * 280;
  emitCanvas("{\"id\":\"plot\",\"type\":\"group\",\"x\":0,\"y\":0,\"width\":" + width.toString()
    + ",\"height\":280,\"text\":\"Plot\"}");
  let count = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i].trim();
    if (paragraph.length == 0) continue;
    const key = "scene-" + count.toString();
    emitCanvas("{\"id\":" + quote(key) + ",\"type\":\"card\",\"parent\":\"plot\",\"x\":"
      + (40 + count * 280).toString() + ",\"y\":60,\"text\":" + quote(paragraph) + ",\"color\":\"#FFD966\"}");
    if (count > 0) {
      emitCanvas("{\"type\":\"connector\",\"from\":\"scene-" + (count - 1).toString() + "\",\"to\":" + quote(key)
        + ",\"text\":\"then\"}");
    }
    count++;
  }
  const extra = variable("user_text_input");
  if (extra.length > 0) emitCanvas(extra);
  return result("{\"text\":" + quote(count.toString() + " scene cards") + "}");
}
