/**
 * Whether the menu offers "Tổng hợp" to an entry user: only at a residential area whose level
 * submits a synthesis (an open consultation gives `residential_area` a deadline). Admins and
 * secretaries always see it.
 */
import { ref, watch } from 'vue'
import { session } from '@/features/accounts/session'
import { listConsultations } from '@/features/consultations/context'
import { getUnit } from '@/features/units/units'
import { levelSubmits } from './syntheses'

export const areaCompiles = ref(false)

export function watchAreaCompiles(): void {
  watch(
    () => session.user,
    async (user) => {
      areaCompiles.value = false
      if (!user || user.role !== 'entry' || !user.unit_id) return
      try {
        // The login answer says the level; asked only when it does not (an older cached profile).
        const level = user.unit?.level ?? (await getUnit(user.unit_id)).level
        if (level !== 'residential_area') return
        const open = (await listConsultations()).filter((c) => c.status === 'open')
        areaCompiles.value = open.some((c) => levelSubmits(c, level))
      } catch {
        areaCompiles.value = false
      }
    },
    { immediate: true },
  )
}
