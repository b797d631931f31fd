/**
 * The mock server (scripts/mock-server.ts) in a child process of its own, as the bench and the
 * browser tests start it: each build gets its own simulated backend, served over a real socket.
 * Plus a small client for its control endpoints.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { ScenarioOptions } from '../../mocks/scenarios/options'
import type { ScenarioName } from '../../mocks/scenarios/registry'
import type { LoggedRequest } from './request-log'

const cli = fileURLToPath(new URL('../mock-server.ts', import.meta.url))
const repoRoot = resolve(dirname(cli), '..')

export type MockServerProcess = {
  label: string
  url: string
  /** Switches the scenario now; resolves with the time (ms since the epoch) the server switched. */
  setScenario: (name: ScenarioName, options?: ScenarioOptions) => Promise<number>
  /**
   * The same, for options this checkout may not know yet (the server drops an option it does not
   * know): resolves with the switch time and the options the server put in force.
   */
  selectScenario: (
    name: ScenarioName,
    options?: Record<string, number>,
  ) => Promise<{ startedAt: number; options: Record<string, unknown> }>
  /** Healthy, seed data (owner signed in on Acme), request log cleared. */
  reset: () => Promise<void>
  requests: (since?: number) => Promise<LoggedRequest[]>
  stop: () => Promise<void>
}

export async function startMockServerProcess(root: string, label: string): Promise<MockServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--root', resolve(root), '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  // Never leave a server behind, whatever happens to the bench.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const url = await listeningUrl(child, label)

  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${url}/__control/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok)
      throw new Error(`${label} server: ${method} ${path} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as T
  }

  return {
    label,
    url,
    setScenario: async (name, options = {}) =>
      (await control<{ startedAt: number }>('POST', 'scenario', { name, options })).startedAt,
    selectScenario: (name, options = {}) =>
      control<{ startedAt: number; options: Record<string, unknown> }>('POST', 'scenario', { name, options }),
    reset: async () => void (await control('POST', 'reset')),
    requests: async (since = 0) =>
      (await control<{ requests: LoggedRequest[] }>('GET', `requests?since=${since}`)).requests,
    stop: async () => {
      process.off('exit', killOnExit)
      await stopChild(child)
    },
  }
}

function listeningUrl(child: ChildProcess, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} mock server did not start within 30 s`)), 30_000)
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const match = /listening on (\S+)/.exec(line)
      if (!match?.[1]) return
      clearTimeout(timer)
      resolve(match[1])
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${label} mock server exited with ${code} before listening`))
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
