/**
 * The gateway in simulated mode (`npm run gateway:sim`, gateway/node/sim-main.ts) serving a build in
 * a child process of its own, as the bench and Lighthouse start it: each build gets its own
 * gateway and simulated Zuora on a real socket, and their CPU is not the measuring process's.
 * Plus the client for its control endpoints (control.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { gatewaySimControl, type GatewaySimControl } from './control'

const cli = fileURLToPath(new URL('../../gateway/node/sim-main.ts', import.meta.url))
const repoRoot = resolve(dirname(cli), '..', '..')

export type GatewaySimProcess = GatewaySimControl & { label: string; url: string; stop: () => Promise<void> }

export async function startGatewaySimProcess(root: string, label: string): Promise<GatewaySimProcess> {
  const args = ['--import', 'tsx', cli, '--root', resolve(root), '--port', '0', '--quiet']
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] })
  // Never leave a gateway behind, whatever happens to the bench.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let url: string
  try {
    url = await listeningUrl(child, label)
  } catch (error) {
    process.off('exit', killOnExit)
    await stopChild(child)
    throw error
  }
  return {
    label,
    url,
    ...gatewaySimControl(url, label),
    stop: async () => {
      process.off('exit', killOnExit)
      await stopChild(child)
    },
  }
}

function listeningUrl(child: ChildProcess, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // It builds the simulator's seeded invoices before it listens: seconds on a busy machine.
    const timer = setTimeout(() => reject(new Error(`${label} gateway did not start within 60 s`)), 60_000)
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const match = /listening on (\S+)/.exec(line)
      if (!match?.[1]) return
      clearTimeout(timer)
      resolve(match[1])
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${label} gateway exited with ${code} before listening`))
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
