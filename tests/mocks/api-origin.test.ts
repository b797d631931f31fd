/**
 * The simulated backend answers the app's own API base only: a demo build must not answer a
 * third-party URL whose path happens to start with `/api` (or `/mock-provider`).
 */
import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { handlers } from '../../mocks/handlers'
import { mockApiBase } from '../../mocks/handlers/http'

const answer = (url: string, init?: RequestInit) => getResponse(handlers, new Request(url, init))

describe('the mock handlers', () => {
  it('answer /api on the page’s own origin', async () => {
    // happy-dom's page: a relative `/api` fetch resolves here.
    expect(window.location.origin).toBe('http://localhost:3000')
    const response = await answer(new URL('/api/me', window.location.href).href)
    expect(response).toBeDefined()
    expect(response?.headers.get('content-type')).toMatch(/json/)
  })

  it('leave a request to another origin unhandled, even under /api', async () => {
    expect(await answer('https://evil.example/api/me')).toBeUndefined()
    expect(await answer('http://localhost:3001/api/me')).toBeUndefined()
    expect(await answer('https://evil.example/api/session', { method: 'POST', body: '{}' })).toBeUndefined()
    expect(await answer('https://evil.example/mock-provider/hosted-payment/ps_0001')).toBeUndefined()
  })

  it('answer the simulated provider on the page’s own origin', async () => {
    const response = await answer(new URL('/mock-provider/hosted-payment/ps_none', window.location.href).href)
    expect(response?.status).toBe(404)
  })
})

describe('the mock API base', () => {
  it('is /api on the app’s origin unless an absolute API base is configured', () => {
    expect(mockApiBase(undefined, 'http://localhost:5173')).toBe('http://localhost:5173/api')
    expect(mockApiBase('', 'http://localhost:5173')).toBe('http://localhost:5173/api')
    expect(mockApiBase('/api', 'https://demo.example')).toBe('https://demo.example/api')
    expect(mockApiBase('https://billing.example.com/api/', 'https://demo.example')).toBe(
      'https://billing.example.com/api',
    )
    expect(mockApiBase('HTTPS://Billing.Example.com/v2', 'https://demo.example')).toBe('https://billing.example.com/v2')
    expect(mockApiBase('https://', 'https://demo.example')).toBe('https://demo.example/api')
  })
})
