/**
 * Who may sign in, as a rule with no I/O of its own (issue 16, item 7):
 *
 * - `password`: the email names a user of the directory and the password matches their scrypt
 *   hash. A wrong email and a wrong password get the same answer, in the same time: an unknown
 *   email (or a user without a password) is verified against a dummy hash of the directory's own
 *   cost, so timing does not tell which emails exist.
 * - `email-only`: the simulated mode's demo sign-in, by email alone. Never for a real deployment:
 *   the configuration only offers it beside the Zuora simulator.
 * - The identity header (BILLING_IDENTITY_HEADER): the vendor's single-sign-on proxy signs people in
 *   and passes their email in a header; the gateway trusts it as it is. That is only safe when the
 *   gateway cannot be reached except through that proxy (bound to a private interface or a network
 *   policy, and the proxy overwrites the header on every request): anyone who can reach the gateway
 *   directly can set the header and be whoever they name.
 *
 * Browser-safe: the verifier is passed in (password.ts on Node).
 */
import { findUserByEmail, type Directory, type DirectoryUser } from './directory'
import { DEFAULT_SCRYPT_PARAMS, formatPasswordHash, parsePasswordHash, type PasswordVerifier } from './password-format'

export type SignInMode = 'password' | 'email-only'

export type SignInRefusal =
  /** No email, or no password in password mode: said before anything is looked up. */
  | 'missing_credentials'
  /** Unknown email, wrong password, or a user who has no password: one answer for all three. */
  | 'invalid_credentials'

export type SignInResult = { ok: true; user: DirectoryUser } | { ok: false; reason: SignInRefusal }

/** Beyond this a password is refused unread: scrypt of a megabyte is a cheap way to load the host. */
const MAX_PASSWORD_LENGTH = 1024

/**
 * A well-formed hash that no password matches (its hash part is zeros), with the cost of the
 * directory's own hashes so verifying it takes as long as verifying a real one.
 */
export function dummyHashFor(directory: Directory): string {
  const real = directory.users
    .map((user) => (user.passwordHash === undefined ? null : parsePasswordHash(user.passwordHash)))
    .find((parsed) => parsed !== null && typeof parsed !== 'string')
  const params = real && typeof real !== 'string' ? { N: real.N, r: real.r, p: real.p } : DEFAULT_SCRYPT_PARAMS
  return formatPasswordHash({ ...params, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: btoa('\0'.repeat(32)) })
}

export async function signIn(
  request: { directory: Directory; mode: SignInMode; email: string; password?: string },
  verify: PasswordVerifier,
): Promise<SignInResult> {
  const { directory, mode, email, password } = request
  if (email.trim() === '') return { ok: false, reason: 'missing_credentials' }
  const user = findUserByEmail(directory, email)

  if (mode === 'email-only') return user ? { ok: true, user } : { ok: false, reason: 'invalid_credentials' }

  if (!password) return { ok: false, reason: 'missing_credentials' }
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, reason: 'invalid_credentials' }
  const storedHash = user?.passwordHash
  // Always one verification, real or dummy, so both paths cost the same.
  const matches = await verify(password, storedHash ?? dummyHashFor(directory))
  return user && storedHash !== undefined && matches ? { ok: true, user } : { ok: false, reason: 'invalid_credentials' }
}

/**
 * The user the single-sign-on proxy names in `headerName`, or null (no header, no such user).
 * Some proxies prefix the email with its provider (`accounts.google.com:ana@example.com`, Google
 * IAP): the part after the last colon is taken.
 */
export function fromIdentityHeader(request: Request, headerName: string, directory: Directory): DirectoryUser | null {
  const value = request.headers.get(headerName)?.trim()
  if (!value) return null
  const email = value.slice(value.lastIndexOf(':') + 1)
  return findUserByEmail(directory, email) ?? null
}
