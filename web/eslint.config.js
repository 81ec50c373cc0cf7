// The SPA's lint: typescript-eslint (type-aware), the rules of hooks, accessibility, and the import boundaries
// of the layout (web/src: app/ composes features; a feature reaches another only through its index.ts;
// components/, hooks/ and lib/ are shared by all and import no feature and not the app).
import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const noApp = { group: ['@/app', '@/app/*'], message: 'Only app/ composes the app; import from a feature instead.' }
const noFeatures = {
  group: ['@/features', '@/features/*'],
  message: 'Shared code (components, hooks, lib) must not depend on a feature.',
}
const noFeatureInternals = {
  regex: String.raw`^@/features/[^/]+/(?!index\.ts$).+`,
  message: "Use the other feature's public index.ts (features/<name>/index.ts), not its internals.",
}
const noEscapingFeature = {
  regex: String.raw`^(\.\./){2,}`,
  message: 'Leave the feature through an alias (@/components, @/lib, @/features/<name>/index.ts).',
}

export default tseslint.config(
  { ignores: ['dist/', 'e2e/', '*.config.ts', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  reactHooks.configs.flat['recommended-latest'] ?? reactHooks.configs['recommended-latest'],
  jsxA11y.flatConfigs.recommended,
  {
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // react-hook-form's handleSubmit and react-query's callbacks are promise-returning event handlers.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Our autofocus is only on the first field of single-purpose pages (sign-in, sign-up, onboarding),
      // where it is where every user starts; nothing precedes it that a screen reader would skip.
      'jsx-a11y/no-autofocus': 'off',
    },
  },
  {
    files: ['src/features/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApp, noFeatureInternals, noEscapingFeature] }] },
  },
  {
    files: ['src/components/**', 'src/hooks/**', 'src/lib/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApp, noFeatures] }] },
  },
  {
    files: ['src/**/*.test.{ts,tsx}', 'src/testing/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Stand-ins for async callbacks (onSave…) resolve at once.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
)
