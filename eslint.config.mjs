// Layer rules (see README "Architecture"): the pure core and the shared contract import no Node, Electron,
// DOM or React; the renderer imports no Node; only src/main/electron and src/preload import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'playwright-core'];

const restrict = (extraPaths = [], patterns = []) => ({
  'no-restricted-imports': ['error', { paths: extraPaths, patterns }],
});
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This layer must run without Node.' }));
const noElectron = [{ name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' }];
const noNodePackages = nodeOnlyPackages.map((name) => ({ name, message: 'Node-only package.' }));
const noReact = ['react', 'react-dom', 'react-i18next'].map((name) => ({ name, message: 'The core has no UI.' }));
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'location'].map((name) => ({
  name,
  message: 'The core and the contract run without a DOM.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'nodeIntegration stays off.' },
        { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'contextIsolation stays on.' },
        { selector: "Property[key.name='sandbox'][value.value=false]", message: 'sandbox stays on.' },
        { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'webSecurity stays on.' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**', 'src/shared/**'],
    languageOptions: { globals: {} },
    rules: {
      ...restrict([...noNode, ...noElectron, ...noNodePackages, ...noReact], [
        { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'The core depends on nothing above it.' },
      ]),
      'no-restricted-globals': ['error', ...domGlobals, { name: 'process', message: 'No Node globals in the core.' }],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([...noNode, ...noNodePackages, { name: 'electron', message: 'The renderer reaches Electron only through the preload bridge.', allowTypeImports: true }], [
        { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to the services only through the API client.' },
      ]),
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    rules: restrict(noElectron, [{ group: ['**/renderer/**', '**/preload/**'], message: 'Main does not import UI code.' }]),
  },
  {
    files: ['src/preload/**'],
    rules: restrict([...noNodePackages], [{ group: ['**/main/**', '**/renderer/**', '**/core/**'], message: 'The preload only bridges the shared contract.' }]),
  },
);
