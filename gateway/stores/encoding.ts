/**
 * Hashing and sizing the stores share. WebCrypto and plain string arithmetic only, so every store
 * runs in the browser (MSW) as it does on Node.
 */

/** JSON with object keys sorted at every depth, so two bodies that mean the same hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')

/** SHA-256 of the text's UTF-8 bytes, lower-case hex (64 characters). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return hex(new Uint8Array(digest))
}

/** Base64url without padding (RFC 4648 §5): safe in a cookie and a URL as it is. */
export function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/**
 * The UTF-8 length of a string without encoding it: what Redis will hold, and what a memory
 * budget should count (a string of Latin text is one byte a character, not JavaScript's two).
 */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4
      i++
    } else bytes += 3 // the rest of the BMP, and a lone surrogate (encoded as U+FFFD)
  }
  return bytes
}
