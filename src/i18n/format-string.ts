import { dateTimeFormat } from './intl-formatters.ts'

/**
 * Fill `{name}` placeholders in a UI string.
 * @example formatString('Read it in {language}', {language: 'English'}) // => 'Read it in English'
 */
export function formatString(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match)
}

/**
 * A calendar date in the reader's language, as Microsoft Learn shows `ms.date`.
 * @example formatDate(new Date(Date.UTC(2022, 2, 8)), 'da-DK') // => '8. marts 2022'
 */
export function formatDate(date: Date, lang: string, dateStyle: 'full' | 'long' | 'medium' | 'short' = 'long'): string {
  return dateTimeFormat(lang, { dateStyle, timeZone: 'UTC' }).format(date)
}
