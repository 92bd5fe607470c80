/**
 * Fence languages as DocFX content writes them (`azurepowershell`, `kql`,
 * `azurecli`, `console` …): the Shiki grammar that colours each, and the
 * label readers see on the code box, as Microsoft Learn shows them.
 */

/** DocFX and Microsoft Learn language names → Shiki's. */
export const shikiAliases: Record<string, string> = {
  azurepowershell: 'powershell',
  'azurepowershell-interactive': 'powershell',
  'powershell-interactive': 'powershell',
  exchangemanagementpowershell: 'powershell',
  posh: 'powershell',
  ps: 'powershell',
  ps1: 'powershell',
  pwsh: 'powershell',
  kql: 'kusto',
  azurecli: 'bash',
  'azurecli-interactive': 'bash',
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  console: 'shellsession',
  cmd: 'bat',
  dos: 'bat',
  'c#': 'csharp',
  cs: 'csharp',
  js: 'javascript',
  ts: 'typescript',
  yml: 'yaml',
  py: 'python',
}

/** Labels that are names (the same in every language). */
const productNames: Record<string, string> = {
  powershell: 'PowerShell',
  azurepowershell: 'Azure PowerShell',
  'azurepowershell-interactive': 'Azure PowerShell',
  'powershell-interactive': 'PowerShell',
  exchangemanagementpowershell: 'PowerShell',
  posh: 'PowerShell',
  ps: 'PowerShell',
  ps1: 'PowerShell',
  pwsh: 'PowerShell',
  kusto: 'KQL',
  kql: 'KQL',
  azurecli: 'Azure CLI',
  'azurecli-interactive': 'Azure CLI',
  bash: 'Bash',
  sh: 'Shell',
  shell: 'Shell',
  zsh: 'Zsh',
  json: 'JSON',
  xml: 'XML',
  html: 'HTML',
  css: 'CSS',
  http: 'HTTP',
  csharp: 'C#',
  'c#': 'C#',
  cs: 'C#',
  javascript: 'JavaScript',
  js: 'JavaScript',
  typescript: 'TypeScript',
  ts: 'TypeScript',
  python: 'Python',
  py: 'Python',
  sql: 'SQL',
  yaml: 'YAML',
  yml: 'YAML',
  ini: 'INI',
  csv: 'CSV',
}

/** Labels that are words, translated like the other UI strings. */
const translatedNames: Record<string, string> = {
  console: 'code.console',
  shellsession: 'code.console',
  output: 'code.output',
  cmd: 'code.commandPrompt',
  dos: 'code.commandPrompt',
  bat: 'code.commandPrompt',
  batch: 'code.commandPrompt',
}

/**
 * The label of a fence language (lower-cased), in the page's language through `t`;
 * undefined for plain text and for languages tolk does not know, whose box has no label.
 */
export function languageLabel(language: string, t: (key: string) => string): string | undefined {
  if (Object.hasOwn(productNames, language)) return productNames[language]
  if (Object.hasOwn(translatedNames, language)) return t(translatedNames[language]!)
  return undefined
}
