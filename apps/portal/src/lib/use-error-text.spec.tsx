import { describe, expect, it } from '@jest/globals';
import { renderHook } from '@testing-library/react';
import type { FieldIssue } from '@portico/domain';
import type { ReactNode } from 'react';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import { recordingRouter, testQueryClient, TestProviders } from '@/test/render';
import { useFieldIssues } from './use-error-text';

/** What the BFF sends for a new case with a two-letter subject, an unknown priority and a broken rule across fields. */
const DETAILS: FieldIssue[] = [
  {
    path: 'body.subject',
    message: 'Too small: expected string to have >=3 characters',
    rule: 'tooShort',
    limit: 3,
  },
  { path: 'body.priority', message: 'Invalid option: expected one of "low"|"normal"|"high"', rule: 'choice' },
  { path: 'body.from', message: 'from must be before to', rule: 'invalid' },
  { path: 'body.code', message: 'The code is not valid' },
];

function fieldIssuesIn(locale: 'en' | 'de') {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestProviders
      queryClient={testQueryClient()}
      router={recordingRouter()}
      options={{ locale, messages: locale === 'de' ? de : en }}
    >
      {children}
    </TestProviders>
  );
  return renderHook(() => useFieldIssues(), { wrapper }).result.current;
}

describe('useFieldIssues().fromBff', () => {
  it("words the BFF's field issues on a German page by the rule each names, with its bound", () => {
    expect(fieldIssuesIn('de').fromBff(DETAILS)).toEqual([
      { path: 'body.subject', message: 'Mindestens 3 Zeichen' },
      { path: 'body.priority', message: 'Wählen Sie eine der Möglichkeiten' },
      { path: 'body.from', message: 'Dieser Wert ist ungültig' },
      // No rule (an older server, or an issue that is not a schema's): still on its field, as "not valid".
      { path: 'body.code', message: 'Dieser Wert ist ungültig' },
    ]);
  });

  it("keeps the BFF's own sentences on an English page", () => {
    expect(fieldIssuesIn('en').fromBff(DETAILS)).toEqual(
      DETAILS.map(({ path, message }) => ({ path, message })),
    );
  });
});
