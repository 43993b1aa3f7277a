/** A person at the sandbox's OpenID provider (the company's identity provider, simulated). */
export interface DemoIdentity {
  /** Stable subject (`sub`): never reused, unlike an email address. */
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
}

/**
 * The sandbox provider's people: the demo companies' users of the BFF's demo seed (same emails), plus
 * `new.hire@acme.example`, whom Portico does not know yet (just-in-time membership), and
 * `unverified@acme.example`, whose email the provider has not verified (refused by Portico).
 */
export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { sub: 'acme-0001', email: 'owner@acme.example', email_verified: true, name: 'Alice Owner' },
  { sub: 'acme-0002', email: 'billing@acme.example', email_verified: true, name: 'Bill Ing' },
  { sub: 'acme-0003', email: 'new.hire@acme.example', email_verified: true, name: 'Nina Hire' },
  { sub: 'acme-0004', email: 'unverified@acme.example', email_verified: false, name: 'Una Verified' },
  { sub: 'globex-0001', email: 'owner@globex.example', email_verified: true, name: 'Gloria Owner' },
];

/** The identity a login name (email, any case, or subject) names, or undefined. */
export function findDemoIdentity(login: string): DemoIdentity | undefined {
  const key = login.trim().toLowerCase();
  return DEMO_IDENTITIES.find((i) => i.email === key || i.sub === key);
}

/** Password of every demo identity: the demo users' password (docs/contracts.md). */
export const DEMO_PASSWORD = 'portico-demo-password';
