/**
 * Prints the scrypt hash of a password, for the `passwordHash` of a user in the directory file
 * (BILLING_DIRECTORY). The password is read from standard input, so it stays out of the shell's
 * history and the process list; one trailing newline is dropped.
 *
 *   printf '%s' 'the password' | npx tsx gateway/identity/hash-password-cli.ts
 *   npx tsx gateway/identity/hash-password-cli.ts < password.txt
 *   npx tsx gateway/identity/hash-password-cli.ts      (type it, then Enter and Ctrl-D; it is echoed)
 */
import { hashPassword } from './password'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array))
  return Buffer.concat(chunks).toString('utf8')
}

const password = (await readStdin()).replace(/\r?\n$/, '')
if (password === '') {
  process.stderr.write(
    'No password on standard input. Usage: printf %s "password" | npx tsx gateway/identity/hash-password-cli.ts\n',
  )
  process.exit(1)
}
process.stdout.write(`${await hashPassword(password)}\n`)
