import seed from '../../../sandbox/fixtures/seed-call-log.json';
import { generateCallLogs } from '../../../sandbox/data';
import {
	canonicalTranscript,
	formatTranscript,
	formatTurns,
	parseTranscript,
} from '../../../nodes/HighLevelVoiceAi/helpers/transcript';

describe('parseTranscript on transcripts as HighLevel writes them', () => {
	it('reads the documented example (sandbox/fixtures/seed-call-log.json)', () => {
		expect(parseTranscript(seed.transcript)).toEqual([
			{ speaker: 'bot', text: 'Hello, how can I help you today?' },
			{ speaker: 'human', text: 'I would like to know about your pricing...' },
		]);
	});

	it('reads a generated sandbox call turn by turn, the caller and the agent taking turns', () => {
		const [call] = generateCallLogs({ count: 1 });
		const lines = String(call.transcript).split('\n');
		const turns = parseTranscript(String(call.transcript));
		expect(turns).toHaveLength(lines.length);
		expect(turns[0]).toEqual({
			speaker: 'bot',
			text: 'Thanks for calling Sunrise Dental, this is your assistant. How can I help?',
		});
		expect(turns[1].speaker).toBe('human');
		expect(turns[1].text).toMatch(/^Hi, this is \w+ \w+\.$/);
		expect(turns.at(-1)).toEqual({ speaker: 'human', text: 'No, that is all. Thanks!' });
	});

	it('reads "bot:"/"human:" without a space after the colon, as a real VoiceAiCallEnd had it', () => {
		expect(parseTranscript('bot:Hi, Sunrise Dental.\nhuman:Hi! I need a cleaning.')).toEqual([
			{ speaker: 'bot', text: 'Hi, Sunrise Dental.' },
			{ speaker: 'human', text: 'Hi! I need a cleaning.' },
		]);
	});

	it('continues a turn over lines without a speaker, keeping their line breaks', () => {
		const transcript = [
			'bot: Our hours are:',
			'Monday to Friday, 8 to 6.',
			'Saturday, 8 to 2.',
			'human: Thanks.',
		].join('\n');
		expect(parseTranscript(transcript)).toEqual([
			{ speaker: 'bot', text: 'Our hours are:\nMonday to Friday, 8 to 6.\nSaturday, 8 to 2.' },
			{ speaker: 'human', text: 'Thanks.' },
		]);
	});

	it('lowercases the speaker, allows spaces around it, and reads \\r\\n line ends', () => {
		expect(parseTranscript('Bot : Hello\r\n  HUMAN:  Hi there  \r\n')).toEqual([
			{ speaker: 'bot', text: 'Hello' },
			{ speaker: 'human', text: 'Hi there' },
		]);
	});

	it('keeps a speaker line with nothing after it as an empty turn, and the next line as a turn of its own', () => {
		expect(parseTranscript('bot:\nhuman: Hello?\nbot: Sorry, yes.')).toEqual([
			{ speaker: 'bot', text: '' },
			{ speaker: 'human', text: 'Hello?' },
			{ speaker: 'bot', text: 'Sorry, yes.' },
		]);
	});

	it('gives text before the first speaker line a null speaker, and drops it when blank', () => {
		expect(parseTranscript('[call connected]\nbot: Hello')).toEqual([
			{ speaker: null, text: '[call connected]' },
			{ speaker: 'bot', text: 'Hello' },
		]);
		expect(parseTranscript('\n  \nbot: Hello')).toEqual([{ speaker: 'bot', text: 'Hello' }]);
	});

	it('takes a speaker only at the start of a line, and only bot or human', () => {
		expect(
			parseTranscript('human: I said bot: hi\nagent: not a speaker\nbottle: nor this'),
		).toEqual([
			{ speaker: 'human', text: 'I said bot: hi\nagent: not a speaker\nbottle: nor this' },
		]);
	});

	it('gives no turn for an empty transcript', () => {
		expect(parseTranscript('')).toEqual([]);
		expect(parseTranscript('   \n ')).toEqual([]);
	});
});

describe('formatTurns and canonicalTranscript', () => {
	it('writes the turns back as HighLevel writes them', () => {
		expect(
			formatTurns([
				{ speaker: null, text: 'intro' },
				{ speaker: 'bot', text: 'Hi\nthere' },
				{ speaker: 'human', text: '' },
			]),
		).toBe('intro\nbot: Hi\nthere\nhuman: ');
	});

	it('compares transcripts by their words, their speakers and their order only', () => {
		expect(canonicalTranscript('Bot :Hello \r\n\r\n human:  Hi\n  there ')).toBe(
			'bot: Hello human: Hi there',
		);
		expect(canonicalTranscript('bot: a\nhuman: b')).not.toBe(
			canonicalTranscript('human: a\nbot: b'),
		);
	});

	it('round-trips the documented example and every generated sandbox transcript', () => {
		for (const transcript of [
			seed.transcript,
			...generateCallLogs({ count: 60 }).map((call) => String(call.transcript)),
		]) {
			expect(formatTurns(parseTranscript(transcript))).toBe(transcript);
		}
	});
});

describe('formatTranscript (the Transcript option on an item)', () => {
	const item = { id: 'c1', transcript: 'bot: Hi\nhuman: Bye', summary: 's' };

	it('keeps the text as it is by default', () => {
		expect(formatTranscript(item, 'text')).toBe(item);
	});

	it('replaces the text by its turns, in place', () => {
		const turned = formatTranscript(item, 'turns');
		expect(Object.keys(turned)).toEqual(['id', 'transcript', 'summary']);
		expect(turned.transcript).toEqual([
			{ speaker: 'bot', text: 'Hi' },
			{ speaker: 'human', text: 'Bye' },
		]);
		expect(item.transcript).toBe('bot: Hi\nhuman: Bye');
	});

	it('leaves the transcript out', () => {
		expect(formatTranscript(item, 'omit')).toEqual({ id: 'c1', summary: 's' });
	});

	it('leaves an item without a text transcript as it is', () => {
		const withoutText = { id: 'c2', transcript: null };
		expect(formatTranscript(withoutText, 'turns')).toBe(withoutText);
		expect(formatTranscript({ id: 'c3' }, 'turns')).toEqual({ id: 'c3' });
		expect(formatTranscript({ id: 'c3' }, 'omit')).toEqual({ id: 'c3' });
	});
});
