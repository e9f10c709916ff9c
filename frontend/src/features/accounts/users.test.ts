import { describe, expect, it } from 'vitest'
import { filterUsers, fold, unitLabel } from './users'

const users = [
  { id: 1, username: 'thuky.vinhthanhvan', full_name: 'Nguyễn Thị Đào', unit_id: 10 },
  { id: 2, username: 'nhaplieu.khupho1', full_name: 'Trần Văn Bình', unit_id: 11 },
  { id: 3, username: 'admin.tinh', full_name: 'Lê Quản', unit_id: null },
]
const labels = { 10: 'Phường Vĩnh Thanh Vân — Thành phố Rạch Giá', 11: 'Khu phố 1 — Phường Vĩnh Thanh Vân' }

describe('fold', () => {
  it('drops diacritics, đ included, and case; collapses blanks', () => {
    expect(fold('  Nguyễn   Thị ĐÀO ')).toBe('nguyen thi dao')
    expect(fold('Chỉnh đốn Đảng')).toBe('chinh don dang')
  })
  it('folds decomposed input the same', () => {
    expect(fold('Vi\u0303nh')).toBe(fold('Vĩnh'))
  })
})

describe('filterUsers', () => {
  it('keeps everything for an empty query', () => {
    expect(filterUsers(users, '  ')).toHaveLength(3)
  })
  it('matches names without diacritics, and with them', () => {
    expect(filterUsers(users, 'dao').map((u) => u.id)).toEqual([1])
    expect(filterUsers(users, 'Bình').map((u) => u.id)).toEqual([2])
  })
  it('matches the unit label and needs every word', () => {
    expect(filterUsers(users, 'vinh thanh van', labels).map((u) => u.id)).toEqual([1, 2])
    expect(filterUsers(users, 'khu pho vinh', labels).map((u) => u.id)).toEqual([2])
    expect(filterUsers(users, 'rach gia binh', labels)).toEqual([])
  })
  it('matches usernames', () => {
    expect(filterUsers(users, 'ADMIN').map((u) => u.id)).toEqual([3])
  })
})

describe('unitLabel', () => {
  it('joins the ancestry nearest first', () => {
    expect(unitLabel('Khu phố 2', ['Phường Vĩnh Thanh Vân', 'Thành phố Rạch Giá'])).toBe('Khu phố 2 — Phường Vĩnh Thanh Vân — Thành phố Rạch Giá')
    expect(unitLabel('Tỉnh Kiên Giang', [])).toBe('Tỉnh Kiên Giang')
  })
})
