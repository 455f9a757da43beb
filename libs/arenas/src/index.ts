export * from './arenas.dto';
export * from './arenas.module';
export * from './arenas.read-model';
export * from './arenas.routes';
export * from './arenas.slice';
