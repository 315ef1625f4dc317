import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	callLogFieldsProperties,
	callLogOutputOptions,
	outputModeProperty,
	readOutputSettings,
} from '../../descriptions/callLogOutput';
import { callLocator, readPickedId } from '../../descriptions/locators';
import { readRecordingSettings, recordingOptions } from '../../descriptions/recording';
import { optionsCollection } from '../../descriptions/requestOptions';
import type { CallLog } from '../../helpers/callLog';
import { callLogItems } from '../../output/callLogItems';
import { attachRecording } from '../../output/recording';
import type { VoiceAiClient } from '../../transport';
import { NOT_THE_SUBJECT } from '../../transport';

const properties: INodeProperties[] = [
	callLocator(),
	outputModeProperty('actions'),
	...callLogFieldsProperties(),
	optionsCollection([...callLogOutputOptions, ...recordingOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callLog'], operation: ['get'] } },
	properties,
);

/**
 * `GET /voice-ai/dashboard/call-logs/{callId}` for one input item, and with Download Recording the
 * call's recording (see output/recording.ts).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	// A picker now; workflows saved before it hold the ID as plain text, which reads the same.
	const callId = readPickedId(this, 'callId', 'Call ID', itemIndex);
	const parameter = (name: string, fallback?: unknown) =>
		this.getNodeParameter(name, itemIndex, fallback);
	const settings = readOutputSettings(parameter);
	const recording = readRecordingSettings(parameter);
	const callLog = await client.request<CallLog>({
		path: `/voice-ai/dashboard/call-logs/${callId}`,
		scope: 'voice-ai-dashboard.readonly',
		subject: { noun: 'call log', id: callId },
		itemIndex,
		check: (body) => {
			if (typeof body.id !== 'string' || body.id === '') return NOT_THE_SUBJECT;
			return body.id === callId ? undefined : `is call log ${body.id}, not the one asked for`;
		},
	});
	const items = callLogItems(this, callLog, settings);
	if (!recording) return items;
	return await attachRecording(this, client, callLog, items, recording, itemIndex);
}
