// Preloaded (`node --expose-gc --import`) into a server that a memory test
// starts: on SIGUSR2 it collects garbage and prints the heap in use, so the
// test reads the server's own heap without tolk having a debug endpoint.
process.on('SIGUSR2', () => {
  for (let round = 0; round < 3; round++) globalThis.gc()
  process.stderr.write(`heap-probe ${process.memoryUsage().heapUsed}\n`)
})
