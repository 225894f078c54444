import type { Db, EnvironmentReview } from "@atlas/db";
import type { Actor } from "../access/actor.ts";
import { escapeHtml } from "../backup/export.ts";
import { getVisibleReview } from "./review-lifecycle.ts";
import { type ReviewSections, reviewCounts } from "./review-sections.ts";

/** What a customer-ready review document needs: the review, its sections and who it is for and from. */
export interface ReviewDocument {
  review: EnvironmentReview;
  sections: ReviewSections;
  /** The MSP's brand: the workspace's name. */
  workspaceName: string;
  environmentName: string;
}

export async function loadReviewDocument(db: Db, actor: Actor, reviewId: string): Promise<ReviewDocument> {
  const review = await getVisibleReview(db, actor, reviewId);
  const environment = await db.managedEnvironment.findUniqueOrThrow({
    where: { id: review.managedEnvironmentId },
    select: { name: true, workspace: { select: { name: true } } },
  });
  return {
    review,
    sections: review.sections as unknown as ReviewSections,
    workspaceName: environment.workspace.name,
    environmentName: environment.name,
  };
}

const day = (date: Date | string | null) => (date ? new Date(date).toISOString().slice(0, 10) : "");

/** The review period as a reader says it. */
export function reviewPeriod(review: Pick<EnvironmentReview, "periodStart" | "periodEnd">): string {
  return review.periodStart ? `${day(review.periodStart)} to ${day(review.periodEnd)}` : `up to ${day(review.periodEnd)}`;
}

/** One piece of a section, rendered alike by the HTML and the PDF export. */
export type ReviewPart =
  | { kind: "text"; text: string }
  | { kind: "heading"; text: string; note: string }
  | { kind: "table"; headers: string[]; rows: string[][] }
  | { kind: "attention"; items: ReviewSections["attention"] };

export interface ReviewBlock {
  title: string;
  count: number;
  parts: ReviewPart[];
}

const rowsOr = (headers: string[], rows: (string | number)[][]): ReviewPart =>
  rows.length ? { kind: "table", headers, rows: rows.map((row) => row.map(String)) } : { kind: "text", text: "None." };

function changeParts(sections: ReviewSections): ReviewPart[] {
  if (!sections.changes.baselineReviewId)
    return [{ kind: "text", text: "This is the first review: changes are reported from the next one on." }];
  if (sections.changes.policies.length === 0) return [{ kind: "text", text: "Nothing changed since the last published review." }];
  return sections.changes.policies.flatMap((policy): ReviewPart[] => [
    { kind: "heading", text: policy.displayName, note: `${policy.objectType}, ${policy.kind}` },
    ...(policy.settings.length
      ? [
          rowsOr(
            ["Setting", "Change", "Before", "After"],
            policy.settings.map((setting) => [setting.path, setting.kind, setting.before ?? "", setting.after ?? ""]),
          ),
        ]
      : []),
  ]);
}

/** The document's sections in reading order, attention first. */
export function reviewBlocks(document: ReviewDocument): ReviewBlock[] {
  const { sections } = document;
  const counts = Object.fromEntries(reviewCounts(sections).map((entry) => [entry.key, entry.value]));
  const backupIntro = sections.backup.backupSetId
    ? `Backup ${sections.backup.name ?? ""}, completed ${day(sections.backup.completedAt)}.`
    : "No completed backup.";
  return [
    {
      title: "Needs attention",
      count: sections.attention.length,
      parts: sections.attention.length
        ? [{ kind: "attention", items: sections.attention }]
        : [{ kind: "text", text: "Nothing needs attention." }],
    },
    {
      title: "Inventory by type",
      count: counts.inventoryObjects ?? 0,
      parts: [
        rowsOr(
          ["Object type", "In inventory", "In backup"],
          sections.inventory.rows.map((row) => [row.objectType, row.inventory, row.backup]),
        ),
      ],
    },
    {
      title: "Backup coverage",
      count: counts.backupObjects ?? 0,
      parts: [
        { kind: "text", text: backupIntro },
        rowsOr(
          ["Object type", "Provider total", "Captured", "Complete", "Gaps"],
          sections.backup.rows.map((row) => [
            row.objectType,
            row.providerTotal,
            row.captured,
            row.captured >= row.providerTotal && row.gaps.length === 0 ? "yes" : "no",
            row.gaps.map((gap) => `${gap.displayName}: ${gap.message}`).join("; "),
          ]),
        ),
      ],
    },
    { title: "Changes since the last published review", count: counts.changedPolicies ?? 0, parts: changeParts(sections) },
    {
      title: "Restores",
      count: counts.restores ?? 0,
      parts: [
        rowsOr(
          ["Restore", "Status", "Outcome", "Proof"],
          sections.restores.map((restore) => [
            restore.restoreRunId,
            restore.status,
            restore.outcome ?? "",
            restore.proven ? "proven" : "not proven",
          ]),
        ),
      ],
    },
    {
      title: "Operations with proof gaps",
      count: counts.proofGapRuns ?? 0,
      parts: [
        rowsOr(
          ["Run", "Type", "Outcome", "Proof gaps"],
          sections.operations.map((run) => [
            run.runId,
            run.type,
            run.outcome,
            run.gaps.map((gap) => `${gap.code}: ${gap.message}`).join("; "),
          ]),
        ),
      ],
    },
  ];
}

/** Title, brand and period lines every export starts with. */
export function reviewHeading(document: ReviewDocument) {
  return {
    brand: document.workspaceName,
    title: `Environment review: ${document.environmentName}`,
    subtitle: `Period: ${reviewPeriod(document.review)} · Status: ${document.review.status} · Composed: ${day(document.review.composedAt)}`,
    footer: `Review ${document.review.id} · fingerprint ${document.review.fingerprint}`,
  };
}

function partHtml(part: ReviewPart): string {
  switch (part.kind) {
    case "text":
      return `<p>${escapeHtml(part.text)}</p>`;
    case "heading":
      return `<h3>${escapeHtml(part.text)} <small>${escapeHtml(part.note)}</small></h3>`;
    case "attention":
      return `<ul class="attention">${part.items
        .map(
          (item) =>
            `<li class="${escapeHtml(item.severity)}"><strong>${escapeHtml(item.severity)}</strong> ${escapeHtml(item.message)}</li>`,
        )
        .join("")}</ul>`;
    case "table": {
      const head = part.headers.map((header) => `<th>${escapeHtml(header)}</th>`).join("");
      const body = part.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("\n");
      return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
    }
  }
}

/**
 * The review as one self-contained HTML page. Every tenant value (names, setting paths and values,
 * gap messages) is escaped: the document never carries the tenant's markup.
 */
export function renderReviewHtml(document: ReviewDocument): string {
  const heading = reviewHeading(document);
  const blocks = reviewBlocks(document)
    .map((block) => `<section><h2>${escapeHtml(block.title)} (${block.count})</h2>\n${block.parts.map(partHtml).join("\n")}</section>`)
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}header{border-bottom:2px solid #1a1a1a;margin-bottom:1.5rem}.brand{font-size:.9rem;text-transform:uppercase;letter-spacing:.08em;color:#555}table{border-collapse:collapse;width:100%;font-size:.85rem;margin-bottom:1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;word-break:break-word}.attention li.high strong{color:#b00020}.attention li.medium strong{color:#a05a00}footer{margin-top:2rem;font-size:.75rem;color:#555}</style>
</head><body>
<header><div class="brand">${escapeHtml(heading.brand)}</div><h1>${escapeHtml(heading.title)}</h1>
<p>${escapeHtml(heading.subtitle)}</p></header>
${blocks}
<footer>${escapeHtml(heading.footer)}</footer>
</body></html>`;
}
