/**
 * The colours of code blocks: Shiki's GitHub themes, light and dark, each
 * token colour darkened (light) or lightened (dark) just enough to reach WCAG
 * AA contrast on the code box and on a highlighted line of that theme.
 *
 * The box colours are our own, not the themes' editor backgrounds: they are
 * declared again as `--code-bg` and `--code-mark-bg` in client/styles/code.css
 * (a unit test keeps the two in step), so the box reads as a box in both site
 * themes while every token keeps at least `minContrast` on it.
 */
import type { ThemeRegistrationRaw } from 'shiki/core'
import githubDark from 'shiki/themes/github-dark-default.mjs'
import githubLight from 'shiki/themes/github-light-default.mjs'

/** 4.5:1 is AA for normal text; a little above it so rounding in checkers never tips a colour under. */
export const minContrast = 4.6

export interface CodeColors {
  /** The code box. */
  background: string
  /** A line `:::code … highlight=` marks. */
  markBackground: string
}

export const codeColors: Record<'light' | 'dark', CodeColors> = {
  light: { background: '#f6f8fa', markBackground: '#fff5c2' },
  dark: { background: '#161b22', markBackground: '#2e2a1a' },
}

/** Shiki theme names, light and dark, as written into each token's `--shiki-light`/`--shiki-dark`. */
export const themeNames = { light: githubLight.name!, dark: githubDark.name! }

/** The two themes with every foreground adjusted to `minContrast` on the box colours of its side. */
export function codeThemes(): ThemeRegistrationRaw[] {
  return [readable(githubLight as ThemeRegistrationRaw, codeColors.light, 'darken'), readable(githubDark as ThemeRegistrationRaw, codeColors.dark, 'lighten')]
}

function readable(theme: ThemeRegistrationRaw, colors: CodeColors, direction: 'darken' | 'lighten'): ThemeRegistrationRaw {
  const fix = (color: string) => readableOn(color, [colors.background, colors.markBackground], direction)
  const editorColors = { ...theme.colors }
  if (editorColors['editor.foreground']) editorColors['editor.foreground'] = fix(editorColors['editor.foreground'])
  editorColors['editor.background'] = colors.background
  return {
    ...theme,
    colors: editorColors,
    // Shiki writes only a token's foreground, never a scope's own background (diff and
    // carriage-return scopes have one), so every foreground must stand on the box alone.
    tokenColors: (theme.tokenColors ?? []).map((rule) =>
      rule.settings.foreground ? { ...rule, settings: { ...rule.settings, foreground: fix(rule.settings.foreground) } } : rule,
    ),
  }
}

/** `color`, mixed towards black or white in small steps until it has `minContrast` on every background. */
export function readableOn(color: string, backgrounds: string[], direction: 'darken' | 'lighten'): string {
  const rgb = parseHex(color)
  if (!rgb) return color
  const target = direction === 'darken' ? [0, 0, 0] : [255, 255, 255]
  for (let step = 0; step <= 20; step++) {
    const mixed = rgb.map((value, index) => Math.round(value + ((target[index]! - value) * step) / 20))
    if (backgrounds.every((background) => contrast(mixed, parseHex(background)!) >= minContrast)) {
      return step === 0 ? color : toHex(mixed)
    }
  }
  return toHex(target)
}

/** WCAG 2 contrast ratio of two sRGB colours. */
export function contrast(a: number[], b: number[]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

function luminance(rgb: number[]): number {
  const [r, g, b] = rgb.map((value) => {
    const channel = value / 255
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** `#rgb`, `#rrggbb` (an alpha part is ignored) → [r, g, b]; undefined for anything else. */
export function parseHex(color: string): number[] | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color.trim())
  if (!match) return undefined
  const hex = match[1]!.length === 3 ? [...match[1]!].map((digit) => digit + digit).join('') : match[1]!.slice(0, 6)
  return [0, 2, 4].map((index) => parseInt(hex.slice(index, index + 2), 16))
}

function toHex(rgb: number[]): string {
  return `#${rgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`
}
