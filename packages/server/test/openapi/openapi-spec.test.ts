import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Harness } from '../api/harness.js';
import { listRoutes } from '../security/support/list-routes.js';
import { METHODS, type Spec, servedSpec } from './support/served-spec.js';

/** The reference page's own routes (Swagger UI's page, assets and its copy of the document): not operations. */
const REFERENCE_UI = new Set([
  'GET /docs',
  'GET /docs/',
  'GET /docs/*',
  'GET /docs/json',
  'GET /docs/yaml',
  'GET /docs/static/index.html',
  'GET /docs/static/swagger-initializer.js',
  'GET /docs/static/theme/favicon.svg',
]);
/** The dashboard's pages, sign-in and page data: hidden from the reference, not a client API. */
const DASHBOARD = /^[A-Z]+ \/(dashboard(\/|\*|$)|$)/;

describe('GET /openapi.json', () => {
  let h: Harness;
  let spec: Spec;
  before(async () => {
    ({ h, spec } = await servedSpec());
  });
  after(async () => h.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(spec.openapi, '3.1.0');
    const result = await new Validator().validate(spec);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2)?.slice(0, 3000));
  });

  it('lists exactly the routes Fastify serves', async () => {
    const served = (await listRoutes(h.app))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => !REFERENCE_UI.has(r) && !DASHBOARD.test(r))
      .sort();
    const documented = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, item]) => METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    assert.deepEqual(documented, served);
  });

  it('gives every operation a summary, a description, a tag, its auth, its errors and an example', () => {
    const tags = new Set((spec.tags as Array<{ name: string }>).map((t) => t.name));
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Spec>>)) {
      for (const method of METHODS.filter((m) => m in item)) {
        const op = item[method];
        const name = `${method.toUpperCase()} ${path}`;
        assert.ok(op.summary?.length > 3, `${name}: summary`);
        assert.ok(op.description?.length > 20, `${name}: description`);
        assert.ok(op.tags?.length === 1 && tags.has(op.tags[0]), `${name}: one declared tag`);
        assert.ok(Array.isArray(op.security), `${name}: security (empty = public)`);
        assert.ok(op['x-codeSamples']?.[0]?.source.startsWith('curl'), `${name}: a curl example`);
        const codes = Object.keys(op.responses);
        assert.ok(
          codes.some((c) => /^2/.test(c)) || (codes.includes('302') && !codes.some((c) => /^[45]/.test(c))),
          `${name}: a success response (a redirect for the consent form)`,
        );
        if (op.security.length > 0) {
          for (const status of ['401', '403', '503'])
            assert.ok(codes.includes(status), `${name}: documents ${status}`);
        }
        for (const status of codes.filter((c) => /^[45]/.test(c))) {
          const media = op.responses[status].content['application/json'];
          assert.equal(
            media.schema.$ref,
            '#/components/schemas/Error',
            `${name} ${status}: RingCentral error shape`,
          );
          for (const [code, example] of Object.entries(media.examples as Record<string, Spec>))
            assert.equal(example.value.errorCode, code, `${name} ${status}: example of ${code}`);
        }
      }
    }
  });

  it('is served as YAML too, and the reference page at /docs', async () => {
    const yaml = await h.app.inject({ method: 'GET', url: '/openapi.yaml' });
    assert.equal(yaml.statusCode, 200);
    assert.match(String(yaml.headers['content-type']), /yaml/);
    assert.match(yaml.body, /^openapi: 3\.1\.0$/m);
    const page = await h.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<script[^>]+src="\.\/static\/swagger-ui-bundle\.js"/);
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(page.body, /https?:\/\/(?!127\.0\.0\.1)/, 'no asset from another origin');
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'; script-src 'self';/);
    const script = await h.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    assert.equal(script.statusCode, 200);
    assert.ok(script.body.length > 100_000, 'the script is shipped, not fetched');
    const shown = await h.app.inject({ method: 'GET', url: '/docs/json' });
    assert.deepEqual(shown.json(), spec, 'the page shows the document /openapi.json serves');
  });
});
