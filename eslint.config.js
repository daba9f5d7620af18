// ESLint (flat config): the recommended JavaScript and typescript-eslint rules everywhere, the
// React hooks rules in the web app. Syntax only (no type information), so it stays fast on a
// small machine; `npm run typecheck` and `typecheck:web` do the type checking. Formatting is
// Prettier's (`.prettierrc.json`), so no rule here is about layout.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a value left unused on purpose (a destructured field dropped, a callback's first argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // `if (x) (where.push(…), params.push(…))` and `ok && list.push(x)` are the codebase's idiom for a branch that only acts.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Control characters in a pattern are the point where they appear: refusing NUL, escape and the C1 range in input.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON answers and fuzz inputs whose shape is the thing under test.
    files: ['test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The browser's own dialogs speak the browser's language, cannot say a refusal and block the page: ui/ActionDialog asks instead.
      'no-restricted-globals': ['error', ...['alert', 'confirm', 'prompt'].map((name) => ({ name, message: 'Ask in the app’s own dialog (ui/ActionDialog).' }))],
      'no-restricted-properties': ['error', ...['alert', 'confirm', 'prompt'].map((property) => ({ object: 'window', property, message: 'Ask in the app’s own dialog (ui/ActionDialog).' }))],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='autoFocus']",
          message: "React's autoFocus focuses before a modal <dialog> opens, so it is lost there: mark the element with ui/Form's FIRST_FOCUS.",
        },
      ],
    },
  },
);
