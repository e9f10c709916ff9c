import { describe, expect, it } from 'vitest'
import type { SynthesisSummary } from '@/api/types'
import { canOpenNew } from './syntheses'

const s = (status: SynthesisSummary['status']) => ({ status })

describe('opening a synthesis version', () => {
  it('is allowed when there is none, or every earlier one was returned', () => {
    expect(canOpenNew([])).toBe(true)
    expect(canOpenNew([s('returned')])).toBe(true)
    expect(canOpenNew([s('returned'), s('draft')])).toBe(false)
    expect(canOpenNew([s('submitted')])).toBe(false)
    expect(canOpenNew([s('accepted')])).toBe(false)
  })
})
