// Git, when the project folder is a repository: who the user is, and a save as a commit.
// Run with fixed arguments (execFile, never a shell); a path is passed after "--", so no file
// name can be read as an option.
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

function git(root: string, args: string[], env?: NodeJS.ProcessEnv): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, timeout: 20_000 }).trim();
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
