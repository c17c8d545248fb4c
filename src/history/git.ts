// Git, when the project folder is a repository: who the user is, and a save as a commit.
// Run with fixed arguments (execFile, never a shell); a path is passed after "--", so no file
// name can be read as an option.
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

function git(root: string, args: string[], env?: NodeJS.ProcessEnv, raw = false): string | undefined {
  try {
    const out = execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, timeout: 20_000, maxBuffer: 16 * 1024 * 1024 });
    return raw ? out : out.trim();
  } catch {
    return undefined;
  }
}

/** The project folder is the top of a git work tree (not a folder inside someone else's repository). */
export function isRepository(root: string): boolean {
  const top = git(root, ['rev-parse', '--show-toplevel']);
  return !!top && git(root, ['rev-parse', '--show-prefix']) === '';
}

/** Who is working: the git identity when there is one, else the account's name. */
export function person(root: string): string {
  const name = git(root, ['config', 'user.name']);
  if (name) {
    const email = git(root, ['config', 'user.email']);
    return email ? `${name} <${email}>` : name;
  }
  return userInfo().username;
}

/**
 * Commit these files (paths relative to the project), and only them: what else the user
 * staged stays staged and uncommitted. False when git refused (no identity, a hook): the save
 * stands, the local history has it.
 */
export function commitFiles(root: string, files: string[], message: string): boolean {
  if (!files.length) return false;
  git(root, ['add', '--all', '--', ...files]);
  const env = git(root, ['config', 'user.name']) ? undefined : { GIT_AUTHOR_NAME: userInfo().username, GIT_AUTHOR_EMAIL: `${userInfo().username}@localhost`, GIT_COMMITTER_NAME: userInfo().username, GIT_COMMITTER_EMAIL: `${userInfo().username}@localhost` };
  return git(root, ['commit', '--quiet', '-m', message, '--only', '--', ...files], env) !== undefined;
}

/** The last commit's id. */
export function headCommit(root: string): string | undefined {
  return git(root, ['rev-parse', 'HEAD']);
}

export interface Commit {
  commit: string;
  author: string;
  at: string;
  message: string;
}

/** The commits that changed a file, newest first (renames followed). */
export function commitsOf(root: string, file: string, max = 200): Commit[] {
  const out = git(root, ['log', `--max-count=${max}`, '--follow', '--format=%H%x1f%an <%ae>%x1f%aI%x1f%s%x1e', '--', file]);
  if (!out) return [];
  return out
    .split('\x1e')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [commit, author, at, message] = l.split('\x1f');
      return { commit: commit!, author: author!, at: at!, message: message ?? '' };
    });
}

/** A file as a commit left it (undefined when it did not exist there). */
export function fileAt(root: string, commit: string, file: string): string | undefined {
  if (!/^[0-9a-f]{7,64}(~1)?$/.test(commit)) return undefined;
  return git(root, ['show', `${commit}:${file}`], undefined, true); // the text as it was, its last newline too
}
