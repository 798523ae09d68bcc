import { result } from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

export function run(inputPtr: usize, inputLen: i32): u64 {
  let i: u32 = 0;
  // Writes memory on every turn, so that no optimizer may drop the loop.
  while (inputLen >= 0) {
    store<u32>(inputPtr, i++);
  }
  return result("{}");
}
