import { defineConfig } from 'tolk'

export default defineConfig({
  siteUrl: 'https://ir-guide.example.org',
  base: '/',
  // The guide's own title and footer; tolk's built-in strings give the rest.
  uiStringsDir: 'site-strings',
  defaultLocale: 'en-us',
  locales: {
    'en-us': {},
    'da-dk': {},
    'nl-nl': {},
    // Right to left: dir is derived from the language.
    'ar-sa': {},
  },
})
