export { alloc } from "../../../../examples/lib/weft";

@external("weft", "log")
declare function hostLog(ptr: usize, len: i32): void;

export function run(inputPtr: usize, inputLen: i32): u64 {
  hostLog(<usize>(memory.size() << 16) - 10, 100);
  return 0;
}
