import { describe, expect, it } from 'vitest'
import { emptySection, missingHeadings, move, toApi } from './sectionTree'

describe('section tree editing', () => {
  it('moves within bounds only', () => {
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3])
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3])
    expect(move([1, 2, 3], 2, 1)).toEqual([1, 2, 3])
  })
  it('builds the API body and finds nodes without heading', () => {
    const tree = [{ number: ' I ', heading: 'Mở đầu', text: '  ', children: [{ ...emptySection(), number: 'I.1' }] }]
    expect(toApi(tree)).toEqual([{ number: 'I', heading: 'Mở đầu', text: null, children: [{ number: 'I.1', heading: '', text: null, children: [] }] }])
    expect(missingHeadings(tree)).toEqual(['0.0'])
  })
})
