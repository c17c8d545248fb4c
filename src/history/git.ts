// Git, when the project folder is a repository: who the user is, and a save as a commit.
// Run with fixed arguments (execFile, never a shell); a path is passed after "--", so no file
// name can be read as an option.
import { execFile, execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

function git(root: string, args: string[], env?: NodeJS.ProcessEnv, raw = false): string | undefined {
  try {
    const out = execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, timeout: 20_000, maxBuffer: 16 * 1024 * 1024 });
    return raw ? out : out.trim();
  } catch {
    return undefined;
  }
}

/** The same, without blocking: a save's commit runs while the studio answers. */
function gitLater(root: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((done) => execFile('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 }, (e, out) => done(e ? undefined : out.trim())));
}

/** What git says of a folder, kept a few seconds: a save asks it every time, it rarely changes. */
const asked = new Map<string, { at: number; value: string | boolean }>();
function recently<T extends string | boolean>(key: string, compute: () => T): T {
  const kept = asked.get(key);
  if (kept && Date.now() - kept.at < 5000) return kept.value as T;
  const value = compute();
  asked.set(key, { at: Date.now(), value });
  return value;
}

/** The project folder is the top of a git work tree (not a folder inside someone else's repository). */
export function isRepository(root: string): boolean {
  return recently(`repo ${root}`, () => {
    const top = git(root, ['rev-parse', '--show-toplevel']);
    return !!top && git(root, ['rev-parse', '--show-prefix']) === '';
  });
}

/** Who is working: the git identity when there is one, else the account's name. */
export function person(root: string): string {
  return recently(`person ${root}`, () => {
    const name = git(root, ['config', 'user.name']);
    if (name) {
      const email = git(root, ['config', 'user.email']);
      return email ? `${name} <${email}>` : name;
    }
    return userInfo().username;
  });
}

/**
 * Commit these files (paths relative to the project), and only them: what else the user
 * staged stays staged and uncommitted. Resolves to the new commit's id, or undefined when git
 * refused (a hook): the change stands, the local history has it.
 */
export async function commitFiles(root: string, files: string[], message: string): Promise<string | undefined> {
  if (!files.length) return undefined;
  await gitLater(root, ['add', '--all', '--', ...files]);
  const me = userInfo().username;
  const named = recently(`name ${root}`, () => git(root, ['config', 'user.name']) ?? '');
  const env = !named ? { GIT_AUTHOR_NAME: me, GIT_AUTHOR_EMAIL: `${me}@localhost`, GIT_COMMITTER_NAME: me, GIT_COMMITTER_EMAIL: `${me}@localhost` } : undefined;
  if ((await gitLater(root, ['commit', '--quiet', '-m', message, '--only', '--', ...files], env)) === undefined) return undefined;
  return gitLater(root, ['rev-parse', 'HEAD']);
}

export interface Commit {
  commit: string;
  author: string;
  at: string;
  message: string;
  /** The studio change it records (its `Studio-Change:` trailer), when the studio made it. */
  change?: string;
}

/** The commits that changed a file, newest first (renames followed). */
export function commitsOf(root: string, file: string, max = 200): Commit[] {
  const out = git(root, ['log', `--max-count=${max}`, '--follow', '--format=%H%x1f%an <%ae>%x1f%aI%x1f%s%x1f%b%x1e', '--', file]);
  if (!out) return [];
  return out
    .split('\x1e')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [commit, author, at, message, body] = l.split('\x1f');
      const change = (body ?? '').match(/^Studio-Change: ([0-9a-f-]{36})$/m)?.[1];
      return { commit: commit!, author: author!, at: at!, message: message ?? '', ...(change ? { change } : {}) };
    });
}

/** A file as a commit left it (undefined when it did not exist there). */
export function fileAt(root: string, commit: string, file: string): string | undefined {
  if (!/^[0-9a-f]{7,64}(~1)?$/.test(commit)) return undefined;
  return git(root, ['show', `${commit}:${file}`], undefined, true); // the text as it was, its last newline too
}
