// Lint rules, including Conn's boundary: only the Electron shell may import 'electron'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronPath = {
  name: 'electron',
  message: "Only src/main/electron/**, src/main/index.ts and src/preload may import 'electron'.",
};
/** no-restricted-imports with the electron rule plus `patterns` (a later block replaces the rule's options whole). */
const restrictImports = (patterns = []) => ({
  'no-restricted-imports': ['error', { paths: [electronPath], patterns }],
});
const noElectron = restrictImports();

// The core's layering (issue 16): services sit under the entry points, lower folders under services.
const servicesLayer = {
  regex: '^\\.\\.(/(invoke|handlers|index))?/?$',
  message: "Services never import invoke, handlers or the core's index (they are above services).",
};
const lowerLayer = {
  regex: '(^|/)services(/|$)',
  message: 'db, report, handoff, reminders, updates and checks never import services/ (services use them).',
};
const lowerFolders = ['db', 'report', 'handoff', 'reminders', 'updates', 'checks'].map((d) => `src/main/core/${d}/**`);

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['src/main/electron/**', 'src/main/index.ts', 'src/preload/**'],
    rules: noElectron,
  },
  { files: ['src/main/core/services/**'], rules: restrictImports([servicesLayer]) },
  { files: lowerFolders, rules: restrictImports([lowerLayer]) },
  {
    files: ['src/renderer/**/*.tsx', 'src/renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
