import type { IDataObject } from 'n8n-workflow';

/**
 * One entry of `executedCallActions`. HighLevel's REST API names the id `actionId`, its webhook
 * `_id`; older payloads carry `description`; newer ones `triggerReceivedAt`. Everything is
 * optional here because real responses drift from the spec.
 */
export interface ExecutedCallAction extends IDataObject {
	actionId?: string;
	_id?: string;
	actionType?: string;
	actionName?: string;
	description?: string;
	actionParameters?: IDataObject | null;
	executedAt?: string;
	triggerReceivedAt?: string;
}

/** A Voice AI call log as `GET /voice-ai/dashboard/call-logs/{callId}` returns it. */
export interface CallLog extends IDataObject {
	id: string;
	agentId?: string;
	contactId?: string;
	fromNumber?: string;
	createdAt?: string;
	duration?: number;
	trialCall?: boolean;
	isAgentDeleted?: boolean;
	/** Documented as a list; checked at run time because it has arrived as null or missing. */
	executedCallActions?: IDataObject[string];
	summary?: string;
	transcript?: string;
	messageId?: string;
}

/** `GET /voice-ai/dashboard/call-logs` */
export interface CallLogPage {
	total: number;
	page: number;
	pageSize: number;
	callLogs: CallLog[];
}

/**
 * Reads a node parameter. Contexts differ (an execution reads per item, a trigger has no items),
 * so shared readers take this instead of a context.
 */
export type ParameterReader = (name: string, fallback?: unknown) => unknown;
