import { describe, expect, it } from 'vitest'
import { consultationPatch, editFormOf } from './edit'

const c = { title: 'Đợt 1', closes_on: '2025-09-30', deadlines: { commune: '2025-09-10', district: '2025-09-20' } }

describe('consultationPatch', () => {
  it('is null when nothing changed', () => {
    expect(consultationPatch(c, editFormOf(c))).toBeNull()
    expect(consultationPatch(c, { ...editFormOf(c), title: ' Đợt 1 ' })).toBeNull()
  })
  it('sends only what changed', () => {
    expect(consultationPatch(c, { ...editFormOf(c), title: 'Đợt 2', closes_on: '2025-10-15' })).toEqual({ title: 'Đợt 2', closes_on: '2025-10-15' })
  })
  it('sends the deadlines as a whole map, without levels left empty', () => {
    const form = editFormOf(c)
    form.deadlines.commune = null
    form.deadlines.province = '2025-09-25'
    expect(consultationPatch(c, form)).toEqual({ deadlines: { district: '2025-09-20', province: '2025-09-25' } })
  })
  it('does not send an emptied closing date', () => {
    expect(consultationPatch(c, { ...editFormOf(c), closes_on: null })).toBeNull()
  })
  it('does not share the original deadlines object', () => {
    const form = editFormOf(c)
    form.deadlines.commune = '2025-01-01'
    expect(c.deadlines.commune).toBe('2025-09-10')
  })
})
