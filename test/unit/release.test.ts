import { nextVersion, releaseChangelog } from '../../scripts/release';
import { readProjectFile } from '../harness/pack';

describe('nextVersion', () => {
	it('bumps patch, minor and major', () => {
		expect(nextVersion('0.1.0', 'patch')).toBe('0.1.1');
		expect(nextVersion('0.1.7', 'minor')).toBe('0.2.0');
		expect(nextVersion('0.9.3', 'major')).toBe('1.0.0');
	});

	it('takes an explicit version, including the current one for a first release', () => {
		expect(nextVersion('0.1.0', '0.3.0')).toBe('0.3.0');
		expect(nextVersion('0.1.0', '0.1.0')).toBe('0.1.0');
	});

	it('refuses a downgrade and anything but X.Y.Z', () => {
		expect(() => nextVersion('0.2.0', '0.1.9')).toThrow('older than the current version');
		expect(() => nextVersion('1.0.0', '0.9.0')).toThrow('older than the current version');
		expect(() => nextVersion('0.1.0', 'v0.2.0')).toThrow('not a plain X.Y.Z version');
		expect(() => nextVersion('0.1.0', '0.2.0-rc.1')).toThrow('not a plain X.Y.Z version');
	});
});

describe('releaseChangelog', () => {
	const changelog = [
		'# Changelog',
		'',
		'## [Unreleased]',
		'',
		'### Added',
		'',
		'- Get Many: a Limit.',
		'',
		'## [0.1.0] - 2026-12-01',
		'',
		'- First release.',
		'',
	].join('\n');

	it('dates the Unreleased section as the version and opens an empty one above it', () => {
		expect(releaseChangelog(changelog, '0.2.0', '2027-01-15')).toBe(
			[
				'# Changelog',
				'',
				'## [Unreleased]',
				'',
				'## [0.2.0] - 2027-01-15',
				'',
				'### Added',
				'',
				'- Get Many: a Limit.',
				'',
				'## [0.1.0] - 2026-12-01',
				'',
				'- First release.',
				'',
			].join('\n'),
		);
	});

	it('refuses an Unreleased section without entries', () => {
		const empty = releaseChangelog(changelog, '0.2.0', '2027-01-15');
		expect(() => releaseChangelog(empty, '0.3.0', '2027-02-01')).toThrow('lists no changes');
	});

	it('refuses a version that already has a section, and a changelog without Unreleased', () => {
		expect(() => releaseChangelog(changelog, '0.1.0', '2027-01-15')).toThrow('already has');
		expect(() => releaseChangelog('# Changelog\n', '0.2.0', '2027-01-15')).toThrow(
			'no "## [Unreleased]" section',
		);
	});

	it('releases the current CHANGELOG.md as 0.1.0', () => {
		// The project's own changelog must be releasable as it stands.
		expect(releaseChangelog(readProjectFile('CHANGELOG.md'), '0.1.0', '2027-01-15')).toContain(
			'## [0.1.0] - 2027-01-15\n\nFirst release',
		);
	});
});
