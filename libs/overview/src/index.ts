export * from './overview.dto';
export * from './overview.module';
export * from './timeline.items';
export * from './timeline.projection';
export * from './timeline-reader';
export * from './my-children-reader';
export * from './worklist.projection';
export * from './worklist-reader';
