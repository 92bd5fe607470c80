/**
 * DocFX's heading ids: Markdig's auto-identifiers in their `GitHub` mode,
 * which DocFX (and the Learn build) use. Each UTF-16 unit of the heading's
 * plain text is kept, lower-cased, when it is a letter, a decimal digit, `-`
 * or `_`; a space becomes `-`; everything else is dropped. Unlike
 * github-slugger this drops combining marks (Arabic harakat, Devanagari vowel
 * signs), letter numbers and circled letters, and lower-cases the Turkish `İ`
 * to a plain `i` (.NET's simple case mapping) rather than `i` plus a
 * combining dot, so `#içindekiler` written by a translator lands.
 * @example headingSlug('İlk adımlar: C# & .NET') // => 'ilk-adımlar-c--net'
 */
const kept = /^[\p{L}\p{Nd}_-]$/u

export function headingSlug(text: string): string {
  let slug = ''
  for (let index = 0; index < text.length; index++) {
    const unit = text[index]!
    if (unit === ' ') slug += '-'
    // A lone surrogate never matches, as .NET's char.IsLetterOrDigit never does.
    else if (kept.test(unit)) slug += lowerCase(unit)
  }
  return slug
}

/** One unit to one unit, like .NET's `char.ToLowerInvariant`. */
function lowerCase(unit: string): string {
  const lower = unit.toLowerCase()
  return lower.length === 1 ? lower : unit === '\u0130' ? 'i' : lower[0]!
}
