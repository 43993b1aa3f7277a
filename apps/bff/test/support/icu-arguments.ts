import { IntlMessageFormat } from 'intl-messageformat';

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/**
 * The ICU argument names (and `<tag>` names) a message uses, sorted, read from intl-messageformat's own parse: two
 * languages' versions of one message must use the same ones.
 */
export function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: AstNode[]) => {
    for (const n of nodes) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 8 tag
      if ([1, 2, 3, 4, 5, 6].includes(n.type) && typeof n.value === 'string') names.add(n.value);
      if (n.type === 8 && typeof n.value === 'string') names.add(`<${n.value}>`);
      for (const option of Object.values(n.options ?? {})) walk(option.value);
      walk(n.children ?? []);
    }
  };
  walk(new IntlMessageFormat(message, 'en').getAst());
  return [...names].sort();
}
