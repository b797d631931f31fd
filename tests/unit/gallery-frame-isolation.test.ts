/**
 * A gallery frame is a browser of its own (src/dev/gallery/isolate-gallery-frame.ts): the gateway's
 * session cookie, which MSW writes to `document.cookie`, stays in the frame, so a frame signing in
 * signs in no other frame and not the designer's own tab of the app.
 */
import { expect, test } from 'vitest'
import { isolateGalleryFrame } from '@/dev/gallery/isolate-gallery-frame'
import { pageSetCookie } from '../../mocks/in-page/in-page-gateway'

/** What the origin's real cookie store holds, past the frame's own `document.cookie`. */
const originCookies = () => Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')?.get?.call(document) as string

test("a frame's cookies are its own: set, replaced and cleared as the gateway's Set-Cookie says, never the origin's", () => {
  isolateGalleryFrame()
  const before = originCookies()

  document.cookie = pageSetCookie('billing_session=first; Path=/; HttpOnly; SameSite=Lax')
  document.cookie = 'billing_locale=pt-BR; Path=/'
  expect(document.cookie).toBe('billing_session=first; billing_locale=pt-BR')
  expect(originCookies()).toBe(before)
  document.cookie = pageSetCookie('billing_session=second; Path=/; HttpOnly; SameSite=Lax')
  expect(document.cookie).toBe('billing_session=second; billing_locale=pt-BR')
  // Sign-out: the gateway's cleared cookie.
  document.cookie = pageSetCookie('billing_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0')
  document.cookie = `billing_locale=; Path=/; Expires=${new Date(Date.now() - 1_000).toUTCString()}`
  expect(document.cookie).toBe('')

  expect(originCookies()).toBe(before)
})
