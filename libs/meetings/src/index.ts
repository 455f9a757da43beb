export * from './decision.saga';
export * from './meeting-documents.view';
export * from './meetings.dto';
export * from './meetings.module';
export * from './meetings.read-model';
export * from './meetings.routes';
export * from './meetings.slice';
export * from './meetings.view';
