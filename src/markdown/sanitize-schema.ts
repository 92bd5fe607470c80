/**
 * The raw-HTML allowlist: GitHub's (hast-util-sanitize's default) plus what
 * DocFX content and tolk's own plugins need. Content comes from vendors and
 * machine translation, so no scripts, no event handlers, no `javascript:` or
 * `data:` URLs. Ids are kept unprefixed because DocFX anchors
 * (`<a name="next-step">`) are linked from other pages by their exact name.
 */
import { defaultSchema, type Schema } from 'hast-util-sanitize'
import { alertKinds } from './plugins/remark-docfx-alerts.ts'

const attributes = defaultSchema.attributes ?? {}

export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  attributes: {
    ...attributes,
    div: [
      ...(attributes['div'] ?? []),
      ['className', 'alert', ...alertKinds.map((kind) => `alert-${kind}`)],
      ['role', 'note'],
    ],
    p: [...(attributes['p'] ?? []), ['className', 'alert-title']],
    code: [['className', /^language-[\w-]+$/]],
  },
}
