/**
 * A call's recording, as HighLevel's Conversations API serves it for the call's `messageId`:
 * `GET /conversations/messages/{messageId}/locations/{locationId}/recording`, answered with the
 * audio (documented as audio/x-wav). Pure: where to ask, and what to call the file.
 */

/** The MIME type HighLevel documents for recordings, used when the answer names none. */
export const DEFAULT_RECORDING_MIME_TYPE = 'audio/x-wav';

/** Where the recording lives: the message id and the location go into the path. */
export function recordingPath(messageId: string, locationId: string): string {
	return `/conversations/messages/${messageId}/locations/${locationId}/recording`;
}

/** File extensions for the audio types a recording may come as; anything else is a .wav. */
const EXTENSIONS: Record<string, string> = {
	'audio/mp4': 'm4a',
	'audio/mpeg': 'mp3',
	'audio/ogg': 'ogg',
	'audio/webm': 'webm',
};

export type RecordingFile = { fileName: string; mimeType: string } | { notAudio: string };

/**
 * The file the recording becomes: `<callId>.wav` with the answer's MIME type, or audio/x-wav
 * when the answer names none or only a generic one (application/octet-stream). An answer that
 * says it is JSON, text or a web page is no recording: `notAudio` says what it was instead.
 */
export function recordingFile(callId: string, contentType: string | undefined): RecordingFile {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (/^(application\/(json|problem\+json|xml)|text\/)/.test(type)) return { notAudio: type };
	const mimeType =
		type === '' || type === 'application/octet-stream' ? DEFAULT_RECORDING_MIME_TYPE : type;
	return { fileName: `${callId}.${EXTENSIONS[mimeType] ?? 'wav'}`, mimeType };
}

/** Megabytes as the option gives them, in bytes. */
export function megabytes(count: number): number {
	return count * 1024 * 1024;
}
