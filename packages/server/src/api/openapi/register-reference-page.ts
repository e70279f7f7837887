import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d4ed8"/><path d="M4 5h8M4 8h8M4 11h5" stroke="#fff" stroke-width="1.6"/></svg>';

/**
 * Sent with every response under `/docs`. Swagger UI's page loads its scripts from files (its
 * settings too, `swagger-initializer.js`), so `script-src 'self'` holds with no inline script, and
 * the browser itself refuses anything from another origin, "Try it out" included (`connect-src`).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * The interactive reference at `/docs`: Swagger UI (@fastify/swagger-ui), its scripts and styles
 * served from this server, nothing from a CDN. It reads the same document as `/openapi.json`
 * (the plugin's own `/docs/json`, which it always loads). Scalar was dropped because every
 * version of it declares Node 22 (docs/decisions.md, "Packaging").
 */
export async function registerReferencePage(app: FastifyInstance): Promise<void> {
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    logLevel: 'warn',
    staticCSP: CONTENT_SECURITY_POLICY,
    theme: {
      title: 'Switchboard API reference',
      // Our own icon, so the tab says which server this is.
      favicon: [
        { filename: 'favicon.svg', rel: 'icon', type: 'image/svg+xml', sizes: 'any', content: FAVICON },
      ],
    },
    uiConfig: {
      // No top bar: its box loads any URL the reader types, and this page documents this server only.
      layout: 'BaseLayout',
      deepLinking: true,
    },
    // No "valid" badge: it asks a validator on the internet about the document.
    validatorUrl: false,
  });
}
