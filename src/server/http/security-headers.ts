import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's standard headers. The content security policy allows inline scripts and styles and
 * https: assets only because Apollo's landing page needs them; the API's own answers are JSON.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'", 'https:'],
        'style-src': ["'self'", "'unsafe-inline'", 'https:'],
        'img-src': ["'self'", 'data:', 'https:'],
        'connect-src': ["'self'", 'https:'],
        'frame-src': ["'self'", 'https:'],
        'manifest-src': ["'self'", 'https:'],
      },
    },
    // Apollo's landing page embeds a sandbox from another origin.
    crossOriginEmbedderPolicy: false,
  });
}
