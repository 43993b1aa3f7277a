import path from 'node:path';
import type PDFDocumentType from 'pdfkit';
import { minorToDecimal, type CustomerProfile, type InvoiceDetail, type Money } from '@portico/domain';
import type { Seller } from './seller.config';

/** DejaVu Sans (from the `dejavu-fonts-ttf` package): covers Latin, Greek and Cyrillic names and addresses. */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const STATUS_LABEL: Readonly<Record<string, string>> = {
  paid: 'PAID',
  unpaid: 'UNPAID',
  overdue: 'OVERDUE',
  cancelled: 'CANCELLED',
  refunded: 'REFUNDED',
  collections: 'COLLECTIONS',
  payment_pending: 'PAYMENT PENDING',
  draft: 'DRAFT',
  unknown: '',
};

/** `1234.50 USD` style amounts (the currency's own decimals, ISO code after). */
export function formatPdfMoney(m: Money): string {
  const [whole = '0', fraction] = minorToDecimal(Math.abs(m.amountMinor), m.currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${m.amountMinor < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`} ${m.currency}`;
}

/** `YYYY-MM-DD` (or an ISO timestamp's date), `-` when null. */
function day(value: string | null): string {
  return value === null ? '-' : value.slice(0, 10);
}

/** The lines of a customer's billing address (blank parts left out). */
export function customerAddressLines(profile: CustomerProfile): string[] {
  const a = profile.address;
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [profile.companyName, profile.contactName, a.line1, a.line2, cityLine, a.region, a.country].filter(
    (l): l is string => typeof l === 'string' && l.trim() !== '',
  );
}

/**
 * Renders an invoice as a PDF (pdfkit, A4): the seller's logo, name and address, the customer's billing address,
 * the invoice's dates and status, its lines, subtotal, each tax level with its rate, credit applied, total,
 * payments and balance: the same figures as the invoice detail page.
 * @returns the PDF as one buffer (invoices are small)
 */
export function renderInvoicePdf(
  invoice: InvoiceDetail,
  customer: CustomerProfile | null,
  seller: Seller,
): Promise<Buffer> {
  // Loaded on first use: PDFs are rare, and pdfkit (fonts, tables) weighs MBs in every process.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PDFDocument = require('pdfkit') as typeof PDFDocumentType;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Invoice ${invoice.number}`, Author: seller.name, Subject: 'Invoice' },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const width = right - left;

  // Seller: logo, name, address and contact, right-aligned block.
  if (seller.logo) doc.image(seller.logo, left, 45, { fit: [180, 48] });
  doc
    .font('bold')
    .fontSize(11)
    .fillColor('#1d232b')
    .text(seller.name, left + width / 2, 45, { width: width / 2, align: 'right' });
  doc.font('regular').fontSize(9).fillColor('#52606d');
  const sellerLines = [
    ...seller.addressLines,
    seller.email,
    seller.phone,
    seller.website,
    seller.taxId ? `Tax ID ${seller.taxId}` : undefined,
  ].filter((l): l is string => Boolean(l));
  for (const line of sellerLines)
    doc.text(line, left + width / 2, doc.y, { width: width / 2, align: 'right' });

  // Title and facts.
  const top = Math.max(doc.y, 110) + 20;
  doc.font('bold').fontSize(20).fillColor('#1d232b').text(`Invoice ${invoice.number}`, left, top);
  const status = STATUS_LABEL[invoice.status] ?? '';
  if (status !== '')
    doc
      .font('bold')
      .fontSize(10)
      .fillColor(invoice.status === 'paid' ? '#03543f' : invoice.status === 'overdue' ? '#9b1c1c' : '#52606d')
      .text(status, left, top + 4, { width, align: 'right' });
  doc.moveDown(0.5);
  const factsTop = doc.y;
  doc.font('regular').fontSize(9).fillColor('#1d232b');
  doc.text(`Invoice date: ${day(invoice.issuedOn)}`, left, factsTop);
  doc.text(`Due date: ${day(invoice.dueOn)}`);
  if (invoice.paidAt) doc.text(`Paid: ${day(invoice.paidAt)}`);

  // Bill to.
  doc
    .font('bold')
    .fontSize(9)
    .text('Bill to', left + width / 2, factsTop, { width: width / 2 });
  doc.font('regular');
  for (const line of customer ? customerAddressLines(customer) : ['(billing address unavailable)'])
    doc.text(line, left + width / 2, doc.y, { width: width / 2 });
  if (customer?.email) doc.text(customer.email, left + width / 2, doc.y, { width: width / 2 });

  // Lines.
  let y = Math.max(doc.y, factsTop + 60) + 20;
  const amountX = right - 120;
  const row = (label: string, amount: string, options: { bold?: boolean; color?: string } = {}) => {
    doc
      .font(options.bold ? 'bold' : 'regular')
      .fontSize(9)
      .fillColor(options.color ?? '#1d232b');
    const h = Math.max(doc.heightOfString(label, { width: amountX - left - 10 }), 12);
    if (y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.text(label, left, y, { width: amountX - left - 10 });
    doc.text(amount, amountX, y, { width: 120, align: 'right' });
    y += h + 6;
  };
  const rule = () => {
    doc
      .moveTo(left, y - 3)
      .lineTo(right, y - 3)
      .lineWidth(0.5)
      .strokeColor('#d9dee4')
      .stroke();
    y += 3;
  };
  row('Description', 'Amount', { bold: true });
  rule();
  for (const item of invoice.lineItems) row(item.description, formatPdfMoney(item.amount));
  rule();
  row('Subtotal', formatPdfMoney(invoice.subtotal));
  for (const t of invoice.taxLines)
    row(
      t.ratePercent === null ? `Tax ${t.level}` : `Tax ${t.level} (${t.ratePercent}%)`,
      formatPdfMoney(t.amount),
    );
  if (invoice.credit.amountMinor !== 0)
    row('Credit applied', formatPdfMoney({ ...invoice.credit, amountMinor: -invoice.credit.amountMinor }));
  row('Total', formatPdfMoney(invoice.total), { bold: true });

  // Payments and balance.
  y += 8;
  row('Payments', '', { bold: true });
  rule();
  if (invoice.payments.length === 0) row('No payments recorded', '');
  for (const p of invoice.payments) row(`${day(p.at)}  ${p.gateway ?? ''}`.trim(), formatPdfMoney(p.amount));
  rule();
  row('Balance due', formatPdfMoney(invoice.balance), {
    bold: true,
    color: invoice.balance.amountMinor > 0 ? '#9b1c1c' : '#1d232b',
  });

  if (invoice.notes) {
    y += 10;
    doc.font('regular').fontSize(8).fillColor('#52606d').text(invoice.notes, left, y, { width });
  }
  doc.end();
  return done;
}
