import type { IDataObject } from 'n8n-workflow';

import type { CallLog, ExecutedCallAction } from './interfaces';
import { redactSecrets } from './redact';
import type { FieldSelection } from './simplify';
import type { TranscriptFormat } from './transcript';

export type { CallLog, CallLogPage, ExecutedCallAction } from './interfaces';

export interface SplitOptions {
	/** Keep only these action types; empty keeps every action, unknown types included. */
	actionTypes: readonly string[];
	/** Replace secrets anywhere in the item (on by default in the node). */
	redact: boolean;
}

export interface SplitResult {
	/** One object per matching executed action, in the order HighLevel returned them. */
	actions: IDataObject[];
	/** Entries of `executedCallActions` that were not objects and so could not become items. */
	skippedEntries: number;
	/** `executedCallActions` was present but not a list (it was ignored). */
	malformedActionList: boolean;
}

/**
 * The call fields every action item carries, so that a later step never has to look back at the
 * call: who called, which agent answered, when, what was said in short, and what was extracted.
 */
export function callContext(callLog: CallLog): IDataObject {
	return {
		callId: callLog.id,
		agentId: callLog.agentId ?? null,
		contactId: callLog.contactId ?? null,
		fromNumber: callLog.fromNumber ?? null,
		callCreatedAt: callLog.createdAt ?? null,
		callDuration: callLog.duration ?? null,
		trialCall: callLog.trialCall ?? null,
		callSummary: callLog.summary ?? null,
		extractedData: isPlainObject(callLog.extractedData) ? { ...callLog.extractedData } : {},
		messageId: callLog.messageId ?? null,
	};
}

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function actionFields(action: ExecutedCallAction | null, actionIndex: number | null): IDataObject {
	return {
		actionIndex,
		actionId: action ? (action.actionId ?? action._id ?? null) : null,
		actionType: action?.actionType ?? null,
		actionName: action?.actionName ?? null,
		actionDescription: action?.description ?? null,
		executedAt: action?.executedAt ?? null,
		triggerReceivedAt: action?.triggerReceivedAt ?? null,
		actionParameters: isPlainObject(action?.actionParameters) ? action.actionParameters : {},
	};
}

/**
 * Splits a call log into one object per executed action (the node's default output). Tolerates the
 * shapes HighLevel is known to send: `_id` instead of `actionId`, no `actionParameters`,
 * `executedCallActions` null or missing, unknown action types, and stray non-object entries.
 */
export function splitExecutedActions(callLog: CallLog, options: SplitOptions): SplitResult {
	const list = callLog.executedCallActions;
	const result: SplitResult = { actions: [], skippedEntries: 0, malformedActionList: false };
	if (!Array.isArray(list)) {
		result.malformedActionList = list !== undefined && list !== null;
		return result;
	}

	const wanted = options.actionTypes.length > 0 ? new Set(options.actionTypes) : undefined;
	const context = callContext(callLog);
	list.forEach((entry: unknown, index) => {
		if (!isPlainObject(entry)) {
			result.skippedEntries++;
			return;
		}
		const action = entry as ExecutedCallAction;
		// Only text can match a filter; String() would throw on an object such as {"toString":null}.
		if (wanted && !(typeof action.actionType === 'string' && wanted.has(action.actionType))) return;
		// Object.assign, not a double spread: V8 builds `{ ...a, ...b }` through a slow path that costs
		// microseconds per item (the bench's transform figure, 1,000 actions).
		const item: IDataObject = Object.assign({}, context, actionFields(action, index));
		// Redaction deep-copies; without it, copy what a later step might mutate.
		result.actions.push(
			options.redact
				? redactSecrets(item)
				: { ...item, extractedData: { ...(context.extractedData as IDataObject) } },
		);
	});
	return result;
}

/**
 * The item for a call without (matching) executed actions: the same keys as an action item, with
 * every action field null, so downstream expressions and the schema view stay the same.
 */
export function callWithoutActions(callLog: CallLog, redact: boolean): IDataObject {
	const item = { ...callContext(callLog), ...actionFields(null, null), actionParameters: null };
	return redact ? redactSecrets(item) : item;
}

/** The whole call log as one item; secrets in the actions' parameters are redacted when asked. */
export function wholeCallLog(callLog: CallLog, redact: boolean): IDataObject {
	return redact ? redactSecrets({ ...callLog }) : { ...callLog };
}

export type OutputMode = 'actions' | 'callLogs';
export type WhenNoActions = 'emitCall' | 'skip' | 'error';

export interface OutputSettings extends SplitOptions {
	mode: OutputMode;
	whenNoActions: WhenNoActions;
}

/** Everything that shapes a call log's items: the split above, then Output and Transcript. */
export interface CallLogItemSettings extends OutputSettings {
	fields: FieldSelection;
	transcript: TranscriptFormat;
}

export interface CallLogOutput {
	items: IDataObject[];
	skippedEntries: number;
	malformedActionList: boolean;
	/** Actions output, and the call has no (matching) executed action. */
	noActions: boolean;
}

/** Turns one call log into the node's output objects, as the output settings ask. */
export function callLogToItems(callLog: CallLog, settings: OutputSettings): CallLogOutput {
	if (settings.mode === 'callLogs') {
		return {
			items: [wholeCallLog(callLog, settings.redact)],
			skippedEntries: 0,
			malformedActionList: false,
			noActions: false,
		};
	}
	const split = splitExecutedActions(callLog, settings);
	const noActions = split.actions.length === 0;
	const items =
		noActions && settings.whenNoActions === 'emitCall'
			? [callWithoutActions(callLog, settings.redact)]
			: split.actions;
	return {
		items,
		skippedEntries: split.skippedEntries,
		malformedActionList: split.malformedActionList,
		noActions,
	};
}

/** Whether a parsed body looks enough like a call log to be used. */
export function isCallLog(value: unknown): value is CallLog {
	return (
		value !== null &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		typeof (value as CallLog).id === 'string' &&
		(value as CallLog).id !== ''
	);
}
