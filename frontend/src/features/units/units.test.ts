import { describe, expect, it } from 'vitest'
import { ancestorIds, levelKey, nameSaysKind } from './units'

describe('unit names and levels', () => {
  it("takes the kind from the unit's name where it says it, else from its level", () => {
    expect(levelKey({ name: 'Thành phố Rạch Giá', level: 'district' })).toBe('unitKind.city')
    expect(levelKey({ name: 'Thị xã Hà Tiên', level: 'district' })).toBe('unitKind.town')
    expect(levelKey({ name: 'Huyện An Biên', level: 'district' })).toBe('unitKind.district')
    expect(levelKey({ name: 'Phường Vĩnh Thanh Vân', level: 'commune' })).toBe('unitKind.ward')
    expect(levelKey({ name: 'Thị trấn Thứ Ba', level: 'commune' })).toBe('unitKind.township')
    expect(levelKey({ name: 'Xã Mong Thọ A', level: 'commune' })).toBe('unitKind.commune')
    expect(levelKey({ name: 'Rạch Giá', level: 'district' })).toBe('level.district')
    expect(levelKey({ name: 'Khu phố 1', level: 'residential_area' })).toBe('level.residential_area')
  })
  it('knows when the name already says what the unit is', () => {
    expect(nameSaysKind({ name: 'Thành phố Rạch Giá', level: 'district' })).toBe(true)
    expect(nameSaysKind({ name: 'Khu phố 2', level: 'residential_area' })).toBe(true)
    expect(nameSaysKind({ name: 'Ấp Vĩnh Thành', level: 'residential_area' })).toBe(true)
    expect(nameSaysKind({ name: 'Rạch Giá', level: 'district' })).toBe(false)
  })
  it('reads the ancestors from the materialised path, nearest first', () => {
    expect(ancestorIds({ id: 30, path: '/1/5/30/' })).toEqual([5, 1])
    expect(ancestorIds({ id: 1, path: '/1/' })).toEqual([])
  })
})
