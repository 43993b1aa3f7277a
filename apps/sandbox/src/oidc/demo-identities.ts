/** A person at the sandbox's OpenID provider (the company's identity provider, simulated). */
export interface DemoIdentity {
  /** Stable subject (`sub`): never reused, unlike an email address. */
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  /**
   * Authentication methods (RFC 8176) the provider asserts in the ID token's `amr` for this person: `['pwd']` unless
   * set (`['pwd', 'otp']`: the provider asked for a second factor itself).
   */
  amr?: string[];
}

/**
 * The sandbox provider's people: the demo companies' users of the BFF's demo seed (same emails), plus
 * `new.hire@acme.example`, whom Portico does not know yet (just-in-time membership), and
 * `unverified@acme.example`, whose email the provider has not verified (refused by Portico). The
 * `initech-staff.example` people sign in through Initech's own account identity provider (seeded by the BFF's demo
 * seed, just-in-time membership on): `ivy.staff@` with a password only, `max.secure@` with a second factor asserted
 * (`amr` `pwd` + `otp`).
 */
export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { sub: 'acme-0001', email: 'owner@acme.example', email_verified: true, name: 'Alice Owner' },
  { sub: 'acme-0002', email: 'billing@acme.example', email_verified: true, name: 'Bill Ing' },
  { sub: 'acme-0003', email: 'new.hire@acme.example', email_verified: true, name: 'Nina Hire' },
  { sub: 'acme-0004', email: 'unverified@acme.example', email_verified: false, name: 'Una Verified' },
  { sub: 'globex-0001', email: 'owner@globex.example', email_verified: true, name: 'Gloria Owner' },
  {
    sub: 'initech-staff-0001',
    email: 'ivy.staff@initech-staff.example',
    email_verified: true,
    name: 'Ivy Staff',
  },
  {
    sub: 'initech-staff-0002',
    email: 'max.secure@initech-staff.example',
    email_verified: true,
    name: 'Max Secure',
    amr: ['pwd', 'otp'],
  },
];

/** The identity a login name (email, any case, or subject) names, or undefined. */
export function findDemoIdentity(login: string): DemoIdentity | undefined {
  const key = login.trim().toLowerCase();
  return DEMO_IDENTITIES.find((i) => i.email === key || i.sub === key);
}

/** Password of every demo identity: the demo users' password (docs/contracts.md). */
export const DEMO_PASSWORD = 'portico-demo-password';
