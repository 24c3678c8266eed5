import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's standard headers with a content security policy that allows only this origin: the
 * explorer and the IDE are bundled and served from here, so nothing needs another site. Inline
 * styles stay allowed because GraphiQL's editor and the IDE page set style attributes.
 * `upgrade-insecure-requests` is dropped: served over plain HTTP on a LAN (no TLS proxy), it would
 * make the browser fetch the page's own assets over https and fail.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
        'script-src-attr': ["'none'"],
      },
    },
  });
}
