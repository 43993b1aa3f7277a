import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** Base URL of the sandbox's admin controls. */
export const SANDBOX_URL = (process.env.SANDBOX_URL ?? 'http://127.0.0.1:4100').replace(/\/+$/, '');

/** Password of every demo user (docs/contracts.md). */
export const DEMO_PASSWORD = 'portico-demo-password';

/** The demo owner of Acme (docs/contracts.md); also a viewer of Globex. */
export const DEMO_USER = { email: 'owner@acme.example', password: DEMO_PASSWORD } as const;

/** Folder of the screenshots kept for review. */
const ARTIFACTS_DIR = path.join(__dirname, '..', 'test-results', 'artifacts');

/** Full path of an artifact, creating the folder on first use. */
export function artifact(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}

/** Signs in through the login form and waits for the dashboard. */
export async function signIn(
  page: Page,
  user: { email: string; password: string } = DEMO_USER,
): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/[^/]+\/dashboard$/);
  await expect(page.getByTestId('block-next-invoice')).toBeVisible();
}

/** The account id from a portal URL such as `/acc_123/dashboard`. */
export function accountIdFrom(url: string): string {
  const id = new URL(url).pathname.split('/')[1];
  if (!id) throw new Error(`no account id in ${url}`);
  return id;
}

/** Removes every sandbox fault (`DELETE /__admin/faults`). */
export async function clearFaults(request: APIRequestContext): Promise<void> {
  const res = await request.delete(`${SANDBOX_URL}/__admin/faults`);
  expect(res.ok(), `clearing faults answered ${res.status()}`).toBeTruthy();
}
