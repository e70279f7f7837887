import { createHarness, type Harness } from '../../api/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is read field by field
export type Spec = any;

/** A harness and the spec its server serves at /openapi.json. */
export async function servedSpec(): Promise<{ h: Harness; spec: Spec }> {
  const h = await createHarness();
  const answer = await h.app.inject({ method: 'GET', url: '/openapi.json' });
  if (answer.statusCode !== 200) throw new Error(`/openapi.json answered ${answer.statusCode}`);
  return { h, spec: JSON.parse(answer.body) };
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
