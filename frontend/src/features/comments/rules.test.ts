import { describe, expect, it } from 'vitest'
import { dateProblem } from './rules'

const consultation = { opens_on: '2025-10-15', closes_on: '2025-11-15' }

describe("a comment's date", () => {
  it('is accepted within the consultation, up to today', () => {
    expect(dateProblem('2025-10-15', consultation, '2025-11-01')).toBeNull()
    expect(dateProblem('2025-11-01', consultation, '2025-11-01')).toBeNull()
  })
  it('is refused after today, and outside the consultation', () => {
    expect(dateProblem('2025-11-02', consultation, '2025-11-01')).toMatchObject({ key: 'dateFuture' })
    expect(dateProblem('2025-10-14', consultation, '2025-11-01')).toEqual({ key: 'dateOutside', from: '2025-10-15', to: '2025-11-15' })
    expect(dateProblem('2025-11-16', consultation, '2025-12-01')).toMatchObject({ key: 'dateOutside' })
  })
})
