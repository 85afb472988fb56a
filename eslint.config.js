import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import omnitill from './tools/eslint/layers.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'central/node_modules/**', 'central/dist/**', 'central/.e2e-dist-*/**', 'release/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { omnitill },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'omnitill/layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
      // The till database is encrypted at rest: plain better-sqlite3 cannot read it.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'better-sqlite3',
              message: 'the till database is encrypted: open it with openTillDatabase (electron/backend/db.ts), or rawTillDatabase (test/helpers/tillDb.ts) in tests and benchmarks',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}', 'central/console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Tests read JSON answers loosely; central's own tests live in central/test.
    files: ['test/**', 'bench/**', 'central/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
