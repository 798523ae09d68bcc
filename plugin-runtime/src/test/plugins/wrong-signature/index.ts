import { result } from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

@external("weft", "doc_text")
declare function docText(offset: i32): u64;

export function run(inputPtr: usize, inputLen: i32): u64 {
  return result("{\"text\":" + docText(inputLen).toString() + "}");
}
