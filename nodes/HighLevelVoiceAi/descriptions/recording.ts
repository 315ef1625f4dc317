import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/interfaces';
import { megabytes } from '../helpers/recording';
import { booleanValue, integerInRange, requireText } from '../helpers/validation';

/**
 * Call Log → Get's recording options (in its Options collection) and their reader. The recording
 * is fetched in output/recording.ts.
 */

const MAX_RECORDING_MB = 1024;

export const recordingOptions: INodeProperties[] = [
	{
		displayName: 'Download Recording',
		name: 'downloadRecording',
		type: 'boolean',
		default: false,
		description:
			'Whether to add the call’s recording to the output as a file (binary data), one request more per call. Needs the scope conversations/message.readonly ("View Conversation Messages"). A call without a recording still gives its items, with recordingError saying why.',
	},
	{
		displayName: 'Max Recording Size (MB)',
		name: 'maxRecordingSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RECORDING_MB },
		default: 50,
		displayOptions: { show: { downloadRecording: [true] } },
		description:
			'A larger recording is not downloaded (its items say so in recordingError), so one long call cannot fill n8n’s memory. Uncompressed phone audio (WAV, 8 kHz, 16-bit) takes about 1 MB per minute of call.',
	},
	{
		displayName: 'Put Recording in Field',
		name: 'recordingBinaryProperty',
		type: 'string',
		default: 'recording',
		displayOptions: { show: { downloadRecording: [true] } },
		description: 'The name of the binary field the recording goes into',
	},
];

export interface RecordingSettings {
	maxBytes: number;
	binaryProperty: string;
}

/** The recording settings when Download Recording is on; undefined otherwise. */
export function readRecordingSettings(parameter: ParameterReader): RecordingSettings | undefined {
	const options = (parameter('options', {}) ?? {}) as Record<string, unknown>;
	if (!booleanValue('Download Recording', options.downloadRecording ?? false)) return undefined;
	return {
		maxBytes: megabytes(
			integerInRange(
				'Max Recording Size (MB)',
				options.maxRecordingSize ?? 50,
				1,
				MAX_RECORDING_MB,
			),
		),
		binaryProperty: requireText(
			'Put Recording in Field',
			options.recordingBinaryProperty ?? 'recording',
		),
	};
}
