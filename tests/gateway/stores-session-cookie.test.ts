// @vitest-environment node
import { expect, test } from 'vitest'
import {
  clearedCookie,
  isSecureContextRequest,
  readSessionId,
  refuseCrossSiteWrite,
  sessionCookie,
} from '../../gateway/stores/session-cookie'

const ID = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_9'
const ORIGINS = ['https://billing.example.com']

const attributesOf = (cookie: string) =>
  new Set(
    cookie
      .split(';')
      .slice(1)
      .map((part) => part.trim()),
  )

test('the session cookie is HttpOnly, SameSite=Lax, on every path, Secure when asked, for 7 days', () => {
  const cookie = sessionCookie(ID, { secure: true })
  expect(cookie.startsWith(`billing_session=${ID};`)).toBe(true)
  expect(attributesOf(cookie)).toEqual(new Set(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure', 'Max-Age=604800']))
  expect(attributesOf(sessionCookie(ID, { secure: false })).has('Secure')).toBe(false)
})

test('the cleared cookie has the same attributes and no value', () => {
  const cookie = clearedCookie()
  expect(cookie.startsWith('billing_session=;')).toBe(true)
  expect(attributesOf(cookie)).toEqual(new Set(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure', 'Max-Age=0']))
  expect(attributesOf(clearedCookie({ secure: false })).has('Secure')).toBe(false)
})

test('Secure everywhere except plain http to localhost', () => {
  const secure = (url: string, headers: Record<string, string> = {}) =>
    isSecureContextRequest(new Request(url, { headers }))
  expect(secure('http://localhost:8080/api/me')).toBe(false)
  expect(secure('http://127.0.0.1:8080/api/me')).toBe(false)
  expect(secure('http://[::1]:8080/api/me')).toBe(false)
  expect(secure('https://localhost/api/me')).toBe(true)
  expect(secure('http://localhost/api/me', { 'X-Forwarded-Proto': 'https' })).toBe(true)
  expect(secure('http://billing.example.com/api/me')).toBe(true)
  expect(secure('http://10.0.0.5:8080/api/me', { 'X-Forwarded-Proto': 'https, http' })).toBe(true)
})

test('the session id is read from the Cookie header, and garbage is no id', () => {
  const read = (cookie?: string) =>
    readSessionId(new Request('https://billing.example.com/api/me', cookie ? { headers: { cookie } } : {}))
  expect(read(`theme=dark; billing_session=${ID}; other=1`)).toBe(ID)
  expect(read(`billing_session=${ID}`)).toBe(ID)
  expect(read(`billing_session=short; billing_session=${ID}`)).toBe(ID)
  expect(read()).toBeNull()
  expect(read('billing_session=')).toBeNull()
  expect(read('billing_session=%00%ff; ;;=;')).toBeNull()
  expect(read(`xbilling_session=${ID}`)).toBeNull()
  expect(read(`billing_session=${ID}x`)).toBeNull()
})

const write = (method: string, headers: Record<string, string>, body?: string) =>
  new Request('https://billing.example.com/api/orders', { method, headers, body })

const json = { 'content-type': 'application/json' }

test('a write from one of our origins, or a same-origin one without Origin, passes', () => {
  expect(refuseCrossSiteWrite(write('POST', { ...json, origin: 'https://billing.example.com' }, '{}'), ORIGINS)).toBe(
    null,
  )
  expect(refuseCrossSiteWrite(write('PUT', { ...json, 'sec-fetch-site': 'same-origin' }, '{}'), ORIGINS)).toBeNull()
  expect(refuseCrossSiteWrite(write('DELETE', {}), ORIGINS)).toBeNull()
  expect(
    refuseCrossSiteWrite(
      write('PATCH', { 'content-type': 'application/merge-patch+json; charset=utf-8' }, '{}'),
      ORIGINS,
    ),
  ).toBeNull()
})

test('a write from another origin, a null origin or a cross-site fetch is refused with a reason', () => {
  expect(refuseCrossSiteWrite(write('POST', { ...json, origin: 'https://evil.example' }, '{}'), ORIGINS)).toMatch(
    /evil\.example/,
  )
  expect(refuseCrossSiteWrite(write('DELETE', { origin: 'null' }), ORIGINS)).toMatch(/not allowed/)
  expect(refuseCrossSiteWrite(write('PUT', { ...json, 'sec-fetch-site': 'cross-site' }, '{}'), ORIGINS)).toMatch(
    /cross-site/,
  )
})

test('a write with a body must be JSON: what a cross-site form sends is refused', () => {
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
    expect(refuseCrossSiteWrite(write('POST', { 'content-type': type }, 'a=1'), ORIGINS)).toMatch(/JSON/)
  }
  // A body without any Content-Type (a Request given a string body would add text/plain, so headers only).
  expect(refuseCrossSiteWrite(write('POST', { 'content-length': '2' }), ORIGINS)).toMatch(/no Content-Type/)
  expect(refuseCrossSiteWrite(write('POST', { 'transfer-encoding': 'chunked' }), ORIGINS)).toMatch(/no Content-Type/)
  expect(refuseCrossSiteWrite(write('POST', { 'content-length': '0' }), ORIGINS)).toBeNull()
  expect(refuseCrossSiteWrite(write('POST', { 'content-type': 'application/jsonp' }, '{}'), ORIGINS)).toMatch(/JSON/)
})

test('reads are never refused', () => {
  const get = new Request('https://billing.example.com/api/me', { headers: { origin: 'https://evil.example' } })
  expect(refuseCrossSiteWrite(get, ORIGINS)).toBeNull()
})
