// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');
const globals = require('globals');

/** Node built-ins, with and without the node: prefix, are banned where code must be deterministic. */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Code bundled into workflows (and the pure modules it imports) must be deterministic and I/O-free. */
const deterministic = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: nodeBuiltins.map((name) => ({
        name,
        message: 'Workflow and domain code must not use Node built-ins (non-deterministic / I/O).',
      })),
      patterns: [
        {
          group: ['**/activities/*', '!**/activities/types'],
          message: 'Import activities as types only (proxyActivities).',
          allowTypeImports: true,
        },
        {
          group: [
            '**/db',
            '**/db/*',
            '@prisma/*',
            '**/generated/*',
            'pg',
            'better-sqlite3',
            'express',
            'nodemailer',
            'pino',
            '**/api/*',
            '**/worker/*',
          ],
          message: 'No I/O libraries in workflow or domain code.',
          allowTypeImports: true,
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'process is not available in deterministic code.' },
    { name: 'crypto', message: 'Use workflow uuid4() instead of crypto.' },
    { name: 'fetch', message: 'I/O belongs in activities.' },
    { name: 'setImmediate', message: 'Not deterministic.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'performance', property: 'now', message: 'Not deterministic: use Date.now() (workflow time).' },
  ],
};

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'generated/',
      '.tools/',
      'data/',
      'coverage/',
      'test-artifacts/',
      'web/vendor/',
      '**/*.js',
      '!eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['workflows/**/*.ts', 'domain/**/*.ts', 'contracts/**/*.ts'], rules: deterministic },
  {
    files: ['eslint.config.js'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
