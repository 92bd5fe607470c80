/**
 * The one check a `[!VIDEO …]` URL passes before tolk embeds it: `https:`,
 * no user name or password, and a host that is exactly one of `videoHosts`
 * and not the site's own. Both video plugins call it (the remark plugin to
 * report, the rehype plugin again before it writes the iframe), so no path
 * makes an iframe from a URL this function did not accept.
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
  const url = new URL(raw)
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
    return { problem: `Video host \`${host}\` is not in \`videoHosts\`; add it to the config if it is a video player you trust, and the video is left out` }
  }
  return { url: url.href }
}
