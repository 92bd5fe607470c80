/** The folder of tolk's compiled bundle, made now when missing; undefined when tolk must run from its sources. */
export function compiledTolk(): Promise<string | undefined>
