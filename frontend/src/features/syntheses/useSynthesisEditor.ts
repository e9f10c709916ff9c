/**
 * The state and actions of the synthesis screen for the signed-in unit: the
 * consultation on screen, its documents, the unit's synthesis versions and the one
 * open, the suggested groups, the uncovered comments, the checks before submitting,
 * the children's incoming syntheses and where each child stands (progress).
 * The panels (SynthesisView's components) read and act through the object returned.
 */
import { computed, onMounted, reactive, ref, watch } from 'vue'
import type { Comment } from '@/api/types'
import { getUnit } from '@/features/units/units'
import { useI18n } from '@/i18n'
import { useRoute, useRouter } from 'vue-router'
import { ApiError, errorMessage } from '@/api/problem'
import type { Consultation, DocumentFull, Feedback, Stance, Suggestion, Synthesis, SynthesisSummary } from '@/api/types'
import { session } from '@/features/accounts/session'
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
  const error = ref('')
  const notice = ref('')
  const busy = ref(false)
  /** Field errors of the last refused item. */
  const itemErrors = ref<Record<string, string>>({})
  /** The consultation whose data is on screen (tests wait for it). */
  const loadedConsultation = ref<number | null>(null)
  /** Per suggestion (by its first member): the members opened and their unit names, and the members taken out. */
  const members = ref<Record<string, { comment: Comment; unitName: string }[]>>({})
  const removed = ref<Record<string, string[]>>({})
  const suggestionPage = ref(0)
  const uncoveredList = ref<Comment[]>([])
  const uncoveredNext = ref<string | null>(null)
  const uncoveredLoaded = ref(false)
  /** The checks before submitting, when asked for; `confirmEmpty` the explicit yes for an empty report. */
  const checkList = ref<S.Check[] | null>(null)
  const confirmEmpty = ref(false)
  const progressRows = ref<S.ProgressRow[]>([])
  const unitLevel = ref<string | null>(null)
  const unitNames = ref<Record<number, string>>({})

  const unitId = computed(() => session.user?.unit_id ?? null)
  const consultation = computed(() => consultations.value.find((c) => c.id === consultationId.value) ?? null)
  const canWrite = computed(() => S.canCompile(session.user?.role, unitLevel.value, consultation.value))
  const SUGGESTIONS_PER_PAGE = 10
  const suggestionView = computed(() => S.pageOf(suggestions.value.map((s, i) => ({ s, i })), suggestionPage.value, SUGGESTIONS_PER_PAGE))
  const previousReturned = computed(() => S.returnedPredecessor(versions.value, synthesis.value?.previous_id))
  const needsEmptyConfirmation = computed(() => S.needsEmptyConfirmation(synthesis.value?.items.length ?? 0, checkList.value ?? []))
  /** Versions oldest first, as the tabs Lần 1, Lần 2 … read. */
  const versionTabs = computed(() => [...versions.value].sort((a, b) => a.version - b.version))
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
    if (!synthesis.value || !isDraft.value) {
      suggestions.value = []
      return
    }
    const res = await S.suggestions(synthesis.value.id).catch(() => ({ items: [] as Suggestion[] }))
    suggestions.value = res.items
    // Each group shares one document and one stance (and a section when its members agree).
    suggestionDrafts.value = res.items.map((s) => ({ summary: s.sample, stance: s.stance, document_id: s.document_id, section_id: s.section_id ?? null }))
    removed.value = {}
    suggestionPage.value = Math.min(suggestionPage.value, Math.max(0, Math.ceil(res.items.length / SUGGESTIONS_PER_PAGE) - 1))
  }

  const suggestionKey = (s: Suggestion) => s.comment_ids[0] ?? s.child_item_ids[0] ?? s.sample

  async function unitName(id: number): Promise<string> {
    if (unitNames.value[id]) return unitNames.value[id]!
    const name = await getUnit(id).then((u) => u.name).catch(() => `#${id}`)
    unitNames.value = { ...unitNames.value, [id]: name }
    return name
  }

  /** Opens (or closes) a suggestion's member comments, each with its unit and section. */
  async function toggleMembers(i: number) {
    const s = suggestions.value[i]
    if (!s) return
    const key = suggestionKey(s)
    if (members.value[key]) {
      const { [key]: _, ...rest } = members.value
      members.value = rest
      return
    }
    await run(async () => {
      const list = await Promise.all(s.comment_ids.map((id) => S.getComment(id)))
      const rows = await Promise.all(list.map(async (comment) => ({ comment, unitName: await unitName(comment.unit_id) })))
      members.value = { ...members.value, [key]: rows }
    })
  }
  const membersOf = (i: number) => {
    const s = suggestions.value[i]
    return s ? members.value[suggestionKey(s)] ?? null : null
  }
  const isRemoved = (i: number, commentId: string) => {
    const s = suggestions.value[i]
    return !!s && (removed.value[suggestionKey(s)] ?? []).includes(commentId)
  }
  /** Takes a member out of (or back into) the group before it is merged. */
  function toggleMember(i: number, commentId: string) {
    const s = suggestions.value[i]
    if (!s) return
    const key = suggestionKey(s)
    const now = removed.value[key] ?? []
    removed.value = { ...removed.value, [key]: now.includes(commentId) ? now.filter((x) => x !== commentId) : [...now, commentId] }
  }
  const keptCount = (i: number) => {
    const s = suggestions.value[i]
    return s ? s.comment_ids.filter((c) => !isRemoved(i, c)).length : 0
  }

  async function loadUncovered(more = false) {
    if (!synthesis.value || !isDraft.value) return
    const id = synthesis.value.id
    const page = await S.uncovered(id, more ? uncoveredNext.value ?? undefined : undefined)
    uncoveredList.value = more ? [...uncoveredList.value, ...page.items] : page.items
    uncoveredNext.value = page.next_cursor ?? null
    uncoveredLoaded.value = true
    await Promise.all(page.items.map((c) => unitName(c.unit_id)))
  }

  async function loadProgress(unit: number, consultation: number) {
    progressRows.value = (await S.progress(unit, consultation).catch(() => ({ items: [] as S.ProgressRow[] }))).items ?? []
  }

  let loadGeneration = 0
  /** Loads everything for one consultation; a later call (another consultation chosen) wins over a slower earlier one. */
  async function loadFor(consultation: number) {
    if (!unitId.value) return
    const gen = ++loadGeneration
    const unit = unitId.value
    const [docs, vers, inc] = await Promise.all([
      listDocuments(consultation).catch(() => [] as DocumentFull[]),
      S.unitSyntheses(unit, consultation).catch(() => [] as SynthesisSummary[]),
      S.incoming(unit, consultation).catch(() => ({ items: [] as Synthesis[] })),
    ])
    const wanted = typeof route.params.id === 'string' && route.params.id ? route.params.id : null
    const pickId = wanted ?? vers[0]?.id ?? null
    const picked = pickId ? await S.getSynthesis(pickId).catch(() => null) : null
    if (gen !== loadGeneration) return
    documents.value = docs
    versions.value = vers
    synthesis.value = picked && picked.consultation_id === consultation ? picked : null
    incoming.value = inc.items ?? []
    checkList.value = null
    uncoveredLoaded.value = false
    uncoveredList.value = []
    await Promise.all([loadSuggestions(), loadProgress(unit, consultation)])
    if (gen === loadGeneration) loadedConsultation.value = consultation
  }

  /** Another version chosen (Lần 1, Lần 2 …): the address names it, the screen shows it. */
  async function openVersion(id: string) {
    if (synthesis.value?.id === id) return
    const picked = await run(() => S.getSynthesis(id))
    if (!picked) return
    synthesis.value = picked
    checkList.value = null
    uncoveredLoaded.value = false
    uncoveredList.value = []
    await router.replace({ name: 'synthesis', params: { id } })
    await loadSuggestions()
  }

  onMounted(async () => {
    if (unitId.value) unitLevel.value = await getUnit(unitId.value).then((u) => u.level as string).catch(() => null)
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
    checkList.value = null
    await Promise.all([loadSuggestions(), uncoveredLoaded.value ? loadUncovered() : Promise.resolve()])
  }

  async function create() {
    if (!unitId.value || !consultationId.value) return
    const created = await run(() => S.createSynthesis(unitId.value!, consultationId.value!))
    if (created) {
      synthesis.value = created
      checkList.value = null
      uncoveredLoaded.value = false
      uncoveredList.value = []
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
    const kept = s.comment_ids.filter((c) => !isRemoved(i, c))
    if (!kept.length && !s.child_item_ids.length) return
    await addItem({ document_id: d.document_id, section_id: d.section_id, stance: d.stance, summary: d.summary.trim(), comment_ids: kept, child_item_ids: s.child_item_ids })
  }

  /** One uncovered comment made an item of its own (summary, document, section and stance its own). */
  async function mergeUncovered(c: Comment, summary?: string) {
    const text = S.summaryFromComment(summary ?? c.content)
    if (!text) return
    const item = await addItem({ document_id: c.document_id, section_id: c.section_id, stance: c.stance, summary: text, comment_ids: [c.id], child_item_ids: [] })
    if (item) uncoveredList.value = uncoveredList.value.filter((x) => x.id !== c.id)
  }

  /** Changes an item in place (summary, stance, section, recommendation, or its place). */
  async function patchItem(itemId: string, body: S.ItemPatch) {
    if (!synthesis.value) return
    const id = synthesis.value.id
    const item = await run(() => S.patchItem(id, itemId, body))
    if (item) {
      notice.value = t('app.saved')
      synthesis.value = await S.getSynthesis(id)
      checkList.value = null
    }
    return item
  }

  async function moveItem(itemId: string, delta: number) {
    const items = synthesis.value?.items ?? []
    const at = items.findIndex((i) => i.id === itemId)
    const to = at + delta
    if (at < 0 || to < 0 || to >= items.length) return
    await patchItem(itemId, { position: to + 1 })
  }

  async function removeItem(itemId: string) {
    if (!synthesis.value || !window.confirm(t('app.confirmDelete'))) return
    const id = synthesis.value.id
    await run(() => S.deleteItem(id, itemId))
    await refresh()
  }

  /** First step of submitting: what a careful secretary should know (GET …/checks). */
  async function prepareSubmit() {
    if (!synthesis.value) return
    const id = synthesis.value.id
    confirmEmpty.value = false
    const res = await run(() => S.checks(id))
    if (res) checkList.value = res.items
  }

  async function submit() {
    if (!synthesis.value) return
    if (needsEmptyConfirmation.value && !confirmEmpty.value) {
      error.value = t('synthesisEditor.confirmEmptyNeeded')
      return
    }
    const id = synthesis.value.id
    const res = await run(() => S.submitSynthesis(id, needsEmptyConfirmation.value && confirmEmpty.value))
    if (res) {
      synthesis.value = { ...synthesis.value, ...res }
      checkList.value = null
      suggestions.value = []
      versions.value = versions.value.map((v) => (v.id === id ? { ...v, ...res } : v))
    }
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
    error,
    notice,
    busy,
    itemErrors,
    loadedConsultation,
    suggestionView,
    suggestionPage,
    uncoveredList,
    uncoveredNext,
    uncoveredLoaded,
    checkList,
    confirmEmpty,
    needsEmptyConfirmation,
    progressRows,
    unitNames,
    previousReturned,
    versionTabs,
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
    toggleMembers,
    membersOf,
    isRemoved,
    toggleMember,
    keptCount,
    loadUncovered,
    mergeUncovered,
    patchItem,
    moveItem,
    openVersion,
    removeItem,
    prepareSubmit,
    submit,
    accept,
    giveBack,
    saveFeedback,
  })
}

export type SynthesisEditor = ReturnType<typeof useSynthesisEditor>
