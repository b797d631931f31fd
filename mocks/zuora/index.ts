/**
 * The Zuora simulator (see simulator.ts): `createZuoraSimulator()` → `{ handle, control }`, and the
 * ids of its catalog and accounts for the gateway's demo configuration.
 */
export { createZuoraSimulator, type SimCall, type ZuoraSimulator, type ZuoraSimulatorOptions } from './simulator'
export type { SimScenarioState, SimTimelineState } from './scenario-control'
export { PAYMENT_PAGE_COMPLETE_PATH } from './router'
export * from './catalog-ids'
