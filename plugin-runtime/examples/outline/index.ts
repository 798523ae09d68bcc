// Outline from a paragraph: each sentence of the highlighted text becomes a point, cut at its first clause.
import { quote, result, variable } from "../lib/weft";
export { alloc } from "../lib/weft";

// A point longer than this many words is cut, with an ellipsis.
const MAX_WORDS = 12;

function point(sentence: string): string {
  let clause = sentence.trim();
  for (let i = 0; i < clause.length; i++) {
    const c = clause.charCodeAt(i);
    // The first clause: up to a comma, semicolon, colon or dash.
    if (c == 0x2c || c == 0x3b || c == 0x3a || c == 0x2014) {
      clause = clause.substring(0, i);
      break;
    }
  }
  const words = clause.split(" ").filter((w: string) => w.length > 0);
  if (words.length > MAX_WORDS) return words.slice(0, MAX_WORDS).join(" ") + "…";
  return words.join(" ");
}

export function run(inputPtr: usize, inputLen: i32): u64 {
  const text = variable("highlighted_text");
  const points = new Array<string>();
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const end = i == text.length;
    const c = end ? 0 : text.charCodeAt(i);
    if (end || c == 0x2e || c == 0x21 || c == 0x3f || c == 0x0a) {
      const p = point(text.substring(start, i));
      if (p.length > 0) points.push(p);
      start = i + 1;
    }
  }
  let list = "";
  let lines = "";
  for (let i = 0; i < points.length; i++) {
    list += (i > 0 ? "," : "") + quote(points[i]);
    lines += (i > 0 ? "\n" : "") + "- " + points[i];
  }
  return result("{\"text\":" + quote(lines) + ",\"outline\":[" + list + "]}");
}
