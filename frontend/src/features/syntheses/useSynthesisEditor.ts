/**
 * The state and actions of the synthesis screen for the signed-in unit: the
 * consultation on screen, its documents, the unit's synthesis versions and the one
 * open, the suggested groups, the children's incoming syntheses and submissions.
 * The panels (SynthesisView's components) read and act through the object returned.
 */
import { computed, onMounted, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { api, call } from '@/api/client'
import { ApiError, errorMessage } from '@/api/problem'
import type { Consultation, DocumentFull, Feedback, Stance, Submission, Suggestion, Synthesis, SynthesisSummary } from '@/api/types'
import { hasRole, session } from '@/features/accounts/session'
import { listConsultations, listDocuments } from '@/features/consultations/context'
import { flattenSections, sectionLabel } from '@/features/consultations/sections'
import * as S from './syntheses'

export interface ItemBody {
  document_id: number
  section_id: number | null
  stance: Stance
  summary: string
  comment_ids: string[]
  child_item_ids: string[]
}
export interface SuggestionDraft {
  summary: string
  stance: Stance
  document_id: number | null
  section_id: number | null
}

export function useSynthesisEditor() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()

  const consultations = ref<Consultation[]>([])
  const consultationId = ref<number | null>(null)
  const documents = ref<DocumentFull[]>([])
  const versions = ref<SynthesisSummary[]>([])
  const synthesis = ref<Synthesis | null>(null)
  const suggestions = ref<Suggestion[]>([])
  /** Per suggestion: the summary, stance, document and section the secretary may change before merging. */
  const suggestionDrafts = ref<SuggestionDraft[]>([])
  const incoming = ref<Synthesis[]>([])
  const submissions = ref<Submission[]>([])
  const error = ref('')
  const notice = ref('')
  const busy = ref(false)
  /** Field errors of the last refused item. */
  const itemErrors = ref<Record<string, string>>({})
  /** The consultation whose data is on screen (tests wait for it). */
  const loadedConsultation = ref<number | null>(null)

  const unitId = computed(() => session.user?.unit_id ?? null)
  const canWrite = computed(() => hasRole('admin', 'secretary'))
  const isDraft = computed(() => synthesis.value?.status === 'draft')
  const canOpenNew = computed(() => S.canOpenNew(versions.value))
  const mergedChildItems = computed(() => new Set((synthesis.value?.items ?? []).flatMap((i) => i.child_item_ids)))

  const docTitle = (id: number) => documents.value.find((d) => d.id === id)?.title ?? `#${id}`
  const sectionText = (docId: number, secId: number | null | undefined) => sectionLabel(documents.value.find((d) => d.id === docId)?.sections ?? [], secId)
  const sectionsOf = (docId: number | null) => flattenSections(documents.value.find((d) => d.id === docId)?.sections ?? [])

  /** Runs a user action: clears the messages, disables the buttons, shows a failure. */
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    error.value = ''
    notice.value = ''
    busy.value = true
    try {
      return await fn()
    } catch (e) {
      error.value = errorMessage(e)
      if (e instanceof ApiError && e.status === 422) itemErrors.value = e.fieldErrors
      return undefined
    } finally {
      busy.value = false
    }
  }

  async function loadSuggestions() {
    suggestions.value = []
    if (!synthesis.value || !isDraft.value) return
    const res = await S.suggestions(synthesis.value.id).catch(() => ({ items: [] as Suggestion[] }))
    suggestions.value = res.items
    suggestionDrafts.value = res.items.map((s) => ({ summary: s.sample, stance: 'amend' as Stance, document_id: documents.value[0]?.id ?? null, section_id: null }))
    // Prefill document, section and stance from the group's first comment (what the clerk would pick).
    await Promise.all(
      res.items.slice(0, 30).map(async (s, i) => {
        const first = s.comment_ids[0]
        if (!first) return
        const c = await call(api.GET('/api/v1/comments/{comment_id}', { params: { path: { comment_id: first } } })).catch(() => null)
        const d = suggestionDrafts.value[i]
        if (c && d) Object.assign(d, { document_id: c.document_id, section_id: c.section_id, stance: c.stance })
      }),
    )
  }

  let loadGeneration = 0
  /** Loads everything for one consultation; a later call (another consultation chosen) wins over a slower earlier one. */
  async function loadFor(consultation: number) {
    if (!unitId.value) return
    const gen = ++loadGeneration
    const unit = unitId.value
    const [docs, vers, inc, subs] = await Promise.all([
      listDocuments(consultation).catch(() => [] as DocumentFull[]),
      S.unitSyntheses(unit, consultation).catch(() => [] as SynthesisSummary[]),
      S.incoming(unit, consultation).catch(() => ({ items: [] as Synthesis[] })),
      S.submissions(unit, consultation).catch(() => ({ items: [] as Submission[] })),
    ])
    const wanted = typeof route.params.id === 'string' && route.params.id ? route.params.id : null
    const pickId = wanted ?? vers[0]?.id ?? null
    const picked = pickId ? await S.getSynthesis(pickId).catch(() => null) : null
    if (gen !== loadGeneration) return
    documents.value = docs
    versions.value = vers
    synthesis.value = picked && picked.consultation_id === consultation ? picked : null
    incoming.value = inc.items ?? []
    submissions.value = subs.items ?? []
    await loadSuggestions()
    if (gen === loadGeneration) loadedConsultation.value = consultation
  }

  onMounted(async () => {
    await run(async () => {
      consultations.value = await listConsultations()
      consultationId.value = consultations.value.find((c) => c.status === 'open')?.id ?? consultations.value[0]?.id ?? null
    })
  })
  watch(consultationId, (id) => {
    if (!id) return
    // Loading is not an action: it must not disable the buttons (run() would).
    loadFor(id).catch((e) => (error.value = errorMessage(e)))
  })

  async function refresh() {
    if (!synthesis.value) return
    synthesis.value = await S.getSynthesis(synthesis.value.id)
    await loadSuggestions()
  }

  async function create() {
    if (!unitId.value || !consultationId.value) return
    const created = await run(() => S.createSynthesis(unitId.value!, consultationId.value!))
    if (created) {
      synthesis.value = created
      versions.value = [created, ...versions.value.filter((v) => v.id !== created.id)]
      await router.replace({ name: 'synthesis', params: { id: created.id } })
      await loadSuggestions()
    }
  }

  async function addItem(body: ItemBody) {
    if (!synthesis.value) return
    const id = synthesis.value.id
    const item = await run(() => S.addItem(id, body))
    if (item) {
      notice.value = t('app.saved')
      await refresh()
    }
    return item
  }

  async function mergeSuggestion(i: number) {
    const s = suggestions.value[i]!
    const d = suggestionDrafts.value[i]!
    if (!d.document_id || !d.summary.trim()) return
    await addItem({ document_id: d.document_id, section_id: d.section_id, stance: d.stance, summary: d.summary.trim(), comment_ids: s.comment_ids, child_item_ids: s.child_item_ids })
  }

  async function removeItem(itemId: string) {
    if (!synthesis.value || !window.confirm(t('app.confirmDelete'))) return
    const id = synthesis.value.id
    await run(() => S.deleteItem(id, itemId))
    await refresh()
  }

  async function submit() {
    if (!synthesis.value || !window.confirm(t('synthesis.confirmSubmit'))) return
    const id = synthesis.value.id
    const res = await run(() => S.submitSynthesis(id))
    if (res) synthesis.value = { ...synthesis.value, ...res }
  }

  async function accept(id: string) {
    if (await run(() => S.acceptSynthesis(id))) await loadFor(consultationId.value!)
  }

  async function giveBack(id: string, reason: string) {
    if (!reason.trim()) {
      error.value = `${t('synthesis.reason')}: ${t('app.required')}`
      return
    }
    if (await run(() => S.returnSynthesis(id, reason.trim()))) await loadFor(consultationId.value!)
  }

  async function saveFeedback(synthesisId: string, itemId: string, feedback: Feedback, reason: string) {
    if (feedback === 'not_taken_up' && !reason.trim()) {
      error.value = t('feedback.reason')
      return
    }
    const res = await run(() => S.setFeedback(synthesisId, itemId, feedback, reason.trim() || null))
    if (res) {
      notice.value = t('app.saved')
      incoming.value = (await S.incoming(unitId.value!, consultationId.value!)).items ?? []
    }
  }

  return reactive({
    consultations,
    consultationId,
    documents,
    versions,
    synthesis,
    suggestions,
    suggestionDrafts,
    incoming,
    submissions,
    error,
    notice,
    busy,
    itemErrors,
    loadedConsultation,
    canWrite,
    isDraft,
    canOpenNew,
    mergedChildItems,
    docTitle,
    sectionText,
    sectionsOf,
    create,
    addItem,
    mergeSuggestion,
    removeItem,
    submit,
    accept,
    giveBack,
    saveFeedback,
  })
}

export type SynthesisEditor = ReturnType<typeof useSynthesisEditor>
