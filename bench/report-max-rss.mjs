// Preloaded with `node --import` when /usr/bin/time is missing: on exit, print
// the process's peak resident set size (kilobytes) as the last stderr line.
process.on('exit', () => {
  process.stderr.write(`bench-max-rss-kib ${process.resourceUsage().maxRSS}\n`)
})
