import { result } from "../../../../examples/lib/weft";
export { alloc } from "../../../../examples/lib/weft";

function isPrime(n: i32): bool {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) {
    if (n % d == 0) return false;
  }
  return true;
}

// The input is {"plugin":..,"version":..,"variables":{},"input":N}: N is read from the end of the JSON.
function limitOf(ptr: usize, len: i32): i32 {
  let end = len - 1;
  while (end > 0 && load<u8>(ptr + end) == 0x7d) end--; // the closing brace
  let value = 0;
  let scale = 1;
  while (end >= 0) {
    const c = load<u8>(ptr + end);
    if (c < 0x30 || c > 0x39) break;
    value += (c - 0x30) * scale;
    scale *= 10;
    end--;
  }
  return value;
}

export function run(inputPtr: usize, inputLen: i32): u64 {
  const limit = limitOf(inputPtr, inputLen);
  let count = 0;
  for (let n = 0; n < limit; n++) {
    if (isPrime(n)) count++;
  }
  return result("{\"text\":\"" + count.toString() + " primes\",\"primes\":" + count.toString() + "}");
}
