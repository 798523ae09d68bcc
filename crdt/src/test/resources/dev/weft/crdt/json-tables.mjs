// Generates the JSON test tables from JS itself (no packages needed). Run from this directory with
//   node json-tables.mjs
// json-stringify.tsv: "number <bits of the double, hex> <JSON.stringify>" and
//                     "string <UTF-16 code units, hex, comma-separated> <JSON.stringify>"
// json-parse.tsv:     "valid <UTF-8 of the input, hex> <JSON.stringify(JSON.parse(input))>" and
//                     "invalid <UTF-8 of the input, hex>" for inputs JSON.parse rejects
import { writeFileSync } from 'node:fs'

const view = new DataView(new ArrayBuffer(8))
const bits = x => { view.setFloat64(0, x); return view.getBigUint64(0).toString(16).padStart(16, '0') }
let seed = 0x9E3779B97F4A7C15n
const random64 = () => {
  seed ^= (seed << 13n) & 0xFFFFFFFFFFFFFFFFn
  seed ^= seed >> 7n
  seed ^= (seed << 17n) & 0xFFFFFFFFFFFFFFFFn
  return seed
}

const numbers = [
  0, -0, 1, -1, 0.1, 0.2 + 0.1, 1 / 3, -2 / 3, 100, 4.35, 1e-6, 1.5e-6, 1e-7, 1.5e-7, 123e-20, 0.000001234,
  1e20, 1e21, 1e21 - 65536, 999999999999999900000, 123456789012345680000, 1e100, -1e-100,
  2 ** 31 - 1, -(2 ** 31), 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 2 ** 63, 2 ** 64, 2 ** 70,
  Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, Number.EPSILON, 2.2250738585072014e-308,
  2.225073858507201e-308, 1.7976931348623157e308, 9007199254740993, 0.5, 1.25, 5e-324 * 3, NaN, Infinity, -Infinity
]
for (let e = -324; e <= 308; e++) {
  // one-digit decimals: where the shortest form has one digit, Java's Double.toString may print two
  for (let d = 1; d <= 9; d++) {
    if (e <= -305 || e % 10 === 0 || d === 5) numbers.push(Number(`${d}e${e}`))
  }
}
for (let e = -1074; e <= 1023; e += 13) numbers.push(2 ** e, -(2 ** e) * 3)
for (let i = 0; i < 1000; i++) {
  view.setBigUint64(0, random64())
  numbers.push(view.getFloat64(0))
}
for (let i = 0; i < 300; i++) numbers.push(Number(random64() % 10n ** 22n) / 10 ** Number(random64() % 25n))

const strings = [
  '', 'plain', 'quote " backslash \\ slash /', '\b\f\n\r\t', '\x7f\x80\x9f\xa0\xff', '\u2028\u2029\ufeff',
  'é€😀', '\ud800', '\udbff', '\udc00', '\udfff', 'a\ud800b', '\udc00\ud800', 'x\ud83d', '\ude00x', '\ud83d\ude00',
  String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i))
]
const hex16 = s => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16)).join(',')

const stringifyRows = [
  ...numbers.map(x => `number\t${bits(x)}\t${JSON.stringify(x)}`),
  ...strings.map(s => `string\t${hex16(s)}\t${JSON.stringify(s)}`)
]
writeFileSync('json-stringify.tsv', stringifyRows.join('\n') + '\n')

const valid = [
  'null', ' true ', '\t\n\r false', '0', '-0', '1.5e3', '-1E-2', '1e400', '-1e-400', '123456789012345678901234567890',
  '2147483647', '2147483648', '-2147483647', '-2147483648', '1.0', '0.1e1',
  '"\\u00e9\\uD83D\\ude00\\/\\b\\f\\n\\r\\t\\"\\\\"', '"\\ud800"', '"é€😀"', '[]', '{}', '[1,[2,[3]],{"a":null}]',
  '{"b":1,"a":2,"1":3,"0":4,"01":5,"-1":6,"4294967295":7,"4294967294":8}', '{"a":1,"a":2,"b":3}',
  '{"__proto__":1}', ' { "x" : [ 1 , 2 ] } '
]
const invalid = [
  '', ' ', 'nul', 'True', 'undefined', 'NaN', 'Infinity', '01', '-', '+1', '1.', '.5', '1e', '1e+', '0x10', '1 2',
  '"abc', '"\\x41"', '"\\u12G4"', '"tab\there"', '"nl\nhere"', '[1,]', '[,1]', '{"a":1,}', '{a:1}', "{'a':1}",
  '{"a" 1}', '[1 2]', '{"a":1', '[', '"\\', '\u00a0 1', '1 //c', '\ufeff1'
]
const hex8 = s => Buffer.from(s, 'utf8').toString('hex')
const parseRows = [
  ...valid.map(s => `valid\t${hex8(s)}\t${JSON.stringify(JSON.parse(s))}`),
  ...invalid.map(s => {
    try {
      JSON.parse(s)
    } catch {
      return `invalid\t${hex8(s)}`
    }
    throw new Error(`JSON.parse accepted ${s}`)
  })
]
writeFileSync('json-parse.tsv', parseRows.join('\n') + '\n')
