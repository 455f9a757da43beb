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

type PinoLevel = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/** Nest's logger calls, as structured JSON lines through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: PinoLevel, message: unknown, params: unknown[]) {
    // Nest passes (message, ...optional, context): the context is the last string, if any.
    const strings = params.filter((p): p is string => typeof p === 'string');
    const context = strings.at(-1);
    if (typeof message === 'object' && message !== null) {
      const text = strings.length > 1 ? strings[0] : '';
      this.logger[level]({ context, ...message }, text);
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
