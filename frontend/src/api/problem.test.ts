import { describe, expect, it } from 'vitest'
import { ApiError, fieldErrors } from './problem'

describe('problem+json field errors', () => {
  it('names the field from loc', () => {
    expect(
      fieldErrors([
        { loc: ['body', 'content'], msg: 'too short' },
        { loc: ['body', 'items', 3, 'people'], msg: 'must be ≥ 1' },
        { loc: ['body', 'content'], msg: 'second' },
        { loc: [], msg: 'general' },
      ]),
    ).toEqual({ content: 'too short', people: 'must be ≥ 1', _: 'general' })
  })
  it('uses detail as the message', () => {
    const e = new ApiError(422, { title: 'Unprocessable', detail: 'section_id belongs to another document' })
    expect(e.message).toBe('section_id belongs to another document')
    expect(e.fieldErrors).toEqual({})
  })
})
