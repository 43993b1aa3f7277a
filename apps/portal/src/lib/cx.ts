/** Joins class names, skipping the empty ones: `cx(buttonStyles.button, busy && buttonStyles.small)`. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
