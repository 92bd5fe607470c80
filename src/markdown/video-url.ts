/**
 * The one check a `[!VIDEO …]` or `:::video source="…":::` URL passes before
 * tolk embeds it: `https:`, no user name or password, and a host that is
 * exactly one of `videoHosts` and not the site's own. The URL is first made
 * private as DocFX does (privateVideoUrl), and the host checked is the one
 * embedded. The video plugins call it (the remark plugins to report, the
 * rehype plugin again before it writes the iframe), so no path makes an
 * iframe from a URL this function did not accept.
 */
import { defaultVideoHosts } from '../config/schema.ts'

export interface VideoPolicy {
  /** Host names videos may come from, lower-case (config `videoHosts`). */
  hosts: readonly string[]
  /** The site's own absolute URL (config `siteUrl`); its host never serves a video. */
  siteUrl?: string | undefined
}

export const defaultVideoPolicy: VideoPolicy = { hosts: defaultVideoHosts }

export type VideoUrlCheck = { url: string; problem?: undefined } | { url?: undefined; problem: string }

/**
 * The URL to embed, normalized, or why it is refused. The host is compared as
 * the WHATWG URL parser reads it (lower-case, IDNs as `xn--`, `\` as `/`),
 * which is how the browser will read the iframe's `src`; `url.host` keeps a
 * non-default port, so `youtube.com:8443` is not `youtube.com`.
 * @example checkVideoUrl('https://www.youtube.com/embed/x', defaultVideoPolicy) // => { url: 'https://www.youtube.com/embed/x' }
 * @example checkVideoUrl('https://youtube.com.evil.example/x', defaultVideoPolicy).problem // => 'Video host `youtube.com.evil.example` is not in `videoHosts`; …'
 */
export function checkVideoUrl(raw: string, policy: VideoPolicy): VideoUrlCheck {
  if (!URL.canParse(raw)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^https:/i.test(raw)) return { problem: `Video URL \`${raw}\` must use \`https:\`; the video is left out` }
    return { problem: `Video URL \`${raw}\` is not a valid \`https:\` URL; the video is left out` }
  }
  const written = new URL(raw)
  const url = privateVideoUrl(written)
  if (url.protocol !== 'https:') return { problem: `Video URL \`${raw}\` must use \`https:\`; the video is left out` }
  if (url.hostname === '') return { problem: `Video URL \`${raw}\` is not a valid \`https:\` URL; the video is left out` }
  if (url.username !== '' || url.password !== '') {
    return { problem: `Video URL \`${raw}\` has a user name or password before its host; the video is left out` }
  }
  const host = url.host.toLowerCase()
  if (policy.siteUrl && URL.canParse(policy.siteUrl) && new URL(policy.siteUrl).hostname.toLowerCase() === url.hostname.toLowerCase()) {
    return { problem: `Video URL \`${raw}\` is on this site's own host \`${url.hostname}\`; a video must come from a video player host, and the video is left out` }
  }
  if (!policy.hosts.includes(host)) {
    const rewritten = host === written.host.toLowerCase() ? '' : ` (tolk embeds \`${written.host.toLowerCase()}\` videos from \`${host}\`)`
    return { problem: `Video host \`${host}\` is not in \`videoHosts\`${rewritten}; add it to the config if it is a video player you trust, and the video is left out` }
  }
  return { url: url.href }
}

/** YouTube hosts DocFX moves to youtube-nocookie.com, and `youtu.be` short links. */
const youtubeHosts = new Set(['youtube.com', 'www.youtube.com'])
const privateYoutubeHost = 'www.youtube-nocookie.com'

/**
 * The URL a reader's browser loads without being tracked, as DocFX writes it
 * (QuoteSectionNoteRender.FixUpLink, used by `[!VIDEO]` and `:::video`):
 * YouTube (`youtube.com`, `www.youtube.com`) is embedded from
 * `www.youtube-nocookie.com`, and Channel 9 (`channel9.msdn.com`) gets
 * `nocookie=true`. tolk goes one step further for links that YouTube does not
 * let a page frame: `watch?v=ID` and `youtu.be/ID` become `/embed/ID` (the
 * other query parameters are kept). Other URLs are returned unchanged, and so
 * are URLs already rewritten (it may run twice).
 * @example privateVideoUrl(new URL('https://youtu.be/x1?t=5')).href // => 'https://www.youtube-nocookie.com/embed/x1?t=5'
 */
export function privateVideoUrl(written: URL): URL {
  const url = new URL(written.href)
  const host = url.hostname.toLowerCase()
  if (host === 'channel9.msdn.com') {
    if (url.searchParams.get('nocookie') !== 'true') url.search = url.search === '' || url.search === '?' ? 'nocookie=true' : `${url.search.slice(1)}&nocookie=true`
    return url
  }
  if (host === 'youtu.be' && url.port === '') {
    const id = url.pathname.slice(1)
    if (/^[\w-]+$/.test(id)) {
      url.hostname = privateYoutubeHost
      url.pathname = `/embed/${id}`
    }
    return url
  }
  if (!youtubeHosts.has(host) || url.port !== '') return url
  url.hostname = privateYoutubeHost
  const id = url.searchParams.get('v')
  if (url.pathname === '/watch' && id !== null && /^[\w-]+$/.test(id)) {
    url.searchParams.delete('v')
    url.pathname = `/embed/${id}`
  }
  return url
}
