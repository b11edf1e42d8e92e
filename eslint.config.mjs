// typescript-eslint with type information, plus the layering rule of STYLE.md:
// apps never import each other, libs never import apps (only @tongguan/* aliases cross folders).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const APPS = ['declaration', 'inspection', 'logistics-trading', 'port-exchange', 'clearance-monitor'];

const noCrossImports = (forbidden, message, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns: [{ group: forbidden, message }] }],
});

// Kafka is reached only through libs/messaging, the store only through libs/persistence and each
// aggregate's repository (plus the schemas and the modules that register them).
const KAFKA_ONLY_IN_MESSAGING = {
  name: 'kafkajs',
  message: 'use @tongguan/messaging (publisher, @OnEvent handlers, createKafka)',
};
const STORE_ONLY_IN_REPOSITORIES = ['mongoose', '@nestjs/mongoose'].map((name) => ({
  name,
  message:
    "the store is reached through the aggregate's repository (*.repository.ts) and @tongguan/persistence",
}));
const STORE_FILES = ['**/*.repository.ts', '**/*.schema.ts', '**/*.module.ts', '**/test/**'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.local/**', '.cache/**', 'coverage/**', 'deploy/local/**/*.js'],
  },
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
  ...[...APPS, 'simulator'].flatMap((app) => {
    const crossImports = APPS.filter((other) => other !== app)
      .flatMap((other) => [`**/apps/${other}/**`, `**/${other}/src/**`])
      .concat(['../../*/src/**']);
    const message = 'apps never import each other: share through libs/ and events';
    return [
      {
        files: [`apps/${app}/**/*.ts`],
        rules: noCrossImports(crossImports, message, [
          KAFKA_ONLY_IN_MESSAGING,
          ...STORE_ONLY_IN_REPOSITORIES,
        ]),
      },
      {
        files: STORE_FILES.map((pattern) => `apps/${app}/${pattern}`),
        rules: noCrossImports(crossImports, message, [KAFKA_ONLY_IN_MESSAGING]),
      },
    ];
  }),
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
  {
    files: ['bench/**/*.spec.js'],
    languageOptions: { globals: { describe: 'readonly', it: 'readonly', expect: 'readonly' } },
  },
  prettier,
);
