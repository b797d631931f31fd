/**
 * The directory: who may sign in, with which role, to which accounts, and each account's Zuora
 * account number. Read from the JSON file named by BILLING_DIRECTORY (reading the file is the
 * configuration's job; this checks its text), or the demo directory in simulated mode.
 *
 * A mistake in the file stops the gateway at start with one message per mistake, each naming its
 * place in the file (`users[2].accountIds[0]: no account "acc_x" in accounts`), all at once, so a
 * person fixes the file in one pass. Browser-safe: the demo build uses `demoDirectory`.
 */
import { z } from 'zod'
import { parsePasswordHash } from './password-format'

export const userRoles = ['billing_admin', 'admin', 'operator'] as const
export type Role = (typeof userRoles)[number]

// Messages follow the path they are printed after: `users[1].email: missing`.
const missingOr = (otherwise: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'missing' : otherwise

const text = () =>
  z
    .string({ error: missingOr('must be a string') })
    .trim()
    .min(1, 'must not be empty')

const accountSchema = z.strictObject({
  id: text(),
  name: text(),
  zuoraAccountNumber: text(),
  /** When the customer's account opened (the app shows it on the account page). */
  createdAt: z.iso.datetime({
    offset: true,
    error: missingOr('must be an ISO date-time, e.g. 2024-05-01T00:00:00Z'),
  }),
  /**
   * Agents using seats: the help-desk product's own count, not Zuora's (a seat change may not go
   * below it). The reference reads it from here; a deployment wires its product's number in.
   */
  agentsInUse: z.number({ error: 'must be a whole number, 0 or more' }).int().min(0).default(0),
})

const userSchema = z.strictObject({
  id: text(),
  // Trimmed and lower-cased before it is checked: sign-in looks emails up that way.
  email: z
    .string({ error: missingOr('must be a string') })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'not an email address' })),
  name: text(),
  role: z.enum(userRoles, { error: missingOr(`must be one of ${userRoles.join(', ')}`) }),
  accountIds: z
    .array(text(), { error: missingOr('must be a list of account ids') })
    .min(1, 'must name at least one account'),
  passwordHash: z
    .string({ error: 'must be a string' })
    .superRefine((hash, context) => {
      const parsed = parsePasswordHash(hash)
      if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed })
    })
    .optional(),
})

const directorySchema = z.strictObject(
  {
    accounts: z.array(accountSchema, { error: missingOr('must be a list') }).min(1, 'must not be empty'),
    users: z.array(userSchema, { error: missingOr('must be a list') }).min(1, 'must not be empty'),
  },
  { error: 'the directory must be a JSON object with "accounts" and "users"' },
)

type Mistake = { path: (string | number)[]; message: string }

/**
 * What no one entry can say alone: repeated ids, emails and Zuora numbers, and accounts a user names
 * that are not listed. Run on the raw file beside the schema (not after it), so these mistakes are
 * reported in the same pass as a missing field elsewhere.
 */
function crossCheck(value: unknown): Mistake[] {
  const mistakes: Mistake[] = []
  const record = (v: unknown) => (v !== null && typeof v === 'object' ? v : {}) as Record<string, unknown>
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
  const textOf = (v: unknown) => (typeof v === 'string' ? v.trim() : null)
  const accounts = list(record(value).accounts).map(record)
  const users = list(record(value).users).map(record)

  const repeats = (section: string, entries: Record<string, unknown>[], field: string, say: (v: string) => string) => {
    const seen = new Set<string>()
    entries.forEach((entry, index) => {
      // Emails compare without case, as sign-in looks them up.
      const v = field === 'email' ? textOf(entry[field])?.toLowerCase() : textOf(entry[field])
      if (!v) return
      if (seen.has(v)) mistakes.push({ path: [section, index, field], message: say(v) })
      seen.add(v)
    })
  }
  repeats('accounts', accounts, 'id', (id) => `account "${id}" is listed twice`)
  repeats('accounts', accounts, 'zuoraAccountNumber', () => 'another account has this Zuora account number')
  repeats('users', users, 'id', (id) => `user "${id}" is listed twice`)
  repeats('users', users, 'email', (email) => `another user has the email ${email}`)

  const known = new Set(accounts.map((account) => textOf(account.id)))
  users.forEach((user, userIndex) => {
    const named = list(user.accountIds).map(textOf)
    named.forEach((accountId, index) => {
      const path = ['users', userIndex, 'accountIds', index]
      if (accountId === null || accountId === '') return // the schema says what is wrong with it
      if (!known.has(accountId)) mistakes.push({ path, message: `no account "${accountId}" in accounts` })
      else if (named.indexOf(accountId) !== index)
        mistakes.push({ path, message: `account "${accountId}" is listed twice` })
    })
  })
  return mistakes
}

export type Directory = z.infer<typeof directorySchema>
export type DirectoryUser = Directory['users'][number]
export type DirectoryAccount = Directory['accounts'][number]

export type DirectoryResult = { ok: true; directory: Directory } | { ok: false; errors: string[] }

/** `users[2].accountIds[0]`, as a person reads a path into the file. */
const formatPath = (path: readonly (string | number)[]) =>
  path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '')

/** Checks a parsed directory file. */
export function checkDirectory(value: unknown): DirectoryResult {
  const parsed = directorySchema.safeParse(value)
  const mistakes: Mistake[] = [
    ...(parsed.error?.issues ?? []).flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: [...issue.path, key] as (string | number)[], message: 'not a known field' }))
        : [{ path: issue.path as (string | number)[], message: issue.message }],
    ),
    ...crossCheck(value),
  ]
  if (parsed.success && mistakes.length === 0) return { ok: true, directory: parsed.data }
  const errors = mistakes
    .sort((a, b) => comparePaths(a.path, b.path))
    .map(({ path, message }) => (path.length > 0 ? `${formatPath(path)}: ${message}` : message))
  return { ok: false, errors }
}

const sections = ['accounts', 'users']

/** In the order of the file: accounts before users, users[2] before users[10]; the rest as found (a stable sort). */
function comparePaths(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const rank = (path: readonly (string | number)[]) => [sections.indexOf(String(path[0])), Number(path[1] ?? -1)]
  const [[sectionA = 0, indexA = 0], [sectionB = 0, indexB = 0]] = [rank(a), rank(b)]
  return sectionA - sectionB || indexA - indexB
}

/** Checks the directory file's text (JSON). */
export function parseDirectory(json: string): DirectoryResult {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] }
  }
  return checkDirectory(value)
}

export const findUserByEmail = (directory: Directory, email: string): DirectoryUser | undefined => {
  const wanted = email.trim().toLowerCase()
  return directory.users.find((user) => user.email === wanted)
}

export const findAccount = (directory: Directory, accountId: string): DirectoryAccount | undefined =>
  directory.accounts.find((account) => account.id === accountId)

/**
 * Today's demo users and accounts (mocks/demo-data/seed.ts), with the Zuora simulator's account
 * numbers. No passwords: in simulated mode, and only there, they sign in by email.
 */
export const demoDirectory: Directory = {
  accounts: [
    {
      id: 'acc_acme',
      name: 'Acme Support',
      zuoraAccountNumber: 'A00000001',
      createdAt: '2023-12-12T14:05:00.000Z',
      agentsInUse: 21,
    },
    {
      id: 'acc_globex',
      name: 'Globex Help Desk',
      zuoraAccountNumber: 'A00000002',
      createdAt: '2022-11-26T14:05:00.000Z',
      agentsInUse: 455,
    },
  ],
  users: [
    {
      id: 'usr_ana',
      email: 'owner@acme.test',
      name: 'Ana Souza',
      role: 'billing_admin',
      accountIds: ['acc_acme', 'acc_globex'],
    },
    {
      id: 'usr_bruno',
      email: 'viewer@acme.test',
      name: 'Bruno Lima',
      role: 'admin',
      accountIds: ['acc_acme', 'acc_globex'],
    },
    { id: 'usr_carla', email: 'ops@vendor.test', name: 'Carla Operator', role: 'operator', accountIds: ['acc_acme'] },
  ],
}
