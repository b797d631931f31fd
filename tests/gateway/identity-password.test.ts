// @vitest-environment node
import { spawnSync } from 'node:child_process'
import { expect, test } from 'vitest'
import { hashPassword, verifyPassword } from '../../gateway/identity/password'
import { parsePasswordHash } from '../../gateway/identity/password-format'

// A low cost keeps the tests quick; the format carries it, so verification uses the same.
const CHEAP = { N: 1024, r: 8, p: 1 }

test('a hash describes itself and verifies only the password it was made from', async () => {
  const hash = await hashPassword('correct horse battery staple', CHEAP)
  expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/)
  expect(await verifyPassword('correct horse battery staple', hash)).toBe(true)
  expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false)
  expect(await verifyPassword('', hash)).toBe(false)
})

test('the same password hashes differently each time (a random salt)', async () => {
  const [a, b] = await Promise.all([hashPassword('pw', CHEAP), hashPassword('pw', CHEAP)])
  expect(a).not.toBe(b)
  expect(await verifyPassword('pw', b)).toBe(true)
})

test('the default cost is what the format says, and composed and decomposed accents are one password', async () => {
  const hash = await hashPassword('café')
  expect(parsePasswordHash(hash)).toMatchObject({ N: 32768, r: 8, p: 1 })
  expect(await verifyPassword('cafe\u0301', hash)).toBe(true)
})

test('a malformed or hostile hash verifies nothing, without throwing', async () => {
  for (const stored of [
    '',
    'plain-text-password',
    'bcrypt$2b$10$abc',
    `scrypt$1000$8$1$${'A'.repeat(22)}==$${'A'.repeat(43)}=`, // N not a power of two
    `scrypt$${2 ** 30}$8$1$${'A'.repeat(22)}==$${'A'.repeat(43)}=`, // gigabytes of memory
    `scrypt$1024$8$1$not base64!$${'A'.repeat(43)}=`,
  ]) {
    expect(await verifyPassword('pw', stored)).toBe(false)
  }
})

test('the CLI reads the password from stdin and prints a hash that verifies it', async () => {
  const run = spawnSync('npx', ['tsx', 'gateway/identity/hash-password-cli.ts'], {
    input: 's3cret pass\n',
    encoding: 'utf8',
    timeout: 30_000,
  })
  expect(run.status).toBe(0)
  const hash = run.stdout.trim()
  expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true)
  expect(await verifyPassword('s3cret pass', hash)).toBe(true)
  const empty = spawnSync('npx', ['tsx', 'gateway/identity/hash-password-cli.ts'], { input: '', encoding: 'utf8' })
  expect(empty.status).toBe(1)
  expect(empty.stderr).toMatch(/No password on standard input/)
}, 60_000)
