import type { IDataObject } from 'n8n-workflow';

/**
 * HighLevel writes a Voice AI transcript as lines that start with the speaker, `bot:` for the
 * agent and `human:` for the caller, sometimes without a space after the colon (a real
 * VoiceAiCallEnd capture shows `bot:Hello`). One utterance can run over several lines: a line
 * without a speaker prefix continues the turn before it.
 */

/** The speakers HighLevel writes, lowercased; null for text before the first speaker line. */
export type Speaker = 'bot' | 'human';

export interface TranscriptTurn extends IDataObject {
	speaker: Speaker | null;
	text: string;
}

/** How the Transcript option outputs a call's transcript. */
export type TranscriptFormat = 'text' | 'turns' | 'omit';

export const TRANSCRIPT_FORMATS: readonly TranscriptFormat[] = ['text', 'turns', 'omit'];

/**
 * A line that starts a turn: the speaker (any case, whitespace allowed around it) and a colon.
 * Lines hold no line feed or carriage return here, so `\s` only meets spaces, tabs and kin.
 */
const SPEAKER_LINE = /^\s*(bot|human)\s*:/i;

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Splits a transcript into turns, in order. A turn's text is the rest of its speaker line and the
 * lines that continue it, joined with "\n" and trimmed at both ends (so blank lines between turns
 * and the spaces after the colon are not part of it; inner lines are kept as they are). Text
 * before the first speaker line, if any, is a turn whose speaker is null. A speaker line with
 * nothing after it is a turn with empty text, so no speaker change is lost.
 *
 * `formatTurns(parseTranscript(t))` gives back `t` up to whitespace, as `canonicalTranscript`
 * defines it (the unit tests check that property on arbitrary text).
 */
export function parseTranscript(transcript: string): TranscriptTurn[] {
	const turns: TranscriptTurn[] = [];
	let speaker: Speaker | null = null;
	let lines: string[] = [];
	let started = false;
	const close = () => {
		const text = lines.join('\n').trim();
		// Only text before the first speaker can be dropped, and only when it is blank.
		if (started || text !== '') turns.push({ speaker, text });
	};
	for (const line of transcript.split(LINE_BREAK)) {
		const match = SPEAKER_LINE.exec(line);
		if (!match) {
			lines.push(line);
			continue;
		}
		close();
		started = true;
		speaker = match[1].toLowerCase() as Speaker;
		lines = [line.slice(match[0].length)];
	}
	close();
	return turns;
}

/** The turns as transcript text again: `speaker: text` per turn, one turn after another. */
export function formatTurns(turns: readonly TranscriptTurn[]): string {
	return turns
		.map((turn) => (turn.speaker === null ? turn.text : `${turn.speaker}: ${turn.text}`))
		.join('\n');
}

/**
 * The normal form two transcripts are compared in: every speaker prefix written as `bot: ` or
 * `human: ` (lowercase, no space before the colon, one after it), then every run of whitespace
 * (line breaks included) made one space, and both ends trimmed. Two transcripts with the same
 * canonical form say the same words, by the same speakers, in the same order.
 */
export function canonicalTranscript(transcript: string): string {
	return transcript
		.split(LINE_BREAK)
		.map((line) => {
			const match = SPEAKER_LINE.exec(line);
			return match ? `${match[1].toLowerCase()}: ${line.slice(match[0].length)}` : line;
		})
		.join('\n')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Applies the Transcript option to an item that may carry a `transcript`: kept as text, replaced
 * by its turns, or left out. A transcript that is not text (absent, null) is left as it is, so
 * "turns" never invents an empty conversation.
 */
export function formatTranscript(item: IDataObject, format: TranscriptFormat): IDataObject {
	if (format === 'text' || !('transcript' in item)) return item;
	const { transcript, ...rest } = item;
	if (format === 'omit') return rest;
	if (typeof transcript !== 'string') return item;
	return { ...item, transcript: parseTranscript(transcript) };
}
