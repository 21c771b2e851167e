// The failures of the machine around us that a person fixes (a file that is not there, a port taken, a folder
// they may not read): one line naming the thing and the fix, instead of Node's error and its stack.

interface SystemError {
  code?: string;
  path?: string;
  syscall?: string;
  port?: number;
  address?: string;
}

/** The one line for an expected system failure, or undefined for anything else (a bug). */
export function explainSystemError(error: unknown): string | undefined {
  const e = (error ?? {}) as SystemError;
  const path = e.path ?? '';
  switch (e.code) {
    case 'ENOENT':
      return path ? `no such file or folder: ${path}: check the path (relative paths start from ${process.cwd()})` : undefined;
    case 'EACCES':
    case 'EPERM':
      if (e.syscall === 'listen' || e.syscall === 'bind')
        return `permission denied to listen on port ${e.port ?? '?'}: use a port above 1023 (set PORT)`;
      return path ? `permission denied: ${path}: give this user read access (chmod), or run as a user who has it` : undefined;
    case 'EISDIR':
      return `${path || 'that path'} is a folder: give a file`;
    case 'ENOTDIR':
      return `${path || 'a part of that path'} is not a folder: check the path`;
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files: raise the limit (ulimit -n) and try again';
    case 'ENOSPC':
      return `no space left on the device${path ? ` holding ${path}` : ''}: free some space and try again`;
    default:
      return undefined;
  }
}
