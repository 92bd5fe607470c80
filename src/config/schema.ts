/**
 * The site configuration: one zod schema that is the documentation, the
 * defaults and the types at once (the Starlight model).
 */
// The namespace import lets esbuild drop what tolk never calls (Zod's 40 locales of error messages, JSON
// Schema conversion): 753 KB of the compiled bundle became 193 KB, about 38 ms off every start of tolk
// and of each render worker (bin/compiled-tolk.js).
import * as z from 'zod'
import { ruleSettingProblem, type RuleSettings } from '../diagnostics/rule-settings.ts'

/** A locale code as used in URLs and folder names, e.g. `da-dk`. */
const localeCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'expected a lower-case BCP 47 code like `da-dk`')

/** True for a well-formed BCP 47 tag (what `Intl` accepts). */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1
  } catch {
    return false
  }
}

const localeSchema = z
  .object({
    /** Content root of this locale, relative to the config file (default: `content/<code>`). */
    root: z.string().min(1).optional(),
    /** BCP 47 language tag for `<html lang>` (default: from the code, `da-dk` → `da-DK`). */
    lang: z
      .string()
      .refine(isLanguageTag, 'expected a BCP 47 language tag, like `da-DK`')
      .optional(),
    /** Text direction (default: `rtl` for Arabic, Hebrew, Persian, Urdu; else `ltr`). */
    dir: z.enum(['ltr', 'rtl']).optional(),
  })
  .strict()

/**
 * Video players `[!VIDEO …]` embeds by default: YouTube and its no-cookie
 * twin, Vimeo's player, and the hosts Microsoft's documentation embeds from
 * (`www.microsoft.com/…/videoplayer/embed/…` on nearly every page that has a
 * video, the Office video CDN, Microsoft Learn's and Channel 9's players).
 * Link shorteners like `aka.ms` are not listed: a redirect would make the
 * host check meaningless.
 */
export const defaultVideoHosts = [
  'www.youtube-nocookie.com',
  'youtube-nocookie.com',
  'www.youtube.com',
  'youtube.com',
  'player.vimeo.com',
  'www.microsoft.com',
  'videoplayercdn.osi.office.net',
  'learn-video.azurefd.net',
  'channel9.msdn.com',
] as const

/**
 * A DNS host name as a URL parser writes it: ASCII letters, digits and
 * hyphens, at least two labels, no port. An IP address or a single-label name
 * like `localhost` is not a video player; an IDN is written in its `xn--` form.
 */
const videoHost = z
  .string()
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i,
    'expected a host name like `www.youtube-nocookie.com` (no scheme, port, path or IP address)',
  )
  .transform((host) => host.toLowerCase())

export const configSchema = z
  .object({
    /** Absolute URL the site is published at, used for canonical links (default: none). */
    siteUrl: z
      .url({ protocol: /^https?$/ })
      // Canonical, hreflang and sitemap URLs start with it: a host, no query or fragment (see links/url-policy.ts).
      .regex(/^https?:\/\/[^/?#\\\s]+(\/[^?#\\\s]*)?$/i, 'expected an http(s) URL with a host and no query or fragment, like `https://docs.example.org`')
      .optional(),
    /** URL path the site is served under, with leading and trailing slash (default: `/`). */
    base: z
      .string()
      .regex(/^\/([^/?#]+\/)*$/, 'expected a path with leading and trailing slash, like `/docs/`')
      .default('/'),
    /** Locales in switcher order; keys are locale codes. */
    locales: z
      .record(localeCode, localeSchema)
      .refine((locales) => Object.keys(locales).length > 0, 'expected at least one locale'),
    /** The locale translations are made from; must be a key of `locales`. */
    defaultLocale: localeCode,
    /** Output folder, relative to the config file (default: `dist`). */
    outDir: z.string().min(1).default('dist'),
    /** Page templates folder (default: `templates`). */
    templatesDir: z.string().min(1).default('templates'),
    /**
     * The site's UI strings folder, holding `<locale>.json` with only the
     * strings it changes, like `site.title` and `footer.text`; tolk's own
     * fill the rest, and a missing folder or file is fine (default: `locales`).
     */
    uiStringsDir: z.string().min(1).default('locales'),
    /**
     * Root-relative link prefixes that live outside this build, mapped to a URL
     * template; `{locale}` becomes the page's locale code. Example:
     * `{'/azure/': 'https://learn.microsoft.com/{locale}/azure/'}` (default: none).
     */
    externalRoots: z
      .record(z.string().regex(/^\/([^/]+\/)*$/, 'expected a root-relative prefix like `/azure/`'), z.string().regex(/^https?:\/\//, 'expected an http(s) URL template'))
      .default({}),
    /** Link prefixes that are never resolved or checked, like `/api/` (default: none). */
    ignoreLinks: z.array(z.string().min(1)).default([]),
    /**
     * DocFX redirection file, relative to the config file (default:
     * `.openpublishing.redirection.json` beside the default locale's content root, when present).
     */
    redirectionFile: z.string().min(1).optional(),
    /**
     * What readers of locale L get for an article only the default locale has:
     * `page` (default) builds `/L/…` in L's chrome with the default-locale text
     * and a notice; `none` builds nothing and links go to the default locale's page.
     */
    fallback: z.enum(['page', 'none']).default('page'),
    /**
     * DocFX moniker to build, like `o365-worldwide`: content of `::: moniker
     * range` blocks for other monikers is left out (default: none; every
     * block is shown, with a warning).
     */
    moniker: z.string().min(1).optional(),
    /** Deepest include nesting before it is treated as runaway (default: `8`). */
    maxIncludeDepth: z.number().int().min(1).max(64).default(8),
    /**
     * Hosts a `[!VIDEO …]` may embed from, matched exactly (no subdomains);
     * never the site's own host (default: YouTube (nocookie), Vimeo's player
     * and Microsoft's video hosts, see `defaultVideoHosts`).
     */
    videoHosts: z.array(videoHost).default([...defaultVideoHosts]),
    /**
     * Largest file tolk reads (article, include, TOC, redirection file, UI
     * strings, template), in bytes; a larger one is a `content-too-large`
     * error and is never read (default: 4 MiB).
     */
    maxFileSize: z.number().int().min(1024).default(4 * 1024 * 1024),
    /**
     * Seconds one page may take to render before it is stopped and reported
     * as `render-timeout`; the build goes on with the other pages (default:
     * `120`; `0` turns the watchdog off). The largest real article known
     * (480 KB) takes about 13 s; known micromark worst cases take many minutes.
     */
    pageTimeout: z.number().min(0).max(3600).default(120),
    /**
     * Severity per rule id, the way linters do it: `error`, `warning` or
     * `off` (dropped, not counted), like `{ 'missing-asset': 'warning',
     * 'orphan-page': 'off' }`; `--rule id=setting` applies after it. Rules
     * that guard the site's integrity (broken include, invalid front matter,
     * path escape, …) can be raised but never lowered (default: each rule's
     * own severity, see the rule table).
     */
    rules: z
      .record(z.string(), z.unknown())
      .superRefine((settings, context) => {
        for (const [id, setting] of Object.entries(settings)) {
          const problem = ruleSettingProblem(id, setting)
          if (problem) context.addIssue({ code: 'custom', path: [id], message: problem })
        }
      })
      .transform((settings) => settings as RuleSettings)
      .default({}),
    /**
     * DocFX cross-reference maps (`xrefmap.yml`) whose uids `xref:` links,
     * `<xref:…>` and `@uid` may name: paths relative to the config file, or
     * `http(s)` URLs fetched at build time and kept in `xrefCacheDir` (a map
     * that cannot be fetched is read from there, with a warning). The site's
     * own `uid`s come first (default: none).
     */
    xrefMaps: z
      .array(z.string().min(1).refine((entry) => !/^[a-z][a-z0-9+.-]*:/i.test(entry) || /^https?:\/\/[^/]/i.test(entry), 'expected a local path or an http(s) URL'))
      .default([]),
    /** Folder fetched `xrefMaps` are cached in, relative to the config file (default: `node_modules/.cache/tolk/xref`). */
    xrefCacheDir: z.string().min(1).default('node_modules/.cache/tolk/xref'),
    /**
     * Folder of the persistent build cache, relative to the config file: a
     * rebuild renders only pages whose inputs changed. Keep it between CI runs
     * to make those fast; `false` turns it off (default: `node_modules/.cache/tolk`).
     */
    cacheDir: z.union([z.string().min(1), z.literal(false)]).default('node_modules/.cache/tolk'),
    /** Seconds one `xrefMaps` URL may take to fetch (default: `30`). */
    xrefMapTimeout: z.number().min(1).max(600).default(30),
  })
  .strict()
  .superRefine((config, context) => {
    if (Object.keys(config.locales).length > 0 && !(config.defaultLocale in config.locales)) {
      context.addIssue({
        code: 'custom',
        path: ['defaultLocale'],
        message: `unknown locale \`${config.defaultLocale}\`; expected one of ${Object.keys(config.locales)
          .map((code) => `\`${code}\``)
          .join(', ')}`,
      })
    }
  })

/**
 * What a config file exports. `rules` is checked by hand (for "did you mean"
 * and locked rules), so its type is given here for editors to complete ids.
 */
export type UserConfig = Omit<z.input<typeof configSchema>, 'rules'> & { rules?: RuleSettings }
export type ParsedConfig = z.output<typeof configSchema>

export interface ResolvedLocale {
  code: string
  /** Absolute content root. */
  root: string
  lang: string
  dir: 'ltr' | 'rtl'
  /**
   * The locale's own DocFX redirection file (`.openpublishing.redirection.json`
   * in its content root), for every locale but the default one, whose file is
   * `ResolvedConfig.redirectionFile`; `undefined` when there is none.
   */
  redirectionFile?: string | undefined
}

/** What the stages receive: absolute paths, defaults filled, locales in order. */
export interface ResolvedConfig {
  /** Absolute folder the relative paths were resolved against. */
  configDir: string
  /** The config file, or `undefined` when built from flags alone. */
  configFile: string | undefined
  siteUrl: string | undefined
  base: string
  locales: ResolvedLocale[]
  defaultLocale: string
  outDir: string
  templatesDir: string
  /** The site's own UI strings folder; `undefined` when built from flags alone (tolk's strings only). */
  uiStringsDir: string | undefined
  maxIncludeDepth: number
  fallback: 'page' | 'none'
  moniker: string | undefined
  externalRoots: Record<string, string>
  ignoreLinks: string[]
  /** Absolute path of the redirection file, or `undefined` when there is none. */
  redirectionFile: string | undefined
  /** Hosts `[!VIDEO …]` may embed from, lower-case. */
  videoHosts: string[]
  /** Largest file read, in bytes. */
  maxFileSize: number
  /** Seconds a page may take to render; `0`: no limit. */
  pageTimeout: number
  /** Severities the site set, config then `--rule`; a rule not named keeps its own. */
  rules: RuleSettings
  /** External xref maps: absolute paths, or `http(s)` URLs as written. */
  xrefMaps: string[]
  /** Absolute folder fetched xref maps are cached in. */
  xrefCacheDir: string
  /** Seconds one xref map URL may take to fetch. */
  xrefMapTimeout: number
  /** Absolute folder of the persistent build cache; `undefined`: no cache. */
  cacheDir?: string | undefined
}
