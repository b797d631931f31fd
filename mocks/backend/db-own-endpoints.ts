/**
 * The db's own-endpoint methods: what the vendor answers itself (account, catalog, status page,
 * alerts, change requests), never behind the provider. Kept apart from db.ts so the state core
 * stays short; `createDb` builds these over its state and spreads them into the db it returns.
 */
import type {
  Account,
  Alert,
  AlertInput,
  BillingStatus,
  Catalog,
  ComponentHealth,
  Subscription,
} from '../../src/lib/api/schemas'
import { catalog } from './catalog'
import { changeRequestsOf } from '../../gateway/own/change-requests'
import { accountCreatedAt, type findAccount } from './seed'
import type { MutableState } from './state'
import {
  changeStatus,
  recordAlert,
  scheduleHealth,
  setComponentHealth,
  setMaintenance,
  statusReport,
  type HealthReport,
} from '../../gateway/own/status'

type MaintenanceChange = Parameters<typeof setMaintenance>[1]

/** What the own endpoints need from the db: its state, clock and account helpers. */
export type OwnEndpointsContext = {
  /** The current state (read it on every call: sync and reset replace it). */
  read: () => MutableState
  mutate: <T>(change: (draft: MutableState) => T) => T
  now: () => Date
  today: () => string
  requireAccount: (accountId: string) => NonNullable<ReturnType<typeof findAccount>>
  getSubscription: (accountId: string) => Subscription
}

/** The db's own-endpoint methods, bound to its state and clock. */
export function ownEndpointsOf({ read, mutate, now, today, requireAccount, getSubscription }: OwnEndpointsContext) {
  return {
    getAccount(accountId: string): Account {
      const account = requireAccount(accountId)
      return {
        id: account.id,
        name: account.name,
        agentsInUse: getSubscription(accountId).seats.inUse,
        createdAt: accountCreatedAt(account.id, today()),
      }
    },
    getCatalog: (): Catalog => catalog,
    /**
     * The status report: the same for everyone, and the same body between changes, since
     * `checkedAt` is when the simulated health check last ran (see gateway/own/status-cache.ts).
     */
    getBillingStatus: (): BillingStatus => statusReport(read(), now()),
    setMaintenance(input: MaintenanceChange): BillingStatus {
      mutate((draft) => changeStatus(draft, now(), (d) => setMaintenance(d, input, now())))
      return statusReport(read(), now())
    },
    /** Not an endpoint: for outage scenarios that want the status page to show a sick component. */
    setComponentHealth(idOrCapability: string, health: ComponentHealth): void {
      mutate((draft) => changeStatus(draft, now(), (d) => setComponentHealth(d, idOrCapability, health, now())))
    },
    /**
     * Not an endpoint: component health as a sequence in time (ms since the epoch), for scenarios
     * whose report changes later (statusDelayMs). Replaces any report still pending; a later one is
     * kept with the rest of the state, so reloads and other tabs see it change at the same moment.
     */
    reportHealth(reports: readonly HealthReport[]): void {
      mutate((draft) => scheduleHealth(draft, reports, now()))
    },
    recordAlert: (input: AlertInput, who: { accountId: string; userId: string }): Alert =>
      mutate((draft) => recordAlert(draft, input, who, now())),
    getAlerts: (): Alert[] => read().alerts,
    /** The vendor's own: they answer while the provider is down (see gateway/own/change-requests.ts). */
    changeRequests: changeRequestsOf({
      read,
      mutate,
      now,
      getSubscription,
      findOrder: (accountId, orderId) =>
        read().orders.find((o) => o.accountId === accountId && o.order.id === orderId)?.order,
      catalog,
    }),
  }
}
