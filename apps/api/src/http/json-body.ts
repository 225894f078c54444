import type { IncomingMessage, ServerResponse } from "node:http";
import express from "express";
import { GRAPHQL_BODY_LIMIT } from "../operation-limits.ts";

type Done = (error?: unknown) => void;
type BodyParser = (req: IncomingMessage, res: ServerResponse, done: Done) => void;

/** The parser express used for POST /graphql: every charset, compression and size case it knows. */
const expressJson = express.json({ limit: GRAPHQL_BODY_LIMIT }) as unknown as BodyParser;

/** The usual request: plain UTF-8 JSON, its length declared, no compression. */
const PLAIN_JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const PLAIN_LIMIT_BYTES = 1024 * 1024;
/** JSON's whitespace, as body-parser's strict mode skips it before the first character. */
const FIRST_NON_WHITESPACE = /^[ \t\n\r]*([^ \t\n\r])/;

function badRequest(): Error & { status: number } {
  return Object.assign(new Error("The request body is not a JSON object or array."), { status: 400 });
}

/**
 * Parses a POST /graphql body into `req.body` like express.json({ strict: true }), and calls `done`
 * (with an error carrying an HTTP status when the body is refused). A plain UTF-8 JSON body of a
 * declared length up to 1 MB, the request of every client, is read here directly; body-parser's
 * general machinery (content-type and charset parsing, decoder streams) cost more than the rest
 * of such a request's reading. Every other body goes to body-parser, as before.
 */
export function readJsonBody(req: IncomingMessage, res: ServerResponse, done: Done): void {
  const { headers } = req;
  const length = Number(headers["content-length"]);
  const plain =
    headers["content-encoding"] === undefined &&
    headers["transfer-encoding"] === undefined &&
    length > 0 &&
    length <= PLAIN_LIMIT_BYTES &&
    PLAIN_JSON_TYPE.test(headers["content-type"] ?? "");
  if (!plain) {
    expressJson(req, res, done);
    return;
  }
  const chunks: Buffer[] = [];
  let finished = false;
  const finish = (error?: unknown) => {
    if (finished) return;
    finished = true;
    done(error);
  };
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("error", () => finish(badRequest()));
  req.on("aborted", () => finish(badRequest()));
  req.on("end", () => {
    let text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8");
    // body-parser decodes with iconv-lite, which drops a byte order mark.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1];
    if (first !== "{" && first !== "[") return finish(badRequest());
    try {
      (req as IncomingMessage & { body?: unknown }).body = JSON.parse(text);
    } catch {
      return finish(badRequest());
    }
    finish();
  });
}
