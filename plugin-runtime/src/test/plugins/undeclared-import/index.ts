import { result } from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

@external("env", "read_file")
declare function readFile(path: usize, len: i32): i32;

@external("weft", "open_socket")
declare function openSocket(port: i32): i32;

export function run(inputPtr: usize, inputLen: i32): u64 {
  return result("{\"read\":" + readFile(inputPtr, inputLen).toString() + ",\"socket\":" + openSocket(80).toString() + "}");
}
