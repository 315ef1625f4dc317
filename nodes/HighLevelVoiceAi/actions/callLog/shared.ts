import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CallLog, OutputMode, OutputSettings, WhenNoActions } from '../../helpers/callLog';
import { callLogToItems } from '../../helpers/callLog';
import { actionTypeList, booleanValue, InvalidInputError, oneOf } from '../../helpers/validation';

/** Reads the Output parameter and the output-related options of one item. */
export function readOutputSettings(context: IExecuteFunctions, itemIndex: number): OutputSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const redact = booleanValue('Redact Secrets', options.redactSecrets ?? true);
	return {
		mode: oneOf<OutputMode>('Output', context.getNodeParameter('output', itemIndex), [
			'actions',
			'callLogs',
		]),
		actionTypes: actionTypeList('Action Types', options.actionTypes),
		redact,
		whenNoActions: oneOf<WhenNoActions>(
			'When a Call Has No Actions',
			options.whenNoActions ?? 'emitCall',
			['emitCall', 'skip', 'error'],
		),
	};
}

/**
 * Turns one call log into output objects and tells the user, through an execution hint and the
 * log, about anything the call log held that could not become an item.
 */
export function emitCallLog(
	context: IExecuteFunctions,
	callLog: CallLog,
	settings: OutputSettings,
): IDataObject[] {
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
	if (notes.length > 0) {
		const message = `Call ${callLog.id}: ${notes.join('; ')}`;
		context.logger.warn(message);
		context.addExecutionHints?.({ message, type: 'info', location: 'outputPane' });
	}
	if (output.noActions && settings.whenNoActions === 'error') {
		throw new InvalidInputError(
			'When a Call Has No Actions',
			`Call ${callLog.id} has no ${settings.actionTypes.length > 0 ? 'matching ' : ''}executed actions`,
			'Set the option "When a Call Has No Actions" to output one item for the call, or nothing, if such calls are expected.',
		);
	}
	return output.items;
}
