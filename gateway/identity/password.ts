/**
 * Password hashes: scrypt from node:crypto, in the self-describing format of password-format.ts,
 * so the cost can be raised later without breaking hashes already in a directory file. The only
 * node: import of the identity code: a browser host (the demo, where users sign in by email) never
 * loads this file, and sign-in takes its verifier as a `PasswordVerifier` argument.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import {
  DEFAULT_SCRYPT_PARAMS,
  formatPasswordHash,
  parsePasswordHash,
  scryptMemoryBytes,
  type PasswordVerifier,
  type ScryptParams,
} from './password-format'

const SALT_BYTES = 16
const HASH_BYTES = 32

function derive(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node refuses above 32 MiB by default, which N=2^15, r=8 already needs.
    maxmem: scryptMemoryBytes(params) + 1024 * 1024,
  }
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const hash = await derive(password, salt, HASH_BYTES, params)
  return formatPasswordHash({ ...params, salt: salt.toString('base64'), hash: hash.toString('base64') })
}

export const verifyPassword: PasswordVerifier = async (password, storedHash) => {
  const parsed = parsePasswordHash(storedHash)
  if (typeof parsed === 'string') return false
  const expected = Buffer.from(parsed.hash, 'base64')
  const actual = await derive(password, Buffer.from(parsed.salt, 'base64'), expected.length, parsed)
  return timingSafeEqual(actual, expected)
}
