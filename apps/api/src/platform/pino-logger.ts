import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '@bti/config';

export function createRootLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'bti-api' },
    // Tokens and personal data must never reach the logs, even by accident in an error object.
    redact: {
      paths: ['*.authorization', '*.headers.authorization', '*.token', '*.password'],
      remove: true,
    },
  });
}

/** Nest's logger calls, as structured JSON lines through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    params: unknown[],
  ) {
    const strings = params.filter((p): p is string => typeof p === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    if (typeof message === 'object' && message !== null) {
      const text =
        strings.length > 1
          ? strings[0]
          : typeof (message as { message?: unknown }).message === 'string'
            ? (message as { message: string }).message
            : '';
      this.logger[level]({ context, ...(message as object) }, text);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }
}
