/**
 * The project's own typed description of the Zuora v1 operations the billing gateway uses,
 * written from Zuora's published reference (each file cites its operations and pages).
 * Response schemas are loose (Zuora adds fields between versions) but require what we read;
 * request schemas are strict about what we send.
 */
export * from './accounts'
export * from './auth'
export * from './catalog'
export * from './common'
export * from './envelope'
export * from './headers'
export * from './invoices'
export * from './operations'
export * from './order-actions'
export * from './orders'
export * from './payment-methods'
export * from './subscriptions'
