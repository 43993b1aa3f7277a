import type { Metadata } from 'next';
import { NewCaseForm } from './new-case-form';

export const metadata: Metadata = { title: 'New support case' };

export default async function NewCasePage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return <NewCaseForm accountId={accountId} />;
}
