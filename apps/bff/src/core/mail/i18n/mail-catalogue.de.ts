import type { MailCatalogue } from './mail-translator';

/** German texts of the emails (formal address); the keys and ICU arguments of {@link MAIL_CATALOGUE_EN}. */
export const MAIL_CATALOGUE_DE: MailCatalogue = {
  roles: {
    owner: 'Inhaber',
    admin: 'Admin',
    billing: 'Buchhaltung',
    technical: 'Technik',
    viewer: 'Lesend',
  },
  invite: {
    anAdministrator: 'Ein Administrator',
    subject: '{who} hat Sie zu {account} auf Portico eingeladen',
    intro: '{who} hat Sie eingeladen, <b>{account}</b> auf Portico mit der Rolle {role} beizutreten.',
    acceptLink: 'Einladung annehmen',
    acceptText: 'Einladung annehmen: {link}',
    expiry:
      'Der Link funktioniert einmal und läuft am {expires} ab. Falls Sie diese E-Mail nicht erwartet haben, ignorieren Sie sie.',
  },
  passwordReset: {
    subject: 'Setzen Sie Ihr Portico-Passwort zurück',
    intro: 'Jemand hat darum gebeten, das Passwort Ihres Portico-Kontos zurückzusetzen.',
    openWithin:
      'Um ein neues Passwort zu wählen, öffnen Sie diesen Link innerhalb von {minutes, plural, one {# Minute} other {# Minuten}}:',
    chooseLink: 'Neues Passwort wählen',
    chooseHint:
      '(der Link funktioniert einmal, innerhalb von {minutes, plural, one {# Minute} other {# Minuten}}).',
    worksOnce: 'Der Link funktioniert einmal.',
    ignore:
      'Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.',
  },
  usageAlert: {
    subject: 'Nutzungsalarm: {what} hat {line} bei {account} erreicht',
    whatOfService: '{metric} von {service}',
    service: 'Dienst {id}',
    percentLine: '{percent} des Limits ({limit})',
    body: '{what} bei <b>{account}</b> liegt{counter, select, yes { in diesem Abrechnungszeitraum} other {}} bei <b>{value}</b> und damit über Ihrem Alarm bei {line}.',
    seeLink: 'Nutzung ansehen',
    seeText: 'Nutzung ansehen: {link}',
    footer: 'Sie erhalten diese E-Mail, weil Sie die Nutzungsalarme dieses Kontos in Portico verwalten.',
  },
  notification: {
    subject: '{account}: {title}',
    openLink: 'Im Portal öffnen',
    openText: 'Öffnen: {link}',
    why: 'Sie erhalten diese E-Mail, weil E-Mails zu „{kind}“ für {account} eingeschaltet sind.',
    changeText: 'Ändern: {link}',
    changeLink: 'E-Mail-Einstellungen ändern',
    kind: {
      invoice_overdue: 'Überfällige Rechnungen',
      payment_failed: 'Fehlgeschlagene Zahlungen',
      card_expiring: 'Ablaufende Karten',
      domain_expiring: 'Ablaufende Domains',
      usage_alert: 'Nutzungsalarme',
    },
    invoiceOverdue: {
      title: 'Rechnung Nr. {number} ist überfällig',
      body: '{amount} waren am {due} fällig. Bezahlen Sie jetzt, damit Ihre Dienste weiterlaufen.',
      itsDueDate: 'Fälligkeitstag',
    },
    paymentFailed: {
      title: 'Zahlung der Rechnung Nr. {number} fehlgeschlagen',
      body: 'Wir konnten {amount} nicht über Ihre Zahlungsmethode einziehen. Bezahlen Sie die Rechnung oder aktualisieren Sie Ihre Karte.',
    },
    cardExpiring: {
      card: '{brand} mit Endziffern {lastFour}',
      defaultBrand: 'Karte',
      expired: '{card} ist abgelaufen',
      expires: '{card} läuft im {month} ab',
      expiresSoon: '{card} läuft bald ab',
      body: 'Ihre nächste Abbuchung ist am {date} fällig, {expired, select, yes {und diese Karte ist nicht mehr gültig} other {nachdem diese Karte abgelaufen ist}}. Fügen Sie eine neue Karte hinzu, damit die Zahlung nicht fehlschlägt.',
    },
    domainExpiring: {
      title: '{name} läuft am {date} ab',
      titleSoon: '{name} läuft bald ab',
      autoRenew: 'Sie wird automatisch verlängert; stellen Sie sicher, dass Ihre Zahlungsmethode gültig ist.',
      manual:
        'Die automatische Verlängerung ist aus: Verlängern Sie die Domain vorher, sonst funktioniert sie nicht mehr.',
    },
    usageAlert: {
      title: '{label} hat {value} erreicht',
      body: '{label}{service, select, none {} other { (Dienst {service})}} hat die Alarmschwelle von {threshold} überschritten.',
    },
  },
};
