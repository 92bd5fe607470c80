/**
 * The render pool (Tinypool) with stand-in workers: a page's budget counts
 * from the moment its worker begins it, a page over budget is stopped while
 * the others render, and a worker that cannot start fails the run instead of
 * leaving its pages waiting.
 */
import { createHook } from 'node:async_hooks'
import { describe, expect, it } from 'vitest'
import type { ResolvedConfig } from '../../../src/config/schema.ts'
import type { SharedSite } from '../../../src/prepare-site.ts'
import { createRenderPool, type PoolResult } from '../../../src/render/render-pool.ts'

const workers = new URL('../../fixtures/render-workers/', import.meta.url)
const site = { sources: new Map(), site: {}, navs: new Map() } as unknown as SharedSite
const config = (pageTimeout: number) => ({ pageTimeout }) as ResolvedConfig

describe('the render pool', function () {
  it('should time a page from when its worker begins it, and stop only the page over budget', async function () {
    // The workers take 2.5 s to start: counted against the first pages, a 2 s budget would stop them.
    const pool = createRenderPool(config(2), { entry: new URL('slow-start.mjs', workers) })
    const results = new Map<number, PoolResult>()
    try {
      await pool.run(site, [0, 1, 2, 3, 4], 2, (index, result) => void results.set(index, result))
    } finally {
      await pool.close()
    }
    expect([...results.keys()].sort()).toEqual([0, 1, 2, 3, 4])
    expect(results.get(1)).toEqual({ timedOut: true })
    for (const index of [0, 2, 3, 4]) expect(results.get(index)).toMatchObject({ html: `<p>page ${index}</p>`, messages: [] })
  }, 60_000)

  it('should stop only the page whose worker runs out of memory, and render the rest on a fresh worker', async function () {
    const pool = createRenderPool(config(120), { entry: new URL('greedy-page.mjs', workers), heapMb: 64 })
    const results = new Map<number, PoolResult>()
    try {
      await pool.run(site, [0, 1, 2, 3, 4, 5], 2, (index, result) => void results.set(index, result))
    } finally {
      await pool.close()
    }
    expect([...results.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5])
    expect(results.get(2)).toEqual({ outOfMemory: true })
    for (const index of [0, 1, 3, 4, 5]) expect(results.get(index)).toMatchObject({ html: `<p>page ${index}</p>`, messages: [] })
  }, 60_000)

  it('should start no more workers than pages it renders at once, while its workers are slow to start', async function () {
    // Tinypool starts another worker for a page handed over while no worker is ready and idle: with the warm
    // worker taking the first pages while the others start, each page handed over started one more.
    let workersMade = 0
    const hook = createHook({ init: (_id, type) => void (type === 'WORKER' && workersMade++) })
    const pages = Array.from({ length: 60 }, (_, index) => index)
    hook.enable()
    try {
      for (const threads of [1, 2]) {
        workersMade = 0
        const pool = createRenderPool(config(120), { entry: new URL('counted-start.mjs', workers) })
        pool.warm(site)
        const taken: number[] = []
        try {
          // The warm worker is ready when the run begins, as after a build's cache lookup.
          await new Promise((resolve) => setTimeout(resolve, 1500))
          await pool.run(site, pages, threads, (index) => void taken.push(index))
        } finally {
          await pool.close()
        }
        expect(taken.sort((a, b) => a - b)).toEqual(pages)
        expect(workersMade, `${threads} at once`).toBe(threads)
      }
    } finally {
      hook.disable()
    }
  }, 60_000)

  it('should fail the run with the error of a worker that cannot start', async function () {
    for (const warm of [false, true]) {
      const pool = createRenderPool(config(120), { entry: new URL('failing-start.mjs', workers) })
      if (warm) pool.warm(site)
      const taken: number[] = []
      try {
        await expect(pool.run(site, [0, 1, 2], 2, (index) => void taken.push(index))).rejects.toThrow('this worker cannot start')
      } finally {
        await pool.close()
      }
      expect(taken).toEqual([])
    }
  }, 60_000)

  it('should close while a worker that cannot start is failing, without an uncaught error', async function () {
    const uncaught: unknown[] = []
    const onUncaught = (error: unknown): void => void uncaught.push(error)
    process.on('uncaughtException', onUncaught)
    try {
      const failed = new SharedArrayBuffer(4)
      const pool = createRenderPool(config(120), { entry: new URL('failed-start-signal.mjs', workers) })
      pool.warm({ ...site, failed } as unknown as SharedSite)
      // Block this thread until the worker has failed and its error is on its way, then end the pool before the error arrives.
      expect(Atomics.wait(new Int32Array(failed), 0, 0, 30_000)).toBe('ok')
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300)
      await pool.close()
      await new Promise((resolve) => setTimeout(resolve, 200))
    } finally {
      process.off('uncaughtException', onUncaught)
    }
    expect(uncaught).toEqual([])
  }, 60_000)
})
