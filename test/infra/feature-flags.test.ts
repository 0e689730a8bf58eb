import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const cdkJson = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'cdk.json'), 'utf8'));
// The flags `cdk init` writes into a new app's cdk.json for the installed aws-cdk-lib.
const recommended: Record<string, unknown> = createRequire(import.meta.url)(
  'aws-cdk-lib/recommended-feature-flags.json',
);

describe('feature flags', () => {
  it('sets every flag aws-cdk-lib recommends for a new app, at its recommended value', () => {
    // Prepare
    const context: Record<string, unknown> = cdkJson.context;

    // Act
    const differing = Object.entries(recommended)
      .filter(([flag, value]) => JSON.stringify(context[flag]) !== JSON.stringify(value))
      .map(([flag]) => flag);

    // Assess
    expect(Object.keys(recommended).length).toBeGreaterThan(50);
    expect(differing).toEqual([]);
  });
});
