import * as fs from 'fs';

/** What the CLI reads and writes, injected so the commands can run in a test without a process. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input. */
  readStdin(): Buffer;
  /** Writes a report file (`--output`). */
  writeFile(file: string, text: string): void;
}

/** The real process: stdout, stderr, fd 0 and the file system. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
  readStdin: () => fs.readFileSync(0),
  writeFile: (file, text) => fs.writeFileSync(file, text),
};
