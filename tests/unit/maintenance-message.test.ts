import { expect, test } from 'vitest'
import { maintenanceSchema } from '@/lib/api/schemas'
import { maintenanceMessageIn } from '@/lib/availability/maintenance-message'

const both = {
  message: 'Provider upgrade.',
  messages: { en: 'Provider upgrade.', 'pt-BR': 'Atualização do provedor.' },
}

test("the operators' message in the admin's language when they wrote one", () => {
  expect(maintenanceMessageIn('pt-BR', both)).toBe('Atualização do provedor.')
  expect(maintenanceMessageIn('en', both)).toBe('Provider upgrade.')
})

test('a language the operators left out falls back to the default, then to the language they wrote', () => {
  expect(maintenanceMessageIn('pt-BR', { message: 'Provider upgrade.', messages: { en: 'Provider upgrade.' } })).toBe(
    'Provider upgrade.',
  )
  expect(maintenanceMessageIn('en', { message: null, messages: { 'pt-BR': 'Atualização do provedor.' } })).toBe(
    'Atualização do provedor.',
  )
})

test('a flag saved before messages per language existed still gives its message; no message at all gives none', () => {
  const saved = maintenanceSchema.safeParse({
    enabled: true,
    reason: 'scheduled',
    message: 'Provider upgrade.',
    since: '2026-11-28T12:00:00Z',
    nextUpdateAt: null,
    generation: 3,
  })
  expect(saved.success).toBe(true)
  expect(maintenanceMessageIn('pt-BR', saved.data!)).toBe('Provider upgrade.')
  expect(maintenanceMessageIn('pt-BR', { message: 'Provider upgrade.' })).toBe('Provider upgrade.')
  expect(maintenanceMessageIn('en', { message: null, messages: {} })).toBeNull()
  expect(maintenanceMessageIn('en', { message: '', messages: { en: '' } })).toBeNull()
})
