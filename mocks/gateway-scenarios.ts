/**
 * The scenarios where the gateway is the backend (`npm run gateway:sim`, the gateway inside MSW):
 * the fault acts at the Zuora simulator, never on the report, which the gateway computes from what
 * its calls meet. Three things are the gateway's own: `statusDelayMs` holds its report back (so the
 * browsers' fallback stays testable), `maintenance` switches its maintenance flag on and off, and
 * `own-api-down` takes its own endpoints down (read by the host through `ownApiDown`).
 */
import type { Gateway } from '../gateway/compose'
import { changeStatus, setMaintenance } from '../gateway/own/status'
import { scenarioMaintenanceOff, scenarioMaintenanceOn } from './scenarios/maintenance-texts'
import type { ScenarioName } from './scenarios/names'
import type { ScenarioOptions } from './scenarios/options'
import type { ZuoraSimulator } from './zuora'
import type { SimScenarioState } from './zuora/scenario-control'

/** What the control endpoint and the toolbar show: the simulator's scenario and the report's hold-back. */
export type GatewayScenarioState = SimScenarioState & { statusDelayMs: number }

export type GatewayScenarioSwitch = ReturnType<typeof createGatewayScenarioSwitch>

export function createGatewayScenarioSwitch(parts: { simulator: ZuoraSimulator; gateway: () => Gateway }) {
  const { simulator } = parts
  let scenario: ScenarioName = simulator.control.state().name
  let holdBackMs = 0

  async function maintenance(enabled: boolean): Promise<void> {
    const now = new Date()
    await parts.gateway().deps.own.mutate((draft) => {
      if (draft.status.maintenance.enabled === enabled) return
      changeStatus(draft, now, (d) =>
        setMaintenance(d, enabled ? scenarioMaintenanceOn(now) : scenarioMaintenanceOff, now),
      )
    })
  }

  return {
    name: (): ScenarioName => scenario,
    /**
     * Switches to `name` (a timeline starts over, or from `since` when the choice was made
     * earlier: a reload). Leaving `maintenance` switches the flag off; entering it, on.
     */
    async select(name: ScenarioName, options: ScenarioOptions, since?: number): Promise<GatewayScenarioState> {
      const { statusDelayMs = 0, ...atZuora } = options
      if (scenario === 'maintenance' && name !== 'maintenance') await maintenance(false)
      scenario = name
      holdBackMs = statusDelayMs
      parts.gateway().deps.health.setHoldBackMs(holdBackMs)
      simulator.control.select(name, atZuora, since)
      if (name === 'maintenance') await maintenance(true)
      return this.describe()
    },
    /** A new gateway (a reset) gets the hold-back in force. */
    adopt(): void {
      parts.gateway().deps.health.setHoldBackMs(holdBackMs)
    },
    /** Healthy with no hold-back (the simulator is reset by its owner). */
    forget(): void {
      scenario = 'healthy'
      holdBackMs = 0
    },
    describe: (): GatewayScenarioState => ({ ...simulator.control.state(), statusDelayMs: holdBackMs }),
  }
}
