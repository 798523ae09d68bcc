// Updates and state vectors cross the line protocol as base64 strings.

/** @param {Uint8Array} bytes */
export const toBase64 = bytes => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

/** @param {string} text */
export const fromBase64 = text => new Uint8Array(Buffer.from(text, 'base64'))
