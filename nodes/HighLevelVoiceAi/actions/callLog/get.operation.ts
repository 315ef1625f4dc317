import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CallLog } from '../../helpers/callLog';
import { isCallLog } from '../../helpers/callLog';
import { requireId } from '../../helpers/validation';
import type { VoiceAiClient } from '../../transport';
import { optionsCollection, outputModeProperty } from '../common.descriptions';
import { emitCallLog, readOutputSettings } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 507f1f77bcf86cd799439011',
		description:
			'The ID of the Voice AI call. Each input item is one call: drag the ID field from the previous node here.',
	},
	outputModeProperty('actions'),
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callLog'], operation: ['get'] } },
	properties,
);

/** `GET /voice-ai/dashboard/call-logs/{callId}` for one input item. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<IDataObject[]> {
	const callId = requireId('Call ID', this.getNodeParameter('callId', itemIndex));
	const settings = readOutputSettings(this, itemIndex);
	const callLog = await client.get<CallLog>({
		path: `/voice-ai/dashboard/call-logs/${callId}`,
		subject: { noun: 'call log', id: callId },
		itemIndex,
		expect: isCallLog,
	});
	return emitCallLog(this, callLog, settings);
}
