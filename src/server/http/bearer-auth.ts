import type { RequestHandler } from 'express';
import { type JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose';
import type { JwtConfig } from '../../config.ts';
import { ErrorCode } from '../../errors.ts';
import { errorBody } from './json-errors.ts';

/**
 * Requires `Authorization: Bearer <JWT>` verified against the shared secret (HS256/384/512) or
 * the JWKS (asymmetric keys), with issuer and audience checked when configured. The token's
 * claims are not used further: access is all or nothing, for deployments that are not public.
 */
export function bearerAuth(config: JwtConfig): RequestHandler {
  const key: Uint8Array | JWTVerifyGetKey =
    config.secret !== undefined ? new TextEncoder().encode(config.secret) : createRemoteJWKSet(new URL(config.jwksUrl ?? ''));
  const algorithms = config.secret !== undefined ? ['HS256', 'HS384', 'HS512'] : undefined;
  return async (request, response, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) {
      response.status(401).set('WWW-Authenticate', 'Bearer').json(errorBody('A bearer token is required.', ErrorCode.UNAUTHENTICATED));
      return;
    }
    try {
      const options = { issuer: config.issuer, audience: config.audience, algorithms };
      if (key instanceof Uint8Array) await jwtVerify(match[1], key, options);
      else await jwtVerify(match[1], key, options);
      next();
    } catch {
      response
        .status(401)
        .set('WWW-Authenticate', 'Bearer error="invalid_token"')
        .json(errorBody('The bearer token is not valid.', ErrorCode.UNAUTHENTICATED));
    }
  };
}
