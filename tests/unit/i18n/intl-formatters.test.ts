import { describe, expect, it } from 'vitest'
import { dateTimeFormat, displayNames, numberFormat } from '../../../src/i18n/intl-formatters.ts'

describe('Intl formatters made once per language', function () {
  it('should return the same formatter for the same language and options, and format as a fresh one', function () {
    const date = new Date(Date.UTC(2022, 2, 8))
    const long = dateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'UTC' })
    expect(dateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'UTC' })).toBe(long)
    expect(long.format(date)).toBe(new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'UTC' }).format(date))
    expect(numberFormat('ar-SA')).toBe(numberFormat('ar-SA'))
    expect(numberFormat('ar-SA').format(12)).toBe(new Intl.NumberFormat('ar-SA').format(12))
    expect(displayNames('nl-NL', { type: 'language' }).of('tr')).toBe(new Intl.DisplayNames(['nl-NL'], { type: 'language' }).of('tr'))
  })

  it('should keep languages and options apart', function () {
    expect(dateTimeFormat('da-DK', { dateStyle: 'short', timeZone: 'UTC' })).not.toBe(dateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'UTC' }))
    expect(numberFormat('nl-NL')).not.toBe(numberFormat('tr-TR'))
    expect(numberFormat('nl-NL').resolvedOptions().locale).toBe('nl-NL')
    expect(displayNames('tr-TR', { type: 'language' }).of('nl')).not.toBe(displayNames('nl-NL', { type: 'language' }).of('nl'))
  })

  it('should throw for a tag Intl cannot take, as Intl does, and keep nothing', function () {
    expect(() => displayNames('not a tag', { type: 'language' })).toThrow(RangeError)
    expect(() => displayNames('not a tag', { type: 'language' })).toThrow(RangeError)
  })
})
