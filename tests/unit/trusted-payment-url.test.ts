// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parseOrigins } from '@/config/env'
import { checkPaymentUrl, type PaymentUrlPolicy } from '@/features/payment/trusted-payment-url'

const production: PaymentUrlPolicy = {
  appOrigin: 'https://billing.example.com',
  allowedOrigins: ['https://pay.provider.example', 'https://eu.pay.provider.example'],
  mockPagePath: null,
}
const development: PaymentUrlPolicy = {
  appOrigin: 'http://127.0.0.1:5173',
  allowedOrigins: [],
  mockPagePath: /^\/api\/payment-pages\/[\w-]+$/,
}
const demo: PaymentUrlPolicy = {
  appOrigin: 'https://demo.billing.example',
  allowedOrigins: [],
  mockPagePath: /^\/api\/payment-pages\/[\w-]+$/,
}

const refused = (raw: unknown, policy: PaymentUrlPolicy) => {
  const check = checkPaymentUrl(raw, policy)
  return check.trusted ? 'trusted' : check.reason
}

describe('checkPaymentUrl in a production build', () => {
  it('follows an https page on a configured origin, as parsed', () => {
    expect(checkPaymentUrl('https://pay.provider.example/hosted?session=ps_1', production)).toEqual({
      trusted: true,
      url: 'https://pay.provider.example/hosted?session=ps_1',
    })
    expect(checkPaymentUrl('HTTPS://EU.Pay.Provider.Example:443/p', production)).toEqual({
      trusted: true,
      url: 'https://eu.pay.provider.example/p',
    })
  })

  it.each([
    ['javascript:alert(document.cookie)', 'scheme'],
    ['  JavaScript:alert(1)', 'scheme'],
    ['java\tscript:alert(1)', 'scheme'],
    ['\u0000javascript:alert(1)', 'scheme'],
    ['data:text/html,<script>alert(1)</script>', 'scheme'],
    ['vbscript:msgbox(1)', 'scheme'],
    ['blob:https://pay.provider.example/0f1e', 'scheme'],
    ['http://pay.provider.example/hosted', 'scheme'],
    ['ftp://pay.provider.example/', 'scheme'],
    ['https://evil.example/hosted', 'origin'],
    ['https://pay.provider.example.evil.example/hosted', 'origin'],
    ['https://pay.provider.example:8443/hosted', 'origin'],
    ['//evil.example/hosted', 'origin'],
    ['/\\evil.example/hosted', 'origin'],
    ['https:evil.example', 'origin'],
    ['https://xn--pay-provider.example/', 'origin'],
    // Relative: the app's own origin, which is not the provider's.
    ['/api/payment-pages/pp_1', 'origin'],
    ['hosted?session=1', 'origin'],
    ['https://pay.provider.example@evil.example/', 'malformed'],
    ['https://user:pass@pay.provider.example/', 'malformed'],
    ['https://[::1/', 'malformed'],
    ['http://', 'malformed'],
    ['', 'malformed'],
    ['   ', 'malformed'],
    [null, 'malformed'],
    [42, 'malformed'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(refused(raw, production)).toBe(reason)
  })

  it('refuses everything when no origin is configured', () => {
    expect(refused('https://pay.provider.example/hosted', { ...production, allowedOrigins: [] })).toBe('origin')
  })

  it('reports a scheme or an origin, never the address with its session', () => {
    expect(checkPaymentUrl('https://evil.example/steal?session=ps_1&token=abc', production)).toEqual({
      trusted: false,
      reason: 'origin',
      target: 'https://evil.example',
    })
    expect(checkPaymentUrl('javascript:alert(1)', production)).toEqual({
      trusted: false,
      reason: 'scheme',
      target: 'javascript:',
    })
  })
})

describe('checkPaymentUrl in development, test and demo builds', () => {
  it('follows the simulated page on the app’s own origin, over http only for that page', () => {
    expect(checkPaymentUrl('/api/payment-pages/pp_1?returnUrl=x', development)).toEqual({
      trusted: true,
      url: 'http://127.0.0.1:5173/api/payment-pages/pp_1?returnUrl=x',
    })
    expect(refused('/somewhere-else', development)).toBe('scheme')
    expect(refused('http://127.0.0.1:5174/api/payment-pages/pp_1', development)).toBe('scheme')
    expect(refused('https://127.0.0.1:5173/api/payment-pages/pp_1', development)).toBe('origin')
    expect(refused('/api/payment-pages/pp_1', demo)).toBe('trusted')
    expect(refused('https://demo.billing.example/anything', demo)).toBe('trusted')
  })

  it('still refuses scripts, data and other sites', () => {
    for (const policy of [development, demo]) {
      expect(refused('javascript:alert(1)', policy)).toBe('scheme')
      expect(refused('data:text/html,hi', policy)).toBe('scheme')
      expect(refused('https://evil.example/api/payment-pages/pp_1', policy)).toBe('origin')
      expect(refused('//evil.example/api/payment-pages/pp_1', policy)).not.toBe('trusted')
    }
  })
})

describe('parseOrigins (VITE_PAYMENT_ORIGINS)', () => {
  it('keeps the https origins of a comma-separated list and ignores the rest', () => {
    expect(parseOrigins(undefined)).toEqual([])
    expect(parseOrigins('')).toEqual([])
    expect(
      parseOrigins(
        ' https://pay.provider.example , https://EU.pay.provider.example/hosted/,http://insecure.example,javascript:alert(1),nonsense,https://u:p@x.example,https://pay.provider.example',
      ),
    ).toEqual(['https://pay.provider.example', 'https://eu.pay.provider.example'])
  })
})
