import type { Metadata } from 'next';
import { AuthCard } from '../auth-card';
import { ResetPasswordForm } from './reset-password-form';

export const metadata: Metadata = { title: 'Choose a new password' };

export default function ResetPasswordPage() {
  return (
    <AuthCard title="Choose a new password" subtitle="At least 12 characters, or a passphrase of four or more words.">
      <ResetPasswordForm />
    </AuthCard>
  );
}
