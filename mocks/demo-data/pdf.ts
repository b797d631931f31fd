/**
 * A one-page invoice PDF built by hand: real PDF syntax (objects, a text stream, a cross-reference
 * table with exact byte offsets) so that viewers open it, in a few hundred bytes and no library.
 */
import type { Invoice } from '../../src/lib/api/schemas'
import { formatMoney } from './money'

/** The built-in Helvetica font speaks Latin-1 at best: drop accents, replace anything else. */
function pdfText(value: string): string {
  const ascii = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[→]/g, '->')
    .replace(/[^\x20-\x7e]/g, '?')
  return ascii.replace(/[\\()]/g, (char) => `\\${char}`)
}

function invoiceLines(invoice: Invoice): string[] {
  return [
    `Invoice ${invoice.number}`,
    `Issued ${invoice.issuedAt}   Due ${invoice.dueAt}   Status ${invoice.status}`,
    '',
    `Billed to: ${invoice.billedTo.name}`,
    ...invoice.billedTo.address,
    '',
    ...invoice.lines.map(
      (line) => `${line.description}   ${line.quantity} x ${formatMoney(line.unitPrice)} = ${formatMoney(line.amount)}`,
    ),
    '',
    `Subtotal ${formatMoney(invoice.subtotal)}`,
    `Tax ${formatMoney(invoice.tax)}`,
    `Total ${formatMoney(invoice.total)}`,
  ]
}

export function invoicePdf(invoice: Invoice): Uint8Array<ArrayBuffer> {
  const text = invoiceLines(invoice)
    .map((line) => `(${pdfText(line)}) Tj T*`)
    .join('\n')
  const stream = `BT\n/F1 11 Tf\n16 TL\n50 790 Td\n${text}\nET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ]
  // Everything is ASCII, so string length is byte length and the offsets below are exact.
  let body = '%PDF-1.4\n'
  const offsets = objects.map((object, index) => {
    const offset = body.length
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
    return offset
  })
  const xrefAt = body.length
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    '0000000000 65535 f \n',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('')
  body += `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`
  return new TextEncoder().encode(body)
}
