import { describe, expect, it } from 'vitest'
import { fold, matches } from './fold'

describe('diacritics folding', () => {
  it('folds Vietnamese letters, including đ and letters with two marks', () => {
    expect(fold('Đảng')).toBe('dang')
    expect(fold('Phường Vĩnh Thanh Vân')).toBe('phuong vinh thanh van')
    expect(fold('NGƯỜI')).toBe('nguoi')
    expect(fold('ệ ặ ỡ')).toBe('e a o')
  })
  it('matches every word regardless of marks and case', () => {
    expect(matches('Thành phố Rạch Giá', 'rach gia')).toBe(true)
    expect(matches('Thành phố Rạch Giá', 'RẠCH')).toBe(true)
    expect(matches('Thành phố Rạch Giá', 'ha tien')).toBe(false)
  })
})
