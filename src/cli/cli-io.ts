import * as fs from 'fs';

/** What the CLI reads and writes, injected so the commands can run in a test without a process. */
export interface CliIo {
  /** Whether standard output is a colour terminal (the text report is then coloured). */
  readonly colorTerminal: boolean;
  /** Whether standard input is a terminal (nothing piped in: reading it would wait for typing). */
  readonly stdinIsTerminal: boolean;
  /** Where the configuration file is looked for. Default: the process's working directory. */
  readonly cwd?: string;
  /** Standard input as a stream (`audit` reads logs of any size); without it, `readStdin` is used. */
  readonly stdinStream?: () => AsyncIterable<Buffer>;
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
  stdinStream: () => process.stdin,
  writeFile: (file, text) => fs.writeFileSync(file, text),
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  colorTerminal: process.stdout.isTTY === true && !process.env.NO_COLOR,
  stdinIsTerminal: process.stdin.isTTY === true,
};

/**
 * All of standard input; when it cannot be read, says why on stderr and returns nothing (the
 * YAML reader then reports the empty input, so the run still ends with exit code 2).
 */
export function readStdinOrReport(io: CliIo): Buffer {
  try {
    return io.readStdin();
  } catch (e) {
    io.stderr(`cdk8s-guardrails: cannot read standard input: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return Buffer.alloc(0);
  }
}

/**
 * Writes a rendered report to `--output` or, without it, to stdout. Returns false (after saying
 * why on stderr) when the file cannot be written.
 */
export function writeReport(io: CliIo, output: string | undefined, rendered: string, flag = '--output'): boolean {
  if (output === undefined) {
    io.stdout(rendered);
    return true;
  }
  try {
    io.writeFile(output, rendered);
    return true;
  } catch (e) {
    io.stderr(`cdk8s-guardrails: cannot write ${flag} ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return false;
  }
}
