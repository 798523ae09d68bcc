import {
  documentText, emitCanvas, emitComment, generate, log, proposeEdit, quote, result, storyBible, variable,
} from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

export function run(inputPtr: usize, inputLen: i32): u64 {
  const text = documentText();
  const genre = variable("genre");
  const synopsis = storyBible("synopsis");
  log("writing a " + genre + " story");
  const title = generate("A title for: " + synopsis);
  proposeEdit(0, 0, title + "\n");
  emitComment(0, text.length, "The whole text, " + text.length.toString() + " characters");
  emitCanvas("{\"type\":\"note\",\"text\":" + quote(synopsis) + "}");
  return result("{\"text\":" + quote(title) + ",\"genre\":" + quote(genre) + "}");
}
