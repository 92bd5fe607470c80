/**
 * The notices a translated page shows at the top, in the page's language:
 * not translated yet (fallback page), machine translated, made before the
 * default-locale article last changed (`outdated`), or made from an older
 * or newer version of the source than the default-locale article, when that
 * is a translation too (`older-source`, `newer-source`; see
 * translation-status.ts). Each links the default-locale article, when the
 * build has it (a locale-only article has no original to link).
 */
import type { TranslationInfo } from './translation-status.ts'
import { formatString } from './format-string.ts'

export interface Notice {
  kind: 'untranslated' | 'machine' | 'outdated' | 'older-source' | 'newer-source'
  text: string
  /** The link to the original; all three are `undefined` when there is none. */
  linkText: string | undefined
  linkHref: string | undefined
  /** `lang` of the link text's target, for `hreflang`. */
  linkLang: string | undefined
}

export interface NoticeInput {
  fallback: boolean
  translation: TranslationInfo
  /** The page locale's own name ("Dansk") and the source locale's ("English"). */
  language: string
  sourceLanguage: string
  sourceLang: string
  /** The original's page, or `undefined` when the build has no original of this article. */
  sourceHref: string | undefined
  t: (key: string) => string
}

export function noticesFor(input: NoticeInput): Notice[] {
  const values = { language: input.language, sourceLanguage: input.sourceLanguage }
  const notice = (kind: Notice['kind']): Notice => ({
    kind,
    text: formatString(input.t(`notice.${kind}`), values),
    linkText: input.sourceHref === undefined ? undefined : formatString(input.t(`notice.${kind}.link`), values),
    linkHref: input.sourceHref,
    linkLang: input.sourceHref === undefined ? undefined : input.sourceLang,
  })
  if (input.fallback) return [notice('untranslated')]
  const notices: Notice[] = []
  if (input.translation.machine) notices.push(notice('machine'))
  const { state, basis } = input.translation
  if (state === 'outdated') notices.push(notice(basis === 'shared-source' ? 'older-source' : 'outdated'))
  if (state === 'newer') notices.push(notice('newer-source'))
  return notices
}
