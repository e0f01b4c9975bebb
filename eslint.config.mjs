import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The pure core must never reach VS Code: the boundary is checked here, not remembered.
const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'vscode', message: 'Pure modules must not import vscode: put VS Code code in client/src adapters.' },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '**/.work/**', '.vscode-test/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: [
      'common/**/*.ts',
      'host/**/*.ts',
      'cluster/**/*.ts',
      'server/**/*.ts',
      'cli/**/*.ts',
      'test/unit/**/*.ts',
      'test/lsp/**/*.ts',
      'test/cli/**/*.ts',
      'test/host/**/*.ts',
      'test/cluster/**/*.ts',
      'client/src/**/*Model.ts',
      'client/src/config.ts',
    ],
    rules: noVscode,
  },
);
