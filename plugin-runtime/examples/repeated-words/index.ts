// Repeated words: "the the", "And and" – each second occurrence gets a comment spanning both words.
import { documentText, emitComment, quote, result } from "../lib/weft";
export { alloc } from "../lib/weft";

function isWordChar(c: i32): bool {
  // Letters and digits of any script, and the apostrophes inside words ("don't").
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x27 || c == 0x2019 || c >= 0xc0;
}

export function run(inputPtr: usize, inputLen: i32): u64 {
  const text = documentText();
  let found = 0;
  let previous = "";
  let previousStart = -1;
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text.charCodeAt(i))) {
      // Words separated by anything but spaces ("end. End") are not a repetition.
      const c = text.charCodeAt(i);
      if (c != 0x20 && c != 0x09) previous = "";
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
    const word = text.substring(start, i).toLowerCase();
    if (word == previous) {
      emitComment(previousStart, i, "Repeated word: " + text.substring(start, i));
      found++;
    }
    previous = word;
    previousStart = start;
  }
  const summary = found == 0 ? "No repeated words" : found.toString() + (found == 1 ? " repeated word" : " repeated words");
  return result("{\"text\":" + quote(summary) + ",\"comments\":" + found.toString() + "}");
}
