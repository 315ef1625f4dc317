'use strict';
// `npm run release -- <patch|minor|major|X.Y.Z> [--dry-run] [--push]`: prepares a release on a
// clean main branch. It runs every check CI runs before publishing (tests, community-node lint,
// workflow validation, the scanner's lint legs), dates the "Unreleased" section of CHANGELOG.md as
// the new version, sets the version in package.json and package-lock.json, commits, and tags the
// commit with the bare version (0.2.0). Pushing that tag runs .github/workflows/publish.yml,
// which publishes to npm with provenance; nothing is published from this machine.
//
// Why not `n8n-node release`: it regenerates CHANGELOG.md from commit messages (auto-changelog)
// and needs release-it; this keeps the hand-written changelog and adds no dependency.

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const PROJECT_DIR = path.resolve(__dirname, '..');
const CHANGELOG = path.join(PROJECT_DIR, 'CHANGELOG.md');
const RELEASE_BRANCH = 'main';
const UNRELEASED_HEADING = /^## \[Unreleased\][^\n]*\n/m;

/** The version after `current` for a bump keyword, or an explicit X.Y.Z (never a downgrade). */
function nextVersion(current, bump) {
	const parse = (version) => {
		const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
		if (!match) throw new Error(`"${version}" is not a plain X.Y.Z version`);
		return match.slice(1).map(Number);
	};
	const [major, minor, patch] = parse(current);
	if (bump === 'major') return `${major + 1}.0.0`;
	if (bump === 'minor') return `${major}.${minor + 1}.0`;
	if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
	const target = parse(bump);
	const order = target.findIndex((part, index) => part !== [major, minor, patch][index]);
	if (order >= 0 && target[order] < [major, minor, patch][order])
		throw new Error(`${bump} is older than the current version ${current}`);
	return target.join('.');
}

/**
 * Turns the "## [Unreleased]" section into "## [version] - date" and opens a new, empty
 * Unreleased section above it. Refuses an empty section or a version that is already there.
 */
function releaseChangelog(text, version, date) {
	const heading = UNRELEASED_HEADING.exec(text);
	if (!heading) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
	if (new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm').test(text))
		throw new Error(`CHANGELOG.md already has a section for ${version}`);
	const start = heading.index + heading[0].length;
	const next = text.slice(start).search(/^## /m);
	const body = next < 0 ? text.slice(start) : text.slice(start, start + next);
	if (!/^\s*[-*] \S/m.test(body))
		throw new Error('the Unreleased section of CHANGELOG.md lists no changes');
	return `${text.slice(0, heading.index)}## [Unreleased]\n\n## [${version}] - ${date}\n${text.slice(start)}`;
}

function run(command, args, { capture = false } = {}) {
	const result = spawnSync(command, args, {
		cwd: PROJECT_DIR,
		encoding: 'utf8',
		stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
	});
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
	return capture ? result.stdout.trim() : '';
}

function main() {
	const args = process.argv.slice(2);
	const dryRun = args.includes('--dry-run');
	const push = args.includes('--push');
	const [bump] = args.filter((arg) => !arg.startsWith('--'));
	if (!bump)
		throw new Error('usage: npm run release -- <patch|minor|major|X.Y.Z> [--dry-run] [--push]');

	const current = JSON.parse(
		fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8'),
	).version;
	const version = nextVersion(current, bump);
	const tags = run('git', ['tag', '--list', version], { capture: true });
	if (tags) throw new Error(`tag ${version} already exists`);
	const date = new Date().toISOString().slice(0, 10);
	const changelog = releaseChangelog(fs.readFileSync(CHANGELOG, 'utf8'), version, date);

	const branch = run('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { capture: true });
	const dirty = run('git', ['status', '--porcelain'], { capture: true });
	console.log(`release ${current} -> ${version} (${date}) from branch ${branch}`);
	if (dryRun) {
		console.log('dry run: nothing checked, changed, committed or tagged');
		if (branch !== RELEASE_BRANCH) console.log(`(a real release needs branch ${RELEASE_BRANCH})`);
		if (dirty) console.log('(a real release needs a clean work tree)');
		return;
	}
	if (branch !== RELEASE_BRANCH)
		throw new Error(`releases are made from ${RELEASE_BRANCH}, not ${branch}`);
	if (dirty) throw new Error(`the work tree has uncommitted changes:\n${dirty}`);

	// The checks publish.yml runs, so a tag never triggers a publish that is bound to fail.
	run('npm', ['test']);
	run('npm', ['run', 'lint']);
	run('npm', ['run', 'lint:workflows']);
	run('npm', ['run', 'scan']);

	fs.writeFileSync(CHANGELOG, changelog);
	run('npm', ['version', version, '--no-git-tag-version', '--allow-same-version']);
	run('git', ['add', 'CHANGELOG.md', 'package.json', 'package-lock.json']);
	run('git', ['commit', '-m', `Release ${version}`]);
	run('git', ['tag', '-a', version, '-m', `Release ${version}`]);
	if (push) {
		run('git', ['push', '--atomic', 'origin', RELEASE_BRANCH, version]);
		console.log(`pushed ${version}: the Publish workflow now publishes it to npm`);
	} else {
		console.log(
			`tagged ${version}. Publish by pushing the tag: git push --atomic origin ${RELEASE_BRANCH} ${version}`,
		);
	}
}

if (require.main === module) {
	try {
		main();
	} catch (error) {
		console.error(`release: ${error.message}`);
		process.exitCode = 1;
	}
}

module.exports = { nextVersion, releaseChangelog };
