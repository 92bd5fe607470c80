/**
 * The one script of every page, a module (deferred, never render-blocking).
 * It loads each feature whose elements the page has; the article reads the
 * same without it.
 */
import { query } from './dom.ts'
import { features } from './features.ts'

for (const feature of features) {
  if (query(feature.selector)) {
    feature.load().then(
      (module) => module.setup(),
      // A feature that fails to load leaves the page as it is without script.
      () => undefined,
    )
  }
}
