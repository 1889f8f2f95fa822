import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { readBody, sendJson, type RouteHandler } from '../http/http-server';
import { MAX_GRAPHQL_REQUEST_BYTES } from './request-limits';

/**
 * Apollo Server on plain node:http through its documented integration API
 * (executeHTTPGraphQLRequest), so every service keeps one small HTTP stack.
 */
export function apolloHttpHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (req: IncomingMessage) => Promise<C>,
  options: {
    /** Replaces the request body before Apollo sees it (GET requests: undefined); a GraphQLError thrown refuses the request. */
    rewriteBody?: (body: unknown, method: string) => Promise<unknown>;
  } = {},
): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    let body: unknown;
    if (req.method === 'POST') {
      try {
        const text = await readBody(req, MAX_GRAPHQL_REQUEST_BYTES);
        body = text ? JSON.parse(text) : undefined;
      } catch (err) {
        const status = (err as { status?: number }).status ?? 400;
        return sendJson(res, status, { errors: [{ message: (err as Error).message, extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    if (options.rewriteBody) {
      try {
        body = await options.rewriteBody(body, req.method ?? 'GET');
      } catch (err) {
        if (!(err instanceof GraphQLError)) throw err;
        const { http, ...extensions } = err.extensions as { http?: { status?: number } };
        return sendJson(res, http?.status ?? 400, { errors: [{ message: err.message, extensions }] });
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: () => context(req),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
