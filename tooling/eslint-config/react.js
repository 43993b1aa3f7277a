// React preset: the rules of hooks (eslint-plugin-react-hooks, with the React Compiler's checks) and accessibility
// of JSX (eslint-plugin-jsx-a11y). Add after the base preset in a package with React components.
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

export const reactConfig = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrollable table region (role="region" with a label) must take keyboard focus so it can be scrolled
      // without a mouse (axe `scrollable-region-focusable`).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }],
    },
  },
];
