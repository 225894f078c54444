import {
  NotFoundError,
  SYSTEM_ACTOR,
  type SecretBox,
  loadBackupSetExport,
  loadReviewDocument,
  renderBackupSetHtml,
  renderReviewHtml,
  renderReviewPdf,
  renderBackupSetMarkdown,
  verifyDownloadPath,
} from "@atlas/core";
import type { Db } from "@atlas/db";
import express, { type Router } from "express";
import { BACKUP_SET_EXPORT_PREFIX, REVIEW_EXPORT_PREFIX, parseExportFile, parseReviewExportFile } from "../export-links.ts";
import type { Logger } from "../logger.ts";

const LINK_PROBLEMS = {
  expired: {
    error: "LINK_EXPIRED",
    message:
      "This download link has expired (links are valid for 5 minutes). Request a new link where you got this one (the backup set or the review).",
  },
  invalid: {
    error: "LINK_INVALID",
    message: "This download link is not valid. Request a new link where you got this one (the backup set or the review).",
  },
} as const;

const CONTENT_TYPES = { md: "text/markdown; charset=utf-8", html: "text/html; charset=utf-8", pdf: "application/pdf" } as const;

/** Path separators would make the browser drop everything before them; control characters break the header. */
function fileNameOf(setName: string, extension: string): string {
  const safe = setName.replace(/[\\/\p{Cc}]/gu, "-").trim() || "backup-set";
  return `${safe}.${extension}`;
}

/** The first value of a query parameter, only when it is a plain string. */
function queryString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * GET /exports/backup-sets/<uuid>.<md|html>?expires=..&sig=.. and /exports/environment-reviews/<uuid>.<html|pdf>?..
 * (the same scheme): the signature is the authorization
 * (it was issued to someone who could see the set), so the set is loaded as the system. Links are
 * bearer credentials: the log gets `req.path`, never the query string that holds the signature.
 */
export function exportRoutes(db: Db, box: SecretBox, logger: Logger): Router {
  const router = express.Router();
  router.get(`${BACKUP_SET_EXPORT_PREFIX}:file`, async (req, res, next) => {
    const requestId = res.locals.requestId as string;
    const logDownload = (status: number, outcome: string) =>
      logger.info("backup set export request", { requestId, method: req.method, path: req.path, status, outcome });
    // Nothing to cache anywhere: the answer depends on a link that expires within minutes.
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Referrer-Policy", "no-referrer");
    const path = `${BACKUP_SET_EXPORT_PREFIX}${req.params.file}`;
    const check = verifyDownloadPath(box, path, queryString(req.query.expires), queryString(req.query.sig));
    if (check !== "valid") {
      logDownload(403, LINK_PROBLEMS[check].error);
      res.status(403).json(LINK_PROBLEMS[check]);
      return;
    }
    const file = parseExportFile(req.params.file);
    try {
      if (!file) throw new NotFoundError("Backup set");
      const { set, objects } = await loadBackupSetExport(db, SYSTEM_ACTOR, file.backupSetId);
      const body =
        file.format === "html"
          ? renderBackupSetHtml(renderBackupSetMarkdown(set, objects), set.name)
          : renderBackupSetMarkdown(set, objects);
      res.attachment(fileNameOf(set.name, file.format));
      res.setHeader("Content-Type", CONTENT_TYPES[file.format]);
      res.setHeader("X-Content-Type-Options", "nosniff");
      // The HTML is the tenant's data served from the API's origin: it may style itself, nothing more.
      if (file.format === "html") res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      logDownload(200, "downloaded");
      res.send(body);
    } catch (error) {
      if (!(error instanceof NotFoundError)) return next(error);
      // A valid link to a set that retention has removed since.
      logDownload(404, "NOT_FOUND");
      res.status(404).json({ error: "NOT_FOUND", message: "The backup set no longer exists." });
    }
  });
  router.get(`${REVIEW_EXPORT_PREFIX}:file`, async (req, res, next) => {
    const requestId = res.locals.requestId as string;
    const logDownload = (status: number, outcome: string) =>
      logger.info("review export request", { requestId, method: req.method, path: req.path, status, outcome });
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Referrer-Policy", "no-referrer");
    const check = verifyDownloadPath(
      box,
      `${REVIEW_EXPORT_PREFIX}${req.params.file}`,
      queryString(req.query.expires),
      queryString(req.query.sig),
    );
    if (check !== "valid") {
      logDownload(403, LINK_PROBLEMS[check].error);
      res.status(403).json(LINK_PROBLEMS[check]);
      return;
    }
    const file = parseReviewExportFile(req.params.file);
    try {
      if (!file) throw new NotFoundError("Review");
      const document = await loadReviewDocument(db, SYSTEM_ACTOR, file.reviewId);
      res.attachment(fileNameOf(`${document.environmentName} review ${document.review.periodEnd.toISOString().slice(0, 10)}`, file.format));
      res.setHeader("Content-Type", CONTENT_TYPES[file.format]);
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      const body = file.format === "pdf" ? await renderReviewPdf(document) : renderReviewHtml(document);
      logDownload(200, "downloaded");
      res.send(body);
    } catch (error) {
      if (!(error instanceof NotFoundError)) return next(error);
      logDownload(404, "NOT_FOUND");
      res.status(404).json({ error: "NOT_FOUND", message: "The review no longer exists." });
    }
  });
  return router;
}
