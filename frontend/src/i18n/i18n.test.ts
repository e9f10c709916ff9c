import { describe, expect, it } from 'vitest'
import { CATEGORIES, CHANNELS, FEEDBACKS, LEVELS, MEETING_KINDS, ORGANIZATIONS, ROLES, STANCES } from '@/api/types'
import { en } from './en'
import { i18n, loadLocale, setLocale } from './index'
import { vi } from './vi'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

describe('i18n', () => {
  it('starts in Vietnamese', () => {
    expect(i18n.global.locale.value).toBe('vi')
    expect(i18n.global.t('auth.submit')).toBe('Đăng nhập')
  })
  it('English has exactly the Vietnamese keys, none empty', async () => {
    await loadLocale('en')
    expect(keys(en).sort()).toEqual(keys(vi).sort())
    for (const k of keys(en)) expect(i18n.global.t(k, {}, { locale: 'en' })).not.toBe('')
  })
  it('names every enumeration value of the API in both languages', async () => {
    await loadLocale('en')
    for (const locale of ['vi', 'en'] as const) {
      const t = (k: string) => i18n.global.t(k, {}, { locale })
      for (const v of LEVELS) expect(t(`level.${v}`)).not.toBe(`level.${v}`)
      for (const v of ROLES) expect(t(`role.${v}`)).not.toBe(`role.${v}`)
      for (const v of CHANNELS) expect(t(`channel.${v}`)).not.toBe(`channel.${v}`)
      for (const v of CATEGORIES) expect(t(`category.${v}`)).not.toBe(`category.${v}`)
      for (const v of STANCES) expect(t(`stance.${v}`)).not.toBe(`stance.${v}`)
      for (const v of MEETING_KINDS) expect(t(`meetingKind.${v}`)).not.toBe(`meetingKind.${v}`)
      for (const v of ORGANIZATIONS) expect(t(`organization.${v}`)).not.toBe(`organization.${v}`)
      for (const v of FEEDBACKS) expect(t(`feedback.${v}`)).not.toBe(`feedback.${v}`)
    }
  })
  it('switches language and remembers it, updating <html lang>', async () => {
    await setLocale('en')
    expect(i18n.global.t('auth.submit')).toBe('Sign in')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('ykien.locale')).toBe('en')
    await setLocale('vi')
    expect(i18n.global.t('auth.submit')).toBe('Đăng nhập')
  })
  it('interpolates', () => {
    expect(i18n.global.t('synthesis.counts', { comments: 3, people: 7 })).toBe('3 ý kiến, 7 lượt người')
  })
})
