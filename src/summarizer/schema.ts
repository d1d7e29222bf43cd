// JSON Schema for SessionSummary, a plain object usable by ajv (any draft: no $schema keyword) and
// by `claude -p --json-schema`. Keep it in step with types.ts; a test checks offline summaries against it.
export const sessionSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['task', 'changedFiles', 'decisions', 'currentState', 'blockers', 'impactOnOtherSessions'],
  properties: {
    task: { type: 'string', maxLength: 300, description: 'One line: the first request, and the latest one when it differs.' },
    changedFiles: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Files this session changed, relative to its working directory when inside it.',
    },
    decisions: {
      type: 'array',
      items: { type: 'string' },
      maxItems: 10,
      description: 'Choices the session made that other sessions should know about.',
    },
    currentState: { type: 'string', maxLength: 600, description: 'Where the session stands now.' },
    blockers: { type: 'array', items: { type: 'string' }, maxItems: 10, description: 'What the session is stuck on, if anything.' },
    impactOnOtherSessions: {
      type: 'string',
      maxLength: 600,
      description: 'How its work may affect other sessions: shared files, package manifests, lockfiles, migrations, git operations.',
    },
  },
} as const;
