/** Where the billing API lives. A production build sets VITE_API_BASE_URL; mocks answer `/api`. */
export const apiBaseUrl = (import.meta.env.VITE_API_BASE_URL || '/api').replace(/\/+$/, '')

/** Compile-time: false in a production build, so that every mock import is dropped from it. */
export const mocksEnabled = __MOCKS__
