/**
 * Intl formatters made once per language and options, then reused: making
 * one loads and resolves the locale's CLDR data (about 0.2 ms each), which
 * three per page made a measurable cost at thousands of pages, while
 * formatting with a made one is a few microseconds. Intl objects are
 * immutable, so sharing them cannot leak one page's state into another.
 */
const made = new Map<string, object>()

/** Languages come from configs and front matter: past this many formatters, new ones are made but not kept. */
const maxKept = 256

/** The formatter made by `make`, once per `key` (the constructor's name, its locales and options as JSON). */
function once<T extends object>(key: string, make: () => T): T {
  let formatter = made.get(key) as T | undefined
  if (!formatter) {
    formatter = make()
    if (made.size < maxKept) made.set(key, formatter)
  }
  return formatter
}

export function dateTimeFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return once(`DateTimeFormat ${lang} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(lang, options))
}

export function numberFormat(lang: string): Intl.NumberFormat {
  return once(`NumberFormat ${lang}`, () => new Intl.NumberFormat(lang))
}

/** Throws as `Intl.DisplayNames` does for a tag it cannot take (nothing is kept then). */
export function displayNames(lang: string, options: Intl.DisplayNamesOptions): Intl.DisplayNames {
  return once(`DisplayNames ${lang} ${JSON.stringify(options)}`, () => new Intl.DisplayNames([lang], options))
}
