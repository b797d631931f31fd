// @vitest-environment node
import { expect, test } from 'vitest'
import { users as seedUsers, accounts as seedAccounts } from '../../mocks/demo-data/seed'
import {
  checkDirectory,
  demoDirectory,
  findAccount,
  findUserByEmail,
  parseDirectory,
} from '../../gateway/identity/directory'

const valid = () => ({
  accounts: [
    { id: 'acc_a', name: 'A', zuoraAccountNumber: 'A001', createdAt: '2024-01-01T00:00:00Z' },
    { id: 'acc_b', name: 'B', zuoraAccountNumber: 'A002', createdAt: '2024-02-01T00:00:00Z', agentsInUse: 3 },
  ],
  users: [
    { id: 'u1', email: ' Ana@Example.COM ', name: 'Ana', role: 'billing_admin', accountIds: ['acc_a', 'acc_b'] },
    {
      id: 'u2',
      email: 'bo@example.com',
      name: 'Bo',
      role: 'operator',
      accountIds: ['acc_a'],
      passwordHash: `scrypt$16384$8$1$${'A'.repeat(22)}==$${'B'.repeat(43)}=`,
    },
  ],
})

const errorsOf = (value: unknown) => {
  const result = checkDirectory(value)
  if (result.ok) throw new Error('expected the directory to be refused')
  return result.errors
}

test('a valid directory loads, emails lower-cased and trimmed', () => {
  const result = checkDirectory(valid())
  expect(result.ok).toBe(true)
  if (!result.ok) return
  expect(result.directory.users[0]?.email).toBe('ana@example.com')
  expect(findUserByEmail(result.directory, 'ANA@example.com')?.id).toBe('u1')
  expect(findAccount(result.directory, 'acc_b')?.zuoraAccountNumber).toBe('A002')
})

test('every mistake is listed at once, each naming its place in the file', () => {
  const file = valid()
  const broken = {
    accounts: [
      ...file.accounts,
      { id: 'acc_a', name: '', zuoraAccountNumber: 'A001', createdAt: '2024-01-01T00:00:00Z' },
      { id: 'acc_c', name: 'C', zuoraAccountNumber: 'A003', createdAt: 'yesterday', agentsInUse: -1 },
      { id: 'acc_d', name: 'D', zuoraAccountNumber: 'A004' },
    ],
    users: [
      file.users[0],
      { id: 'u2', email: 'ANA@example.com', name: 'Bo', role: 'owner', accountIds: ['acc_b', 'acc_x', 'acc_b'] },
      { id: 'u1', name: 'Cy', role: 'admin', accountIds: [], pasword: 'x' },
      { id: 'u4', email: 'not-an-email', name: 'Di', role: 'admin', accountIds: ['acc_a'], passwordHash: 'plain' },
    ],
    extra: true,
  }
  expect(errorsOf(broken)).toEqual([
    'extra: not a known field',
    'accounts[2].name: must not be empty',
    'accounts[2].id: account "acc_a" is listed twice',
    'accounts[2].zuoraAccountNumber: another account has this Zuora account number',
    'accounts[3].createdAt: must be an ISO date-time, e.g. 2024-05-01T00:00:00Z',
    'accounts[3].agentsInUse: must be a whole number, 0 or more',
    'accounts[4].createdAt: missing',
    'users[1].role: must be one of billing_admin, admin, operator',
    'users[1].email: another user has the email ana@example.com',
    'users[1].accountIds[1]: no account "acc_x" in accounts',
    'users[1].accountIds[2]: account "acc_b" is listed twice',
    'users[2].email: missing',
    'users[2].accountIds: must name at least one account',
    'users[2].pasword: not a known field',
    'users[2].id: user "u1" is listed twice',
    'users[3].email: not an email address',
    'users[3].passwordHash: expected scrypt$N$r$p$salt$hash',
  ])
})

test('a file that is not a directory at all says so plainly', () => {
  expect(errorsOf(null)).toEqual(['the directory must be a JSON object with "accounts" and "users"'])
  expect(errorsOf({})).toEqual(['accounts: missing', 'users: missing'])
  expect(errorsOf({ accounts: [], users: 'ana' })).toEqual(['accounts: must not be empty', 'users: must be a list'])
  const unparsable = parseDirectory('{"accounts": [')
  expect(unparsable.ok).toBe(false)
  if (!unparsable.ok) expect(unparsable.errors[0]).toMatch(/^not valid JSON: /)
})

test('a password hash that would cost too much to verify is refused', () => {
  const file = valid()
  const user = file.users[1]
  if (!user) throw new Error('fixture')
  user.passwordHash = `scrypt$${2 ** 24}$8$1$${'A'.repeat(22)}==$${'B'.repeat(43)}=`
  expect(errorsOf(file)).toEqual(['users[1].passwordHash: N must be a power of two up to 1048576'])
})

test('the demo directory is valid and matches the simulated backend’s users and accounts', () => {
  expect(checkDirectory(demoDirectory)).toEqual({ ok: true, directory: demoDirectory })
  expect(
    demoDirectory.users.map(({ id, email, name, role, accountIds }) => ({ id, email, name, role, accountIds })),
  ).toEqual(seedUsers.map(({ id, email, name, role, accountIds }) => ({ id, email, name, role, accountIds })))
  expect(demoDirectory.accounts.map(({ id, name }) => ({ id, name }))).toEqual(
    seedAccounts.map(({ id, name }) => ({ id, name })),
  )
  expect(demoDirectory.accounts.map((account) => account.zuoraAccountNumber)).toEqual(['A00000001', 'A00000002'])
  expect(demoDirectory.users.every((user) => user.passwordHash === undefined)).toBe(true)
})
