import { result } from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

export function run(inputPtr: usize, inputLen: i32): u64 {
  return result("{\"text\":\"ok\",\"inputBytes\":" + inputLen.toString() + "}");
}
