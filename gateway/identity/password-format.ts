/**
 * The stored password hash's format, `scrypt$N$r$p$saltB64$hashB64`, without any crypto: the
 * directory checks hashes with it and sign-in builds its dummy from it, in the browser as on Node.
 * Hashing and verifying live in password.ts (node:crypto).
 */

/** Checks a password against a stored hash; false for a wrong password and for a malformed hash. */
export type PasswordVerifier = (password: string, storedHash: string) => Promise<boolean>

export type ScryptParams = { N: number; r: number; p: number }
export type ParsedPasswordHash = ScryptParams & { salt: string; hash: string }

/** OWASP's scrypt minimum is N=2^17 with r=8, p=1; 2^15 keeps a sign-in near 50 ms on a small host. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 }

/** Beyond these a hash from a broken or hostile directory file would cost seconds or gigabytes to verify. */
const LIMITS = { maxN: 2 ** 20, maxR: 32, maxP: 16, maxMemoryBytes: 256 * 1024 * 1024 }

const base64 = /^[A-Za-z0-9+/]+={0,2}$/
const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0

/** scrypt needs 128·N·r·p bytes of memory. */
export const scryptMemoryBytes = ({ N, r, p }: ScryptParams) => 128 * N * r * p

/** The parts of a stored hash, or a sentence saying what is wrong with it. */
export function parsePasswordHash(text: string): ParsedPasswordHash | string {
  const parts = text.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return 'expected scrypt$N$r$p$salt$hash'
  const [, n, r, p, salt = '', hash = ''] = parts
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  if (!isPowerOfTwo(params.N) || params.N > LIMITS.maxN) return `N must be a power of two up to ${LIMITS.maxN}`
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > LIMITS.maxR) return `r must be 1 to ${LIMITS.maxR}`
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > LIMITS.maxP) return `p must be 1 to ${LIMITS.maxP}`
  if (scryptMemoryBytes(params) > LIMITS.maxMemoryBytes) return 'N·r·p needs too much memory'
  if (!base64.test(salt) || !base64.test(hash)) return 'salt and hash must be base64'
  if (hash.length < 22) return 'hash is too short (at least 16 bytes)'
  return { ...params, salt, hash }
}

export const formatPasswordHash = (parsed: ParsedPasswordHash): string =>
  `scrypt$${parsed.N}$${parsed.r}$${parsed.p}$${parsed.salt}$${parsed.hash}`
