// @vitest-environment node
import { expect, test, vi } from 'vitest'
import { checkDirectory, demoDirectory, type Directory } from '../../gateway/identity/directory'
import { hashPassword, verifyPassword } from '../../gateway/identity/password'
import { parsePasswordHash } from '../../gateway/identity/password-format'
import { dummyHashFor, fromIdentityHeader, signIn } from '../../gateway/identity/sign-in'

const CHEAP = { N: 1024, r: 8, p: 1 }

async function directoryWithPasswords(): Promise<Directory> {
  const result = checkDirectory({
    accounts: demoDirectory.accounts,
    users: [
      { ...demoDirectory.users[0], passwordHash: await hashPassword('ana-pw', CHEAP) },
      demoDirectory.users[1], // no password: signs in through SSO only
    ],
  })
  if (!result.ok) throw new Error(result.errors.join('\n'))
  return result.directory
}

test('password mode: the right email and password sign in, the email in any case', async () => {
  const directory = await directoryWithPasswords()
  const result = await signIn(
    { directory, mode: 'password', email: ' OWNER@acme.test', password: 'ana-pw' },
    verifyPassword,
  )
  expect(result).toMatchObject({ ok: true, user: { id: 'usr_ana', role: 'billing_admin' } })
})

test('password mode: a wrong password, an unknown email and a user without a password get one answer', async () => {
  const directory = await directoryWithPasswords()
  const attempts = [
    { email: 'owner@acme.test', password: 'wrong' },
    { email: 'nobody@acme.test', password: 'ana-pw' },
    { email: 'viewer@acme.test', password: 'anything' },
  ]
  for (const attempt of attempts) {
    expect(await signIn({ directory, mode: 'password', ...attempt }, verifyPassword)).toEqual({
      ok: false,
      reason: 'invalid_credentials',
    })
  }
})

test('password mode: an unknown email is still verified once, against a hash of the directory’s own cost', async () => {
  const directory = await directoryWithPasswords()
  const verify = vi.fn(verifyPassword)
  await signIn({ directory, mode: 'password', email: 'nobody@acme.test', password: 'pw' }, verify)
  await signIn({ directory, mode: 'password', email: 'owner@acme.test', password: 'pw' }, verify)
  expect(verify).toHaveBeenCalledTimes(2)
  const [[, dummy = ''] = [], [, real = ''] = []] = verify.mock.calls
  const cost = (hash: string) => {
    const parsed = parsePasswordHash(hash)
    return typeof parsed === 'string' ? parsed : { N: parsed.N, r: parsed.r, p: parsed.p }
  }
  expect(cost(dummy)).toEqual(cost(real))
  expect(dummy).toBe(dummyHashFor(directory))
})

test('password mode: no password is refused before anything is looked up', async () => {
  const directory = await directoryWithPasswords()
  const verify = vi.fn(verifyPassword)
  expect(await signIn({ directory, mode: 'password', email: 'owner@acme.test' }, verify)).toEqual({
    ok: false,
    reason: 'missing_credentials',
  })
  expect(await signIn({ directory, mode: 'password', email: '  ', password: 'x' }, verify)).toMatchObject({
    reason: 'missing_credentials',
  })
  expect(verify).not.toHaveBeenCalled()
})

test('email-only mode (simulated): the demo users sign in by email, no one else', async () => {
  const verify = vi.fn(verifyPassword)
  const ops = await signIn({ directory: demoDirectory, mode: 'email-only', email: 'ops@vendor.test' }, verify)
  expect(ops).toMatchObject({ ok: true, user: { id: 'usr_carla', role: 'operator', accountIds: ['acc_acme'] } })
  expect(await signIn({ directory: demoDirectory, mode: 'email-only', email: 'x@vendor.test' }, verify)).toEqual({
    ok: false,
    reason: 'invalid_credentials',
  })
  expect(verify).not.toHaveBeenCalled()
})

test('the identity header names the user; absent, empty or unknown names no one', () => {
  const request = (value?: string) =>
    new Request('https://billing.example.com/api/me', value === undefined ? {} : { headers: { 'X-Auth-Email': value } })
  expect(fromIdentityHeader(request('Viewer@Acme.test'), 'x-auth-email', demoDirectory)?.id).toBe('usr_bruno')
  expect(fromIdentityHeader(request('accounts.google.com:owner@acme.test'), 'X-Auth-Email', demoDirectory)?.id).toBe(
    'usr_ana',
  )
  expect(fromIdentityHeader(request(), 'X-Auth-Email', demoDirectory)).toBeNull()
  expect(fromIdentityHeader(request(' '), 'X-Auth-Email', demoDirectory)).toBeNull()
  expect(fromIdentityHeader(request('mallory@evil.test'), 'X-Auth-Email', demoDirectory)).toBeNull()
})
