/**
 * English texts of the emails the BFF sends (ICU MessageFormat, rendered by `intl-messageformat`). Every key here
 * exists in every other language's catalogue (`mail-translator.spec.ts` fails otherwise). `<b>…</b>` marks text
 * set in bold in the HTML part; the plain-text part drops the tags. Values are escaped for HTML, the catalogue text
 * is not: keep `<` and `&` out of it except for those tags.
 */
export const MAIL_CATALOGUE_EN = {
  roles: {
    owner: 'Owner',
    admin: 'Admin',
    billing: 'Billing',
    technical: 'Technical',
    viewer: 'Viewer',
  },
  invite: {
    anAdministrator: 'An administrator',
    subject: '{who} invited you to {account} on Portico',
    intro: '{who} invited you to join <b>{account}</b> on Portico as {role}.',
    acceptLink: 'Accept the invite',
    acceptText: 'Accept the invite: {link}',
    expiry: 'The link works once and expires on {expires}. If you did not expect this email, ignore it.',
  },
  passwordReset: {
    subject: 'Reset your Portico password',
    intro: 'Someone asked to reset the password of your Portico account.',
    openWithin:
      'To choose a new password, open this link within {minutes, plural, one {# minute} other {# minutes}}:',
    chooseLink: 'Choose a new password',
    chooseHint: '(the link works once, within {minutes, plural, one {# minute} other {# minutes}}).',
    worksOnce: 'The link works once.',
    ignore: 'If you did not ask for this, ignore this email: your password stays as it is.',
  },
  usageAlert: {
    subject: 'Usage alert: {what} reached {line} on {account}',
    whatOfService: '{metric} of {service}',
    service: 'service {id}',
    percentLine: '{percent} of the limit ({limit})',
    body: '{what} on <b>{account}</b> is at <b>{value}</b>{counter, select, yes { this billing period} other {}}, past your alert at {line}.',
    seeLink: 'See the usage',
    seeText: 'See the usage: {link}',
    footer: 'You get this mail because you manage usage alerts of this account in Portico.',
  },
  notification: {
    subject: '{account}: {title}',
    openLink: 'Open it in the portal',
    openText: 'Open it: {link}',
    why: 'You get this because “{kind}” emails are on for {account}.',
    changeText: 'Change it: {link}',
    changeLink: 'Change your email settings',
    kind: {
      invoice_overdue: 'Overdue invoices',
      payment_failed: 'Failed payments',
      card_expiring: 'Expiring cards',
      domain_expiring: 'Expiring domains',
      usage_alert: 'Usage alerts',
    },
    invoiceOverdue: {
      title: 'Invoice #{number} is overdue',
      body: '{amount} was due on {due}. Pay it now to keep your services running.',
      itsDueDate: 'its due date',
    },
    paymentFailed: {
      title: 'Payment of invoice #{number} failed',
      body: 'We could not charge {amount} to your payment method. Pay the invoice or update your card.',
    },
    cardExpiring: {
      card: '{brand} ending {lastFour}',
      defaultBrand: 'Card',
      expired: '{card} has expired',
      expires: '{card} expires {month}',
      expiresSoon: '{card} expires soon',
      body: 'Your next charge is due on {date}, {expired, select, yes {and this card is no longer valid} other {after this card expires}}. Add a new card to avoid a failed payment.',
    },
    domainExpiring: {
      title: '{name} expires on {date}',
      titleSoon: '{name} expires soon',
      autoRenew: 'It renews automatically; make sure your payment method is valid.',
      manual: 'Auto-renew is off: renew it before then or the domain stops working.',
    },
    usageAlert: {
      title: '{label} reached {value}',
      body: '{label}{service, select, none {} other { (service {service})}} crossed the alert threshold of {threshold}.',
    },
  },
} as const;
