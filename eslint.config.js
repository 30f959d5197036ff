import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ADAPTER_PACKAGES = {
  group: ['@tsmodel/adapter-*', '@tsmodel/adapter-*/**'],
  message: 'core receives adapters as plugins; it never imports an adapter package',
};
const DRIVERS = ['pg', 'snowflake-sdk', '@duckdb/node-api'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'target/**', '**/target/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Relation markers are control characters on purpose (templating/relation-placeholder.ts).
      'no-control-regex': 'off',
      // `import * as z` lets esbuild keep only the schemas used; the `z` export is all of zod
      // with every locale (+530 KB in the bundle, ~15 ms on the start of every command).
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier, ImportDefaultSpecifier)",
          message: "import * as z from 'zod'",
        },
      ],
    },
  },
  {
    // Core is handed adapters as plugins (adapter/plugin.ts); it never imports an adapter
    // package, nor (outside tests) a driver, so adding a warehouse never touches core.
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [ADAPTER_PACKAGES] }],
    },
  },
  {
    files: ['packages/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ADAPTER_PACKAGES,
            { group: DRIVERS, message: 'drivers belong to adapter packages' },
          ],
        },
      ],
    },
  },
);
