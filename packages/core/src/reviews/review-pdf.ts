import PDFDocument from "pdfkit";
import { type ReviewDocument, type ReviewPart, reviewBlocks, reviewHeading } from "./review-document.ts";

const SEVERITY_COLORS = { high: "#b00020", medium: "#a05a00", info: "#1a1a1a" } as const;

function drawPart(pdf: PDFKit.PDFDocument, part: ReviewPart): void {
  switch (part.kind) {
    case "text":
      pdf.font("Helvetica").fontSize(10).fillColor("#1a1a1a").text(part.text).moveDown(0.5);
      return;
    case "heading":
      pdf.font("Helvetica-Bold").fontSize(11).fillColor("#1a1a1a").text(part.text, { continued: true });
      pdf.font("Helvetica").fontSize(9).fillColor("#555555").text(`  ${part.note}`).moveDown(0.3);
      return;
    case "attention":
      for (const item of part.items) {
        pdf.font("Helvetica-Bold").fontSize(10).fillColor(SEVERITY_COLORS[item.severity]).text(`${item.severity}  `, { continued: true });
        pdf.font("Helvetica").fillColor("#1a1a1a").text(item.message);
      }
      pdf.moveDown(0.5);
      return;
    case "table":
      pdf.font("Helvetica").fontSize(8).fillColor("#1a1a1a");
      pdf.table({
        rowStyles: (row) => (row === 0 ? { backgroundColor: "#eeeeee" } : undefined),
        data: [part.headers.map((text) => ({ text, font: { src: "Helvetica-Bold" } })), ...part.rows],
      });
      pdf.moveDown(0.5);
      return;
  }
}

/**
 * The review as a PDF with pdfkit (pure JavaScript, standard fonts, nothing fetched). Text is laid
 * out, never interpreted, so tenant values cannot become markup; characters outside the standard
 * fonts' WinAnsi set print as replacement glyphs.
 */
export function renderReviewPdf(document: ReviewDocument): Promise<Buffer> {
  const heading = reviewHeading(document);
  const pdf = new PDFDocument({ size: "A4", margin: 48, info: { Title: heading.title, Author: heading.brand } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  pdf.font("Helvetica").fontSize(9).fillColor("#555555").text(heading.brand.toUpperCase(), { characterSpacing: 1 });
  pdf.font("Helvetica-Bold").fontSize(18).fillColor("#1a1a1a").text(heading.title).moveDown(0.2);
  pdf.font("Helvetica").fontSize(10).text(heading.subtitle).moveDown(1);
  for (const block of reviewBlocks(document)) {
    pdf.font("Helvetica-Bold").fontSize(13).fillColor("#1a1a1a").text(`${block.title} (${block.count})`).moveDown(0.3);
    for (const part of block.parts) drawPart(pdf, part);
    pdf.moveDown(0.5);
  }
  pdf.font("Helvetica").fontSize(7).fillColor("#555555").text(heading.footer);
  pdf.end();
  return done;
}
