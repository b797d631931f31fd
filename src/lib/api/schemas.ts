/**
 * The billing API's contract. Every response the app reads goes through one of these schemas
 * (see request.ts), the simulated backend in `mocks/` builds its answers from the same types, and
 * `docs/openapi.json` is generated from them (`npm run openapi`), so the three cannot drift apart.
 *
 * Split as the billing API is: the vendor's own endpoints stay up when the provider (Zuora) fails;
 * the provider-backed ones fail with it.
 */
export { apiErrorSchema, moneySchema, type ApiErrorBody, type Money } from './schema-primitives'
export * from './own-schemas'
export * from './provider-schemas'
