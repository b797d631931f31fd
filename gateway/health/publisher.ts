/**
 * What the report every browser obeys says, from what the detector computes: a worse state at once,
 * a better one once it has held `recoverHoldMs` (the worst seen while it held is what gets
 * published, so down → degraded → operational steps down through what was actually seen).
 *
 * `holdBackMs` (the scenario option `statusDelayMs`): when the computed state leaves `operational`
 * while the report says `operational`, the report goes on saying `operational` until `holdBackMs`
 * after that moment, then publishes the computed state as usual (worse at once). If the computed
 * state is `operational` again before then, nothing is published and the next departure starts a
 * new hold-back. It delays only the report: the server's breaker follows the computed state.
 */
import { healthRank, type ComponentHealth } from './calls'

export type Published = { health: ComponentHealth; since: number }

export type Publisher = {
  /** Takes the computed state at `now`; returns what is published (changed or not). */
  update(now: number, computed: ComponentHealth): Published
  readonly current: Published
}

export function createPublisher(
  // Read at each update, not destructured: the simulated gateway changes holdBackMs with the scenario.
  config: { readonly recoverHoldMs: number; readonly holdBackMs: number },
  startedAt: number,
): Publisher {
  let current: Published = { health: 'operational', since: startedAt }
  /** When the computed state left `operational` while the report said so (the hold-back's start). */
  let leftOperationalAt: number | null = null
  /** When the computed state became better than the report, and the worst it has been since. */
  let better: { since: number; worst: ComponentHealth } | null = null

  const publish = (now: number, health: ComponentHealth) => {
    if (health !== current.health) current = { health, since: now }
  }

  return {
    get current() {
      return current
    },
    update(now, computed) {
      if (computed === 'operational') leftOperationalAt = null
      else if (leftOperationalAt === null && current.health === 'operational') leftOperationalAt = now

      if (healthRank[computed] > healthRank[current.health]) {
        better = null
        const heldBack =
          current.health === 'operational' && leftOperationalAt !== null && now - leftOperationalAt < config.holdBackMs
        if (!heldBack) publish(now, computed)
        return current
      }
      if (healthRank[computed] === healthRank[current.health]) {
        better = null
        return current
      }
      better =
        better === null
          ? { since: now, worst: computed }
          : { since: better.since, worst: healthRank[computed] > healthRank[better.worst] ? computed : better.worst }
      if (now - better.since >= config.recoverHoldMs) {
        publish(now, better.worst)
        // What is better still than the new report starts its own hold now.
        better = healthRank[computed] < healthRank[current.health] ? { since: now, worst: computed } : null
      }
      return current
    },
  }
}
