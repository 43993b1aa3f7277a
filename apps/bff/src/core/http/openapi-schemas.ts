import type { OpenAPIObject } from '@nestjs/swagger';
import {
  acceptInviteRequestSchema,
  acceptedInviteSchema,
  changeRoleRequestSchema,
  createInviteRequestSchema,
  inviteLookupRequestSchema,
  invitePreviewSchema,
  inviteSchema,
  lastAccountRequestSchema,
  localeRequestSchema,
  memberListSchema,
  memberSchema,
  accountStatusSchema,
  adminAccountPageSchema,
  adminAccountQuerySchema,
  adminAccountSchema,
  identityProviderSchema,
  oidcDiscoverRequestSchema,
  oidcDiscoverResponseSchema,
  putIdentityProviderRequestSchema,
  apiErrorSchema,
  auditEventPageSchema,
  auditEventQuerySchema,
  createAdminAccountRequestSchema,
  createSavedDashboardSchema,
  dashboardListSchema,
  dashboardSchema,
  panelDataQuerySchema,
  panelDataSchema,
  updateSavedDashboardSchema,
  linkAccountRequestSchema,
  casePageSchema,
  caseListQuerySchema,
  createCaseRequestSchema,
  billingHandoffSchema,
  cancelSubscriptionRequestSchema,
  caseCommentListSchema,
  caseDetailSchema,
  createCaseCommentRequestSchema,
  createdCaseCommentSchema,
  domainListQuerySchema,
  domainListSchema,
  invoiceDetailResponseSchema,
  invoiceZipQuerySchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesSchema,
  paymentMethodListSchema,
  subscriptionCancellationSchema,
  invoiceListQuerySchema,
  invoicePageSchema,
  accountSecuritySchema,
  loginRequestSchema,
  loginResultSchema,
  meSchema,
  mfaConfirmRequestSchema,
  mfaDisableRequestSchema,
  mfaEnrolmentSchema,
  mfaRecoveryCodesSchema,
  mfaStatusSchema,
  mfaVerifyRequestSchema,
  passwordChangeRequestSchema,
  passwordForgotRequestSchema,
  passwordResetRequestSchema,
  sessionListSchema,
  subscriptionListSchema,
  supportCaseSchema,
  usageQuerySchema,
  usageSeriesSchema,
  accountUsageCatalogSchema,
  apiKeyListQuerySchema,
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
  createUsageAlertRuleSchema,
  updateUsageAlertRuleSchema,
  usageAlertRuleSchema,
  usageAlertsViewSchema,
  usageExportQuerySchema,
  usageIngestResultSchema,
  usageSampleInputSchema,
  usageSamplePageSchema,
  usageSamplesQuerySchema,
  webhookDeliveryListQuerySchema,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  oidcPublicConfigSchema,
} from '@portico/domain';
import { sfOutboundMessageSchema, sfWebhookSchema } from '@portico/domain/providers/salesforce';
import { whmcsWebhookSchema } from '@portico/domain/providers/whmcs';
import { z } from 'zod';
import { oidcCallbackQuerySchema, oidcStartQuerySchema } from '../../modules/auth/oidc/oidc-claims';

/** Where a route's payloads are described: the same domain schemas that parse them at run time. */
export interface RouteSchemas {
  /** Query string object (each key becomes a query parameter). */
  query?: z.ZodObject;
  /** Request body (JSON unless `contentType` says otherwise; for XML the schema describes the parsed element). */
  body?: { name: string; schema: z.ZodType; contentType?: string };
  /** Success response: status and named schema (`null` schema for an empty body), JSON unless `contentType` says otherwise. */
  response:
    | { status: number; name: string; schema: z.ZodType; contentType?: string }
    | { status: number; name: null; schema: null };
}

/**
 * The payload schemas of every API route, keyed `METHOD path` as in the OpenAPI document. A route missing here is a
 * test failure (test/integration/openapi.int-spec.ts), so the published contract cannot drift from the code.
 */
export const ROUTE_SCHEMAS: Readonly<Record<string, RouteSchemas>> = {
  'post /api/v1/auth/login': {
    body: { name: 'LoginRequest', schema: loginRequestSchema },
    response: { status: 200, name: 'LoginResult', schema: loginResultSchema },
  },
  // ---- identity: two-factor, sessions, passwords, account security ----
  'post /api/v1/auth/mfa/verify': {
    body: { name: 'MfaVerifyRequest', schema: mfaVerifyRequestSchema },
    response: { status: 200, name: 'Me', schema: meSchema },
  },
  'get /api/v1/auth/sessions': { response: { status: 200, name: 'SessionList', schema: sessionListSchema } },
  'delete /api/v1/auth/sessions': { response: { status: 204, name: null, schema: null } },
  'delete /api/v1/auth/sessions/{sessionId}': { response: { status: 204, name: null, schema: null } },
  'get /api/v1/auth/mfa': { response: { status: 200, name: 'MfaStatus', schema: mfaStatusSchema } },
  'post /api/v1/auth/mfa/enrolment': {
    response: { status: 200, name: 'MfaEnrolment', schema: mfaEnrolmentSchema },
  },
  'post /api/v1/auth/mfa/enrolment/confirm': {
    body: { name: 'MfaConfirmRequest', schema: mfaConfirmRequestSchema },
    response: { status: 200, name: 'MfaRecoveryCodes', schema: mfaRecoveryCodesSchema },
  },
  'post /api/v1/auth/mfa/disable': {
    body: { name: 'MfaDisableRequest', schema: mfaDisableRequestSchema },
    response: { status: 204, name: null, schema: null },
  },
  'post /api/v1/auth/password': {
    body: { name: 'PasswordChangeRequest', schema: passwordChangeRequestSchema },
    response: { status: 204, name: null, schema: null },
  },
  'post /api/v1/auth/password/forgot': {
    body: { name: 'PasswordForgotRequest', schema: passwordForgotRequestSchema },
    response: { status: 204, name: null, schema: null },
  },
  'post /api/v1/auth/password/reset': {
    body: { name: 'PasswordResetRequest', schema: passwordResetRequestSchema },
    response: { status: 204, name: null, schema: null },
  },
  'get /api/v1/accounts/{accountId}/security': {
    response: { status: 200, name: 'AccountSecurity', schema: accountSecuritySchema },
  },
  'put /api/v1/accounts/{accountId}/security': {
    body: { name: 'AccountSecurity', schema: accountSecuritySchema },
    response: { status: 200, name: 'AccountSecurity', schema: accountSecuritySchema },
  },
  // ---- end identity ----
  'post /api/v1/auth/refresh': { response: { status: 200, name: 'Me', schema: meSchema } },
  'post /api/v1/auth/logout': { response: { status: 204, name: null, schema: null } },
  'get /api/v1/auth/oidc/config': {
    response: { status: 200, name: 'OidcPublicConfig', schema: oidcPublicConfigSchema },
  },
  'post /api/v1/auth/oidc/discover': {
    body: { name: 'OidcDiscoverRequest', schema: oidcDiscoverRequestSchema },
    response: { status: 200, name: 'OidcDiscoverResponse', schema: oidcDiscoverResponseSchema },
  },
  // Browser navigations: a 302 to the identity provider, and back to the portal.
  'get /api/v1/auth/oidc/start': {
    query: oidcStartQuerySchema,
    response: { status: 302, name: null, schema: null },
  },
  'get /api/v1/auth/oidc/callback': {
    query: oidcCallbackQuerySchema,
    response: { status: 302, name: null, schema: null },
  },
  'get /api/v1/me': { response: { status: 200, name: 'Me', schema: meSchema } },
  'get /api/v1/accounts/{accountId}/status': {
    response: { status: 200, name: 'AccountStatus', schema: accountStatusSchema },
  },
  'get /api/v1/accounts/{accountId}/invoices': {
    query: invoiceListQuerySchema,
    response: { status: 200, name: 'InvoicePage', schema: invoicePageSchema },
  },
  'get /api/v1/accounts/{accountId}/invoices/{invoiceId}': {
    response: { status: 200, name: 'InvoiceDetailResponse', schema: invoiceDetailResponseSchema },
  },
  'get /api/v1/accounts/{accountId}/invoices/{invoiceId}/pdf': {
    response: {
      status: 200,
      name: 'InvoicePdf',
      schema: z.string().describe('PDF document (attachment)'),
      contentType: 'application/pdf',
    },
  },
  'get /api/v1/accounts/{accountId}/invoices.zip': {
    query: invoiceZipQuerySchema,
    response: {
      status: 200,
      name: 'InvoiceZip',
      schema: z.string().describe('zip of invoice PDFs (attachment, streamed)'),
      contentType: 'application/zip',
    },
  },
  'post /api/v1/accounts/{accountId}/invoices/{invoiceId}/payment': {
    response: { status: 201, name: 'BillingHandoff', schema: billingHandoffSchema },
  },
  'get /api/v1/accounts/{accountId}/payment-methods': {
    response: { status: 200, name: 'PaymentMethodList', schema: paymentMethodListSchema },
  },
  'post /api/v1/accounts/{accountId}/payment-methods/management': {
    response: { status: 201, name: 'BillingHandoff', schema: billingHandoffSchema },
  },
  'get /api/v1/accounts/{accountId}/subscriptions': {
    response: { status: 200, name: 'SubscriptionList', schema: subscriptionListSchema },
  },
  'post /api/v1/accounts/{accountId}/subscriptions/{subscriptionId}/cancellation': {
    body: { name: 'CancelSubscriptionRequest', schema: cancelSubscriptionRequestSchema },
    response: { status: 201, name: 'SubscriptionCancellation', schema: subscriptionCancellationSchema },
  },
  'get /api/v1/accounts/{accountId}/domains': {
    query: domainListQuerySchema,
    response: { status: 200, name: 'DomainList', schema: domainListSchema },
  },
  'get /api/v1/accounts/{accountId}/notifications': {
    query: notificationListQuerySchema,
    response: { status: 200, name: 'NotificationList', schema: notificationListSchema },
  },
  'post /api/v1/accounts/{accountId}/notifications/read-all': {
    response: { status: 204, name: null, schema: null },
  },
  'post /api/v1/accounts/{accountId}/notifications/{notificationId}/read': {
    response: { status: 204, name: null, schema: null },
  },
  'get /api/v1/accounts/{accountId}/notifications/preferences': {
    response: { status: 200, name: 'NotificationPreferences', schema: notificationPreferencesSchema },
  },
  'put /api/v1/accounts/{accountId}/notifications/preferences': {
    body: { name: 'NotificationPreferences', schema: notificationPreferencesSchema },
    response: { status: 200, name: 'NotificationPreferences', schema: notificationPreferencesSchema },
  },
  // ---- dashboards: configured and saved, panel data ----
  'get /api/v1/accounts/{accountId}/dashboards': {
    response: { status: 200, name: 'DashboardList', schema: dashboardListSchema },
  },
  'post /api/v1/accounts/{accountId}/dashboards': {
    body: { name: 'CreateSavedDashboard', schema: createSavedDashboardSchema },
    response: { status: 201, name: 'Dashboard', schema: dashboardSchema },
  },
  'get /api/v1/accounts/{accountId}/dashboards/{name}': {
    response: { status: 200, name: 'Dashboard', schema: dashboardSchema },
  },
  'put /api/v1/accounts/{accountId}/dashboards/{name}': {
    body: { name: 'UpdateSavedDashboard', schema: updateSavedDashboardSchema },
    response: { status: 200, name: 'Dashboard', schema: dashboardSchema },
  },
  'delete /api/v1/accounts/{accountId}/dashboards/{name}': {
    response: { status: 204, name: null, schema: null },
  },
  'get /api/v1/accounts/{accountId}/dashboards/{name}/panels/{panelId}/data': {
    query: panelDataQuerySchema,
    response: { status: 200, name: 'PanelData', schema: panelDataSchema },
  },
  'get /api/v1/accounts/{accountId}/dashboards/{name}/panels/{panelId}/data.csv': {
    query: panelDataQuerySchema,
    response: {
      status: 200,
      name: 'PanelDataCsv',
      schema: z.string().describe('RFC 4180 CSV with a header row (attachment)'),
      contentType: 'text/csv',
    },
  },
  'get /api/v1/accounts/{accountId}/usage': {
    query: usageQuerySchema,
    response: { status: 200, name: 'UsageSeries', schema: usageSeriesSchema },
  },
  // ---- usage ----
  'get /api/v1/accounts/{accountId}/usage/catalog': {
    response: { status: 200, name: 'AccountUsageCatalog', schema: accountUsageCatalogSchema },
  },
  'get /api/v1/accounts/{accountId}/usage/samples': {
    query: usageSamplesQuerySchema,
    response: { status: 200, name: 'UsageSamplePage', schema: usageSamplePageSchema },
  },
  'get /api/v1/accounts/{accountId}/usage.csv': {
    query: usageExportQuerySchema,
    response: {
      status: 200,
      name: 'UsageCsv',
      schema: z.string().describe('CSV with a header row'),
      contentType: 'text/csv',
    },
  },
  'get /api/v1/accounts/{accountId}/usage/alerts': {
    response: { status: 200, name: 'UsageAlertsView', schema: usageAlertsViewSchema },
  },
  'post /api/v1/accounts/{accountId}/usage/alerts': {
    body: { name: 'CreateUsageAlertRule', schema: createUsageAlertRuleSchema },
    response: { status: 201, name: 'UsageAlertRule', schema: usageAlertRuleSchema },
  },
  'patch /api/v1/accounts/{accountId}/usage/alerts/{ruleId}': {
    body: { name: 'UpdateUsageAlertRule', schema: updateUsageAlertRuleSchema },
    response: { status: 200, name: 'UsageAlertRule', schema: usageAlertRuleSchema },
  },
  'delete /api/v1/accounts/{accountId}/usage/alerts/{ruleId}': {
    response: { status: 204, name: null, schema: null },
  },
  'post /api/v1/usage/samples': {
    body: {
      name: 'UsageSampleBatch',
      schema: z.object({ samples: z.array(usageSampleInputSchema).max(5000) }),
    },
    response: { status: 200, name: 'UsageIngestResult', schema: usageIngestResultSchema },
  },
  'get /api/v1/admin/api-keys': {
    query: apiKeyListQuerySchema,
    response: { status: 200, name: 'ApiKeyList', schema: apiKeyListSchema },
  },
  'post /api/v1/admin/api-keys': {
    body: { name: 'CreateApiKeyRequest', schema: createApiKeyRequestSchema },
    response: { status: 201, name: 'CreatedApiKey', schema: createdApiKeySchema },
  },
  'post /api/v1/admin/api-keys/{keyId}/revoke': {
    response: { status: 200, name: 'ApiKey', schema: apiKeySchema },
  },
  // ---- end usage ----
  'get /api/v1/accounts/{accountId}/cases': {
    query: caseListQuerySchema,
    response: { status: 200, name: 'CasePage', schema: casePageSchema },
  },
  'get /api/v1/accounts/{accountId}/cases/{caseId}': {
    response: { status: 200, name: 'CaseDetail', schema: caseDetailSchema },
  },
  'get /api/v1/accounts/{accountId}/cases/{caseId}/comments': {
    response: { status: 200, name: 'CaseCommentList', schema: caseCommentListSchema },
  },
  'post /api/v1/accounts/{accountId}/cases/{caseId}/comments': {
    body: { name: 'CreateCaseCommentRequest', schema: createCaseCommentRequestSchema },
    response: { status: 201, name: 'CreatedCaseComment', schema: createdCaseCommentSchema },
  },
  'post /api/v1/accounts/{accountId}/cases': {
    body: { name: 'CreateCaseRequest', schema: createCaseRequestSchema },
    response: { status: 201, name: 'SupportCase', schema: supportCaseSchema },
  },
  'get /api/v1/accounts/{accountId}/audit-events': {
    query: auditEventQuerySchema,
    response: { status: 200, name: 'AuditEventPage', schema: auditEventPageSchema },
  },
  'get /api/v1/accounts/{accountId}/audit-events.csv': {
    query: auditEventQuerySchema,
    response: {
      status: 200,
      name: 'AuditEventCsv',
      schema: z.string().describe('CSV with a header row'),
      contentType: 'text/csv',
    },
  },
  'get /api/v1/admin/accounts/{id}/identity-provider': {
    response: { status: 200, name: 'IdentityProvider', schema: identityProviderSchema },
  },
  'put /api/v1/admin/accounts/{id}/identity-provider': {
    body: { name: 'PutIdentityProviderRequest', schema: putIdentityProviderRequestSchema },
    response: { status: 200, name: 'IdentityProvider', schema: identityProviderSchema },
  },
  'delete /api/v1/admin/accounts/{id}/identity-provider': {
    response: { status: 204, name: null, schema: null },
  },
  'get /api/v1/admin/accounts': {
    query: adminAccountQuerySchema,
    response: { status: 200, name: 'AdminAccountPage', schema: adminAccountPageSchema },
  },
  'post /api/v1/admin/accounts': {
    body: { name: 'CreateAdminAccountRequest', schema: createAdminAccountRequestSchema },
    response: { status: 201, name: 'AdminAccount', schema: adminAccountSchema },
  },
  'patch /api/v1/admin/accounts/{id}': {
    body: { name: 'LinkAccountRequest', schema: linkAccountRequestSchema },
    response: { status: 200, name: 'AdminAccount', schema: adminAccountSchema },
  },
  'get /api/v1/accounts/{accountId}/members': {
    response: { status: 200, name: 'MemberList', schema: memberListSchema },
  },
  'post /api/v1/accounts/{accountId}/members/invites': {
    body: { name: 'CreateInviteRequest', schema: createInviteRequestSchema },
    response: { status: 201, name: 'Invite', schema: inviteSchema },
  },
  'post /api/v1/accounts/{accountId}/members/invites/{inviteId}/resend': {
    response: { status: 200, name: 'Invite', schema: inviteSchema },
  },
  'delete /api/v1/accounts/{accountId}/members/invites/{inviteId}': {
    response: { status: 204, name: null, schema: null },
  },
  'patch /api/v1/accounts/{accountId}/members/{userId}': {
    body: { name: 'ChangeRoleRequest', schema: changeRoleRequestSchema },
    response: { status: 200, name: 'Member', schema: memberSchema },
  },
  'delete /api/v1/accounts/{accountId}/members/{userId}': {
    response: { status: 204, name: null, schema: null },
  },
  'post /api/v1/invites/lookup': {
    body: { name: 'InviteLookupRequest', schema: inviteLookupRequestSchema },
    response: { status: 200, name: 'InvitePreview', schema: invitePreviewSchema },
  },
  'post /api/v1/invites/accept': {
    body: { name: 'AcceptInviteRequest', schema: acceptInviteRequestSchema },
    response: { status: 200, name: 'AcceptedInvite', schema: acceptedInviteSchema },
  },
  'put /api/v1/me/locale': {
    body: { name: 'LocaleRequest', schema: localeRequestSchema },
    response: { status: 204, name: null, schema: null },
  },
  'put /api/v1/me/last-account': {
    body: { name: 'LastAccountRequest', schema: lastAccountRequestSchema },
    response: { status: 204, name: null, schema: null },
  },
  'post /webhooks/whmcs': {
    body: { name: 'WhmcsWebhook', schema: whmcsWebhookSchema },
    response: { status: 204, name: null, schema: null },
  },
  'post /webhooks/salesforce': {
    body: { name: 'SalesforceWebhook', schema: sfWebhookSchema },
    response: { status: 204, name: null, schema: null },
  },
  'post /webhooks/salesforce/outbound': {
    body: { name: 'SalesforceOutboundMessage', schema: sfOutboundMessageSchema, contentType: 'text/xml' },
    response: {
      status: 200,
      name: 'SalesforceOutboundMessageAck',
      schema: z.object({ Ack: z.literal(true) }),
      contentType: 'text/xml',
    },
  },
  'get /api/v1/admin/webhook-deliveries': {
    query: webhookDeliveryListQuerySchema,
    response: { status: 200, name: 'WebhookDeliveryPage', schema: webhookDeliveryPageSchema },
  },
  'post /api/v1/admin/webhook-deliveries/{deliveryId}/replay': {
    response: { status: 202, name: 'WebhookDelivery', schema: webhookDeliverySchema },
  },
};

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Adds the domain schemas to a Nest-generated OpenAPI document: component schemas, request bodies, query and path
 * parameters, success responses, and `ApiError` for every error response. Mutates and returns `document`.
 */
export function withDomainSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas: JsonObject = { ApiError: jsonSchema(apiErrorSchema, 'output') };
  for (const [key, route] of Object.entries(ROUTE_SCHEMAS)) {
    const [method, path] = key.split(' ') as [string, string];
    const operation = (document.paths[path] as Record<string, JsonObject> | undefined)?.[method];
    if (operation === undefined) continue;

    const parameters: JsonObject[] = [];
    for (const match of path.matchAll(/\{(\w+)\}/g)) {
      const name = match[1] as string;
      parameters.push({
        name,
        in: 'path',
        required: true,
        schema: name === 'accountId' ? { type: 'string', format: 'uuid' } : { type: 'string' },
      });
    }
    if (route.query) {
      const query = jsonSchema(route.query, 'input') as {
        properties?: Record<string, JsonObject>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
      }
    }
    operation.parameters = parameters;

    if (route.body) {
      schemas[route.body.name] = jsonSchema(route.body.schema, 'input');
      operation.requestBody = {
        required: true,
        content: { [route.body.contentType ?? 'application/json']: { schema: ref(route.body.name) } },
      };
    }

    const responses = (operation.responses ?? {}) as Record<string, JsonObject>;
    const success = route.response;
    for (const status of Object.keys(responses)) {
      if (/^2\d\d$/.test(status) && status !== String(success.status)) delete responses[status];
    }
    if (success.name !== null) {
      schemas[success.name] = jsonSchema(success.schema, 'output');
      responses[String(success.status)] = {
        description: success.name,
        content: { [success.contentType ?? 'application/json']: { schema: ref(success.name) } },
      };
    } else {
      responses[String(success.status)] = { description: 'No content' };
    }
    for (const [status, response] of Object.entries(responses)) {
      if (/^[45]\d\d$/.test(status)) response.content = { 'application/json': { schema: ref('ApiError') } };
    }
    operation.responses = responses;
  }
  type ComponentSchemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...(schemas as ComponentSchemas) },
  };
  return document;
}
