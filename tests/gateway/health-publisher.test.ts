// @vitest-environment node
import { expect, test } from 'vitest'
import { createPublisher } from '../../gateway/health/publisher'

const hold = { recoverHoldMs: 5_000, holdBackMs: 0 }

test('a worse state is published at once', () => {
  const publisher = createPublisher(hold, 0)
  expect(publisher.update(1_000, 'degraded')).toEqual({ health: 'degraded', since: 1_000 })
  expect(publisher.update(1_200, 'down')).toEqual({ health: 'down', since: 1_200 })
})

test('a better state is published once it has held recoverHoldMs, not before', () => {
  const publisher = createPublisher(hold, 0)
  publisher.update(1_000, 'down')
  publisher.update(2_000, 'operational')
  expect(publisher.update(6_900, 'operational').health).toBe('down')
  expect(publisher.update(7_000, 'operational')).toEqual({ health: 'operational', since: 7_000 })
})

test('a relapse during the hold restarts it', () => {
  const publisher = createPublisher(hold, 0)
  publisher.update(0, 'down')
  publisher.update(1_000, 'operational')
  publisher.update(4_000, 'down')
  publisher.update(5_000, 'operational')
  expect(publisher.update(9_000, 'operational').health).toBe('down')
  expect(publisher.update(10_000, 'operational').health).toBe('operational')
})

test('after down, the worst state seen during the hold is what is published', () => {
  const publisher = createPublisher(hold, 0)
  publisher.update(0, 'down')
  publisher.update(1_000, 'degraded')
  publisher.update(3_000, 'operational')
  expect(publisher.update(6_000, 'operational')).toEqual({ health: 'degraded', since: 6_000 })
  expect(publisher.update(10_999, 'operational').health).toBe('degraded')
  expect(publisher.update(11_000, 'operational').health).toBe('operational')
})

test('holdBackMs keeps the report operational that long after the computed state first left it', () => {
  const publisher = createPublisher({ recoverHoldMs: 5_000, holdBackMs: 8_000 }, 0)
  expect(publisher.update(1_000, 'degraded').health).toBe('operational')
  expect(publisher.update(4_000, 'down').health).toBe('operational')
  expect(publisher.update(8_999, 'down').health).toBe('operational')
  expect(publisher.update(9_000, 'down')).toEqual({ health: 'down', since: 9_000 })
})

test('a departure that ends within the hold-back is never published, and the next one starts afresh', () => {
  const publisher = createPublisher({ recoverHoldMs: 5_000, holdBackMs: 8_000 }, 0)
  publisher.update(1_000, 'down')
  publisher.update(5_000, 'operational')
  expect(publisher.update(10_000, 'down').health).toBe('operational')
  expect(publisher.update(17_999, 'down').health).toBe('operational')
  expect(publisher.update(18_000, 'down').health).toBe('down')
})

test('once the report says degraded, a worse state is not held back', () => {
  const publisher = createPublisher({ recoverHoldMs: 5_000, holdBackMs: 8_000 }, 0)
  publisher.update(0, 'degraded')
  publisher.update(8_000, 'degraded')
  expect(publisher.update(8_500, 'down').health).toBe('down')
})
