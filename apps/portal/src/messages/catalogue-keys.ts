/** A message catalogue: nested namespaces whose leaves are ICU message strings. */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

/** Every leaf of a catalogue as a dotted key (`shell.nav.billing`), sorted. */
export function catalogueKeys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue)
    .flatMap(([key, value]) =>
      typeof value === 'string' ? [`${prefix}${key}`] : catalogueKeys(value, `${prefix}${key}.`),
    )
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
 * The names of a message's ICU arguments (`{count, plural, ...}`, `{name}`), sorted and unique. A brace at an even
 * nesting depth opens an argument; at an odd depth it opens a case body of a select or plural (`other {...}`), whose
 * text is not an argument even when it is one word (`immediate {immediately}`).
 */
export function messageArguments(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i += 1) {
    const ch = message[i];
    if (ch === '{') {
      if (depth % 2 === 0) {
        const name = /^\s*([A-Za-z_]\w*)/.exec(message.slice(i + 1))?.[1];
        if (name) names.add(name);
      }
      depth += 1;
    } else if (ch === '}') depth -= 1;
  }
  return [...names].sort();
}
