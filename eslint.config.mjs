// Layer rules (see README "Architecture"): the pure core and the shared contract import no Node, Electron,
// DOM or React; the renderer imports no Node; only src/main/electron and src/preload import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'playwright-core'];
/** The three shells in src/main; each may import services, none another shell. */
const shellDirs = ['electron', 'web', 'cli'];
const shellPatterns = (dir) => [`**/main/${dir}/**`, `../${dir}/**`, `../../${dir}/**`, `../../../${dir}/**`];

const restrict = (extraPaths = [], patterns = []) => ({
  'no-restricted-imports': ['error', { paths: extraPaths, patterns }],
});
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This layer must run without Node.' }));
const noElectron = [{ name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' }];
const noNodePackages = nodeOnlyPackages.map((name) => ({ name, message: 'Node-only package.' }));
const noReact = ['react', 'react-dom', 'react-i18next'].map((name) => ({ name, message: 'The core has no UI.' }));
/** Browser pop-ups: Electron implements no window.prompt, and none of them holds the app's focus, language or style. */
const popUps = ['prompt', 'confirm', 'alert'];
const popUpMessage =
  'No browser pop-ups in the renderer: use the Dialog component (src/renderer/components/Dialog.tsx).';
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'location'].map(
  (name) => ({
    name,
    message: 'The core and the contract run without a DOM.',
  }),
);

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
      ...restrict(
        [...noNode, ...noElectron, ...noNodePackages, ...noReact],
        [
          {
            group: ['**/main/**', '**/renderer/**', '**/preload/**'],
            message: 'The core depends on nothing above it.',
          },
        ],
      ),
      'no-restricted-globals': ['error', ...domGlobals, { name: 'process', message: 'No Node globals in the core.' }],
    },
  },
  {
    // The core is the bottom layer: the contract (src/shared) is built on it, never the other way round.
    files: ['src/core/**'],
    rules: restrict(
      [...noNode, ...noElectron, ...noNodePackages, ...noReact],
      [
        { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'The core depends on nothing above it.' },
        {
          group: ['**/shared/**'],
          message:
            'The core depends on nothing above it: the contract in src/shared is built on the core, not the reverse.',
        },
      ],
    ),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-globals': ['error', ...popUps.map((name) => ({ name, message: popUpMessage }))],
      'no-restricted-properties': [
        'error',
        ...popUps.flatMap((property) =>
          ['window', 'globalThis', 'self', 'top', 'parent'].map((object) => ({
            object,
            property,
            message: popUpMessage,
          })),
        ),
      ],
      ...restrict(
        [
          ...noNode,
          ...noNodePackages,
          {
            name: 'electron',
            message: 'The renderer reaches Electron only through the preload bridge.',
            allowTypeImports: true,
          },
        ],
        [
          {
            group: ['**/main/**', '**/preload/**'],
            message: 'The renderer talks to the services only through the API client.',
          },
        ],
      ),
    },
  },
  {
    // Services (everything in src/main but the three shells and the process entry) serve every shell alike.
    files: ['src/main/**'],
    ignores: ['src/main/electron/**', 'src/main/web/**', 'src/main/cli/**', 'src/main/entry.ts'],
    rules: restrict(noElectron, [
      { group: ['**/renderer/**', '**/preload/**'], message: 'Main does not import UI code.' },
      {
        group: shellDirs.flatMap(shellPatterns),
        message: 'A service imports no shell (electron, web, cli): the shells call the services.',
      },
    ]),
  },
  {
    // Migrations are frozen: each gives the same result forever, so none imports live code (only its neighbours).
    files: ['src/main/db/migrations/**'],
    rules: restrict(noElectron, [
      {
        group: ['../*', '../**'],
        message: 'A migration is frozen: it imports no live code (copy what it needs into the migration).',
      },
    ]),
  },
  ...shellDirs.map((shell) => ({
    files: [`src/main/${shell}/**`],
    rules: restrict(shell === 'electron' ? [] : noElectron, [
      { group: ['**/renderer/**', '**/preload/**'], message: 'Main does not import UI code.' },
      {
        group: shellDirs.filter((s) => s !== shell).flatMap(shellPatterns),
        message: `A shell imports no other shell: ${shell} reaches the services only (shared pieces live in src/main/app).`,
      },
    ]),
  })),
  {
    // Features link to screens through navigation/routes; the app shell (app/) composes the features.
    files: ['src/renderer/features/**', 'src/renderer/components/**'],
    rules: restrict(
      [
        ...noNode,
        ...noNodePackages,
        {
          name: 'electron',
          message: 'The renderer reaches Electron only through the preload bridge.',
          allowTypeImports: true,
        },
      ],
      [
        {
          group: ['**/main/**', '**/preload/**'],
          message: 'The renderer talks to the services only through the API client.',
        },
        {
          group: ['**/app/*', '**/app/**'],
          message: 'Features do not import the app shell (router, App): link with navigation/routes.',
        },
      ],
    ),
  },
  {
    files: ['src/preload/**'],
    rules: restrict(
      [...noNodePackages],
      [
        {
          group: ['**/main/**', '**/renderer/**', '**/core/**'],
          message: 'The preload only bridges the shared contract.',
        },
      ],
    ),
  },
);
