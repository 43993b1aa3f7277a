/** A message catalogue: nested namespaces whose leaves are ICU message strings. */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

/** Every leaf of a catalogue as a dotted key (`shell.nav.billing`), sorted. */
export function catalogueKeys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue)
    .flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : catalogueKeys(value, `${prefix}${key}.`)))
    .sort();
}

/** The leaf at a dotted key, or undefined. */
export function catalogueMessage(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * The names of a message's ICU arguments (`{count, plural, ...}`, `{name}`), sorted and unique. Arguments are written
 * without inner spaces, so a case body that is a single word (`yes { shown}`) is not mistaken for one.
 */
export function messageArguments(message: string): string[] {
  const names = new Set<string>();
  for (const m of message.matchAll(/\{([A-Za-z_][\w]*)\s*(?:,|\})/g)) if (m[1]) names.add(m[1]);
  return [...names].sort();
}
