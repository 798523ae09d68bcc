import { result } from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

export function run(inputPtr: usize, inputLen: i32): u64 {
  let total: usize = 0;
  // One MiB at a time: the allocator aborts when memory.grow fails at the declared maximum.
  while (inputLen >= 0) {
    const block = heap.alloc(1 << 20);
    store<u8>(block, 1);
    total += 1 << 20;
  }
  return result("{\"allocated\":" + total.toString() + "}");
}
