import { result } from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

@external("wasi_snapshot_preview1", "fd_write")
declare function fdWrite(fd: i32, iovs: usize, iovsLen: i32, written: usize): i32;

export function run(inputPtr: usize, inputLen: i32): u64 {
  return result("{\"written\":" + fdWrite(1, inputPtr, 1, inputPtr).toString() + "}");
}
