// typescript-eslint with type information, plus the layering rule of STYLE.md:
// apps never import each other, libs never import apps (only @tongguan/* aliases cross folders).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const APPS = ['declaration', 'inspection', 'logistics-trading', 'port-exchange', 'clearance-monitor'];

const noCrossImports = (forbidden, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local/**', 'coverage/**', 'deploy/local/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  { files: ['libs/**/*.ts'], rules: noCrossImports(['**/apps/**'], 'libs never import apps') },
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: noCrossImports(
      APPS.filter((other) => other !== app)
        .flatMap((other) => [`**/apps/${other}/**`, `**/${other}/src/**`])
        .concat(['../../*/src/**']),
      'apps never import each other: share through libs/ and events',
    ),
  })),
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
