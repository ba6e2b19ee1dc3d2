// Lint, plus the layering rule of ARCHITECTURE.md: a lib imports only libs below it, never deeply.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const below = {
  protocol: [],
  config: [],
  observability: ['config'],
  storage: ['protocol', 'config', 'observability'],
  queue: ['protocol', 'config', 'observability'],
  http: ['protocol', 'config', 'observability'],
  rooms: ['protocol', 'config', 'observability', 'storage', 'queue'],
  appservice: ['protocol', 'config', 'observability', 'storage', 'queue', 'http', 'rooms'],
  'client-api': ['protocol', 'config', 'observability', 'storage', 'queue', 'http', 'rooms', 'appservice'],
  federation: ['protocol', 'config', 'observability', 'storage', 'queue', 'http', 'rooms'],
  'bridge-kit': ['protocol', 'config', 'observability', 'storage', 'queue'],
};
const all = [
  'protocol',
  'config',
  'observability',
  'storage',
  'queue',
  'rooms',
  'client-api',
  'federation',
  'appservice',
  'media',
  'admin',
  'bridge-kit',
];

const layering = Object.entries(below).map(([lib, allowed]) => ({
  files: [`libs/${lib}/src/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@switchboard/*/src/**', '**/libs/**', '**/apps/**'],
            message: 'Import a lib through its index, never a deep path.',
          },
          ...all
            .filter((l) => l !== lib && !allowed.includes(l))
            .map((l) => ({
              group: [`@switchboard/${l}`, `@switchboard/${l}/*`],
              message: `libs/${lib} may not import libs/${l} (ARCHITECTURE.md, layering).`,
            })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@switchboard/*/src/**', '**/libs/*/src/**'],
              message: 'Import a lib through its index, never a deep path.',
            },
          ],
        },
      ],
    },
  },
  ...layering,
  {
    // Bridges use bridge-kit and their platform's SDK, nothing else of ours (ARCHITECTURE.md).
    files: ['bridges/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@switchboard/*', '!@switchboard/bridge-kit', '**/libs/**', '**/apps/**'],
              message: 'A bridge imports only @switchboard/bridge-kit of ours (ARCHITECTURE.md, layering).',
            },
          ],
        },
      ],
    },
  },
);
