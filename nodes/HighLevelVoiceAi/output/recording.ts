import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RecordingSettings } from '../descriptions/recording';
import type { CallLog } from '../helpers/callLog';
import { recordingFile, recordingPath } from '../helpers/recording';
import type { VoiceAiClient } from '../transport';
import type { NoteContext } from './callLogItems';
import { reportNotes } from './callLogItems';

/** What attaching a recording needs of n8n: notes, and a way to store a file as binary data. */
export interface RecordingContext extends NoteContext {
	helpers: {
		prepareBinaryData(
			binaryData: Buffer,
			filePath?: string,
			mimeType?: string,
		): Promise<IBinaryData>;
	};
}

const MESSAGE_ID = /^[A-Za-z0-9_-]{1,128}$/;

type Fetched = { binary: IBinaryData } | { missing: string };

/**
 * Downloads the call's recording and puts it on the first of the call's items, as the binary
 * field the user named; a call without one (no messageId, HighLevel has none, it is larger than
 * the limit, or the answer is not audio) instead gets `recordingError` on that item and a hint,
 * and the run goes on. Anything else (a missing scope, HighLevel unavailable) stops the item like
 * any other request. Only the first item: n8n keeps each item's binary data with the execution,
 * so one recording on each of a call's action items would be stored once per action.
 */
export async function attachRecording(
	context: RecordingContext,
	client: VoiceAiClient,
	callLog: CallLog,
	items: INodeExecutionData[],
	settings: RecordingSettings,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	// "Output Nothing" left no item to carry it, so nothing is downloaded.
	if (items.length === 0) return items;
	const fetched = await fetchRecording(context, client, callLog, settings, itemIndex);
	const [first, ...rest] = items;
	if ('missing' in fetched) {
		reportNotes(context, [`Call ${callLog.id}: no recording. ${fetched.missing}`]);
		const json: IDataObject = { ...first.json, recordingError: fetched.missing };
		return [{ ...first, json }, ...rest];
	}
	return [
		{ ...first, binary: { ...first.binary, [settings.binaryProperty]: fetched.binary } },
		...rest,
	];
}

async function fetchRecording(
	context: RecordingContext,
	client: VoiceAiClient,
	callLog: CallLog,
	settings: RecordingSettings,
	itemIndex: number,
): Promise<Fetched> {
	const { messageId } = callLog;
	if (typeof messageId !== 'string' || messageId === '') {
		return { missing: 'The call log has no messageId, which HighLevel keeps recordings by.' };
	}
	if (!MESSAGE_ID.test(messageId)) {
		return { missing: 'The call log’s messageId is not an id HighLevel uses.' };
	}
	const outcome = await client
		.requestBinary({
			path: recordingPath(messageId, client.settings.locationId),
			// The location is part of the path; HighLevel's Conversations API takes no query for it.
			locationInQuery: false,
			scope: 'conversations/message.readonly',
			subject: { noun: 'recording of call', id: callLog.id },
			itemIndex,
			maxBytes: settings.maxBytes,
		})
		.then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
	if ('error' in outcome) {
		const missing =
			outcome.error instanceof NodeApiError ? noRecording(outcome.error, settings) : undefined;
		// Anything else (a missing scope, HighLevel unavailable) stops the item as it is.
		if (missing === undefined) throw outcome.error;
		return { missing };
	}
	const { answer } = outcome;
	const file = recordingFile(callLog.id, answer.contentType);
	if ('notAudio' in file) {
		return { missing: `HighLevel answered with ${file.notAudio} instead of audio.` };
	}
	if (answer.bytes.byteLength === 0)
		return { missing: 'HighLevel answered with an empty recording.' };
	const bytes = Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength);
	return { binary: await context.helpers.prepareBinaryData(bytes, file.fileName, file.mimeType) };
}

/** Why there is no recording, when the failure means just that; undefined for real failures. */
function noRecording(error: NodeApiError, settings: RecordingSettings): string | undefined {
	if (error.context.reason === 'notFound') {
		return `HighLevel has no recording of this call (HTTP ${error.httpCode}).`;
	}
	if (error.context.reason === 'tooLarge') {
		return `The recording is larger than ${settings.maxBytes / 1024 / 1024} MB (Max Recording Size), so it was not downloaded.`;
	}
	return undefined;
}
