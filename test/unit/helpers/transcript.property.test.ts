import fc from 'fast-check';

import type { TranscriptTurn } from '../../../nodes/HighLevelVoiceAi/helpers/transcript';
import {
	canonicalTranscript,
	formatTurns,
	parseTranscript,
} from '../../../nodes/HighLevelVoiceAi/helpers/transcript';
import { NUM_RUNS } from '../../tables/arbitraries';

/**
 * Transcripts made of the pieces that matter: speaker prefixes in every spelling HighLevel (or a
 * person) might use, text that mentions a speaker mid-line, blank lines, every kind of line end
 * and whitespace, and arbitrary text.
 */
const pieceArb = fc.oneof(
	fc.constantFrom(
		'bot:',
		'human:',
		'Bot :',
		'HUMAN:',
		' bot: ',
		'\thuman:\t',
		'\u00a0bot:',
		'bot',
		'human',
		':',
		'bottle:',
		'agent:',
		'I said bot: hi',
		' ',
		'\t',
		'\u00a0',
		'\u2028',
		'',
	),
	fc.string({ maxLength: 12 }),
	fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const lineEndArb = fc.constantFrom('\n', '\r\n', '\r', '\n\n');
const transcriptArb = fc
	.array(fc.tuple(fc.array(pieceArb, { maxLength: 4 }), lineEndArb), { maxLength: 12 })
	.map((lines) => lines.map(([pieces, end]) => pieces.join('') + end).join(''));

describe('parseTranscript (property-based)', () => {
	it('keeps the content: joining the turns with their speaker prefixes gives back the transcript, up to whitespace and how prefixes are spelt', () => {
		fc.assert(
			fc.property(transcriptArb, (transcript) => {
				expect(canonicalTranscript(formatTurns(parseTranscript(transcript)))).toBe(
					canonicalTranscript(transcript),
				);
			}),
			{ numRuns: NUM_RUNS },
		);
	});

	it('is stable: the joined turns parse into the same turns', () => {
		fc.assert(
			fc.property(transcriptArb, (transcript) => {
				const turns = parseTranscript(transcript);
				expect(parseTranscript(formatTurns(turns))).toEqual(turns);
			}),
			{ numRuns: NUM_RUNS },
		);
	});

	it('gives trimmed texts, known speakers, and a null speaker only first', () => {
		fc.assert(
			fc.property(transcriptArb, (transcript) => {
				parseTranscript(transcript).forEach((turn: TranscriptTurn, index) => {
					expect(turn.text).toBe(turn.text.trim());
					expect([null, 'bot', 'human']).toContain(turn.speaker);
					if (turn.speaker === null) {
						expect(index).toBe(0);
						expect(turn.text).not.toBe('');
					}
				});
			}),
			{ numRuns: NUM_RUNS },
		);
	});

	it('never throws, whatever text it is given', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				parseTranscript(text);
			}),
			{ numRuns: NUM_RUNS },
		);
	});
});
