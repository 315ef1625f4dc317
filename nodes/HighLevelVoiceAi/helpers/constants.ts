/** Every `actionType` HighLevel documents for `executedCallActions` (spec `CallActionSchema`). */
export const ACTION_TYPES = [
	'APPOINTMENT_BOOKING',
	'CALL_TRANSFER',
	'CUSTOM_ACTION',
	'DATA_EXTRACTION',
	'IN_CALL_DATA_EXTRACTION',
	'KNOWLEDGE_BASE',
	'SMS',
	'WORKFLOW_TRIGGER',
] as const;

export type ActionType = (typeof ACTION_TYPES)[number];

/** Human labels for the action types, used by the node's pickers. */
export const ACTION_TYPE_LABELS: Record<ActionType, string> = {
	APPOINTMENT_BOOKING: 'Appointment Booking',
	CALL_TRANSFER: 'Call Transfer',
	CUSTOM_ACTION: 'Custom Action (API Call)',
	DATA_EXTRACTION: 'Data Extraction (After Call)',
	IN_CALL_DATA_EXTRACTION: 'Data Extraction (In Call)',
	KNOWLEDGE_BASE: 'Knowledge Base Lookup',
	SMS: 'SMS',
	WORKFLOW_TRIGGER: 'Workflow Trigger',
};

/** The `Version` header values HighLevel publishes for the Voice AI endpoints. */
export const API_VERSIONS = ['2021-04-15', 'v3'] as const;

export const DEFAULT_API_VERSION = '2021-04-15';
export const DEFAULT_BASE_URL = 'https://services.leadconnectorhq.com';

/** HighLevel's documented maximum `pageSize` for list endpoints. */
export const MAX_PAGE_SIZE = 50;

/** What replaces a secret value in every output item. */
export const REDACTED = '[REDACTED]';

/** The Private Integration Token credential type, shared by the nodes, the transport and itself. */
export const CREDENTIAL_TYPE = 'highLevelVoiceAiApi';

/** The OAuth2 (Marketplace app) credential type. */
export const MARKETPLACE_APP_CREDENTIAL_TYPE = 'highLevelVoiceAiOAuth2Api';

/** The scopes the node's operations use, preset in the OAuth2 credential. */
export const OAUTH2_SCOPES = [
	'voice-ai-dashboard.readonly',
	'voice-ai-agents.readonly',
	'voice-ai-agents.write',
	'voice-ai-agent-goals.readonly',
	'voice-ai-agent-goals.write',
	'conversations/message.readonly',
] as const;
