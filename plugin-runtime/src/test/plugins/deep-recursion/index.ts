import { result } from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

function depth(n: i32): i32 {
  // Not a tail call: every level waits for the next.
  return depth(n + 1) + 1;
}

export function run(inputPtr: usize, inputLen: i32): u64 {
  return result("{\"depth\":" + depth(inputLen).toString() + "}");
}
