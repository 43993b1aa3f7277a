// Next.js preset: @next/eslint-plugin-next's recommended and Core Web Vitals rules. Add after the React preset in a
// Next.js app.
import nextPlugin from '@next/eslint-plugin-next';

export const nextjsConfig = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@next/next': nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
    },
  },
];
