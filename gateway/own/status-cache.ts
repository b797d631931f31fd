/**
 * How `GET /billing-status` may be cached and polled, and its validator. The report needs no
 * session and is the same for everyone, so a CDN and the browser's HTTP cache may keep it.
 *
 * Why these numbers: a change of the report (maintenance switched on, a capability down) must
 * reach every visible tab within 10 s. A cache serves its copy fresh for `max-age`, then stale for
 * up to `stale-while-revalidate` more while it fetches a new one, and a tab asks again one poll
 * interval (`X-Poll-Interval`, which the app obeys) after its last read:
 * max-age 2 + stale-while-revalidate 2 + poll interval 5 = 9 s, under the 10 s.
 * `stale-if-error` 600: when the origin fails (5xx or no answer), a CDN keeps answering with the
 * last report for up to 10 minutes rather than passing the error on to every client.
 *
 * The body must stay the same between changes for its ETag to be worth anything, so `checkedAt` is
 * not the time of the request but the time the simulated server-side health check last ran: every
 * `checkIntervalMs`, and at once when the maintenance flag or a component's health changes. Between
 * those moments a client holding the ETag gets a 304.
 */
export const STATUS_CACHE = {
  maxAgeSeconds: 2,
  staleWhileRevalidateSeconds: 2,
  staleIfErrorSeconds: 600,
  /** The poll interval the server advises (`X-Poll-Interval`, seconds); clients obey it. */
  pollIntervalSeconds: 5,
  /** The simulated health check runs this often (and at once on a change): `checkedAt` moves with it. */
  checkIntervalMs: 30_000,
} as const

export const statusCacheControl = (): string =>
  `public, max-age=${STATUS_CACHE.maxAgeSeconds}, stale-while-revalidate=${STATUS_CACHE.staleWhileRevalidateSeconds}, stale-if-error=${STATUS_CACHE.staleIfErrorSeconds}`

/** The headers of every 200 and 304 of `GET /billing-status`. */
export const statusCacheHeaders = (etag: string): Record<string, string> => ({
  'Cache-Control': statusCacheControl(),
  ETag: etag,
  'X-Poll-Interval': String(STATUS_CACHE.pollIntervalSeconds),
})

/** A strong ETag of a body: its FNV-1a 64-bit hash, quoted. Synchronous, so it runs the same in Node and in a page. */
export function strongEtag(body: string): string {
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(body)) {
    hash ^= BigInt(byte)
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return `"${hash.toString(16).padStart(16, '0')}"`
}

/**
 * Whether an `If-None-Match` header names this ETag: `*`, or a comma-separated list of entity
 * tags compared weakly, as HTTP says for this header (`W/"x"` matches `"x"`).
 */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false
  if (header.trim() === '*') return true
  const opaque = (tag: string) => tag.replace(/^W\//, '')
  // An entity tag may itself hold a comma: read quoted tags rather than split on commas.
  const tags = header.match(/(?:W\/)?"[^"]*"/g) ?? []
  return tags.some((tag) => opaque(tag) === opaque(etag))
}
