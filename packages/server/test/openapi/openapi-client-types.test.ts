import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import type { Harness } from '../api/harness.js';
import { servedSpec } from './support/served-spec.js';

/** A small client a user would write against the generated types. */
const CLIENT = `
import type { paths } from './switchboard.js';

type Page = paths['/v1/deliveries']['get']['responses']['200']['content']['application/json'];
type Query = NonNullable<paths['/v1/deliveries']['get']['parameters']['query']>;
type Created = paths['/restapi/v1.0/subscription']['post']['responses']['200']['content']['application/json'];
type CreateBody = NonNullable<paths['/restapi/v1.0/subscription']['post']['requestBody']>['content']['application/json'];
type Failure = paths['/v1/deliveries']['get']['responses']['400']['content']['application/json'];

export async function deadDeliveries(base: string, token: string): Promise<string[]> {
  const query: Query = { state: 'dead', perPage: '100' };
  const res = await fetch(\`\${base}/v1/deliveries?\${new URLSearchParams(query as Record<string, string>)}\`, {
    headers: { authorization: \`Bearer \${token}\` },
  });
  if (!res.ok) {
    const failure = (await res.json()) as Failure;
    throw new Error(\`\${failure.errorCode}: \${failure.errors[0]?.message ?? failure.message}\`);
  }
  const page = (await res.json()) as Page;
  const next: string | undefined = page.navigation.nextPageToken;
  return page.records.map((d) => \`\${d.id} \${d.state} \${d.lastStatus ?? '-'} \${next ?? ''}\`);
}

export const body: CreateBody = {
  eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
  deliveryMode: { transportType: 'WebHook', address: 'https://example.com/hook' },
};
export const expires = (s: Created): string => s.expirationTime;
`;

/** The same client with a mistake the types must catch. */
const WRONG = `
import type { paths } from './switchboard.js';
type Page = paths['/v1/deliveries']['get']['responses']['200']['content']['application/json'];
export const wrong = (page: Page): number => page.records[0]?.nonexistentField;
`;

function typecheck(dir: string, file: string): string[] {
  const program = ts.createProgram([join(dir, file)], {
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('types generated from /openapi.json (openapi-typescript)', () => {
  let h: Harness;
  let dir: string;
  before(async () => {
    const served = await servedSpec();
    h = served.h;
    dir = mkdtempSync(join(tmpdir(), 'switchboard-openapi-types-'));
    writeFileSync(join(dir, 'switchboard.ts'), astToString(await openapiTS(served.spec)));
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(join(dir, 'wrong.ts'), WRONG);
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('typecheck a small client under strict TypeScript', () => {
    assert.deepEqual(typecheck(dir, 'client.ts'), []);
  });

  it('and catch a client that reads a field the API does not have', () => {
    const errors = typecheck(dir, 'wrong.ts');
    assert.ok(
      errors.some((e) => e.includes('nonexistentField')),
      errors.join('\n'),
    );
  });
});
