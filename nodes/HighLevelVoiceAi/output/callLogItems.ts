import type { IDataObject, INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';

import type { CallLog, CallLogItemSettings } from '../helpers/callLog';
import { callLogToItems } from '../helpers/callLog';
import { selectFields } from '../helpers/simplify';
import { formatTranscript } from '../helpers/transcript';
import { InvalidInputError } from '../helpers/validation';

/**
 * What the output pipeline needs from n8n: a logger and, where the context has them (the node,
 * not the triggers), execution hints. Narrow on purpose, so the node and both triggers share it.
 */
export interface NoteContext {
	logger: { warn(message: string): void };
	addExecutionHints?: (...hints: NodeExecutionHint[]) => void;
}

/** Tells the user, through an execution hint (output panel) and n8n's log, what was left out. */
export function reportNotes(context: NoteContext, notes: string[]): void {
	for (const message of notes) {
		context.logger.warn(message);
		context.addExecutionHints?.({ message, type: 'info', location: 'outputPane' });
	}
}

/**
 * Turns one call log into output items as the output settings ask (one per call or per executed
 * action, then the Output fields and the Transcript format), and reports anything the call log
 * held that could not become an item. `actionExtras` makes fields to add to every executed-action
 * item before the fields are chosen (the webhook's delivery fields, a fresh copy each time).
 */
export function callLogItems(
	context: NoteContext,
	callLog: CallLog,
	settings: CallLogItemSettings,
	actionExtras?: () => IDataObject,
): INodeExecutionData[] {
	const output = callLogToItems(callLog, settings);
	const notes: string[] = [];
	if (output.skippedEntries > 0) {
		notes.push(
			`skipped ${output.skippedEntries} entr${output.skippedEntries === 1 ? 'y' : 'ies'} of executedCallActions that ${output.skippedEntries === 1 ? 'was not an object' : 'were not objects'}`,
		);
	}
	if (output.malformedActionList)
		notes.push('ignored executedCallActions because it was not a list');
	if (output.noActions && settings.whenNoActions === 'skip') {
		notes.push('output nothing because the call has no matching executed actions');
	}
	if (notes.length > 0) reportNotes(context, [`Call ${callLog.id}: ${notes.join('; ')}`]);
	if (output.noActions && settings.whenNoActions === 'error') {
		throw new InvalidInputError(
			'When a Call Has No Actions',
			`Call ${callLog.id} has no ${settings.actionTypes.length > 0 ? 'matching ' : ''}executed actions`,
			'Set the option "When a Call Has No Actions" to output one item for the call, or nothing, if such calls are expected.',
		);
	}
	const shape = settings.mode === 'callLogs' ? 'callLog' : 'executedAction';
	return output.items.map((item) => {
		const whole =
			actionExtras && shape === 'executedAction' ? { ...item, ...actionExtras() } : item;
		return {
			json: formatTranscript(selectFields(whole, shape, settings.fields), settings.transcript),
		};
	});
}
