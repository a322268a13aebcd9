// Lint that means it: typed-unsafe escapes are errors, and the architecture's boundaries are rules.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', 'coverage/**', '**/*.har', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render untrusted values as text.' },
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Render untrusted values as text.' },
      ],
    },
  },
  {
    // One door to browser APIs: only src/platform/ imports the polyfill.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'webextension-polyfill', message: 'Import from src/platform/browser.ts.' }] }],
    },
  },
  {
    // The door does not know the house: src/platform/ imports from src/shared/ only.
    files: ['src/platform/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../background/**', '../panel/**', '../devtools/**'], message: 'src/platform is the door: it imports from src/shared only.' }] }],
    },
  },
  {
    // src/shared is pure: it runs unchanged in the worker, the panel, the CLI and node tests.
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'src/shared is pure: no browser APIs.' },
        { name: 'browser', message: 'src/shared is pure: no browser APIs.' },
        { name: 'document', message: 'src/shared is pure: no DOM.' },
        { name: 'window', message: 'src/shared is pure: no DOM.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'webextension-polyfill', message: 'src/shared is pure: no browser APIs.' }],
          patterns: [{ group: ['node:*'], message: 'src/shared is pure: no node built-ins.' }],
        },
      ],
    },
  },
);
